"""What the citizens' forms share: reading a posted form safely, and its messages.

Every public form of the participation pages is a plain `<form method="post">`
(no JavaScript), refused when another site sent it (the sign-in's own check,
:func:`hub.auth.routes.same_origin_request`), bounded in size, read as
`application/x-www-form-urlencoded` only, and carries a honeypot field that
people never see and bots fill in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response

from frontends.pages import Pages
from hub.auth.routes import same_origin_request
from hub.i18n import N_, gettext

HONEYPOT = "website"  # hidden from people (CSS and aria-hidden); bots fill it in
MAX_FIELDS = 30
NO_STORE = "no-store"

CROSS_SITE = N_("This form was sent from another site. Open the form again and send it from there.")
TOO_LARGE = N_("The form is too large. Shorten the text and send it again.")
BAD_FORM = N_("The form could not be read. Open it again and retry.")


class FormRefused(Exception):
    """The post cannot be read at all: its status and its (English) message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class PostedForm:
    """The fields of a posted form (first value of each), and whether a bot filled it."""

    values: dict[str, str] = field(default_factory=dict)
    bot: bool = False

    def get(self, name: str) -> str:
        return self.values.get(name, "")


async def read_form(request: Request, limit: int) -> PostedForm:
    """The form of ``request``, or :class:`FormRefused` (403 cross-site, 413, 400)."""
    if not same_origin_request(request):
        raise FormRefused(403, CROSS_SITE)
    length = request.headers.get("content-length", "")
    if length and (not length.isdigit() or int(length) > limit):
        raise FormRefused(413, TOO_LARGE)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise FormRefused(400, BAD_FORM)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise FormRefused(413, TOO_LARGE)
    try:
        pairs = parse_qsl(
            body.decode("utf-8", "strict"),
            keep_blank_values=True,
            max_num_fields=MAX_FIELDS,
            errors="strict",
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormRefused(400, BAD_FORM) from exc
    values: dict[str, str] = {}
    for name, value in pairs:
        values.setdefault(name, value.replace("\r\n", "\n"))
    return PostedForm(values, bot=bool(values.get(HONEYPOT, "").strip()))


@dataclass
class FieldError:
    """One message of a form: the field it is about (its input's id) and both languages."""

    field: str
    vi: str
    en: str


def field_error(field_id: str, message: str) -> FieldError:
    return FieldError(field_id, gettext("vi", message), message)


def messages(texts: list[str]) -> list[tuple[str, str]]:
    """Messages as (Vietnamese, English) pairs."""
    return [(gettext("vi", t), t) for t in texts]


def citizen_page(
    pages: Pages,
    request: Request,
    data: dict[str, Any],
    template: str,
    status: int = 200,
    *,
    private: bool = False,
    **extra: Any,
) -> Response:
    """A Vietnamese page of the citizens' side (forms, lists, receipts).

    ``private`` pages, and every answer to a post, are never stored by a
    browser or a proxy (they may carry what a citizen typed, or a tracking
    code); the others are public and cacheable like any portal page.
    """
    path = request.url.path.removeprefix(request.scope.get("root_path", ""))
    response = pages._page(request, data, template, "vi", alternates={"vi": path}, **extra)
    if private or request.method == "POST":
        response.headers["Cache-Control"] = NO_STORE
        if "etag" in response.headers:
            del response.headers["ETag"]
    if response.status_code == 200:  # a 304 stays a 304
        response.status_code = status
    return response
