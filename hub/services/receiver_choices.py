"""A receiving portal's choices about the articles placed on it.

Each receiver decides for its own portal only; nobody else's pages change.
Its choices are one sparse :class:`~hub.models.syndication.PlacementReceipt`
per placement, written only when it acts:

- accept or decline an offer, hide an item, show its own title or summary (:func:`decide`);
- file the item under one of its own categories (:func:`categorize`);
- pin it to the top of its lists (:func:`pin`);
- show its own cover picture (:func:`set_cover`);
- fork a local copy that stops following the source (:func:`fork`), and later
  drop the copy and show the linked original again (:func:`relink`).

Title, summary, category and cover are overrides: the body and every later edit
at the source keep showing, the article stays linked. Every choice is written
to the receiver's audit log and emits ``placement.receipt_changed`` with the
receiver as tenant, in the same transaction, so exactly its cached pages are
dropped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.events.outbox import EventType, emit
from hub.models import (
    Article,
    ArticleMedia,
    Category,
    ContentStatus,
    MediaAsset,
    MediaKind,
    MediaRendition,
    MediaRole,
)
from hub.models.newsroom import AuditEntry
from hub.models.syndication import (
    Placement,
    PlacementPolicy,
    PlacementReceipt,
    placements_around,
    receipts_shown,
)
from hub.services.articles import ArticleChanges, article_create
from hub.services.errors import ServiceError
from hub.services.journal import announce, audit, changed_fields
from hub.services.syndication import PlacementErrorCode, require_publisher
from hub.text.folding import nfc
from tenants.models import Tenant
from tenants.scope import Scope

# The receipt's fields, as the audit log records them before and after a choice.
CHOICES = (
    "accepted",
    "hidden",
    "pinned",
    "title_override",
    "summary_override",
    "category_id",
    "cover_id",
    "local_copy_id",
)


async def _around(scope: Scope, placement_id: int, receiver: Tenant) -> Placement:
    """A live placement whose reach covers the receiver, acted on by one of its publishers."""
    require_publisher(scope, receiver.id)
    placement = await placements_around(receiver.id, receiver.level.value).get_or_none(
        id=placement_id
    )
    if placement is None:
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "no such placement on this portal")
    return placement  # type: ignore[no-any-return]


async def _choose(
    scope: Scope, placement: Placement, receiver: Tenant, action: str, **choices: Any
) -> PlacementReceipt:
    """Write the receiver's choices with their audit entry and event, all or nothing."""
    async with in_transaction():
        receipt, _ = await PlacementReceipt.get_or_create(
            placement_id=placement.id, tenant_id=receiver.id
        )
        before = {name: getattr(receipt, name) for name in CHOICES}
        for name, value in choices.items():
            setattr(receipt, name, value)
        await receipt.save()
        after = {name: getattr(receipt, name) for name in CHOICES}
        await AuditEntry.create(
            tenant_id=receiver.id,
            actor_id=scope.viewer.user_id,
            actor_name=scope.viewer.username or "system",
            action=action,
            object_type="Placement",
            object_id=placement.id,
            changes={"article_id": [None, placement.article_id], **changed_fields(before, after)},
        )
        # Only the receiver's pages change: the event carries the receiver as its tenant.
        await emit(
            EventType.PLACEMENT_RECEIPT_CHANGED,
            tenant_id=receiver.id,
            object_type="PlacementReceipt",
            object_id=receipt.id,
            payload={"placement": placement.id, "article": placement.article_id},
        )
    return receipt


async def decide(
    scope: Scope,
    placement_id: int,
    receiver: Tenant,
    *,
    accepted: bool | None = None,
    hidden: bool | None = None,
    title: str | None = None,
    summary: str | None = None,
) -> PlacementReceipt:
    """A receiver's choice on one placement that reaches it: accept/decline an offer, hide,
    or show its own title/summary while the body keeps following the source ("" = source)."""
    placement = await _around(scope, placement_id, receiver)
    if accepted is not None and placement.policy != PlacementPolicy.OFFERED:
        raise ServiceError(PlacementErrorCode.INVALID_INPUT, "only offers are accepted", "accept")
    choices: dict[str, Any] = {}
    if title is not None:
        choices["title_override"] = " ".join(nfc(title).split())
        if len(choices["title_override"]) > 300:
            raise ServiceError(PlacementErrorCode.INVALID_INPUT, "title is too long", "title")
    if summary is not None:
        if len(summary) > 2_000:
            raise ServiceError(PlacementErrorCode.INVALID_INPUT, "summary is too long", "summary")
        choices["summary_override"] = nfc(summary.strip())
    if accepted is not None:
        choices["accepted"] = accepted
        action = "accept" if accepted else "decline"
    elif hidden is not None:
        action = "hide" if hidden else "unhide"
    else:
        action = "override"
    if hidden is not None:
        choices["hidden"] = hidden
    return await _choose(scope, placement, receiver, action, **choices)


async def categorize(
    scope: Scope, placement_id: int, receiver: Tenant, category_id: int | None
) -> PlacementReceipt:
    """File a placed article under one of the receiver's own categories (None: the source's).

    Only the receiver's lists, category pages and article path change; the
    source and the other receivers keep the source's category.
    """
    placement = await _around(scope, placement_id, receiver)
    if (
        category_id is not None
        and not await Category.unscoped().filter(id=category_id, tenant_id=receiver.id).exists()
    ):
        raise ServiceError(
            PlacementErrorCode.INVALID_CATEGORY,
            "the category must be one of this portal's own",
            "category",
        )
    return await _choose(scope, placement, receiver, "categorize", category_id=category_id)


async def pin(scope: Scope, placement_id: int, receiver: Tenant, pinned: bool) -> PlacementReceipt:
    """Keep a placed article at the top of the receiver's lists (or let it go)."""
    placement = await _around(scope, placement_id, receiver)
    return await _choose(scope, placement, receiver, "pin" if pinned else "unpin", pinned=pinned)


async def set_cover(
    scope: Scope, placement_id: int, receiver: Tenant, cover_id: int | None
) -> PlacementReceipt:
    """Show an image of the receiver's own library as the cover (None: the source's)."""
    placement = await _around(scope, placement_id, receiver)
    if (
        cover_id is not None
        and not await MediaAsset.unscoped()
        .filter(id=cover_id, tenant_id=receiver.id, kind=MediaKind.IMAGE)
        .exists()
    ):
        raise ServiceError(
            PlacementErrorCode.INVALID_MEDIA,
            "the cover must be an image of this portal's own library",
            "cover",
        )
    return await _choose(scope, placement, receiver, "cover", cover_id=cover_id)


async def fork(
    scope: Scope, placement_id: int, receiver: Tenant
) -> tuple[PlacementReceipt, Article]:
    """Make the receiver's own, published copy of a placed article.

    The copy takes the source's current text with the receiver's title,
    summary, category and cover, the source's tags, and its pictures and files
    (as rows of the receiver's library sharing the stored files). It records
    ``forked_from`` and from then on follows nobody. The placement stops
    showing on the receiver's portal, so the article does not appear twice.
    The copy is published at once, dated like the source: it replaces text
    this portal's publishers already show, so there is nothing new to review.
    """
    placement = await _around(scope, placement_id, receiver)
    receipt = await PlacementReceipt.get_or_none(placement_id=placement.id, tenant_id=receiver.id)
    if receipt is not None and receipt.local_copy_id is not None:
        raise ServiceError(PlacementErrorCode.ALREADY_FORKED, "this portal already has a copy")
    if placement.policy == PlacementPolicy.OFFERED and not (receipt and receipt.accepted):
        raise ServiceError(PlacementErrorCode.INVALID_INPUT, "accept the offer before forking")
    source = await Article.unscoped().get_or_none(
        id=placement.article_id, status=ContentStatus.PUBLISHED
    )
    if source is None:  # an unpublished source shows nowhere: nothing to copy
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "the placed article is not published")
    owner = await Tenant.get(id=source.tenant_id)
    async with in_transaction():
        media = await _adopt_media(source, receiver, scope.viewer.user_id)
        mine = receipt or PlacementReceipt()  # no choices yet: the source as it stands
        if mine.cover_id is not None:
            media[MediaRole.COVER] = [mine.cover_id]
        taken = (
            await Article.unscoped()
            .filter(tenant_id=receiver.id, language=source.language, slug=source.slug)
            .exists()
        )
        changes = ArticleChanges(
            title=mine.title_override or source.title,
            # The source's slug keeps the article's address on this portal when it is free.
            slug=None if taken else source.slug,
            summary=mine.summary_override or source.summary,
            body=source.body,
            category_id=mine.category_id,
            kind=source.kind,
            byline=source.byline,
            source_name=source.source_name or owner.name,
            source_url=source.source_url,
            seo_title=source.seo_title,
            seo_description=source.seo_description,
            pinned=mine.pinned,
            tags=[str(name) for name in await source.tags.all().values_list("name", flat=True)],
            cover_ids=media[MediaRole.COVER],
            gallery_ids=media[MediaRole.GALLERY],
            attachment_ids=media[MediaRole.ATTACHMENT],
        )
        try:
            copy = await article_create(scope, receiver, changes, source.language)
        except ServiceError as exc:
            raise ServiceError(PlacementErrorCode.INVALID_INPUT, exc.message, exc.field) from exc
        copy.status = ContentStatus.PUBLISHED
        copy.published_at = source.published_at
        copy.author_id = source.author_id  # the writer stays the writer
        copy.forked_from_id = source.id
        await copy.save(update_fields=["status", "published_at", "author_id", "forked_from_id"])
        await audit(
            scope,
            copy,
            "fork",
            from_status=ContentStatus.DRAFT,
            to_status=ContentStatus.PUBLISHED,
            reason=f"local copy of placed article {source.id}",
            changes={"forked_from_id": [None, source.id]},
        )
        await announce(copy, EventType.ARTICLE_PUBLISHED)
        receipt = await _choose(scope, placement, receiver, "fork", local_copy_id=copy.id)
    return receipt, copy


async def relink(
    scope: Scope, placement_id: int, receiver: Tenant
) -> tuple[PlacementReceipt, Article | None]:
    """Show the linked original again and archive the local copy.

    Archived, not deleted: the copy's text, its revisions and its audit trail
    stay (an archived article is kept, frozen, and shown nowhere), so edits
    made to the copy are never lost silently.
    """
    placement = await _around(scope, placement_id, receiver)
    try:
        require(scope.viewer, Permission.ARTICLE_ARCHIVE, receiver.id)
    except PermissionDenied as exc:
        raise ServiceError(PlacementErrorCode.FORBIDDEN, str(exc)) from exc
    receipt = await PlacementReceipt.get_or_none(placement_id=placement.id, tenant_id=receiver.id)
    if receipt is None or receipt.local_copy_id is None:
        raise ServiceError(PlacementErrorCode.NOT_FORKED, "this portal has no copy to drop")
    copy = await Article.unscoped().get_or_none(id=receipt.local_copy_id, tenant_id=receiver.id)
    async with in_transaction():
        if copy is not None and copy.status != ContentStatus.ARCHIVED:
            before = copy.status
            copy.status = ContentStatus.ARCHIVED
            copy.publish_at = copy.unpublish_at = None
            await copy.save(update_fields=["status", "publish_at", "unpublish_at", "updated_at"])
            await audit(
                scope,
                copy,
                "archive",
                from_status=before,
                to_status=ContentStatus.ARCHIVED,
                reason=f"re-linked: the portal shows placed article {placement.article_id} again",
            )
            if before == ContentStatus.PUBLISHED:
                await announce(copy, EventType.ARTICLE_ARCHIVED)
        # Re-linking means "show the original here": a hide made before the fork goes too.
        receipt = await _choose(
            scope, placement, receiver, "relink", local_copy_id=None, hidden=False
        )
    return receipt, copy


async def _adopt_media(
    source: Article, receiver: Tenant, user_id: int | None
) -> dict[MediaRole, list[int]]:
    """The source's media as assets of the receiver's library, by role and in order.

    Files are content-addressed, so an adopted asset is a new row pointing at
    the same stored file (and renditions); an asset the receiver already holds
    (same bytes) is reused.
    """
    links = await ArticleMedia.filter(article_id=source.id).order_by("position", "id")
    by_role: dict[MediaRole, list[int]] = defaultdict(list)
    if not links:
        return by_role
    assets = await MediaAsset.unscoped().filter(id__in={link.asset_id for link in links})
    held = {
        a.sha256: a.id
        for a in await MediaAsset.unscoped().filter(
            tenant_id=receiver.id, sha256__in={a.sha256 for a in assets}
        )
    }
    adopted: dict[int, int] = {}
    for asset in assets:
        if asset.sha256 not in held:
            held[asset.sha256] = await _copy_asset(asset, receiver, user_id)
        adopted[asset.id] = held[asset.sha256]
    for link in links:
        by_role[MediaRole(link.role)].append(adopted[link.asset_id])
    return by_role


# What an adopted asset keeps of the original: everything but its owner and history.
_ASSET_KEPT = (
    *("kind", "original_filename", "content_type", "size", "sha256", "storage_key"),
    *("width", "height", "duration_seconds", "alt_text", "caption", "credit"),
    *("focal_x", "focal_y", "transcript", "captions"),
)


async def _copy_asset(asset: MediaAsset, receiver: Tenant, user_id: int | None) -> int:
    copy = await MediaAsset.create(
        tenant_id=receiver.id, created_by=user_id, **{k: getattr(asset, k) for k in _ASSET_KEPT}
    )
    renditions = await MediaRendition.filter(asset_id=asset.id)
    if renditions:
        await MediaRendition.bulk_create(
            [
                MediaRendition(
                    asset_id=copy.id,
                    width=r.width,
                    height=r.height,
                    format=r.format,
                    storage_key=r.storage_key,
                    size=r.size,
                )
                for r in renditions
            ]
        )
    return copy.id


async def apply_overrides(articles: list[Article], receiver: Tenant) -> None:
    """Show a receiver's own title, summary, category, cover and pin on the placed
    articles of a list (in memory, one statement for the whole list)."""
    placed = [a for a in articles if a.tenant_id != receiver.id]
    if not placed:
        return
    rows = (
        await receipts_shown(receiver.id)
        .filter(placement__article_id__in=[a.id for a in placed])
        .order_by("id")
        .values_list(
            "placement__article_id",
            "title_override",
            "summary_override",
            "category_id",
            "cover_id",
            "pinned",
        )
    )
    chosen = {row[0]: row[1:] for row in rows}
    for article in placed:
        title, summary, category_id, cover_id, pinned = chosen.get(
            article.id, ("", "", None, None, False)
        )
        article.title = title or article.title
        article.summary = summary or article.summary
        article.category_id = category_id or article.category_id
        article.shown_cover_id = cover_id
        article.pinned = pinned  # the owner's pin is the owner's: here only the receiver's


async def offers_for(scope: Scope, receiver: Tenant) -> list[Placement]:
    """Offered placements on this portal still waiting for its decision."""
    require_publisher(scope, receiver.id)
    decided = await PlacementReceipt.filter(
        tenant_id=receiver.id, accepted__isnull=False
    ).values_list("placement_id", flat=True)
    offers = placements_around(receiver.id, receiver.level.value).filter(
        policy=PlacementPolicy.OFFERED
    )
    return list(await offers.exclude(id__in=list(decided)).order_by("id"))


def received_by(scope: Scope, receiver: Tenant) -> QuerySet[Placement]:
    """Every live placement whose reach covers this portal, newest first (its publishers)."""
    require_publisher(scope, receiver.id)
    return placements_around(receiver.id, receiver.level.value).order_by("-id")  # type: ignore[no-any-return]
