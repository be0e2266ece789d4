"""Setting and listing a site's gathering rules: thin wrappers over hub.services.gathering."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.services import gathering as service
from hub.services.errors import ServiceError
from resolvers.tenants import require_tenant
from schema.common import expect_id
from schema.gathering import (
    GatheringRuleError,
    GatheringRuleErrorCode,
    GatheringRuleInput,
    GatheringRuleResult,
    GatheringRuleSuccess,
    GatheringRuleType,
)


@strawberry.type
class GatheringMutation:
    @strawberry.mutation(
        description="Set a site's rule for gathering news from every unit of its tree: "
        "articles filed under a category slug, or tagged with a tag, are placed on the site "
        "automatically or after acceptance (the site's admins; `TENANT_MANAGE`). Setting the "
        "same category or tag again changes that rule."
    )
    async def gathering_rule_set(
        self,
        info: Info,
        input: Annotated[GatheringRuleInput, strawberry.argument(description="The rule.")],
    ) -> GatheringRuleResult:
        site = await require_tenant(info, input.site)
        file_under = None if input.file_under is None else expect_id(input.file_under, "Category")
        try:
            rule = await service.rule_set(
                info.context.scope,
                site,
                category=input.category,
                tag=input.tag,
                policy=input.policy,
                file_under_id=file_under,
                active=input.active,
            )
        except ServiceError as exc:
            return GatheringRuleError(
                code=GatheringRuleErrorCode(exc.code), message=exc.message, field=exc.field
            )
        return GatheringRuleSuccess(rule=rule)  # type: ignore[arg-type]


@strawberry.type
class GatheringQuery:
    @strawberry.field(
        description="A site's gathering rules, oldest first: which category slug or tag sends "
        "a unit's article to the site, and whether it shows at once or after acceptance."
    )
    async def gathering_rules(
        self,
        info: Info,
        site: Annotated[str, strawberry.argument(description="Slug of the site.")],
        active: Annotated[
            bool | None, strawberry.argument(description="Only active (true) or idle rules.")
        ] = None,
    ) -> list[GatheringRuleType]:
        owner = await require_tenant(info, site)
        return list(await service.rules_of(owner, active=active))  # type: ignore[arg-type]
