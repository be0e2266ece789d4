"""The API under the article editor: baseRevision (no lost update), autosave, history."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.models import Article
from hub.models.newsroom import Revision
from tests.admin.test_workspace import global_id
from tests.factories import make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

FIELDS = """query($id: ID!) { node(id: $id) { ... on Article {
  title body revisionNumber
  viewerAutosave { id number autosave data }
  history { action actorName }
  revisions { number autosave note }
} } }"""
UPDATE = """mutation($input: ArticleUpdateInput!) { articleUpdate(input: $input) {
  __typename ... on ArticleError { code field } ... on ArticleSuccess { article { revisionNumber } }
} }"""
AUTOSAVE = """mutation($input: ArticleUpdateInput!, $refused: Boolean!) {
  articleAutosave(input: $input, refusedSave: $refused) {
    __typename ... on ArticleError { code field }
    ... on AutosaveSuccess { revision { number autosave note } }
} }"""


async def _node(client: httpx.AsyncClient, token: str, article: Article) -> dict[str, Any]:
    data = await gql(client, FIELDS, {"id": global_id(article)}, token=token)
    assert "errors" not in data, data
    node: dict[str, Any] = data["data"]["node"]
    return node


async def test_a_save_from_an_old_revision_is_refused_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    article = await make_article(tree.ward, "Họp tổ dân phố", published=False)
    await make_viewer("an", {tree.ward: [Role.REPORTER]})
    await make_viewer("binh", {tree.ward: [Role.EDITOR]})
    an, binh = await token_for("an"), await token_for("binh")
    base = (await _node(client, an, article))["revisionNumber"]
    assert base == 1
    first = await gql(
        client, UPDATE, {"input": {"id": global_id(article), "title": "Bản của Bình",
                                   "baseRevision": base}}, token=binh,
    )  # fmt: skip
    assert first["data"]["articleUpdate"]["article"]["revisionNumber"] == 2
    second = await gql(
        client, UPDATE, {"input": {"id": global_id(article), "title": "Bản của An",
                                   "baseRevision": base}}, token=an,
    )  # fmt: skip
    assert second["data"]["articleUpdate"] == {
        "__typename": "ArticleError", "code": "CONFLICT", "field": "baseRevision"
    }  # fmt: skip
    assert (await Article.unscoped().get(id=article.id)).title == "Bản của Bình"
    assert await Revision.filter(article_id=article.id).count() == 2
    # Without baseRevision the API behaves as before (last save wins).
    plain = await gql(
        client, UPDATE, {"input": {"id": global_id(article), "title": "Ba"}}, token=an
    )
    assert plain["data"]["articleUpdate"]["__typename"] == "ArticleSuccess"


async def test_an_autosave_keeps_the_working_copy_and_leaves_a_live_article_alone(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    article = await make_article(tree.ward, "Tin đã đăng", body="<p>Bản đang đăng.</p>")
    await make_viewer("duyet", {tree.ward: [Role.APPROVER]})
    await make_viewer("other", {tree.ward: [Role.APPROVER]})
    token = await token_for("duyet")
    before = await Article.unscoped().get(id=article.id)
    saved = await gql(
        client,
        AUTOSAVE,
        {"input": {"id": global_id(article), "title": "Tin đã đăng (sửa)", "baseRevision": 1,
                   "body": "<p>Bản nháp<script>x()</script></p>"}, "refused": False},
        token=token,
    )  # fmt: skip
    outcome = saved["data"]["articleAutosave"]
    assert outcome["__typename"] == "AutosaveSuccess", outcome
    assert outcome["revision"]["autosave"] is True
    assert outcome["revision"]["note"] == "autosave: working copy from revision 1"
    after = await Article.unscoped().get(id=article.id)
    assert (after.title, after.body, after.updated_at) == (
        before.title, before.body, before.updated_at
    )  # fmt: skip
    node = await _node(client, token, article)
    # Publishing writes no revision: the article stands at 1, the autosave is 2.
    assert node["revisionNumber"] == 1
    assert node["viewerAutosave"]["number"] == 2
    assert node["viewerAutosave"]["data"]["body"] == "<p>Bản nháp</p>"  # sanitised
    assert [a["action"] for a in node["history"]][-1] == "create"
    # Another person does not get my working copy offered.
    other = await _node(client, await token_for("other"), article)
    assert other["viewerAutosave"] is None
    # Once the article is saved past it, the autosave is no longer offered.
    await gql(client, UPDATE, {"input": {"id": global_id(article), "title": "Mới"}}, token=token)
    assert (await _node(client, token, article))["viewerAutosave"] is None


async def test_autosave_needs_the_right_to_edit_and_checks_fields(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    live = await make_article(tree.ward, "Tin đã đăng")
    secret = await make_article(tree.other_ward, "Nháp phường khác", published=False)
    await make_viewer("phongvien", {tree.ward: [Role.REPORTER]})
    token = await token_for("phongvien")
    for article, code in ((live, "FORBIDDEN"), (secret, "NOT_FOUND")):
        answer = await gql(
            client, AUTOSAVE,
            {"input": {"id": global_id(article), "title": "x"}, "refused": False}, token=token,
        )  # fmt: skip
        assert answer["data"]["articleAutosave"]["code"] == code
    draft = await make_article(tree.ward, "Nháp", published=False)
    bad = await gql(
        client, AUTOSAVE,
        {"input": {"id": global_id(draft), "slug": "Không Hợp Lệ"}, "refused": True}, token=token,
    )  # fmt: skip
    assert bad["data"]["articleAutosave"] == {
        "__typename": "ArticleError", "code": "INVALID_INPUT", "field": "slug"
    }  # fmt: skip
    assert await Revision.filter(article_id=draft.id).count() == 1


async def test_two_saves_at_the_same_moment_from_one_base_cannot_both_pass(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    article = await make_article(tree.ward, "Cùng lúc", published=False)
    await make_viewer("an", {tree.ward: [Role.EDITOR]})
    await make_viewer("binh", {tree.ward: [Role.EDITOR]})
    an, binh = await token_for("an"), await token_for("binh")

    def save(title: str, token: str) -> Any:
        variables = {"input": {"id": global_id(article), "title": title, "baseRevision": 1}}
        return gql(client, UPDATE, variables, token=token)

    answers = await asyncio.gather(save("Bản của An", an), save("Bản của Bình", binh))
    outcomes = sorted(a["data"]["articleUpdate"]["__typename"] for a in answers)
    assert outcomes == ["ArticleError", "ArticleSuccess"]
    refused = next(a for a in answers if a["data"]["articleUpdate"]["__typename"] == "ArticleError")
    assert refused["data"]["articleUpdate"]["code"] == "CONFLICT"
    assert await Revision.filter(article_id=article.id).count() == 2
