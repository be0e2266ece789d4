"""Pure-ASGI middleware that stamps each request with its tenant.

The tenant comes from the ``Host`` header; in development a path prefix
``/_t/<slug>/`` selects one too (it becomes part of ``root_path``, so URLs the
app builds keep the prefix). An unknown host leaves the tenant unset: the
front end answers 404, while ``/graphql`` still serves queries that name a
tenant explicitly.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from tenants.directory import TenantDirectory
from tenants.scope import TENANT_KEY, TENANT_LEVEL_KEY, TENANT_SLUG_KEY

DEV_PREFIX = "/_t/"


class TenantMiddleware:
    def __init__(self, app: ASGIApp, directory: TenantDirectory) -> None:
        self.app = app
        self.directory = directory

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        root_path = scope.get("root_path", "")
        route_path = scope["path"][len(root_path) :]
        tenant = None
        if route_path.startswith(DEV_PREFIX):
            slug, _, _rest = route_path[len(DEV_PREFIX) :].partition("/")
            tenant = await self.directory.by_slug(slug)
            if tenant is not None:
                scope = dict(scope, root_path=f"{root_path}{DEV_PREFIX}{slug}")
                if not _rest and not route_path.endswith("/"):
                    scope["path"] = scope["path"] + "/"
        if tenant is None:
            host = _header(scope, b"host")
            tenant = await self.directory.by_host(host) if host else None
        scope = dict(scope)
        scope[TENANT_KEY] = tenant
        scope[TENANT_SLUG_KEY] = tenant.slug if tenant is not None else None
        scope[TENANT_LEVEL_KEY] = tenant.level.value if tenant is not None else None
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return ""
