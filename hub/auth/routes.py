"""Browser sign-in and sign-out; sets or clears the signed session cookie."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from hub.auth.identity import SESSION_COOKIE, SESSION_MAX_AGE, SessionSigner, authenticate_password
from hub.i18n import gettext

MAX_FIELD = 256


def auth_routes(signer: SessionSigner) -> list[Route]:
    async def login(request: Request) -> Response:
        error = ""
        if request.method == "POST":
            form = await request.form(max_files=0, max_fields=5)
            username = str(form.get("username", ""))[:MAX_FIELD]
            password = str(form.get("password", ""))[:MAX_FIELD]
            user = await authenticate_password(username, password)
            if user is not None:
                response = RedirectResponse(after_sign_in(request), status_code=303)
                response.set_cookie(
                    SESSION_COOKIE,
                    signer.dumps(user.id),
                    max_age=SESSION_MAX_AGE,
                    httponly=True,
                    samesite="lax",
                    # Behind the TLS proxy the scheme comes from X-Forwarded-Proto.
                    secure=request.url.scheme == "https",
                )
                return response
            error = gettext("vi", "Wrong username or password.") + " / Wrong username or password."
        return HTMLResponse(_login_page(error), status_code=401 if error else 200)

    async def logout(request: Request) -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    return [
        Route("/dang-nhap", login, methods=["GET", "POST"]),
        Route("/dang-xuat", logout, methods=["POST"]),
    ]


def _login_page(error: str) -> str:
    title = gettext("vi", "Sign in")
    user = gettext("vi", "Username")
    pw = gettext("vi", "Password")
    alert = f'<p role="alert" class="error">{error}</p>' if error else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Thủ Đô Hub</title><link rel="stylesheet" href="/static/portal.css"></head>
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
