"""GraphQL over WebSocket (issue 14, finding 5): the same document limits as HTTP, and
sign-in through `connectionParams`, on a real server (uvicorn in this test's loop)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvicorn
import websockets
from websockets.exceptions import ConnectionClosed

from hub.auth.identity import SessionSigner, end_sessions
from hub.auth.permissions import Role
from hub.settings import Settings
from tests.factories import make_article, make_tree, make_viewer
from tests.graphql.helpers import token_for
from tests.hub_process import free_port

DRAFTS = '{ articles(tenant: "hoankiem", status: DRAFT) { totalCount } }'
# Generous: only stops a broken server from hanging the suite (no speed is asserted).
WAIT = 60.0


@pytest.fixture
async def served(app: Any) -> AsyncIterator[str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn did not start"
        await asyncio.sleep(0.05)
    yield f"ws://127.0.0.1:{port}/graphql"
    server.should_exit = True
    await task


async def connect(url: str, params: dict[str, Any] | None = None) -> Any:
    ws = await websockets.connect(
        url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        additional_headers={"Host": "thudo.gov.vn"},
        max_size=None,
    )
    init: dict[str, Any] = {"type": "connection_init"}
    if params is not None:
        init["payload"] = params
    await ws.send(json.dumps(init))
    return ws


async def answer(ws: Any) -> dict[str, Any]:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        if message["type"] not in ("ping", "pong", "connection_ack", "complete"):
            return message  # type: ignore[no-any-return]


async def run(ws: Any, query: str, op_id: str = "1") -> dict[str, Any]:
    await ws.send(json.dumps({"id": op_id, "type": "subscribe", "payload": {"query": query}}))
    return await answer(ws)


async def test_a_15_mb_subscribe_is_refused_before_parsing(served: str) -> None:
    ws = await connect(served)
    assert json.loads(await asyncio.wait_for(ws.recv(), WAIT))["type"] == "connection_ack"
    huge = 'subscription { contentEvents(tenant: "%s") { type } }' % ("a" * 15_000_000)
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": huge}}))
    with pytest.raises(ConnectionClosed):
        await answer(ws)
    assert ws.close_code == 4400
    assert "Truy vấn quá lớn" in ws.close_reason and "too large" in ws.close_reason


async def test_websocket_requests_get_the_http_checks_and_limits(served: str) -> None:
    await make_tree()
    ws = await connect(served)
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": " "}}))
    missing = await answer(ws)
    assert missing["type"] == "error"
    assert missing["payload"][0]["extensions"]["code"] == "QUERY_MISSING"
    assert "/" in missing["payload"][0]["message"]  # Vietnamese / English
    deep = "{ tenants { edges { node { " + "children { " * 14 + "name" + " }" * 14 + " } } } }"
    too_deep = await run(ws, deep, "2")
    assert too_deep["type"] == "error"
    assert "depth" in too_deep["payload"][0]["message"]
    fine = await run(ws, '{ tenant(slug: "hanoi") { name } }', "3")
    assert fine["type"] == "next" and fine["payload"]["data"]["tenant"]["name"]
    await ws.close()


async def test_connection_params_sign_a_client_in(served: str, settings: Settings) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Nháp", published=False)
    viewer = await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    token = await token_for("bientap")
    cookie = SessionSigner(str(settings.secret_key)).dumps(viewer.user_id)  # type: ignore[arg-type]

    anonymous = await connect(served)
    assert (await run(anonymous, DRAFTS))["payload"]["data"]["articles"]["totalCount"] == 0
    for params in ({"authorization": f"Bearer {token}"}, {"thudo_session": cookie}):
        ws = await connect(served, params)
        result = await run(ws, DRAFTS)
        assert result["payload"]["data"]["articles"]["totalCount"] == 1, params
        await ws.close()

    forged = await connect(served, {"Authorization": "Bearer thd_forged"})
    with pytest.raises(ConnectionClosed):
        await answer(forged)
    assert forged.close_code == 4403


async def test_a_signed_out_session_ends_its_websocket_too(served: str, settings: Settings) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Nháp", published=False)
    viewer = await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    cookie = SessionSigner(str(settings.secret_key)).dumps(viewer.user_id)  # type: ignore[arg-type]
    ws = await connect(served, {"thudo_session": cookie})
    assert (await run(ws, DRAFTS))["payload"]["data"]["articles"]["totalCount"] == 1
    await end_sessions(viewer.user_id)  # type: ignore[arg-type]  # signed out elsewhere
    await ws.send(json.dumps({"id": "2", "type": "subscribe", "payload": {"query": DRAFTS}}))
    with pytest.raises(ConnectionClosed):
        await answer(ws)
    assert ws.close_code == 4403 and "Sign in again" in ws.close_reason
