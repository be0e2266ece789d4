"""Scheduling in Hanoi time and the preview link, from the article form's side panel.

Editors think in Hanoi time: the form takes dd/mm/yyyy and HH:MM, and the
screen hands the API the moment with its +07:00 offset (`articleSchedule`;
the API stores UTC). Empty fields clear that part of the schedule. The
preview button asks for `articlePreviewLink` and sends the browser to the
signed path on the article's own portal, so the draft is seen exactly as
readers would see it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from starlette.responses import RedirectResponse, Response

from frontends.admin import editor_messages as m
from frontends.admin.article_form import form_values
from frontends.admin.forms import read_form, same_origin
from frontends.admin.messages import field_error
from frontends.admin.workspace import NO_STORE, Screen

if TYPE_CHECKING:
    from frontends.admin.articles import ArticleScreens

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# (day field, time field, API input field) of the two moments.
MOMENTS = (("ngay-dang", "gio-dang", "publishAt"), ("ngay-go", "gio-go", "unpublishAt"))


def may_schedule(screen: Screen, status: str) -> bool:
    return screen.may("article_publish") and status in {"APPROVED", "PUBLISHED"}


def _day(text: str) -> date:
    day, month, year = text.strip().split("/")
    if len(year) != 4:
        raise ValueError(text)
    return date(int(year), int(month), int(day))


def _time(text: str) -> time:
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def hanoi_moment(day: str, clock: str) -> datetime:
    """The aware moment of a Hanoi date and time (ValueError names the bad part)."""
    try:
        parsed_day = _day(day)
    except ValueError as exc:
        raise ValueError("day") from exc
    try:
        parsed_time = _time(clock)
    except ValueError as exc:
        raise ValueError("time") from exc
    return datetime.combine(parsed_day, parsed_time, HANOI)


def read_schedule(form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """``(variables for articleSchedule, field errors)`` from the posted fields."""
    moments: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for day_field, time_field, api_field in MOMENTS:
        day, clock = form.get(day_field, "").strip(), form.get(time_field, "").strip()
        if not day and not clock:
            moments[api_field] = None
            continue
        try:
            moments[api_field] = hanoi_moment(day, clock).isoformat()
        except ValueError as exc:
            if str(exc) == "day":
                errors[day_field] = m.SCHEDULE_DAY_ERROR
            else:
                errors[time_field] = m.SCHEDULE_TIME_ERROR
    return moments, errors


def schedule_values(article: dict[str, Any]) -> dict[str, str]:
    """The schedule fields as the article now stands, in Hanoi time."""
    values: dict[str, str] = {}
    for (day_field, time_field, _), key in zip(MOMENTS, ("publishAt", "unpublishAt"), strict=True):
        raw = article.get(key)
        if raw:
            local = datetime.fromisoformat(raw).astimezone(HANOI)
            values[day_field], values[time_field] = (
                local.strftime("%d/%m/%Y"),
                local.strftime("%H:%M"),
            )
    return values


class ScheduleScreens:
    def __init__(self, articles: ArticleScreens) -> None:
        self.articles = articles
        self.workspace = articles.workspace
        self.client = articles.client

    async def schedule(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        data = await self.articles._article_form(screen)
        article = data["node"]
        if article is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        form = await read_form(screen.request)
        moments, errors = read_schedule(form)
        if not errors:
            variables = {"input": {"id": article["id"], **moments}}
            result = await self.client.run("ArticleSchedule", variables, screen.request)
            outcome = result["articleSchedule"]
            if outcome["__typename"] == "ArticleSuccess":
                return self.articles._done(screen, article["id"], "schedule")
            errors = dict([_schedule_error(outcome)])
        values = {**form_values(article), **{k: form.get(k, "") for k in _FIELDS}}
        return self.articles._form(screen, article, data, values, None, 400, extra_errors=errors)

    async def preview(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        data = await self.articles._article_form(screen)
        article = data["node"]
        if article is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        result = await self.client.run("ArticlePreviewLink", {"id": article["id"]}, screen.request)
        outcome = result["articlePreviewLink"]
        if outcome["__typename"] != "PreviewLink":
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        return RedirectResponse(screen.root + outcome["path"], 303, headers=NO_STORE)


_FIELDS = [field for day, clock, _ in MOMENTS for field in (day, clock)]


def _schedule_error(outcome: dict[str, Any]) -> tuple[str, str]:
    api_field = outcome.get("field")
    if api_field == "publishAt":
        return "ngay-dang", m.SCHEDULE_PUBLISH_PAST
    if api_field == "unpublishAt":
        return "ngay-go", m.SCHEDULE_UNPUBLISH_ORDER
    return field_error(None, outcome.get("code", ""))
