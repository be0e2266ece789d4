"""Who sets a site's gathering rules, what they refuse, and the reach rule they open."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.models.newsroom import AuditEntry
from hub.models.syndication import GatheringRule
from schema.common import encode_global_id
from tenants.hierarchy import create_tenant
from tenants.models import TenantLevel
from tests.conftest import SQLCounter
from tests.factories import make_article, make_category, make_viewer
from tests.graphql.helpers import gql, token_for
from tests.reform.helpers import SITE, category_id, listed, make_reform_tree, set_rule

RULES = (
    '{ gatheringRules(site: "%s") { categorySlug tagName policy active '
    "site { slug } fileUnder { slug } } }"
)
PROPOSE = (
    'mutation($a: ID!) { articlePropose(article: $a, to: "%s") { __typename '
    "... on PlacementSuccess { placement { id policy origin gatheringRule { id } } } "
    "... on PlacementError { code } } }"
)


async def test_only_the_sites_admins_set_its_rules(client: httpx.AsyncClient) -> None:
    r = await make_reform_tree()
    await make_viewer("pheduyet.cchc", {r.tree.site: [Role.APPROVER]})
    await make_viewer("quantri.phuong", {r.tree.ward: [Role.ADMIN]})
    for token in (None, await token_for("pheduyet.cchc"), await token_for("quantri.phuong")):
        refused = await set_rule(client, token, category="cai-cach-hanh-chinh")
        assert refused["__typename"] == "GatheringRuleError" and refused["code"] == "FORBIDDEN"
    assert await GatheringRule.all().count() == 0

    made = await set_rule(client, r.admin_token, category="cai-cach-hanh-chinh")
    assert made["__typename"] == "GatheringRuleSuccess"
    assert made["rule"]["policy"] == "AUTOMATIC" and made["rule"]["active"]
    # Setting the same category again changes that rule, in the site's audit log.
    changed = await set_rule(
        client,
        r.admin_token,
        category="cai-cach-hanh-chinh",
        policy="AFTER_ACCEPTANCE",
        fileUnder=category_id(r.site_news),
    )
    assert changed["rule"]["id"] == made["rule"]["id"]
    await set_rule(client, r.admin_token, tag="  Chuyển   đổi số ", active=False)
    actions = await AuditEntry.filter(tenant_id=r.tree.site.id, object_type="GatheringRule")
    assert [a.action for a in actions] == [
        "gathering_rule_create",
        "gathering_rule_change",
        "gathering_rule_create",
    ]
    assert actions[1].changes["policy"] == ["automatic", "after_acceptance"]

    # Anyone may read them: units must know which section or tag reaches the site.
    rules = (await gql(client, RULES % SITE))["data"]["gatheringRules"]
    assert rules == [
        {
            "categorySlug": "cai-cach-hanh-chinh",
            "tagName": "",
            "policy": "AFTER_ACCEPTANCE",
            "active": True,
            "site": {"slug": SITE},
            "fileUnder": {"slug": "tin-cai-cach-hanh-chinh"},
        },
        {
            "categorySlug": "",
            "tagName": "Chuyển đổi số",
            "policy": "AUTOMATIC",
            "active": False,
            "site": {"slug": SITE},
            "fileUnder": None,
        },
    ]
    active = await gql(client, '{ gatheringRules(site: "%s", active: true) { id } }' % SITE)
    assert len(active["data"]["gatheringRules"]) == 1


async def test_a_rule_refuses_what_it_cannot_gather(client: httpx.AsyncClient) -> None:
    r = await make_reform_tree()
    await make_viewer("quantri.phuong", {r.tree.ward: [Role.ADMIN]})

    async def code(token: str, **fields: object) -> tuple[str, str | None]:
        outcome = await set_rule(client, token, **fields)
        return outcome["code"], outcome["field"]

    admin = r.admin_token
    assert await code(admin) == ("INVALID_INPUT", None)  # neither category nor tag
    assert await code(admin, category="a", tag="b") == ("INVALID_INPUT", None)
    assert await code(admin, category="Cải cách!") == ("INVALID_INPUT", "category")
    assert await code(admin, tag=" ! ") == ("INVALID_INPUT", "tag")
    # Filed under a section of another portal: refused.
    assert await code(admin, tag="x", fileUnder=category_id(r.ward_news)) == (
        "INVALID_CATEGORY",
        "fileUnder",
    )
    # A ward is no thematic site: it does not gather from the whole tree.
    ward_admin = await token_for("quantri.phuong")
    assert await code(ward_admin, site="hoankiem", category="tin-tuc") == ("NOT_A_SITE", None)
    unknown = await gql(
        client,
        'mutation { gatheringRuleSet(input: {site: "khong-co", tag: "x"}) { __typename } }',
        token=admin,
    )
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await GatheringRule.all().count() == 0


async def test_a_ward_proposes_to_the_reform_site_once_it_gathers_from_the_tree(
    client: httpx.AsyncClient,
) -> None:
    r = await make_reform_tree()
    await make_viewer("pheduyet.phuong", {r.tree.ward: [Role.APPROVER]})
    ward = await token_for("pheduyet.phuong")
    article = await make_article(r.tree.ward, "Phường tiếp nhận hồ sơ ngoài giờ hành chính")
    variables = {"a": encode_global_id("Article", article.id)}
    # The reform site sits beside the wards, under the city: out of reach until it gathers.
    before = await gql(client, PROPOSE % SITE, variables, token=ward)
    assert before["data"]["articlePropose"] == {
        "__typename": "PlacementError",
        "code": "OUT_OF_REACH",
    }

    await set_rule(client, r.admin_token, category="cai-cach-hanh-chinh")
    proposed = await gql(client, PROPOSE % SITE, variables, token=ward)
    placement = proposed["data"]["articlePropose"]["placement"]
    assert placement["policy"] == "OFFERED" and placement["origin"] == "UP"
    assert placement["gatheringRule"] is None  # a person proposed it, not a rule
    assert article.title not in await listed(client, SITE)
    accepted = await gql(
        client,
        'mutation { placementAccept(id: "%s", tenant: "%s") { __typename } }'
        % (placement["id"], SITE),
        token=r.admin_token,
    )
    assert accepted["data"]["placementAccept"]["__typename"] == "PlacementSuccess"
    assert (await listed(client, SITE))[article.title]["tenant"]["slug"] == "hoankiem"

    # Still the same tree only; and a sub-site that gathers nothing stays an ancestor's matter.
    other_city = await create_tenant(slug="danang", name="Đà Nẵng", level=TenantLevel.CITY)
    far_ward = await create_tenant(
        slug="haichau", name="Phường Hải Châu", level=TenantLevel.COMMUNE, parent=other_city
    )
    await make_category(far_ward)
    await make_viewer("pheduyet.haichau", {far_ward: [Role.APPROVER]})
    far = await make_article(far_ward, "Tin của một thành phố khác")
    outside = await gql(
        client,
        PROPOSE % SITE,
        {"a": encode_global_id("Article", far.id)},
        token=await token_for("pheduyet.haichau"),
    )
    assert outside["data"]["articlePropose"]["code"] == "OUT_OF_REACH"
    to_subsite = await gql(client, PROPOSE % "dean06", variables, token=ward)
    assert to_subsite["data"]["articlePropose"]["code"] == "OUT_OF_REACH"


async def test_listing_rules_costs_the_same_statements_for_two_or_six(
    client: httpx.AsyncClient, count_sql: SQLCounter
) -> None:
    r = await make_reform_tree()
    query = RULES % SITE

    async def statements() -> int:
        count_sql.statements.clear()
        result = await gql(client, query)
        assert "errors" not in result
        return len(count_sql.statements)

    for tag in ("Một cửa", "Dịch vụ công"):
        await set_rule(client, r.admin_token, tag=tag, fileUnder=category_id(r.site_news))
    two = await statements()
    for tag in ("Chữ ký số", "VNeID", "Số hóa", "Khảo sát"):
        await set_rule(client, r.admin_token, tag=tag, fileUnder=category_id(r.site_news))
    assert await statements() == two
