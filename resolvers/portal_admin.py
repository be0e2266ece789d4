"""Portal administration: settings and hostnames (admins), sections, the tree (superusers).

Thin: each mutation calls one service of hub/services/portal_settings.py,
categories.py or portal_tree.py and turns its ServiceError into the union's
error. After a change the process's tenant directory is told to reload, so
the next request here sees it at once (other processes within their TTL).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.services import categories as sections
from hub.services import portal_settings as settings
from hub.services import portal_tree as tree
from hub.services.errors import ServiceError
from hub.webhooks.models import WebhookEndpoint
from resolvers.pagination import TenantSlugArg
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, expect_id
from schema.portal_admin import (
    CategoryError,
    CategoryErrorCode,
    CategoryOrderResult,
    CategoryOrderSuccess,
    CategoryResult,
    CategorySuccess,
    PortalError,
    PortalErrorCode,
    PortalResult,
    PortalSettings,
    PortalSettingsInput,
    PortalSuccess,
    TenantCreateInput,
    TenantTreeResult,
    TenantTreeSuccess,
    settings_of,
)
from schema.webhooks import WebhookEndpointType
from tenants.models import Tenant, TenantHost

T = TypeVar("T")
HostnameArg = Annotated[str, strawberry.argument(description="A hostname, e.g. `ubnd.gov.vn`.")]
CategoryIdArg = Annotated[strawberry.ID, strawberry.argument(description="The section's ID.")]


async def _hostnames(tenant_id: int) -> list[str]:
    rows = await TenantHost.filter(tenant_id=tenant_id).order_by("hostname")
    return [row.hostname for row in rows]


async def _settings(info: Info, tenant_id: int) -> PortalSettings:
    row = await Tenant.get(id=tenant_id)  # the row itself: the directory may be seconds old
    return settings_of(info, row, await _hostnames(tenant_id))


def _reload(info: Info) -> None:
    if info.context.directory is not None:
        info.context.directory.invalidate()


async def _portal(info: Info, tenant: Tenant, call: Awaitable[Any]) -> PortalResult:
    try:
        await call
    except ServiceError as exc:
        return PortalError(code=PortalErrorCode(exc.code), message=exc.message, field=exc.field)
    _reload(info)
    return PortalSuccess(settings=await _settings(info, tenant.id))


async def _tree(info: Info, call: Awaitable[Tenant]) -> TenantTreeResult:
    try:
        tenant = await call
    except ServiceError as exc:
        return PortalError(code=PortalErrorCode(exc.code), message=exc.message, field=exc.field)
    _reload(info)
    return TenantTreeSuccess(tenant=tenant)  # type: ignore[arg-type]


async def _section(call: Callable[[], Awaitable[T]], wrap: Callable[[T], Any]) -> Any:
    try:
        return wrap(await call())
    except ServiceError as exc:
        return CategoryError(code=CategoryErrorCode(exc.code), message=exc.message, field=exc.field)


@strawberry.type
class PortalAdminQuery:
    @strawberry.field(
        description="A portal's settings and hostnames, for its admins (null for anyone else)."
    )
    async def portal_settings(self, info: Info, tenant: TenantSlugArg) -> PortalSettings | None:
        owner = await require_tenant(info, tenant)
        if not can(info.context.scope.viewer, Permission.TENANT_MANAGE, owner.id):
            return None
        return await _settings(info, owner.id)

    @strawberry.field(description="A portal's webhook endpoints, oldest first (admins).")
    async def webhook_endpoints(
        self, info: Info, tenant: TenantSlugArg
    ) -> list[WebhookEndpointType]:
        owner = await require_tenant(info, tenant)
        if not can(info.context.scope.viewer, Permission.TENANT_MANAGE, owner.id):
            raise BadUserInput("webhooks are for the portal's admins", "FORBIDDEN")
        return await WebhookEndpoint.filter(tenant_id=owner.id).order_by("id")  # type: ignore[return-value]


@strawberry.type
class PortalAdminMutation:
    @strawberry.mutation(
        description="Change a portal's names, contact, English edition or self-approval "
        "setting (its admins; audited)."
    )
    async def tenant_update(
        self,
        info: Info,
        tenant: TenantSlugArg,
        input: Annotated[PortalSettingsInput, strawberry.argument(description="What to change.")],
    ) -> PortalResult:
        owner = await require_tenant(info, tenant)
        changes = settings.PortalChanges(
            **{name: getattr(input, name) for name in settings.PortalChanges.__dataclass_fields__}
        )
        return await _portal(
            info, owner, settings.tenant_update(info.context.scope, owner, changes)
        )

    @strawberry.mutation(description="Let a portal also answer on a hostname (its admins).")
    async def tenant_host_add(
        self, info: Info, tenant: TenantSlugArg, hostname: HostnameArg
    ) -> PortalResult:
        owner = await require_tenant(info, tenant)
        return await _portal(
            info, owner, settings.tenant_host_add(info.context.scope, owner, hostname)
        )

    @strawberry.mutation(description="Stop a portal answering on a hostname (its admins).")
    async def tenant_host_remove(
        self, info: Info, tenant: TenantSlugArg, hostname: HostnameArg
    ) -> PortalResult:
        owner = await require_tenant(info, tenant)
        return await _portal(
            info, owner, settings.tenant_host_remove(info.context.scope, owner, hostname)
        )

    @strawberry.mutation(
        description="A new portal under a parent, with its level's sections and required "
        "pages as drafts (superusers)."
    )
    async def tenant_create(
        self,
        info: Info,
        input: Annotated[TenantCreateInput, strawberry.argument(description="The new portal.")],
    ) -> TenantTreeResult:
        parent = await require_tenant(info, input.parent)
        return await _tree(
            info,
            tree.tenant_create_from_template(
                info.context.scope,
                parent,
                slug=input.slug,
                name=input.name,
                level=input.level,
                name_en=input.name_en,
                hostnames=input.hostnames,
            ),
        )

    @strawberry.mutation(
        description="Move a portal and everything below it under another parent (superusers)."
    )
    async def tenant_move(
        self,
        info: Info,
        tenant: TenantSlugArg,
        parent: Annotated[str, strawberry.argument(description="Slug of the new parent.")],
    ) -> TenantTreeResult:
        unit = await require_tenant(info, tenant)
        new_parent = await require_tenant(info, parent)
        return await _tree(info, tree.tenant_move(info.context.scope, unit, new_parent))

    @strawberry.mutation(description="A new section of a portal (editors and admins).")
    async def category_create(
        self,
        info: Info,
        tenant: TenantSlugArg,
        slug: Annotated[str, strawberry.argument(description="Vietnamese URL slug.")],
        name: Annotated[str, strawberry.argument(description="Vietnamese name.")],
        name_en: Annotated[str, strawberry.argument(description="English name.")] = "",
        slug_en: Annotated[str, strawberry.argument(description="English URL slug.")] = "",
    ) -> CategoryResult:
        owner = await require_tenant(info, tenant)
        return await _section(
            lambda: sections.category_add(
                info.context.scope,
                owner,
                slug=slug.strip(),
                name=name,
                name_en=name_en,
                slug_en=slug_en.strip(),
            ),
            lambda c: CategorySuccess(category=c),  # type: ignore[arg-type]
        )

    @strawberry.mutation(
        description="Rename a section: Vietnamese and English names, English slug (the "
        "Vietnamese slug stays, so links keep working)."
    )
    async def category_update(
        self,
        info: Info,
        tenant: TenantSlugArg,
        id: CategoryIdArg,
        name: Annotated[str | None, strawberry.argument(description="Vietnamese name.")] = None,
        name_en: Annotated[str | None, strawberry.argument(description="English name.")] = None,
        slug_en: Annotated[str | None, strawberry.argument(description="English URL slug.")] = None,
    ) -> CategoryResult:
        owner = await require_tenant(info, tenant)
        pk = expect_id(id, "Category")
        return await _section(
            lambda: sections.category_update(
                info.context.scope, owner, pk, name=name, name_en=name_en, slug_en=slug_en
            ),
            lambda c: CategorySuccess(category=c),  # type: ignore[arg-type]
        )

    @strawberry.mutation(description="Put a portal's sections in a new menu order (all of them).")
    async def category_reorder(
        self,
        info: Info,
        tenant: TenantSlugArg,
        ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="Every section's ID, in order.")
        ],
    ) -> CategoryOrderResult:
        owner = await require_tenant(info, tenant)
        pks = [expect_id(i, "Category") for i in ids]
        return await _section(
            lambda: sections.category_reorder(info.context.scope, owner, pks),
            lambda cs: CategoryOrderSuccess(categories=cs),  # type: ignore[arg-type]
        )
