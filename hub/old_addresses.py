"""Old addresses live on: a 301 from an imported item's old URL to its new page.

The importers record every old URL of an item as an :class:`OldAddress`
(normalised by :func:`address_key`). :class:`OldAddressMiddleware` answers
such a URL only when **no current page answers it**: it lets the request
through and looks the path up only when the response starts with a 404 (or
the router's 307 that only adds a trailing slash). A
page that answers pays nothing but the wrapped ``send`` (and a page served
from the page cache, which sits outside this middleware, not even that). The
one exception is the home page with a query string (``/?p=123``), looked up
first because the home page answers every query.

The lookup is one indexed query on ``(tenant, address)`` that joins the
target's current slug and section, so a redirect follows a later rename. The
target is on the request's portal, at its canonical host.
"""

from __future__ import annotations

import hashlib
from typing import Any, Protocol, cast
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontends.portal_hosts import is_public_hostname
from hub.models import Article, ContentStatus
from hub.models.documents import LegalDocument
from hub.models.imports import OldAddress
from hub.services.search_index import article_path
from hub.storage import MEDIA_URL_PREFIX, get_storage
from tenants.scope import TENANT_KEY

MAX_ADDRESS = 1000
# Answers after which an old address is looked up: nothing answers the path (404), or
# the router only adds a slash (307: `/trang.aspx?id=7` → `/trang.aspx/?id=7`), which
# would cost old one-segment addresses an extra hop before their 404.
_LOOK_UP = frozenset({404, 307})
# Query parameters that never identify a page (trackers), dropped from keys.
_NOISE = ("utm_", "fbclid", "gclid")
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def address_key(url: str) -> str:
    """The lookup key of an old URL: its path and sorted query, host and fragment dropped.

    Paths are compared in lower case, without a trailing slash and with one
    percent-encoding, because old portals (IIS, PHP) answered them that way:
    ``/Tin-Tuc/Bai%20Viet/`` and ``/tin-tuc/bai viet`` are the same address.
    """
    parts = urlsplit(url.strip())
    path = quote(unquote(parts.path or "/"), safe=_PATH_SAFE).lower()
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_NOISE)
    ]
    key = path + ("?" + urlencode(sorted(query)) if query else "")
    if len(key) > MAX_ADDRESS:
        # Over-long addresses keep their start, made unique by a digest of the whole.
        key = key[: MAX_ADDRESS - 65] + "#" + hashlib.sha256(key.encode()).hexdigest()
    return key


def request_keys(path: str, query_string: bytes) -> list[str]:
    """Keys a request may match: with its query first, then the bare path."""
    bare = address_key(path)
    if not query_string:
        return [bare]
    return [address_key(f"{path}?{query_string.decode('latin-1')}"), bare]


_TARGET_FIELDS = (
    "address",
    "article__slug",
    "article__language",
    "article__status",
    "article__category__slug",
    "article__category__slug_en",
    "category__slug",
    "asset__storage_key",
    "record__object_type",
    "record__object_id",
)


async def find_target(tenant_id: int, keys: list[str]) -> str | None:
    """The current path of what an old address named, or ``None`` (one indexed query)."""
    rows = await OldAddress.filter(tenant_id=tenant_id, address__in=keys).values(*_TARGET_FIELDS)
    if not rows:
        return None
    row = min(rows, key=lambda r: keys.index(r["address"]))
    if row["article__slug"] is not None:
        if row["article__status"] != ContentStatus.PUBLISHED:
            return None
        english = row["article__language"] == "en"
        section = row["article__category__slug_en"] if english else None
        section = section or row["article__category__slug"]
        return article_path(cast(Article, _Row(row)), section)
    if row["category__slug"] is not None:
        return f"/{row['category__slug']}/"
    if row["asset__storage_key"] is not None:
        return str(get_storage().url(row["asset__storage_key"]))
    if row["record__object_type"] == "document":
        # Legal documents: one more read by primary key (their pages live under /van-ban/).
        doc = await (
            LegalDocument.unscoped()
            .filter(id=row["record__object_id"], status=ContentStatus.PUBLISHED)
            .values("slug", "language")
        )
        if doc:
            home = "/en/documents/" if doc[0]["language"] == "en" else "/van-ban/"
            return home + doc[0]["slug"]
    return None


class _Row:
    """The two article attributes :func:`article_path` reads, from a values() row."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.slug = row["article__slug"]
        self.language = row["article__language"]


class PortalHosts(Protocol):
    """The front end's memory of each portal's canonical host (``frontends.portal_hosts``)."""

    async def refresh(self, request: Request) -> None: ...

    def host(self, slug: str) -> str: ...


class OldAddressMiddleware:
    """Pure ASGI: turn a portal's 404 into a 301 when the path is an imported old address.

    The home page with a query string is looked up before it answers, since
    old portals addressed articles as ``/?p=123``.

    The redirect names the portal's canonical host (``hosts``, the one place
    that chooses it); in development (the ``/_t/<slug>/`` prefix, a local
    host or an IP address) it stays on the host that was asked.
    """

    def __init__(self, app: ASGIApp, hosts: PortalHosts) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        tenant = scope.get(TENANT_KEY)
        if scope["type"] != "http" or tenant is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if scope["query_string"] and scope["path"] == scope.get("root_path", "") + "/":
            # Old CMSs addressed every article on the home page (`/?p=123`,
            # `/?option=com_content&id=7`), which answers 200 today: look those up first.
            location = await self._location(scope, tenant)
            if location is not None:
                await send(_redirect(location))
                await send({"type": "http.response.body", "body": b""})
                return
        redirected = False

        async def watch(message: Message) -> None:
            nonlocal redirected
            if redirected:
                return  # the 404 page's body, replaced by the redirect
            if message["type"] == "http.response.start" and message["status"] in _LOOK_UP:
                location = await self._location(scope, tenant)
                if location is not None:
                    redirected = True
                    await send(_redirect(location))
                    await send({"type": "http.response.body", "body": b""})
                    return
            await send(message)

        await self.app(scope, receive, watch)

    async def _location(self, scope: Scope, tenant: Any) -> str | None:
        root_path = scope.get("root_path", "")
        route_path = scope["path"][len(root_path) :] or "/"
        target = await find_target(tenant.id, request_keys(route_path, scope["query_string"]))
        if target is None:
            return None
        request = Request(scope)
        if target.startswith(MEDIA_URL_PREFIX):
            root_path = ""  # files are served on every host, outside the portal prefix
        if root_path.startswith("/_t/") or not is_public_hostname(request.url.hostname or ""):
            return root_path + target
        await self.hosts.refresh(request)
        return f"https://{self.hosts.host(tenant.slug)}{target}"


def _redirect(location: str) -> Message:
    return {
        "type": "http.response.start",
        "status": 301,
        "headers": [
            (b"location", quote(location, safe=":/?#[]@!$&'()*+,;=%-._~").encode("latin-1")),
            (b"content-length", b"0"),
            (b"cache-control", b"public, max-age=86400"),
        ],
    }
