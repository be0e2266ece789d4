"""GraphQL types of placements (publish down, aggregate up)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.models import syndication as m
from hub.services.syndication import PlacementErrorCode as _Code
from schema.common import Node, load_now
from schema.content import ArticleType
from schema.tenants import TenantLevel, TenantType
from tenants.models import TenantLevel as Level

Reach = strawberry.enum(m.Reach, name="Reach", description="Which portals a placement reaches.")
PlacementPolicy = strawberry.enum(
    m.PlacementPolicy, name="PlacementPolicy", description="Shown at once, or offered."
)
PlacementOrigin = strawberry.enum(
    m.PlacementOrigin, name="PlacementOrigin", description="Published down, or proposed up."
)
PlacementErrorCode = strawberry.enum(
    _Code, name="PlacementErrorCode", description="Why a placement mutation failed."
)


@strawberry.type(name="Placement", description="An article shown on other portals by reach.")
class PlacementType(Node):
    reach: Reach = strawberry.field(description="The target itself, its children, or below.")
    policy: PlacementPolicy = strawberry.field(description="Mandatory or offered.")
    origin: PlacementOrigin = strawberry.field(description="Down from the owner, or up.")
    category_slug: str = strawberry.field(description="Receivers' category to file it under.")
    created_at: datetime = strawberry.field(description="When it was made (UTC).")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if it was.")
    article_id: strawberry.Private[int]
    target_id: strawberry.Private[int]
    levels: strawberry.Private[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Placement)

    @strawberry.field(description="Levels it is limited to (empty: every level).")
    def only_levels(self) -> list[TenantLevel]:
        return [Level(v) for v in self.levels.split(",") if v]

    @strawberry.field(description="The portal it targets.")
    def target(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.target_id)  # type: ignore[no-any-return]

    @strawberry.field(description="The article placed (null if the viewer may not read it).")
    async def article(self, info: Info) -> ArticleType | None:
        return await info.context.loaders.readable_article.load(self.article_id)  # type: ignore[no-any-return]


@strawberry.input(description="Publish an article down the tree.")
class PublishDownInput:
    article: strawberry.ID = strawberry.field(description="The article (of your portal).")
    target: str = strawberry.field(description="Slug of your portal or one below it.")
    reach: Reach = strawberry.field(description="The target, its children, or all below it.")
    levels: list[TenantLevel] | None = strawberry.field(
        default=None, description="Only receivers of these levels (e.g. [COMMUNE])."
    )
    category: str = strawberry.field(
        default="", description="Slug of the receivers' category to file it under."
    )
    policy: PlacementPolicy = strawberry.field(
        default=m.PlacementPolicy.MANDATORY, description="Shown at once, or offered."
    )


@strawberry.type(description="The placement mutation succeeded.")
class PlacementSuccess:
    placement: PlacementType = strawberry.field(description="The placement as it now stands.")


@strawberry.type(description="The placement mutation failed; nothing was written.")
class PlacementError:
    code: PlacementErrorCode = strawberry.field(description="Stable machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation (English).")


PlacementResult = Annotated[
    PlacementSuccess | PlacementError,
    strawberry.union("PlacementResult", description="Outcome of a placement mutation."),
]
