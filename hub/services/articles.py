"""Creating, editing, publishing and unpublishing articles.

Each function takes the acting :class:`~tenants.scope.Scope`, checks the
permission through :mod:`hub.auth.permissions`, validates, and writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.models import Article, Category, ContentStatus, Language
from hub.services.errors import ServiceError
from hub.text.folding import MAX_SLUG, is_slug, nfc, slugify
from hub.text.html import sanitize_html
from tenants.models import Tenant
from tenants.scope import Scope

MAX_TITLE = 300
MAX_SUMMARY = 2_000
MAX_BODY = 500_000


class ArticleErrorCode(StrEnum):
    """Why an article mutation failed."""

    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"
    DUPLICATE_SLUG = "DUPLICATE_SLUG"
    INVALID_CATEGORY = "INVALID_CATEGORY"
    ALREADY_PUBLISHED = "ALREADY_PUBLISHED"
    NOT_PUBLISHED = "NOT_PUBLISHED"


@dataclass
class ArticleChanges:
    """Fields an editor may set; ``None`` means "leave as it is"."""

    title: str | None = None
    slug: str | None = None
    summary: str | None = None
    body: str | None = None
    category_id: int | None = None
    featured: bool | None = None


def _denied(exc: PermissionDenied) -> ServiceError:
    return ServiceError(ArticleErrorCode.FORBIDDEN, str(exc))


def _clean_title(title: str) -> str:
    title = " ".join(nfc(title).split())
    if not title:
        raise ServiceError(ArticleErrorCode.INVALID_INPUT, "title is required", "title")
    if len(title) > MAX_TITLE:
        raise ServiceError(
            ArticleErrorCode.INVALID_INPUT, f"title is longer than {MAX_TITLE} characters", "title"
        )
    return title


def _clean_slug(slug: str) -> str:
    if not is_slug(slug, MAX_SLUG):
        raise ServiceError(
            ArticleErrorCode.INVALID_INPUT,
            "slug must be lower-case ASCII letters, digits and hyphens",
            "slug",
        )
    return slug


def _apply_text(article: Article, changes: ArticleChanges) -> None:
    if changes.title is not None:
        article.title = _clean_title(changes.title)
    if changes.summary is not None:
        if len(changes.summary) > MAX_SUMMARY:
            raise ServiceError(ArticleErrorCode.INVALID_INPUT, "summary is too long", "summary")
        article.summary = nfc(changes.summary.strip())
    if changes.body is not None:
        if len(changes.body) > MAX_BODY:
            raise ServiceError(ArticleErrorCode.INVALID_INPUT, "body is too long", "body")
        article.body = sanitize_html(changes.body)
    if changes.featured is not None:
        article.featured = changes.featured


async def _check_category(tenant_id: int, category_id: int | None) -> None:
    if category_id is not None and not await Category.exists(id=category_id, tenant_id=tenant_id):
        raise ServiceError(
            ArticleErrorCode.INVALID_CATEGORY, "category does not belong to this tenant", "category"
        )


async def _free_slug(tenant_id: int, language: str, base: str, exclude_id: int | None) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is free in the tenant and language."""
    taken_qs = Article.unscoped().filter(
        tenant_id=tenant_id, language=language, slug__startswith=base
    )
    if exclude_id is not None:
        taken_qs = taken_qs.exclude(id=exclude_id)
    taken = set(await taken_qs.values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


async def article_create(
    scope: Scope, tenant: Tenant, changes: ArticleChanges, language: Language = Language.VI
) -> Article:
    """A new draft in ``tenant``, written by the scope's viewer."""
    try:
        require(scope.viewer, Permission.ARTICLE_CREATE, tenant.id)
    except PermissionDenied as exc:
        raise _denied(exc) from exc
    article = Article(
        tenant_id=tenant.id,
        language=language,
        status=ContentStatus.DRAFT,
        author_id=scope.viewer.user_id,
    )
    _apply_text(article, ArticleChanges(title=changes.title or ""))
    _apply_text(article, changes)
    await _check_category(tenant.id, changes.category_id)
    article.category_id = changes.category_id
    if changes.slug:
        article.slug = _clean_slug(changes.slug)
    else:
        article.slug = await _free_slug(
            tenant.id, language, slugify(article.title, MAX_SLUG - 4) or "bai-viet", None
        )
    await _save_unique(article)
    return article


async def _load_for(scope: Scope, article_id: int, permission: Permission) -> Article:
    article = await Article.readable_by(scope).get_or_none(id=article_id)
    if article is None:
        raise ServiceError(ArticleErrorCode.NOT_FOUND, "article not found")
    try:
        require(scope.viewer, permission, article.tenant_id)
    except PermissionDenied as exc:
        raise _denied(exc) from exc
    return article


async def _save_unique(article: Article) -> None:
    try:
        async with in_transaction():
            await article.save()
    except IntegrityError as exc:
        raise ServiceError(
            ArticleErrorCode.DUPLICATE_SLUG, "another article already uses this slug", "slug"
        ) from exc


async def article_update(scope: Scope, article_id: int, changes: ArticleChanges) -> Article:
    """Edit an article's fields; a published article stays published."""
    article = await _load_for(scope, article_id, Permission.ARTICLE_EDIT)
    _apply_text(article, changes)
    if changes.category_id is not None:
        await _check_category(article.tenant_id, changes.category_id)
        article.category_id = changes.category_id
    if changes.slug is not None:
        article.slug = _clean_slug(changes.slug)
    await _save_unique(article)
    return article


async def article_publish(
    scope: Scope, article_id: int, published_at: datetime | None = None
) -> Article:
    """Make an article public (its first publication time is kept).

    ``published_at`` lets importers keep the date an article first appeared
    on the old portal; it cannot lie in the future (scheduling is separate).
    """
    article = await _load_for(scope, article_id, Permission.ARTICLE_PUBLISH)
    if article.status == ContentStatus.PUBLISHED:
        raise ServiceError(ArticleErrorCode.ALREADY_PUBLISHED, "article is already published")
    moment = now()
    if published_at is not None and published_at > moment:
        raise ServiceError(ArticleErrorCode.INVALID_INPUT, "publication time is in the future")
    article.status = ContentStatus.PUBLISHED
    article.published_at = article.published_at or published_at or moment
    await article.save(update_fields=["status", "published_at", "updated_at"])
    return article


async def article_unpublish(scope: Scope, article_id: int) -> Article:
    """Take an article off the public site; it becomes a draft again."""
    article = await _load_for(scope, article_id, Permission.ARTICLE_PUBLISH)
    if article.status != ContentStatus.PUBLISHED:
        raise ServiceError(ArticleErrorCode.NOT_PUBLISHED, "article is not published")
    article.status = ContentStatus.DRAFT
    await article.save(update_fields=["status", "updated_at"])
    return article
