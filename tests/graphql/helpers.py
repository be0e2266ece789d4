"""Small helpers to speak GraphQL to the app under test."""

from __future__ import annotations

from typing import Any

import httpx

from hub.auth.identity import issue_api_token
from hub.models import User


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
    host: str = "thudo.gov.vn",
) -> dict[str, Any]:
    """POST a document; returns the decoded response (data and/or errors)."""
    headers = {"Host": host}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def token_for(username: str) -> str:
    user = await User.get(username=username)
    return await issue_api_token(user, "test")
