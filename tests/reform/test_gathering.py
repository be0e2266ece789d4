"""Reform news from every unit reaches the reform site by its rules (must-show 5 of issue 17)."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.events.models import Event
from hub.models.syndication import Placement
from hub.services.articles import ArticleChanges, article_create, article_update
from hub.services.gathering import gather as apply_rules
from hub.services.workflow import take_step
from schema.common import encode_global_id
from tests.factories import SYSTEM_SCOPE, make_article, make_viewer
from tests.graphql.helpers import gql, token_for
from tests.reform.helpers import SITE, category_id, gather, listed, make_reform_tree, set_rule

RECEIVED = (
    '{ placementsReceived(tenant: "%s") { edges { node { id policy origin '
    "gatheringRule { categorySlug tagName policy } article { title tenant { slug } } } } } }"
)


async def test_a_wards_reform_article_appears_on_the_reform_site_with_its_provenance(
    client: httpx.AsyncClient,
) -> None:
    r = await make_reform_tree()
    rule = await set_rule(
        client,
        r.admin_token,
        category="cai-cach-hanh-chinh",
        policy="AUTOMATIC",
        fileUnder=category_id(r.site_news),
    )
    assert rule["__typename"] == "GatheringRuleSuccess"
    assert rule["rule"]["fileUnder"] == {"slug": "tin-cai-cach-hanh-chinh"}
    reform = await make_article(
        r.tree.ward, "Phường Hoàn Kiếm số hóa hồ sơ", category=r.ward_reform
    )
    other = await make_article(
        r.tree.ward, "Phường Hoàn Kiếm tổ chức hội thao", category=r.ward_news
    )
    city = await make_article(r.tree.city, "Thành phố giao chỉ tiêu cải cách")
    await gather()

    shown = await listed(client, SITE)
    assert shown["Phường Hoàn Kiếm số hóa hồ sơ"]["tenant"] == {
        "slug": "hoankiem",
        "name": "Phường Hoàn Kiếm",
    }  # the originating unit: its provenance
    # Filed under the reform site's own section there; the ward keeps its own.
    assert shown["Phường Hoàn Kiếm số hóa hồ sơ"]["category"] == {"slug": "tin-cai-cach-hanh-chinh"}
    assert (await listed(client, "hoankiem"))[reform.title]["category"] == {
        "slug": "cai-cach-hanh-chinh"
    }
    assert other.title not in shown and city.title not in shown
    assert reform.title not in await listed(client, "hoangmai")  # nowhere else

    received = await gql(client, RECEIVED % SITE, token=r.admin_token)
    [node] = [e["node"] for e in received["data"]["placementsReceived"]["edges"]]
    assert node["policy"] == "MANDATORY" and node["origin"] == "UP"
    assert node["gatheringRule"] == {
        "categorySlug": "cai-cach-hanh-chinh",
        "tagName": "",
        "policy": "AUTOMATIC",
    }
    assert node["article"] == {"title": reform.title, "tenant": {"slug": "hoankiem"}}

    # The consumer may see an event again (at least once): still one placement.
    await gather()
    assert await apply_rules([reform.id, other.id]) == 0
    assert await Placement.filter(article_id=reform.id).count() == 1

    # The department and the city gather the same way.
    department = await make_article(
        r.tree.department, "Sở Xây dựng cắt giảm thủ tục", category=r.department_reform
    )
    await gather()
    assert department.title in await listed(client, SITE)


async def test_an_article_unpublished_at_the_source_disappears_from_the_reform_site(
    client: httpx.AsyncClient,
) -> None:
    r = await make_reform_tree()
    await set_rule(client, r.admin_token, category="cai-cach-hanh-chinh")
    article = await make_article(r.tree.ward, "Một cửa không giấy tờ", category=r.ward_reform)
    await gather()
    assert article.title in await listed(client, SITE)

    await take_step(SYSTEM_SCOPE, article.id, "unpublish")
    assert article.title not in await listed(client, SITE)  # at once, before any consumer
    await gather()
    assert article.title not in await listed(client, SITE)
    await take_step(SYSTEM_SCOPE, article.id, "publish")
    await gather()
    assert article.title in await listed(client, SITE)  # the same placement shows it again
    assert await Placement.filter(article_id=article.id).count() == 1

    # Filed elsewhere, it leaves the reform site; filed back, it returns.
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(category_id=r.ward_news.id))
    await gather()
    assert article.title not in await listed(client, SITE)
    assert await Event.filter(type="placement.revoked").count() == 1
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(category_id=r.ward_reform.id))
    await gather()
    assert article.title in await listed(client, SITE)
    assert await Placement.filter(article_id=article.id).count() == 1

    # The ward withdraws it itself (placementRevoke): an edit does not bring it back.
    await make_viewer("pheduyet.phuong", {r.tree.ward: [Role.APPROVER]})
    ward = await token_for("pheduyet.phuong")
    placement = await Placement.get(article_id=article.id)
    revoked = await gql(
        client,
        "mutation($id: ID!) { placementRevoke(id: $id) { __typename } }",
        {"id": encode_global_id("Placement", placement.id)},
        token=ward,
    )
    assert revoked["data"]["placementRevoke"]["__typename"] == "PlacementSuccess"
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(summary="Cập nhật số liệu."))
    await gather()
    assert article.title not in await listed(client, SITE)


async def test_after_acceptance_a_tagged_article_waits_for_the_reform_sites_editors(
    client: httpx.AsyncClient,
) -> None:
    r = await make_reform_tree()
    rule = await set_rule(client, r.admin_token, tag="Đề án 06", policy="AFTER_ACCEPTANCE")
    assert rule["rule"]["tagSlug"] == "de-an-06" and rule["rule"]["tagName"] == "Đề án 06"
    draft = await article_create(
        SYSTEM_SCOPE,
        r.tree.department,
        ArticleChanges(title="Sở Xây dựng kết nối dữ liệu dân cư", tags=["Đề án 06"]),
    )
    await gather()
    assert await Placement.filter(article_id=draft.id).count() == 0  # drafts are not gathered
    await take_step(SYSTEM_SCOPE, draft.id, "publish")
    await gather()
    assert draft.title not in await listed(client, SITE)  # waits for a decision

    await make_viewer("pheduyet.cchc", {r.tree.site: [Role.APPROVER]})
    await make_viewer("phongvien.cchc", {r.tree.site: [Role.REPORTER]})
    editor, reporter = await token_for("pheduyet.cchc"), await token_for("phongvien.cchc")
    offers = await gql(
        client,
        '{ placementOffers(tenant: "%s") { id gatheringRule { tagName } '
        "article { title tenant { name } } } }" % SITE,
        token=editor,
    )
    [offer] = offers["data"]["placementOffers"]
    assert offer["gatheringRule"] == {"tagName": "Đề án 06"}
    assert offer["article"] == {"title": draft.title, "tenant": {"name": "Sở Xây dựng"}}
    accept = (
        'mutation { placementAccept(id: "%s", tenant: "%s") { __typename '
        % (
            offer["id"],
            SITE,
        )
        + "... on PlacementError { code } } }"
    )
    refused = await gql(client, accept, token=reporter)
    assert refused["data"]["placementAccept"] == {
        "__typename": "PlacementError",
        "code": "FORBIDDEN",
    }
    assert draft.title not in await listed(client, SITE)
    accepted = await gql(client, accept, token=editor)
    assert accepted["data"]["placementAccept"]["__typename"] == "PlacementSuccess"
    assert (await listed(client, SITE))[draft.title]["tenant"]["name"] == "Sở Xây dựng"

    # A declined offer stays declined when the article is edited again.
    other = await make_article(r.tree.ward, "Phường cấp căn cước cho người cao tuổi")
    await article_update(SYSTEM_SCOPE, other.id, ArticleChanges(tags=["Đề án 06"]))
    await gather()
    offers = await gql(client, '{ placementOffers(tenant: "%s") { id } }' % SITE, token=editor)
    [waiting] = offers["data"]["placementOffers"]
    declined = await gql(
        client,
        'mutation { placementDecline(id: "%s", tenant: "%s") { __typename } }'
        % (waiting["id"], SITE),
        token=editor,
    )
    assert declined["data"]["placementDecline"]["__typename"] == "PlacementSuccess"
    await article_update(SYSTEM_SCOPE, other.id, ArticleChanges(summary="Thêm điểm cấp."))
    await gather()
    offers = await gql(client, '{ placementOffers(tenant: "%s") { id } }' % SITE, token=editor)
    assert offers["data"]["placementOffers"] == []
    assert other.title not in await listed(client, SITE)


async def test_two_rules_of_one_site_show_an_article_once(client: httpx.AsyncClient) -> None:
    r = await make_reform_tree()
    await set_rule(client, r.admin_token, category="cai-cach-hanh-chinh")
    await set_rule(client, r.admin_token, tag="Một cửa")
    article = await make_article(r.tree.ward, "Bộ phận một cửa phường", category=r.ward_reform)
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(tags=["Một cửa"]))
    await gather()
    assert await Placement.filter(article_id=article.id, revoked_at__isnull=True).count() == 1
    # It leaves the reform section but keeps the tag: the tag's rule keeps it on the site.
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(category_id=r.ward_news.id))
    await gather()
    live = await Placement.filter(article_id=article.id, revoked_at__isnull=True)
    assert len(live) == 1 and live[0].gathered_by_id is not None
    rule = await live[0].gathered_by
    assert rule is not None and rule.tag_slug == "mot-cua"
    assert article.title in await listed(client, SITE)
