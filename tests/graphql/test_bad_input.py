"""Bad input gets a clear error with a code, never a 500, and loses nothing."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.models import Article
from tests.factories import make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

HOST = {"Host": "thudo.gov.vn"}


async def post(client: httpx.AsyncClient, body: bytes | str, **headers: str) -> httpx.Response:
    merged = {"Content-Type": "application/json", **HOST, **headers}
    return await client.post("/graphql", content=body, headers=merged)


async def test_malformed_json_is_a_bilingual_400(client: httpx.AsyncClient) -> None:
    response = await post(client, b'{"query": "{ tenants { totalCount } "')
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "MALFORMED_JSON"
    assert "JSON hợp lệ" in error["message"] and "not valid JSON" in error["message"]


async def test_wrong_shapes_are_400(client: httpx.AsyncClient) -> None:
    for body, code in (
        (b"[1, 2]", "BODY_NOT_OBJECT"),
        (b'{"query": 42}', "QUERY_MISSING"),
        (b'{"query": "{ __typename }", "variables": [1]}', "VARIABLES_NOT_OBJECT"),
    ):
        response = await post(client, body)
        assert response.status_code == 400, body
        assert response.json()["errors"][0]["extensions"]["code"] == code
    form = await client.post("/graphql", data={"query": "{ __typename }"}, headers=HOST)
    assert form.status_code == 415


async def test_unknown_field_is_a_validation_error(client: httpx.AsyncClient) -> None:
    result = await gql(client, '{ tenant(slug: "hanoi") { nope } }')
    assert "data" not in result
    assert "Cannot query field 'nope'" in result["errors"][0]["message"]
    # The newer media type turns request errors into 400s.
    strict = await post(
        client, b'{"query": "{ nope }"}', Accept="application/graphql-response+json"
    )
    assert strict.status_code == 400
    assert strict.headers["content-type"].startswith("application/graphql-response+json")


async def test_deep_query_is_refused(client: httpx.AsyncClient) -> None:
    nested = "parent { " * 20 + "slug" + " }" * 20
    result = await gql(client, '{ tenant(slug: "hanoi") { %s } }' % nested)
    assert "exceeds maximum operation depth" in result["errors"][0]["message"]


async def test_thousand_aliases_are_refused(client: httpx.AsyncClient) -> None:
    aliases = " ".join(f"a{i}: __typename" for i in range(1000))
    result = await gql(client, "{ %s }" % aliases)
    assert "data" not in result
    assert "alias" in result["errors"][0]["message"].lower() or "token" in (
        result["errors"][0]["message"].lower()
    )


async def test_megabyte_query_is_413(client: httpx.AsyncClient) -> None:
    query = "{ " + "__typename " * 100_000 + "}"
    response = await client.post("/graphql", json={"query": query}, headers=HOST)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"


async def test_invalid_slug_and_cursor_have_codes(client: httpx.AsyncClient) -> None:
    await make_tree()
    for query, code in (
        ('{ articles(tenant: "Hà Nội; DROP TABLE") { totalCount } }', "INVALID_SLUG"),
        ('{ articles(tenant: "khong-co") { totalCount } }', "NOT_FOUND"),
        ('{ articles(tenant: "hanoi", after: "!!!") { totalCount } }', "INVALID_CURSOR"),
        ('{ articles(tenant: "hanoi", first: 100000) { totalCount } }', "INVALID_PAGE_SIZE"),
        ('{ node(id: "bm90LWFuLWlk") { id } }', "INVALID_ID"),
    ):
        result = await gql(client, query)
        assert result["errors"][0]["extensions"]["code"] == code, query


async def test_mutation_over_get_is_405(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql",
        params={"query": 'mutation { articlePublish(id: "x") { __typename } }'},
        headers=HOST,
    )
    assert response.status_code == 405
    ok = await client.get("/graphql", params={"query": "{ __typename }"}, headers=HOST)
    assert ok.json() == {"data": {"__typename": "Query"}}


async def test_over_long_title_is_refused_and_nothing_is_written(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("bientap", {tree.city: [Role.EDITOR]})
    token = await token_for("bientap")
    result = await gql(
        client,
        'mutation($t: String!) { articleCreate(input: {tenant: "hanoi", title: $t}) '
        "{ ... on ArticleError { code field message } } }",
        {"t": "Tiêu đề " * 100},
        token=token,
    )
    assert result["data"]["articleCreate"]["code"] == "INVALID_INPUT"
    assert result["data"]["articleCreate"]["field"] == "title"
    assert await Article.all().count() == 0


async def test_unexpected_errors_are_masked(client: httpx.AsyncClient) -> None:
    # A cursor past the deepest offset is a client error with a code, not a crash.
    result = await gql(client, '{ tenants(after: "bzo5OTk5OTk5") { totalCount } }')
    assert result["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
