"""The reform site's tree, rules set through GraphQL, and the gathering consumer run once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.events.dispatcher import consume_once
from hub.models import Category
from hub.services.gathering import gathering_consumer
from schema.common import encode_global_id
from tenants.hierarchy import create_tenant
from tenants.models import Tenant, TenantLevel
from tests.factories import Tree, make_category, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

SITE = "caicachhanhchinh"
SITE_HOST = {"Host": "caicachhanhchinh.hanoi.gov.vn"}
RULE_RESULT = (
    "__typename ... on GatheringRuleSuccess { rule { id categorySlug tagSlug tagName policy "
    "active site { slug } fileUnder { slug } } } "
    "... on GatheringRuleError { code message field }"
)
SET_RULE = "mutation($input: GatheringRuleInput!) { gatheringRuleSet(input: $input) { %s } }" % (
    RULE_RESULT
)
FEED = (
    '{ articles(tenant: "%s", first: 50) { edges { node { title tenant { slug name } '
    "category { slug } } } } }"
)


@dataclass
class ReformTree:
    """The factories' tree, with the reform site's sub-sites and the sections gathering needs."""

    tree: Tree
    digital: Tenant  # sub-site "Chuyển đổi số"
    project06: Tenant  # sub-site "Đề án 06"
    site_news: Category  # the reform site's section gathered news is filed under
    ward_reform: Category  # the ward's reform section
    ward_news: Category
    department_reform: Category
    admin_token: str  # an admin of the reform site


async def make_reform_tree() -> ReformTree:
    tree = await make_tree()
    digital = await create_tenant(
        slug="chuyendoiso",
        name="Chuyển đổi số",
        level=TenantLevel.SITE,
        parent=tree.site,
        hostnames=["chuyendoiso.caicachhanhchinh.hanoi.gov.vn"],
    )
    project06 = await create_tenant(
        slug="dean06",
        name="Đề án 06",
        level=TenantLevel.SITE,
        parent=tree.site,
        hostnames=["dean06.caicachhanhchinh.hanoi.gov.vn"],
    )
    site_news = await make_category(
        tree.site, "tin-cai-cach-hanh-chinh", name="Tin cải cách hành chính", slug_en="reform-news"
    )
    reform = {"name": "Cải cách hành chính", "slug_en": "administrative-reform"}
    ward_reform = await make_category(tree.ward, "cai-cach-hanh-chinh", **reform)
    ward_news = await make_category(tree.ward)
    department_reform = await make_category(tree.department, "cai-cach-hanh-chinh", **reform)
    await make_viewer("quantri.cchc", {tree.site: [Role.ADMIN]})
    return ReformTree(
        tree,
        digital,
        project06,
        site_news,
        ward_reform,
        ward_news,
        department_reform,
        await token_for("quantri.cchc"),
    )


async def set_rule(client: httpx.AsyncClient, token: str | None, **fields: Any) -> dict[str, Any]:
    """``gatheringRuleSet`` with these input fields (site defaults to the reform site)."""
    fields.setdefault("site", SITE)
    result = await gql(client, SET_RULE, {"input": fields}, token=token)
    assert "errors" not in result, result
    outcome: dict[str, Any] = result["data"]["gatheringRuleSet"]
    return outcome


def category_id(category: Category) -> str:
    return encode_global_id("Category", category.id)


async def gather() -> None:
    """What a serving hub's consumer does on the next events: apply the rules once."""
    await consume_once(gathering_consumer())


async def listed(client: httpx.AsyncClient, slug: str) -> dict[str, dict[str, Any]]:
    """A portal's public list through the API: title → node."""
    result = await gql(client, FEED % slug)
    return {e["node"]["title"]: e["node"] for e in result["data"]["articles"]["edges"]}
