"""Citations between content and documents: recorded on save, linked on read.

The parser (:mod:`hub.text.citations`) finds the references; this module
keeps them by number key (so a citation written before the cited document was
entered links up once it is), answers "who cites this document", warns
editors who cite an expired document, and turns references in rendered HTML
into links to the documents the database holds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from hub.models.base import ContentStatus
from hub.models.documents import DocumentCitation, LegalDocument
from hub.services.document_status import Validity, validities
from hub.text.citations import Citation, find_citations

# Statuses an editor is warned about when citing a document.
STALE = frozenset({Validity.EXPIRED, Validity.SUSPENDED, Validity.NOT_YET_EFFECTIVE})
_TAG = re.compile(r"(<[^>]*>)")


async def record(
    tenant_id: int, source_kind: str, source_id: int, text: str, own_key: str = ""
) -> None:
    """Replace the citations recorded for one article or document (inside its transaction)."""
    await DocumentCitation.filter(source_kind=source_kind, source_id=source_id).delete()
    seen: dict[str, Citation] = {}
    for citation in find_citations(text):
        key = citation.number_key
        if key and key != own_key:
            seen.setdefault(key, citation)
    await DocumentCitation.bulk_create(
        [
            DocumentCitation(
                tenant_id=tenant_id,
                source_kind=source_kind,
                source_id=source_id,
                number=c.number,
                number_key=key,
                doc_type=c.doc_type.value if c.doc_type else "",
                cited_issued_on=c.issued_on,
            )
            for key, c in seen.items()
        ]
    )


async def citing(number_key: str, limit: int = 50) -> tuple[list[int], list[int]]:
    """Ids of the articles and of the documents that cite this number (newest rows first)."""
    rows = (
        await DocumentCitation.filter(number_key=number_key)
        .order_by("-id")
        .limit(limit)
        .values("source_kind", "source_id")
    )
    articles = [r["source_id"] for r in rows if r["source_kind"] == "article"]
    documents = [r["source_id"] for r in rows if r["source_kind"] == "document"]
    return articles, documents


async def published_by_key(keys: list[str]) -> dict[str, LegalDocument]:
    """Published documents by number key (one per key: ambiguous keys are left out)."""
    if not keys:
        return {}
    docs = await LegalDocument.unscoped().filter(
        number_key__in=keys, status=ContentStatus.PUBLISHED
    )
    by_key: dict[str, list[LegalDocument]] = {}
    for doc in docs:
        by_key.setdefault(doc.number_key, []).append(doc)
    return {key: found[0] for key, found in by_key.items() if len(found) == 1}


@dataclass(frozen=True)
class CitationCheck:
    """One reference found in a text, and what the database knows of it."""

    citation: Citation
    document: LegalDocument | None
    validity: Validity | None

    @property
    def warning(self) -> bool:
        """Whether the editor should look again: the cited document is not in force."""
        return self.validity in STALE


async def check(text: str, today: date) -> list[CitationCheck]:
    """Every reference in ``text`` with the cited document and its status on ``today``."""
    citations = find_citations(text)
    known = await published_by_key(sorted({c.number_key for c in citations}))
    statuses = await validities(list(known.values()), today)
    return [
        CitationCheck(
            c,
            known.get(c.number_key),
            statuses.get(known[c.number_key].id) if c.number_key in known else None,
        )
        for c in citations
    ]


async def link_html(body: str, url_for: Callable[[LegalDocument], str]) -> str:
    """``body`` (sanitised HTML) with references to known documents turned into links.

    Only text outside tags and outside existing links is touched; the inserted
    markup is built here from escaped values, so the result stays safe.
    """
    parts = _TAG.split(body)
    texts = [html.unescape(p) for i, p in enumerate(parts) if i % 2 == 0]
    keys = sorted({c.number_key for t in texts for c in find_citations(t)})
    known = await published_by_key(keys)
    if not known:
        return body
    out: list[str] = []
    in_link = 0
    for i, part in enumerate(parts):
        if i % 2:
            lowered = part.lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                in_link += 1
            elif lowered.startswith("</a"):
                in_link = max(0, in_link - 1)
            out.append(part)
            continue
        if in_link or not part:
            out.append(part)
            continue
        out.append(_link_text(html.unescape(part), known, url_for))
    return "".join(out)


def _link_text(
    text: str, known: dict[str, LegalDocument], url_for: Callable[[LegalDocument], str]
) -> str:
    out, last = [], 0
    for c in find_citations(text):
        doc = known.get(c.number_key)
        if doc is None:
            continue
        out.append(html.escape(text[last : c.start], quote=False))
        out.append(
            f'<a class="citation" href="{html.escape(url_for(doc))}">'
            f"{html.escape(text[c.start : c.end], quote=False)}</a>"
        )
        last = c.end
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)
