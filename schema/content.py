"""GraphQL types of categories and articles."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from hub import models as m
from hub.auth.permissions import Permission, can
from hub.text.folding import slugify
from schema.common import Node, encode_global_id, load_now
from schema.media import ArticleMediaSet, MediaAssetType
from schema.newsroom import AuditEntryType, RevisionType
from schema.tenants import TenantType

Language = strawberry.enum(
    m.Language, name="Language", description="Language of a piece of content."
)
ArticleKind = strawberry.enum(
    m.ArticleKind, name="ArticleKind", description="What an article is; picks its template."
)
ContentStatus = strawberry.enum(
    m.ContentStatus,
    name="ContentStatus",
    description="Where a piece of content is in its workflow.",
)


@strawberry.type(name="Category", description="A section of one portal.")
class CategoryType(Node):
    slug: str = strawberry.field(description="Vietnamese URL slug, unique within the tenant.")
    name: str = strawberry.field(description="Vietnamese name.")
    slug_en: str = strawberry.field(description="English URL slug (English edition).")
    name_en: str = strawberry.field(description="English name.")
    description: str = strawberry.field(description="What the section holds.")
    position: int = strawberry.field(description="Sort order among its siblings.")
    tenant_id: strawberry.Private[int]
    parent_id: strawberry.Private[int | None]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Category)

    @strawberry.field(description="The portal that owns this section.")
    def tenant(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.tenant_id)  # type: ignore[no-any-return]

    @strawberry.field(description="The section above this one, if any.")
    def parent(self, info: Info) -> CategoryType | None:
        if self.parent_id is None:
            return None
        return info.context.loaders.category_by_id.load(self.parent_id)  # type: ignore[no-any-return]


def _media(info: Info, article_id: int, role: str) -> Any:
    """One role of an article's media: at once when the list warmed the loader, else later."""
    found = load_now(info.context.loaders.media_by_article, article_id)
    if isinstance(found, ArticleMediaSet):
        return getattr(found, role)
    return _media_later(found, role)


async def _media_later(pending: Awaitable[Any], role: str) -> Any:
    return getattr(await pending, role)


@strawberry.type(name="Tag", description="A keyword of one portal.")
class TagType:
    slug: str = strawberry.field(description="URL form of the tag.")
    name: str = strawberry.field(description="The tag as written.")


@strawberry.type(description="Who wrote an article (a user of the hub), as readers see them.")
class Author:
    id: strawberry.ID = strawberry.field(description="Global ID of the writer.")
    slug: str = strawberry.field(
        description="Stable URL form, `<number>-<name>` (`author(slug:)`)."
    )
    name: str = strawberry.field(description="Display name.")
    bio: str = strawberry.field(description="A few words about the writer.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Author:
        name = row["full_name"] or row["username"]
        return cls(
            id=strawberry.ID(encode_global_id("User", row["id"])),
            slug=f"{row['id']}-{slugify(name, 80)}".rstrip("-"),
            name=name,
            bio=row["bio"],
        )


@strawberry.type(name="Article", description="A piece of news or a page, owned by one portal.")
class ArticleType(Node):
    kind: ArticleKind = strawberry.field(description="News, blog post, gallery, video…")
    slug: str = strawberry.field(description="URL slug, unique within tenant and language.")
    title: str = strawberry.field(description="Headline.")
    byline: str = strawberry.field(description="Byline as printed (may differ from the author).")
    source_name: str = strawberry.field(description="Where the article comes from, if elsewhere.")
    source_url: str = strawberry.field(description="Link to the source (required for links).")
    seo_title: str = strawberry.field(description="Title for search engines, if not the headline.")
    seo_description: str = strawberry.field(description="Description for search engines.")
    pinned: bool = strawberry.field(
        description="Kept at the top of its lists (on a receiving portal: pinned by that portal)."
    )
    summary: str = strawberry.field(description="Lead paragraph (sapo), plain text.")
    body: str = strawberry.field(description="Body as sanitised HTML.")
    language: Language = strawberry.field(description="Language of the text.")
    status: ContentStatus = strawberry.field(description="Workflow status.")
    featured: bool = strawberry.field(description="Highlighted on the portal's home page.")
    published_at: datetime | None = strawberry.field(description="First publication time (UTC).")
    publish_at: datetime | None = strawberry.field(
        description="Scheduled publication time (UTC), for an approved article."
    )
    unpublish_at: datetime | None = strawberry.field(
        description="Scheduled end of publication (UTC), if any."
    )
    created_at: datetime = strawberry.field(description="Creation time (UTC).")
    updated_at: datetime = strawberry.field(description="Last change (UTC).")
    text_updated_at: datetime | None = strawberry.field(
        description="Last change to the title, summary or body (UTC)."
    )
    tenant_id: strawberry.Private[int]
    category_id: strawberry.Private[int | None]
    author_id: strawberry.Private[int | None]
    translation_of_id: strawberry.Private[int | None]
    forked_from_id: strawberry.Private[int | None]
    shown_cover_id: strawberry.Private[int | None]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Article)

    @strawberry.field(description="Keywords of the article.")
    def tags(self, info: Info) -> list[TagType]:
        return load_now(info.context.loaders.tags_by_article, self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(description="The writer, if a user of the hub wrote it.")
    async def author(self, info: Info) -> Author | None:
        if self.author_id is None:
            return None
        row = await info.context.loaders.author_by_id.load(self.author_id)
        return Author.from_row(row) if row else None

    @strawberry.field(
        description="The cover image, if any (on a receiving portal, its own cover when it "
        "chose one)."
    )
    def cover(self, info: Info) -> MediaAssetType | None:
        if self.shown_cover_id is not None:
            return load_now(info.context.loaders.media_asset_by_id, self.shown_cover_id)  # type: ignore[no-any-return]
        return _media(info, self.pk, "cover")  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(description="Photos of a gallery, in order.")
    def gallery(self, info: Info) -> list[MediaAssetType]:
        return _media(info, self.pk, "gallery")  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(description="Files attached for download (PDF, office files, audio, video).")
    def attachments(self, info: Info) -> list[MediaAssetType]:
        return _media(info, self.pk, "attachments")  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(description="Related articles of the same portal.")
    async def related(self, info: Info) -> list[ArticleType]:
        return await info.context.loaders.related_by_article.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(description="The original this article translates, if it is a translation.")
    async def translation_of(self, info: Info) -> ArticleType | None:
        if self.translation_of_id is None:
            return None
        return await info.context.loaders.readable_article.load(self.translation_of_id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="The placed article this one is a local copy of (a fork), if the viewer "
        "may read it."
    )
    async def forked_from(self, info: Info) -> ArticleType | None:
        if self.forked_from_id is None:
            return None
        return await info.context.loaders.readable_article.load(self.forked_from_id)  # type: ignore[no-any-return]

    @strawberry.field(description="Translations of this article into other languages.")
    async def translations(self, info: Info) -> list[ArticleType]:
        return await info.context.loaders.translations_by_source.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(
        description="True when this is a translation and its original's text changed after "
        "the translation's text last did."
    )
    async def translation_stale(self, info: Info) -> bool:
        if self.translation_of_id is None:
            return False
        source = await info.context.loaders.readable_article.load(self.translation_of_id)
        if source is None or source.text_updated_at is None:
            return False
        return self.text_updated_at is None or source.text_updated_at > self.text_updated_at

    @strawberry.field(description="The portal that owns this article.")
    def tenant(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.tenant_id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Saved states of the text, newest first (the portal's editors only; "
        "empty for everyone else)."
    )
    async def revisions(self, info: Info) -> list[RevisionType]:
        if not can(info.context.scope.viewer, Permission.VIEW_DRAFTS, self.tenant_id):
            return []
        return await info.context.loaders.revisions_by_article.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(
        description="The number of the revision the article now stands at (its last save; "
        "autosaves do not count), 0 before the first. Pass it as `baseRevision` when saving "
        "so a save over someone else's is refused. Null for those who may not see drafts."
    )
    async def revision_number(self, info: Info) -> int | None:
        if not can(info.context.scope.viewer, Permission.VIEW_DRAFTS, self.tenant_id):
            return None
        return await info.context.loaders.revision_number_by_article.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(
        description="The viewer's own newest working copy (autosave) of this article, when "
        "it is newer than the article's current revision; null otherwise."
    )
    async def viewer_autosave(self, info: Info) -> RevisionType | None:
        if not can(info.context.scope.viewer, Permission.VIEW_DRAFTS, self.tenant_id):
            return None
        return await info.context.loaders.viewer_autosave_by_article.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(
        description="What happened to this article (its audit entries), newest first: for "
        "the portal's staff who may see drafts, so writers see their own article's story; "
        "empty for everyone else."
    )
    async def history(self, info: Info) -> list[AuditEntryType]:
        if not can(info.context.scope.viewer, Permission.VIEW_DRAFTS, self.tenant_id):
            return []
        return await info.context.loaders.history_by_article.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(
        description="Why the article was sent back, while it is returned (the portal's "
        "editors only; null otherwise)."
    )
    async def return_reason(self, info: Info) -> str | None:
        if self.status != m.ContentStatus.RETURNED or not can(
            info.context.scope.viewer, Permission.VIEW_DRAFTS, self.tenant_id
        ):
            return None
        return await info.context.loaders.return_reason_by_article.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(description="The section the article is filed under, if any.")
    def category(self, info: Info) -> CategoryType | None:
        if self.category_id is None:
            return None
        return load_now(info.context.loaders.category_by_id, self.category_id)  # type: ignore[no-any-return]
