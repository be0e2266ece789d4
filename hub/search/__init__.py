"""Vietnamese-aware search over everything the portals publish.

One :class:`SearchBackend` protocol, three implementations behind
:func:`create_backend`: FTS5 on SQLite and ``tsvector``/``pg_trgm`` on
PostgreSQL (the ``db`` backend, picked by the database's dialect) and
Typesense. See ``docs/search.md``.
"""

from hub.search.backend import (
    KINDS,
    MAX_PAGE_SIZE,
    Facets,
    SearchBackend,
    SearchEntry,
    SearchEntryError,
    SearchErrorCode,
    SearchHit,
    SearchQuery,
    SearchQueryError,
    SearchResults,
    SearchUnavailable,
    Segment,
)
from hub.search.factory import create_backend, db_backend

__all__ = [
    "KINDS",
    "MAX_PAGE_SIZE",
    "Facets",
    "SearchBackend",
    "SearchEntry",
    "SearchEntryError",
    "SearchErrorCode",
    "SearchHit",
    "SearchQuery",
    "SearchQueryError",
    "SearchResults",
    "SearchUnavailable",
    "Segment",
    "create_backend",
    "db_backend",
]
