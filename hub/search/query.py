"""From a reader's :class:`SearchQuery` to a checked, tokenised :class:`QueryPlan`.

Query text never reaches a search engine's own syntax: it is cleaned, folded
and split into words here, and each backend builds its MATCH expression,
tsquery or Typesense ``q`` from those words alone (letters and digits), so
``"``, ``*``, ``NEAR``, ``-``, ``:``, ``(`` and quotes are just separators.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from hub.search.analysis import marked_forms, words
from hub.search.backend import (
    KINDS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    SearchErrorCode,
    SearchQuery,
    SearchQueryError,
    as_utc,
)
from hub.search.numbers import NumberQuery, find_number
from hub.text.folding import fold

MAX_QUERY_CHARS = 300  # a long sentence; a pasted page is refused, not searched
MAX_QUERY_WORDS = 24
MAX_SCOPE = 10_000  # tenant ids in one scope: a province has hundreds
MAX_FILTER_CHARS = 200


@dataclass(frozen=True, slots=True)
class QueryPlan:
    """A valid query, ready for any backend.

    ``terms`` are the distinct folded words; ``marked`` the marked forms of
    the words typed with diacritics (the exact-diacritics bonus, see
    :mod:`hub.search.analysis`); ``number`` a document number found in the text.
    """

    text: str
    terms: tuple[str, ...]
    marked: tuple[str, ...]
    number: NumberQuery | None
    tenant_ids: tuple[int, ...]
    kinds: tuple[str, ...]
    published_from: datetime | None
    published_to: datetime | None
    category: str | None
    year: int | None
    language: str | None
    page: int
    page_size: int
    facets: bool

    @property
    def offset(self) -> int:
        """Rows to skip before this page."""
        return (self.page - 1) * self.page_size


def _error(code: SearchErrorCode, message: str) -> SearchQueryError:
    return SearchQueryError(code, message)


def clean_query_text(text: str) -> str:
    """NFC text with lone surrogates, NUL and other control characters turned into spaces."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        # Cs: lone surrogates (JSON allows "\ud800"); Cc: controls, NUL included.
        kept.append(" " if category in ("Cs", "Cc") else char)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def _filter_text(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    cleaned = clean_query_text(value)
    if len(cleaned) > MAX_FILTER_CHARS:
        raise _error(SearchErrorCode.INVALID_FILTER, f"{name} is too long")
    if "`" in cleaned:  # Typesense quotes filter values in backticks; slugs never hold one
        raise _error(SearchErrorCode.INVALID_FILTER, f"{name} may not contain a backtick")
    return cleaned or None


def plan_query(query: SearchQuery) -> QueryPlan:
    """Check a query and split its text; raises :class:`SearchQueryError` for bad input."""
    if not isinstance(query.text, str):
        raise _error(SearchErrorCode.INVALID_FILTER, "the query text must be a string")
    if len(query.text) > MAX_QUERY_CHARS:
        raise _error(
            SearchErrorCode.QUERY_TOO_LONG, f"the query is longer than {MAX_QUERY_CHARS} characters"
        )
    tenant_ids = tuple(dict.fromkeys(int(t) for t in query.tenant_ids))
    if not tenant_ids:
        raise _error(SearchErrorCode.NO_TENANT, "a search needs a tenant scope")
    if len(tenant_ids) > MAX_SCOPE:
        raise _error(SearchErrorCode.INVALID_FILTER, "the tenant scope is too large")
    kinds = tuple(dict.fromkeys(query.kinds))
    if any(kind not in KINDS for kind in kinds):
        raise _error(SearchErrorCode.INVALID_FILTER, f"kinds must be among {', '.join(KINDS)}")
    start = as_utc(query.published_from) if query.published_from else None
    end = as_utc(query.published_to) if query.published_to else None
    if start and end and start >= end:
        raise _error(SearchErrorCode.INVALID_FILTER, "published_from must be before published_to")
    if query.year is not None and not 1 <= query.year <= 9999:
        raise _error(SearchErrorCode.INVALID_FILTER, "year is out of range")
    if query.page < 1 or query.page > MAX_PAGE:
        raise _error(SearchErrorCode.INVALID_PAGE, f"page must be between 1 and {MAX_PAGE}")
    if query.page_size < 1:
        raise _error(SearchErrorCode.INVALID_PAGE, "page_size must be at least 1")

    text = clean_query_text(query.text)
    terms = tuple(dict.fromkeys(words(text)))
    if len(terms) > MAX_QUERY_WORDS:
        raise _error(
            SearchErrorCode.QUERY_TOO_LONG, f"the query has more than {MAX_QUERY_WORDS} words"
        )
    if not terms and not query.has_filters:
        raise _error(SearchErrorCode.QUERY_EMPTY, "type a few words or choose a filter")
    return QueryPlan(
        text=text,
        terms=terms,
        marked=tuple(marked_forms(text)),
        number=find_number(fold(text)) if terms else None,
        tenant_ids=tenant_ids,
        kinds=kinds,
        published_from=start,
        published_to=end,
        category=_filter_text(query.category, "category"),
        year=query.year,
        language=_filter_text(query.language, "language"),
        page=query.page,
        page_size=min(query.page_size, MAX_PAGE_SIZE),
        facets=query.facets,
    )
