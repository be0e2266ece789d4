"""Root fields the editors' workspace needs: the viewer, dashboard queues, the article list.

They read through the same scoped helper as every other field
(`Article.visible` on the requested portal) and decide who may see a queue
through `hub.auth.permissions`, so the workspace is an ordinary API client.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import strawberry
from strawberry.types import Info
from tortoise.expressions import Q

from hub.auth.permissions import ROLE_PERMISSIONS, Permission, Role, can
from hub.models import Article, ContentStatus, User
from hub.text.folding import slugify
from resolvers.pagination import (
    AfterArg,
    PageSizeArg,
    TenantSlugArg,
    paginate,
    paginate_bounded,
)
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, BoundedConnection, Connection
from schema.content import ArticleType
from schema.workspace import ArticleQueue, Membership, ViewerType

S = ContentStatus
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_SEARCH = 200

# Who may see a queue at all; the others get an empty list rather than an error,
# so one dashboard document serves every role.
QUEUE_PERMISSION = {
    ArticleQueue.MY_DRAFTS: Permission.ARTICLE_CREATE,
    ArticleQueue.RETURNED_TO_ME: Permission.ARTICLE_CREATE,
    ArticleQueue.TO_REVIEW: Permission.ARTICLE_REVIEW,
    ArticleQueue.TO_PUBLISH: Permission.ARTICLE_PUBLISH,
    ArticleQueue.SCHEDULED: Permission.VIEW_DRAFTS,
    ArticleQueue.RECENTLY_PUBLISHED: Permission.VIEW_DRAFTS,
}


def _permissions(roles: frozenset[str]) -> list[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= {p.value for p in ROLE_PERMISSIONS.get(Role(role), frozenset())}
    return sorted(granted)


def _local_midnight(day: date) -> datetime:
    """The start of a Hanoi day, as the database's UTC."""
    return datetime.combine(day, time(), LOCAL_TZ)


# An editor needs "more than a thousand", not 100,437: counting every match of a
# 100,000-article portal cost more than the page itself (`python -m bench workspace`).
LIST_COUNT_BOUND = 1000


@strawberry.type
class WorkspaceQuery:
    @strawberry.field(
        description="The signed-in user and their portals and roles; null if anonymous."
    )
    async def viewer(self, info: Info) -> ViewerType | None:
        viewer = info.context.scope.viewer
        if viewer.user_id is None:
            return None
        user = await User.get_or_none(id=viewer.user_id)
        tenants = {
            tenant_id: await info.context.loaders.tenant_by_id.load(tenant_id)
            for tenant_id in viewer.roles
        }
        memberships = [
            Membership(tenant_id=tenant_id, roles=sorted(roles), permissions=_permissions(roles))
            for tenant_id, roles in viewer.roles.items()
            if tenants.get(tenant_id) is not None
        ]
        memberships.sort(key=lambda m: tenants[m.tenant_id].name)
        return ViewerType(
            username=viewer.username,
            full_name=user.full_name if user is not None else "",
            is_superuser=viewer.is_superuser,
            memberships=memberships,
        )

    @strawberry.field(
        description="One of the dashboard's article queues in one portal, for the viewer. "
        "A queue the viewer's roles do not cover is empty."
    )
    async def article_queue(
        self,
        info: Info,
        tenant: TenantSlugArg,
        queue: Annotated[ArticleQueue, strawberry.argument(description="Which queue.")],
        first: PageSizeArg = 20,
        after: AfterArg = None,
    ) -> Connection[ArticleType]:
        owner = await require_tenant(info, tenant)
        scope = info.context.scope.for_tenant(owner)
        qs = Article.visible(scope)
        viewer = scope.viewer
        if not can(viewer, QUEUE_PERMISSION[queue], owner.id):
            return await paginate(qs.filter(id__in=[]), first, after)
        mine = Q(author_id=viewer.user_id)
        match queue:
            case ArticleQueue.MY_DRAFTS:
                qs = qs.filter(mine, status=S.DRAFT).order_by("-updated_at", "-id")
            case ArticleQueue.RETURNED_TO_ME:
                qs = qs.filter(mine, status=S.RETURNED).order_by("-updated_at", "-id")
            case ArticleQueue.TO_REVIEW:
                qs = qs.filter(status=S.SUBMITTED).order_by("updated_at", "id")
            case ArticleQueue.TO_PUBLISH:
                qs = qs.filter(status=S.APPROVED, publish_at=None).order_by("updated_at", "id")
            case ArticleQueue.SCHEDULED:
                qs = qs.filter(status=S.APPROVED, publish_at__not_isnull=True)
                qs = qs.order_by("publish_at", "id")
            case ArticleQueue.RECENTLY_PUBLISHED:
                qs = qs.filter(status=S.PUBLISHED).order_by("-published_at", "-id")
        return await paginate(qs, first, after)

    @strawberry.field(
        description="A portal's own articles as its staff list them (no placed articles), "
        "last changed first; drafts only for those who may see them. Every filter is optional."
    )
    async def article_list(
        self,
        info: Info,
        tenant: TenantSlugArg,
        status: Annotated[
            ContentStatus | None, strawberry.argument(description="Only this workflow status.")
        ] = None,
        category: Annotated[
            str | None, strawberry.argument(description="Only this category (its slug).")
        ] = None,
        text: Annotated[
            str | None,
            strawberry.argument(
                description="Words of the title, with or without diacritics (matched on the "
                "folded slug, so `ha noi` finds `Hà Nội`), at most 200 characters."
            ),
        ] = None,
        changed_from: Annotated[
            date | None,
            strawberry.argument(description="Changed on or after this day (Hanoi time)."),
        ] = None,
        changed_to: Annotated[
            date | None,
            strawberry.argument(description="Changed on or before this day (Hanoi time)."),
        ] = None,
        first: PageSizeArg = 20,
        after: AfterArg = None,
    ) -> BoundedConnection[ArticleType]:
        owner = await require_tenant(info, tenant)
        qs: Any = Article.visible(info.context.scope.for_tenant(owner))
        if status is not None:
            qs = qs.filter(status=status)
        if category:
            qs = qs.filter(category__slug=category)
        if text is not None and text.strip():
            if len(text) > MAX_SEARCH:
                raise BadUserInput("search text is too long", "INVALID_INPUT")
            # Titles become folded slugs, so searching the slug ignores tone marks.
            words = [w for w in slugify(text).split("-") if w]
            for word in words:
                qs = qs.filter(slug__contains=word)
        if changed_from is not None:
            qs = qs.filter(updated_at__gte=_local_midnight(changed_from))
        if changed_to is not None:
            qs = qs.filter(updated_at__lt=_local_midnight(changed_to + timedelta(days=1)))
        return await paginate_bounded(
            qs.order_by("-updated_at", "-id"), first, after, bound=LIST_COUNT_BOUND
        )
