"""What the two database backends share: the search flow, parameters, facets.

**Why the index lives in tables of its own, made by** ``prepare()``: the
index is derived data, rebuildable at any time from the content tables
(``thudo search reindex``), and its shape depends on the dialect (an FTS5
virtual table on SQLite, a ``tsvector`` column with GIN and trigram indexes
on PostgreSQL). Keeping it out of the Tortoise migrations means no migration
has to describe virtual tables or extensions, and changing the index is a
rebuild, never a data migration. Every table is named ``search_*``.

**Ranking** is the same on both (and mirrors the Typesense backend). Results
are ordered by, in turn:

1. a document-number match: 2 when the query holds a whole number and the
   entry's number has the same key, 1 when the parts typed (serial, and year
   and type when given) match, else 0; entries with a number match come
   newest first ("nghị định 42" means the latest decree 42);
2. how many query words occur in the title (or the document number);
3. how many words typed *with diacritics* occur exactly so in the title
   ("Hà Nội" ranks "Hà Nội" above "Hả Nói");
4. on SQLite, FTS5's bm25 with the title weighted above number, summary and
   body; PostgreSQL goes straight to freshness: scoring every match (with
   ``ts_rank`` or anything else read per row) costs too much when a query
   matches most of a large index (see :meth:`PostgresSearch._page`);
5. freshness: newer first.

Words are matched all together (AND); when that finds nothing, the last word
is dropped, then the next, until something matches (Typesense's own
``drop_tokens`` order). Words absent from
the index's vocabulary are replaced by their near misses (:mod:`hub.search.typos`);
absent words with no near miss are dropped (numbers and words under four
letters are always kept as typed).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise import connections

from hub.search.analysis import AnalysedEntry, analyse
from hub.search.backend import Facets, SearchEntry, SearchQuery, SearchResults
from hub.search.highlight import RawHit, make_hit
from hub.search.query import QueryPlan, plan_query
from hub.search.typos import close_words, typo_budget

BATCH = 500  # entries written per statement batch
# Bumped whenever the index tables change shape: prepare() then drops and remakes them
# (the index is derived data; `thudo search reindex` refills it).
SCHEMA_VERSION = "8"
META_TABLE = "CREATE TABLE IF NOT EXISTS search_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"

# (facet name, column) in the order Facets lists them.
FACET_COLUMNS = (
    ("kind", "kind"),
    ("tenant", "tenant_id"),
    ("category", "category"),
    ("year", "year"),
)


class Params:
    """Collects statement parameters and hands out numbered placeholders.

    Numbered (``?n`` on SQLite, ``$n`` on PostgreSQL), so SQL fragments can be
    built in any order and assembled in another.
    """

    def __init__(self, dialect: str) -> None:
        self.values: list[Any] = []
        self._mark = "$" if dialect == "postgres" else "?"

    def __call__(self, value: Any) -> str:
        """Add ``value``; returns its placeholder."""
        self.values.append(value)
        return f"{self._mark}{len(self.values)}"


@dataclass(frozen=True, slots=True)
class Match:
    """What to match: groups of interchangeable words, all (AND) or any (OR) of them.

    Searches use AND; PostgreSQL's title test uses OR ("does the title hold any")."""

    groups: tuple[tuple[str, ...], ...]
    any_group: bool = False

    @property
    def words(self) -> set[str]:
        """Every word that counts as a match (highlighting marks them all)."""
        return {word for group in self.groups for word in group}


@dataclass(frozen=True, slots=True)
class Page:
    """What a backend's ranking query returns: [(entry id, score)…], the total, the facets."""

    total: int
    ranked: list[tuple[int, float]]
    facets: Facets | None = None


def facets_from_rows(rows: Iterable[dict[str, Any]]) -> Facets:
    """Facets from (facet, value, n) rows, values as the facet's type, largest count first."""
    found: dict[str, list[tuple[Any, int]]] = {name: [] for name, _ in FACET_COLUMNS}
    for row in rows:
        name, value = row["facet"], row["value"]
        if value is None:
            continue
        if name in ("tenant", "year"):
            value = int(value)
        found[name].append((value, int(row["n"])))
    ordered = {
        name: dict(sorted(pairs, key=lambda pair: (-pair[1], str(pair[0]))))
        for name, pairs in found.items()
    }
    return Facets(**ordered)


def unique_by_key(entries: Sequence[SearchEntry]) -> list[AnalysedEntry]:
    """The entries analysed, the last one winning when a key repeats."""
    by_key = {entry.key: entry for entry in entries}
    return [analyse(entry) for entry in by_key.values()]


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    """``items`` in slices of ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def plain_filters(plan: QueryPlan, p: Params) -> list[str]:
    """The filters both dialects write alike (category, year, language)."""
    where = []
    if plan.category:
        where.append(f"e.category = {p(plan.category)}")
    if plan.year is not None:
        where.append(f"e.year = {p(plan.year)}")
    if plan.language:
        where.append(f"e.language = {p(plan.language)}")
    return where


class SqlSearch(ABC):
    """The search flow of the database backends; subclasses write the SQL."""

    name = "db"

    def __init__(self, connection_name: str = "default") -> None:
        self._connection_name = connection_name

    @property
    def _conn(self) -> Any:
        return connections.get(self._connection_name)

    async def close(self) -> None:
        """Nothing to release: the backend borrows Tortoise's connections."""
        return None

    @staticmethod
    async def _create_schema(
        conn: Any, tables: Sequence[str], statements: Sequence[str], placeholder: str
    ) -> None:
        """The search tables at ``SCHEMA_VERSION``: ``tables`` of an older shape are
        dropped (in that order), ``statements`` create what is missing, and the version is
        recorded (``placeholder``: the dialect's first parameter)."""
        await conn.execute_query(META_TABLE)
        rows = await conn.execute_query_dict("SELECT value FROM search_meta WHERE name = 'schema'")
        if not rows or rows[0]["value"] != SCHEMA_VERSION:
            for table in tables:
                await conn.execute_query(f"DROP TABLE IF EXISTS {table}")
        for statement in statements:
            await conn.execute_query(statement)
        await conn.execute_query(
            f"INSERT INTO search_meta (name, value) VALUES ('schema', {placeholder}) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [SCHEMA_VERSION],
        )

    async def search(self, query: SearchQuery) -> SearchResults:
        """Plan, match, rank, page, facet, highlight (see the module docstring)."""
        plan = plan_query(query)
        match = await self._match(plan)
        if match is None:
            return SearchResults(total=0, page=plan.page, page_size=plan.page_size, hits=[])
        terms = match.words  # every word typed is marked where it appears
        page = await self._page(plan, match)
        while page.total == 0 and len(match.groups) > 1:
            # As Typesense does: drop the last word until something matches. A try
            # that finds nothing costs little (the GIN intersection is empty).
            match = Match(match.groups[:-1])
            page = await self._page(plan, match)
        rows = await self._rows([entry_id for entry_id, _ in page.ranked]) if page.ranked else {}
        hits = [make_hit(self._raw_hit(rows[i], score), terms) for i, score in page.ranked]
        return SearchResults(
            total=page.total,
            page=plan.page,
            page_size=plan.page_size,
            hits=hits,
            facets=page.facets,
        )

    async def _match(self, plan: QueryPlan) -> Match | None:
        """The word groups to match, or ``None`` when nothing can match."""
        if not plan.terms:
            return Match(groups=())
        # Only words with a typo budget are looked up: shorter words and numbers are kept as typed.
        checked = [term for term in plan.terms if typo_budget(term)]
        known = await self._known_words(checked) if checked else set()
        groups: list[tuple[str, ...]] = []
        for term in plan.terms:
            if term in known or not typo_budget(term):
                groups.append((term,))
                continue
            near = close_words(term, await self._candidates(term))
            if near:
                groups.append((term, *near))
            # A long word nothing contains, and no near miss: dropped, as search engines do.
        if not groups and plan.number is None:
            return None
        return Match(groups=tuple(groups))

    @staticmethod
    def _raw_hit(row: dict[str, Any], score: float) -> RawHit:
        return RawHit(
            key=row["key"],
            kind=row["kind"],
            tenant_id=int(row["tenant_id"]),
            title=row["title"],
            summary=row["summary"],
            body=row["body"],
            url_path=row["url_path"],
            published_at=row["published_at"],
            score=score,
            number=row["number"],
            category=row["category"],
            language=row["language"],
        )

    @abstractmethod
    async def _known_words(self, words: Sequence[str]) -> set[str]:
        """Which of ``words`` the index holds."""

    @abstractmethod
    async def _candidates(self, word: str) -> list[str]:
        """Indexed words that may be what ``word`` was meant to be."""

    @abstractmethod
    async def _page(self, plan: QueryPlan, match: Match) -> Page:
        """The plan's page, best first, with the total and (when asked) the facets."""

    @abstractmethod
    async def _rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Display fields of the entries ``ids``, by id."""
