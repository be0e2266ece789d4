"""`/healthz` (the process is alive) and `/readyz` (it can serve: its dependencies answer).

`/readyz` answers 200 only when, each within ``CHECK_SECONDS``:

- the database answers ``SELECT 1``;
- the search backend answers (Typesense: its collection; the `db` backends
  live in the database just checked);
- the media storage can store files (the folder exists and is writable).

Otherwise 503 with the parts that failed, by name only (the reasons go to the
log, logger `thudo.readiness`, not to whoever asks). The checks run in
parallel and cost one statement; nothing is cached, so a load balancer sees a
database outage on its next probe.

Both are answered by :class:`ProbeMiddleware`, ahead of tenant resolution:
resolving a host may need the database, and a probe must answer (alive, or
503 naming the database) exactly when the database is gone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from tortoise import Tortoise

from hub.services.search import SearchService
from hub.storage import Storage

CHECK_SECONDS = 3.0
NO_STORE = {"Cache-Control": "no-store"}
logger = logging.getLogger("thudo.readiness")


async def health(request: Request) -> Response:
    """Liveness: the process serves requests. Touches nothing else."""
    return JSONResponse({"status": "ok"}, headers=NO_STORE)


async def database_ready() -> None:
    await Tortoise.get_connection("default").execute_query("SELECT 1")


def readiness_endpoint(
    search: SearchService, storage: Storage
) -> Callable[[Request], Awaitable[Response]]:
    """The `/readyz` handler for this process's search service and storage."""

    async def search_ready() -> None:
        backend = await search.backend()
        if backend.name == "typesense":  # the db backends are the database itself
            await backend.count()

    checks: dict[str, Callable[[], Awaitable[None]]] = {
        "database": database_ready,
        "search": search_ready,
        "storage": storage.ready,
    }

    async def run(name: str, check: Callable[[], Awaitable[None]]) -> str | None:
        try:
            await asyncio.wait_for(check(), CHECK_SECONDS)
        except Exception as error:  # any failure means "not ready", whatever its kind
            logger.warning("not ready: %s: %s: %s", name, type(error).__name__, error)
            return name
        return None

    async def ready(request: Request) -> Response:
        results = await asyncio.gather(*(run(name, check) for name, check in checks.items()))
        failed = [name for name in results if name is not None]
        if failed:
            return JSONResponse(
                {"status": "unavailable", "failed": failed}, status_code=503, headers=NO_STORE
            )
        return JSONResponse({"status": "ready"}, headers=NO_STORE)

    return ready


class ProbeMiddleware:
    """Answers `/healthz` and `/readyz` before anything else runs (pure ASGI)."""

    def __init__(self, app: ASGIApp, search: SearchService, storage: Storage) -> None:
        self.app = app
        self.handlers: dict[str, Callable[[Request], Awaitable[Response]]] = {
            "/healthz": health,
            "/readyz": readiness_endpoint(search, storage),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = self.handlers.get(scope["path"]) if scope["type"] == "http" else None
        if handler is None:
            await self.app(scope, receive, send)
            return
        response = await handler(Request(scope, receive))
        await response(scope, receive, send)
