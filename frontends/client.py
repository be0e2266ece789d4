"""The front ends' GraphQL client: named operations over an injected transport."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import httpx
from starlette.requests import Request


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


class OperationLibrary:
    """A folder of named operations (`<name>.graphql`) and the fragments they share
    (`_fragments.graphql`); the portals have one, the workspace another."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._documents: dict[str, str] = {}

    @cached_property
    def fragments(self) -> dict[str, str]:
        text = (self.directory / "_fragments.graphql").read_text(encoding="utf-8")
        return {m.group(1): m.group(0) for m in _FRAGMENT.finditer(text)}

    def load(self, name: str) -> str:
        """`<name>.graphql` plus the fragments it spreads (read once per process)."""
        if name not in self._documents:
            document = (self.directory / f"{name}.graphql").read_text(encoding="utf-8")
            needed: list[str] = []
            pending = _SPREAD.findall(document)
            while pending:
                fragment = pending.pop()
                if fragment in self.fragments and fragment not in needed:
                    needed.append(fragment)
                    pending += _SPREAD.findall(self.fragments[fragment])
            parts = [document, *(self.fragments[f] for f in sorted(needed))]
            self._documents[name] = "\n\n".join(parts)
        return self._documents[name]

    def names(self) -> list[str]:
        """Every named operation of the folder."""
        return sorted(
            p.stem for p in self.directory.glob("*.graphql") if not p.stem.startswith("_")
        )


PORTAL_OPERATIONS = OperationLibrary(Path(__file__).resolve().parent / "operations")


class HubClient:
    """Runs named operations of its library over the transport."""

    operations = PORTAL_OPERATIONS

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    async def run(self, name: str, variables: dict[str, Any], request: Request) -> dict[str, Any]:
        """Run operation ``name``; its data, or :class:`HubError`."""
        document = self.operations.load(name)
        response = await self.transport.execute(document, variables, name, request)
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
