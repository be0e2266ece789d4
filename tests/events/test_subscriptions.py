"""Two hub processes: a subscriber on one sees changes made through the other, and resumes."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from hub.auth.permissions import Role
from hub.events.models import Event
from hub.settings import Settings
from tests.factories import make_article, make_tree, make_viewer
from tests.frontends.test_browser import _free_port
from tests.graphql.helpers import token_for

SUBSCRIBE = """subscription($after: String) {
  contentEvents(tenant: "hanoi", after: $after) { cursor type tenant objectId payload }
}"""


@pytest.fixture
def two_hubs(settings: Settings, tmp_path: Path) -> Iterator[list[str]]:
    env = {
        **os.environ,
        "THUDO_DATABASE_URL": settings.database_url,
        "THUDO_DATA_DIR": str(settings.data_dir),
        "THUDO_SCHEDULER_SECONDS": "0",
        "THUDO_TENANT_CACHE_SECONDS": "0",
    }
    ports = [_free_port(), _free_port()]
    logs = [(tmp_path / f"hub{i}.log").open("wb") for i in range(2)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "hub.cli", "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        for port in ports:
            for _ in range(100):
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
        yield [f"127.0.0.1:{port}" for port in ports]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=10)
        for log in logs:
            log.close()


class Subscriber:
    """A minimal graphql-transport-ws client."""

    def __init__(self, address: str, after: str | None) -> None:
        self.address, self.after = address, after

    async def __aenter__(self) -> Subscriber:
        self.ws = await websockets.connect(
            f"ws://{self.address}/graphql",
            subprotocols=["graphql-transport-ws"],
            additional_headers={"Host": "thudo.gov.vn"},
        )
        await self.ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await self.ws.recv())["type"] == "connection_ack"
        await self.ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": SUBSCRIBE, "variables": {"after": self.after}},
                }
            )
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def next(self, seconds: float = 10) -> dict[str, Any]:
        while True:
            message = json.loads(await asyncio.wait_for(self.ws.recv(), seconds))
            if message["type"] == "ping":
                await self.ws.send(json.dumps({"type": "pong"}))
                continue
            assert message["type"] == "next", message
            return message["payload"]["data"]["contentEvents"]  # type: ignore[no-any-return]


async def mutate(address: str, token: str, query: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"http://{address}/graphql",
            json={"query": query},
            headers={"Host": "thudo.gov.vn", "Authorization": f"Bearer {token}"},
        )
    return response.json()  # type: ignore[no-any-return]


async def test_events_cross_processes_and_resume_without_gaps_or_duplicates(
    two_hubs: list[str],
) -> None:
    hub_a, hub_b = two_hubs
    tree = await make_tree()
    draft = await make_article(tree.city, "Tin sắp đăng", published=False)
    await make_viewer("pheduyet", {tree.city: [Role.ADMIN]})
    token = await token_for("pheduyet")
    from schema.common import encode_global_id

    article_id = encode_global_id("Article", draft.id)
    last = await Event.all().order_by("-id").first()
    start = str(last.id if last else 0)

    async with Subscriber(hub_a, start) as subscriber:
        await asyncio.sleep(0.5)
        published = await mutate(
            hub_b, token, 'mutation { articlePublish(id: "%s") { __typename } }' % article_id
        )
        assert published["data"]["articlePublish"]["__typename"] == "ArticleSuccess"
        event = await subscriber.next()
        assert (event["type"], event["tenant"], event["objectId"]) == (
            "article.published",
            "hanoi",
            article_id,
        )
        assert event["payload"]["title"] == "Tin sắp đăng"
        cursor = event["cursor"]

    # While nobody listens, two edits are committed through the other process.
    for title in ("Sửa lần một", "Sửa lần hai"):
        await mutate(
            hub_b,
            token,
            'mutation { articleUpdate(input: {id: "%s", title: "%s"}) '
            "{ __typename } }" % (article_id, title),
        )
    async with Subscriber(hub_a, cursor) as subscriber:
        missed = [await subscriber.next(), await subscriber.next()]
        assert [e["payload"]["title"] for e in missed] == ["Sửa lần một", "Sửa lần hai"]
        assert int(missed[0]["cursor"]) < int(missed[1]["cursor"])
        with pytest.raises(TimeoutError):  # and nothing twice
            await subscriber.next(seconds=3)
