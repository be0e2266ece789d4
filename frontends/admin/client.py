"""The workspace's named operations (`operations/*.graphql`) over the front ends' client."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from starlette.requests import Request

from frontends.client import HubClient, HubError

OPERATIONS_DIR = Path(__file__).resolve().parent / "operations"
_SPREAD = re.compile(r"\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)")
_FRAGMENT = re.compile(r"^fragment\s+(\w+)\s+on\s+\w+\s*\{.*?^\}", re.M | re.S)

__all__ = ["HubError", "WorkspaceClient", "load_operation", "operation_names"]


@cache
def _fragments() -> dict[str, str]:
    text = (OPERATIONS_DIR / "_fragments.graphql").read_text(encoding="utf-8")
    return {m.group(1): m.group(0) for m in _FRAGMENT.finditer(text)}


@cache
def load_operation(name: str) -> str:
    """`operations/<name>.graphql` plus the workspace fragments it spreads."""
    document = (OPERATIONS_DIR / f"{name}.graphql").read_text(encoding="utf-8")
    needed: list[str] = []
    pending = _SPREAD.findall(document)
    while pending:
        fragment = pending.pop()
        if fragment in _fragments() and fragment not in needed:
            needed.append(fragment)
            pending += _SPREAD.findall(_fragments()[fragment])
    return "\n\n".join([document, *(_fragments()[f] for f in sorted(needed))])


def operation_names() -> list[str]:
    """Every named operation of the workspace, for GraphiQL's library."""
    return sorted(p.stem for p in OPERATIONS_DIR.glob("*.graphql") if not p.stem.startswith("_"))


class WorkspaceClient(HubClient):
    """Runs the workspace's own operations (the transport decides who the viewer is)."""

    async def run(self, name: str, variables: dict[str, Any], request: Request) -> dict[str, Any]:
        response = await self.transport.execute(load_operation(name), variables, name, request)
        if response.get("errors"):
            raise HubError(response["errors"])
        data: dict[str, Any] = response["data"]
        return data
