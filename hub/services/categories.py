"""Creating, renaming and ordering a portal's sections."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.models import Category
from hub.services.errors import ServiceError
from hub.services.journal import audit
from hub.services.portal_settings import announce_tenant
from hub.text.folding import is_slug, nfc
from tenants.models import Tenant
from tenants.scope import Scope


class CategoryErrorCode(StrEnum):
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"
    DUPLICATE_SLUG = "DUPLICATE_SLUG"
    NOT_FOUND = "NOT_FOUND"


async def category_create(
    scope: Scope,
    tenant: Tenant,
    *,
    slug: str,
    name: str,
    name_en: str = "",
    slug_en: str = "",
    position: int = 0,
    parent: Category | None = None,
) -> Category:
    """A new section of ``tenant``; slugs are unique within the tenant."""
    try:
        require(scope.viewer, Permission.CATEGORY_MANAGE, tenant.id)
    except PermissionDenied as exc:
        raise ServiceError(CategoryErrorCode.FORBIDDEN, str(exc)) from exc
    for value, field in ((slug, "slug"), (slug_en, "slug_en")):
        if (value or field == "slug") and not is_slug(value, 120):
            raise ServiceError(CategoryErrorCode.INVALID_INPUT, f"invalid {field}", field)
    if not name.strip():
        raise ServiceError(CategoryErrorCode.INVALID_INPUT, "name is required", "name")
    if await Category.unscoped().filter(tenant_id=tenant.id, slug=slug).exists():
        raise ServiceError(CategoryErrorCode.DUPLICATE_SLUG, "slug is taken", "slug")
    return await Category.create(
        tenant=tenant,
        slug=slug,
        name=nfc(name.strip()),
        name_en=nfc(name_en.strip()),
        slug_en=slug_en,
        position=position,
        parent=parent,
    )


async def _announce(scope: Scope, category: Category, action: str, changes: dict) -> None:
    """Audit a change to the menu and tell the page cache (inside the caller's transaction)."""
    await audit(scope, category, action, changes=changes)
    await announce_tenant(category.tenant_id, "categories", object_type="Category")


async def category_add(scope: Scope, tenant: Tenant, **attributes: Any) -> Category:
    """:func:`category_create` as the API and CLI do it: audited, announced, last in the menu."""
    for key in ("name", "name_en"):  # as typed in a form: runs of spaces are one
        if isinstance(attributes.get(key), str):
            attributes[key] = " ".join(attributes[key].split())
    if "position" not in attributes:
        last = await Category.unscoped().filter(tenant_id=tenant.id).order_by("-position").first()
        attributes["position"] = (last.position if last else 0) + 1
    async with in_transaction():
        category = await category_create(scope, tenant, **attributes)
        await _announce(
            scope,
            category,
            "category_create",
            {"slug": [None, category.slug], "name": [None, category.name]},
        )
    return category


async def category_update(
    scope: Scope,
    tenant: Tenant,
    category_id: int,
    *,
    name: str | None = None,
    name_en: str | None = None,
    slug_en: str | None = None,
) -> Category:
    """Rename a section (Vietnamese and English names, English address).

    The Vietnamese slug stays: it is in every article's address, and old links
    must keep working.
    """
    try:
        require(scope.viewer, Permission.CATEGORY_MANAGE, tenant.id)
    except PermissionDenied as exc:
        raise ServiceError(CategoryErrorCode.FORBIDDEN, str(exc)) from exc
    category = await Category.unscoped().get_or_none(id=category_id, tenant_id=tenant.id)
    if category is None:
        raise ServiceError(CategoryErrorCode.NOT_FOUND, "no such section in this portal")
    wanted: dict[str, str] = {}
    if name is not None:
        wanted["name"] = nfc(" ".join(name.split()))
        if not wanted["name"] or len(wanted["name"]) > 200:
            raise ServiceError(CategoryErrorCode.INVALID_INPUT, "name is required", "name")
    if name_en is not None:
        wanted["name_en"] = nfc(" ".join(name_en.split()))
        if len(wanted["name_en"]) > 200:
            raise ServiceError(CategoryErrorCode.INVALID_INPUT, "name is too long", "nameEn")
    if slug_en is not None:
        wanted["slug_en"] = slug_en.strip()
        if wanted["slug_en"] and not is_slug(wanted["slug_en"], 120):
            raise ServiceError(CategoryErrorCode.INVALID_INPUT, "invalid slugEn", "slugEn")
    changed = {k: [getattr(category, k), v] for k, v in wanted.items() if getattr(category, k) != v}
    if not changed:
        return category
    for key, (_, value) in changed.items():
        setattr(category, key, value)
    async with in_transaction():
        await category.save(update_fields=list(changed))
        await _announce(scope, category, "category_update", changed)
    return category


async def category_reorder(scope: Scope, tenant: Tenant, ids: list[int]) -> list[Category]:
    """Put the portal's sections in this menu order (every section, each once)."""
    try:
        require(scope.viewer, Permission.CATEGORY_MANAGE, tenant.id)
    except PermissionDenied as exc:
        raise ServiceError(CategoryErrorCode.FORBIDDEN, str(exc)) from exc
    categories = {c.id: c for c in await Category.unscoped().filter(tenant_id=tenant.id)}
    if len(ids) != len(set(ids)) or set(ids) != set(categories):
        raise ServiceError(
            CategoryErrorCode.INVALID_INPUT, "list every section of the portal once", "order"
        )
    moved = {
        cid: [categories[cid].position, n]
        for n, cid in enumerate(ids, start=1)
        if categories[cid].position != n
    }
    if moved:
        async with in_transaction():
            for cid, (_, position) in moved.items():
                await Category.unscoped().filter(id=cid).update(position=position)
                categories[cid].position = position
            first = categories[ids[0]]
            await _announce(
                scope,
                first,
                "category_reorder",
                {"order": [None, [categories[i].slug for i in ids]]},
            )
    return [categories[i] for i in ids]
