"""Article mutations: create, update, publish, unpublish, with their error codes."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.models import Article, ContentStatus
from tests.factories import make_category, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

RESULT = (
    "__typename ... on ArticleSuccess { article { id slug title status body publishedAt } } "
    "... on ArticleError { code field message }"
)


async def test_article_lifecycle_through_the_api(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.ward)
    other = await make_category(tree.other_ward)
    await make_viewer("phongvien", {tree.ward: [Role.REPORTER]})
    await make_viewer("pheduyet", {tree.ward: [Role.APPROVER]})
    reporter, approver = await token_for("phongvien"), await token_for("pheduyet")
    category_id = (
        await gql(client, '{ categories(tenant: "hoankiem") { edges { node { id } } } }')
    )["data"]["categories"]["edges"][0]["node"]["id"]

    created = (
        await gql(
            client,
            'mutation($c: ID) { articleCreate(input: {tenant: "hoankiem", title: "  Họp  dân phố ",'
            " category: $c, body: \"<p onclick='x()'>Nội dung<script>alert(1)</script></p>\"}) { %s } }"
            % RESULT,
            {"c": category_id},
            token=reporter,
        )
    )["data"]["articleCreate"]
    article = created["article"]
    assert created["__typename"] == "ArticleSuccess"
    assert (article["title"], article["slug"], article["status"]) == (
        "Họp dân phố",
        "hop-dan-pho",
        "DRAFT",
    )
    assert article["body"] == "<p>Nội dung</p>"
    assert (await Article.get(slug="hop-dan-pho")).category_id == news.id

    async def step(name: str, token: str) -> dict:
        result = await gql(
            client, 'mutation { %s(id: "%s") { %s } }' % (name, article["id"], RESULT), token=token
        )
        return result["data"][name]

    assert (await step("articlePublish", reporter))["code"] == "FORBIDDEN"
    # An approver cannot skip review: a draft is not approved yet.
    assert (await step("articlePublish", approver))["code"] == "INVALID_TRANSITION"
    assert (await step("articleSubmit", reporter))["article"]["status"] == "SUBMITTED"
    assert (await step("articleApprove", approver))["article"]["status"] == "APPROVED"
    published = await step("articlePublish", approver)
    assert published["article"]["status"] == "PUBLISHED" and published["article"]["publishedAt"]
    assert (await step("articlePublish", approver))["code"] == "INVALID_TRANSITION"

    wrong_category = (
        await gql(
            client,
            "mutation($i: ID!, $c: ID) { articleUpdate(input: {id: $i, category: $c}) { %s } }"
            % RESULT,
            {"i": article["id"], "c": _global("Category", other.id)},
            token=approver,
        )
    )["data"]["articleUpdate"]
    assert wrong_category["code"] == "INVALID_CATEGORY"
    # A reporter may not edit what is already live.
    live_edit = (
        await gql(
            client,
            'mutation($i: ID!) { articleUpdate(input: {id: $i, title: "Sửa"}) { %s } }' % RESULT,
            {"i": article["id"]},
            token=reporter,
        )
    )["data"]["articleUpdate"]
    assert live_edit["code"] == "FORBIDDEN"
    duplicate = (
        await gql(
            client,
            'mutation { articleCreate(input: {tenant: "hoankiem", title: "Khác", slug: "hop-dan-pho"}) '
            "{ %s } }" % RESULT,
            token=reporter,
        )
    )["data"]["articleCreate"]
    assert (duplicate["code"], duplicate["field"]) == ("DUPLICATE_SLUG", "slug")
    auto = (
        await gql(
            client,
            'mutation { articleCreate(input: {tenant: "hoankiem", title: "Họp dân phố"}) { %s } }'
            % RESULT,
            token=reporter,
        )
    )["data"]["articleCreate"]
    assert auto["article"]["slug"] == "hop-dan-pho-2"

    unpublished = await step("articleUnpublish", approver)
    assert unpublished["article"]["status"] == "UNPUBLISHED"
    assert (await Article.get(slug="hop-dan-pho")).status == ContentStatus.UNPUBLISHED
    anonymous = await gql(
        client,
        'mutation { articleCreate(input: {tenant: "hoankiem", title: "X"}) { %s } }' % RESULT,
    )
    assert anonymous["data"]["articleCreate"]["code"] == "FORBIDDEN"


def _global(type_name: str, pk: int) -> str:
    from schema.common import encode_global_id

    return encode_global_id(type_name, pk)
