"""Publishing down to a chosen set of portals: one plan for the count and for the act.

The workspace's tree picker lets a publisher tick levels (every commune),
whole subtrees and single units at once. Each choice is one
``(target, reach, levels)`` triple, the shape of one placement
(:func:`hub.services.syndication.publish_down`). :func:`plan` turns a list of
them into the placements to make and the portals they reach;
:func:`publish_many` makes exactly the planned placements, so the number a
publisher is shown before confirming is the number of portals the article
then reaches.

Choices overlap (every commune, and one commune ticked as well): a triple that
reaches no portal beyond the broader ones, or beyond the article's live
placements, makes no placement, so no portal receives the article twice and
publishing the same selection again makes nothing new.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tortoise.transactions import in_transaction

from hub.models import Article
from hub.models.syndication import Placement, PlacementPolicy, PlacementReceipt, Reach
from hub.services.errors import ServiceError
from hub.services.syndication import PlacementErrorCode, publish_down, require_publisher
from tenants.models import Tenant, TenantClosure, TenantLevel
from tenants.scope import Scope

#: A picker sends a few dozen triples at most; far more is a mistake or abuse.
MAX_TARGETS = 200

_DISTANCE = {Reach.SELF: {"distance": 0}, Reach.CHILDREN: {"distance": 1}}


@dataclass(frozen=True)
class DownTarget:
    """One choice of the picker: the shape of one placement."""

    target: Tenant
    reach: Reach
    levels: tuple[TenantLevel, ...] = ()


@dataclass
class DownPlan:
    """What publishing a selection does: the placements it makes, the portals it reaches."""

    article: Article
    placements: list[DownTarget] = field(default_factory=list)
    receivers: set[int] = field(default_factory=set)
    already: set[int] = field(default_factory=set)

    @property
    def new_receivers(self) -> set[int]:
        """Portals the selection reaches that no live placement of the article reaches yet."""
        return self.receivers - self.already


async def receivers_of(target_id: int, reach: Reach, levels: Iterable[str] = ()) -> set[int]:
    """Ids of the portals one placement shape reaches (the rule of ``placements_around``)."""
    links = TenantClosure.filter(
        ancestor_id=target_id, **_DISTANCE.get(reach, {"distance__gte": 1})
    )
    wanted = [TenantLevel(level).value for level in levels if level]
    if wanted:
        links = links.filter(descendant__level__in=wanted)
    found: list[int] = await links.values_list("descendant_id", flat=True)  # type: ignore[assignment]
    return set(found)


async def reached_by_article(article_id: int) -> dict[int, set[int]]:
    """The portals each live placement of the article reaches, by placement id."""
    placements = await Placement.filter(article_id=article_id, revoked_at__isnull=True)
    return {p.id: await receivers_of(p.target_id, p.reach, p.levels.split(",")) for p in placements}


async def _publishable(scope: Scope, article_id: int) -> Article:
    # The same reading rule and permission as publish_down's own check.
    article = await Article.readable_by(scope).get_or_none(id=article_id)
    if article is None:
        raise ServiceError(PlacementErrorCode.NOT_FOUND, "article not found")
    require_publisher(scope, article.tenant_id)
    return article  # type: ignore[no-any-return]


async def plan(scope: Scope, article_id: int, targets: Sequence[DownTarget]) -> DownPlan:
    """The placements publishing ``targets`` makes and the portals they reach.

    Refuses what :func:`publish_down` refuses (a target outside the owner's
    subtree, the owner itself as ``SELF``), so a count is only shown for a
    selection that can be published.
    """
    article = await _publishable(scope, article_id)
    if not targets:
        raise ServiceError(PlacementErrorCode.INVALID_INPUT, "choose at least one", "targets")
    if len(targets) > MAX_TARGETS:
        raise ServiceError(PlacementErrorCode.INVALID_INPUT, "too many targets", "targets")
    subtree = await receivers_of(article.tenant_id, Reach.DESCENDANTS) | {article.tenant_id}
    shapes: list[tuple[DownTarget, set[int]]] = []
    for choice in dict.fromkeys(targets):  # the same triple twice counts once
        if choice.target.id not in subtree:
            raise ServiceError(
                PlacementErrorCode.OUT_OF_REACH,
                "a portal publishes down into its own subtree only",
                "targets",
            )
        if choice.target.id == article.tenant_id and choice.reach == Reach.SELF:
            raise ServiceError(
                PlacementErrorCode.INVALID_INPUT, "the article is already there", "targets"
            )
        shapes.append((choice, await receivers_of(choice.target.id, choice.reach, choice.levels)))
    result = DownPlan(article=article)
    for reached in (await reached_by_article(article.id)).values():
        result.already |= reached
    covered = set(result.already)
    # Broadest first, so a single unit inside a ticked level adds nothing.
    for choice, reached in sorted(shapes, key=lambda shape: -len(shape[1])):
        result.receivers |= reached
        if reached - covered:
            result.placements.append(choice)
            covered |= reached
    return result


async def publish_many(
    scope: Scope,
    article_id: int,
    targets: Sequence[DownTarget],
    *,
    policy: PlacementPolicy = PlacementPolicy.MANDATORY,
    category_slug: str = "",
) -> tuple[DownPlan, list[Placement]]:
    """Make the planned placements, all or none (each through :func:`publish_down`)."""
    async with in_transaction():
        made = await plan(scope, article_id, targets)
        if not made.placements:
            raise ServiceError(
                PlacementErrorCode.INVALID_INPUT,
                "every chosen portal already receives the article",
                "targets",
            )
        placements = [
            await publish_down(
                scope,
                article_id,
                choice.target,
                choice.reach,
                levels=choice.levels,
                category_slug=category_slug,
                policy=policy,
            )
            for choice in made.placements
        ]
    return made, placements


@dataclass
class Standing:
    """One live placement of an article as its owner sees it."""

    placement: Placement
    portals: int
    accepted: int
    declined: int


async def standings(scope: Scope, article_id: int) -> list[Standing]:
    """The article's live placements, down and up (proposals), newest first, with how
    many portals each reaches and, for offers, how many accepted or declined.

    The owner learns receivers' decisions on its offers, never their other
    choices (hidden, pinned, titles): those are each receiver's own business.
    """
    article = await _publishable(scope, article_id)
    placements = await Placement.filter(article_id=article.id, revoked_at__isnull=True).order_by(
        "-id"
    )
    decided = await PlacementReceipt.filter(
        placement_id__in=[p.id for p in placements], accepted__isnull=False
    ).values_list("placement_id", "accepted")
    result = []
    for p in placements:
        votes = [accepted for placement_id, accepted in decided if placement_id == p.id]
        reached = await receivers_of(p.target_id, p.reach, p.levels.split(","))
        result.append(Standing(p, len(reached), votes.count(True), votes.count(False)))
    return result
