"""The hub's Tortoise models (the tenant tree lives in :mod:`tenants.models`)."""

from hub.models.base import ContentStatus, Language, TenantContent, TenantOwned
from hub.models.content import Article, ArticleKind, ArticleMedia, Category, MediaRole, Tag
from hub.models.imports import ImportRecord, OldAddress
from hub.models.media import MediaAsset, MediaKind, MediaRendition
from hub.models.users import ApiToken, LoginThrottle, Membership, User

__all__ = [
    "ApiToken",
    "Article",
    "ArticleKind",
    "ArticleMedia",
    "Category",
    "ContentStatus",
    "ImportRecord",
    "Language",
    "LoginThrottle",
    "MediaAsset",
    "MediaKind",
    "MediaRendition",
    "MediaRole",
    "Membership",
    "OldAddress",
    "Tag",
    "TenantContent",
    "TenantOwned",
    "User",
]
