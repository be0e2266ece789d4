"""GraphQL types of gathering rules: a site collects news from every unit of its tree."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.models import syndication as m
from hub.services.gathering import GatheringErrorCode as _Code
from schema.common import Node, load_now
from schema.content import CategoryType
from schema.tenants import TenantType

GatheringPolicy = strawberry.enum(
    m.GatheringPolicy,
    name="GatheringPolicy",
    description="Whether a gathered article shows on the site at once (AUTOMATIC: a mandatory "
    "placement) or waits in its offers until its publishers accept it (AFTER_ACCEPTANCE).",
)
GatheringRuleErrorCode = strawberry.enum(
    _Code, name="GatheringRuleErrorCode", description="Why setting a gathering rule failed."
)


@strawberry.type(
    name="GatheringRule",
    description="A site's rule: an article of any unit of its tree, filed under a category "
    "with this slug or tagged with this tag, is placed on the site with its unit as the source.",
)
class GatheringRuleType(Node):
    category_slug: str = strawberry.field(
        description="The units' category slug it matches (empty for a tag rule)."
    )
    tag_slug: str = strawberry.field(description="The tag slug it matches (empty: a category).")
    tag_name: str = strawberry.field(description="The tag as the admin wrote it.")
    policy: GatheringPolicy = strawberry.field(description="Automatic, or after acceptance.")
    active: bool = strawberry.field(description="Whether it gathers (inactive: kept, idle).")
    created_at: datetime = strawberry.field(description="When it was made (UTC).")
    updated_at: datetime = strawberry.field(description="Last change (UTC).")
    site_id: strawberry.Private[int]
    file_under_id: strawberry.Private[int | None]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.GatheringRule)

    @strawberry.field(description="The site that gathers.")
    def site(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.site_id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="The site's category its gathered articles are filed under there; null: "
        "the source's category."
    )
    async def file_under(self, info: Info) -> CategoryType | None:
        if self.file_under_id is None:
            return None
        return await info.context.loaders.category_by_id.load(self.file_under_id)  # type: ignore[no-any-return]


@strawberry.input(description="A site's rule for one category slug or one tag (give one).")
class GatheringRuleInput:
    site: str = strawberry.field(description="Slug of the site that gathers.")
    category: str | None = strawberry.field(
        default=None,
        description="A category slug of the units (e.g. `cai-cach-hanh-chinh`): their "
        "articles filed under a category with this slug are gathered.",
    )
    tag: str | None = strawberry.field(
        default=None, description="A tag (e.g. `Đề án 06`): articles with this tag are gathered."
    )
    policy: GatheringPolicy = strawberry.field(
        default=m.GatheringPolicy.AUTOMATIC, description="Automatic, or after acceptance."
    )
    file_under: strawberry.ID | None = strawberry.field(
        default=None, description="A category of the site to file gathered articles under."
    )
    active: bool = strawberry.field(default=True, description="False keeps the rule, idle.")


@strawberry.type(description="The rule was set.")
class GatheringRuleSuccess:
    rule: GatheringRuleType = strawberry.field(description="The rule as it now stands.")


@strawberry.type(description="The rule was not set; nothing was written.")
class GatheringRuleError:
    code: GatheringRuleErrorCode = strawberry.field(description="Stable machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


GatheringRuleResult = Annotated[
    GatheringRuleSuccess | GatheringRuleError,
    strawberry.union("GatheringRuleResult", description="Outcome of setting a gathering rule."),
]
