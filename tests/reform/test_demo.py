"""`thudo demo` seeds the reform site's sub-sites, its rules and reform news from the units."""

from __future__ import annotations

import httpx

from hub.models import Article, ContentStatus
from hub.models.syndication import Placement, PlacementPolicy
from hub.seed.demo import seed_demo
from tenants.models import Tenant
from tests.graphql.helpers import gql
from tests.reform.helpers import SITE, SITE_HOST, listed


async def test_the_demo_reform_site_gathers_and_its_sub_sites_list_their_own_content(
    client: httpx.AsyncClient,
) -> None:
    await seed_demo(quiet=True)
    site = await Tenant.get(slug=SITE)
    for slug in ("chuyendoiso", "dean06"):
        sub = await Tenant.get(slug=slug)
        assert sub.parent_id == site.id
        own = await Article.filter(tenant_id=sub.id, status=ContentStatus.PUBLISHED).count()
        assert own >= 3
        home = await client.get("/", headers={"Host": f"{slug}.caicachhanhchinh.hanoi.gov.vn"})
        assert home.status_code == 200
        newest = (
            await Article.filter(tenant_id=sub.id, status=ContentStatus.PUBLISHED)
            .order_by("-published_at")
            .first()
        )
        assert newest is not None and newest.title in home.text

    # Every unit's reform section reaches the reform site, with the unit as its source.
    shown = await listed(client, SITE)
    sources = {node["tenant"]["slug"] for node in shown.values()}
    assert {"hanoi", "soxaydung", "hoankiem", "unghoa"} <= sources
    assert "Nguồn: Phường Hoàn Kiếm" in (await client.get("/", headers=SITE_HOST)).text
    digital = await listed(client, "chuyendoiso")
    assert digital["Sở Xây dựng cấp giấy phép xây dựng hoàn toàn trực tuyến"]["tenant"] == {
        "slug": "soxaydung",
        "name": "Sở Xây dựng",
    }
    # Project 06 takes tagged news after acceptance: one offer waits.
    dean06 = await Tenant.get(slug="dean06")
    waiting = await Placement.filter(target_id=dean06.id, policy=PlacementPolicy.OFFERED)
    assert len(waiting) == 1
    rules = await gql(client, '{ gatheringRules(site: "dean06") { tagName policy } }')
    assert rules["data"]["gatheringRules"] == [
        {"tagName": "Đề án 06", "policy": "AFTER_ACCEPTANCE"}
    ]
