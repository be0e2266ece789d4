"""GraphiQL at `/quan-tri/graphiql`, from the hub's own built assets, with the
workspace's named operations as its library.

The assets are built by `npm ci && npm run build` in `frontends/admin/`
(docs/workspace.md). Where they were not built (no npm registry at install),
the page says so in both languages and the plain-form workspace works as ever.
"""

from __future__ import annotations

import json
import re

from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.client import WORKSPACE_OPERATIONS
from frontends.admin.messages import GRAPHIQL_LABELS
from frontends.admin.workspace import NO_STORE, STATIC_DIR, Page, Screen, Workspace
from hub.i18n import gettext

BUILD_DIR = STATIC_DIR / "build"
MANIFEST = BUILD_DIR / "manifest.json"
_VARIABLE = re.compile(r"\$(\w+)\s*:\s*([\w!\[\]]+)")

# GraphiQL's own policy: its stylesheet carries fonts and icons as data: URLs,
# and its editor sets styles from script. Still no inline or foreign script.
GRAPHIQL_CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self' data:",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


def assets_built() -> bool:
    """Whether `npm run build` wrote the bundle (checked per request: a later build counts)."""
    return MANIFEST.is_file()


class GraphiQLScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        return [
            Route(f"{prefix}/graphiql", page(self.page)),
            Route(f"{prefix}/graphiql/thu-vien.json", page(self.library)),
        ]

    async def page(self, screen: Screen) -> Response:
        language = screen.language
        labels = {key: gettext(language, text) for key, text in GRAPHIQL_LABELS.items()}
        signed_in = labels.pop("signedInAs") % {"user": screen.viewer["username"]}
        labels["defaultQuery"] = (
            f"# {signed_in}\nquery Viewer {{\n  viewer {{\n    username\n"
            "    memberships {\n      roles\n      tenant { slug name }\n    }\n  }\n}\n"
        )
        response = self.workspace.layout(
            screen,
            "graphiql.html",
            200 if assets_built() else 503,
            built=assets_built(),
            labels=json.dumps(labels, ensure_ascii=False),
            endpoint=screen.root + "/graphql",
            library=screen.base + "/graphiql/thu-vien.json",
        )
        response.headers["Content-Security-Policy"] = GRAPHIQL_CSP
        return response

    async def library(self, screen: Screen) -> Response:
        operations = []
        for name in WORKSPACE_OPERATIONS.names():
            document = WORKSPACE_OPERATIONS.load(name)
            header = document.split(")", 1)[0] if "(" in document.split("{", 1)[0] else ""
            variables = {
                var: screen.slug if var == "tenant" else None
                for var, _ in _VARIABLE.findall(header)
            }
            operations.append(
                {
                    "name": name,
                    "document": document,
                    "variables": json.dumps(variables, indent=2, ensure_ascii=False),
                }
            )
        return JSONResponse({"operations": operations}, headers=NO_STORE)
