"""The document database's search tool: filters and facet counts (REGULATIONS §3 C9, §6 item 4).

Filters: number (any common spelling), type, issuer, field, signer, issue
dates, year, validity status and free text over number, title and abstract.
Facet counts follow the usual faceted-search rule: each dimension is counted
with every filter applied except its own, so a reader who picked one type
still sees how many documents the other types hold.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from hub.models.documents import DocumentSigner, DocumentSubject, LegalDocument
from hub.services.document_status import Validity, status_condition
from hub.text.citations import number_key
from hub.text.folding import fold, nfc

MAX_TEXT = 200
FACET_SIZE = 30


@dataclass(frozen=True)
class DocumentFilter:
    """What a reader narrows the list by; empty means "any"."""

    number: str = ""
    doc_types: tuple[str, ...] = ()
    issuer: str = ""
    subject: str = ""
    signer: str = ""
    issued_from: date | None = None
    issued_to: date | None = None
    year: int | None = None
    status: Validity | None = None
    text: str = ""
    language: str | None = None
    # The workflow status (draft, submitted…): the workspace's list; readers see published only.
    workflow_status: str | None = None


@dataclass
class FacetCount:
    value: str
    label: str
    count: int


@dataclass
class DocumentFacets:
    types: list[FacetCount] = field(default_factory=list)
    issuers: list[FacetCount] = field(default_factory=list)
    subjects: list[FacetCount] = field(default_factory=list)
    years: list[FacetCount] = field(default_factory=list)
    statuses: list[FacetCount] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return fold(nfc(text))[:MAX_TEXT].split()


def apply_filter(
    qs: QuerySet[LegalDocument], f: DocumentFilter, today: date
) -> QuerySet[LegalDocument]:
    """``qs`` narrowed by every filter of ``f`` (statuses as of ``today``)."""
    if f.number.strip():
        key = number_key(f.number)
        # A full number matches exactly; a partial one ("42/2022") by its start.
        qs = qs.filter(Q(number_key=key) | Q(number_key__startswith=f"{key}/")) if key else qs
    if f.doc_types:
        qs = qs.filter(doc_type__in=list(f.doc_types))
    if f.issuer.strip():
        qs = qs.filter(issuer_name=nfc(f.issuer.strip()))
    if f.subject.strip():
        subjects = DocumentSubject.filter(key=fold(f.subject.strip()))
        qs = qs.filter(id__in=Subquery(subjects.values("document_id")))
    if f.signer.strip():
        signers = DocumentSigner.filter(name__icontains=nfc(f.signer.strip())[:MAX_TEXT])
        qs = qs.filter(id__in=Subquery(signers.values("document_id")))
    if f.issued_from:
        qs = qs.filter(issued_on__gte=f.issued_from)
    if f.issued_to:
        qs = qs.filter(issued_on__lte=f.issued_to)
    if f.year:
        qs = qs.filter(issued_year=f.year)
    if f.status:
        qs = qs.filter(status_condition(f.status, today))
    for word in _words(f.text):
        qs = qs.filter(search_text__contains=word)
    if f.language:
        qs = qs.filter(language=f.language)
    if f.workflow_status:
        qs = qs.filter(status=f.workflow_status)
    return qs


async def _grouped(qs: QuerySet[LegalDocument], column: str) -> list[tuple[Any, int]]:
    rows = (
        await qs.annotate(n=Count("id"))
        .group_by(column)
        .order_by("-n", column)
        .limit(FACET_SIZE)
        .values_list(column, "n")
    )
    return [(value, n) for value, n in rows]


async def facets(
    base: Callable[[], QuerySet[LegalDocument]], f: DocumentFilter, today: date
) -> DocumentFacets:
    """Counts per type, issuer, field, year and status; each ignores its own filter."""

    def without(**cleared: Any) -> QuerySet[LegalDocument]:
        return apply_filter(base(), replace(f, **cleared), today)

    out = DocumentFacets()
    out.types = [FacetCount(v, v, n) for v, n in await _grouped(without(doc_types=()), "doc_type")]
    out.issuers = [
        FacetCount(v, v, n) for v, n in await _grouped(without(issuer=""), "issuer_name")
    ]
    out.years = [
        FacetCount(str(v), str(v), n) for v, n in await _grouped(without(year=None), "issued_year")
    ]
    docs = without(subject="")
    subject_rows = (
        await DocumentSubject.filter(document_id__in=Subquery(docs.values("id")))
        .annotate(n=Count("id"))
        .group_by("key", "name")
        .order_by("-n", "key")
        .limit(FACET_SIZE)
        .values_list("key", "name", "n")
    )
    out.subjects = [FacetCount(k, name, n) for k, name, n in subject_rows]
    unfiltered = without(status=None)
    # One count per status, run side by side (PostgreSQL works them on its own cores).
    counts = await asyncio.gather(
        *(unfiltered.filter(status_condition(status, today)).count() for status in Validity)
    )
    out.statuses = [
        FacetCount(status.value, status.value, n)
        for status, n in zip(Validity, counts, strict=True)
        if n
    ]
    return out
