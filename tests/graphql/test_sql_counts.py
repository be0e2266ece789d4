"""The articles list costs the same handful of statements whatever its length."""

from __future__ import annotations

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
    # The app's own caches are on, as in production: once warm, host resolution
    # and "does any placement reach this portal?" cost nothing per request, so
    # only the list itself counts.
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://thudo.gov.vn")
    tree = await make_tree()
    categories = [await make_category(tree.city, f"muc-{i}", name=f"Mục {i}") for i in range(6)]
    for i in range(60):
        await make_article(tree.city, f"Bài {i}", category=categories[i % 6], days_ago=i)
    counts = {}
    # Asked from a ward's host, so the city is looked up by slug inside the query.
    await gql(client, QUERY, {"n": 1}, host="hoankiem.thudo.gov.vn")
    for n in (5, 50):
        count_sql.statements.clear()
        result = await gql(client, QUERY, {"n": n}, host="hoankiem.thudo.gov.vn")
        assert len(result["data"]["articles"]["edges"]) == n
        counts[n] = len(count_sql.statements)
    # The page, the total, the categories: three, for 5 or 50 rows.
    assert counts[5] == counts[50] == 3, count_sql.statements
    await client.aclose()
