"""Cached portal pages: served from memory, and dropped on every affected portal by the event."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from hub.auth.permissions import Role
from hub.models.syndication import Reach
from hub.services.syndication import publish_down
from hub.settings import Settings
from schema.common import encode_global_id
from tenants.models import TenantLevel
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree, make_viewer
from tests.graphql.helpers import token_for
from tests.hub_process import hub_process


async def test_an_edit_at_the_city_shows_on_the_wards_cached_page_after_its_event(
    settings: Settings, tmp_path: Path
) -> None:
    tree = await make_tree()
    await make_category(tree.ward)
    other = await make_article(tree.other_ward, "Tin riêng phường Hoàng Mai")
    news = await make_category(tree.city)
    article = await make_article(tree.city, "Lịch cắt điện cuối tuần", category=news)
    await publish_down(
        SYSTEM_SCOPE, article.id, tree.city, Reach.CHILDREN, levels=[TenantLevel.COMMUNE]
    )
    await make_viewer("thanhpho", {tree.city: [Role.ADMIN]})
    token = await token_for("thanhpho")
    # Started after the set-up: its cache follower reads the outbox from that
    # moment, so no set-up event can empty the cache while the test watches it.
    hub = hub_process(
        settings, tmp_path / "hub.log", THUDO_SCHEDULER_SECONDS="0", THUDO_TENANT_CACHE_SECONDS="0"
    )
    with hub as base:
        await _cached_pages_follow_the_edit(base, token, article.id, other.title)


async def _cached_pages_follow_the_edit(
    base: str, token: str, article_id: int, other_title: str
) -> None:
    async with httpx.AsyncClient(base_url=base) as client:
        ward = {"Host": "hoankiem.thudo.gov.vn"}
        site = {"Host": "caicachhanhchinh.hanoi.gov.vn"}
        first = await client.get("/", headers=ward)
        assert "Lịch cắt điện cuối tuần" in first.text and "x-cache" not in first.headers
        second = await client.get("/", headers=ward)
        assert second.headers["x-cache"] == "hit" and second.text == first.text
        again = await client.get("/", headers={**ward, "If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
        await client.get("/", headers={"Host": "hoangmai.thudo.gov.vn"})
        await client.get("/", headers=site)
        assert (await client.get("/", headers=site)).headers["x-cache"] == "hit"
        # Signed-in people always get a fresh page.
        fresh = await client.get("/", headers={**ward, "Authorization": f"Bearer {token}"})
        assert "x-cache" not in fresh.headers

        edited = await client.post(
            "/graphql",
            json={
                "query": 'mutation { articleUpdate(input: {id: "%s", title: "Lịch cắt điện '
                'đã đổi"}) { __typename } }' % encode_global_id("Article", article_id)
            },
            headers={"Host": "thudo.gov.vn", "Authorization": f"Bearer {token}"},
        )
        assert edited.json()["data"]["articleUpdate"]["__typename"] == "ArticleSuccess"
        # The follower wakes on the outbox notification; how soon depends on the
        # machine's load (bench/ measures it). The bound only stops a broken
        # follower from hanging the suite.
        deadline = time.monotonic() + 60
        while "Lịch cắt điện đã đổi" not in (await client.get("/", headers=ward)).text:
            assert time.monotonic() < deadline, "the ward still shows the old title"
            await asyncio.sleep(0.05)
        # The reform site is not a commune: the placement does not reach it, its pages stay.
        assert (await client.get("/", headers=site)).headers["x-cache"] == "hit"
        assert (
            other_title in (await client.get("/", headers={"Host": "hoangmai.thudo.gov.vn"})).text
        )
