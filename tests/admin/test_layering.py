"""The workspace is a client of the API: it imports no service, model, resolver or schema."""

from __future__ import annotations

import ast
from pathlib import Path

import frontends.admin

FORBIDDEN = ("hub.services", "hub.models", "hub.auth", "resolvers", "schema", "tortoise")


def test_the_workspace_speaks_graphql_only() -> None:
    package = Path(frontends.admin.__file__).parent
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
