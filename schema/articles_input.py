"""Inputs and results of the article mutations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.services.articles import ArticleErrorCode as _ArticleErrorCode
from schema.content import ArticleType, Language

ArticleErrorCode = strawberry.enum(
    _ArticleErrorCode, name="ArticleErrorCode", description="Why an article mutation failed."
)


@strawberry.input(description="A new article (created as a draft).")
class ArticleCreateInput:
    tenant: str = strawberry.field(description="Slug of the owning portal.")
    title: str = strawberry.field(description="Headline, at most 300 characters.")
    language: Language = strawberry.field(default=Language.VI, description="Language of the text.")
    slug: str | None = strawberry.field(
        default=None, description="URL slug; made from the title if omitted."
    )
    summary: str = strawberry.field(default="", description="Lead paragraph, plain text.")
    body: str = strawberry.field(default="", description="Body HTML; sanitised on write.")
    category: strawberry.ID | None = strawberry.field(
        default=None, description="ID of a category of the same portal."
    )
    featured: bool = strawberry.field(default=False, description="Highlight on the home page.")


@strawberry.input(description="Changes to an article; omitted fields stay as they are.")
class ArticleUpdateInput:
    id: strawberry.ID = strawberry.field(description="ID of the article to change.")
    title: str | None = strawberry.field(default=None, description="New headline.")
    slug: str | None = strawberry.field(default=None, description="New URL slug.")
    summary: str | None = strawberry.field(default=None, description="New lead paragraph.")
    body: str | None = strawberry.field(
        default=None, description="New body HTML; sanitised on write."
    )
    category: strawberry.ID | None = strawberry.field(
        default=None, description="ID of the new category."
    )
    featured: bool | None = strawberry.field(
        default=None, description="Highlight on the home page."
    )


@strawberry.type(description="The mutation succeeded.")
class ArticleSuccess:
    article: ArticleType = strawberry.field(description="The article as it now stands.")


@strawberry.type(description="The mutation failed; nothing was written.")
class ArticleError:
    code: ArticleErrorCode = strawberry.field(description="Stable machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


ArticleResult = Annotated[
    ArticleSuccess | ArticleError,
    strawberry.union("ArticleResult", description="Outcome of an article mutation."),
]
