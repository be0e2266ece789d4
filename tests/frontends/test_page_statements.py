"""A portal's home page costs a fixed handful of statements, however full its lists."""

from __future__ import annotations

from dataclasses import replace

import httpx

from hub.app import create_app
from hub.services.articles import ArticleChanges, article_update
from hub.settings import Settings
from tests.conftest import SQLCounter
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_image, make_tree


async def test_home_page_statements_do_not_grow_with_its_lists(
    settings: Settings,
    count_sql: SQLCounter,
) -> None:
    tree = await make_tree()
    categories = [await make_category(tree.city, f"muc-{i}", name=f"Mục {i}") for i in range(4)]
    covers = [await make_image(tree.city, f"anh-{i}.jpg", (50 * i, 90, 120)) for i in range(3)]
    for i in range(30):
        article = await make_article(
            tree.city, f"Bài {i}", category=categories[i % 4], featured=i % 5 == 0, days_ago=i
        )
        if i % 2 == 0:
            await article_update(
                SYSTEM_SCOPE, article.id, ArticleChanges(cover_ids=[covers[i % 3].id])
            )
    # The tenant directory and the placement memory are on, as in production; the page
    # cache is off (it would answer the second request without a statement).
    app = create_app(replace(settings, page_cache_entries=0), manage_database=False)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x")
    first = await client.get("/", headers={"Host": "thudo.gov.vn"})
    assert first.status_code == 200 and first.text.count('class="card') >= 12
    count_sql.statements.clear()
    again = await client.get("/", headers={"Host": "thudo.gov.vn"})
    assert again.text == first.text
    assert app.state.query_runner.counts["planned"] == 1, app.state.query_runner.counts
    # The featured page, the latest page, and for both lists together the media links.
    # (The sections, the city's units and the cover pictures with their renditions are
    # public rows held in the process's memory for readers; so are the tenant rows.)
    assert len(count_sql.statements) == 3, count_sql.statements
    media = [s for s in count_sql.statements if "article_media" in s]
    # One batch for both lists: the four featured and twelve latest articles, less any
    # article on both (a placeholder each: ? on SQLite, $n on PostgreSQL).
    placeholders = media[0].count("?") + media[0].count("$")
    assert len(media) == 1 and placeholders >= 12, media
    await client.aclose()
