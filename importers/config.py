"""The small config file of an import (``--map``): columns, sections, hosts, time zone.

TOML, read with the standard library. Every key is optional::

    source = "hoankiem-cms"          # the name of the old system (default: the kind)
    timezone = "Asia/Ho_Chi_Minh"    # for dates written without an offset
    old_hosts = ["hoankiem.hanoi.gov.vn"]   # links to these hosts are internal
    base_url = "http://hoankiem.hanoi.gov.vn"  # for site-relative old addresses
    media_root = "mirror"            # where pictures and files are (relative to this file)
    list_separator = ";"             # between tags, sections, URLs in one CSV cell
    unmapped_category = "create"     # or the slug of a section to put them all in

    [mirror]                         # a local HTML mirror: see importers/mirror.py

    [columns]                        # hub field = column (CSV) or key (JSON Lines)
    id = "MaTin"
    title = "TieuDe"

    [categories]                     # old section (name or slug) = slug of a new one
    "Tin tức - Sự kiện" = "tin-tuc"

docs/migration.md lists every field.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from hub.text.folding import fold

# The hub fields a column map may name, and the column each reads by default.
FIELDS = (
    "id",
    "title",
    "summary",
    "body",
    "published_at",
    "modified_at",
    "categories",
    "tags",
    "author",
    "url",
    "slug",
    "kind",
    "status",
    "cover",
    "cover_alt",
    "attachments",
)

# The fields of a legal document (``thudo import documents``).
DOCUMENT_FIELDS = (
    "id",
    "number",
    "doc_type",
    "issuer",
    "title",
    "issued_on",
    "abstract",
    "full_text",
    "effective_from",
    "effective_until",
    "gazette_published_on",
    "signers",
    "subjects",
    "status",
    "validity",
    "relations",
    "files",
    "url",
)

# What a page of a local HTML mirror may be asked for (``[mirror.selectors]``).
MIRROR_SELECTORS = ("title", "date", "summary", "body", "category", "author", "attachments")


class ConfigError(ValueError):
    """The config file cannot be used; the message says why."""


@dataclass
class ImportConfig:
    """Everything an import may be told besides its source file."""

    source: str = ""
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Ho_Chi_Minh"))
    old_hosts: set[str] = field(default_factory=set)
    base_url: str = ""
    media_root: Path | None = None
    list_separator: str = ";"
    unmapped_category: str = "create"
    columns: dict[str, str] = field(default_factory=lambda: {f: f for f in FIELDS})
    categories: dict[str, str] = field(default_factory=dict)
    # A local HTML mirror (importers/mirror.py): which files, and where each field is.
    mirror_include: list[str] = field(default_factory=list)
    mirror_exclude: list[str] = field(default_factory=list)
    mirror_selectors: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        return self.columns.get(name, name)

    def category_slug(self, old: str) -> str | None:
        """The new section an old one maps to (by name or slug, folded), if the map says."""
        return self._folded_categories.get(fold(old.strip()))

    def __post_init__(self) -> None:
        self._folded_categories = {fold(k.strip()): v for k, v in self.categories.items()}


def load_config(path: Path | None) -> ImportConfig:
    """Read a map file; ``None`` gives the defaults."""
    if path is None:
        return ImportConfig()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    columns = {f: f for f in FIELDS}
    unknown = set(raw.get("columns", {})) - set(FIELDS) - set(DOCUMENT_FIELDS)
    if unknown:
        raise ConfigError(f"{path}: unknown fields in [columns]: {', '.join(sorted(unknown))}")
    columns.update(raw.get("columns", {}))
    media_root = raw.get("media_root")
    mirror = raw.get("mirror", {})
    selectors = {str(k): str(v) for k, v in mirror.get("selectors", {}).items()}
    unknown_selectors = set(selectors) - set(MIRROR_SELECTORS)
    if unknown_selectors:
        names = ", ".join(sorted(unknown_selectors))
        raise ConfigError(f"{path}: unknown fields in [mirror.selectors]: {names}")
    try:
        zone = ZoneInfo(raw.get("timezone", "Asia/Ho_Chi_Minh"))
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"{path}: unknown time zone {raw.get('timezone')!r}") from exc
    return ImportConfig(
        source=str(raw.get("source", "")),
        timezone=zone,
        old_hosts={h.lower() for h in raw.get("old_hosts", [])},
        base_url=str(raw.get("base_url", "")),
        media_root=(path.parent / media_root) if media_root else None,
        list_separator=str(raw.get("list_separator", ";")),
        unmapped_category=str(raw.get("unmapped_category", "create")),
        columns=columns,
        categories={str(k): str(v) for k, v in raw.get("categories", {}).items()},
        mirror_include=[str(p) for p in mirror.get("include", [])],
        mirror_exclude=[str(p) for p in mirror.get("exclude", [])],
        mirror_selectors=selectors,
    )
