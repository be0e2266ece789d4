"""A flood of submissions from one address is limited; everyone else still gets through."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from hub.initiatives.models import Initiative
from hub.initiatives.submission import PER_ADDRESS
from tests.factories import make_tree

FLOOD = 1_000
SUBMIT = """
mutation($key: String!, $email: String!) {
  initiativeSubmit(tenant: "caicachhanhchinh", idempotencyKey: $key, input: {
    title: "Sáng kiến", content: "Nội dung", topic: TRANSPORT,
    contactName: "Người gửi", contactEmail: $email, consent: true
  }) {
    __typename
    ... on InitiativeReceived { trackingCode }
    ... on InitiativeError { code }
  }
}
"""


def client_from(app: Any, address: str) -> httpx.AsyncClient:
    """A client whose requests reach the app from ``address`` (as a proxy would pass it)."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://thudo.gov.vn", timeout=120)


async def submit(client: httpx.AsyncClient, key: str, email: str) -> str:
    response = await client.post(
        "/graphql", json={"query": SUBMIT, "variables": {"key": key, "email": email}}
    )
    assert response.status_code == 200, response.text
    result = response.json()["data"]["initiativeSubmit"]
    return str(result.get("code") or result["__typename"])


async def test_a_thousand_submissions_from_one_address(app: Any) -> None:
    await make_tree()
    limit = asyncio.Semaphore(25)  # 25 requests in flight at a time

    async def flood_one(client: httpx.AsyncClient, n: int) -> str:
        async with limit:
            return await submit(client, f"flood-key-{n:010d}", f"f{n}@example.vn")

    async with (
        client_from(app, "203.0.113.66") as flooder,
        client_from(app, "198.51.100.20") as citizen,
    ):
        flood = asyncio.gather(*(flood_one(flooder, n) for n in range(FLOOD)))
        # Other citizens send theirs while the flood is on.
        others = [
            await submit(citizen, f"citizen-key-{n:06d}", f"citizen{n}@example.vn")
            for n in range(3)
        ]
        outcomes = await flood
    assert others == ["InitiativeReceived"] * 3
    assert outcomes.count("InitiativeReceived") == PER_ADDRESS[0]
    assert outcomes.count("RATE_LIMITED") == FLOOD - PER_ADDRESS[0]
    assert await Initiative.filter(sender_key__not="").count() == PER_ADDRESS[0] + 3
