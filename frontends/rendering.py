"""Jinja2 environment: template sets per level, Babel translations, Vietnamese dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import Markup

from hub.i18n import gettext, translations
from hub.text.embeds import player_html

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Which template set a tenant level uses; every set falls back to `base/`.
TEMPLATE_SETS = {
    "city": "city",
    "department": "department",
    "district": "commune",  # district portals are history since 1/7/2025
    "commune": "commune",
    "site": "site",
}


def _parse(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def local_date(value: str | datetime | None, language: str = "vi", with_time: bool = False) -> str:
    """dd/mm/yyyy (Vietnamese) or "26 Nov 2026" (English), in Hanoi time."""
    moment = _parse(value)
    if moment is None:
        return ""
    moment = moment.astimezone(LOCAL_TZ)
    if language == "vi":
        return moment.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
    pattern = "d MMM yyyy, HH:mm" if with_time else "d MMM yyyy"
    return format_datetime(moment, pattern, locale="en")


def iso(value: str | datetime | None) -> str:
    """A `<time datetime>` value: whole seconds, since HTML allows at most three
    fractional digits and the database keeps microseconds."""
    moment = _parse(value)
    return moment.replace(microsecond=0).isoformat() if moment else ""


def players(body: str, language: str = "vi") -> Markup:
    """Body HTML (already sanitised by the hub) with click-to-load embed players."""
    label = gettext(language, "Watch or listen")
    return Markup(player_html(body, label))  # the hub sanitised the body on write


def markup_gettext(catalogue: Translations) -> Callable[..., Markup]:
    """The templates' ``_()``: what Jinja's new-style gettext does in an autoescaped
    template (the translation is trusted markup, the variables are escaped into it),
    as one plain function: the i18n extension's context-passing wrappers cost three
    calls per string (~4% of a home page, 20-odd strings).
    """

    def gettext(message: str, **variables: Any) -> Markup:
        return Markup(catalogue.gettext(message)) % variables

    return gettext


class PageEnvironment(Environment):
    """Templates read GraphQL answers, which are plain dicts.

    Jinja resolves ``a.title`` by trying the attribute first and falling back to
    the key: on a dict that raises and catches an ``AttributeError`` on every
    access (measured: 5% of a home page's CPU). Here a dict's key is looked up
    first; so ``g.items`` is the field ``items``, not the dict method.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class Renderer:
    """Renders a page of one template set in one language."""

    def __init__(self) -> None:
        self._envs: dict[str, Environment] = {}
        # Inlined into downloaded articles, so the saved file reads well offline.
        self.print_css = (STATIC_DIR / "print.css").read_text(encoding="utf-8")

    def _env_for(self, language: str) -> Environment:
        # One environment per language, so gettext is bound once, not per render.
        # (Not overlays: those share the template cache, and a template compiled
        # in one language would keep that language's gettext.)
        env = self._envs.get(language)
        if env is None:
            env = PageEnvironment(
                loader=FileSystemLoader(TEMPLATES_DIR),
                autoescape=select_autoescape(["html", "xml"]),
                trim_blocks=True,
                lstrip_blocks=True,
                auto_reload=False,
            )
            env.filters["local_date"] = local_date
            env.filters["iso"] = iso
            env.filters["players"] = players
            env.globals["_"] = markup_gettext(translations(language))
            self._envs[language] = env
        return env

    def template(self, level: str, name: str, language: str) -> Template:
        template_set = TEMPLATE_SETS.get(level, "commune")
        return self._env_for(language).select_template([f"{template_set}/{name}", f"base/{name}"])

    def render(self, level: str, name: str, language: str, **context: Any) -> str:
        return self.template(level, name, language).render(
            language=language, level=level, **context
        )
