"""A portal's new contact or section name reaches its cached pages through the outbox.

The change is made outside the running hub (as another process would), with
the hub's copies of portal rows kept for five minutes: only the
`tenant.changed` event can make its pages show the change, and only the
changed portal's pages are dropped.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from hub.services.categories import category_update
from hub.services.portal_settings import PortalChanges, tenant_update
from hub.settings import Settings
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree
from tests.hub_process import hub_process

WARD = {"Host": "hoankiem.thudo.gov.vn"}
OTHER = {"Host": "hoangmai.thudo.gov.vn"}


async def _until(client: httpx.AsyncClient, text: str) -> None:
    # How soon the follower wakes depends on the machine's load; the bound only
    # stops a broken follower from hanging the suite.
    deadline = time.monotonic() + 60
    while text not in (await client.get("/", headers=WARD)).text:
        assert time.monotonic() < deadline, f"the ward never showed {text!r}"
        await asyncio.sleep(0.05)


async def test_settings_and_sections_reach_the_cached_pages_by_their_event(
    settings: Settings, tmp_path: Path
) -> None:
    tree = await make_tree()
    news = await make_category(tree.ward)
    await make_article(tree.ward, "Tin phường Hoàn Kiếm", category=news)
    await make_category(tree.other_ward)
    await make_article(tree.other_ward, "Tin phường Hoàng Mai")
    await tenant_update(SYSTEM_SCOPE, tree.ward, PortalChanges(address="Số 1 phố Cũ"))
    hub = hub_process(
        settings,
        tmp_path / "hub.log",
        THUDO_SCHEDULER_SECONDS="0",
        THUDO_TENANT_CACHE_SECONDS="300",
    )
    with hub as base:
        async with httpx.AsyncClient(base_url=base) as client:
            first = await client.get("/", headers=WARD)
            assert "Số 1 phố Cũ" in first.text
            assert (await client.get("/", headers=WARD)).headers["x-cache"] == "hit"
            await client.get("/", headers=OTHER)
            assert (await client.get("/", headers=OTHER)).headers["x-cache"] == "hit"

            await tenant_update(SYSTEM_SCOPE, tree.ward, PortalChanges(address="Số 2 phố Mới"))
            await _until(client, "Số 2 phố Mới")
            assert (await client.get("/", headers=OTHER)).headers["x-cache"] == "hit"

            await category_update(SYSTEM_SCOPE, tree.ward, news.id, name="Tin hoạt động phường")
            await _until(client, "Tin hoạt động phường")
            assert (await client.get("/", headers=OTHER)).headers["x-cache"] == "hit"
