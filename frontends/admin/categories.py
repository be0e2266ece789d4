"""Sections screen (`/quan-tri/chuyen-muc`): create, rename (vi/en), move up and down.

For those who manage the portal's sections (`category_manage`: editors and
admins). A section of another portal, guessed by its ID, is a 404 like a
missing one: only this portal's list is looked in.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.forms import read_form, same_origin
from frontends.admin.portal_messages import DONE, error_for
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

MANAGE = "category_manage"
CSS = "portal-admin.css"


class CategoryScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        return [
            Route(f"{prefix}/chuyen-muc", page(self.listing)),
            Route(f"{prefix}/chuyen-muc", page(self.create), methods=["POST"]),
            Route(f"{prefix}/chuyen-muc/thu-tu", page(self.move), methods=["POST"]),
            Route(f"{prefix}/chuyen-muc/{{id}}", page(self.edit)),
            Route(f"{prefix}/chuyen-muc/{{id}}", page(self.rename), methods=["POST"]),
        ]

    async def _sections(self, screen: Screen) -> list[dict[str, Any]] | Response:
        """This portal's sections in menu order, or the 403 page."""
        if not screen.may(MANAGE):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        data = await self.client.run("CategoryAdminList", {"tenant": screen.slug}, screen.request)
        return [edge["node"] for edge in data["categories"]["edges"]]

    async def listing(self, screen: Screen) -> Response:
        sections = await self._sections(screen)
        if isinstance(sections, Response):
            return sections
        done = DONE.get(screen.request.query_params.get("xong", ""), "")
        return self._list(screen, sections, {}, {}, 200, done=done)

    async def create(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        sections = await self._sections(screen)
        if isinstance(sections, Response):
            return sections
        form = await read_form(screen.request)
        values = {k: form.get(k, "") for k in ("slug", "name", "nameEn", "slugEn")}
        result = await self.client.run(
            "CategoryCreate",
            {"tenant": screen.slug} | {k: v.strip() for k, v in values.items()},
            screen.request,
        )
        outcome = result["categoryCreate"]
        if outcome["__typename"] == "CategorySuccess":
            return self._done(screen, "created")
        field, message = error_for(outcome.get("field"), outcome["code"])
        return self._list(screen, sections, values, {field: message}, 400)

    async def move(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        sections = await self._sections(screen)
        if isinstance(sections, Response):
            return sections
        form = await read_form(screen.request)
        ids = [s["id"] for s in sections]
        chosen, direction = form.get("id", ""), form.get("huong", "")
        if chosen not in ids or direction not in ("len", "xuong"):
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        at = ids.index(chosen)
        other = at - 1 if direction == "len" else at + 1
        if 0 <= other < len(ids):
            ids[at], ids[other] = ids[other], ids[at]
            result = await self.client.run(
                "CategoryReorder", {"tenant": screen.slug, "ids": ids}, screen.request
            )
            outcome = result["categoryReorder"]
            if outcome["__typename"] != "CategoryOrderSuccess":
                _, message = error_for(outcome.get("field"), outcome["code"])
                return self._list(screen, sections, {}, {"": message}, 400)
        return self._done(screen, "moved")

    def _find(self, screen: Screen, sections: list[dict[str, Any]]) -> dict[str, Any] | None:
        wanted = screen.request.path_params["id"]
        return next((s for s in sections if s["id"] == wanted), None)

    async def edit(self, screen: Screen) -> Response:
        sections = await self._sections(screen)
        if isinstance(sections, Response):
            return sections
        section = self._find(screen, sections)
        if section is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        return self._edit(screen, section, dict(section), {}, 200)

    async def rename(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        sections = await self._sections(screen)
        if isinstance(sections, Response):
            return sections
        section = self._find(screen, sections)
        if section is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        form = await read_form(screen.request)
        values = {k: form.get(k, "") for k in ("name", "nameEn", "slugEn")}
        result = await self.client.run(
            "CategoryUpdate",
            {"tenant": screen.slug, "id": section["id"]}
            | {k: v.strip() for k, v in values.items()},
            screen.request,
        )
        outcome = result["categoryUpdate"]
        if outcome["__typename"] == "CategorySuccess":
            return self._done(screen, "renamed")
        field, message = error_for(outcome.get("field"), outcome["code"])
        return self._edit(screen, section, values, {field: message}, 400)

    def _done(self, screen: Screen, what: str) -> Response:
        return RedirectResponse(f"{screen.base}/chuyen-muc?xong={what}", 303, headers=NO_STORE)

    def _list(
        self,
        screen: Screen,
        sections: list[dict[str, Any]],
        values: dict[str, str],
        errors: dict[str, str],
        status: int,
        **context: Any,
    ) -> Response:
        return self.workspace.layout(
            screen,
            "categories.html",
            status,
            active="categories",
            sections=sections,
            values=values,
            errors=errors,
            css=CSS,
            **context,
        )

    def _edit(
        self,
        screen: Screen,
        section: dict[str, Any],
        values: dict[str, str],
        errors: dict[str, str],
        status: int,
    ) -> Response:
        return self.workspace.layout(
            screen,
            "categories_edit.html",
            status,
            active="categories",
            section=section,
            values=values,
            errors=errors,
            css=CSS,
        )
