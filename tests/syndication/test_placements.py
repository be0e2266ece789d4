"""Publish down with one row, receivers' own choices, propose up, revoke."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.events.models import Event
from hub.models.syndication import Placement
from schema.common import encode_global_id
from tenants.hierarchy import create_tenant
from tenants.models import TenantLevel
from tests.factories import make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

RESULT = (
    "__typename ... on PlacementSuccess { placement { id reach } } ... on PlacementError { code }"
)
FEED = '{ articles(tenant: "%s", first: 50) { edges { node { title tenant { slug } } } } }'


async def titles(client: httpx.AsyncClient, slug: str, token: str | None = None) -> list[str]:
    result = await gql(client, FEED % slug, token=token)
    return [e["node"]["title"] for e in result["data"]["articles"]["edges"]]


async def test_one_row_reaches_every_commune_of_a_600_portal_tree(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    communes = [tree.ward, tree.other_ward]
    for n in range(595):
        communes.append(
            await create_tenant(
                slug=f"xa-{n:03d}", name=f"Xã {n:03d}", level=TenantLevel.COMMUNE, parent=tree.city
            )
        )
    news = await make_article(tree.city, "Thành phố phát động phong trào thi đua")
    await make_viewer("thanhpho", {tree.city: [Role.ADMIN]})
    city = await token_for("thanhpho")
    rows_before = await Placement.all().count()
    result = await gql(
        client,
        'mutation($a: ID!) { articlePublishDown(input: {article: $a, target: "hanoi", '
        "reach: DESCENDANTS, levels: [COMMUNE]}) { %s } }" % RESULT,
        {"a": encode_global_id("Article", news.id)},
        token=city,
    )
    assert result["data"]["articlePublishDown"]["__typename"] == "PlacementSuccess"
    assert await Placement.all().count() == rows_before + 1  # one row for 597 communes
    assert await Event.filter(type="placement.created").count() == 1
    for slug in ("hoankiem", "xa-000", "xa-594"):
        assert "Thành phố phát động phong trào thi đua" in await titles(client, slug)
    assert "Thành phố phát động phong trào thi đua" not in await titles(client, "soxaydung")
    later = await create_tenant(
        slug="xa-moi", name="Xã mới sáp nhập", level=TenantLevel.COMMUNE, parent=tree.city
    )
    assert "Thành phố phát động phong trào thi đua" in await titles(client, later.slug)

    # One receiver hides it: only that receiver stops showing it.
    await make_viewer("phuong", {tree.ward: [Role.APPROVER]})
    placement_id = result["data"]["articlePublishDown"]["placement"]["id"]
    hidden = await gql(
        client,
        'mutation { placementHide(id: "%s", tenant: "hoankiem") { %s } }' % (placement_id, RESULT),
        token=await token_for("phuong"),
    )
    assert hidden["data"]["placementHide"]["__typename"] == "PlacementSuccess"
    assert "Thành phố phát động phong trào thi đua" not in await titles(client, "hoankiem")
    assert "Thành phố phát động phong trào thi đua" in await titles(client, "hoangmai")

    # The owner revokes it: gone everywhere at once.
    revoked = await gql(
        client, 'mutation { placementRevoke(id: "%s") { %s } }' % (placement_id, RESULT), token=city
    )
    assert revoked["data"]["placementRevoke"]["__typename"] == "PlacementSuccess"
    for slug in ("hoangmai", "xa-000", "xa-moi"):
        assert "Thành phố phát động phong trào thi đua" not in await titles(client, slug)


async def test_offers_wait_for_acceptance_and_proposals_go_up(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("thanhpho", {tree.city: [Role.ADMIN]})
    await make_viewer("phuong", {tree.ward: [Role.APPROVER]})
    city, ward = await token_for("thanhpho"), await token_for("phuong")
    offer = await make_article(tree.city, "Gợi ý đăng lại")
    made = await gql(
        client,
        'mutation($a: ID!) { articlePublishDown(input: {article: $a, target: "hanoi", '
        "reach: CHILDREN, policy: OFFERED}) { %s } }" % RESULT,
        {"a": encode_global_id("Article", offer.id)},
        token=city,
    )
    placement_id = made["data"]["articlePublishDown"]["placement"]["id"]
    assert "Gợi ý đăng lại" not in await titles(client, "hoankiem")
    queue = await gql(client, '{ placementOffers(tenant: "hoankiem") { id } }', token=ward)
    assert [p["id"] for p in queue["data"]["placementOffers"]] == [placement_id]
    accepted = await gql(
        client,
        'mutation { placementAccept(id: "%s", tenant: "hoankiem") '
        "{ %s } }" % (placement_id, RESULT),
        token=ward,
    )
    assert accepted["data"]["placementAccept"]["__typename"] == "PlacementSuccess"
    assert "Gợi ý đăng lại" in await titles(client, "hoankiem")
    assert "Gợi ý đăng lại" not in await titles(client, "hoangmai")  # not accepted there
    queue = await gql(client, '{ placementOffers(tenant: "hoankiem") { id } }', token=ward)
    assert queue["data"]["placementOffers"] == []

    # Aggregate up: the ward proposes its news to the city, which accepts it.
    local = await make_article(tree.ward, "Phường làm tốt cải cách hành chính")
    proposal = await gql(
        client,
        'mutation($a: ID!) { articlePropose(article: $a, to: "hanoi") { %s } }' % RESULT,
        {"a": encode_global_id("Article", local.id)},
        token=ward,
    )
    proposal_id = proposal["data"]["articlePropose"]["placement"]["id"]
    assert "Phường làm tốt cải cách hành chính" not in await titles(client, "hanoi")
    await gql(
        client,
        'mutation { placementAccept(id: "%s", tenant: "hanoi") { %s } }' % (proposal_id, RESULT),
        token=city,
    )
    feed = await gql(client, FEED % "hanoi")
    placed = next(
        e["node"]
        for e in feed["data"]["articles"]["edges"]
        if e["node"]["title"] == "Phường làm tốt cải cách hành chính"
    )
    assert placed["tenant"]["slug"] == "hoankiem"  # provenance: the owner stays the source


async def test_placement_rules(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("phuong", {tree.ward: [Role.APPROVER]})
    await make_viewer("phongvien", {tree.city: [Role.REPORTER]})
    local = await make_article(tree.ward, "Tin phường")
    city_news = await make_article(tree.city, "Tin thành phố")
    up = await gql(
        client,
        'mutation($a: ID!) { articlePublishDown(input: {article: $a, target: "hanoi", '
        "reach: DESCENDANTS}) { %s } }" % RESULT,
        {"a": encode_global_id("Article", local.id)},
        token=await token_for("phuong"),
    )
    assert up["data"]["articlePublishDown"] == {
        "__typename": "PlacementError",
        "code": "OUT_OF_REACH",
    }
    reporter = await gql(
        client,
        'mutation($a: ID!) { articlePublishDown(input: {article: $a, target: "hanoi", '
        "reach: DESCENDANTS}) { %s } }" % RESULT,
        {"a": encode_global_id("Article", city_news.id)},
        token=await token_for("phongvien"),
    )
    assert reporter["data"]["articlePublishDown"]["code"] == "FORBIDDEN"
    sideways = await gql(
        client,
        'mutation($a: ID!) { articlePropose(article: $a, to: "hoangmai") { %s } }' % RESULT,
        {"a": encode_global_id("Article", local.id)},
        token=await token_for("phuong"),
    )
    assert sideways["data"]["articlePropose"]["code"] == "OUT_OF_REACH"


async def test_placed_articles_show_their_source_on_the_receiving_portal(
    client: httpx.AsyncClient,
) -> None:
    from hub.models.syndication import Reach
    from hub.services.syndication import publish_down
    from tests.factories import SYSTEM_SCOPE, make_category

    tree = await make_tree()
    await make_category(tree.ward)
    city_news = await make_category(tree.city)
    article = await make_article(tree.city, "Tin chung toàn thành phố", category=city_news)
    await publish_down(SYSTEM_SCOPE, article.id, tree.city, Reach.CHILDREN)
    home = await client.get("/", headers={"Host": "hoankiem.thudo.gov.vn"})
    assert "Tin chung toàn thành phố" in home.text
    assert "Nguồn: Thành phố Hà Nội" in home.text
    page = await client.get(
        "/tin-tuc/tin-chung-toan-thanh-pho", headers={"Host": "hoankiem.thudo.gov.vn"}
    )
    assert page.status_code == 200 and "Nguồn: Thành phố Hà Nội" in page.text
    own = await client.get("/", headers={"Host": "thudo.gov.vn"})
    assert "Nguồn: Thành phố Hà Nội" not in own.text


async def test_a_receiver_overrides_the_title_and_still_follows_the_body(
    client: httpx.AsyncClient,
) -> None:
    from hub.services.articles import ArticleChanges, article_update
    from tests.factories import SYSTEM_SCOPE

    tree = await make_tree()
    await make_viewer("thanhpho", {tree.city: [Role.ADMIN]})
    await make_viewer("phuong", {tree.ward: [Role.APPROVER]})
    city, ward = await token_for("thanhpho"), await token_for("phuong")
    article = await make_article(tree.city, "Thông báo chung", body="<p>Bản đầu.</p>")
    made = await gql(
        client,
        'mutation($a: ID!) { articlePublishDown(input: {article: $a, target: "hanoi", '
        "reach: CHILDREN, levels: [COMMUNE]}) { %s } }" % RESULT,
        {"a": encode_global_id("Article", article.id)},
        token=city,
    )
    placement_id = made["data"]["articlePublishDown"]["placement"]["id"]
    overridden = await gql(
        client,
        'mutation { placementOverride(id: "%s", tenant: "hoankiem", title: "Phường thông báo") '
        "{ %s } }" % (placement_id, RESULT),
        token=ward,
    )
    assert overridden["data"]["placementOverride"]["__typename"] == "PlacementSuccess"
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(body="<p>Bản sửa.</p>"))
    query = '{ article(tenant: "%s", slug: "thong-bao-chung") { title body } }'
    assert (await gql(client, query % "hoankiem"))["data"]["article"] == {
        "title": "Phường thông báo",
        "body": "<p>Bản sửa.</p>",
    }
    assert (await gql(client, query % "hoangmai"))["data"]["article"]["title"] == "Thông báo chung"
    assert "Phường thông báo" in await titles(client, "hoankiem")
    assert "Thông báo chung" in await titles(client, "hoangmai")
    assert (await gql(client, query % "hanoi"))["data"]["article"]["title"] == "Thông báo chung"
    other = await gql(
        client,
        'mutation { placementOverride(id: "%s", tenant: "hoangmai", title: "X") { %s } }'
        % (placement_id, RESULT),
        token=ward,
    )
    assert other["data"]["placementOverride"]["code"] == "FORBIDDEN"


async def test_a_receivers_decision_touches_only_its_own_pages() -> None:
    from hub.models.syndication import Reach
    from hub.page_cache import affected_tenants
    from hub.services.receiver_choices import decide
    from hub.services.syndication import publish_down
    from tests.factories import SYSTEM_SCOPE

    tree = await make_tree()
    article = await make_article(tree.city, "Tin phát xuống")
    placement = await publish_down(SYSTEM_SCOPE, article.id, tree.city, Reach.CHILDREN)
    before = await Event.all().count()
    await decide(SYSTEM_SCOPE, placement.id, tree.ward, hidden=True)
    [event] = await Event.all().order_by("-id").limit(1)
    assert await Event.all().count() == before + 1
    assert (event.type, event.tenant_id) == ("placement.receipt_changed", tree.ward.id)
    assert await affected_tenants([event]) == {tree.ward.id}
    # The article's own events still reach every portal it is placed on.
    [published] = await Event.filter(type="article.published", object_id=article.id)
    assert await affected_tenants([published]) >= {tree.city.id, tree.ward.id, tree.other_ward.id}
