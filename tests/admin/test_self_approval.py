"""Separation of duties (REGULATIONS statement 25): nobody approves or publishes their own.

The writer and the last editor (latest non-autosave revision) are refused with
SELF_APPROVAL, admins, WORKFLOW_BYPASS and superusers included, unless the
portal's `selfApprovalAllowed` setting is on; the setting's change is audited.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
from tortoise.timezone import now

from hub.auth.permissions import Role
from hub.models import Article, ContentStatus
from hub.models.newsroom import AuditEntry
from hub.services.articles import ArticleChanges, article_create, article_update
from hub.services.errors import ServiceError
from hub.services.journal import AUTOSAVE_NOTE, record_revision
from hub.services.scheduler import run_due
from hub.services.users import user_create
from hub.services.workflow import article_schedule, take_step
from tenants.scope import Scope
from tests.factories import PASSWORD, make_category, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

RESULT = "__typename ... on ArticleSuccess { article { id status } } ... on ArticleError { code }"


async def _create(client: httpx.AsyncClient, token: str, title: str = "Bài của tôi") -> str:
    data = await gql(
        client,
        'mutation { articleCreate(input: {tenant: "hoankiem", title: "%s"}) { %s } }'
        % (title, RESULT),
        token=token,
    )
    return str(data["data"]["articleCreate"]["article"]["id"])


async def _step(client: httpx.AsyncClient, name: str, article_id: str, token: str) -> dict:
    data = await gql(
        client, 'mutation { %s(id: "%s") { %s } }' % (name, article_id, RESULT), token=token
    )
    return dict(data["data"][name])


async def _setting(client: httpx.AsyncClient, token: str, on: bool) -> dict:
    data = await gql(
        client,
        'mutation($on: Boolean) { tenantUpdate(tenant: "hoankiem", '
        "input: {selfApprovalAllowed: $on}) { __typename "
        "... on PortalSuccess { settings { selfApprovalAllowed } } "
        "... on PortalError { code field } } }",
        {"on": on},
        token=token,
    )
    return dict(data["data"]["tenantUpdate"])


async def test_an_approver_cannot_approve_or_publish_their_own_article(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_category(tree.ward)
    await make_viewer("pheduyet1", {tree.ward: [Role.APPROVER]})
    await make_viewer("pheduyet2", {tree.ward: [Role.APPROVER]})
    mine, other = await token_for("pheduyet1"), await token_for("pheduyet2")
    article_id = await _create(client, mine)
    assert (await _step(client, "articleSubmit", article_id, mine))["article"]["status"] == (
        "SUBMITTED"
    )

    assert (await _step(client, "articleApprove", article_id, mine))["code"] == "SELF_APPROVAL"
    article = await Article.get(title="Bài của tôi")
    assert article.status == ContentStatus.SUBMITTED  # nothing moved, nothing audited
    assert not await AuditEntry.filter(object_id=article.id, action="approve").exists()

    approved = await _step(client, "articleApprove", article_id, other)
    assert approved["article"]["status"] == "APPROVED"
    # Publishing is the writer's own decision too: refused; the second person may.
    assert (await _step(client, "articlePublish", article_id, mine))["code"] == "SELF_APPROVAL"
    published = await _step(client, "articlePublish", article_id, other)
    assert published["article"]["status"] == "PUBLISHED"


async def test_the_last_editor_is_refused_but_an_autosave_does_not_count(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    reporter = await make_viewer("phongvien", {tree.ward: [Role.REPORTER]})
    editor_a = await make_viewer("pheduyet1", {tree.ward: [Role.APPROVER]})
    await make_viewer("pheduyet2", {tree.ward: [Role.APPROVER]})
    a, b = await token_for("pheduyet1"), await token_for("pheduyet2")
    article_id = await _create(client, await token_for("phongvien"))
    await _step(client, "articleSubmit", article_id, await token_for("phongvien"))
    article = await Article.get(title="Bài của tôi")
    assert article.author_id == reporter.user_id

    # Approver A edits the text under review: A is now its last editor.
    await article_update(Scope(viewer=editor_a), article.id, ArticleChanges(summary="Sửa"))
    assert (await _step(client, "articleApprove", article_id, a))["code"] == "SELF_APPROVAL"
    # B's autosave (a working copy, not an edit) leaves A the last editor and B free.
    viewer_b = await make_viewer("phongvien2", {tree.ward: [Role.REPORTER]})
    await record_revision(Scope(viewer=viewer_b), article, f"{AUTOSAVE_NOTE}: working copy")
    assert (await _step(client, "articleApprove", article_id, b))["article"]["status"] == (
        "APPROVED"
    )


async def test_admins_bypass_and_superusers_are_refused_on_their_own_articles(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("quantri", {tree.ward: [Role.ADMIN]})
    await user_create("sieuquantri", PASSWORD, is_superuser=True)
    admin, superuser = await token_for("quantri"), await token_for("sieuquantri")

    own = await _create(client, admin, "Bài của quản trị")
    # WORKFLOW_BYPASS publishes a draft at once, but not the admin's own.
    assert (await _step(client, "articlePublish", own, admin))["code"] == "SELF_APPROVAL"
    assert (await _step(client, "articlePublish", own, superuser))["article"]["status"] == (
        "PUBLISHED"
    )

    theirs = await _create(client, superuser, "Bài của siêu quản trị")
    assert (await _step(client, "articlePublish", theirs, superuser))["code"] == "SELF_APPROVAL"
    assert (await _step(client, "articlePublish", theirs, admin))["article"]["status"] == (
        "PUBLISHED"
    )


async def test_the_portal_setting_allows_it_and_its_change_is_audited(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("pheduyet1", {tree.ward: [Role.APPROVER]})
    await make_viewer("quantri", {tree.ward: [Role.ADMIN]})
    mine, admin = await token_for("pheduyet1"), await token_for("quantri")
    article_id = await _create(client, mine)
    await _step(client, "articleSubmit", article_id, mine)

    # An approver is no portal admin: the setting is not theirs to change.
    assert (await _setting(client, mine, True))["code"] == "FORBIDDEN"
    assert (await _step(client, "articleApprove", article_id, mine))["code"] == "SELF_APPROVAL"

    changed = await _setting(client, admin, True)
    assert changed["settings"]["selfApprovalAllowed"] is True
    assert (await _step(client, "articleApprove", article_id, mine))["article"]["status"] == (
        "APPROVED"
    )
    assert (await _step(client, "articlePublish", article_id, mine))["article"]["status"] == (
        "PUBLISHED"
    )
    # Another ward keeps the default.
    await tree.other_ward.refresh_from_db()
    assert tree.other_ward.self_approval_allowed is False

    log = await gql(
        client,
        '{ auditLog(tenant: "hoankiem") { edges { node { actorName action objectType '
        "changes } } } }",
        token=admin,
    )
    entries = [e["node"] for e in log["data"]["auditLog"]["edges"]]
    settings = [e for e in entries if e["objectType"] == "Tenant"]
    assert settings == [
        {
            "actorName": "quantri",
            "action": "settings",
            "objectType": "Tenant",
            "changes": {"self_approval_allowed": [False, True]},
        }
    ]


async def test_scheduling_is_publishing_and_the_scheduler_checks_again() -> None:
    tree = await make_tree()
    writer = Scope(viewer=await make_viewer("pheduyet1", {tree.ward: [Role.APPROVER]}))
    second = Scope(viewer=await make_viewer("pheduyet2", {tree.ward: [Role.APPROVER]}))
    article = await article_create(writer, tree.ward, ArticleChanges(title="Hẹn giờ"))
    await take_step(writer, article.id, "submit")
    await take_step(second, article.id, "approve")
    later = now() + timedelta(hours=1)
    try:
        await article_schedule(writer, article.id, later, None)
        raise AssertionError("the writer scheduled their own article")
    except ServiceError as exc:
        assert exc.code == "SELF_APPROVAL"

    await article_schedule(second, article.id, later, None)
    # The second approver then edits the approved text: nobody else has seen that edit.
    await article_update(second, article.id, ArticleChanges(summary="Sửa sau khi duyệt"))
    assert await run_due(later + timedelta(minutes=1)) == []
    await article.refresh_from_db()
    assert (article.status, article.publish_at) == (ContentStatus.APPROVED, None)
    dropped = await AuditEntry.filter(object_id=article.id, action="schedule").order_by("-id")
    assert dropped[0].actor_name == "scheduler"
    assert dropped[0].reason.startswith("self-approval")

    # The writer's own schedule by another approver, unedited since, goes out on time.
    other = await article_create(writer, tree.ward, ArticleChanges(title="Hẹn giờ 2"))
    await take_step(writer, other.id, "submit")
    await take_step(second, other.id, "approve")
    await article_schedule(second, other.id, later, None)
    assert await run_due(later + timedelta(minutes=1)) == [other.id]
