"""The tree of portals (`/quan-tri/cong-thong-tin`), for superusers: a new portal from
its level's template (sections and required pages as drafts) and moving a unit.

Both are API mutations (`tenantCreate`, `tenantMove`), which check again that
the viewer is a superuser; this screen only spares others a form they cannot use.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.forms import read_form, same_origin
from frontends.admin.portal_messages import DONE, LEVEL_LABELS, error_for
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

CSS = "portal-admin.css"
MAX_PAGES = 10  # 2,000 portals: far above a province's
NEW_LEVELS = ("DEPARTMENT", "COMMUNE", "SITE")


def in_tree_order(tenants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parents before their children, siblings by name (depth-first)."""
    children: dict[str | None, list[dict[str, Any]]] = {}
    for tenant in tenants:
        parent = (tenant.get("parent") or {}).get("slug")
        children.setdefault(parent, []).append(tenant)
    ordered: list[dict[str, Any]] = []
    stack = sorted(children.get(None, []), key=lambda t: t["name"], reverse=True)
    while stack:
        tenant = stack.pop()
        ordered.append(tenant)
        stack += sorted(children.get(tenant["slug"], []), key=lambda t: t["name"], reverse=True)
    return ordered


class TreeScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        return [
            Route(f"{prefix}/cong-thong-tin", page(self.show)),
            Route(f"{prefix}/cong-thong-tin/moi", page(self.create), methods=["POST"]),
            Route(f"{prefix}/cong-thong-tin/chuyen", page(self.move), methods=["POST"]),
        ]

    async def _tenants(self, screen: Screen) -> list[dict[str, Any]] | Response:
        if not screen.viewer["isSuperuser"]:
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        tenants: list[dict[str, Any]] = []
        after = None
        for _ in range(MAX_PAGES):
            data = await self.client.run("PortalTree", {"after": after}, screen.request)
            tenants += [edge["node"] for edge in data["tenants"]["edges"]]
            if not data["tenants"]["pageInfo"]["hasNextPage"]:
                break
            after = data["tenants"]["pageInfo"]["endCursor"]
        return in_tree_order(tenants)

    async def show(self, screen: Screen) -> Response:
        tenants = await self._tenants(screen)
        if isinstance(tenants, Response):
            return tenants
        done = DONE.get(screen.request.query_params.get("xong", ""), "")
        return self._page(screen, tenants, {}, {}, {}, 200, done=done)

    async def create(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        tenants = await self._tenants(screen)
        if isinstance(tenants, Response):
            return tenants
        form = await read_form(screen.request)
        values = {
            k: form.get(k, "").strip()
            for k in ("parent", "slug", "name", "nameEn", "level", "hostname")
        }
        if values["level"] not in NEW_LEVELS:
            return self._page(
                screen, tenants, values, {}, {"level": error_for("level", "")[1]}, 400
            )
        if not any(t["slug"] == values["parent"] for t in tenants):
            return self._page(
                screen, tenants, values, {}, {"parent": error_for("parent", "")[1]}, 400
            )
        result = await self.client.run(
            "TenantCreate",
            {
                "input": {
                    "parent": values["parent"],
                    "slug": values["slug"],
                    "name": values["name"],
                    "nameEn": values["nameEn"],
                    "level": values["level"],
                    "hostnames": [values["hostname"]] if values["hostname"] else [],
                }
            },
            screen.request,
        )
        outcome = result["tenantCreate"]
        if outcome["__typename"] == "TenantTreeSuccess":
            return self._done(screen, "portal-created")
        field, message = error_for(outcome.get("field"), outcome["code"])
        return self._page(screen, tenants, values, {}, {_create_field(field): message}, 400)

    async def move(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        tenants = await self._tenants(screen)
        if isinstance(tenants, Response):
            return tenants
        form = await read_form(screen.request)
        moving = {"unit": form.get("unit", ""), "newParent": form.get("newParent", "")}
        slugs = {t["slug"] for t in tenants}
        if moving["unit"] not in slugs or moving["newParent"] not in slugs:
            message = error_for("parent", "")[1]
            return self._page(screen, tenants, {}, moving, {"newParent": message}, 400)
        result = await self.client.run(
            "TenantMove",
            {"tenant": moving["unit"], "parent": moving["newParent"]},
            screen.request,
        )
        outcome = result["tenantMove"]
        if outcome["__typename"] == "TenantTreeSuccess":
            return self._done(screen, "portal-moved")
        _, message = error_for(outcome.get("field"), outcome["code"])
        return self._page(screen, tenants, {}, moving, {"newParent": message}, 400)

    def _done(self, screen: Screen, what: str) -> Response:
        return RedirectResponse(f"{screen.base}/cong-thong-tin?xong={what}", 303, headers=NO_STORE)

    def _page(
        self,
        screen: Screen,
        tenants: list[dict[str, Any]],
        values: dict[str, str],
        moving: dict[str, str],
        errors: dict[str, str],
        status: int,
        **context: Any,
    ) -> Response:
        return self.workspace.layout(
            screen,
            "tree.html",
            status,
            active="tree",
            tenants=tenants,
            values=values,
            moving=moving,
            errors=errors,
            levels=LEVEL_LABELS,
            new_levels=NEW_LEVELS,
            css=CSS,
            **context,
        )


def _create_field(field: str) -> str:
    """The create form's input an API field points at (`hostname` for hostnames)."""
    return field if field in ("slug", "name", "level", "parent", "hostname", "") else ""
