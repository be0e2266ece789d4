"""The tree of portals, for superusers: a new portal from its level's template, a move.

The closure-table work is :mod:`tenants.hierarchy`'s; this module checks who
asks, validates, fills a new portal from its template, audits and announces.
"""

from __future__ import annotations

from collections.abc import Iterable

from tortoise.transactions import in_transaction

from hub.services.articles import ArticleChanges, article_create
from hub.services.categories import category_create
from hub.services.errors import ServiceError
from hub.services.journal import audit_tenant
from hub.services.portal_settings import PortalErrorCode, announce_tenant, check_hostname
from hub.text.folding import nfc
from tenants.hierarchy import TenantTreeError, create_tenant, move_tenant
from tenants.models import SLUG_PATTERN, Tenant, TenantHost, TenantLevel
from tenants.scope import Scope

# (Vietnamese slug, name, English slug, name): the sections a unit of each level
# starts with, as the demo's portals have them (hub/seed/demo_data.py).
_ABOUT = ("gioi-thieu", "Giới thiệu", "about", "About")
_NOTICES = ("thong-bao", "Thông báo", "announcements", "Announcements")
_REFORM = (
    "cai-cach-hanh-chinh",
    "Cải cách hành chính",
    "administrative-reform",
    "Administrative reform",
)
SECTIONS: dict[TenantLevel, tuple[tuple[str, str, str, str], ...]] = {
    TenantLevel.CITY: (
        ("tin-tuc", "Tin tức", "news", "News"),
        _NOTICES,
        _REFORM,
        _ABOUT,
    ),
    TenantLevel.DEPARTMENT: (
        ("tin-hoat-dong", "Tin hoạt động", "activities", "Activities"),
        _NOTICES,
        (
            "thu-tuc-hanh-chinh",
            "Thủ tục hành chính",
            "administrative-procedures",
            "Administrative procedures",
        ),
        _REFORM,
        _ABOUT,
    ),
    TenantLevel.COMMUNE: (
        ("tin-tuc", "Tin tức", "news", "News"),
        _NOTICES,
        ("an-ninh-trat-tu", "An ninh - Trật tự", "security-order", "Security and public order"),
        _REFORM,
        _ABOUT,
    ),
    TenantLevel.SITE: (("tin-tuc", "Tin tức", "news", "News"), _ABOUT),
}
SECTIONS[TenantLevel.DISTRICT] = SECTIONS[TenantLevel.COMMUNE]

# Pages every portal must carry (Decree 42/2022 Art. 4(1)): they start as drafts
# in "Giới thiệu" for the unit's editors to fill in and publish.
REQUIRED_PAGES = (
    ("gioi-thieu-chung", "Giới thiệu chung về {name}"),
    ("chuc-nang-nhiem-vu", "Chức năng, nhiệm vụ, quyền hạn của {name}"),
    ("co-cau-to-chuc", "Cơ cấu tổ chức của {name}"),
)
PLACEHOLDER = "<p>Nội dung đang được cập nhật.</p>"


def require_superuser(scope: Scope) -> None:
    """Only superusers change the tree: a unit's place is not its own admins' to decide."""
    if not scope.viewer.is_superuser:
        raise ServiceError(PortalErrorCode.FORBIDDEN, "only superusers change the tree")


async def tenant_create_from_template(
    scope: Scope,
    parent: Tenant,
    *,
    slug: str,
    name: str,
    level: TenantLevel | str,
    name_en: str = "",
    hostnames: Iterable[str] = (),
) -> Tenant:
    """A new portal under ``parent`` with its level's sections and required pages (drafts)."""
    require_superuser(scope)
    slug = slug.strip().lower()
    if not SLUG_PATTERN.fullmatch(slug):
        raise ServiceError(
            PortalErrorCode.INVALID_INPUT, "a slug is lower-case letters, digits, hyphens", "slug"
        )
    name = " ".join(nfc(name).split())
    if not name or len(name) > 200:
        raise ServiceError(PortalErrorCode.INVALID_INPUT, "the portal needs a name", "name")
    try:
        level = TenantLevel(level)
    except ValueError as exc:
        raise ServiceError(PortalErrorCode.INVALID_INPUT, "unknown level", "level") from exc
    hosts = [check_hostname(h) for h in hostnames if h.strip()]
    if await Tenant.filter(slug=slug).exists():
        raise ServiceError(PortalErrorCode.DUPLICATE_SLUG, "another portal has this slug", "slug")
    if hosts and await TenantHost.filter(hostname__in=hosts).exists():
        raise ServiceError(
            PortalErrorCode.HOSTNAME_TAKEN, "another portal uses that hostname", "hostname"
        )
    async with in_transaction():
        try:
            tenant = await create_tenant(
                slug=slug,
                name=name,
                level=level,
                parent=parent,
                hostnames=hosts,
                name_en=nfc(name_en.strip())[:200],
            )
        except TenantTreeError as exc:
            raise ServiceError(PortalErrorCode.INVALID_INPUT, str(exc), "slug") from exc
        sections = {}
        for position, (s, n, s_en, n_en) in enumerate(SECTIONS[level], start=1):
            sections[s] = await category_create(
                scope, tenant, slug=s, name=n, slug_en=s_en, name_en=n_en, position=position
            )
        for page_slug, title in REQUIRED_PAGES:
            await article_create(
                scope,
                tenant,
                ArticleChanges(
                    title=title.format(name=name),
                    slug=page_slug,
                    body=PLACEHOLDER,
                    category_id=sections["gioi-thieu"].id,
                ),
            )
        await audit_tenant(
            scope,
            tenant.id,
            "tenant_create",
            {"parent": [None, parent.slug], "level": [None, level.value], "slug": [None, slug]},
        )
        await announce_tenant(parent.id, "units")
    return tenant


async def tenant_move(scope: Scope, tenant: Tenant, new_parent: Tenant) -> Tenant:
    """Hang ``tenant`` and everything below it under ``new_parent`` (units merge, move)."""
    require_superuser(scope)
    tenant = await Tenant.get(id=tenant.id)
    if tenant.parent_id is None:  # type: ignore[attr-defined]
        raise ServiceError(PortalErrorCode.INVALID_PARENT, "the root does not move", "parent")
    if tenant.parent_id == new_parent.id:  # type: ignore[attr-defined]
        return tenant
    old_parent = await Tenant.get(id=tenant.parent_id)  # type: ignore[attr-defined]
    try:
        async with in_transaction():
            await move_tenant(tenant, new_parent)
            await audit_tenant(
                scope, tenant.id, "tenant_move", {"parent": [old_parent.slug, new_parent.slug]}
            )
            await announce_tenant(tenant.id, "tree")
            await announce_tenant(old_parent.id, "units")
    except TenantTreeError as exc:
        raise ServiceError(PortalErrorCode.INVALID_PARENT, str(exc), "parent") from exc
    return tenant
