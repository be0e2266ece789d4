"""Inputs and results of the article mutations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from hub.services.articles import ArticleErrorCode as _ArticleErrorCode
from schema.content import ArticleKind, ArticleType, Language
from schema.newsroom import RevisionType

ArticleErrorCode = strawberry.enum(
    _ArticleErrorCode, name="ArticleErrorCode", description="Why an article mutation failed."
)


@strawberry.input(description="Fields an editor sets; omitted (null) fields stay as they are.")
class ArticleFieldsInput:
    slug: str | None = strawberry.field(
        default=None, description="URL slug; made from the title when a new article has none."
    )
    summary: str | None = strawberry.field(default=None, description="Lead paragraph, plain text.")
    body: str | None = strawberry.field(default=None, description="Body HTML; sanitised on write.")
    category: strawberry.ID | None = strawberry.field(
        default=None, description="ID of a category of the same portal."
    )
    kind: ArticleKind | None = strawberry.field(default=None, description="What the article is.")
    byline: str | None = strawberry.field(default=None, description="Byline as printed.")
    source_name: str | None = strawberry.field(default=None, description="Name of the source.")
    source_url: str | None = strawberry.field(
        default=None, description="http(s) link to the source (required for LINK articles)."
    )
    seo_title: str | None = strawberry.field(default=None, description="Title for search engines.")
    seo_description: str | None = strawberry.field(
        default=None, description="Description for search engines."
    )
    featured: bool | None = strawberry.field(
        default=None, description="Highlight on the home page."
    )
    pinned: bool | None = strawberry.field(default=None, description="Keep at the top of lists.")
    tags: list[str] | None = strawberry.field(
        default=None, description="Keywords; replaces the article's tags."
    )
    related: list[strawberry.ID] | None = strawberry.field(
        default=None, description="IDs of related articles of the same portal (replaces)."
    )
    cover: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The cover image: a list of one media ID, or empty to remove."
    )
    gallery: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Gallery photos (media IDs), in order (replaces)."
    )
    attachments: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Attached files (media IDs), in order (replaces)."
    )


@strawberry.input(description="A new article (created as a draft).")
class ArticleCreateInput(ArticleFieldsInput):
    tenant: str = strawberry.field(description="Slug of the owning portal.")
    title: str = strawberry.field(description="Headline, at most 300 characters.")
    language: Language = strawberry.field(default=Language.VI, description="Language of the text.")
    translation_of: strawberry.ID | None = strawberry.field(
        default=None, description="ID of the original, when this is its translation."
    )


@strawberry.input(description="Changes to an article; omitted fields stay as they are.")
class ArticleUpdateInput(ArticleFieldsInput):
    id: strawberry.ID = strawberry.field(description="ID of the article to change.")
    title: str | None = strawberry.field(default=None, description="New headline.")
    base_revision: int | None = strawberry.field(
        default=None,
        description="The `Article.revisionNumber` the editor started from. When given and "
        "someone has saved since, the save is refused with `CONFLICT` and nothing changes.",
    )


@strawberry.input(description="When an article goes live and comes down (UTC or with offset).")
class ArticleScheduleInput:
    id: strawberry.ID = strawberry.field(description="ID of the article.")
    publish_at: datetime | None = strawberry.field(
        default=None, description="Publish at this time (the article must be approved)."
    )
    unpublish_at: datetime | None = strawberry.field(
        default=None, description="Take it off the public site at this time."
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


@strawberry.type(description="The working copy was stored; the article itself is unchanged.")
class AutosaveSuccess:
    revision: RevisionType = strawberry.field(description="The autosave revision just stored.")


AutosaveResult = Annotated[
    AutosaveSuccess | ArticleError,
    strawberry.union("AutosaveResult", description="Outcome of an autosave."),
]


@strawberry.type(description="A signed link that shows a draft as the portal would.")
class PreviewLink:
    path: str = strawberry.field(
        description="Path to open on the article's portal (e.g. `/xem-truoc/<token>`)."
    )
    expires_at: datetime = strawberry.field(description="When the link stops working (UTC).")


PreviewLinkResult = Annotated[
    PreviewLink | ArticleError,
    strawberry.union("PreviewLinkResult", description="Outcome of asking for a preview link."),
]
