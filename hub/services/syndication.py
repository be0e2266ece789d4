"""Publish down, aggregate up: placements of an article on other portals.

- The owner publishes down into its own subtree (one row, whatever the reach).
- A receiver accepts, declines, hides, pins, files, overrides or forks what is
  placed on its portal; only that receiver is affected (hub/services/receiver_choices.py).
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
from hub.models.syndication import Placement, PlacementOrigin, PlacementPolicy, Reach
from hub.services.errors import ServiceError
from tenants.models import Tenant, TenantClosure, TenantLevel
from tenants.scope import Scope


class PlacementErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"
    OUT_OF_REACH = "OUT_OF_REACH"
    ALREADY_DECIDED = "ALREADY_DECIDED"
    INVALID_CATEGORY = "INVALID_CATEGORY"  # not a category of the receiving portal
    INVALID_MEDIA = "INVALID_MEDIA"  # not an image of the receiving portal's library
    ALREADY_FORKED = "ALREADY_FORKED"
    NOT_FORKED = "NOT_FORKED"


def require_publisher(scope: Scope, tenant_id: int) -> None:
    """Placements are decided by those who may publish on the portal concerned."""
    try:
        require(scope.viewer, Permission.ARTICLE_PUBLISH, tenant_id)
    except PermissionDenied as exc:
        raise ServiceError(PlacementErrorCode.FORBIDDEN, str(exc)) from exc


async def _owned_article(scope: Scope, article_id: int) -> Article:
    article = await Article.readable_by(scope).get_or_none(id=article_id)
    if article is None:
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "article not found")
    require_publisher(scope, article.tenant_id)
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
