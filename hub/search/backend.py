"""What every search backend indexes and answers, and the protocol they share.

The indexer (an outbox consumer) turns published articles, documents and
gazette items into :class:`SearchEntry` values; the GraphQL ``search`` field
turns its arguments into a :class:`SearchQuery`; a :class:`SearchBackend`
(``db`` on SQLite or PostgreSQL, or ``typesense``) answers with
:class:`SearchResults`. Nothing here touches a database.

Only published content is ever indexed (the indexer removes whatever is
unpublished), so "is in the index" is the public filter. Tenant scoping fails
closed: a query without tenant ids is an error, never "every tenant".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import NamedTuple, Protocol

from hub.text.folding import nfc

KINDS = ("article", "document", "gazette")
MAX_PAGE_SIZE = 50
MAX_PAGE = 100  # deeper pages cost the database more than any reader needs
MAX_KEY_LENGTH = 200


class SearchErrorCode(StrEnum):
    """Why a query was refused (one code per kind of bad input)."""

    QUERY_EMPTY = "QUERY_EMPTY"  # no words and no filter: nothing to search for
    QUERY_TOO_LONG = "QUERY_TOO_LONG"  # more characters or words than a search needs
    NO_TENANT = "NO_TENANT"  # scoping fails closed
    INVALID_FILTER = "INVALID_FILTER"  # unknown kind, reversed date range…
    INVALID_PAGE = "INVALID_PAGE"  # page < 1 or beyond MAX_PAGE, page_size < 1


class SearchQueryError(ValueError):
    """A query the hub refuses, with a code the API turns into a typed error."""

    def __init__(self, code: SearchErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


class SearchUnavailable(RuntimeError):
    """The search service cannot answer (Typesense down or refusing): not the reader's fault."""


class SearchEntryError(ValueError):
    """An entry the indexer built wrongly (a programming error, not user input)."""


def _clean(text: str | None) -> str:
    """NFC text without NUL or lone surrogates (PostgreSQL and UTF-8 refuse both)."""
    if not text:
        return ""
    if "\x00" in text:
        text = text.replace("\x00", " ")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return nfc(text)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """One published item as the index sees it.

    ``key`` names the item across the hub ("article:123", "document:45",
    "gazette:7"); indexing the same key again replaces the entry.
    ``visible_in`` lists the tenants whose portals show the item (the owner
    and every placement receiver); the owner is always added. ``body`` is plain
    text (the caller strips HTML). ``number`` is a document's số ký hiệu
    ("42/2022/NĐ-CP"). ``year`` feeds the year filter and facet (a document's
    year of issue); it defaults to the year of ``published_at``.
    """

    key: str
    kind: str
    tenant_id: int
    title: str
    published_at: datetime
    url_path: str
    visible_in: Sequence[int] = ()
    language: str = "vi"
    category: str | None = None
    summary: str = ""
    body: str = ""
    number: str | None = None
    year: int | None = None

    def __post_init__(self) -> None:
        if not self.key or len(self.key) > MAX_KEY_LENGTH:
            raise SearchEntryError(f"bad search key {self.key!r}")
        if self.kind not in KINDS:
            raise SearchEntryError(f"unknown kind {self.kind!r}")
        set_ = object.__setattr__  # frozen: normalise once, here
        set_(self, "visible_in", tuple(sorted({self.tenant_id, *self.visible_in})))
        set_(self, "published_at", as_utc(self.published_at))
        set_(self, "year", self.year if self.year is not None else self.published_at.year)
        for name in ("title", "summary", "body", "url_path", "language"):
            set_(self, name, _clean(getattr(self, name)))
        set_(self, "number", _clean(self.number) or None)
        set_(self, "category", _clean(self.category) or None)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A reader's search: words, scope, filters and the page wanted.

    ``tenant_ids`` is the scope (the caller expands descendants); an entry
    matches when any of them is in its ``visible_in``. ``published_from`` is
    inclusive, ``published_to`` exclusive. ``page`` counts from 1;
    ``page_size`` is capped at 50. Empty ``text`` lists the scope newest
    first, but only when at least one filter narrows it.
    """

    text: str = ""
    tenant_ids: Sequence[int] = ()
    kinds: Sequence[str] = ()
    published_from: datetime | None = None
    published_to: datetime | None = None
    category: str | None = None
    year: int | None = None
    language: str | None = None
    page: int = 1
    page_size: int = 20
    facets: bool = False

    @property
    def has_filters(self) -> bool:
        """Whether anything beyond the tenant scope narrows the results."""
        return bool(
            self.kinds
            or self.published_from
            or self.published_to
            or self.category
            or self.year is not None
            or self.language
        )


class Segment(NamedTuple):
    """A run of text, marked or not: templates render ``<mark>`` around matches, escaped."""

    text: str
    is_match: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result. ``score`` orders hits within one response only."""

    key: str
    kind: str
    tenant_id: int
    title: str
    url_path: str
    published_at: datetime
    score: float
    number: str | None
    category: str | None
    language: str
    title_highlight: list[Segment]
    snippet: list[Segment]


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts over the whole result set, largest first."""

    kind: dict[str, int] = field(default_factory=dict)
    tenant: dict[int, int] = field(default_factory=dict)
    category: dict[str, int] = field(default_factory=dict)
    year: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of hits, the total behind it and (when asked) the facets."""

    total: int
    page: int
    page_size: int
    hits: list[SearchHit]
    facets: Facets | None = None

    @property
    def pages(self) -> int:
        """How many pages the total makes."""
        return -(-self.total // self.page_size) if self.total else 0


class SearchBackend(Protocol):
    """A search index. Implementations: :mod:`hub.search.sqlite_fts`,
    :mod:`hub.search.postgres_fts`, :mod:`hub.search.typesense_backend`."""

    name: str

    async def prepare(self) -> None:
        """Create the index's storage if missing (idempotent; safe at every start)."""

    async def index(self, entries: Sequence[SearchEntry]) -> None:
        """Add or replace entries by key (idempotent, so outbox replays are harmless)."""

    async def remove(self, keys: Sequence[str]) -> None:
        """Remove entries by key; unknown keys are ignored."""

    async def search(self, query: SearchQuery) -> SearchResults:
        """Answer a query; raises :class:`SearchQueryError` for bad input, nothing else."""

    async def clear(self, tenant_id: int | None = None) -> None:
        """Remove every entry, or only those owned by ``tenant_id``."""

    async def count(self) -> int:
        """How many entries the index holds."""

    async def optimize(self) -> None:
        """Tidy the index after a bulk load (statistics, merged segments); safe any time."""

    async def close(self) -> None:
        """Release connections the backend opened itself."""
