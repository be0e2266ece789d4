"""Read queries: tenants, categories, the articles connection, node(id:)."""

from __future__ import annotations

import httpx

from hub.models import Language
from tests.factories import make_article, make_category, make_tree
from tests.graphql.helpers import gql


async def test_tenant_by_slug_and_host(client: httpx.AsyncClient) -> None:
    await make_tree()
    result = await gql(client, '{ tenant(slug: "hanoi") { name level contact { address } } }')
    assert result["data"]["tenant"] == {
        "name": "Thành phố Hà Nội",
        "level": "CITY",
        "contact": {"address": "79 Đinh Tiên Hoàng, Hoàn Kiếm, Hà Nội"},
    }
    by_host = await gql(
        client,
        """{ a: tenant(host: "hoankiem.thudo.gov.vn") { slug parent { slug } }
             b: tenant(host: "caicachhanhchinh.hanoi.gov.vn") { slug hostnames }
             c: tenant(host: "unknown.example.org") { slug }
             d: tenant { slug } }""",
        host="hoangmai.thudo.gov.vn",
    )
    assert by_host["data"] == {
        "a": {"slug": "hoankiem", "parent": {"slug": "hanoi"}},
        "b": {"slug": "caicachhanhchinh", "hostnames": ["caicachhanhchinh.hanoi.gov.vn"]},
        "c": None,
        "d": {"slug": "hoangmai"},
    }


async def test_tenants_filter_by_level_and_parent(client: httpx.AsyncClient) -> None:
    await make_tree()
    result = await gql(
        client,
        """{ communes: tenants(level: COMMUNE) { totalCount edges { node { slug } } }
             below: tenants(parent: "hanoi", first: 2) {
               totalCount pageInfo { hasNextPage } edges { node { slug depth } } } }""",
    )
    data = result["data"]
    assert {e["node"]["slug"] for e in data["communes"]["edges"]} == {"hoankiem", "hoangmai"}
    assert data["below"]["totalCount"] == 4
    assert data["below"]["pageInfo"]["hasNextPage"] is True
    assert all(e["node"]["depth"] == 1 for e in data["below"]["edges"])


async def test_articles_connection_pages_newest_first(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.ward)
    for i in range(7):
        await make_article(tree.ward, f"Tin số {i}", category=news, days_ago=10 - i)
    await make_article(tree.ward, "English news", language=Language.EN, days_ago=0.5)
    query = """query($after: String) { articles(tenant: "hoankiem", first: 3, after: $after,
                 language: VI) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { node { title category { slug } tenant { slug } } } } }"""
    seen: list[str] = []
    after = None
    for _ in range(3):
        page = (await gql(client, query, {"after": after}))["data"]["articles"]
        assert page["totalCount"] == 7
        seen += [e["node"]["title"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    assert seen == [f"Tin số {i}" for i in reversed(range(7))]
    assert page["pageInfo"]["hasPreviousPage"] is True
    one = await gql(client, '{ article(tenant: "hoankiem", slug: "tin-so-3") { title } }')
    assert one["data"]["article"] == {"title": "Tin số 3"}


async def test_category_filter_accepts_either_language_slug(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    events = await make_category(
        tree.city, "su-kien", name="Sự kiện", name_en="Events", slug_en="events"
    )
    await make_article(tree.city, "Tin A", category=news)
    await make_article(tree.city, "Sự kiện B", category=events)
    for slug in ("su-kien", "events"):
        result = await gql(
            client,
            '{ articles(tenant: "hanoi", category: "%s") { edges { node { title } } } }' % slug,
        )
        assert [e["node"]["title"] for e in result["data"]["articles"]["edges"]] == ["Sự kiện B"]


async def test_node_round_trips_global_ids(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Một bài viết")
    listed = await gql(
        client, '{ articles(tenant: "hanoi") { edges { node { id tenant { id } } } } }'
    )
    node = listed["data"]["articles"]["edges"][0]["node"]
    result = await gql(
        client,
        "query($a: ID!, $t: ID!) { a: node(id: $a) { ... on Article { title } } "
        "t: node(id: $t) { ... on Tenant { slug } } }",
        {"a": node["id"], "t": node["tenant"]["id"]},
    )
    assert result["data"] == {"a": {"title": "Một bài viết"}, "t": {"slug": "hanoi"}}


async def test_long_headline_slugs_stay_addressable(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    title = "Ủy ban nhân dân phường Hoàn Kiếm tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2026 và triển khai nhiệm vụ năm 2027"
    article = await make_article(tree.ward, title)
    assert len(article.slug) > 64
    result = await gql(
        client, '{ article(tenant: "hoankiem", slug: "%s") { title } }' % article.slug
    )
    assert result["data"]["article"] == {"title": title}
