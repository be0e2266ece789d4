"""What every reader yields: one :class:`SourceItem` per article of the old portal.

Readers (``jsonl``, ``csvfile``, ``feeds``, ``wxr``) only parse; everything
they find is put into these plain fields, and :mod:`importers.core` does the
rest the same way for every kind of source.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from email.utils import parsedate_to_datetime

from hub.text.legacy import to_unicode


class SourceError(ValueError):
    """The export cannot be read; the message says where."""


@dataclass
class SourceFile:
    """A picture or attachment named by the export: a URL or a path, with its text."""

    ref: str
    alt: str = ""
    caption: str = ""


@dataclass
class SourceItem:
    """One article of the old portal, as the export gives it."""

    external_id: str
    title: str
    body: str = ""
    summary: str = ""
    published_at: datetime | None = None
    modified_at: datetime | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    author: str = ""
    # Old addresses (absolute or site-relative): the first is where links resolve from.
    urls: list[str] = field(default_factory=list)
    kind: str = "news"  # an ArticleKind value; WordPress pages are "page"
    slug: str = ""
    published: bool = True  # drafts, private and deleted items are skipped
    cover: SourceFile | None = None
    attachments: list[SourceFile] = field(default_factory=list)

    def fingerprint(self) -> str:
        """SHA-256 of everything imported from the item: equal means unchanged."""
        data = asdict(self)
        for name in ("published_at", "modified_at"):
            data[name] = data[name].isoformat() if data[name] else None
        # modified_at alone changes nothing readers see; it only drives --since.
        data.pop("modified_at")
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()

    def convert_legacy_text(self) -> set[str]:
        """Convert TCVN3/VNI/Windows-1258 text fields to Unicode; the encodings found."""
        found: set[str] = set()

        def fix(value: str) -> str:
            converted = to_unicode(value)
            if converted.encoding:
                found.add(converted.encoding)
            return converted.text

        self.title, self.summary, self.body = fix(self.title), fix(self.summary), fix(self.body)
        self.author = fix(self.author)
        self.categories = [fix(c) for c in self.categories]
        self.tags = [fix(t) for t in self.tags]
        for file in [self.cover, *self.attachments]:
            if file is not None:
                file.alt, file.caption = fix(file.alt), fix(file.caption)
        return found


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_date(value: str | None, zone: tzinfo) -> datetime | None:
    """ISO 8601, RFC 822 (feeds) or ``dd/mm/yyyy [HH:MM]`` (Vietnamese CMSs), in UTC.

    A time without an offset is read in ``zone`` (the old portal's own, usually
    Asia/Ho_Chi_Minh). An empty or unreadable value gives ``None``.
    """
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):  # WordPress's "never"
        return None
    moment: datetime | None = None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _DMY.match(value)
        if match:
            d, m, y, hh, mm, ss = match.groups()
            moment = datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        else:
            try:
                moment = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)
