"""Tenant scoping fails closed; nobody reads another portal's drafts or edits its articles."""

from __future__ import annotations

import httpx
import pytest

from hub.auth.permissions import Role
from hub.models import Article, Category
from tenants.scope import NoTenantBound, Scope
from tests.factories import make_article, make_category, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

# Every top-level query that reads tenant content, aimed at the ward `hoankiem`.
READS = {
    "articles": '{ articles(tenant: "hoankiem") { totalCount edges { node { title } } } }',
    "article": '{ article(tenant: "hoankiem", slug: "ban-nhap-phuong") { title } }',
    "categories": '{ categories(tenant: "hoankiem") { edges { node { slug } } } }',
}


def test_scoped_read_without_tenant_raises() -> None:
    with pytest.raises(NoTenantBound):
        Article.visible(Scope())
    with pytest.raises(NoTenantBound):
        Category.visible(Scope())


async def test_wrong_tenant_editor_sees_no_drafts_and_cannot_mutate(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_category(tree.ward)
    draft = await make_article(tree.ward, "Bản nháp phường", published=False)
    await make_article(tree.ward, "Tin đã đăng")
    await make_viewer("editor.hoangmai", {tree.other_ward: [Role.APPROVER]})
    await make_viewer("editor.hoankiem", {tree.ward: [Role.EDITOR]})
    outsider = await token_for("editor.hoangmai")
    insider = await token_for("editor.hoankiem")

    for name, query in READS.items():
        as_outsider = await gql(client, query, token=outsider)
        as_anonymous = await gql(client, query)
        assert as_outsider == as_anonymous, name
        assert "Bản nháp" not in str(as_outsider), name
    insider_view = await gql(client, READS["articles"], token=insider)
    assert insider_view["data"]["articles"]["totalCount"] == 2
    assert (await gql(client, READS["article"], token=insider))["data"]["article"] is not None

    draft_id = (
        await gql(
            client,
            '{ articles(tenant: "hoankiem", status: DRAFT) { edges { node { id } } } }',
            token=insider,
        )
    )["data"]["articles"]["edges"][0]["node"]["id"]
    hidden = await gql(
        client, "query($id: ID!) { node(id: $id) { id } }", {"id": draft_id}, token=outsider
    )
    assert hidden["data"]["node"] is None
    for mutation in (
        'articleUpdate(input: {id: "%s", title: "Bị sửa"})' % draft_id,
        'articlePublish(id: "%s")' % draft_id,
    ):
        result = await gql(
            client,
            "mutation { %s { __typename ... on ArticleError { code } } }" % mutation,
            token=outsider,
        )
        payload = next(iter(result["data"].values()))
        # Another tenant's draft does not even exist for the outsider.
        assert payload == {"__typename": "ArticleError", "code": "NOT_FOUND"}
    created = await gql(
        client,
        'mutation { articleCreate(input: {tenant: "hoankiem", title: "Lạ"}) '
        "{ ... on ArticleError { code } } }",
        token=outsider,
    )
    assert created["data"]["articleCreate"] == {"code": "FORBIDDEN"}
    await draft.refresh_from_db()
    assert draft.title == "Bản nháp phường"
    assert await Article.filter(title="Lạ").count() == 0


async def test_anonymous_sees_published_only(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Công khai")
    await make_article(tree.city, "Chưa duyệt", published=False)
    result = await gql(client, '{ articles(tenant: "hanoi") { edges { node { title status } } } }')
    assert result["data"]["articles"]["edges"] == [
        {"node": {"title": "Công khai", "status": "PUBLISHED"}}
    ]
    drafts = await gql(client, '{ articles(tenant: "hanoi", status: DRAFT) { totalCount } }')
    assert drafts["data"]["articles"]["totalCount"] == 0
