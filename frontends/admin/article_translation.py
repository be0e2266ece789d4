"""The English translation of an article, linked to its source.

From a Vietnamese article's form, `/bai-viet/<id>/ban-dich` (POST) creates its
English translation as a new draft with `articleCreate(translationOf:)`, the
source's text copied as the translator's starting point, and opens it. The
form of either shows the link to the other; a translation whose source's text
changed after the translation's did carries the API's stale marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.responses import Response

from frontends.admin.article_form import form_values
from frontends.admin.forms import same_origin
from frontends.admin.workspace import Screen

if TYPE_CHECKING:
    from frontends.admin.articles import ArticleScreens


def may_translate(screen: Screen, article: dict[str, Any]) -> bool:
    """Whether the form offers to start the English translation."""
    translations: list[dict[str, Any]] = article.get("translations") or []
    return (
        screen.may("article_create")
        and article.get("language") == "VI"
        and not article.get("translationOf")
        and not any(t.get("language") == "EN" for t in translations)
    )


class TranslationScreens:
    def __init__(self, articles: ArticleScreens) -> None:
        self.articles = articles
        self.workspace = articles.workspace
        self.client = articles.client

    async def translate(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        data = await self.articles._article_form(screen)
        source = data["node"]
        if source is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        if not may_translate(screen, source):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        new = {
            "tenant": screen.slug,
            "language": "EN",
            "translationOf": source["id"],
            "title": source["title"],
            "summary": source["summary"],
            "body": source["body"],
            "category": (source["category"] or {}).get("id"),
        }
        result = await self.client.run("ArticleCreate", {"input": new}, screen.request)
        outcome = result["articleCreate"]
        if outcome["__typename"] == "ArticleSuccess":
            return self.articles._done(screen, outcome["article"]["id"], "translation")
        return self.articles._form(screen, source, data, form_values(source), outcome, 400)
