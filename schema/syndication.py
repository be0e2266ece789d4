"""GraphQL types of placements (publish down, aggregate up)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.models import syndication as m
from hub.services.syndication import PlacementErrorCode as _Code
from schema.common import BadUserInput, Node, load_now
from schema.content import ArticleType, CategoryType
from schema.gathering import GatheringRuleType
from schema.media import MediaAssetType
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


@strawberry.type(
    description="What one receiving portal chose for a placed article; the source and the "
    "other receivers are not affected."
)
class PlacementChoices:
    accepted: bool | None = strawberry.field(
        description="An offer: true accepted, false declined, null undecided."
    )
    hidden: bool = strawberry.field(description="Not shown on this portal.")
    pinned: bool = strawberry.field(description="First in this portal's lists.")
    title_override: str = strawberry.field(description="This portal's title; empty: the source's.")
    summary_override: str = strawberry.field(
        description="This portal's summary; empty: the source's."
    )
    updated_at: datetime | None = strawberry.field(description="Last choice (UTC).")
    category_id: strawberry.Private[int | None]
    cover_id: strawberry.Private[int | None]
    local_copy_id: strawberry.Private[int | None]

    @strawberry.field(description="This portal's category it is filed under; null: the source's.")
    async def category(self, info: Info) -> CategoryType | None:
        if self.category_id is None:
            return None
        return await info.context.loaders.category_by_id.load(self.category_id)  # type: ignore[no-any-return]

    @strawberry.field(description="This portal's cover picture; null: the source's.")
    async def cover(self, info: Info) -> MediaAssetType | None:
        if self.cover_id is None:
            return None
        return await info.context.loaders.media_asset_by_id.load(self.cover_id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="This portal's own copy (a fork) shown instead of the linked original; "
        "null while the portal shows the original."
    )
    async def local_copy(self, info: Info) -> ArticleType | None:
        if self.local_copy_id is None:
            return None
        return await info.context.loaders.readable_article.load(self.local_copy_id)  # type: ignore[no-any-return]


@strawberry.type(name="Placement", description="An article shown on other portals by reach.")
class PlacementType(Node):
    reach: Reach = strawberry.field(description="The target itself, its children, or below.")
    policy: PlacementPolicy = strawberry.field(description="Mandatory or offered.")
    origin: PlacementOrigin = strawberry.field(description="Down from the owner, or up.")
    category_slug: str = strawberry.field(
        description="A category slug suggested to receivers (a hint: each receiver files it "
        "under its own category with `placementCategorize`)."
    )
    created_at: datetime = strawberry.field(description="When it was made (UTC).")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if it was.")
    article_id: strawberry.Private[int]
    target_id: strawberry.Private[int]
    levels: strawberry.Private[str]
    gathered_by_id: strawberry.Private[int | None]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Placement)

    @strawberry.field(description="Levels it is limited to (empty: every level).")
    def only_levels(self) -> list[TenantLevel]:
        return [Level(v) for v in self.levels.split(",") if v]

    @strawberry.field(description="The portal it targets.")
    def target(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.target_id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="The receiving site's gathering rule that made this placement (the article "
        "matched its category or tag); null when a person made it."
    )
    async def gathering_rule(self, info: Info) -> GatheringRuleType | None:
        if self.gathered_by_id is None:
            return None
        return await info.context.loaders.gathering_rule_by_id.load(self.gathered_by_id)  # type: ignore[no-any-return]

    @strawberry.field(description="The article placed (null if the viewer may not read it).")
    async def article(self, info: Info) -> ArticleType | None:
        return await info.context.loaders.readable_article.load(self.article_id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="What a receiving portal chose for this placement; null when it chose "
        "nothing yet or the viewer is not one of its editors."
    )
    async def choices(
        self,
        info: Info,
        tenant: Annotated[str, strawberry.argument(description="Slug of the receiving portal.")],
    ) -> PlacementChoices | None:
        receiver = await info.context.tenant(tenant)
        if receiver is None:
            raise BadUserInput(f"no such tenant: {tenant[:70]!r}", "NOT_FOUND")
        if not can(info.context.scope.viewer, Permission.VIEW_DRAFTS, receiver.id):
            return None
        key = (self.pk, receiver.id)  # type: ignore[attr-defined]
        return await info.context.loaders.receipt_by_placement.load(key)  # type: ignore[no-any-return]


@strawberry.input(description="Publish an article down the tree.")
class PublishDownInput:
    article: strawberry.ID = strawberry.field(description="The article (of your portal).")
    target: str = strawberry.field(description="Slug of your portal or one below it.")
    reach: Reach = strawberry.field(description="The target, its children, or all below it.")
    levels: list[TenantLevel] | None = strawberry.field(
        default=None, description="Only receivers of these levels (e.g. [COMMUNE])."
    )
    category: str = strawberry.field(
        default="",
        description="A category slug suggested to receivers (a hint: each receiver files it "
        "under its own category with `placementCategorize`).",
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
    field: str | None = strawberry.field(
        default=None, description="The input field at fault, when one is (e.g. `title`)."
    )


PlacementResult = Annotated[
    PlacementSuccess | PlacementError,
    strawberry.union("PlacementResult", description="Outcome of a placement mutation."),
]


@strawberry.type(description="A fork or a re-link succeeded.")
class PlacementCopySuccess:
    placement: PlacementType = strawberry.field(description="The placement as it now stands.")
    copy: ArticleType | None = strawberry.field(
        description="The receiving portal's local copy: made by a fork (published), archived "
        "by a re-link (kept, shown nowhere)."
    )


PlacementCopyResult = Annotated[
    PlacementCopySuccess | PlacementError,
    strawberry.union("PlacementCopyResult", description="Outcome of a fork or a re-link."),
]
