"""The front ends' GraphQL client: named operations over an injected transport."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import httpx
from starlette.requests import Request

OPERATIONS_DIR = Path(__file__).resolve().parent / "operations"


class Transport(Protocol):
    """Runs one GraphQL document for a page request and returns the response dict."""

    async def execute(
        self, document: str, variables: dict[str, Any], operation_name: str, request: Request
    ) -> dict[str, Any]: ...


class HubError(RuntimeError):
    """The hub answered with errors a page cannot render around."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(str(e.get("message")) for e in errors))
        self.errors = errors

    @property
    def codes(self) -> set[str]:
        return {str((e.get("extensions") or {}).get("code", "")) for e in self.errors}


_SPREAD = re.compile(r"\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)")
_FRAGMENT = re.compile(r"^fragment\s+(\w+)\s+on\s+\w+\s*\{.*?^\}", re.M | re.S)


@cache
def _fragments() -> dict[str, str]:
    text = (OPERATIONS_DIR / "_fragments.graphql").read_text(encoding="utf-8")
    return {m.group(1): m.group(0) for m in _FRAGMENT.finditer(text)}


@cache
def load_operation(name: str) -> str:
    """`operations/<name>.graphql` plus the shared fragments it spreads."""
    document = (OPERATIONS_DIR / f"{name}.graphql").read_text(encoding="utf-8")
    fragments = _fragments()
    needed: list[str] = []
    pending = _SPREAD.findall(document)
    while pending:
        fragment = pending.pop()
        if fragment in fragments and fragment not in needed:
            needed.append(fragment)
            pending += _SPREAD.findall(fragments[fragment])
    return "\n\n".join([document, *(fragments[f] for f in sorted(needed))])


class HubClient:
    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    async def run(self, name: str, variables: dict[str, Any], request: Request) -> dict[str, Any]:
        """Run operation ``name``; its data, or :class:`HubError`."""
        response = await self.transport.execute(load_operation(name), variables, name, request)
        if response.get("errors"):
            raise HubError(response["errors"])
        data: dict[str, Any] = response["data"]
        return data


class HttpTransport:
    """POSTs to a hub's `/graphql` over HTTP, for a front end deployed apart."""

    def __init__(self, url: str, client: httpx.AsyncClient | None = None) -> None:
        self.url = url
        self.client = client or httpx.AsyncClient(timeout=10.0)

    async def execute(
        self, document: str, variables: dict[str, Any], operation_name: str, request: Request
    ) -> dict[str, Any]:
        response = await self.client.post(
            self.url,
            json={"query": document, "variables": variables, "operationName": operation_name},
            headers={"Host": request.headers.get("host", ""), "Accept": "application/json"},
        )
        result: dict[str, Any] = response.json()
        return result
