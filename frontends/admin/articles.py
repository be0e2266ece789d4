"""Article screens: the filtered list, the plain form and the workflow buttons.

Creating, saving and every workflow step go through the API's mutations
(`articleCreate`, `articleUpdate`, `articleSubmit`…), so the audit log, the
revisions and the one HTML sanitiser see every change. An article the viewer
may not read, or one of another portal, is a 404: the API answers `null`,
and the screen never tells a hidden article from a missing one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin import editor_messages
from frontends.admin.article_fields import (
    KINDS,
    article_field_error,
    field_changes,
    field_values,
    pickers,
    read_posted,
    snippet,
    upload_cover,
)
from frontends.admin.article_form import (
    RESTORE_PARAM,
    Conflict,
    form_values,
    keep_refused,
    posted_base,
    restored_values,
)
from frontends.admin.article_history import ArticleHistory
from frontends.admin.article_schedule import ScheduleScreens, may_schedule, schedule_values
from frontends.admin.article_translation import TranslationScreens, may_translate
from frontends.admin.forms import read_form, same_origin
from frontends.admin.messages import FILTER_DATE_ERROR, STATUS_LABELS
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

ARTICLE_FIELDS = ("title", "slug", "summary", "body", "category")
STEPS = {
    # step: (operation, the permission the role needs, statuses it starts from)
    "submit": ("ArticleSubmit", "article_submit", {"DRAFT", "RETURNED", "UNPUBLISHED"}),
    "return": ("ArticleReturn", "article_review", {"SUBMITTED", "APPROVED"}),
    "approve": ("ArticleApprove", "article_approve", {"SUBMITTED"}),
    "publish": ("ArticlePublish", "article_publish", {"APPROVED", "UNPUBLISHED"}),
    "unpublish": ("ArticleUnpublish", "article_publish", {"PUBLISHED"}),
    "archive": (
        "ArticleArchive", "article_archive", {"DRAFT", "RETURNED", "PUBLISHED", "UNPUBLISHED"}
    ),
}  # fmt: skip


def allowed_steps(screen: Screen, status: str) -> list[str]:
    """The workflow buttons this viewer gets for an article in ``status``."""
    return [
        name
        for name, (_, permission, sources) in STEPS.items()
        if status in sources and screen.may(permission)
    ]


def _categories(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in data["categories"]["edges"]]


def _address(screen: Screen, values: dict[str, Any]) -> str:
    """Roughly where the article lives, for the search-snippet preview."""
    return f"{screen.request.url.hostname}{screen.root}/…/{values.get('slug', '')}"


def _parse_day(value: str) -> date | None:
    """A filter date from `<input type=date>` (yyyy-mm-dd) or typed as dd/mm/yyyy."""
    value = value.strip()
    if "/" in value:
        day, month, year = value.split("/", 2)
        return date(int(year), int(month), int(day))
    return date.fromisoformat(value)


class ArticleScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client
        self.history = ArticleHistory(workspace)
        self.schedule = ScheduleScreens(self)
        self.translation = TranslationScreens(self)

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        return [
            Route(f"{prefix}/bai-viet", page(self.listing)),
            Route(f"{prefix}/bai-viet/moi", page(self.new), methods=["GET", "POST"]),
            Route(f"{prefix}/bai-viet/{{id}}", page(self.edit), methods=["GET", "POST"]),
            Route(f"{prefix}/bai-viet/{{id}}/buoc", page(self.step), methods=["POST"]),
            Route(f"{prefix}/bai-viet/{{id}}/lich-su", page(self.history.history)),
            Route(
                f"{prefix}/bai-viet/{{id}}/lich-dang",
                page(self.schedule.schedule),
                methods=["POST"],
            ),
            Route(
                f"{prefix}/bai-viet/{{id}}/ban-dich",
                page(self.translation.translate),
                methods=["POST"],
            ),
            Route(
                f"{prefix}/bai-viet/{{id}}/xem-truoc", page(self.schedule.preview), methods=["POST"]
            ),
            Route(
                f"{prefix}/bai-viet/{{id}}/lich-su/khoi-phuc",
                page(self.history.restore),
                methods=["GET", "POST"],
            ),
        ]

    async def listing(self, screen: Screen) -> Response:
        params = screen.request.query_params
        filters = {
            "q": params.get("q", "")[:200],
            "status": params.get("trang-thai", ""),
            "category": params.get("chuyen-muc", ""),
            "from": params.get("tu-ngay", ""),
            "to": params.get("den-ngay", ""),
        }
        errors: dict[str, str] = {}
        variables: dict[str, Any] = {"tenant": screen.slug}
        if filters["status"].upper() in STATUS_LABELS:
            variables["status"] = filters["status"].upper()
        if filters["category"]:
            variables["category"] = filters["category"]
        if filters["q"].strip():
            variables["text"] = filters["q"]
        for key, variable in (("from", "changedFrom"), ("to", "changedTo")):
            if filters[key]:
                try:
                    day = _parse_day(filters[key])
                except ValueError:
                    errors[key] = FILTER_DATE_ERROR
                else:
                    variables[variable] = day.isoformat() if day else None
        after = params.get("sau")
        if after:
            variables["after"] = after[:100]
        data = await self.client.run("ArticleList", variables, screen.request)
        return self.workspace.layout(
            screen,
            "articles.html",
            400 if errors else 200,
            articles=data["articleList"],
            categories=_categories(data),
            filters=filters,
            errors=errors,
        )

    async def new(self, screen: Screen) -> Response:
        if not screen.may("article_create"):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        data = await self.client.run("NewArticleForm", {"tenant": screen.slug}, screen.request)
        values = dict.fromkeys(ARTICLE_FIELDS, "")
        if screen.request.method == "POST":
            if not same_origin(screen.request):
                return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
            values = {k: v for k, v in (await read_form(screen.request)).items()}
            changes = self._changes(values)
            changes["tenant"] = screen.slug
            changes["title"] = values.get("title", "")
            result = await self.client.run("ArticleCreate", {"input": changes}, screen.request)
            outcome = result["articleCreate"]
            if outcome["__typename"] == "ArticleSuccess":
                return self._done(screen, outcome["article"]["id"], "created")
            return self._form(screen, None, data, values, outcome, 400)
        return self._form(screen, None, data, values, None, 200)

    async def _article_form(self, screen: Screen) -> dict[str, Any]:
        """`ArticleForm` for the article in the path; its node is None unless the
        article belongs to this screen's portal (another portal's id is a 404)."""
        data = await self.client.run(
            "ArticleForm", {"id": screen.request.path_params["id"], "tenant": screen.slug},
            screen.request,
        )  # fmt: skip
        node = data["node"]
        if node and (node.get("tenant") or {}).get("slug") != screen.slug:
            data = {**data, "node": None}
        return data

    async def edit(self, screen: Screen) -> Response:
        data = await self._article_form(screen)
        article = data["node"]
        if article is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        values = {**form_values(article), **field_values(article)}
        base = article["revisionNumber"]
        if screen.request.method == "POST":
            if not same_origin(screen.request):
                return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
            posted = await read_posted(screen.request, values)
            values, base = posted.values, posted_base(posted.values)
            if posted.upload is not None:
                try:
                    asset, problems = await upload_cover(
                        self.client, screen, posted.upload, str(values.get("cover_alt", ""))
                    )
                finally:
                    await posted.upload.close()
                if problems:
                    return self._form(
                        screen, article, data, values, None, 400, base=base, extra_errors=problems
                    )
                values["cover"], values["cover_alt"] = asset, ""
                # The new picture is in the library now: offer it if the form comes back.
                picture = {"id": asset, "originalFilename": posted.upload.filename, "altText": ""}
                data["images"]["edges"].append({"node": picture})
            changes = {**self._changes(values), **field_changes(values)}
            changes["id"] = article["id"]
            changes["title"] = values.get("title", "")
            variables = {"input": {**changes, "baseRevision": base}}
            result = await self.client.run("ArticleUpdate", variables, screen.request)
            outcome = result["articleUpdate"]
            if outcome["__typename"] == "ArticleSuccess":
                return self._done(screen, article["id"], "saved")
            if outcome.get("code") == "CONFLICT":
                conflict = await keep_refused(self.client, screen, article, changes, base)
                # The next save starts from the current revision: the viewer has been
                # told, and the other person's text stays in the history.
                return self._form(screen, article, data, values, None, 409, conflict=conflict)
            return self._form(screen, article, data, values, outcome, 400, base=base)
        wanted = screen.request.query_params.get(RESTORE_PARAM, "")
        restored = restored_values(article, wanted) if wanted else None
        return self._form(
            screen, article, data, restored or values, None, 200, restored=restored is not None
        )

    async def step(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        data = await self._article_form(screen)
        article = data["node"]
        if article is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        form = await read_form(screen.request)
        name = form.get("buoc", "")
        if name not in STEPS:
            return self.workspace.layout(screen, "message.html", 400, kind="bad_request")
        operation = STEPS[name][0]
        variables: dict[str, Any] = {"id": article["id"]}
        if name == "return":
            variables["reason"] = form.get("ly-do", "")
        result = await self.client.run(operation, variables, screen.request)
        outcome = next(iter(result.values()))
        if outcome["__typename"] == "ArticleSuccess":
            return self._done(screen, article["id"], name)
        values = {**form_values(article), "reason": form.get("ly-do", "")}
        return self._form(screen, article, data, values, outcome, 400)

    # -- helpers ---------------------------------------------------------------

    @staticmethod
    def _changes(values: dict[str, str]) -> dict[str, Any]:
        """The mutation input from the form: the server sanitises the body, not us."""
        return {
            "slug": values.get("slug", "").strip() or None,
            "summary": values.get("summary", ""),
            "body": values.get("body", ""),
            "category": values.get("category") or None,
        }

    def _done(self, screen: Screen, article_id: str, what: str) -> Response:
        url = f"{screen.base}/bai-viet/{article_id}?xong={what}"
        return RedirectResponse(url, 303, headers=NO_STORE)

    def _form(
        self,
        screen: Screen,
        article: dict[str, Any] | None,
        data: dict[str, Any],
        values: dict[str, Any],
        outcome: dict[str, Any] | None,
        status: int,
        *,
        base: int | None = None,
        conflict: Conflict | None = None,
        restored: bool = False,
        extra_errors: dict[str, str] | None = None,
    ) -> Response:
        errors: dict[str, str] = dict(extra_errors or {})
        if outcome is not None and outcome.get("__typename") == "ArticleError":
            field, message = article_field_error(outcome.get("field"), outcome.get("code", ""))
            errors[field] = message
        if article is not None:
            values = {**field_values(article), **values}
        done = screen.request.query_params.get("xong", "")
        return self.workspace.layout(
            screen,
            "article_form.html",
            status,
            article=article,
            categories=_categories(data),
            values=values,
            picks=pickers(data, article["id"]) if article and "tagList" in data else None,
            snippet=snippet(values, _address(screen, values)),
            KINDS=KINDS,
            may_translate=article is not None and may_translate(screen, article),
            errors=errors,
            steps=allowed_steps(screen, article["status"]) if article else [],
            done=done,
            # A form posted without a base (an old page) gets the current one.
            base=base if base is not None else (article or {}).get("revisionNumber"),
            conflict=conflict,
            restored=restored,
            M=editor_messages,
            may_schedule=article is not None and may_schedule(screen, article["status"]),
            schedule={**(schedule_values(article) if article else {}), **values},
        )
