"""Signed, expiring preview links: an editor shares a draft as the real page shows it.

The link carries only the article id, signed with the hub's secret and
stamped with its issue time; it opens the draft for anyone holding it until
it expires (default one day), and for no other article.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from tortoise.timezone import now

from hub.auth.permissions import Permission
from hub.models import Article
from hub.services.articles import load_article, require_step
from tenants.scope import Scope

PREVIEW_LIFETIME = timedelta(hours=24)
PREVIEW_PATH = "/xem-truoc/"


class PreviewSigner:
    """Issues and opens preview tokens; like the session, older keys still verify."""

    def __init__(
        self, secret_key: str | Sequence[str], lifetime: timedelta = PREVIEW_LIFETIME
    ) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="thudo.preview")
        self.lifetime = lifetime

    async def issue(self, scope: Scope, article_id: int) -> tuple[str, datetime]:
        """A token for an article the viewer may see as a draft, and when it expires."""
        article = await load_article(scope, article_id)
        require_step(scope, Permission.VIEW_DRAFTS, article)
        return self._serializer.dumps({"a": article.id}), now() + self.lifetime

    async def open(self, token: str) -> Article | None:
        """The article behind a valid, unexpired token; None otherwise."""
        if len(token) > 500:
            return None
        try:
            data = self._serializer.loads(token, max_age=self.lifetime.total_seconds())
        except BadSignature:
            return None
        article_id = data.get("a") if isinstance(data, dict) else None
        if not isinstance(article_id, int):
            return None
        # The token is the permission: it names one article, whatever its status.
        return await Article.unscoped().get_or_none(id=article_id)
