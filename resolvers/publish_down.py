"""Publish down to a chosen set of portals, its reach beforehand, an article's placements,
and one placement a portal received: thin wrappers over hub.services.publish_down_plan."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.services import publish_down_plan as planner
from hub.services import receiver_choices as choices
from hub.services.errors import ServiceError
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, expect_id
from schema.publish_down import (
    PlacementStanding,
    PublishDownManyInput,
    PublishDownManyResult,
    PublishDownManySuccess,
    PublishDownReach,
    PublishDownReachResult,
    PublishDownTargetInput,
)
from schema.syndication import PlacementError, PlacementErrorCode, PlacementType

ArticleArg = Annotated[strawberry.ID, strawberry.argument(description="The article.")]


def _error(exc: ServiceError) -> PlacementError:
    return PlacementError(code=PlacementErrorCode(exc.code), message=exc.message, field=exc.field)


async def _targets(info: Info, targets: list[PublishDownTargetInput]) -> list[planner.DownTarget]:
    found = []
    for choice in targets[: planner.MAX_TARGETS + 1]:
        tenant = await info.context.tenant(choice.target)
        if tenant is None:
            raise ServiceError(PlacementErrorCode.NOT_FOUND, "no such portal", "targets")
        found.append(planner.DownTarget(tenant, choice.reach, tuple(choice.levels or ())))
    return found


@strawberry.type
class PublishDownQuery:
    @strawberry.field(
        description="How many portals publishing an article to these choices would reach, "
        "before doing it (the article's publishers only); `articlePublishDownMany` makes "
        "exactly this."
    )
    async def publish_down_reach(
        self,
        info: Info,
        article: ArticleArg,
        targets: Annotated[
            list[PublishDownTargetInput], strawberry.argument(description="The choices.")
        ],
    ) -> PublishDownReachResult:
        try:
            made = await planner.plan(
                info.context.scope, expect_id(article, "Article"), await _targets(info, targets)
            )
        except ServiceError as exc:
            return _error(exc)
        return PublishDownReach(
            portals=len(made.receivers),
            new_portals=len(made.new_receivers),
            placements=len(made.placements),
        )

    @strawberry.field(
        description="An article's live placements, published down and proposed up, newest "
        "first, with the portals each reaches and the decisions on offers (its publishers only)."
    )
    async def article_placements(self, info: Info, article: ArticleArg) -> list[PlacementStanding]:
        try:
            found = await planner.standings(info.context.scope, expect_id(article, "Article"))
        except ServiceError as exc:
            raise BadUserInput(exc.message, str(exc.code)) from exc
        return [
            PlacementStanding(
                placement=s.placement,  # type: ignore[arg-type]
                portals=s.portals,
                accepted=s.accepted,
                declined=s.declined,
            )
            for s in found
        ]

    @strawberry.field(
        description="One live placement that reaches your portal; null when it does not reach "
        "it or you do not publish there, like a missing one."
    )
    async def placement_received(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The placement's ID.")],
        tenant: Annotated[str, strawberry.argument(description="Slug of the receiving portal.")],
    ) -> PlacementType | None:
        receiver = await require_tenant(info, tenant)
        try:
            received = choices.received_by(info.context.scope, receiver)
        except ServiceError:
            return None  # not one of its publishers: as if it did not reach the portal
        return await received.get_or_none(id=expect_id(id, "Placement"))  # type: ignore[no-any-return,return-value]


@strawberry.type
class PublishDownMutation:
    @strawberry.mutation(
        description="Publish an article down to several choices of your subtree at once (levels, "
        "subtrees, single units), all or nothing; a choice that reaches no portal beyond the "
        "others or the article's live placements makes no placement."
    )
    async def article_publish_down_many(
        self,
        info: Info,
        input: Annotated[PublishDownManyInput, strawberry.argument(description="Where and how.")],
    ) -> PublishDownManyResult:
        try:
            made, placements = await planner.publish_many(
                info.context.scope,
                expect_id(input.article, "Article"),
                await _targets(info, input.targets),
                policy=input.policy,
                category_slug=input.category,
            )
        except ServiceError as exc:
            return _error(exc)
        return PublishDownManySuccess(
            placements=placements,  # type: ignore[arg-type]
            portals=len(made.receivers),
            new_portals=len(made.new_receivers),
        )
