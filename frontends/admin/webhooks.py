"""Webhooks screen (`/quan-tri/webhook`): the portal's endpoints, their delivery log,
and the form to register one. For the portal's admins (`tenant_manage`).

The signing secret is shown once, on the page that answers the registration
(never stored in a URL or shown again), as the API gives it once.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from frontends.admin.forms import read_form, same_origin
from frontends.admin.portal_messages import DELIVERY_STATES, error_for
from frontends.admin.workspace import Page, Screen, Workspace

MANAGE = "tenant_manage"
CSS = "portal-admin.css"
MAX_TYPES = 30


class WebhookScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        return [
            Route(f"{prefix}/webhook", page(self.listing)),
            Route(f"{prefix}/webhook", page(self.create), methods=["POST"]),
        ]

    async def _data(self, screen: Screen) -> dict[str, Any] | Response:
        if not screen.may(MANAGE):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        variables: dict[str, Any] = {"tenant": screen.slug}
        after = screen.request.query_params.get("sau", "")
        if after:
            variables["after"] = after[:100]
        return await self.client.run("WebhookScreen", variables, screen.request)  # type: ignore[no-any-return]

    async def listing(self, screen: Screen) -> Response:
        data = await self._data(screen)
        if isinstance(data, Response):
            return data
        return self._page(screen, data, {}, {}, 200)

    async def create(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        data = await self._data(screen)
        if isinstance(data, Response):
            return data
        form = await read_form(screen.request)
        typed_types = form.get("types", "")
        values: dict[str, Any] = {
            "url": form.get("url", "").strip(),
            "types": typed_types,
            "includeDescendants": form.get("includeDescendants") == "1",
        }
        types = typed_types.replace(",", " ").split()[:MAX_TYPES]
        result = await self.client.run(
            "WebhookCreate",
            {
                "tenant": screen.slug,
                "url": values["url"],
                "types": types or None,
                "includeDescendants": values["includeDescendants"],
            },
            screen.request,
        )
        outcome = result["webhookCreate"]
        if outcome["__typename"] == "WebhookCreated":
            # Read the list again so the new endpoint shows; the secret only here.
            fresh = await self._data(screen)
            if isinstance(fresh, Response):
                return fresh
            return self._page(screen, fresh, {}, {}, 200, created=outcome)
        field, message = error_for(
            "url" if outcome["code"] == "INVALID_INPUT" else None, outcome["code"]
        )
        return self._page(screen, data, values, {field: message}, 400)

    def _page(
        self,
        screen: Screen,
        data: dict[str, Any],
        values: dict[str, Any],
        errors: dict[str, str],
        status: int,
        **context: Any,
    ) -> Response:
        return self.workspace.layout(
            screen,
            "webhooks.html",
            status,
            active="webhooks",
            endpoints=data["webhookEndpoints"],
            deliveries=[edge["node"] for edge in data["webhookDeliveries"]["edges"]],
            page_info=data["webhookDeliveries"]["pageInfo"],
            states=DELIVERY_STATES,
            values=values,
            errors=errors,
            css=CSS,
            **context,
        )
