"""A portal's sections and units are kept in memory for readers, never for editors."""

from __future__ import annotations

import httpx
import pytest

from hub.app import create_app
from hub.auth.permissions import Role
from hub.services.articles import ArticleChanges, article_update
from hub.services.media import MediaText, media_update, media_upload
from hub.settings import Settings
from resolvers import public_memory
from resolvers.public_memory import PublicAnswers
from tests.conftest import ManualClock, SQLCounter
from tests.factories import (
    SYSTEM_SCOPE,
    jpeg_bytes,
    make_article,
    make_category,
    make_tree,
    make_viewer,
)
from tests.graphql.helpers import gql, token_for

SECTIONS = '{ categories(tenant: "hanoi") { edges { node { slug } } } }'
UNITS = '{ tenants(parent: "hanoi", level: [DEPARTMENT, SITE]) { edges { node { slug } } } }'


def _slugs(result: dict, field: str) -> list[str]:
    return [e["node"]["slug"] for e in result["data"][field]["edges"]]


async def test_readers_get_the_kept_list_editors_the_fresh_one(
    settings: Settings, count_sql: SQLCounter
) -> None:
    tree = await make_tree()
    await make_category(tree.city, "tin-tuc", name="Tin tức")
    await make_viewer("bientap", {tree.city: [Role.EDITOR]})
    token = await token_for("bientap")
    app = create_app(settings, manage_database=False)  # memories on, as in production
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x")
    assert _slugs(await gql(client, SECTIONS), "categories") == ["tin-tuc"]
    units = _slugs(await gql(client, UNITS), "tenants")
    assert sorted(units) == ["caicachhanhchinh", "soxaydung"]
    count_sql.statements.clear()
    assert _slugs(await gql(client, SECTIONS), "categories") == ["tin-tuc"]
    assert _slugs(await gql(client, UNITS), "tenants") == units
    assert count_sql.statements == []  # both from memory
    # A new section: the editor sees it at once, readers once their copy is old.
    await make_category(tree.city, "thong-bao", name="Thông báo")
    assert _slugs(await gql(client, SECTIONS, token=token), "categories") == [
        "tin-tuc",
        "thong-bao",
    ]
    assert _slugs(await gql(client, SECTIONS), "categories") == ["tin-tuc"]
    await client.aclose()


async def test_answers_expire_and_the_memory_stays_bounded(
    manual_clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(public_memory, "time", manual_clock)
    memory = PublicAnswers(ttl_seconds=0.2, max_entries=2)
    calls: list[str] = []

    async def compute(value: str) -> str:
        calls.append(value)
        return value

    assert await memory.get("a", lambda: compute("a1")) == "a1"
    assert await memory.get("a", lambda: compute("a2")) == "a1"  # kept
    await memory.get("b", lambda: compute("b1"))
    await memory.get("c", lambda: compute("c1"))  # "a" is the oldest: dropped
    assert await memory.get("a", lambda: compute("a3")) == "a3"
    manual_clock.advance(0.19)
    assert await memory.get("a", lambda: compute("a5")) == "a3"  # still fresh
    manual_clock.advance(0.02)
    assert await memory.get("a", lambda: compute("a4")) == "a4"  # too old: asked again
    assert calls == ["a1", "b1", "c1", "a3", "a4"]


async def test_readers_get_kept_pictures_editors_their_latest_caption(
    settings: Settings,
    count_sql: SQLCounter,
) -> None:
    tree = await make_tree()
    picture = await media_upload(
        SYSTEM_SCOPE, tree.city, "anh.jpg", jpeg_bytes((10, 120, 200)), alt_text="Hồ Gươm"
    )
    article = await make_article(tree.city, "Bài có ảnh")
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(cover_ids=[picture.id]))
    await make_viewer("bientap", {tree.city: [Role.EDITOR]})
    token = await token_for("bientap")
    app = create_app(settings, manage_database=False)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x")
    query = '{ articles(tenant: "hanoi", first: 1) { edges { node { cover { altText } } } } }'

    async def alt_text(token: str | None = None) -> str:
        result = await gql(client, query, token=token)
        return str(result["data"]["articles"]["edges"][0]["node"]["cover"]["altText"])

    assert await alt_text() == "Hồ Gươm"
    await media_update(SYSTEM_SCOPE, picture.id, MediaText(alt_text="Hồ Hoàn Kiếm"))
    assert await alt_text(token) == "Hồ Hoàn Kiếm"  # the editor: at once
    count_sql.statements.clear()
    assert await alt_text() == "Hồ Gươm"  # readers: the kept row, for a few seconds
    assert not [s for s in count_sql.statements if "media_asset" in s]
    await client.aclose()
