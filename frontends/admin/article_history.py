"""An article's history: its revisions, a diff of two, restoring one, and its audit entries.

`/quan-tri/bai-viet/<id>/lich-su` lists the revisions (working copies marked)
and what happened to the article (`Article.history`, the audit entries, so a
writer sees their own article's story); `?cu=<revision>&moi=<revision>` adds
the API's `revisionDiff` of the two. `/lich-su/khoi-phuc?phien-ban=<revision>`
asks for confirmation and, posted, runs `revisionRestore`, which saves the old
text as a new revision. Revisions are looked up among the article's own: an id
of another article's revision is a 404, like another portal's article.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response

from frontends.admin import editor_messages
from frontends.admin.forms import read_form, same_origin
from frontends.admin.messages import field_error
from frontends.admin.workspace import NO_STORE, Screen, Workspace


class ArticleHistory:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    async def _article(self, screen: Screen) -> dict[str, Any] | None:
        """The article of the path with its revisions, if it is this portal's and readable."""
        data = await self.client.run(
            "ArticleHistory", {"id": screen.request.path_params["id"]}, screen.request
        )
        node = data["node"]
        if not node or (node.get("tenant") or {}).get("slug") != screen.slug:
            return None
        return node  # type: ignore[no-any-return]

    @staticmethod
    def _revision(article: dict[str, Any], revision_id: str) -> dict[str, Any] | None:
        return next((r for r in article["revisions"] if r["id"] == revision_id), None)

    def _not_found(self, screen: Screen) -> Response:
        return self.workspace.layout(screen, "message.html", 404, kind="not_found")

    async def history(self, screen: Screen) -> Response:
        article = await self._article(screen)
        if article is None:
            return self._not_found(screen)
        params = screen.request.query_params
        old, new = params.get("cu", ""), params.get("moi", "")
        diff: list[dict[str, str]] | None = None
        pair: tuple[dict[str, Any], dict[str, Any]] | None = None
        if old or new:
            before, after = self._revision(article, old), self._revision(article, new)
            if before is None or after is None:
                return self._not_found(screen)
            data = await self.client.run(
                "RevisionDiff", {"old": before["id"], "new": after["id"]}, screen.request
            )
            diff, pair = data["revisionDiff"], (before, after)
        return self.workspace.layout(
            screen,
            "article_history.html",
            article=article,
            diff=diff,
            pair=pair,
            done=params.get("xong", ""),
            may_restore=self._may_restore(screen, article),
            M=editor_messages,
        )

    @staticmethod
    def _may_restore(screen: Screen, article: dict[str, Any]) -> bool:
        # The API decides (restoring is an edit); this only hides a button that would fail.
        permission = {
            "DRAFT": "article_edit",
            "RETURNED": "article_edit",
            "UNPUBLISHED": "article_edit",
            "SUBMITTED": "article_review",
            "APPROVED": "article_review",
            "PUBLISHED": "article_publish",
        }.get(article["status"])
        return permission is not None and screen.may(permission)

    async def restore(self, screen: Screen) -> Response:
        article = await self._article(screen)
        if article is None:
            return self._not_found(screen)
        error = ""
        if screen.request.method == "POST":
            if not same_origin(screen.request):
                return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
            form = await read_form(screen.request)
            revision = self._revision(article, form.get("phien-ban", ""))
            if revision is None:
                return self._not_found(screen)
            variables = {"id": revision["id"]}
            result = await self.client.run("RevisionRestore", variables, screen.request)
            outcome = result["revisionRestore"]
            if outcome["__typename"] == "ArticleSuccess":
                url = f"{screen.base}/bai-viet/{article['id']}/lich-su?xong=restore"
                return RedirectResponse(url, 303, headers=NO_STORE)
            error = field_error(None, outcome.get("code", ""))[1]
        else:
            revision = self._revision(article, screen.request.query_params.get("phien-ban", ""))
            if revision is None:
                return self._not_found(screen)
        return self.workspace.layout(
            screen,
            "article_restore.html",
            400 if error else 200,
            article=article,
            revision=revision,
            errors={"": error} if error else {},
            M=editor_messages,
        )
