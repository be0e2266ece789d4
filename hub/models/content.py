"""Categories and articles: the first cut of what portals publish."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from tortoise import fields
from tortoise.expressions import Case, Q, RawSQL, Subquery, When
from tortoise.indexes import Index
from tortoise.models import Model
from tortoise.queryset import QuerySet

from hub.models.base import ContentStatus, TenantContent, TenantOwned
from hub.models.syndication import placements_reaching, receipts_shown
from tenants.models import PlainRow
from tenants.scope import Scope


class ArticleKind(StrEnum):
    """What an article is; picks its template on the portal."""

    NEWS = "news"
    BLOG = "blog"
    GALLERY = "gallery"
    VIDEO = "video"
    AUDIO = "audio"
    PAGE = "page"
    ANNOUNCEMENT = "announcement"  # thông báo
    LINK = "link"  # points readers to another site (source_url)


class Tag(TenantOwned):
    """A keyword of one portal, shared by its articles."""

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=120)
    name = fields.CharField(max_length=120)

    class Meta:
        table = "tag"
        unique_together = (("tenant", "slug"),)


class Category(TenantOwned):
    """A section of one portal (a tree per tenant), named in Vietnamese and English."""

    id = fields.IntField(primary_key=True)
    parent: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="children", null=True, on_delete=fields.SET_NULL
    )
    slug = fields.CharField(max_length=120)
    name = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=200, default="")
    slug_en = fields.CharField(max_length=120, default="")
    description = fields.TextField(default="")
    position = fields.IntField(default=0)

    parent_id: int | None

    class Meta:
        table = "category"
        unique_together = (("tenant", "slug"),)
        ordering = ["position", "id"]


class Article(TenantContent):
    """A piece of news or a page, owned by one tenant, in one language."""

    id = fields.IntField(primary_key=True)
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="articles", null=True, on_delete=fields.SET_NULL
    )
    # Columns added to a filled table carry database defaults as well.
    kind = fields.CharEnumField(
        ArticleKind,
        max_length=16,
        default=ArticleKind.NEWS,
        db_default=ArticleKind.NEWS.value,
        description="Article kind",
    )
    slug = fields.CharField(max_length=200)
    title = fields.CharField(max_length=300)
    summary = fields.TextField(default="")
    body = fields.TextField(default="")
    byline = fields.CharField(max_length=200, default="", db_default="")
    source_name = fields.CharField(max_length=200, default="", db_default="")
    source_url = fields.CharField(max_length=500, default="", db_default="")
    seo_title = fields.CharField(max_length=200, default="", db_default="")
    seo_description = fields.CharField(max_length=300, default="", db_default="")
    featured = fields.BooleanField(default=False)
    pinned = fields.BooleanField(default=False, db_default=False)
    # Translations (vi ↔ en) point at their source article; a translation is
    # stale when the source's text changed after the translation last did.
    translation_of: fields.ForeignKeyNullableRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="translations", null=True, on_delete=fields.SET_NULL
    )
    text_updated_at = fields.DatetimeField(null=True)
    tags: fields.ManyToManyRelation[Tag] = fields.ManyToManyField(
        "models.Tag", related_name="articles", through="article_tag"
    )
    related: fields.ManyToManyRelation[Article] = fields.ManyToManyField(
        "models.Article", related_name="related_from", through="article_related"
    )
    published_at = fields.DatetimeField(null=True)
    # Scheduling (embargo): the scheduler publishes an approved article at
    # `publish_at` and takes a published one down at `unpublish_at`.
    publish_at = fields.DatetimeField(null=True)
    unpublish_at = fields.DatetimeField(null=True)
    author: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="articles", null=True, on_delete=fields.SET_NULL
    )
    # A receiving portal's local copy of a placed article points at the original.
    forked_from: fields.ForeignKeyNullableRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="forks", null=True, on_delete=fields.SET_NULL
    )

    category_id: int | None
    author_id: int | None
    translation_of_id: int | None
    forked_from_id: int | None
    # Never stored: the receiver's own cover while a placed article is read for a
    # receiving portal (see hub.services.receiver_choices.apply_overrides).
    shown_cover_id: int | None = None

    class Meta:
        table = "article"
        unique_together = (("tenant", "language", "slug"),)
        indexes = (
            # The public lists, pinned first, then newest first: over all languages, in
            # one, in a category. `pinned` leads `published_at` so one backward index
            # walk gives the whole order (no sort of the portal's articles).
            Index(
                fields=("tenant_id", "status", "pinned", "published_at"),
                name="article_listing_pinned",
            ),
            Index(
                fields=("tenant_id", "language", "status", "pinned", "published_at"),
                name="article_listing_lang_pinned",
            ),
            Index(
                fields=("category_id", "status", "pinned", "published_at"),
                name="article_category_pinned",
            ),
            # An article page asks for its translations, an author page for the
            # author's articles: without these each view read the whole table.
            Index(fields=("translation_of_id",), name="article_translation_of"),
            Index(fields=("author_id", "status", "published_at"), name="article_author"),
            Index(fields=("status", "publish_at"), name="article_due"),
            Index(fields=("status", "unpublish_at"), name="article_expiry"),
            # The workspace's article list: a portal's own articles, last change first.
            Index(fields=("tenant_id", "updated_at", "id"), name="article_changed"),
            Index(
                fields=("tenant_id", "status", "updated_at", "id"), name="article_status_changed"
            ),
        )


def feed_of(scope: Scope, receives_placements: bool) -> QuerySet[Article]:
    """A portal's list: its own articles as the viewer may see them, plus the published
    articles placed on it from elsewhere.

    The merged form (own OR placed) keeps PostgreSQL from walking the listing
    index in order: on a portal with tens of thousands of articles it sorts
    them all (measured: 54 ms instead of 0.1 ms). Portals that receive no placement
    (see :func:`hub.models.placement_reach.receives_placements`) get the plain,
    index-ordered list.
    """
    tenant = scope.require_tenant()
    if not receives_placements:
        return Article.visible(scope)
    placed = placements_reaching(tenant.id, tenant.level.value)
    return Article.filter(
        Article.visible_q(scope)
        | Q(id__in=Subquery(placed.values("article_id")), status=ContentStatus.PUBLISHED)
    )


async def merged_candidates(
    scope: Scope, narrow: Callable[[QuerySet[Article]], QuerySet[Article]], window: int
) -> list[int]:
    """Ids that can fill the first ``window`` places of a portal's published merged list.

    The merged condition (own OR placed) defeats the listing index: PostgreSQL
    scanned all 100,000 articles of the benchmark to serve one ward page
    (~80 ms). The first ``window`` places always come from the portal's own
    first ``window`` (index order: pinned, then newest), the placed articles'
    newest ``window``, and the placed articles the portal pinned: three small
    indexed queries, after which the page is sorted from these ids alone (each
    of which already passed the portal's visibility and the list's filters).
    For public readers only (the ordering of editors' lists with drafts differs).
    Measured on the benchmark ward (185 own, 7,030 placed articles): 9.7 → 32
    req/s; what remains is the placed window, 7,030 primary-key lookups (~27 ms).
    """
    tenant = scope.require_tenant()
    reaching = placements_reaching(tenant.id, tenant.level.value)
    own = narrow(Article.visible(scope)).order_by("-pinned", "-published_at", "-id")
    placed = narrow(
        Article.filter(
            id__in=Subquery(reaching.values("article_id")), status=ContentStatus.PUBLISHED
        )
    )
    pinned_here = receipts_shown(tenant.id).filter(pinned=True)
    newest_placed = placed.order_by("-published_at", "-id").limit(window)
    ids = set(await own.limit(window).values_list("id", flat=True))
    ids |= set(await newest_placed.values_list("id", flat=True))
    ids |= set(
        await placed.filter(
            id__in=Subquery(pinned_here.values("placement__article_id"))
        ).values_list("id", flat=True)
    )
    return sorted(ids)


def pinned_rank(tenant_id: int) -> Case:
    """1 for what a portal pinned in its merged list, else 0: its own pinned articles and
    the placed articles it pinned (the owner's pin does not travel with a placement)."""
    pinned_here = receipts_shown(tenant_id).filter(pinned=True)
    return Case(
        When(
            Q(tenant_id=tenant_id, pinned=True)
            | Q(id__in=Subquery(pinned_here.values("placement__article_id"))),
            # Literals, not parameters: PostgreSQL would type an untyped `THEN $1` as text.
            then=RawSQL("1"),  # type: ignore[arg-type]
        ),
        default=RawSQL("0"),  # type: ignore[arg-type]
    )


def filed_under(tenant_id: int, slug: str) -> Q:
    """A merged list's articles in the portal's category ``slug`` (Vietnamese or English).

    Own articles by their category; placed articles the portal filed under one of its
    categories by that category only; other placed articles by their owner's category.
    """
    named = Q(category__slug=slug) | Q(category__slug_en=slug)
    filed = receipts_shown(tenant_id).filter(category_id__not_isnull=True)
    here = Category.unscoped().filter(tenant_id=tenant_id).filter(Q(slug=slug) | Q(slug_en=slug))
    filed_here = filed.filter(category_id__in=Subquery(here.values("id")))
    return (named & ~Q(id__in=Subquery(filed.values("placement__article_id")))) | Q(
        id__in=Subquery(filed_here.values("placement__article_id"))
    )


class MediaRole(StrEnum):
    COVER = "cover"
    GALLERY = "gallery"
    ATTACHMENT = "attachment"


class ArticleMedia(PlainRow, Model):
    """A media asset used by an article: its cover, a gallery photo, or an attachment."""

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="media_links", on_delete=fields.CASCADE
    )
    asset: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.MediaAsset", related_name="article_links", on_delete=fields.RESTRICT
    )
    role = fields.CharEnumField(MediaRole, max_length=16, description="Media role")
    position = fields.IntField(default=0)

    article_id: int
    asset_id: int

    class Meta:
        table = "article_media"
        unique_together = (("article", "asset", "role"),)
        indexes = (
            Index(fields=("article_id", "role", "position"), name="article_media_order"),
            # "Is this file used by published content?" (MediaAsset.public_filter),
            # asked per asset of a library page, not over every article's files.
            Index(fields=("asset_id",), name="article_media_asset"),
        )
