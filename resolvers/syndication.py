"""Placement mutations, the offers queue and what a portal receives: thin wrappers over
hub.services.syndication (the owner's side) and hub.services.receiver_choices."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.models.syndication import Placement
from hub.services import receiver_choices as choices
from hub.services import syndication as service
from hub.services.errors import ServiceError
from resolvers.pagination import AfterArg, PageSizeArg, paginate
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, Connection, expect_id
from schema.syndication import (
    PlacementCopyResult,
    PlacementCopySuccess,
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
        return PlacementError(
            code=PlacementErrorCode(exc.code), message=exc.message, field=exc.field
        )
    placement = outcome if isinstance(outcome, Placement) else await outcome.placement
    return PlacementSuccess(placement=placement)  # type: ignore[arg-type]


async def _copy_result(call: Awaitable[Any]) -> PlacementCopyResult:
    try:
        receipt, copy = await call
    except ServiceError as exc:
        return PlacementError(
            code=PlacementErrorCode(exc.code), message=exc.message, field=exc.field
        )
    return PlacementCopySuccess(placement=await receipt.placement, copy=copy)


def _pk(global_id: strawberry.ID | None, type_name: str) -> int | None:
    return None if global_id is None else expect_id(global_id, type_name)


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

    @strawberry.mutation(
        description="Offer an article of your portal to an ancestor portal, or to a site that "
        "gathers from the whole tree (a site with an active gathering rule, such as the "
        "administrative-reform site); it shows there once the receiver accepts it."
    )
    async def article_propose(
        self,
        info: Info,
        article: Annotated[strawberry.ID, strawberry.argument(description="The article.")],
        to: Annotated[
            str,
            strawberry.argument(description="Slug of the ancestor portal or gathering site."),
        ],
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
            choices.decide(info.context.scope, expect_id(id, "Placement"), receiver, accepted=True)
        )

    @strawberry.mutation(description="Decline an offered placement on your portal.")
    async def placement_decline(
        self, info: Info, id: PlacementIdArg, tenant: TenantArg
    ) -> PlacementResult:
        receiver = await require_tenant(info, tenant)
        return await _result(
            choices.decide(info.context.scope, expect_id(id, "Placement"), receiver, accepted=False)
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
            choices.decide(info.context.scope, expect_id(id, "Placement"), receiver, hidden=hidden)
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
            choices.decide(
                info.context.scope,
                expect_id(id, "Placement"),
                receiver,
                title=title,
                summary=summary,
            )
        )

    @strawberry.mutation(
        description="File a placed article under one of your portal's categories, on your "
        "portal only; without a category it returns to the source's."
    )
    async def placement_categorize(
        self,
        info: Info,
        id: PlacementIdArg,
        tenant: TenantArg,
        category: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="A category of your portal; null: the source's."),
        ] = None,
    ) -> PlacementResult:
        receiver = await require_tenant(info, tenant)
        return await _result(
            choices.categorize(
                info.context.scope,
                expect_id(id, "Placement"),
                receiver,
                _pk(category, "Category"),
            )
        )

    @strawberry.mutation(
        description="Pin (or unpin) a placed article: pinned items come first in your portal's "
        "lists, newest first, then the rest by date."
    )
    async def placement_pin(
        self,
        info: Info,
        id: PlacementIdArg,
        tenant: TenantArg,
        pinned: Annotated[bool, strawberry.argument(description="False unpins it.")] = True,
    ) -> PlacementResult:
        receiver = await require_tenant(info, tenant)
        return await _result(
            choices.pin(info.context.scope, expect_id(id, "Placement"), receiver, pinned)
        )

    @strawberry.mutation(
        description="Show an image of your portal's library as a placed article's cover, on "
        "your portal only; the text keeps following the source. Without an image it returns "
        "to the source's cover."
    )
    async def placement_cover(
        self,
        info: Info,
        id: PlacementIdArg,
        tenant: TenantArg,
        cover: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="An image of your portal; null: the source's."),
        ] = None,
    ) -> PlacementResult:
        receiver = await require_tenant(info, tenant)
        return await _result(
            choices.set_cover(
                info.context.scope,
                expect_id(id, "Placement"),
                receiver,
                _pk(cover, "MediaAsset"),
            )
        )

    @strawberry.mutation(
        description="Make your portal's own copy of a placed article (published at once, with "
        "your title, summary, category and cover); it stops following the source and the "
        "placement no longer shows on your portal."
    )
    async def placement_fork(
        self, info: Info, id: PlacementIdArg, tenant: TenantArg
    ) -> PlacementCopyResult:
        receiver = await require_tenant(info, tenant)
        return await _copy_result(
            choices.fork(info.context.scope, expect_id(id, "Placement"), receiver)
        )

    @strawberry.mutation(
        description="Show the linked original again on your portal; your copy is archived "
        "(kept with its text and history, shown nowhere)."
    )
    async def placement_relink(
        self, info: Info, id: PlacementIdArg, tenant: TenantArg
    ) -> PlacementCopyResult:
        receiver = await require_tenant(info, tenant)
        return await _copy_result(
            choices.relink(info.context.scope, expect_id(id, "Placement"), receiver)
        )


@strawberry.type
class SyndicationQuery:
    @strawberry.field(description="Offers waiting for your portal's decision (publishers only).")
    async def placement_offers(self, info: Info, tenant: TenantArg) -> list[PlacementType]:
        receiver = await require_tenant(info, tenant)
        try:
            return await choices.offers_for(info.context.scope, receiver)  # type: ignore[return-value]
        except ServiceError as exc:
            raise BadUserInput(exc.message, str(exc.code)) from exc

    @strawberry.field(
        description="Every live placement that reaches your portal, newest first, offers "
        "included (publishers only); ask `choices(tenant:)` for what your portal chose."
    )
    async def placements_received(
        self, info: Info, tenant: TenantArg, first: PageSizeArg = 20, after: AfterArg = None
    ) -> Connection[PlacementType]:
        receiver = await require_tenant(info, tenant)
        try:
            placements = choices.received_by(info.context.scope, receiver)
        except ServiceError as exc:
            raise BadUserInput(exc.message, str(exc.code)) from exc
        return await paginate(placements, first, after)
