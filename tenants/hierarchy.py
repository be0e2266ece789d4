"""Tree reads and writes over the closure table.

Every read here is one indexed query; writes keep the closure rows exact, so
units can be created, moved or merged as the administrative map changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from tenants.models import SLUG_PATTERN, Tenant, TenantClosure, TenantHost, TenantLevel


class TenantTreeError(ValueError):
    """A tree change that would break the tree (bad slug, cycle, unknown parent)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def descendants_of(
    tenant: Tenant,
    *,
    include_self: bool = False,
    levels: Iterable[TenantLevel] | None = None,
    max_distance: int | None = None,
) -> QuerySet[Tenant]:
    """All tenants below ``tenant`` (optionally itself, some levels, some depth)."""
    qs = Tenant.filter(ancestor_links__ancestor_id=tenant.id)
    if not include_self:
        qs = qs.filter(ancestor_links__distance__gt=0)
    if max_distance is not None:
        qs = qs.filter(ancestor_links__distance__lte=max_distance)
    if levels is not None:
        qs = qs.filter(level__in=[TenantLevel(level) for level in levels])
    return qs


def ancestors_of(tenant: Tenant, *, include_self: bool = False) -> QuerySet[Tenant]:
    """All tenants above ``tenant``, nearest last (root first)."""
    qs = Tenant.filter(descendant_links__descendant_id=tenant.id)
    if not include_self:
        qs = qs.filter(descendant_links__distance__gt=0)
    return qs.order_by("depth")


async def create_tenant(
    *,
    slug: str,
    name: str,
    level: TenantLevel | str,
    parent: Tenant | None = None,
    hostnames: Iterable[str] = (),
    **attributes: Any,
) -> Tenant:
    """Create a tenant under ``parent`` with its closure rows and hostnames."""
    if not SLUG_PATTERN.match(slug):
        raise TenantTreeError("INVALID_SLUG", f"invalid tenant slug: {slug!r}")
    async with in_transaction():
        tenant = await Tenant.create(
            slug=slug,
            name=name,
            level=TenantLevel(level),
            parent=parent,
            depth=(parent.depth + 1) if parent else 0,
            **attributes,
        )
        rows = [TenantClosure(ancestor_id=tenant.id, descendant_id=tenant.id, distance=0)]
        if parent is not None:
            above = await TenantClosure.filter(descendant_id=parent.id).values_list(
                "ancestor_id", "distance"
            )
            rows += [
                TenantClosure(ancestor_id=a, descendant_id=tenant.id, distance=d + 1)
                for a, d in above
            ]
        await TenantClosure.bulk_create(rows)
        for hostname in hostnames:
            await TenantHost.create(tenant=tenant, hostname=hostname.lower())
    return tenant


async def move_tenant(tenant: Tenant, new_parent: Tenant) -> None:
    """Re-hang ``tenant`` and its whole subtree under ``new_parent`` (units merge)."""
    if await TenantClosure.exists(ancestor_id=tenant.id, descendant_id=new_parent.id):
        raise TenantTreeError("CYCLE", "a tenant cannot move below itself")
    async with in_transaction():
        subtree = await TenantClosure.filter(ancestor_id=tenant.id).values_list(
            "descendant_id", "distance"
        )
        subtree_ids = [d for d, _ in subtree]
        # Cut every link from outside the subtree into it, then graft it anew.
        await TenantClosure.filter(
            descendant_id__in=subtree_ids, ancestor_id__not_in=subtree_ids
        ).delete()
        above = await TenantClosure.filter(descendant_id=new_parent.id).values_list(
            "ancestor_id", "distance"
        )
        await TenantClosure.bulk_create(
            [
                TenantClosure(ancestor_id=a, descendant_id=d, distance=da + dd + 1)
                for a, da in above
                for d, dd in subtree
            ]
        )
        shift = new_parent.depth + 1 - tenant.depth
        for descendant_id, distance in subtree:
            await Tenant.filter(id=descendant_id).update(depth=tenant.depth + shift + distance)
        await Tenant.filter(id=tenant.id).update(parent_id=new_parent.id)
    await tenant.refresh_from_db()
