"""Each test starts from empty tables, many-to-many link tables included.

The second test fails if the first one's tag links survive: on SQLite the
cleanup once emptied only the models' own tables, and a later test's
articles, numbered from 1 again, inherited an earlier test's tags.
"""

from __future__ import annotations

from tortoise import Tortoise

from hub.models import Tag
from tests.factories import make_article, make_category, make_tree


async def _links() -> int:
    conn = Tortoise.get_connection("default")
    rows = await conn.execute_query_dict('SELECT COUNT(*) AS n FROM "article_tag"')
    return int(rows[0]["n"])


async def test_a_tagged_article_writes_a_link() -> None:
    tree = await make_tree()
    article = await make_article(tree.ward, "Bài có thẻ", category=await make_category(tree.ward))
    await article.tags.add(
        await Tag.create(tenant_id=tree.ward.id, slug="de-an-06", name="Đề án 06")
    )
    assert await _links() == 1


async def test_the_next_test_starts_without_it() -> None:
    assert await _links() == 0
