"""Root fields of the tenant tree."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers.pagination import AfterArg, paginate
from resolvers.public_memory import for_readers
from schema.common import BadUserInput, Connection
from schema.tenants import TenantLevel, TenantType
from tenants.hierarchy import descendants_of
from tenants.models import Tenant


async def require_tenant(info: Info, slug: str) -> Tenant:
    """The tenant named by a `tenant:` argument, or a NOT_FOUND error."""
    tenant = await info.context.tenant(slug)
    if tenant is None:
        raise BadUserInput(f"no such tenant: {slug!r}", "NOT_FOUND")
    return tenant  # type: ignore[no-any-return]


@strawberry.type
class TenantQuery:
    @strawberry.field(
        description="One portal, by slug or by hostname (e.g. `hoankiem.thudo.gov.vn`); "
        "with neither, the portal that serves this request."
    )
    async def tenant(
        self,
        info: Info,
        slug: Annotated[str | None, strawberry.argument(description="The tenant's slug.")] = None,
        host: Annotated[
            str | None, strawberry.argument(description="A hostname it serves.")
        ] = None,
    ) -> TenantType | None:
        if slug is not None:
            return await info.context.tenant(slug)  # type: ignore[no-any-return]
        if host is not None:
            if len(host) > 253:
                raise BadUserInput("hostname is too long", "INVALID_HOST")
            tenant = await info.context.directory.by_host(host)
            if tenant is not None:
                info.context.loaders.prime_tenant(tenant)
            return tenant  # type: ignore[no-any-return]
        return info.context.scope.tenant  # type: ignore[no-any-return]

    @strawberry.field(
        description="Portals of the tree, optionally of one level or below one parent."
    )
    async def tenants(
        self,
        info: Info,
        level: Annotated[
            list[TenantLevel] | None, strawberry.argument(description="Only these levels.")
        ] = None,
        parent: Annotated[
            str | None, strawberry.argument(description="Slug of a tenant: only its descendants.")
        ] = None,
        first: Annotated[int, strawberry.argument(description="Page size, at most 200.")] = 50,
        after: AfterArg = None,
    ) -> Connection[TenantType]:
        below = await require_tenant(info, parent) if parent is not None else None

        async def page() -> Connection[TenantType]:
            qs = descendants_of(below) if below is not None else Tenant.all()
            if level is not None:
                qs = qs.filter(level__in=level)
            return await paginate(qs.order_by("depth", "name", "id"), first, after, max_first=200)

        levels = tuple(sorted(level)) if level is not None else None
        key = ("tenants", below.id if below else None, levels, first, after)
        return await for_readers(info, key, page)
