"""Creating, editing and restoring articles (status changes live in workflow.py).

Each function takes the acting :class:`~tenants.scope.Scope`, checks the
permission through :mod:`hub.auth.permissions`, validates, and writes the
change together with its revision and audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.events.outbox import EventType
from hub.models import Article, ArticleKind, Category, ContentStatus, Language, MediaRole
from hub.models.newsroom import Revision
from hub.services import article_links as links
from hub.services import citation_links
from hub.services.errors import ServiceError
from hub.services.journal import (
    REVISED_FIELDS,
    announce,
    audit,
    changed_fields,
    current_revision_number,
    record_revision,
    snapshot,
)
from hub.text.folding import MAX_SLUG, is_slug, nfc, slugify
from hub.text.html import html_to_text, sanitize_html
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
    INVALID_TRANSITION = "INVALID_TRANSITION"
    CONFLICT = "CONFLICT"
    # Separation of duties: the writer or last editor may not approve or publish it.
    SELF_APPROVAL = "SELF_APPROVAL"


@dataclass
class ArticleChanges:
    """Fields an editor may set; ``None`` means "leave as it is"."""

    title: str | None = None
    slug: str | None = None
    summary: str | None = None
    body: str | None = None
    category_id: int | None = None
    featured: bool | None = None
    kind: ArticleKind | None = None
    byline: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    seo_title: str | None = None
    seo_description: str | None = None
    pinned: bool | None = None
    # Lists replace what the article had; None keeps it.
    tags: list[str] | None = None
    related_ids: list[int] | None = None
    cover_ids: list[int] | None = None
    gallery_ids: list[int] | None = None
    attachment_ids: list[int] | None = None

    def touches_text(self) -> bool:
        return any(v is not None for v in (self.title, self.summary, self.body))


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
    if changes.pinned is not None:
        article.pinned = changes.pinned
    if changes.kind is not None:
        article.kind = ArticleKind(changes.kind)
    for name, limit in _PLAIN_FIELDS.items():
        value = getattr(changes, name)
        if value is not None:
            value = " ".join(nfc(value).split())
            if len(value) > limit:
                raise ServiceError(ArticleErrorCode.INVALID_INPUT, f"{name} is too long", name)
            setattr(article, name, value)
    if changes.source_url is not None:
        url = changes.source_url.strip()
        if url and (len(url) > 500 or not url.lower().startswith(("https://", "http://"))):
            raise ServiceError(
                ArticleErrorCode.INVALID_INPUT, "source URL must be an http(s) address", "sourceUrl"
            )
        article.source_url = url
    if article.kind == ArticleKind.LINK and not article.source_url:
        raise ServiceError(
            ArticleErrorCode.INVALID_INPUT, "a link article needs its source URL", "sourceUrl"
        )
    if changes.touches_text():
        article.text_updated_at = now()


_PLAIN_FIELDS = {"byline": 200, "source_name": 200, "seo_title": 200, "seo_description": 300}


def _link_changes(changes: ArticleChanges) -> dict[str, Any]:
    """Relations set by this save, for the audit log (their earlier values are not read)."""
    lists = {
        "tags": changes.tags,
        "related_ids": changes.related_ids,
        "cover_ids": changes.cover_ids,
        "gallery_ids": changes.gallery_ids,
        "attachment_ids": changes.attachment_ids,
    }
    return {name: [None, value] for name, value in lists.items() if value is not None}


async def _apply_links(article: Article, changes: ArticleChanges) -> None:
    if changes.tags is not None:
        await links.set_tags(article, changes.tags)
    if changes.related_ids is not None:
        await links.set_related(article, changes.related_ids)
    for role, ids in (
        (MediaRole.COVER, changes.cover_ids),
        (MediaRole.GALLERY, changes.gallery_ids),
        (MediaRole.ATTACHMENT, changes.attachment_ids),
    ):
        if ids is not None:
            await links.set_media(article, role, ids)


async def check_category(tenant_id: int, category_id: int | None) -> None:
    if category_id is not None and not await Category.exists(id=category_id, tenant_id=tenant_id):
        raise ServiceError(
            ArticleErrorCode.INVALID_CATEGORY, "category does not belong to this tenant", "category"
        )


async def _check_translation(tenant: Tenant, source_id: int, language: Language) -> None:
    source = await Article.unscoped().get_or_none(id=source_id, tenant_id=tenant.id)
    if source is None or source.translation_of_id is not None:
        raise ServiceError(
            ArticleErrorCode.INVALID_INPUT,
            "translate an original article of the same portal",
            "translationOf",
        )
    if (
        source.language == language
        or await Article.unscoped().filter(translation_of_id=source_id, language=language).exists()
    ):
        raise ServiceError(
            ArticleErrorCode.INVALID_INPUT,
            "that article already exists in this language",
            "translationOf",
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
    scope: Scope,
    tenant: Tenant,
    changes: ArticleChanges,
    language: Language = Language.VI,
    translation_of: int | None = None,
) -> Article:
    """A new draft in ``tenant``, written by the scope's viewer.

    With ``translation_of`` it is the translation of that article (same
    portal, another language, one translation per language).
    """
    try:
        require(scope.viewer, Permission.ARTICLE_CREATE, tenant.id)
    except PermissionDenied as exc:
        raise _denied(exc) from exc
    if translation_of is not None:
        await _check_translation(tenant, translation_of, language)
    article = Article(
        tenant_id=tenant.id,
        language=language,
        status=ContentStatus.DRAFT,
        author_id=scope.viewer.user_id,
        translation_of_id=translation_of,
    )
    _apply_text(article, ArticleChanges(title=changes.title or ""))
    _apply_text(article, changes)
    await check_category(tenant.id, changes.category_id)
    article.category_id = changes.category_id
    if changes.slug:
        article.slug = _clean_slug(changes.slug)
    else:
        article.slug = await _free_slug(
            tenant.id, language, slugify(article.title, MAX_SLUG - 4) or "bai-viet", None
        )
    await _save(scope, article, changes, "create", {})
    return article


# Which permission lets a viewer edit an article in each status (archived: nobody).
EDIT_PERMISSION = {
    ContentStatus.DRAFT: Permission.ARTICLE_EDIT,
    ContentStatus.RETURNED: Permission.ARTICLE_EDIT,
    ContentStatus.UNPUBLISHED: Permission.ARTICLE_EDIT,
    ContentStatus.SUBMITTED: Permission.ARTICLE_REVIEW,
    ContentStatus.APPROVED: Permission.ARTICLE_REVIEW,
    ContentStatus.PUBLISHED: Permission.ARTICLE_PUBLISH,
}


async def load_article(scope: Scope, article_id: int) -> Article:
    """An article the viewer may read, or NOT_FOUND (other tenants' drafts do not exist)."""
    article = await Article.readable_by(scope).get_or_none(id=article_id)
    if article is None:
        raise ServiceError(ArticleErrorCode.NOT_FOUND, "article not found")
    return article


def require_step(scope: Scope, permission: Permission, article: Article) -> None:
    try:
        require(scope.viewer, permission, article.tenant_id)
    except PermissionDenied as exc:
        raise _denied(exc) from exc


async def _save(
    scope: Scope,
    article: Article,
    changes: ArticleChanges,
    action: str,
    before: dict[str, Any],
    note: str = "",
    base_revision: int | None = None,
) -> None:
    """Save with its links, revision and audit entry, all or nothing."""
    try:
        async with in_transaction():
            if base_revision is not None:
                await check_base_revision(article.id, base_revision)
            await article.save()
            await _apply_links(article, changes)
            await record_revision(scope, article, note)
            changes_made = changed_fields(before, snapshot(article))
            changes_made.update(_link_changes(changes))
            await audit(scope, article, action, changes=changes_made)
            if changes.touches_text():
                text = f"{article.summary}\n{html_to_text(article.body)}"
                await citation_links.record(article.tenant_id, "article", article.id, text)
            if article.status == ContentStatus.PUBLISHED:
                await announce(article, EventType.ARTICLE_UPDATED)
    except links.LinkError as exc:
        raise ServiceError(ArticleErrorCode.INVALID_INPUT, str(exc), exc.field) from exc
    except IntegrityError as exc:
        raise ServiceError(
            ArticleErrorCode.DUPLICATE_SLUG, "another article already uses this slug", "slug"
        ) from exc


async def check_base_revision(article_id: int, base_revision: int) -> None:
    """CONFLICT unless the article still stands at ``base_revision``.

    Called inside the save's transaction with the article's row locked (on
    PostgreSQL; SQLite runs one writer at a time), so two saves from the same
    base cannot both pass: the second sees the first's revision.
    """
    await Article.unscoped().select_for_update().filter(id=article_id).first()
    current = await current_revision_number(article_id)
    if base_revision != current:
        raise ServiceError(
            ArticleErrorCode.CONFLICT,
            f"someone else saved the article first (revision {current}, "
            f"this save started from {base_revision})",
            "baseRevision",
        )


def editable(scope: Scope, article: Article) -> None:
    """FORBIDDEN or INVALID_TRANSITION unless the viewer may edit the article now."""
    permission = EDIT_PERMISSION.get(article.status)
    if permission is None:
        raise ServiceError(ArticleErrorCode.INVALID_TRANSITION, "an archived article is frozen")
    require_step(scope, permission, article)


async def article_update(
    scope: Scope,
    article_id: int,
    changes: ArticleChanges,
    *,
    action: str = "edit",
    note: str = "",
    base_revision: int | None = None,
) -> Article:
    """Edit an article's fields; who may edit depends on its status (EDIT_PERMISSION).

    With ``base_revision`` (the revision the editor started from) the save is
    refused with CONFLICT, and nothing written, when someone saved since.
    """
    article = await load_article(scope, article_id)
    editable(scope, article)
    before = snapshot(article)
    _apply_text(article, changes)
    if changes.category_id is not None:
        await check_category(article.tenant_id, changes.category_id)
        article.category_id = changes.category_id
    if changes.slug is not None:
        article.slug = _clean_slug(changes.slug)
    await _save(scope, article, changes, action, before, note, base_revision)
    return article


def apply_fields(article: Article, changes: ArticleChanges) -> None:
    """Check and apply the text fields to ``article`` in memory (nothing is saved)."""
    _apply_text(article, changes)
    if changes.slug is not None:
        article.slug = _clean_slug(changes.slug)


RESTORABLE = set(REVISED_FIELDS)


async def revision_restore(scope: Scope, revision_id: int) -> Article:
    """Bring back an earlier revision's text, as a new revision (nothing is lost)."""
    revision = await Revision.get_or_none(id=revision_id)
    if revision is None:
        raise ServiceError(ArticleErrorCode.NOT_FOUND, "revision not found")
    changes = ArticleChanges(**{k: v for k, v in revision.data.items() if k in RESTORABLE})
    return await article_update(
        scope,
        revision.article_id,
        changes,
        action="restore",
        note=f"restored from revision {revision.number}",
    )
