"""The hub's Tortoise models (the tenant tree lives in :mod:`tenants.models`)."""

from hub.models.base import ContentStatus, Language, TenantContent, TenantOwned
from hub.models.content import Article, Category
from hub.models.users import ApiToken, Membership, User

__all__ = [
    "ApiToken",
    "Article",
    "Category",
    "ContentStatus",
    "Language",
    "Membership",
    "TenantContent",
    "TenantOwned",
    "User",
]
