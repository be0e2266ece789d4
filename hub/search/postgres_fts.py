"""The ``db`` backend on PostgreSQL: ``tsvector`` over folded text, ``pg_trgm`` for typos.

Tables (made by :meth:`PostgresSearch.prepare`, see :mod:`hub.search.sql` for why):

- ``search_entry``: one slim row per entry (what matching, ranking and facets
  read for every match): number key and parts,
  ``visible_in int[]`` (GIN), the title's word lists for ranking
  (``title_words``: folded title and number words; ``title_marks``: the
  title's marked forms), ``tsv``, the entry's distinct folded words as a
  ``tsvector`` (``array_to_tsvector``: taken as they are, no positions, no
  dictionary: the text is folded Vietnamese, which no PostgreSQL dictionary
  knows) for matching, under a GIN index, and ``title_tsv``, the same for
  ``title_words`` (read in the row, to skip the title tests for most matches);
- ``search_doc``: the display fields (title, summary, body, URL, number),
  read only for the page of hits;
- ``search_word``: the vocabulary of indexed words (three letters or more)
  under a trigram GiST index: a query word missing from it is replaced by its
  nearest neighbours (``<->``, pg_trgm), kept when within the edit distance;
- ``search_meta``: the tables' schema version.

Folding happens in Python (:func:`hub.text.folding.fold`) before anything
reaches PostgreSQL, so ``unaccent`` is not used: one folding rule, not two
that could drift apart (``unaccent`` leaves ``đ`` alone in some versions).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tortoise.transactions import in_transaction

from hub.search.analysis import AnalysedEntry
from hub.search.backend import SearchEntry
from hub.search.query import QueryPlan
from hub.search.sql import (
    Match,
    Page,
    Params,
    SqlSearch,
    chunks,
    facets_from_rows,
    plain_filters,
)
from hub.search.sql import unique_by_key as _analysed

NEIGHBOURS = 20  # trigram neighbours examined per unknown word

SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # What matching, ranking and facets read for every match: kept slim, so that a
    # query matching most of the index reads few pages. Display text is apart.
    """CREATE TABLE IF NOT EXISTS search_entry (
        id bigserial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        kind text NOT NULL,
        tenant_id integer NOT NULL,
        visible_in integer[] NOT NULL,
        language text NOT NULL,
        category text,
        year integer NOT NULL,
        published_at timestamptz NOT NULL,
        number_key text,
        doc_serial integer,
        doc_year integer,
        doc_type text,
        title_words text NOT NULL,
        title_marks text NOT NULL,
        title_tsv tsvector NOT NULL,
        tsv tsvector NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS search_doc (
        id bigint PRIMARY KEY REFERENCES search_entry (id) ON DELETE CASCADE,
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        url_path text NOT NULL,
        number text
    )""",
    # Only the GIN index reads `tsv` (its bitmaps are exact: no recheck): when a long
    # document's row must be toasted, `tsv` goes out of line whole, uncompressed, and
    # its row stays small for the scans that read every match.
    "ALTER TABLE search_entry ALTER COLUMN tsv SET STORAGE EXTERNAL",
    "CREATE INDEX IF NOT EXISTS search_entry_tsv ON search_entry USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS search_entry_visible ON search_entry USING gin (visible_in)",
    "CREATE INDEX IF NOT EXISTS search_entry_tenant ON search_entry (tenant_id)",
    "CREATE INDEX IF NOT EXISTS search_entry_published ON search_entry (published_at)",
    "CREATE INDEX IF NOT EXISTS search_entry_number_key ON search_entry (number_key)",
    "CREATE INDEX IF NOT EXISTS search_entry_doc_serial ON search_entry (doc_serial)",
    "CREATE TABLE IF NOT EXISTS search_word (word text PRIMARY KEY)",
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON search_word USING gist (word gist_trgm_ops)",
]

# (column, array type) of the unnest() that upserts a batch in one statement.
_COLUMNS = (
    ("key", "text"),
    ("kind", "text"),
    ("tenant_id", "integer"),
    ("visible_in", "text"),  # "{1,2}" literals: unnest cannot take an array of arrays
    ("language", "text"),
    ("category", "text"),
    ("year", "integer"),
    ("published_at", "timestamptz"),
    ("number_key", "text"),
    ("doc_serial", "integer"),
    ("doc_year", "integer"),
    ("doc_type", "text"),
    ("title_words", "text"),
    ("title_marks", "text"),
    ("f_words", "text"),  # the entry's distinct words, for matching
    ("d_title", "text"),  # d_*: display fields, for search_doc
    ("d_summary", "text"),
    ("d_body", "text"),
    ("d_url_path", "text"),
    ("d_number", "text"),
)
_ENTRY = [name for name, _ in _COLUMNS if name[:2] not in ("f_", "d_")]
_DOC = [name[2:] for name, _ in _COLUMNS if name.startswith("d_")]
_UPSERT = (
    "WITH u AS (SELECT * FROM unnest("
    + ", ".join(f"${i}::{kind}[]" for i, (_, kind) in enumerate(_COLUMNS, 1))
    + f") AS u({', '.join(name for name, _ in _COLUMNS)})), "
    f"e AS (INSERT INTO search_entry ({', '.join(_ENTRY)}, title_tsv, tsv) SELECT "
    + ", ".join("u.visible_in::integer[]" if n == "visible_in" else f"u.{n}" for n in _ENTRY)
    # Matching needs no positions or weights: the distinct words as they are (the text
    # parser would cost more than the rest of the insert).
    + ", array_to_tsvector(string_to_array(trim(u.title_words), ' ')),"
    " array_to_tsvector(string_to_array(u.f_words, ' ')) FROM u "
    "ON CONFLICT (key) DO UPDATE SET "
    + ", ".join(f"{n} = excluded.{n}" for n in [*_ENTRY[1:], "title_tsv", "tsv"])
    + " RETURNING id, key) "
    f"INSERT INTO search_doc (id, {', '.join(_DOC)}) SELECT e.id, "
    + ", ".join(f"u.d_{n}" for n in _DOC)
    + " FROM e JOIN u ON u.key = e.key ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{n} = excluded.{n}" for n in _DOC)
)
_DISPLAY = (
    "e.id, e.key, e.kind, e.tenant_id, e.language, e.category, d.title, d.summary, d.body, "
    "d.url_path, d.number, e.published_at"
)


# For the search transaction only (SET LOCAL):
# - asyncpg prepares every statement, and a generic plan, made without knowing the
#   words, would pick the wrong index for half the queries;
# - with words to match, a sequential scan would read every row's `tsvector` back
#   from TOAST, a cost the planner does not see: matching must use the GIN index;
# - bitmaps over a broad match must stay exact (a lossy one rechecks every `tsvector`).
_SEARCH_SETTINGS = "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL work_mem = '32MB'"
_TEXT_SETTINGS = "SET LOCAL enable_seqscan = off"  # only when words are matched


def tsquery_text(match: Match) -> str:
    """``tsquery`` text: each group an OR of quoted words, groups joined by & (or |).

    Cast with ``::tsquery``, not ``to_tsquery``: lexemes are taken as they are,
    like the words ``array_to_tsvector`` stored. Words are letters and digits
    only (see :mod:`hub.search.query`); quoting keeps even those from being
    read as operators.
    """
    groups = ["(" + " | ".join(f"'{w}'" for w in group) + ")" for group in match.groups]
    return (" | " if match.any_group else " & ").join(groups)


def _spaced(words: Sequence[str] | frozenset[str]) -> str:
    return " " + " ".join(words) + " " if words else " "


def _distinct_words(item: AnalysedEntry) -> set[str]:
    return {w for text in (item.title, item.number, item.summary, item.body) for w in text.split()}


def _vocabulary(distinct: Sequence[set[str]]) -> list[str]:
    """The batch's words a typo could be corrected to (letters only, three or more)."""
    found: set[str] = set()
    for item_words in distinct:
        found.update(w for w in item_words if len(w) >= 3 and w.isalpha())
    return sorted(found)  # sorted: concurrent batches lock words in one order


def _columns(batch: Sequence[AnalysedEntry], distinct: Sequence[set[str]]) -> list[list[Any]]:
    """The batch as one list per column of ``_COLUMNS``."""
    rows = []
    for item, item_words in zip(batch, distinct, strict=True):
        entry, parts = item.entry, item.parts
        rows.append(
            [
                entry.key,
                entry.kind,
                entry.tenant_id,
                "{" + ",".join(str(t) for t in entry.visible_in) + "}",
                entry.language,
                entry.category,
                entry.year,
                entry.published_at,
                item.number_key,
                parts.serial if parts else None,
                parts.year if parts else None,
                parts.type_code if parts else None,
                _spaced(sorted(item.title_words)),
                _spaced(item.title_marks),
                " ".join(item_words),
                entry.title,
                entry.summary,
                entry.body,
                entry.url_path,
                entry.number,
            ]
        )
    return [list(column) for column in zip(*rows, strict=True)]


class PostgresSearch(SqlSearch):
    """Full-text search in the hub's own PostgreSQL database."""

    async def prepare(self) -> None:
        """Create the extension, tables and indexes if missing, one process at a time;
        tables of an older shape (see ``SCHEMA_VERSION``) are dropped and made anew."""
        async with in_transaction(self._connection_name) as conn:
            await conn.execute_query("SELECT pg_advisory_xact_lock(hashtext('thudo.search'))")
            await self._create_schema(
                conn, ("search_doc", "search_entry", "search_word"), SCHEMA, "$1"
            )

    async def index(self, entries: Sequence[SearchEntry]) -> None:
        """Upsert entries by key, one statement per batch, and grow the vocabulary."""
        for batch in chunks(_analysed(entries)):
            distinct = [_distinct_words(item) for item in batch]
            async with in_transaction(self._connection_name) as conn:
                await conn.execute_query(_UPSERT, _columns(batch, distinct))
                await conn.execute_query(
                    "INSERT INTO search_word (word) SELECT unnest($1::text[]) "
                    "ON CONFLICT DO NOTHING",
                    [_vocabulary(distinct)],
                )

    async def remove(self, keys: Sequence[str]) -> None:
        """Delete entries by key (their words stay in the vocabulary; harmless)."""
        for batch in chunks(list(dict.fromkeys(keys))):
            await self._conn.execute_query(
                "DELETE FROM search_entry WHERE key = ANY($1::text[])", [list(batch)]
            )

    async def clear(self, tenant_id: int | None = None) -> None:
        """Delete every entry (and the vocabulary), or those owned by ``tenant_id``."""
        if tenant_id is None:
            await self._conn.execute_query("TRUNCATE search_doc, search_entry, search_word")
        else:
            await self._conn.execute_query(
                "DELETE FROM search_entry WHERE tenant_id = $1", [tenant_id]
            )

    async def optimize(self) -> None:
        """VACUUM ANALYZE the index: after a bulk load the planner has no statistics and
        picks plans that read every row (autovacuum catches up, but later)."""
        for table in ("search_entry", "search_doc", "search_word"):
            await self._conn.execute_script(f"VACUUM ANALYZE {table}")

    async def count(self) -> int:
        """Entries in the index."""
        rows = await self._conn.execute_query_dict("SELECT count(*) AS n FROM search_entry")
        return int(rows[0]["n"])

    # --- searching ------------------------------------------------------------

    async def _known_words(self, words: Sequence[str]) -> set[str]:
        rows = await self._conn.execute_query_dict(
            "SELECT word FROM search_word WHERE word = ANY($1::text[])", [list(words)]
        )
        return {row["word"] for row in rows}

    async def _candidates(self, word: str) -> list[str]:
        rows = await self._conn.execute_query_dict(
            "SELECT word FROM search_word ORDER BY word <-> $1 LIMIT $2", [word, NEIGHBOURS]
        )
        return [row["word"] for row in rows]

    @staticmethod
    def _number_condition(plan: QueryPlan, p: Params) -> str:
        """Entries whose number matches the query's: same key, or the parts typed."""
        assert plan.number is not None
        parts = plan.number.parts
        cond = [f"e.doc_serial = {p(parts.serial)}"]
        if parts.year is not None:
            cond.append(f"e.doc_year = {p(parts.year)}")
        if parts.type_code is not None:
            cond.append(f"e.doc_type = {p(parts.type_code)}")
        parts_cond = " AND ".join(cond)
        if plan.number.key:
            return f"(e.number_key = {p(plan.number.key)} OR ({parts_cond}))"
        return f"({parts_cond})"

    def _where(self, plan: QueryPlan, match: Match, p: Params, query: str | None) -> str:
        """Candidates (text match, or the number) and filters."""
        scope = p(list(plan.tenant_ids))
        # Most entries show on their owner's portal only: a hashed `= ANY` settles them,
        # and the slower array overlap runs for placed entries alone.
        where = [
            f"(e.tenant_id = ANY({scope}::integer[]) OR "
            f"(cardinality(e.visible_in) > 1 AND e.visible_in && {scope}::integer[]))"
        ]
        candidates = []
        if query is not None:
            candidates.append(f"e.tsv @@ {query}")
        if plan.number is not None and plan.terms:
            candidates.append(self._number_condition(plan, p))
        if candidates:
            where.append("(" + " OR ".join(candidates) + ")")
        if plan.kinds:
            where.append(f"e.kind = ANY({p(list(plan.kinds))}::text[])")
        if plan.published_from:
            where.append(f"e.published_at >= {p(plan.published_from)}")
        if plan.published_to:
            where.append(f"e.published_at < {p(plan.published_to)}")
        where += plain_filters(plan, p)
        return " AND ".join(where)

    async def _page(self, plan: QueryPlan, match: Match) -> Page:
        """One statement, one pass over the matches: page, total and facets together.

        Every match is ranked, so the work per match decides what a broad query
        costs. Matching goes through the GIN index on ``tsv`` alone (exact
        bitmaps: no row's ``tsvector`` is read). The title features (words
        found, marks as typed) are computed only for entries whose small
        in-row ``title_tsv`` holds a query word; every other match has none,
        and ranks by number and freshness.
        """
        p = Params("postgres")
        query = f"{p(tsquery_text(match))}::tsquery" if match.groups else None
        number = "0"
        if plan.number is not None:
            whole = f"WHEN e.number_key = {p(plan.number.key)} THEN 2 " if plan.number.key else ""
            number = f"CASE {whole}WHEN {self._number_condition(plan, p)} THEN 1 ELSE 0 END"
        title = "0"
        if match.groups:
            # title_hits * 100 + exact_hits in one number (exact_hits < 100): the
            # substring tests run only for titles holding a query word, tested first
            # on the small in-row `title_tsv`.
            any_word = f"{p(tsquery_text(Match(match.groups, any_group=True)))}::tsquery"
            hits = " + ".join(
                "("
                + " OR ".join(f"strpos(e.title_words, {p(f' {w} ')}) > 0" for w in group)
                + ")::int"
                for group in match.groups
            )
            marks = " + ".join(
                f"(strpos(e.title_marks, {p(f' {m} ')}) > 0)::int" for m in plan.marked
            )
            title = (
                f"CASE WHEN e.title_tsv @@ {any_word} "
                f"THEN ({hits}) * 100 + {marks or '0'} ELSE 0 END"
            )
        # Documents with the number typed: the whole key first, then the newest.
        order = (
            "number_hit DESC, CASE WHEN number_hit > 0 THEN published_at END DESC NULLS LAST, "
            "title_score DESC, published_at DESC, id DESC"
        )
        facets = "NULL::json"
        if plan.facets:
            # One pass, one hash table per facet.
            facets = (
                "(SELECT json_agg(json_build_array(facet, value, n)) FROM ("
                "SELECT CASE WHEN GROUPING(kind) = 0 THEN 'kind' "
                "WHEN GROUPING(tenant_id) = 0 THEN 'tenant' "
                "WHEN GROUPING(category) = 0 THEN 'category' ELSE 'year' END AS facet, "
                "coalesce(kind, tenant_id::text, category, year::text) AS value, count(*) AS n "
                "FROM hits GROUP BY GROUPING SETS ((kind), (tenant_id), (category), (year))) f)"
            )
        sql = (
            "WITH hits AS MATERIALIZED (SELECT e.id, e.kind, e.tenant_id, e.category, e.year, "
            f"e.published_at, {number} AS number_hit, {title} AS title_score "
            f"FROM search_entry e WHERE {self._where(plan, match, p, query)}) "
            "SELECT (SELECT count(*) FROM hits) AS total, "
            "(SELECT json_agg(json_build_array(id, number_hit * 1000 + title_score) "
            f"ORDER BY {order}) FROM (SELECT * FROM hits ORDER BY {order} "
            f"LIMIT {p(plan.page_size)} OFFSET {p(plan.offset)}) page) AS page, "
            f"{facets} AS facets"
        )
        async with in_transaction(self._connection_name) as conn:
            await conn.execute_script(
                _SEARCH_SETTINGS if query is None else f"{_SEARCH_SETTINGS}; {_TEXT_SETTINGS}"
            )
            row = (await conn.execute_query_dict(sql, p.values))[0]
        ranked = [(int(i), float(score)) for i, score in json.loads(row["page"] or "[]")]
        found = facets_from_rows(
            {"facet": f, "value": v, "n": n} for f, v, n in json.loads(row["facets"] or "[]")
        )
        return Page(int(row["total"]), ranked, found if plan.facets else None)

    async def _rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        rows = await self._conn.execute_query_dict(
            f"SELECT {_DISPLAY} FROM search_entry e JOIN search_doc d ON d.id = e.id "
            "WHERE e.id = ANY($1::bigint[])",
            [list(ids)],
        )
        return {row["id"]: row for row in rows}
