"""Reading the workspace's plain forms: sizes bounded, same-origin only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request

from hub.graphql_http import BodyTooLarge, LimitedReceive, upload_body_limit

MAX_FIELDS = 12
# Far above the API's own limits (the API answers with a field error), but bounded.
MAX_TEXT = 600_000
SAFE_FETCH_SITES = frozenset({"same-origin", "none"})
TOO_LARGE = "Tệp gửi lên quá lớn. / The uploaded file is too large."


def same_origin(request: Request) -> bool:
    """False when the browser says another site sent this form (CSRF).

    The same rule as the sign-in form's (``Sec-Fetch-Site``, else ``Origin``
    against ``Host``); a request with neither comes from no browser and so
    carries no victim's cookie.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in SAFE_FETCH_SITES
    origin = request.headers.get("origin")
    if origin is None:
        return True
    try:
        return (
            origin != "null"
            and urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()
        )
    except ValueError:
        return False


async def read_form(request: Request, max_fields: int = MAX_FIELDS) -> dict[str, str]:
    """The posted fields as text, each cut to a bound; files are refused by Starlette."""
    form = await request.form(max_files=0, max_fields=max_fields)
    return {k: str(v)[:MAX_TEXT] for k, v in form.items() if isinstance(v, str)}


def upload_request(request: Request) -> Request:
    """``request`` with its body bounded by the limit `/graphql` sets for uploads, for
    the forms that take a file: a larger body stops with 413 before it is all read."""
    limit = upload_body_limit()
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise HTTPException(413, TOO_LARGE)
    receive = LimitedReceive(request.receive, limit)

    async def bounded() -> Any:
        try:
            return await receive()
        except BodyTooLarge:
            raise HTTPException(413, TOO_LARGE) from None

    return Request(request.scope, bounded)
