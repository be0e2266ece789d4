"""Categories and articles: the first cut of what portals publish."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from hub.models.base import TenantContent, TenantOwned


class Category(TenantOwned):
    """A section of one portal (a tree per tenant), named in Vietnamese and English."""

    id = fields.IntField(primary_key=True)
    parent: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="children", null=True, on_delete=fields.SET_NULL
    )
    slug = fields.CharField(max_length=120)
    name = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=200, default="")
    slug_en = fields.CharField(max_length=120, default="")
    description = fields.TextField(default="")
    position = fields.IntField(default=0)

    parent_id: int | None

    class Meta:
        table = "category"
        unique_together = (("tenant", "slug"),)
        ordering = ["position", "id"]


class Article(TenantContent):
    """A piece of news or a page, owned by one tenant, in one language."""

    id = fields.IntField(primary_key=True)
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="articles", null=True, on_delete=fields.SET_NULL
    )
    slug = fields.CharField(max_length=200)
    title = fields.CharField(max_length=300)
    summary = fields.TextField(default="")
    body = fields.TextField(default="")
    featured = fields.BooleanField(default=False)
    published_at = fields.DatetimeField(null=True)
    author: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="articles", null=True, on_delete=fields.SET_NULL
    )

    category_id: int | None
    author_id: int | None

    class Meta:
        table = "article"
        unique_together = (("tenant", "language", "slug"),)
        indexes = (
            # The public lists, newest first: over all languages, and in one.
            Index(fields=("tenant_id", "status", "published_at"), name="article_listing"),
            Index(
                fields=("tenant_id", "language", "status", "published_at"),
                name="article_listing_lang",
            ),
            Index(fields=("category_id", "status", "published_at"), name="article_category"),
        )
