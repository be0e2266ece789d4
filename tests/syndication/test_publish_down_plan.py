"""Publishing down to several choices at once: the reach asked beforehand is what
`articlePublishDownMany` does, overlaps make no second placement, and only the
article's publishers may ask or act."""

from __future__ import annotations

from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.models.syndication import Placement, PlacementPolicy, Reach
from hub.services.receiver_choices import decide
from schema.common import encode_global_id
from tenants.hierarchy import create_tenant
from tenants.models import TenantLevel
from tests.factories import SYSTEM_SCOPE, make_article, make_tree, make_viewer, place_down
from tests.graphql.helpers import gql, token_for

REACH = """query($a: ID!, $t: [PublishDownTarget!]!) { publishDownReach(article: $a, targets: $t) {
  __typename ... on PublishDownReach { portals newPortals placements }
  ... on PlacementError { code field } } }"""
PUBLISH = """mutation($i: PublishDownManyInput!) { articlePublishDownMany(input: $i) {
  __typename ... on PublishDownManySuccess { portals newPortals placements { id reach } }
  ... on PlacementError { code field } } }"""
STANDINGS = """query($a: ID!) { articlePlacements(article: $a) {
  portals accepted declined placement { origin target { slug } } } }"""
RECEIVED = """query($id: ID!, $t: String!) { placementReceived(id: $id, tenant: $t) { id } }"""


async def run(client: httpx.AsyncClient, query: str, token: str, **variables: Any) -> Any:
    result = await gql(client, query, variables, token=token)
    assert "errors" not in result, result
    return next(iter(result["data"].values()))


async def test_the_reach_is_what_publishing_makes_and_overlaps_add_nothing(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await create_tenant(
        slug="longbien", name="Phường Long Biên", level=TenantLevel.COMMUNE, parent=tree.city
    )
    await make_viewer("pheduyet.hanoi", {tree.city: [Role.APPROVER]})
    token = await token_for("pheduyet.hanoi")
    article = await make_article(tree.city, "Tin toàn thành phố")
    gid = encode_global_id("Article", article.id)
    # Already on one commune by an earlier placement.
    await place_down(article, tree.ward, reach=Reach.SELF)
    targets = [
        {"target": "hanoi", "reach": "DESCENDANTS", "levels": ["COMMUNE"]},
        {"target": "hoangmai", "reach": "SELF"},  # inside the level: adds nothing
        {"target": "soxaydung", "reach": "SELF"},
        {"target": "soxaydung", "reach": "SELF"},  # twice: once
    ]
    reach = await run(client, REACH, token, a=gid, t=targets)
    assert reach == {
        "__typename": "PublishDownReach",
        "portals": 4,
        "newPortals": 3,
        "placements": 2,
    }
    assert await Placement.all().count() == 1  # asking writes nothing

    made = await run(client, PUBLISH, token, i={"article": gid, "targets": targets})
    assert made["__typename"] == "PublishDownManySuccess"
    assert (made["portals"], made["newPortals"], len(made["placements"])) == (4, 3, 2)
    standings = await run(client, STANDINGS, token, a=gid)
    assert sorted((s["placement"]["target"]["slug"], s["portals"]) for s in standings) == [
        ("hanoi", 3),
        ("hoankiem", 1),
        ("soxaydung", 1),
    ]
    # Everything chosen receives it already: nothing to make, and said so.
    again = await run(client, PUBLISH, token, i={"article": gid, "targets": targets})
    assert again == {"__typename": "PlacementError", "code": "INVALID_INPUT", "field": "targets"}
    assert await Placement.all().count() == 3


async def test_only_the_owners_publishers_ask_or_publish_and_only_inside_their_subtree(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("pheduyet.hoankiem", {tree.ward: [Role.APPROVER]})
    await make_viewer("bientap.hanoi", {tree.city: [Role.EDITOR]})
    await make_viewer("pheduyet.hanoi", {tree.city: [Role.APPROVER]})
    city = encode_global_id("Article", (await make_article(tree.city, "Tin thành phố")).id)
    ward = encode_global_id("Article", (await make_article(tree.ward, "Tin phường")).id)
    communes = [{"target": "hanoi", "reach": "DESCENDANTS", "levels": ["COMMUNE"]}]

    for username in ("pheduyet.hoankiem", "bientap.hanoi"):
        token = await token_for(username)
        refused = await run(client, REACH, token, a=city, t=communes)
        assert refused["code"] == "FORBIDDEN"
        made = await run(client, PUBLISH, token, i={"article": city, "targets": communes})
        assert made["code"] == "FORBIDDEN"
    # A ward publishes into its own subtree only, and a city article is not its own.
    ward_token = await token_for("pheduyet.hoankiem")
    outside = await run(client, REACH, ward_token, a=ward, t=communes)
    assert outside == {"__typename": "PlacementError", "code": "OUT_OF_REACH", "field": "targets"}
    city_token = await token_for("pheduyet.hanoi")
    unknown = [{"target": "khongco", "reach": "SELF"}]
    assert (await run(client, REACH, city_token, a=city, t=unknown))["code"] == "NOT_FOUND"
    assert (await run(client, REACH, city_token, a=city, t=[]))["code"] == "INVALID_INPUT"
    itself = [{"target": "hanoi", "reach": "SELF"}]
    assert (await run(client, REACH, city_token, a=city, t=itself))["code"] == "INVALID_INPUT"
    assert await Placement.all().count() == 0


async def test_the_owner_sees_decisions_on_offers_and_receivers_see_only_their_own(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("pheduyet.hanoi", {tree.city: [Role.APPROVER]})
    await make_viewer("pheduyet.hoankiem", {tree.ward: [Role.APPROVER]})
    await make_viewer("bientap.hoankiem", {tree.ward: [Role.EDITOR]})
    article = await make_article(tree.city, "Mời tham gia hội chợ")
    offer = await place_down(
        article,
        tree.city,
        reach=Reach.DESCENDANTS,
        levels=[TenantLevel.COMMUNE],
        policy=PlacementPolicy.OFFERED,
    )
    await decide(SYSTEM_SCOPE, offer.id, tree.ward, accepted=True)
    await decide(SYSTEM_SCOPE, offer.id, tree.other_ward, accepted=False)
    city = await token_for("pheduyet.hanoi")
    [standing] = await run(client, STANDINGS, city, a=encode_global_id("Article", article.id))
    assert (standing["portals"], standing["accepted"], standing["declined"]) == (2, 1, 1)

    only_other = await place_down(article, tree.other_ward, reach=Reach.SELF)
    ward = await token_for("pheduyet.hoankiem")
    editor = await token_for("bientap.hoankiem")
    offer_id = encode_global_id("Placement", offer.id)
    other_id = encode_global_id("Placement", only_other.id)
    assert await run(client, RECEIVED, ward, id=offer_id, t="hoankiem") == {"id": offer_id}
    # Another ward's placement, or a viewer who does not publish here: null, like a missing one.
    assert await run(client, RECEIVED, ward, id=other_id, t="hoankiem") is None
    assert await run(client, RECEIVED, editor, id=offer_id, t="hoankiem") is None
    assert await run(client, RECEIVED, ward, id=offer_id, t="hoangmai") is None
