"""Security headers on every HTTP response, as one pure-ASGI middleware.

The header list is built once, at start-up; per response the middleware only
appends it to the response's own headers (a header the response already set,
such as GraphiQL's own CSP, wins). No database work, no per-request parsing.

- ``Content-Security-Policy``: scripts and styles from the hub itself only,
  no inline script (the pages' JSON-LD ``<script type="application/ld+json">``
  blocks are data, which CSP does not run or block); pictures from anywhere
  over https (article bodies may show them); frames only from the
  click-to-load players' providers; ``frame-ancestors 'none'``, so no site can
  frame a portal or the sign-in page (clickjacking); ``form-action 'self'``.
- ``X-Frame-Options: DENY`` for browsers without CSP level 2.
- ``X-Content-Type-Options: nosniff``; ``Referrer-Policy:
  strict-origin-when-cross-origin``.

HSTS belongs to the TLS proxy, which knows the site is served over HTTPS
(docs/deploy.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.text.embeds import frame_origins

PORTAL_CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https:",
        "media-src 'self'",
        f"frame-src {' '.join(frame_origins())}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", PORTAL_CSP),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
)


class SecurityHeadersMiddleware:
    """Appends :data:`SECURITY_HEADERS` to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp, headers: Sequence[tuple[str, str]] = SECURITY_HEADERS) -> None:
        self.app = app
        self.headers = [
            (name.encode("latin-1"), value.encode("latin-1")) for name, value in headers
        ]
        self.names = frozenset(name for name, _ in self.headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = list(message.get("headers", ()))
                present = {name.lower() for name, _ in own} & self.names
                extra = (
                    [h for h in self.headers if h[0] not in present] if present else self.headers
                )
                # A new message: a cached response's stored one must stay as it was.
                message = {**message, "headers": own + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)
