"""Registering webhooks and reading their delivery log (portal admins)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.services.errors import ServiceError
from hub.webhooks.models import WebhookDelivery
from hub.webhooks.service import webhook_create
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, paginate
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, Connection
from schema.webhooks import (
    WebhookCreated,
    WebhookCreateResult,
    WebhookDeliveryType,
    WebhookError,
    WebhookErrorCode,
)


@strawberry.type
class WebhookMutation:
    @strawberry.mutation(description="Register a URL to receive a portal's events (admins).")
    async def webhook_create(
        self,
        info: Info,
        tenant: TenantSlugArg,
        url: Annotated[str, strawberry.argument(description="http(s) URL to POST to.")],
        types: Annotated[
            list[str] | None, strawberry.argument(description="Only these event types.")
        ] = None,
        include_descendants: Annotated[
            bool, strawberry.argument(description="Also events of the portals below.")
        ] = False,
    ) -> WebhookCreateResult:
        owner = await require_tenant(info, tenant)
        try:
            endpoint, secret = await webhook_create(
                info.context.scope, owner, url, types or (), include_descendants
            )
        except ServiceError as exc:
            return WebhookError(code=WebhookErrorCode(exc.code), message=exc.message)
        return WebhookCreated(endpoint=endpoint, secret=secret)  # type: ignore[arg-type]


@strawberry.type
class WebhookQuery:
    @strawberry.field(description="Deliveries to a portal's webhooks, newest first (admins).")
    async def webhook_deliveries(
        self, info: Info, tenant: TenantSlugArg, first: PageSizeArg = 50, after: AfterArg = None
    ) -> Connection[WebhookDeliveryType]:
        owner = await require_tenant(info, tenant)
        if not can(info.context.scope.viewer, Permission.TENANT_MANAGE, owner.id):
            raise BadUserInput("the delivery log is for the portal's admins", "FORBIDDEN")
        qs = WebhookDelivery.filter(endpoint__tenant_id=owner.id).order_by("-id")
        return await paginate(qs, first, after)
