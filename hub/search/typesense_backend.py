"""The ``typesense`` backend, for large deployments (official ``typesense`` client).

Uses only API that Typesense 0.24 (the server the tests run) and current
releases share: collection create/retrieve/delete, document import with
``action=upsert``, delete by filter, and search with ``query_by_weights``,
``num_typos``, ``facet_by``, ``filter_by``, ``pinned_hits`` and ``_eval()`` in
``sort_by``, all POSTed through ``multi_search``.

The collection holds the same analysed text as the database backends
(:mod:`hub.search.analysis`): folded words joined by spaces (``*_f`` fields,
searched), the display fields as stored-only fields (``index: false``), the
title's marked forms (``title_marks``) and the number's key and parts.
Ranking mirrors :mod:`hub.search.sql`. When the query holds a document
number, a first request finds the entries in scope that carry it (same key
first, then newest) and the search pins them at the top (``pinned_hits``),
so they lead whether or not the query's other words match them. The rest is
ordered by ``_eval(<the title holds every word typed with diacritics, as
typed>)`` when some words carry marks (Typesense allows one ``_eval``), then
the text match (title weighted 10, number 8, summary 3, body 1, with typo
tolerance), then freshness.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import typesense
from typesense.exceptions import ObjectAlreadyExists, ObjectNotFound, TypesenseClientError

from hub.search.analysis import AnalysedEntry, micros
from hub.search.backend import Facets, SearchEntry, SearchQuery, SearchResults, SearchUnavailable
from hub.search.highlight import MAX_SCANNED, RawHit, make_hit
from hub.search.query import QueryPlan, plan_query
from hub.search.sql import chunks, unique_by_key

QUERY_BY = "title_f,number_f,summary_f,body_f"
WEIGHTS = "10,8,3,1"
# Typos per field as Typesense counts them (it corrects only when the words as typed find nothing).
TYPOS = "2,0,2,2"
DELETE_BATCH = 100  # keys per delete-by-filter request (they travel in the URL)
MAX_FACET_VALUES = 200

FIELDS: list[dict[str, Any]] = [
    {"name": "key", "type": "string"},
    {"name": "kind", "type": "string", "facet": True},
    {"name": "tenant_id", "type": "int32", "facet": True},
    {"name": "visible_in", "type": "int32[]"},
    {"name": "language", "type": "string"},
    {"name": "category", "type": "string", "facet": True, "optional": True},
    {"name": "year", "type": "int32", "facet": True},
    {"name": "published_us", "type": "int64"},
    {"name": "title_f", "type": "string"},
    {"name": "number_f", "type": "string"},
    {"name": "summary_f", "type": "string"},
    {"name": "body_f", "type": "string"},
    {"name": "title_marks", "type": "string[]"},
    {"name": "number_key", "type": "string", "optional": True},
    {"name": "doc_serial", "type": "int32", "optional": True},
    {"name": "doc_year", "type": "int32", "optional": True},
    {"name": "doc_type", "type": "string", "optional": True},
    # Stored for display, never searched.
    *(
        {"name": name, "type": "string", "index": False, "optional": True}
        for name in ("title", "summary", "body", "url_path", "number")
    ),
]
_DISPLAY = "key,kind,tenant_id,language,category,published_us,title,summary,body,url_path,number"
MAX_PINNED = 20  # documents carrying the number typed, placed first


@dataclass(frozen=True, slots=True)
class TypesenseNode:
    """One node of a Typesense server or cluster."""

    host: str
    port: int = 8108
    protocol: str = "http"


def _literal(value: str) -> str:
    """A filter value in backticks (its commas and spaces stay part of it)."""
    return "`" + value.replace("`", "") + "`"


def document(item: AnalysedEntry) -> dict[str, Any]:
    """The Typesense document of an analysed entry (its id is the entry key)."""
    entry, parts = item.entry, item.parts
    doc: dict[str, Any] = {
        "id": entry.key,
        "key": entry.key,
        "kind": entry.kind,
        "tenant_id": entry.tenant_id,
        "visible_in": list(entry.visible_in),
        "language": entry.language,
        "year": entry.year,
        "published_us": item.published_us,
        "title_f": item.title,
        "number_f": item.number,
        "summary_f": item.summary,
        "body_f": item.body,
        "title_marks": list(item.title_marks),
        "title": entry.title,
        "summary": entry.summary,
        "body": entry.body[:MAX_SCANNED],  # the snippet never looks further
        "url_path": entry.url_path,
    }
    optional = {
        "category": entry.category,
        "number": entry.number,
        "number_key": item.number_key,
        "doc_serial": parts.serial if parts else None,
        "doc_year": parts.year if parts else None,
        "doc_type": parts.type_code if parts else None,
    }
    doc.update({name: value for name, value in optional.items() if value is not None})
    return doc


def filter_by(plan: QueryPlan) -> str:
    """The ``filter_by`` expression for the plan's scope and filters."""
    parts = [f"visible_in:=[{','.join(str(t) for t in plan.tenant_ids)}]"]
    if plan.kinds:
        parts.append(f"kind:=[{','.join(_literal(k) for k in plan.kinds)}]")
    if plan.published_from:
        parts.append(f"published_us:>={micros(plan.published_from)}")
    if plan.published_to:
        parts.append(f"published_us:<{micros(plan.published_to)}")
    if plan.category:
        parts.append(f"category:={_literal(plan.category)}")
    if plan.year is not None:
        parts.append(f"year:={plan.year}")
    if plan.language:
        parts.append(f"language:={_literal(plan.language)}")
    return " && ".join(parts)


def number_filter(plan: QueryPlan) -> str:
    """Entries whose number matches the query's: the same key, or the parts typed."""
    assert plan.number is not None
    parts = plan.number.parts
    cond = [f"doc_serial:={parts.serial}"]
    if parts.year is not None:
        cond.append(f"doc_year:={parts.year}")
    if parts.type_code:
        cond.append(f"doc_type:={_literal(parts.type_code)}")
    expression = " && ".join(cond)
    if plan.number.key:
        expression = f"number_key:={_literal(plan.number.key)} || ({expression})"
    return expression


def sort_by(plan: QueryPlan) -> str:
    """Text match, then freshness; led by the exact-diacritics boost when words carry marks."""
    if not plan.terms:
        return "published_us:desc"
    fields = ["_text_match:desc", "published_us:desc"]
    if plan.marked:
        # Typesense allows one _eval: "the title holds every marked word as typed".
        exact = " && ".join(f"title_marks:={_literal(m)}" for m in plan.marked)
        fields.insert(0, f"_eval({exact}):desc")
    return ",".join(fields)


class TypesenseSearch:
    """Search in a Typesense collection."""

    name = "typesense"

    def __init__(
        self,
        nodes: Sequence[TypesenseNode],
        api_key: str,
        collection: str = "thudo",
        timeout_seconds: float = 5.0,
    ) -> None:
        self.collection = collection
        config: Any = {
            "api_key": api_key,
            "nodes": [{"host": n.host, "port": n.port, "protocol": n.protocol} for n in nodes],
            "connection_timeout_seconds": timeout_seconds,
        }
        with warnings.catch_warnings():
            # The client and its collection objects build their deprecated helpers
            # (analytics v1, overrides) eagerly and warn; the hub uses neither. Both
            # objects are made once, here.
            warnings.simplefilter("ignore", DeprecationWarning)
            self._client = typesense.AsyncClient(config)
            self._collection = self._client.collections[collection]

    @property
    def _documents(self) -> Any:
        return self._collection.documents

    async def close(self) -> None:
        """Close the client's HTTP connections."""
        await self._client.api_call.aclose()

    async def prepare(self) -> None:
        """Create the collection if missing."""
        # The client types its payloads as TypedDicts; ours are checked by the server.
        schema: Any = {"name": self.collection, "fields": FIELDS}
        try:
            await self._client.collections.create(schema)
        except ObjectAlreadyExists:
            pass
        except (TypesenseClientError, httpx.HTTPError) as error:
            raise SearchUnavailable(f"Typesense: {error}") from error

    async def index(self, entries: Sequence[SearchEntry]) -> None:
        """Upsert entries (documents keyed by entry key)."""
        for batch in chunks(unique_by_key(entries)):
            try:
                results = await self._documents.import_(
                    [document(item) for item in batch], {"action": "upsert"}
                )
            except (TypesenseClientError, httpx.HTTPError) as error:
                raise SearchUnavailable(f"Typesense: {error}") from error
            failed = [r for r in results if not r.get("success")]
            if failed:
                raise SearchUnavailable(f"Typesense refused {len(failed)} entries: {failed[0]}")

    async def remove(self, keys: Sequence[str]) -> None:
        """Delete entries by key."""
        for batch in chunks(list(dict.fromkeys(keys)), DELETE_BATCH):
            expression = f"key:=[{','.join(_literal(k) for k in batch)}]"
            await self._delete(expression)

    async def clear(self, tenant_id: int | None = None) -> None:
        """Delete every entry (by dropping the collection), or those owned by ``tenant_id``."""
        if tenant_id is not None:
            await self._delete(f"tenant_id:={int(tenant_id)}")
            return
        try:
            await self._collection.delete()
        except ObjectNotFound:
            pass
        except (TypesenseClientError, httpx.HTTPError) as error:
            raise SearchUnavailable(f"Typesense: {error}") from error
        await self.prepare()

    async def _delete(self, expression: str) -> None:
        try:
            await self._documents.delete({"filter_by": expression})
        except ObjectNotFound:
            pass
        except (TypesenseClientError, httpx.HTTPError) as error:
            raise SearchUnavailable(f"Typesense: {error}") from error

    async def optimize(self) -> None:
        """Nothing to do: Typesense keeps its index in shape itself."""

    async def count(self) -> int:
        """Documents in the collection."""
        try:
            info = await self._collection.retrieve()
        except (TypesenseClientError, httpx.HTTPError) as error:
            raise SearchUnavailable(f"Typesense: {error}") from error
        return int(info["num_documents"])

    async def _search(self, params: dict[str, Any]) -> dict[str, Any]:
        """One search, POSTed through multi_search: a GET query string is capped at
        4000 characters, and a city's scope lists hundreds of tenant ids."""
        searches: Any = {"searches": [{**params, "collection": self.collection}]}
        try:
            reply: Any = await self._client.multi_search.perform(searches)
        except (TypesenseClientError, httpx.HTTPError) as error:
            raise SearchUnavailable(f"Typesense: {error}") from error
        response: dict[str, Any] = reply["results"][0]
        if "error" in response:  # multi_search reports a search's failure in its body
            raise SearchUnavailable(f"Typesense: {response.get('code')} {response['error']}")
        return response

    async def _number_matches(self, plan: QueryPlan) -> list[str]:
        """Keys of the entries in scope carrying the number typed: same key first, then newest."""
        assert plan.number is not None
        sort = "published_us:desc"
        if plan.number.key:
            sort = f"_eval(number_key:={_literal(plan.number.key)}):desc,{sort}"
        response = await self._search(
            {
                "q": "*",
                "query_by": QUERY_BY,
                "filter_by": f"{filter_by(plan)} && ({number_filter(plan)})",
                "sort_by": sort,
                "per_page": MAX_PINNED,
                "include_fields": "key",
            }
        )
        return [hit["document"]["key"] for hit in response.get("hits", [])]

    async def search(self, query: SearchQuery) -> SearchResults:
        """Answer a query (see the module docstring for the ranking)."""
        plan = plan_query(query)
        params: dict[str, Any] = {
            "q": " ".join(plan.terms) if plan.terms else "*",
            "query_by": QUERY_BY,
            "query_by_weights": WEIGHTS,
            "num_typos": TYPOS,
            "prefix": "false",
            "filter_by": filter_by(plan),
            "sort_by": sort_by(plan),
            "page": plan.page,
            "per_page": plan.page_size,
            "include_fields": _DISPLAY,
            "highlight_fields": QUERY_BY,
            "highlight_affix_num_tokens": 1,
        }
        if plan.facets:
            params["facet_by"] = "kind,tenant_id,category,year"
            params["max_facet_values"] = MAX_FACET_VALUES
        pinned = await self._number_matches(plan) if plan.number is not None else []
        if pinned:
            # Pinned hits are shown whether or not the other words match, counted in
            # `found` and the facets, and paged like the rest.
            params["pinned_hits"] = ",".join(f"{key}:{i}" for i, key in enumerate(pinned, 1))
        response = await self._search(params)
        hits = []
        for hit in response.get("hits", []):
            # The words Typesense matched, typo-corrected ones included, mark the original text.
            terms = set(plan.terms)
            for highlight in hit.get("highlights", []):
                terms.update(str(t).lower() for t in highlight.get("matched_tokens", []))
            hits.append(make_hit(_raw_hit(hit), terms))
        return SearchResults(
            total=int(response.get("found", 0)),
            page=plan.page,
            page_size=plan.page_size,
            hits=hits,
            facets=_facets(response) if plan.facets else None,
        )


def _raw_hit(hit: dict[str, Any]) -> RawHit:
    doc = hit["document"]
    seconds, us = divmod(int(doc["published_us"]), 1_000_000)
    return RawHit(
        key=doc["key"],
        kind=doc["kind"],
        tenant_id=int(doc["tenant_id"]),
        title=doc.get("title", ""),
        summary=doc.get("summary", ""),
        body=doc.get("body", ""),
        url_path=doc.get("url_path", ""),
        published_at=datetime.fromtimestamp(seconds, UTC).replace(microsecond=us),
        score=float(hit.get("text_match") or 0),
        number=doc.get("number"),
        category=doc.get("category"),
        language=doc["language"],
    )


def _facets(response: dict[str, Any]) -> Facets:
    found: dict[str, dict[Any, int]] = {"kind": {}, "tenant": {}, "category": {}, "year": {}}
    names = {"kind": "kind", "tenant_id": "tenant", "category": "category", "year": "year"}
    for facet in response.get("facet_counts", []):
        name = names.get(facet.get("field_name", ""))
        if name is None:
            continue
        for count in facet.get("counts", []):
            value: Any = count["value"]
            if name in ("tenant", "year"):
                value = int(value)
            found[name][value] = int(count["count"])
        found[name] = dict(sorted(found[name].items(), key=lambda kv: (-kv[1], str(kv[0]))))
    return Facets(**found)
