"""Article mutations: thin wrappers that turn service results into unions."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.models import Article
from hub.services import articles as service
from hub.services.errors import ServiceError
from resolvers.tenants import require_tenant
from schema.articles_input import (
    ArticleCreateInput,
    ArticleError,
    ArticleErrorCode,
    ArticleResult,
    ArticleSuccess,
    ArticleUpdateInput,
)
from schema.common import BadUserInput, decode_global_id


def _pk(global_id: strawberry.ID | None, expected: str) -> int | None:
    if global_id is None:
        return None
    type_name, pk = decode_global_id(global_id)
    if type_name != expected:
        raise BadUserInput(f"expected a {expected} ID", "INVALID_ID")
    return pk


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
        changes = service.ArticleChanges(
            title=input.title,
            slug=input.slug,
            summary=input.summary,
            body=input.body,
            category_id=_pk(input.category, "Category"),
            featured=input.featured,
        )
        return await _result(
            service.article_create(info.context.scope, tenant, changes, input.language)
        )

    @strawberry.mutation(description="Change an article's fields (drafts and published alike).")
    async def article_update(
        self,
        info: Info,
        input: Annotated[ArticleUpdateInput, strawberry.argument(description="What to change.")],
    ) -> ArticleResult:
        changes = service.ArticleChanges(
            title=input.title,
            slug=input.slug,
            summary=input.summary,
            body=input.body,
            category_id=_pk(input.category, "Category"),
            featured=input.featured,
        )
        article_id = _pk(input.id, "Article")
        assert article_id is not None
        return await _result(service.article_update(info.context.scope, article_id, changes))

    @strawberry.mutation(description="Publish an article now.")
    async def article_publish(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The article's ID.")],
    ) -> ArticleResult:
        article_id = _pk(id, "Article")
        assert article_id is not None
        return await _result(service.article_publish(info.context.scope, article_id))

    @strawberry.mutation(description="Take a published article off the public site.")
    async def article_unpublish(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The article's ID.")],
    ) -> ArticleResult:
        article_id = _pk(id, "Article")
        assert article_id is not None
        return await _result(service.article_unpublish(info.context.scope, article_id))
