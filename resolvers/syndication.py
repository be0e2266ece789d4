"""Placement mutations and the offers queue: thin wrappers over hub.services.syndication."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.models.syndication import Placement
from hub.services import syndication as service
from hub.services.errors import ServiceError
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, expect_id
from schema.syndication import (
    PlacementError,
    PlacementErrorCode,
    PlacementResult,
    PlacementSuccess,
    PlacementType,
    PublishDownInput,
)

PlacementIdArg = Annotated[strawberry.ID, strawberry.argument(description="The placement's ID.")]
TenantArg = Annotated[str, strawberry.argument(description="Slug of the receiving portal.")]


async def _result(call: Awaitable[Any]) -> PlacementResult:
    try:
        outcome = await call
    except ServiceError as exc:
        return PlacementError(code=PlacementErrorCode(exc.code), message=exc.message)
    placement = outcome if isinstance(outcome, Placement) else await outcome.placement
    return PlacementSuccess(placement=placement)  # type: ignore[arg-type]


@strawberry.type
class SyndicationMutation:
    @strawberry.mutation(
        description="Show an article on your portal's subtree: one placement, whatever its size "
        "(e.g. every commune of the city)."
    )
    async def article_publish_down(
        self,
        info: Info,
        input: Annotated[PublishDownInput, strawberry.argument(description="Where and how.")],
    ) -> PlacementResult:
        target = await require_tenant(info, input.target)
        return await _result(
            service.publish_down(
                info.context.scope,
                expect_id(input.article, "Article"),
                target,
                input.reach,
                levels=input.levels or (),
                category_slug=input.category,
                policy=input.policy,
            )
        )

    @strawberry.mutation(description="Offer an article of your portal to an ancestor portal.")
    async def article_propose(
        self,
        info: Info,
        article: Annotated[strawberry.ID, strawberry.argument(description="The article.")],
        to: Annotated[str, strawberry.argument(description="Slug of the ancestor portal.")],
    ) -> PlacementResult:
        ancestor = await require_tenant(info, to)
        return await _result(
            service.propose_up(info.context.scope, expect_id(article, "Article"), ancestor)
        )

    @strawberry.mutation(description="Revoke a placement everywhere at once (the owner).")
    async def placement_revoke(self, info: Info, id: PlacementIdArg) -> PlacementResult:
        return await _result(service.revoke(info.context.scope, expect_id(id, "Placement")))

    @strawberry.mutation(description="Accept an offered placement on your portal.")
    async def placement_accept(
        self, info: Info, id: PlacementIdArg, tenant: TenantArg
    ) -> PlacementResult:
        receiver = await require_tenant(info, tenant)
        return await _result(
            service.decide(info.context.scope, expect_id(id, "Placement"), receiver, accepted=True)
        )

    @strawberry.mutation(description="Decline an offered placement on your portal.")
    async def placement_decline(
        self, info: Info, id: PlacementIdArg, tenant: TenantArg
    ) -> PlacementResult:
        receiver = await require_tenant(info, tenant)
        return await _result(
            service.decide(info.context.scope, expect_id(id, "Placement"), receiver, accepted=False)
        )

    @strawberry.mutation(description="Hide (or show again) a placed article on your portal only.")
    async def placement_hide(
        self,
        info: Info,
        id: PlacementIdArg,
        tenant: TenantArg,
        hidden: Annotated[bool, strawberry.argument(description="False shows it again.")] = True,
    ) -> PlacementResult:
        receiver = await require_tenant(info, tenant)
        return await _result(
            service.decide(info.context.scope, expect_id(id, "Placement"), receiver, hidden=hidden)
        )

    @strawberry.mutation(
        description="Show your own title and/or summary for a placed article on your portal; "
        "the body keeps following the source. An empty string returns to the source's."
    )
    async def placement_override(
        self,
        info: Info,
        id: PlacementIdArg,
        tenant: TenantArg,
        title: Annotated[str | None, strawberry.argument(description="Your title.")] = None,
        summary: Annotated[str | None, strawberry.argument(description="Your summary.")] = None,
    ) -> PlacementResult:
        receiver = await require_tenant(info, tenant)
        return await _result(
            service.decide(
                info.context.scope,
                expect_id(id, "Placement"),
                receiver,
                title=title,
                summary=summary,
            )
        )


@strawberry.type
class SyndicationQuery:
    @strawberry.field(description="Offers waiting for your portal's decision (publishers only).")
    async def placement_offers(self, info: Info, tenant: TenantArg) -> list[PlacementType]:
        receiver = await require_tenant(info, tenant)
        try:
            return await service.offers_for(info.context.scope, receiver)  # type: ignore[return-value]
        except ServiceError as exc:
            raise BadUserInput(exc.message, str(exc.code)) from exc
