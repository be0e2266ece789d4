"""One article through every workflow state, by four people with four roles."""

from __future__ import annotations

import httpx
import pytest

from hub.auth.permissions import Role
from hub.models import Article
from hub.models.newsroom import AppendOnlyError, AuditEntry
from tests.factories import make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

OUTCOME = "__typename ... on ArticleSuccess { article { status } } ... on ArticleError { code }"


async def test_walk_through_every_state_with_four_roles(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    people = {
        "phongvien": Role.REPORTER,
        "bientap": Role.EDITOR,
        "pheduyet": Role.APPROVER,
        "quantri": Role.ADMIN,
    }
    tokens = {}
    for name, role in people.items():
        await make_viewer(name, {tree.ward: [role]})
        tokens[name] = await token_for(name)

    created = await gql(
        client,
        'mutation { articleCreate(input: {tenant: "hoankiem", title: "Thông báo lịch tiếp dân"}) '
        "{ ... on ArticleSuccess { article { id status } } } }",
        token=tokens["phongvien"],
    )
    article_id = created["data"]["articleCreate"]["article"]["id"]

    async def step(who: str, mutation: str, extra: str = "") -> dict:
        result = await gql(
            client,
            'mutation { %s(id: "%s"%s) { %s } }' % (mutation, article_id, extra, OUTCOME),
            token=tokens[who],
        )
        return result["data"][mutation]

    def ok(status: str) -> dict:
        return {"__typename": "ArticleSuccess", "article": {"status": status}}

    def refused(code: str) -> dict:
        return {"__typename": "ArticleError", "code": code}

    assert await step("phongvien", "articleApprove") == refused("FORBIDDEN")
    assert await step("phongvien", "articleSubmit") == ok("SUBMITTED")
    assert await step("phongvien", "articleSubmit") == refused("INVALID_TRANSITION")
    assert await step("phongvien", "articleReturn", ', reason: "x"') == refused("FORBIDDEN")
    assert await step("bientap", "articleReturn", ', reason: "  "') == refused("INVALID_INPUT")
    assert await step("bientap", "articleReturn", ', reason: "Thiếu giờ tiếp dân"') == ok(
        "RETURNED"
    )
    reason = await gql(
        client,
        '{ article(tenant: "hoankiem", slug: "thong-bao-lich-tiep-dan") { returnReason } }',
        token=tokens["phongvien"],
    )
    assert reason["data"]["article"]["returnReason"] == "Thiếu giờ tiếp dân"
    edited = await gql(
        client,
        'mutation { articleUpdate(input: {id: "%s", summary: "Từ 8 giờ thứ Năm"}) { %s } }'
        % (article_id, OUTCOME),
        token=tokens["phongvien"],
    )
    assert edited["data"]["articleUpdate"] == ok("RETURNED")
    assert await step("phongvien", "articleSubmit") == ok("SUBMITTED")
    assert await step("bientap", "articleApprove") == refused("FORBIDDEN")
    assert await step("pheduyet", "articlePublish") == refused("INVALID_TRANSITION")
    assert await step("pheduyet", "articleApprove") == ok("APPROVED")
    assert await step("bientap", "articlePublish") == refused("FORBIDDEN")
    assert await step("pheduyet", "articlePublish") == ok("PUBLISHED")
    assert await step("pheduyet", "articleUnpublish") == ok("UNPUBLISHED")
    assert await step("quantri", "articlePublish") == ok("PUBLISHED")
    assert await step("phongvien", "articleArchive") == refused("FORBIDDEN")
    assert await step("quantri", "articleArchive") == ok("ARCHIVED")
    frozen = await gql(
        client,
        'mutation { articleUpdate(input: {id: "%s", title: "Sửa"}) { %s } }'
        % (article_id, OUTCOME),
        token=tokens["quantri"],
    )
    assert frozen["data"]["articleUpdate"] == refused("INVALID_TRANSITION")

    log = await gql(
        client,
        '{ auditLog(tenant: "hoankiem", article: "%s", first: 50) '
        "{ edges { node { id actorName action fromStatus toStatus reason } } } }" % article_id,
        token=tokens["pheduyet"],
    )
    steps = [
        (e["node"]["actorName"], e["node"]["action"], e["node"]["toStatus"])
        for e in reversed(log["data"]["auditLog"]["edges"])
    ]
    assert steps == [
        ("phongvien", "create", ""),
        ("phongvien", "submit", "submitted"),
        ("bientap", "return", "returned"),
        ("phongvien", "edit", ""),
        ("phongvien", "submit", "submitted"),
        ("pheduyet", "approve", "approved"),
        ("pheduyet", "publish", "published"),
        ("pheduyet", "unpublish", "unpublished"),
        ("quantri", "publish", "published"),
        ("quantri", "archive", "archived"),
    ]
    returned = next(
        e["node"] for e in log["data"]["auditLog"]["edges"] if e["node"]["action"] == "return"
    )
    assert returned["reason"] == "Thiếu giờ tiếp dân"
    # Refused steps leave no trace, and reporters may not read the log.
    denied = await gql(
        client,
        '{ auditLog(tenant: "hoankiem") { edges { node { action } } } }',
        token=tokens["phongvien"],
    )
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await Article.get()).status == "archived"


async def test_audit_entries_cannot_be_changed_or_deleted() -> None:
    tree = await make_tree()
    from tests.factories import make_article

    await make_article(tree.city, "Bài có nhật ký")
    entry = await AuditEntry.first()
    assert entry is not None
    entry.reason = "sửa lại lịch sử"
    with pytest.raises(AppendOnlyError):
        await entry.save()
    with pytest.raises(AppendOnlyError):
        await entry.delete()


async def test_workflow_queue_shows_what_waits_for_me(client: httpx.AsyncClient) -> None:
    from hub.services.workflow import take_step
    from tests.factories import SYSTEM_SCOPE, make_article

    tree = await make_tree()
    submitted = await make_article(tree.ward, "Chờ duyệt", published=False)
    await take_step(SYSTEM_SCOPE, submitted.id, "submit")
    approved = await make_article(tree.ward, "Chờ đăng", published=False)
    await take_step(SYSTEM_SCOPE, approved.id, "submit")
    await take_step(SYSTEM_SCOPE, approved.id, "approve")
    returned = await make_article(tree.ward, "Bị trả lại", published=False)
    await take_step(SYSTEM_SCOPE, returned.id, "submit")
    await take_step(SYSTEM_SCOPE, returned.id, "return", reason="Thiếu ảnh")
    await make_article(tree.ward, "Nháp riêng", published=False)
    await make_article(tree.ward, "Đã đăng")
    query = '{ workflowQueue(tenant: "hoankiem") { edges { node { title } } } }'
    expected = {
        Role.REPORTER: {"Bị trả lại"},
        Role.EDITOR: {"Bị trả lại", "Chờ duyệt"},
        Role.APPROVER: {"Bị trả lại", "Chờ duyệt", "Chờ đăng"},
    }
    for role, titles in expected.items():
        await make_viewer(f"u_{role.value}", {tree.ward: [role]})
        result = await gql(client, query, token=await token_for(f"u_{role.value}"))
        assert {e["node"]["title"] for e in result["data"]["workflowQueue"]["edges"]} == titles
    anonymous = await gql(client, query)
    assert anonymous["data"]["workflowQueue"]["edges"] == []
