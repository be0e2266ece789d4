"""GraphQL types of publishing down to a chosen set of portals (the workspace's tree picker)
and of an article's placements as its owner sees them."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.models import syndication as m
from schema.syndication import PlacementError, PlacementPolicy, PlacementType, Reach
from schema.tenants import TenantLevel


@strawberry.input(
    name="PublishDownTarget",
    description="One choice of the tree picker, the shape of one placement: a level of your "
    "subtree is `{target: <your portal>, reach: DESCENDANTS, levels: [COMMUNE]}`, a single "
    "unit `{target: <unit>, reach: SELF}`.",
)
class PublishDownTargetInput:
    target: str = strawberry.field(description="Slug of your portal or one below it.")
    reach: Reach = strawberry.field(  # type: ignore[valid-type]
        description="The target, its children, or all below it."
    )
    levels: list[TenantLevel] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Only receivers of these levels (e.g. [COMMUNE])."
    )


@strawberry.input(description="Publish an article down to several choices at once.")
class PublishDownManyInput:
    article: strawberry.ID = strawberry.field(description="The article (of your portal).")
    targets: list[PublishDownTargetInput] = strawberry.field(
        description="The choices (at most 200); overlapping ones make no second placement."
    )
    policy: PlacementPolicy = strawberry.field(  # type: ignore[valid-type]
        default=m.PlacementPolicy.MANDATORY, description="Shown at once, or offered."
    )
    category: str = strawberry.field(
        default="", description="A category slug suggested to receivers (a hint)."
    )


@strawberry.type(
    description="What publishing a selection would do, computed by the same function that "
    "publishes it."
)
class PublishDownReach:
    portals: int = strawberry.field(description="Portals the selection reaches.")
    new_portals: int = strawberry.field(
        description="Of those, portals that no live placement of the article reaches yet: "
        "the ones publishing adds."
    )
    placements: int = strawberry.field(
        description="Placements publishing would make (overlapping choices make none)."
    )


PublishDownReachResult = Annotated[
    PublishDownReach | PlacementError,
    strawberry.union("PublishDownReachResult", description="A reach, or why there is none."),
]


@strawberry.type(description="The article was published down to the selection.")
class PublishDownManySuccess:
    placements: list[PlacementType] = strawberry.field(description="The placements made.")
    portals: int = strawberry.field(description="Portals the selection reaches.")
    new_portals: int = strawberry.field(description="Portals that did not receive it before.")


PublishDownManyResult = Annotated[
    PublishDownManySuccess | PlacementError,
    strawberry.union("PublishDownManyResult", description="Outcome of `articlePublishDownMany`."),
]


@strawberry.type(description="One live placement of an article, as its owner sees it.")
class PlacementStanding:
    placement: PlacementType = strawberry.field(description="The placement.")
    portals: int = strawberry.field(description="Portals it reaches now.")
    accepted: int = strawberry.field(description="An offer: receivers that accepted it.")
    declined: int = strawberry.field(description="An offer: receivers that declined it.")
