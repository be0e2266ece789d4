"""The articles list costs the same handful of statements whatever its length."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx

from hub.app import create_app
from hub.settings import Settings
from tests.conftest import SQLCounter
from tests.factories import make_article, make_category, make_tree
from tests.graphql.helpers import gql

QUERY = """query($n: Int!) { articles(tenant: "hanoi", first: $n) {
  totalCount edges { node { title category { name } tenant { name } } } } }"""


async def test_article_list_statement_count_is_constant(
    settings: Settings, count_sql: SQLCounter
) -> None:
    # The app's own caches are on, as in production: once warm, host resolution,
    # "does any placement reach this portal?" and the sections cost nothing per
    # request, so only the list itself counts.
    assert await _counts(create_app(settings, manage_database=False), count_sql) == {5: 2, 50: 2}


async def test_without_process_memory_the_sections_cost_one_batch(
    settings: Settings, count_sql: SQLCounter
) -> None:
    app = create_app(replace(settings, tenant_cache_seconds=0), manage_database=False)
    # With nothing kept in memory: the tenant directory read twice (the host, then the
    # slug; two statements each), the placement check, the page, the total and one
    # batch of sections, for 5 or 50 rows alike.
    counts = await _counts(app, count_sql)
    assert counts[5] == counts[50] == 8, count_sql.statements
    assert sum('FROM "category"' in s for s in count_sql.statements) == 1


async def _counts(app: Any, count_sql: SQLCounter) -> dict[int, int]:
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://thudo.gov.vn")
    tree = await make_tree()
    categories = [await make_category(tree.city, f"muc-{i}", name=f"Mục {i}") for i in range(6)]
    for i in range(60):
        await make_article(tree.city, f"Bài {i}", category=categories[i % 6], days_ago=i)
    counts = {}
    # Asked from a ward's host, so the city is looked up by slug inside the query;
    # warmed with a page that shows every section.
    await gql(client, QUERY, {"n": 50}, host="hoankiem.thudo.gov.vn")
    for n in (5, 50):
        count_sql.statements.clear()
        result = await gql(client, QUERY, {"n": n}, host="hoankiem.thudo.gov.vn")
        assert len(result["data"]["articles"]["edges"]) == n
        assert all(
            e["node"]["category"]["name"].startswith("Mục")
            for e in result["data"]["articles"]["edges"]
        )
        counts[n] = len(count_sql.statements)
    await client.aclose()
    return counts
