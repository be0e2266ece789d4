"""Root fields of the newsroom's records: the audit log and revision diffs."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.models import Article, Tag
from hub.models.newsroom import AuditEntry, Revision
from hub.services.journal import diff_revisions
from hub.services.workflow import waiting_for
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, paginate
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, Connection, expect_id
from schema.content import ArticleType, TagType
from schema.newsroom import AuditEntryType, FieldDiff


@strawberry.type
class NewsroomQuery:
    @strawberry.field(
        description="The portal's audit log, newest first (approvers and admins only)."
    )
    async def audit_log(
        self,
        info: Info,
        tenant: TenantSlugArg,
        article: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this article's entries.")
        ] = None,
        first: PageSizeArg = 50,
        after: AfterArg = None,
    ) -> Connection[AuditEntryType]:
        owner = await require_tenant(info, tenant)
        if not can(info.context.scope.viewer, Permission.AUDIT_VIEW, owner.id):
            raise BadUserInput("the audit log is for approvers and admins", "FORBIDDEN")
        qs = AuditEntry.filter(tenant_id=owner.id)
        if article is not None:
            qs = qs.filter(object_type="Article", object_id=expect_id(article, "Article"))
        return await paginate(qs.order_by("-id"), first, after)

    @strawberry.field(
        description="Articles waiting for a step the viewer may take, oldest change first: "
        "returned ones for writers, submitted ones for editors, submitted and approved ones "
        "for approvers."
    )
    async def workflow_queue(
        self,
        info: Info,
        tenant: TenantSlugArg,
        first: PageSizeArg = 50,
        after: AfterArg = None,
    ) -> Connection[ArticleType]:
        owner = await require_tenant(info, tenant)
        statuses = waiting_for(info.context.scope, owner.id)
        qs = Article.visible(info.context.scope.for_tenant(owner)).filter(
            status__in=sorted(statuses)
        )
        return await paginate(qs.order_by("updated_at", "id"), first, after)

    @strawberry.field(
        description="The portal's tags by name, for the editor's autocomplete (staff who may "
        "see drafts only, since a draft's tags are as private as the draft; empty otherwise)."
    )
    async def tag_list(
        self,
        info: Info,
        tenant: TenantSlugArg,
        first: Annotated[
            int, strawberry.argument(description="At most this many, up to 500.")
        ] = 200,
    ) -> list[TagType]:
        owner = await require_tenant(info, tenant)
        if not can(info.context.scope.viewer, Permission.VIEW_DRAFTS, owner.id):
            return []
        rows = await Tag.filter(tenant_id=owner.id).order_by("name").limit(max(0, min(first, 500)))
        return [TagType(slug=t.slug, name=t.name) for t in rows]

    @strawberry.field(description="How two revisions of the same article differ, field by field.")
    async def revision_diff(
        self,
        info: Info,
        old: Annotated[strawberry.ID, strawberry.argument(description="The earlier revision.")],
        new: Annotated[strawberry.ID, strawberry.argument(description="The later revision.")],
    ) -> list[FieldDiff]:
        old_id, new_id = expect_id(old, "Revision"), expect_id(new, "Revision")
        revisions = {r.id: r for r in await Revision.filter(id__in=[old_id, new_id])}
        before, after = revisions.get(old_id), revisions.get(new_id)
        if before is None or after is None or before.article_id != after.article_id:
            raise BadUserInput("two revisions of one article are needed", "NOT_FOUND")
        # Revisions are as private as drafts: only those who may see drafts may diff them.
        article = await Article.readable_by(info.context.scope).get_or_none(id=before.article_id)
        if article is None or not can(
            info.context.scope.viewer, Permission.VIEW_DRAFTS, article.tenant_id
        ):
            raise BadUserInput("two revisions of one article are needed", "NOT_FOUND")
        return [FieldDiff(field=f, diff=d) for f, d in diff_revisions(before.data, after.data)]
