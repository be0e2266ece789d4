"""Creating a portal's sections."""

from __future__ import annotations

from enum import StrEnum

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.models import Category
from hub.services.errors import ServiceError
from hub.text.folding import is_slug, nfc
from tenants.models import Tenant
from tenants.scope import Scope


class CategoryErrorCode(StrEnum):
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"
    DUPLICATE_SLUG = "DUPLICATE_SLUG"


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
