"""GraphQL types of categories and articles."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from hub import models as m
from schema.common import Node, load_now
from schema.tenants import TenantType

Language = strawberry.enum(
    m.Language, name="Language", description="Language of a piece of content."
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


@strawberry.type(name="Article", description="A piece of news or a page, owned by one portal.")
class ArticleType(Node):
    slug: str = strawberry.field(description="URL slug, unique within tenant and language.")
    title: str = strawberry.field(description="Headline.")
    summary: str = strawberry.field(description="Lead paragraph (sapo), plain text.")
    body: str = strawberry.field(description="Body as sanitised HTML.")
    language: Language = strawberry.field(description="Language of the text.")
    status: ContentStatus = strawberry.field(description="Workflow status.")
    featured: bool = strawberry.field(description="Highlighted on the portal's home page.")
    published_at: datetime | None = strawberry.field(description="First publication time (UTC).")
    created_at: datetime = strawberry.field(description="Creation time (UTC).")
    updated_at: datetime = strawberry.field(description="Last change (UTC).")
    tenant_id: strawberry.Private[int]
    category_id: strawberry.Private[int | None]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Article)

    @strawberry.field(description="The portal that owns this article.")
    def tenant(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.tenant_id)  # type: ignore[no-any-return]

    @strawberry.field(description="The section the article is filed under, if any.")
    def category(self, info: Info) -> CategoryType | None:
        if self.category_id is None:
            return None
        return load_now(info.context.loaders.category_by_id, self.category_id)  # type: ignore[no-any-return]
