"""Article mutations: thin wrappers that turn service results into unions."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.models import Article
from hub.services import articles as service
from hub.services import autosave, workflow
from hub.services.errors import ServiceError
from hub.services.preview import PREVIEW_PATH
from resolvers.tenants import require_tenant
from schema.articles_input import (
    ArticleCreateInput,
    ArticleError,
    ArticleErrorCode,
    ArticleFieldsInput,
    ArticleResult,
    ArticleScheduleInput,
    ArticleSuccess,
    ArticleUpdateInput,
    AutosaveResult,
    AutosaveSuccess,
    PreviewLink,
    PreviewLinkResult,
)
from schema.common import expect_id

ArticleIdArg = Annotated[strawberry.ID, strawberry.argument(description="The article's ID.")]


def _pk(global_id: strawberry.ID | None, expected: str) -> int | None:
    return None if global_id is None else expect_id(global_id, expected)


def _pks(ids: list[strawberry.ID] | None, expected: str) -> list[int] | None:
    if ids is None:
        return None
    return [pk for pk in (_pk(i, expected) for i in ids) if pk is not None]


def _changes(input: ArticleFieldsInput, title: str | None) -> service.ArticleChanges:
    return service.ArticleChanges(
        title=title,
        slug=input.slug,
        summary=input.summary,
        body=input.body,
        category_id=_pk(input.category, "Category"),
        featured=input.featured,
        kind=input.kind,
        byline=input.byline,
        source_name=input.source_name,
        source_url=input.source_url,
        seo_title=input.seo_title,
        seo_description=input.seo_description,
        pinned=input.pinned,
        tags=input.tags,
        related_ids=_pks(input.related, "Article"),
        cover_ids=_pks(input.cover, "MediaAsset"),
        gallery_ids=_pks(input.gallery, "MediaAsset"),
        attachment_ids=_pks(input.attachments, "MediaAsset"),
    )


async def _result(call: Awaitable[Article]) -> ArticleResult:
    try:
        return ArticleSuccess(article=await call)  # type: ignore[arg-type]
    except ServiceError as exc:
        return ArticleError(code=ArticleErrorCode(exc.code), message=exc.message, field=exc.field)


@strawberry.type
class ArticleMutation:
    @strawberry.mutation(description="Create a draft article in a portal.")
    async def article_create(
        self,
        info: Info,
        input: Annotated[ArticleCreateInput, strawberry.argument(description="The new article.")],
    ) -> ArticleResult:
        tenant = await require_tenant(info, input.tenant)
        return await _result(
            service.article_create(
                info.context.scope,
                tenant,
                _changes(input, input.title),
                input.language,
                _pk(input.translation_of, "Article"),
            )
        )

    @strawberry.mutation(description="Change an article's fields (who may depends on its status).")
    async def article_update(
        self,
        info: Info,
        input: Annotated[ArticleUpdateInput, strawberry.argument(description="What to change.")],
    ) -> ArticleResult:
        article_id = _pk(input.id, "Article")
        assert article_id is not None
        return await _result(
            service.article_update(
                info.context.scope,
                article_id,
                _changes(input, input.title),
                base_revision=input.base_revision,
            )
        )

    @strawberry.mutation(
        description="Store the viewer's working copy of an article as an autosave revision "
        "without changing the article (a live article stays as readers see it). Checked like "
        "`articleUpdate`; tags, related articles and media are not kept in revisions."
    )
    async def article_autosave(
        self,
        info: Info,
        input: Annotated[
            ArticleUpdateInput,
            strawberry.argument(
                description="The form's fields; `baseRevision` is the revision it started from."
            ),
        ],
        refused_save: Annotated[
            bool,
            strawberry.argument(
                description="True when this is the text of a save just refused with "
                "`CONFLICT`, kept so that it is not lost."
            ),
        ] = False,
    ) -> AutosaveResult:
        article_id = _pk(input.id, "Article")
        assert article_id is not None
        try:
            revision = await autosave.article_autosave(
                info.context.scope,
                article_id,
                _changes(input, input.title),
                input.base_revision,
                refused=refused_save,
            )
        except ServiceError as exc:
            return ArticleError(
                code=ArticleErrorCode(exc.code), message=exc.message, field=exc.field
            )
        return AutosaveSuccess(revision=revision)  # type: ignore[arg-type]

    @strawberry.mutation(description="Send a draft (or returned) article for review.")
    async def article_submit(self, info: Info, id: ArticleIdArg) -> ArticleResult:
        return await _step(info, id, "submit")

    @strawberry.mutation(
        description="Send an article under review back to its writer, with a reason."
    )
    async def article_return(
        self,
        info: Info,
        id: ArticleIdArg,
        reason: Annotated[str, strawberry.argument(description="What needs changing.")],
    ) -> ArticleResult:
        return await _step(info, id, "return", reason=reason)

    @strawberry.mutation(description="Approve a submitted article for publication.")
    async def article_approve(self, info: Info, id: ArticleIdArg) -> ArticleResult:
        return await _step(info, id, "approve")

    @strawberry.mutation(
        description="Publish an approved article now (admins may publish without review)."
    )
    async def article_publish(self, info: Info, id: ArticleIdArg) -> ArticleResult:
        return await _step(info, id, "publish")

    @strawberry.mutation(description="Take a published article off the public site.")
    async def article_unpublish(self, info: Info, id: ArticleIdArg) -> ArticleResult:
        return await _step(info, id, "unpublish")

    @strawberry.mutation(description="Archive an article: it is kept, frozen, and not shown.")
    async def article_archive(self, info: Info, id: ArticleIdArg) -> ArticleResult:
        return await _step(info, id, "archive")

    @strawberry.mutation(
        description="Schedule an approved article to go live, and/or a live one to come down."
    )
    async def article_schedule(
        self,
        info: Info,
        input: Annotated[ArticleScheduleInput, strawberry.argument(description="The schedule.")],
    ) -> ArticleResult:
        article_id = _pk(input.id, "Article")
        assert article_id is not None
        return await _result(
            workflow.article_schedule(
                info.context.scope, article_id, input.publish_at, input.unpublish_at
            )
        )

    @strawberry.mutation(
        description="A signed link showing the article (draft or not) as its portal would; "
        "for people who may see the portal's drafts. Valid for 24 hours."
    )
    async def article_preview_link(self, info: Info, id: ArticleIdArg) -> PreviewLinkResult:
        article_id = _pk(id, "Article")
        assert article_id is not None
        try:
            token, expires = await info.context.previews.issue(info.context.scope, article_id)
        except ServiceError as exc:
            return ArticleError(
                code=ArticleErrorCode(exc.code), message=exc.message, field=exc.field
            )
        return PreviewLink(path=f"{PREVIEW_PATH}{token}", expires_at=expires)

    @strawberry.mutation(description="Restore an earlier revision's text as a new revision.")
    async def revision_restore(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The revision's ID.")],
    ) -> ArticleResult:
        revision_id = _pk(id, "Revision")
        assert revision_id is not None
        return await _result(service.revision_restore(info.context.scope, revision_id))


async def _step(info: Info, global_id: strawberry.ID, name: str, reason: str = "") -> ArticleResult:
    article_id = _pk(global_id, "Article")
    assert article_id is not None
    return await _result(workflow.take_step(info.context.scope, article_id, name, reason=reason))
