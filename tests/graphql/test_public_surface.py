"""The public surface (issue 14, finding 10): security headers on every response, no
field suggestions, one log line per client error, and `/readyz`."""

from __future__ import annotations

import logging

import httpx
import pytest
from tortoise import Tortoise

from hub.security_headers import SECURITY_HEADERS
from tests.factories import make_article, make_tree

HOST = {"Host": "thudo.gov.vn"}


def assert_secured(response: httpx.Response) -> None:
    csp = response.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp, response.url
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["x-frame-options"] == "DENY"


async def test_security_headers_on_pages_graphql_and_sign_in(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Tin mới")
    page = await client.get("/", headers=HOST)
    assert page.status_code == 200
    assert_secured(page)
    assert (
        page.headers["content-security-policy"] == dict(SECURITY_HEADERS)["content-security-policy"]
    )
    api = await client.post("/graphql", json={"query": "{ __typename }"}, headers=HOST)
    assert api.status_code == 200
    assert_secured(api)
    sign_in = await client.get("/dang-nhap", headers=HOST)
    assert_secured(sign_in)
    for path in ("/khong-co-trang-nay/", "/healthz"):
        assert_secured(await client.get(path, headers=HOST))
    # A browser opening /graphql is sent to the workspace's GraphiQL, which brings
    # its own policy; the middleware never adds a second one.
    ide = await client.get("/graphql", headers={**HOST, "Accept": "text/html"})
    policies = ide.headers.get_list("content-security-policy")
    assert len(policies) == 1 and "frame-ancestors 'none'" in policies[0]


async def test_no_field_suggestions_and_one_line_per_client_error(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    result = (
        await client.post(
            "/graphql",
            json={"query": '{ tenantz { nme } tenant(slg: "x") { name } }'},
            headers=HOST,
        )
    ).json()
    messages = [e["message"] for e in result["errors"]]
    assert messages and not any("Did you mean" in m for m in messages)
    syntax = await client.post("/graphql", json={"query": "{ tenant( }"}, headers=HOST)
    assert syntax.status_code == 200 and syntax.json()["errors"]
    refused = [r for r in caplog.records if r.name == "thudo.graphql"]
    assert len(refused) >= 3
    assert not any(r.exc_info for r in caplog.records), "a client error logged a traceback"
    assert not [r for r in caplog.records if r.name.startswith("strawberry")]


async def test_readyz_checks_the_database_search_and_storage(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready = await client.get("/readyz", headers=HOST)
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}

    connection = Tortoise.get_connection("default")

    async def unreachable(*args: object, **kwargs: object) -> None:
        raise ConnectionRefusedError("database down")

    monkeypatch.setattr(type(connection), "execute_query", unreachable)
    down = await client.get("/readyz", headers=HOST)
    assert down.status_code == 503
    assert down.json() == {"status": "unavailable", "failed": ["database"]}
    # Liveness does not depend on the database.
    assert (await client.get("/healthz", headers=HOST)).status_code == 200
