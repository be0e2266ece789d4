"""The whole-page cache of the portals, emptied by outbox events.

Anonymous GET requests for portal pages are answered from memory once
rendered. When an event says an article (or a placement) changed, every page
of each portal that shows it — its owner and the portals its placements reach
— is dropped, in every process (each follows the outbox,
:mod:`hub.events.follower`), within the notifier's wake-up delay; no other
portal's pages are touched. Entries also expire after ``max_age`` seconds, for
changes that emit no event yet (tenant contact data, categories).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.events.contract import declare
from hub.events.follower import Listener
from hub.events.models import Event
from hub.events.outbox import CITIZEN_EVENTS, EventType
from hub.models.syndication import Placement, Reach
from tenants.models import Tenant, TenantClosure
from tenants.scope import TENANT_KEY

logger = logging.getLogger("thudo.cache")
SKIP_PREFIXES = ("/graphql", "/media/", "/static/", "/healthz", "/dang-nhap", "/dang-xuat")
MAX_BODY = 2 * 1024 * 1024


@dataclass
class CachedPage:
    tenant_id: int
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes
    stored_at: float


class PageCache:
    """A bounded LRU of rendered pages, grouped by tenant for eviction."""

    def __init__(self, max_entries: int, max_age: float = 300.0) -> None:
        self.max_entries = max_entries
        self.max_age = max_age
        self._pages: OrderedDict[tuple[Any, ...], CachedPage] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> CachedPage | None:
        page = self._pages.get(key)
        if page is None:
            return None
        if time.monotonic() - page.stored_at > self.max_age:
            del self._pages[key]
            return None
        self._pages.move_to_end(key)
        return page

    def put(self, key: tuple[Any, ...], page: CachedPage) -> None:
        self._pages[key] = page
        self._pages.move_to_end(key)
        while len(self._pages) > self.max_entries:
            self._pages.popitem(last=False)

    def evict_tenants(self, tenant_ids: set[int]) -> int:
        stale = [key for key, page in self._pages.items() if page.tenant_id in tenant_ids]
        for key in stale:
            del self._pages[key]
        return len(stale)

    def __len__(self) -> int:
        return len(self._pages)


class PageCacheMiddleware:
    """Pure ASGI: serve anonymous portal pages from the cache, store what is public."""

    def __init__(self, app: ASGIApp, cache: PageCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        tenant = scope.get(TENANT_KEY)
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or tenant is None
            or scope["path"][len(scope.get("root_path", "")) :].startswith(SKIP_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", ()))
        if (
            b"authorization" in headers
            or b"range" in headers
            or b"thudo_session" in headers.get(b"cookie", b"")
        ):
            await self.app(scope, receive, send)  # people signed in see the page as it is
            return
        key = (
            scope.get("root_path", ""),
            scope["path"],
            scope.get("query_string", b""),
            headers.get(b"host", b""),
        )
        page = self.cache.get(key)
        if page is not None:
            await self._replay(page, headers, scope["method"], send)
            return
        await self._render_and_store(scope, receive, send, key, tenant.id)

    async def _replay(
        self, page: CachedPage, headers: dict[bytes, bytes], method: str, send: Send
    ) -> None:
        if page.etag and page.etag in headers.get(b"if-none-match", b""):
            kept = [(k, v) for k, v in page.headers if k in (b"etag", b"cache-control", b"vary")]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(
            {
                "type": "http.response.start",
                "status": page.status,
                "headers": [*page.headers, (b"x-cache", b"hit")],
            }
        )
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else page.body})

    async def _render_and_store(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[Any, ...], tenant_id: int
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body") and _cacheable(start, size):
                    headers = list(start.get("headers", []))
                    etag = dict(headers).get(b"etag", b"")
                    self.cache.put(
                        key,
                        CachedPage(
                            tenant_id,
                            start["status"],
                            headers,
                            b"".join(chunks),
                            etag,
                            time.monotonic(),
                        ),
                    )
            await send(message)

        await self.app(scope, receive, capture)


def _cacheable(start: Message, size: int) -> bool:
    headers = dict(start.get("headers", []))
    return (
        start["status"] == 200
        and size <= MAX_BODY
        and headers.get(b"cache-control", b"").startswith(b"public")
        and b"set-cookie" not in headers
    )


async def tenants_reached(target_id: int, reach: str, levels: list[str]) -> set[int]:
    """The portals a placement shows on."""
    if reach == Reach.SELF:
        ids = {target_id}
    else:
        below = TenantClosure.filter(ancestor_id=target_id)
        below = (
            below.filter(distance=1) if reach == Reach.CHILDREN else below.filter(distance__gte=1)
        )
        ids = set(await below.values_list("descendant_id", flat=True))
    if levels and ids:
        ids = set(
            await Tenant.filter(id__in=list(ids), level__in=levels).values_list("id", flat=True)
        )
    return ids


async def neighbours(tenant_id: int) -> set[int]:
    """The units directly above and below a portal: their pages name it."""
    above = await TenantClosure.filter(descendant_id=tenant_id, distance=1).values_list(
        "ancestor_id", flat=True
    )
    below = await TenantClosure.filter(ancestor_id=tenant_id, distance=1).values_list(
        "descendant_id", flat=True
    )
    return {tenant_id, *above, *below}


async def affected_tenants(events: list[Event]) -> set[int]:
    """Every portal whose pages may show what these events changed."""
    affected: set[int] = set()
    for event in events:
        affected.add(event.tenant_id)
        if event.object_type == "Placement":
            p = event.payload
            affected |= await tenants_reached(p["target"], p["reach"], p.get("levels", []))
        elif event.object_type == "Tenant":
            affected |= await neighbours(event.tenant_id)
        elif event.object_type == "Article":
            for placement in await Placement.filter(
                article_id=event.object_id, revoked_at__isnull=True
            ):
                levels = [lv for lv in placement.levels.split(",") if lv]
                affected |= await tenants_reached(placement.target_id, placement.reach, levels)
    return affected


_OWNER = "drop every cached page of the event's portal"
CONTRACT = declare(
    "page-cache",
    {
        EventType.ARTICLE_PUBLISHED: f"{_OWNER} and of every portal its live placements reach",
        EventType.ARTICLE_UPDATED: f"{_OWNER} and of every portal its live placements reach",
        EventType.ARTICLE_UNPUBLISHED: f"{_OWNER} and of every portal its live placements reach",
        EventType.ARTICLE_ARCHIVED: f"{_OWNER} and of every portal its live placements reach",
        EventType.PLACEMENT_CREATED: f"{_OWNER} and of every portal the placement reaches",
        EventType.PLACEMENT_REVOKED: f"{_OWNER} and of every portal the placement reached",
        EventType.PLACEMENT_RECEIPT_CHANGED: f"{_OWNER}, which is the receiver's: "
        "its choice changes only its own pages",
        EventType.DOCUMENT_PUBLISHED: _OWNER,
        EventType.DOCUMENT_UPDATED: f"{_OWNER} (a relation that changes another portal's "
        "document announces that document too)",
        EventType.DOCUMENT_UNPUBLISHED: _OWNER,
        EventType.GAZETTE_PUBLISHED: f"{_OWNER} (the stamped documents of other portals "
        "are not evicted by this event)",
        **{
            event_type: f"{_OWNER}: its lists and counts of initiatives, consultations, "
            "requests and disclosures"
            for event_type in CITIZEN_EVENTS
        },
        EventType.TENANT_CHANGED: f"{_OWNER} and, for its settings (names, contact), of the "
        "units directly above and below it, whose pages name it",
    },
)


def page_cache_listener(cache: PageCache) -> Listener:
    """Drop the pages each batch of outbox events makes stale (for the outbox follower)."""

    async def evict(events: list[Event]) -> None:
        dropped = cache.evict_tenants(await affected_tenants(events))
        logger.debug("page cache: %s events, %s pages dropped", len(events), dropped)

    return evict
