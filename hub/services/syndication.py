"""Publish down, aggregate up: placements of an article on other portals.

- The owner publishes down into its own subtree (one row, whatever the reach).
- A receiver accepts or declines an offered placement, or hides any placement
  on its portal; only that receiver is affected.
- A lower portal proposes an article to an ancestor; the ancestor accepts it
  (it then shows there, with its owner as the source) or declines.
- The owner revokes a placement everywhere at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.events.outbox import EventType, emit
from hub.models import Article
from hub.models.syndication import (
    Placement,
    PlacementOrigin,
    PlacementPolicy,
    PlacementReceipt,
    Reach,
    placements_around,
)
from hub.services.errors import ServiceError
from hub.text.folding import nfc
from tenants.models import Tenant, TenantClosure, TenantLevel
from tenants.scope import Scope


class PlacementErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"
    OUT_OF_REACH = "OUT_OF_REACH"
    ALREADY_DECIDED = "ALREADY_DECIDED"


def _require(scope: Scope, tenant_id: int) -> None:
    try:
        require(scope.viewer, Permission.ARTICLE_PUBLISH, tenant_id)
    except PermissionDenied as exc:
        raise ServiceError(PlacementErrorCode.FORBIDDEN, str(exc)) from exc


async def _owned_article(scope: Scope, article_id: int) -> Article:
    article = await Article.readable_by(scope).get_or_none(id=article_id)
    if article is None:
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "article not found")
    _require(scope, article.tenant_id)
    return article


async def _is_below(ancestor_id: int, tenant_id: int, *, or_same: bool) -> bool:
    distance = 0 if or_same else 1
    return await TenantClosure.filter(
        ancestor_id=ancestor_id, descendant_id=tenant_id, distance__gte=distance
    ).exists()


async def _announce(placement: Placement, event: EventType, tenant_id: int) -> None:
    await emit(
        event,
        tenant_id=tenant_id,
        object_type="Placement",
        object_id=placement.id,
        payload={
            "article": placement.article_id,
            "target": placement.target_id,
            "reach": placement.reach.value,
            "levels": [lv for lv in placement.levels.split(",") if lv],
        },
    )


async def publish_down(
    scope: Scope,
    article_id: int,
    target: Tenant,
    reach: Reach,
    *,
    levels: Iterable[TenantLevel] = (),
    category_slug: str = "",
    policy: PlacementPolicy = PlacementPolicy.MANDATORY,
) -> Placement:
    """Show an article on ``target`` (and/or the portals below it): one row."""
    article = await _owned_article(scope, article_id)
    if not await _is_below(article.tenant_id, target.id, or_same=True):
        raise ServiceError(
            PlacementErrorCode.OUT_OF_REACH, "a portal publishes down into its own subtree only"
        )
    if target.id == article.tenant_id and reach == Reach.SELF:
        raise ServiceError(PlacementErrorCode.INVALID_INPUT, "the article is already there")
    level_list = sorted({TenantLevel(lv).value for lv in levels})
    async with in_transaction():
        placement = await Placement.create(
            article_id=article.id,
            target_id=target.id,
            reach=reach,
            levels="," + ",".join(level_list) + "," if level_list else "",
            category_slug=category_slug[:120],
            policy=policy,
            origin=PlacementOrigin.DOWN,
            created_by=scope.viewer.user_id,
        )
        await _announce(placement, EventType.PLACEMENT_CREATED, article.tenant_id)
    return placement


async def propose_up(scope: Scope, article_id: int, ancestor: Tenant) -> Placement:
    """Offer an article to an ancestor portal (e.g. reform news to the reform site's parent)."""
    article = await _owned_article(scope, article_id)
    if not await _is_below(ancestor.id, article.tenant_id, or_same=False):
        raise ServiceError(PlacementErrorCode.OUT_OF_REACH, "propose to an ancestor portal")
    async with in_transaction():
        placement = await Placement.create(
            article_id=article.id,
            target_id=ancestor.id,
            reach=Reach.SELF,
            policy=PlacementPolicy.OFFERED,
            origin=PlacementOrigin.UP,
            created_by=scope.viewer.user_id,
        )
        await _announce(placement, EventType.PLACEMENT_CREATED, ancestor.id)
    return placement


async def revoke(scope: Scope, placement_id: int) -> Placement:
    """Take a placement down everywhere at once (the owner's decision)."""
    placement = await Placement.get_or_none(id=placement_id, revoked_at__isnull=True)
    if placement is None:
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "placement not found")
    article = await _owned_article(scope, placement.article_id)
    async with in_transaction():
        placement.revoked_at = now()
        await placement.save(update_fields=["revoked_at"])
        await _announce(placement, EventType.PLACEMENT_REVOKED, article.tenant_id)
    return placement


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
    _require(scope, receiver.id)
    placement = await placements_around(receiver.id, receiver.level.value).get_or_none(
        id=placement_id
    )
    if placement is None:
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "no such placement on this portal")
    if accepted is not None and placement.policy != PlacementPolicy.OFFERED:
        raise ServiceError(PlacementErrorCode.INVALID_INPUT, "only offers are accepted", "accept")
    if title is not None:
        title = " ".join(nfc(title).split())
        if len(title) > 300:
            raise ServiceError(PlacementErrorCode.INVALID_INPUT, "title is too long", "title")
    if summary is not None:
        if len(summary) > 2_000:
            raise ServiceError(PlacementErrorCode.INVALID_INPUT, "summary is too long", "summary")
        summary = nfc(summary.strip())
    async with in_transaction():
        receipt, _ = await PlacementReceipt.get_or_create(
            placement_id=placement.id, tenant_id=receiver.id
        )
        for name, value in (
            ("accepted", accepted),
            ("hidden", hidden),
            ("title_override", title),
            ("summary_override", summary),
        ):
            if value is not None:
                setattr(receipt, name, value)
        await receipt.save()
        # Only the receiver's pages change: the event carries the receiver as its tenant.
        await emit(
            EventType.PLACEMENT_RECEIPT_CHANGED,
            tenant_id=receiver.id,
            object_type="PlacementReceipt",
            object_id=receipt.id,
            payload={"placement": placement.id, "article": placement.article_id},
        )
    return receipt


async def apply_overrides(articles: list[Article], receiver: Tenant) -> None:
    """Show a receiver's own titles/summaries on the placed articles of a list (in memory)."""
    placed = [a for a in articles if a.tenant_id != receiver.id]
    if not placed:
        return
    rows = await PlacementReceipt.filter(
        tenant_id=receiver.id, placement__article_id__in=[a.id for a in placed]
    ).values_list("placement__article_id", "title_override", "summary_override")
    overrides = {article_id: (title, summary) for article_id, title, summary in rows}
    for article in placed:
        title, summary = overrides.get(article.id, ("", ""))
        article.title = title or article.title
        article.summary = summary or article.summary


async def offers_for(scope: Scope, receiver: Tenant) -> list[Placement]:
    """Offered placements on this portal still waiting for its decision."""
    _require(scope, receiver.id)
    decided = await PlacementReceipt.filter(
        tenant_id=receiver.id, accepted__isnull=False
    ).values_list("placement_id", flat=True)
    offers = placements_around(receiver.id, receiver.level.value).filter(
        policy=PlacementPolicy.OFFERED
    )
    return list(await offers.exclude(id__in=list(decided)).order_by("id"))
