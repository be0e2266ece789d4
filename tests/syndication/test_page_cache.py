"""Cached portal pages: served from memory, and dropped on every affected portal within a second."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hub.auth.permissions import Role
from hub.models.syndication import Reach
from hub.services.syndication import publish_down
from hub.settings import Settings
from schema.common import encode_global_id
from tenants.models import TenantLevel
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree, make_viewer
from tests.frontends.test_browser import _free_port
from tests.graphql.helpers import token_for


@pytest.fixture
def hub(settings: Settings, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "THUDO_DATABASE_URL": settings.database_url,
        "THUDO_DATA_DIR": str(settings.data_dir),
        "THUDO_SCHEDULER_SECONDS": "0",
        "THUDO_TENANT_CACHE_SECONDS": "0",
    }
    log = (tmp_path / "hub.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "hub.cli", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


async def test_an_edit_at_the_city_shows_on_the_wards_cached_page_within_a_second(
    hub: str,
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
    await asyncio.sleep(1.5)  # let the hub's cache follower pass the set-up's own events
    async with httpx.AsyncClient(base_url=hub) as client:
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
                'đã đổi"}) { __typename } }' % encode_global_id("Article", article.id)
            },
            headers={"Host": "thudo.gov.vn", "Authorization": f"Bearer {token}"},
        )
        assert edited.json()["data"]["articleUpdate"]["__typename"] == "ArticleSuccess"
        changed_at = time.monotonic()
        while True:
            page = await client.get("/", headers=ward)
            if "Lịch cắt điện đã đổi" in page.text:
                break
            assert time.monotonic() - changed_at < 1.0, "the ward still shows the old title"
        assert time.monotonic() - changed_at < 1.0
        # The reform site is not a commune: the placement does not reach it, its pages stay.
        assert (await client.get("/", headers=site)).headers["x-cache"] == "hit"
        assert (
            other.title in (await client.get("/", headers={"Host": "hoangmai.thudo.gov.vn"})).text
        )
