"""Portal settings screen (`/quan-tri/cai-dat`): names, contact, English edition,
self-approval, hostnames. For the portal's admins (`tenant_manage`).

Every change is one API mutation (`tenantUpdate`, `tenantHostAdd`,
`tenantHostRemove`), so the audit log, the checks and the page cache's
eviction are the API's. A refused change shows the form again with what was
typed and the error beside its field.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.forms import read_form, same_origin
from frontends.admin.portal_messages import CHECKBOXES, DONE, SETTINGS_FIELDS, error_for
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

MANAGE = "tenant_manage"
CSS = "portal-admin.css"


class SettingsScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        return [
            Route(f"{prefix}/cai-dat", page(self.show)),
            Route(f"{prefix}/cai-dat", page(self.save), methods=["POST"]),
            Route(f"{prefix}/cai-dat/ten-mien", page(self.host_add), methods=["POST"]),
            Route(f"{prefix}/cai-dat/ten-mien/xoa", page(self.host_remove), methods=["POST"]),
        ]

    async def _settings(self, screen: Screen) -> dict[str, Any] | Response:
        """The portal's settings, or the 403 page for anyone but its admins."""
        if screen.may(MANAGE):
            data = await self.client.run(
                "PortalSettingsForm", {"tenant": screen.slug}, screen.request
            )
            if data["portalSettings"] is not None:
                return data["portalSettings"]  # type: ignore[no-any-return]
        return self.workspace.layout(screen, "message.html", 403, kind="forbidden")

    async def show(self, screen: Screen) -> Response:
        settings = await self._settings(screen)
        if isinstance(settings, Response):
            return settings
        done = screen.request.query_params.get("xong", "")
        return self._page(screen, settings, dict(settings), {}, 200, done=DONE.get(done, ""))

    async def save(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        settings = await self._settings(screen)
        if isinstance(settings, Response):
            return settings
        form = await read_form(screen.request, max_fields=len(SETTINGS_FIELDS) + 4)
        changes: dict[str, Any] = {name: form.get(name, "") for name in SETTINGS_FIELDS}
        changes |= {name: form.get(name) == "1" for name in CHECKBOXES}
        result = await self.client.run(
            "TenantUpdate", {"tenant": screen.slug, "input": changes}, screen.request
        )
        outcome = result["tenantUpdate"]
        if outcome["__typename"] == "PortalSuccess":
            return self._done(screen, "saved")
        field, message = error_for(outcome.get("field"), outcome["code"])
        return self._page(screen, settings, changes, {field: message}, 400)

    async def host_add(self, screen: Screen) -> Response:
        return await self._host(screen, "TenantHostAdd", "host-added")

    async def host_remove(self, screen: Screen) -> Response:
        return await self._host(screen, "TenantHostRemove", "host-removed")

    async def _host(self, screen: Screen, operation: str, done: str) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        settings = await self._settings(screen)
        if isinstance(settings, Response):
            return settings
        form = await read_form(screen.request)
        hostname = form.get("hostname", "")
        result = await self.client.run(
            operation, {"tenant": screen.slug, "hostname": hostname}, screen.request
        )
        outcome = next(iter(result.values()))
        if outcome["__typename"] == "PortalSuccess":
            return self._done(screen, done)
        field, message = error_for(outcome.get("field"), outcome["code"])
        errors = {"hostname" if field else "": message}
        typed = hostname if operation == "TenantHostAdd" else ""
        return self._page(screen, settings, dict(settings), errors, 400, hostname=typed)

    def _done(self, screen: Screen, what: str) -> Response:
        return RedirectResponse(f"{screen.base}/cai-dat?xong={what}", 303, headers=NO_STORE)

    def _page(
        self,
        screen: Screen,
        settings: dict[str, Any],
        values: dict[str, Any],
        errors: dict[str, str],
        status: int,
        **context: Any,
    ) -> Response:
        return self.workspace.layout(
            screen,
            "settings.html",
            status,
            active="settings",
            settings=settings,
            values=values,
            errors=errors,
            css=CSS,
            **context,
        )
