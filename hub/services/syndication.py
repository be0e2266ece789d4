"""Publish down, aggregate up: placements of an article on other portals.

- The owner publishes down into its own subtree (one row, whatever the reach).
- A receiver accepts, declines, hides, pins, files, overrides or forks what is
  placed on its portal; only that receiver is affected (hub/services/receiver_choices.py).
- A lower portal proposes an article to an ancestor; the ancestor accepts it
  (it then shows there, with its owner as the source) or declines. A site that
  gathers from the whole tree (it has an active gathering rule, e.g. the
  administrative-reform site) receives proposals from every unit of its tree,
  not only from below it; its rules propose through the same function
  (hub/services/gathering.py).
- The owner revokes a placement everywhere at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.events.outbox import EventType, emit
from hub.models import Article
from hub.models.syndication import (
    GatheringRule,
    Placement,
    PlacementOrigin,
    PlacementPolicy,
    Reach,
)
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


async def gathers_from_tree(site_id: int) -> bool:
    """Whether a portal gathers news from its whole tree (it keeps an active gathering rule)."""
    return await GatheringRule.filter(site_id=site_id, active=True).exists()  # type: ignore[no-any-return]


async def may_receive_from(target: Tenant, source_id: int) -> bool:
    """Whether ``target`` may receive proposals from the portal ``source_id``.

    An ancestor receives from its subtree. A site that gathers from the whole tree
    receives from every unit of the tree it belongs to (its root and everything
    below), though a ward is not its descendant: the reform site sits beside the
    wards, under the city, and gathers their reform news.
    """
    if source_id == target.id:
        return False
    if await _is_below(target.id, source_id, or_same=False):
        return True
    if not await gathers_from_tree(target.id):
        return False
    root: list[Any] = await (
        TenantClosure.filter(descendant_id=target.id)
        .order_by("-distance")
        .limit(1)
        .values_list("ancestor_id", flat=True)
    )
    return bool(root) and await _is_below(root[0], source_id, or_same=True)


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


async def propose_up(
    scope: Scope,
    article_id: int,
    ancestor: Tenant,
    *,
    policy: PlacementPolicy = PlacementPolicy.OFFERED,
    gathered_by: GatheringRule | None = None,
) -> Placement:
    """Offer an article to an ancestor portal, or to a site that gathers from the whole tree
    (reform news to the reform site).

    A gathering rule of the receiving site proposes through here too
    (``gathered_by``); an automatic rule's placement is ``MANDATORY``: the
    site's admins chose to show what matches without a decision each time.
    """
    article = await _owned_article(scope, article_id)
    if not await may_receive_from(ancestor, article.tenant_id):
        raise ServiceError(
            PlacementErrorCode.OUT_OF_REACH,
            "propose to an ancestor portal, or to a site that gathers from the whole tree",
        )
    async with in_transaction():
        placement = await Placement.create(
            article_id=article.id,
            target_id=ancestor.id,
            reach=Reach.SELF,
            policy=policy,
            origin=PlacementOrigin.UP,
            created_by=scope.viewer.user_id,
            gathered_by_id=gathered_by.id if gathered_by is not None else None,
        )
        await _announce(placement, EventType.PLACEMENT_CREATED, ancestor.id)
    return placement


async def revoke(scope: Scope, placement_id: int, *, by_rule: bool = False) -> Placement:
    """Take a placement down everywhere at once (the owner's decision).

    ``by_rule``: a gathering rule takes back what it placed because the article
    no longer matches it; the rule may then reinstate it (:func:`reinstate`),
    never a placement its owner revoked.
    """
    placement = await Placement.get_or_none(id=placement_id, revoked_at__isnull=True)
    if placement is None:
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "placement not found")
    article = await _owned_article(scope, placement.article_id)
    async with in_transaction():
        placement.revoked_at = now()
        placement.revoked_by_rule = by_rule
        await placement.save(update_fields=["revoked_at", "revoked_by_rule"])
        await _announce(placement, EventType.PLACEMENT_REVOKED, article.tenant_id)
    return placement


async def reinstate(scope: Scope, placement_id: int) -> Placement:
    """Put back a placement its gathering rule revoked (the article matches the rule again).

    The same row comes back, with the receiver's choices on it (accepted or
    declined, its category, title, pin): one placement per article and rule.
    """
    placement = await Placement.get_or_none(
        id=placement_id, revoked_at__isnull=False, revoked_by_rule=True
    )
    if placement is None:
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "no placement revoked by a rule")
    await _owned_article(scope, placement.article_id)
    async with in_transaction():
        placement.revoked_at = None
        placement.revoked_by_rule = False
        await placement.save(update_fields=["revoked_at", "revoked_by_rule"])
        await _announce(placement, EventType.PLACEMENT_CREATED, placement.target_id)
    return placement
