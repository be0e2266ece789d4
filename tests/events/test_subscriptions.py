"""Two hub processes: a subscriber on one sees changes made through the other, and resumes."""

from __future__ import annotations

import asyncio
import json
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
from tests.graphql.helpers import token_for
from tests.hub_process import hub_processes

SUBSCRIBE = """subscription($after: String) {
  contentEvents(tenant: "hanoi", after: $after) { cursor type tenant objectId payload }
}"""


@pytest.fixture
def two_hubs(settings: Settings, tmp_path: Path) -> Iterator[list[str]]:
    """Two hub processes on the test database; their host:port addresses."""
    env = {"THUDO_SCHEDULER_SECONDS": "0", "THUDO_TENANT_CACHE_SECONDS": "0"}
    with hub_processes(settings, tmp_path, 2, **env) as bases:
        yield [base.removeprefix("http://") for base in bases]


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

    async def next(self, seconds: float = 60) -> dict[str, Any]:
        # Generous: an event that never comes fails; a slow machine does not.
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

    # The subscription replays from `start`: the event comes whether or not the
    # subscription is fully set up when the other process publishes.
    async with Subscriber(hub_a, start) as subscriber:
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
