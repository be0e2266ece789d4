"""The ``db`` backend on SQLite: FTS5 over folded text (the embedded default).

Tables (made by :meth:`SqliteSearch.prepare`, see :mod:`hub.search.sql` for why):

- ``search_entry``: one row per entry, the display fields, the document
  number's key and parts, and two space-delimited word lists for ranking
  (``title_words``: folded title and number words; ``title_marks``: the
  title's marked forms, the exact-diacritics column);
- ``search_fts``: FTS5 over the folded title, number, summary and body
  (``unicode61``: the text is already folded and split, so the tokenizer only
  sees ASCII-ish words separated by spaces), rowid = ``search_entry.id``;
- ``search_fts_vocab``: the FTS5 vocabulary (``fts5vocab``), for near misses;
- ``search_visible``: (tenant, entry) pairs, the portals an entry shows on;
- ``search_meta``: the tables' schema version.

Near misses on SQLite: a word the vocabulary lacks is compared with the
indexed words that start with the same letter and are at most two letters
longer or shorter (edit distance, :mod:`hub.search.typos`). A typo in the
first letter is therefore not corrected here (PostgreSQL and Typesense do).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from hub.search.analysis import AnalysedEntry, micros
from hub.search.backend import Facets, SearchEntry
from hub.search.query import QueryPlan
from hub.search.sql import (
    FACET_COLUMNS,
    Match,
    Page,
    Params,
    SqlSearch,
    chunks,
    facets_from_rows,
    plain_filters,
)
from hub.search.sql import unique_by_key as _analysed

# Column weights for bm25: title, number, summary, body.
BM25 = "bm25(search_fts, 10.0, 8.0, 3.0, 1.0)"

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_entry (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    tenant_id INTEGER NOT NULL,
    language TEXT NOT NULL,
    category TEXT,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    url_path TEXT NOT NULL,
    number TEXT,
    number_key TEXT,
    doc_serial INTEGER,
    doc_year INTEGER,
    doc_type TEXT,
    title_words TEXT NOT NULL,
    title_marks TEXT NOT NULL,
    published_us INTEGER NOT NULL,
    year INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS search_entry_tenant ON search_entry (tenant_id);
CREATE INDEX IF NOT EXISTS search_entry_published ON search_entry (published_us);
CREATE INDEX IF NOT EXISTS search_entry_number_key ON search_entry (number_key);
CREATE INDEX IF NOT EXISTS search_entry_doc_serial ON search_entry (doc_serial);
CREATE TABLE IF NOT EXISTS search_visible (
    entry_id INTEGER NOT NULL,
    tenant_id INTEGER NOT NULL,
    PRIMARY KEY (entry_id, tenant_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_visible_tenant ON search_visible (tenant_id, entry_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, number, summary, body, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row');
"""

_TABLES = ("search_fts", "search_visible", "search_entry")
ENTRY_COLUMNS = (
    "key",
    "kind",
    "tenant_id",
    "language",
    "category",
    "title",
    "summary",
    "body",
    "url_path",
    "number",
    "number_key",
    "doc_serial",
    "doc_year",
    "doc_type",
    "title_words",
    "title_marks",
    "published_us",
    "year",
)
_UPSERT = (
    f"INSERT INTO search_entry ({', '.join(ENTRY_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in ENTRY_COLUMNS)}) "
    "ON CONFLICT (key) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ENTRY_COLUMNS if c != "key")
)
_BY_KEYS = "SELECT id, key FROM search_entry WHERE key IN (SELECT value FROM json_each(?))"
_DISPLAY = (
    "id, key, kind, tenant_id, language, category, title, summary, body, url_path, number, "
    "published_us"
)


def fts_phrase(word: str) -> str:
    """One word as an FTS5 string. Words are letters and digits only, but quote anyway:
    an unquoted ``near`` or ``and`` would be read as an operator."""
    return '"' + word.replace('"', '""') + '"'


def match_expression(match: Match) -> str:
    """The FTS5 MATCH text: each group an OR of its words, groups joined by AND (or OR)."""
    groups = ["(" + " OR ".join(fts_phrase(w) for w in group) + ")" for group in match.groups]
    return (" OR " if match.any_group else " AND ").join(groups)


def spaced(words: Sequence[str] | frozenset[str]) -> str:
    """Words as one space-delimited string with spaces at both ends, for ``instr`` tests."""
    return " " + " ".join(words) + " " if words else " "


def entry_row(item: AnalysedEntry) -> list[Any]:
    """The ``search_entry`` values of an analysed entry, in ENTRY_COLUMNS order."""
    entry, parts = item.entry, item.parts
    return [
        entry.key,
        entry.kind,
        entry.tenant_id,
        entry.language,
        entry.category,
        entry.title,
        entry.summary,
        entry.body,
        entry.url_path,
        entry.number,
        item.number_key,
        parts.serial if parts else None,
        parts.year if parts else None,
        parts.type_code if parts else None,
        spaced(sorted(item.title_words)),
        spaced(item.title_marks),
        item.published_us,
        entry.year,
    ]


class SqliteSearch(SqlSearch):
    """FTS5 search in the hub's own SQLite database."""

    async def prepare(self) -> None:
        """Create the tables if missing; tables of an older shape (see
        ``SCHEMA_VERSION``) are dropped and made anew."""
        async with in_transaction(self._connection_name) as conn:
            statements = [statement for statement in SCHEMA.split(";") if statement.strip()]
            await self._create_schema(conn, (*_TABLES, "search_fts_vocab"), statements, "?")

    async def index(self, entries: Sequence[SearchEntry]) -> None:
        """Upsert entries by key, their FTS rows and visibility in one transaction per batch."""
        for batch in chunks(_analysed(entries)):
            async with in_transaction(self._connection_name) as conn:
                keys = json.dumps([item.entry.key for item in batch])
                await self._delete_dependents(conn, keys)
                await conn.execute_many(_UPSERT, [entry_row(item) for item in batch])
                rows = await conn.execute_query_dict(_BY_KEYS, [keys])
                ids = {row["key"]: row["id"] for row in rows}
                await conn.execute_many(
                    "INSERT INTO search_fts (rowid, title, number, summary, body) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [[ids[i.entry.key], i.title, i.number, i.summary, i.body] for i in batch],
                )
                await conn.execute_many(
                    "INSERT INTO search_visible (entry_id, tenant_id) VALUES (?, ?)",
                    [[ids[i.entry.key], t] for i in batch for t in i.entry.visible_in],
                )

    @staticmethod
    async def _delete_dependents(conn: Any, keys_json: str) -> None:
        """Drop the FTS and visibility rows of the entries with these keys (JSON list)."""
        selected = "SELECT id FROM search_entry WHERE key IN (SELECT value FROM json_each(?))"
        await conn.execute_query(f"DELETE FROM search_fts WHERE rowid IN ({selected})", [keys_json])
        await conn.execute_query(
            f"DELETE FROM search_visible WHERE entry_id IN ({selected})", [keys_json]
        )

    async def remove(self, keys: Sequence[str]) -> None:
        """Delete entries by key."""
        for batch in chunks(list(dict.fromkeys(keys))):
            async with in_transaction(self._connection_name) as conn:
                keys_json = json.dumps(list(batch))
                await self._delete_dependents(conn, keys_json)
                await conn.execute_query(
                    "DELETE FROM search_entry WHERE key IN (SELECT value FROM json_each(?))",
                    [keys_json],
                )

    async def clear(self, tenant_id: int | None = None) -> None:
        """Delete every entry, or those owned by ``tenant_id``."""
        async with in_transaction(self._connection_name) as conn:
            if tenant_id is None:
                for table in _TABLES:
                    await conn.execute_query(f"DELETE FROM {table}")
                return
            owned = "SELECT id FROM search_entry WHERE tenant_id = ?"
            await conn.execute_query(
                f"DELETE FROM search_fts WHERE rowid IN ({owned})", [tenant_id]
            )
            await conn.execute_query(
                f"DELETE FROM search_visible WHERE entry_id IN ({owned})", [tenant_id]
            )
            await conn.execute_query("DELETE FROM search_entry WHERE tenant_id = ?", [tenant_id])

    async def optimize(self) -> None:
        """Merge the FTS5 index's segments into one and refresh the planner's statistics."""
        await self._conn.execute_query("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        await self._conn.execute_query("ANALYZE")

    async def count(self) -> int:
        """Entries in the index."""
        rows = await self._conn.execute_query_dict("SELECT count(*) AS n FROM search_entry")
        return int(rows[0]["n"])

    # --- searching ------------------------------------------------------------

    async def _known_words(self, words: Sequence[str]) -> set[str]:
        rows = await self._conn.execute_query_dict(
            "SELECT term FROM search_fts_vocab WHERE term IN (SELECT value FROM json_each(?))",
            [json.dumps(list(words))],
        )
        return {row["term"] for row in rows}

    async def _candidates(self, word: str) -> list[str]:
        first = word[0]
        rows = await self._conn.execute_query_dict(
            "SELECT term FROM search_fts_vocab WHERE term >= ? AND term < ? "
            "AND length(term) BETWEEN ? AND ?",
            [first, chr(ord(first) + 1), len(word) - 2, len(word) + 2],
        )
        return [row["term"] for row in rows]

    def _candidates_sql(self, plan: QueryPlan, match: Match, p: Params) -> tuple[str, str]:
        """(a WITH clause defining ``c(id, rank)``, the candidates, and the filters' WHERE).

        Candidates are the full-text matches plus, when the query holds a
        document number, the entries with that number even if their text
        does not match; with no words at all, every entry (a filtered listing).
        """
        ctes: list[str] = []
        if match.groups:
            ctes.append(
                f"m AS (SELECT rowid AS id, {BM25} AS rank FROM search_fts "
                f"WHERE search_fts MATCH {p(match_expression(match))})"
            )
            union = ["SELECT id, rank FROM m"]
            if plan.number is not None:
                union.append(
                    "SELECT id, 0.0 FROM search_entry "
                    f"WHERE ({self._number_condition(plan, p)}) AND id NOT IN (SELECT id FROM m)"
                )
            ctes.append("c AS (" + " UNION ALL ".join(union) + ")")
        elif plan.number is not None and plan.terms:
            ctes.append(
                "c AS (SELECT id, 0.0 AS rank FROM search_entry "
                f"WHERE {self._number_condition(plan, p)})"
            )
        else:
            ctes.append("c AS (SELECT id, 0.0 AS rank FROM search_entry)")
        return "WITH " + ", ".join(ctes), self._filters(plan, p)

    @staticmethod
    def _number_condition(plan: QueryPlan, p: Params, alias: str = "") -> str:
        """Entries whose number matches the query's: same key, or the parts typed."""
        assert plan.number is not None
        parts = plan.number.parts
        cond = [f"{alias}doc_serial = {p(parts.serial)}"]
        if parts.year is not None:
            cond.append(f"{alias}doc_year = {p(parts.year)}")
        if parts.type_code is not None:
            cond.append(f"{alias}doc_type = {p(parts.type_code)}")
        parts_cond = " AND ".join(cond)
        if plan.number.key:
            return f"{alias}number_key = {p(plan.number.key)} OR ({parts_cond})"
        return parts_cond

    @staticmethod
    def _filters(plan: QueryPlan, p: Params) -> str:
        where = [
            "EXISTS (SELECT 1 FROM search_visible v WHERE v.entry_id = e.id AND v.tenant_id IN "
            f"(SELECT value FROM json_each({p(json.dumps(list(plan.tenant_ids)))})))"
        ]
        if plan.kinds:
            where.append(f"e.kind IN (SELECT value FROM json_each({p(json.dumps(plan.kinds))}))")
        if plan.published_from:
            where.append(f"e.published_us >= {p(micros(plan.published_from))}")
        if plan.published_to:
            where.append(f"e.published_us < {p(micros(plan.published_to))}")
        where += plain_filters(plan, p)
        return " AND ".join(where)

    def _rank_columns(self, plan: QueryPlan, match: Match, p: Params) -> list[str]:
        """SQL for the ranking features, in ORDER BY order (all descending)."""
        number = "0"
        if plan.number is not None:
            # Both branches of the CASE reuse the candidate test; the key alone scores 2.
            matches = self._number_condition(plan, p, "e.")
            whole = f"WHEN e.number_key = {p(plan.number.key)} THEN 2 " if plan.number.key else ""
            number = f"CASE {whole}WHEN {matches} THEN 1 ELSE 0 END"
        title = " + ".join(
            "(" + " OR ".join(f"instr(e.title_words, {p(f' {w} ')}) > 0" for w in group) + ")"
            for group in match.groups
        )
        exact = " + ".join(f"(instr(e.title_marks, {p(f' {m} ')}) > 0)" for m in plan.marked)
        return [number, title or "0", exact or "0"]

    async def _page(self, plan: QueryPlan, match: Match) -> Page:
        ranked = await self._ranked(plan, match)
        total = ranked[0][2] if ranked else (await self._total(plan, match) if plan.offset else 0)
        facets = await self._facets(plan, match) if plan.facets else None
        return Page(total, [(entry_id, score) for entry_id, score, _ in ranked], facets)

    async def _ranked(self, plan: QueryPlan, match: Match) -> list[tuple[int, float, int]]:
        """[(entry id, score, total)…] of the page, best first."""
        p = Params("sqlite")
        with_sql, where = self._candidates_sql(plan, match, p)
        number, title, exact = self._rank_columns(plan, match, p)
        sql = (
            f"{with_sql} SELECT e.id AS id, c.rank AS rank, count(*) OVER () AS total, "
            f"{number} AS number_hit, {title} AS title_hits, {exact} AS exact_hits "
            f"FROM c JOIN search_entry e ON e.id = c.id WHERE {where} "
            # Documents with the number typed: the whole key first, then the newest.
            "ORDER BY number_hit DESC, CASE WHEN number_hit > 0 THEN e.published_us END DESC, "
            "title_hits DESC, exact_hits DESC, c.rank, e.published_us DESC, e.id DESC "
            f"LIMIT {p(plan.page_size)} OFFSET {p(plan.offset)}"
        )
        rows = await self._conn.execute_query_dict(sql, p.values)
        # bm25 is negative, better when lower: negated, a larger score is better everywhere.
        return [(row["id"], -float(row["rank"] or 0.0), int(row["total"])) for row in rows]

    async def _total(self, plan: QueryPlan, match: Match) -> int:
        """The total alone, for a page past the end (it has no row to carry it)."""
        p = Params("sqlite")
        with_sql, where = self._candidates_sql(plan, match, p)
        rows = await self._conn.execute_query_dict(
            f"{with_sql} SELECT count(*) AS n FROM c JOIN search_entry e ON e.id = c.id "
            f"WHERE {where}",
            p.values,
        )
        return int(rows[0]["n"])

    async def _rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        rows = await self._conn.execute_query_dict(
            f"SELECT {_DISPLAY} FROM search_entry WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(ids))],
        )
        for row in rows:
            row["published_at"] = _from_micros(row.pop("published_us"))
        return {row["id"]: row for row in rows}

    async def _facets(self, plan: QueryPlan, match: Match) -> Facets:
        p = Params("sqlite")
        with_sql, where = self._candidates_sql(plan, match, p)
        with_sql += (
            f", hits AS MATERIALIZED (SELECT e.kind, e.tenant_id, e.category, e.year "
            f"FROM c JOIN search_entry e ON e.id = c.id WHERE {where})"
        )
        selects = " UNION ALL ".join(
            f"SELECT '{name}' AS facet, CAST({column} AS TEXT) AS value, count(*) AS n "
            f"FROM hits GROUP BY {column}"
            for name, column in FACET_COLUMNS
        )
        return facets_from_rows(
            await self._conn.execute_query_dict(f"{with_sql} {selects}", p.values)
        )


def _from_micros(value: int) -> datetime:
    seconds, micros = divmod(int(value), 1_000_000)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=micros)
