"""Reading the workspace's plain forms: sizes bounded, same-origin only."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request

MAX_FIELDS = 12
# Far above the API's own limits (the API answers with a field error), but bounded.
MAX_TEXT = 600_000
SAFE_FETCH_SITES = frozenset({"same-origin", "none"})


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
