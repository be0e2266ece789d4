"""The fields the workspace added to the API: `viewer`, `articleQueue`, `articleList`."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from tortoise.timezone import now

import resolvers.workspace
from hub.models import Article
from hub.services.workflow import article_schedule, take_step
from tests.admin.helpers import make_staff
from tests.factories import SYSTEM_SCOPE, make_article, make_tree
from tests.graphql.helpers import gql, token_for

QUEUES = """query($tenant: String!) {
  myDrafts: articleQueue(tenant: $tenant, queue: MY_DRAFTS) { totalCount edges { node { title } } }
  returned: articleQueue(tenant: $tenant, queue: RETURNED_TO_ME) {
    totalCount edges { node { title returnReason } } }
  toReview: articleQueue(tenant: $tenant, queue: TO_REVIEW) { totalCount edges { node { title } } }
  toPublish: articleQueue(tenant: $tenant, queue: TO_PUBLISH) { totalCount }
  scheduled: articleQueue(tenant: $tenant, queue: SCHEDULED) { totalCount edges { node { title } } }
  recent: articleQueue(tenant: $tenant, queue: RECENTLY_PUBLISHED) { totalCount }
}"""


def titles(connection: dict) -> list[str]:
    return [e["node"]["title"] for e in connection["edges"]]


async def test_viewer_lists_the_users_portals_and_roles(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_staff(tree)
    anonymous = await gql(client, "{ viewer { username } }")
    assert anonymous["data"]["viewer"] is None
    token = await token_for("approver.hoankiem")
    result = await gql(
        client,
        "{ viewer { username isSuperuser memberships { roles permissions tenant { slug } } } }",
        token=token,
    )
    viewer = result["data"]["viewer"]
    assert viewer["username"] == "approver.hoankiem" and viewer["isSuperuser"] is False
    [membership] = viewer["memberships"]
    assert membership["tenant"]["slug"] == "hoankiem"
    assert membership["roles"] == ["approver"]
    assert "article_approve" in membership["permissions"]
    assert "tenant_manage" not in membership["permissions"]


async def test_queues_follow_the_role_and_the_writer(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_staff(tree)
    reporter = await token_for("reporter.hoankiem")
    create = """mutation($t: String!) { articleCreate(input: {tenant: $t, title: "Bài của tôi"}) {
      ... on ArticleSuccess { article { id } } } }"""
    created = await gql(client, create, {"t": "hoankiem"}, token=reporter)
    article_id = created["data"]["articleCreate"]["article"]["id"]
    await make_article(tree.ward, "Bản nháp của người khác", published=False)
    await make_article(tree.ward, "Tin đã đăng")
    scheduled = await make_article(tree.ward, "Tin hẹn giờ", published=False)
    for step in ("submit", "approve"):
        await take_step(SYSTEM_SCOPE, scheduled.id, step)
    await article_schedule(SYSTEM_SCOPE, scheduled.id, now() + timedelta(days=1), None)

    mine = (await gql(client, QUEUES, {"tenant": "hoankiem"}, token=reporter))["data"]
    assert titles(mine["myDrafts"]) == ["Bài của tôi"]  # not someone else's draft
    assert mine["toReview"]["totalCount"] == 0 and mine["toPublish"]["totalCount"] == 0
    assert titles(mine["scheduled"]) == ["Tin hẹn giờ"] and mine["recent"]["totalCount"] == 1

    await gql(
        client, f'mutation {{ articleSubmit(id: "{article_id}") {{ __typename }} }}', token=reporter
    )
    editor = await token_for("editor.hoankiem")
    review = (await gql(client, QUEUES, {"tenant": "hoankiem"}, token=editor))["data"]
    assert titles(review["toReview"]) == ["Bài của tôi"]
    assert review["toPublish"]["totalCount"] == 0  # editors do not publish
    returned = await gql(
        client,
        f'mutation {{ articleReturn(id: "{article_id}", reason: "Thiếu nguồn") {{ __typename }} }}',
        token=editor,
    )
    assert returned["data"]["articleReturn"]["__typename"] == "ArticleSuccess"
    mine = (await gql(client, QUEUES, {"tenant": "hoankiem"}, token=reporter))["data"]
    assert mine["returned"]["edges"][0]["node"] == {
        "title": "Bài của tôi",
        "returnReason": "Thiếu nguồn",
    }
    # The editor returned it, but it is not the editor's article.
    theirs = (await gql(client, QUEUES, {"tenant": "hoankiem"}, token=editor))["data"]
    assert theirs["returned"]["totalCount"] == 0


async def test_another_wards_staff_and_the_public_see_no_drafts(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await make_article(tree.ward, "Bản nháp Hoàn Kiếm", published=False)
    await make_article(tree.ward, "Tin Hoàn Kiếm")
    outsider = await token_for("approver.hoangmai")
    for token in (outsider, None):
        listed = await gql(
            client,
            '{ articleList(tenant: "hoankiem") { totalCount edges { node { title } } } }',
            token=token,
        )
        assert titles(listed["data"]["articleList"]) == ["Tin Hoàn Kiếm"]
        queues = (await gql(client, QUEUES, {"tenant": "hoankiem"}, token=token))["data"]
        assert all(queues[q]["totalCount"] == 0 for q in ("myDrafts", "toReview", "scheduled"))
        assert queues["recent"]["totalCount"] == 0  # a queue is for the portal's staff
    assert await Article.unscoped().filter(tenant_id=tree.ward.id).count() == 2


async def test_article_list_filters(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await make_article(tree.ward, "Hà Nội mở rộng phố đi bộ")
    await make_article(tree.ward, "Lễ hội mùa xuân", published=False)
    token = await token_for("editor.hoankiem")
    query = """query($text: String, $status: ContentStatus, $from: Date) {
      articleList(tenant: "hoankiem", text: $text, status: $status, changedFrom: $from) {
        totalCount edges { node { title } } } }"""

    async def listed(**variables: object) -> list[str]:
        result = await gql(client, query, variables, token=token)
        return titles(result["data"]["articleList"])

    assert await listed(text="ha noi") == ["Hà Nội mở rộng phố đi bộ"]
    assert await listed(text="Phố đi bộ") == ["Hà Nội mở rộng phố đi bộ"]
    assert await listed(status="DRAFT") == ["Lễ hội mùa xuân"]
    assert await listed(**{"from": "2999-01-01"}) == []
    assert len(await listed()) == 2
    too_long = await gql(client, query, {"text": "x" * 201}, token=token)
    assert too_long["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_article_list_count_stops_at_its_bound(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long list says "more than N" instead of counting every article."""
    tree = await make_tree()
    await make_staff(tree)
    for number in range(5):
        await make_article(tree.ward, f"Tin số {number}", published=number % 2 == 0)
    token = await token_for("editor.hoankiem")
    query = """query($status: ContentStatus) {
      articleList(tenant: "hoankiem", status: $status, first: 2) {
        totalCount countIsBounded countBound edges { node { title } } } }"""
    monkeypatch.setattr(resolvers.workspace, "LIST_COUNT_BOUND", 4)
    listed = (await gql(client, query, {}, token=token))["data"]["articleList"]
    assert (listed["totalCount"], listed["countIsBounded"], listed["countBound"]) == (4, True, 4)
    assert len(listed["edges"]) == 2
    drafts = (await gql(client, query, {"status": "DRAFT"}, token=token))["data"]["articleList"]
    assert (drafts["totalCount"], drafts["countIsBounded"]) == (2, False)
