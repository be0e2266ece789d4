"""A newsroom list costs the same statements for 5 articles as for 50."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import httpx
import pytest

from hub.app import create_app
from hub.auth.permissions import Role
from hub.services.articles import ArticleChanges, article_update
from hub.settings import Settings
from hub.storage import configure_storage, storage_for
from tests.conftest import SQLCounter
from tests.factories import (
    SYSTEM_SCOPE,
    make_article,
    make_category,
    make_image,
    make_tree,
    make_viewer,
)
from tests.graphql.helpers import gql

QUERY = """query($n: Int!) { articles(tenant: "hanoi", first: $n) { edges { node {
  title kind byline
  category { name } tenant { name } author { name } tags { name }
  cover { url srcset altText width height renditions { width url } }
} } } }"""


@pytest.fixture
def media_store(settings: Settings) -> Iterator[None]:
    store = storage_for(settings)
    configure_storage(store)
    yield
    shutil.rmtree(store.root, ignore_errors=True)  # type: ignore[attr-defined]


async def test_newsroom_list_statement_count_is_constant(
    settings: Settings, count_sql: SQLCounter, media_store: None
) -> None:
    tree = await make_tree()
    await make_viewer("tacgia", {tree.city: [Role.REPORTER]})
    from hub.auth.identity import viewer_for_user_id
    from hub.models import User
    from tenants.scope import Scope

    author = Scope(viewer=await viewer_for_user_id((await User.get(username="tacgia")).id))
    categories = [await make_category(tree.city, f"muc-{i}", name=f"Mục {i}") for i in range(5)]
    covers = [await make_image(tree.city, f"anh-{i}.jpg", (40 * i, 80, 120)) for i in range(6)]
    for i in range(60):
        article = await make_article(tree.city, f"Bài {i}", category=categories[i % 5], days_ago=i)
        await article_update(
            SYSTEM_SCOPE,
            article.id,
            ArticleChanges(
                cover_ids=[covers[i % 6].id],
                tags=[f"Chủ đề {i % 7}", "Hà Nội"],
                byline="Phóng viên",
            ),
        )
        if i % 3 == 0:
            article.author_id = author.viewer.user_id
            await article.save(update_fields=["author_id"])
    app = create_app(settings, manage_database=False)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x")
    # Warm, as in production: the tenant directory, the process's memory of which
    # portals receive placements, and its sections.
    await gql(client, QUERY, {"n": 50}, host="hoankiem.thudo.gov.vn")
    counts = {}
    for n in (5, 50):
        count_sql.statements.clear()
        result = await gql(client, QUERY, {"n": n}, host="hoankiem.thudo.gov.vn")
        edges = result["data"]["articles"]["edges"]
        assert len(edges) == n
        assert all(e["node"]["cover"]["renditions"] for e in edges)
        assert any(e["node"]["author"] for e in edges) and edges[0]["node"]["tags"]
        counts[n] = len(count_sql.statements)
    await client.aclose()
    # page, tags, media links, authors: four, whatever n (the sections and the cover
    # pictures with their renditions are public rows the process holds for readers).
    assert counts[5] == counts[50] == 4, count_sql.statements
