"""Root fields that read categories and articles, always through scoped queries."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import strawberry
from strawberry.types import Info
from tortoise.expressions import F, Q
from tortoise.functions import Coalesce

from hub.auth.permissions import Permission, can
from hub.models import Article, Category, ContentStatus, MediaAsset
from hub.models.content import feed_of, filed_under, merged_candidates, pinned_rank
from hub.models.documents import LegalDocument
from hub.models.newsroom import AuditEntry, Revision
from hub.models.placement_reach import receives_placements
from hub.services.receiver_choices import apply_overrides
from hub.text.folding import is_slug
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, page_window, paginate
from resolvers.public_memory import for_readers
from resolvers.selection import selects
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, Connection, Node, decode_global_id
from schema.content import ArticleType, Author, CategoryType, Language
from tenants.models import Tenant


def _author_number(slug: str) -> int:
    """The user id at the head of an author slug (`12-nguyen-van-a`)."""
    number = slug.split("-", 1)[0]
    if not number.isdigit() or len(number) > 12:
        raise BadUserInput("not an author slug", "INVALID_SLUG")
    return int(number)


def _check_slug(value: str, what: str) -> str:
    if not is_slug(value):
        raise BadUserInput(f"invalid {what} slug: {value[:70]!r}", "INVALID_SLUG")
    return value


@strawberry.type
class ContentQuery:
    @strawberry.field(description="The sections of one portal, in display order.")
    async def categories(
        self,
        info: Info,
        tenant: TenantSlugArg,
        first: Annotated[int, strawberry.argument(description="Page size, at most 500.")] = 100,
        after: AfterArg = None,
    ) -> Connection[CategoryType]:
        owner = await require_tenant(info, tenant)
        qs = Category.visible(info.context.scope.for_tenant(owner)).order_by("position", "id")
        key = ("categories", owner.id, first, after)
        connection = await for_readers(info, key, lambda: paginate(qs, first, after, max_first=500))
        loader = info.context.loaders.category_by_id
        for edge in connection.edges:  # articles in the same request find them here
            loader.prime(edge.node.id, edge.node)
        return connection

    @strawberry.field(
        description="Articles of one portal, newest first. The public sees published ones only; "
        "the portal's editors see drafts too."
    )
    async def articles(
        self,
        info: Info,
        tenant: TenantSlugArg,
        first: PageSizeArg = 20,
        after: AfterArg = None,
        category: Annotated[
            str | None,
            strawberry.argument(description="Only this category (its Vietnamese or English slug)."),
        ] = None,
        language: Annotated[
            Language | None, strawberry.argument(description="Only this language.")
        ] = None,
        featured: Annotated[
            bool | None,
            strawberry.argument(
                description="Only featured (true) or only ordinary (false) articles."
            ),
        ] = None,
        author: Annotated[
            str | None,
            strawberry.argument(description="Only this author's articles (the author's slug)."),
        ] = None,
        status: Annotated[
            ContentStatus | None,
            strawberry.argument(description="Only this workflow status (editors)."),
        ] = None,
    ) -> Connection[ArticleType]:
        owner = await require_tenant(info, tenant)
        scope = info.context.scope.for_tenant(owner)
        # The portal's own articles and those placed on it from other portals.
        receives = await _receives(info, owner)
        wanted = _check_slug(category, "category") if category is not None else None

        def narrow(qs: Any) -> Any:
            if wanted is not None:
                # Placed articles the portal filed under its own category count there only.
                qs = qs.filter(
                    filed_under(owner.id, wanted)
                    if receives
                    else Q(category__slug=wanted) | Q(category__slug_en=wanted)
                )
            if language is not None:
                qs = qs.filter(language=language)
            if featured is not None:
                qs = qs.filter(featured=featured)
            if author is not None:
                qs = qs.filter(author_id=_author_number(author))
            if status is not None:
                qs = qs.filter(status=status)
            return qs

        merged = narrow(feed_of(scope, receives))
        page = merged
        if receives and not can(scope.viewer, Permission.VIEW_DRAFTS, owner.id):
            window = page_window(first, after) + first + 1
            page = Article.filter(id__in=await merged_candidates(scope, narrow, window))
        ordered = _pinned_then_newest(page, info, owner, status, receives)
        connection = await paginate(ordered, first, after, count=merged)
        nodes = [e.node for e in connection.edges]
        if receives:
            await apply_overrides(nodes, owner)
        # Media are left to the `cover`/`gallery`/`attachments` fields: they ask their
        # loaders in one pass over the page, and under a query plan in one pass over
        # every list of the document (a home page's featured and latest lists share
        # their three media statements).
        if selects(info, "edges", "node", "category"):
            # One batch now, so every `category` field below resolves without awaiting.
            ids = {e.node.category_id for e in connection.edges if e.node.category_id is not None}
            await info.context.loaders.category_by_id.load_many(list(ids))
        return connection

    @strawberry.field(description="One article of a portal by its slug, or null.")
    async def article(
        self,
        info: Info,
        tenant: TenantSlugArg,
        slug: Annotated[str, strawberry.argument(description="Slug of the article.")],
        language: Annotated[
            Language, strawberry.argument(description="Its language.")
        ] = Language.VI,
    ) -> ArticleType | None:
        owner = await require_tenant(info, tenant)
        scope = info.context.scope.for_tenant(owner)
        # Its own article first; else one placed on it (slugs are unique per owner only).
        wanted = {"slug": _check_slug(slug, "article"), "language": language}
        own = await Article.visible(scope).get_or_none(**wanted)
        if own is not None:
            return own  # type: ignore[no-any-return]
        placed = await (await _feed(info, owner)).filter(**wanted).order_by("-published_at").first()
        if placed is not None:
            await apply_overrides([placed], owner)
        return placed  # type: ignore[no-any-return]

    @strawberry.field(
        description="The article a preview link names, whatever its status; null when the "
        "token is invalid or expired."
    )
    async def article_preview(
        self,
        info: Info,
        token: Annotated[str, strawberry.argument(description="The token of a preview link.")],
    ) -> ArticleType | None:
        if info.context.previews is None:
            return None
        return await info.context.previews.open(token)  # type: ignore[no-any-return]

    @strawberry.field(
        description="A writer's public profile, when they have an article the viewer may read."
    )
    async def author(
        self,
        info: Info,
        slug: Annotated[
            str, strawberry.argument(description="The author's slug (`<number>-<name>`).")
        ],
    ) -> Author | None:
        user_id = _author_number(slug)
        # Only writers with a readable article have a public profile: no enumerating staff.
        if not await Article.readable_by(info.context.scope).filter(author_id=user_id).exists():
            return None
        row = await info.context.loaders.author_by_id.load(user_id)
        return Author.from_row(row) if row else None

    @strawberry.field(description="Any object by its global ID, if the viewer may see it.")
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A global ID.")],
    ) -> Node | None:
        type_name, pk = decode_global_id(id)
        if type_name == "Tenant":
            return await info.context.loaders.tenant_by_id.load(pk)  # type: ignore[no-any-return]
        if type_name in ("Revision", "AuditEntry"):
            return await _record_node(info, type_name, pk)
        model = _NODE_MODELS.get(type_name)
        if model is None:
            raise BadUserInput(f"unknown type in ID: {type_name[:40]!r}", "INVALID_ID")
        return await model.readable_by(info.context.scope).get_or_none(id=pk)  # type: ignore[no-any-return]


_NODE_MODELS: dict[str, Any] = {
    "Article": Article,
    "Category": Category,
    "MediaAsset": MediaAsset,
    "LegalDocument": LegalDocument,
}


async def _record_node(info: Info, type_name: str, pk: int) -> Any:
    """Revisions are as private as drafts; audit entries are for approvers."""
    viewer = info.context.scope.viewer
    if type_name == "AuditEntry":
        entry = await AuditEntry.get_or_none(id=pk)
        return entry if entry and can(viewer, Permission.AUDIT_VIEW, entry.tenant_id) else None
    revision = await Revision.get_or_none(id=pk)
    if revision is None:
        return None
    article = await Article.readable_by(info.context.scope).get_or_none(id=revision.article_id)
    if article is None or not can(viewer, Permission.VIEW_DRAFTS, article.tenant_id):
        return None
    return revision


async def _receives(info: Info, owner: Tenant) -> bool:
    """Whether placements reach the portal; asked once per request (and answered from the
    process's memory when it has one)."""
    memo: dict[int, asyncio.Future[bool]] = info.context.loaders.memo
    if owner.id not in memo:  # lists of one page run concurrently: share one query
        memory = info.context.services.placement_reach
        memo[owner.id] = asyncio.ensure_future(receives_placements(owner, memory))
    return await memo[owner.id]


async def _feed(info: Info, owner: Tenant) -> Any:
    """The portal's merged list of own and placed articles."""
    return feed_of(info.context.scope.for_tenant(owner), await _receives(info, owner))


def _pinned_then_newest(qs: Any, info: Info, owner: Tenant, status: Any, receives: bool) -> Any:
    # Pinned first (newest first among them), then the rest newest first. A portal's
    # own list orders by the `pinned` column, which leads `published_at` in the listing
    # indexes: one index walk, no sort. A merged list (sorted anyway) ranks by what
    # this portal pinned: its own pinned articles and the placed ones it pinned.
    pin = "-pinned"
    if receives:
        qs, pin = qs.annotate(pin_rank=pinned_rank(owner.id)), "-pin_rank"
    # Published rows sort by their indexed publication time; when drafts are in the
    # list too (editors), undated drafts sort by creation time among them.
    sees_drafts = can(info.context.scope.viewer, Permission.VIEW_DRAFTS, owner.id)
    if not sees_drafts or status == ContentStatus.PUBLISHED:
        return qs.order_by(pin, "-published_at", "-id")
    return qs.annotate(sort_at=Coalesce("published_at", F("created_at"))).order_by(
        pin, "-sort_at", "-id"
    )
