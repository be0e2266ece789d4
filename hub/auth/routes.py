"""Browser sign-in and sign-out; sets or clears the signed session cookie.

- **CSRF.** Both forms are refused (403, bilingual) when the browser says the
  request came from another origin: ``Sec-Fetch-Site`` other than
  ``same-origin`` or ``none``, or, from a browser too old to send it, an
  ``Origin`` whose host is not the request's. A request with neither header
  comes from no browser (curl, a script), which carries no victim's cookies,
  and is let through. No token is needed, so the editors' workspace and any
  page may simply post to `/dang-nhap` and `/dang-xuat`. The rule is Go's
  ``http.CrossOriginProtection``; every browser in use sends ``Origin`` on a
  POST, and the ones of the last five years ``Sec-Fetch-Site`` too.
- **Throttling** per account name and per address (`hub/auth/throttle.py`).
- **No enumeration**: an unknown name costs the same Argon2 work as a wrong
  password, off the event loop (`hub/auth/passwords.py`).
- **Sign-out ends the session on the server** (the user's session generation
  goes up), so a copied cookie stops working too.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from hub.auth import throttle
from hub.auth.identity import (
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    SessionSigner,
    authenticate_password,
    end_sessions,
)
from hub.i18n import bilingual, gettext

MAX_FIELD = 256
SAFE_FETCH_SITES = frozenset({"same-origin", "none"})
# The sign-in page's own security headers; the app's middleware adds the rest.
NO_STORE = {"Cache-Control": "no-store"}


def same_origin_request(request: Request) -> bool:
    """False when the browser reports that another site sent this form (CSRF)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in SAFE_FETCH_SITES
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser: it has no one's cookies to misuse
    host = request.headers.get("host", "")
    try:
        return origin != "null" and urlsplit(origin).netloc.lower() == host.lower()
    except ValueError:
        return False


def auth_routes(signer: SessionSigner) -> list[Route]:
    async def login(request: Request) -> Response:
        if request.method != "POST":
            return HTMLResponse(_login_page(""), headers=NO_STORE)
        if not same_origin_request(request):
            return HTMLResponse(
                _login_page(escape(bilingual("cross_site_form"))), 403, headers=NO_STORE
            )
        try:
            form = await request.form(max_files=0, max_fields=5)
        except HTTPException:  # files, too many fields, a broken multipart body
            return HTMLResponse(
                _login_page(escape(bilingual("bad_request"))), 400, headers=NO_STORE
            )
        username = str(form.get("username", ""))[:MAX_FIELD]
        password = str(form.get("password", ""))[:MAX_FIELD]
        keys = throttle.keys_for(username, request.client.host if request.client else None)
        wait = await throttle.seconds_to_wait(keys)
        if wait > 0:
            # Refused before any Argon2 work: a flood costs neither CPU nor guesses.
            headers = {**NO_STORE, "Retry-After": str(int(wait) + 1)}
            page = _login_page(escape(bilingual("too_many_sign_ins")))
            return HTMLResponse(page, 429, headers=headers)
        user = await authenticate_password(username, password)
        if user is None:
            await throttle.record_failure(keys)
            error = gettext("vi", "Wrong username or password.") + " / Wrong username or password."
            return HTMLResponse(_login_page(error), 401, headers=NO_STORE)
        await throttle.record_success(keys)
        response = RedirectResponse(after_sign_in(request), status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            signer.dumps(user.id, user.session_generation),
            max_age=SESSION_MAX_AGE,
            httponly=True,
            samesite="lax",
            # Behind the TLS proxy the scheme comes from X-Forwarded-Proto.
            secure=request.url.scheme == "https",
        )
        return response

    async def logout(request: Request) -> Response:
        if not same_origin_request(request):
            return HTMLResponse(
                _message_page(escape(bilingual("cross_site_form"))), 403, headers=NO_STORE
            )
        cookie = request.cookies.get(SESSION_COOKIE)
        claim = signer.read(cookie) if cookie else None
        if claim is not None:
            await end_sessions(*claim)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    return [
        Route("/dang-nhap", login, methods=["GET", "POST"]),
        Route("/dang-xuat", logout, methods=["POST"]),
    ]


def _head(title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Thủ Đô Hub</title><link rel="stylesheet" href="/static/portal.css"></head>"""


def _message_page(message: str) -> str:
    title = gettext("vi", "Sign in")
    return f"""{_head(title)}
<body><main class="wrap"><p role="alert" class="error">{message}</p>
<p><a href="/dang-nhap">{title}</a></p></main></body></html>"""


def _login_page(error: str) -> str:
    title = gettext("vi", "Sign in")
    user = gettext("vi", "Username")
    pw = gettext("vi", "Password")
    alert = f'<p role="alert" class="error">{error}</p>' if error else ""
    return f"""{_head(title)}
<body><main class="wrap"><h1>{title}</h1>{alert}
<form method="post">
<p><label for="username">{user}</label><br><input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">{pw}</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">{title}</button></p>
</form></main></body></html>"""


def after_sign_in(request: Request) -> str:
    """Where a successful sign-in goes: the page that sent the person here
    (`?next=`, a path on this site only, never another host), else the
    editors' workspace of this portal."""
    target = request.query_params.get("next", "")
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and len(target) <= 2000
        and not any(ord(c) < 32 for c in target)
    ):
        return target
    return request.scope.get("root_path", "") + "/quan-tri/"
