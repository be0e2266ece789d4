"""The app factory: one Starlette app serving `/graphql`, sign-in and every portal."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from frontends.admin.client import WorkspaceClient
from frontends.admin.workspace import Workspace
from frontends.client import HubClient
from frontends.feeds import Feeds
from frontends.initiative_pages import InitiativePages
from frontends.legal_pages import LegalPages
from frontends.pages import Pages
from frontends.participation_pages import ParticipationPages
from frontends.rendering import Renderer
from frontends.search_page import SearchPage
from frontends.sitemaps import Sitemaps
from hub.auth.identity import SessionSigner
from hub.auth.routes import auth_routes
from hub.context import HubServices
from hub.db import close_database, open_database
from hub.events.dispatcher import run_consumers
from hub.events.follower import (
    Listener,
    follow_outbox,
    placement_reach_listener,
    watch_local_emits,
)
from hub.events.notifier import EventNotifier
from hub.graphql import schema, set_field_suggestions
from hub.graphql_http import GraphQLEndpoint
from hub.graphql_plans import QueryRunner
from hub.graphql_ws import SubscriptionEndpoint
from hub.i18n import bilingual
from hub.mail.message import mail_from
from hub.mail.sender import run_mail
from hub.mail.transports import transport_for
from hub.media_http import media_routes
from hub.models.placement_reach import PlacementReach
from hub.old_addresses import OldAddressMiddleware
from hub.page_cache import PageCache, PageCacheMiddleware, page_cache_listener
from hub.readiness import ProbeMiddleware
from hub.security_headers import SECURITY_HEADERS, SecurityHeadersMiddleware
from hub.services.gathering import gathering_consumer
from hub.services.preview import PreviewSigner
from hub.services.scheduler import run_scheduler
from hub.services.search import SearchService
from hub.services.search_index import search_consumer
from hub.settings import Settings, load_settings, require_strong_secrets
from hub.storage import configure_storage, storage_for
from hub.tenant_changes import tenant_change_listener
from hub.transport import InProcessTransport, SessionTransport
from hub.webhooks.service import run_webhooks
from resolvers.public_memory import PublicAnswers
from resolvers.row_memory import RowMemory, fetch_categories, fetch_media_assets
from tenants.directory import TenantDirectory
from tenants.middleware import TenantMiddleware

STATIC_DIR = Path(__file__).resolve().parent.parent / "frontends" / "static"


def _log_to_console() -> None:
    """The hub's own messages (scheduler, events) on stderr, beside uvicorn's, once."""
    hub_logger = logging.getLogger("thudo")
    if not hub_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
        hub_logger.addHandler(handler)
        hub_logger.setLevel(logging.INFO)


def create_app(settings: Settings | None = None, *, manage_database: bool = True) -> Starlette:
    """Build the hub. ``manage_database=False`` when the caller opened Tortoise (tests)."""
    settings = settings or load_settings()
    _log_to_console()
    # Fails closed: no strong key, no app (a public default once forged superusers).
    require_strong_secrets(settings)
    # Mail settings fail at start, not at the first mail: a bad mode, a password
    # without TLS, or a sender that is not an address.
    transport_for(settings)
    mail_from(settings)
    directory = TenantDirectory(settings.base_domain, settings.tenant_cache_seconds)
    # Every key verifies, the current one signs: a rotation signs no one out.
    signer = SessionSigner(settings.signing_keys)
    notifier = EventNotifier(settings.database_url)
    # Which portals receive placements: remembered as long as the tenant directory
    # (0 = always ask the database), forgotten on every placement event.
    # Sections by id: public rows, kept as long as the tenant directory too.
    # Public lists (sections, units) and cover pictures for anonymous readers: the same.
    reach = categories = media_assets = public_answers = None
    if settings.tenant_cache_seconds > 0:
        ttl = settings.tenant_cache_seconds
        reach = PlacementReach(ttl)
        watch_local_emits(reach)  # this process's own writes: forgotten before they commit
        categories = RowMemory(fetch_categories, ttl)
        media_assets = RowMemory(fetch_media_assets, ttl)
        public_answers = PublicAnswers(ttl)
    services = HubServices(
        directory,
        PreviewSigner(settings.signing_keys),
        notifier,
        SearchService(settings.search_backend),
        placement_reach=reach,
        categories=categories,
        media_assets=media_assets,
        public_answers=public_answers,
    )
    runner = QueryRunner(schema)  # one plan cache for the API and the pages
    pages = Pages(
        HubClient(InProcessTransport(runner, services)),
        Renderer(),
        settings.base_domain,
        hosts_ttl_seconds=settings.tenant_cache_seconds,
    )
    # The editors' workspace runs its operations as the signed-in viewer.
    workspace = Workspace(
        WorkspaceClient(SessionTransport(runner, services, signer)), pages.portal_url_for
    )
    graphql = GraphQLEndpoint(runner, signer, services, settings.max_query_bytes)
    subscriptions = SubscriptionEndpoint(schema, signer, services, settings.max_query_bytes)
    # "Did you mean …?" reads the schema out to a prober: development only.
    set_field_suggestions(schema, settings.debug)
    cache = PageCache(settings.page_cache_entries) if settings.page_cache_entries > 0 else None
    # One store per process: services and resolvers reach it through hub.storage.
    storage = storage_for(settings)
    configure_storage(storage)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_database:
            await open_database(settings)
        await notifier.start()
        # One outbox follower feeds every in-memory cache of this process.
        listeners: list[Listener] = []
        if cache is not None:
            # First: a changed portal's rows are read again before its pages are.
            listeners.append(tenant_change_listener(directory, (categories, public_answers)))
            listeners.append(page_cache_listener(cache))
        if reach is not None:
            listeners.append(placement_reach_listener(reach))
        follower = asyncio.create_task(follow_outbox(listeners, notifier)) if listeners else None
        scheduler = webhooks = mail = None
        if manage_database and settings.scheduler_seconds > 0:
            scheduler = asyncio.create_task(run_scheduler(settings.scheduler_seconds))
        indexer = None
        if manage_database:
            webhooks = asyncio.create_task(run_webhooks(notifier))
            mail = asyncio.create_task(run_mail(settings, notifier))
            consumers = [search_consumer(await services.search.backend()), gathering_consumer()]
            indexer = asyncio.create_task(run_consumers(consumers, notifier, poll_seconds=1.0))
            # A serving process: its start-up heap (schema, templates, models) never dies,
            # so keep the cyclic collector from walking it again on every full
            # collection (measured: 0.50 → 0.14 ms of collection per home page).
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            for task in (scheduler, follower, webhooks, mail, indexer):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
            await notifier.stop()
            await services.search.close()
            if manage_database:
                await close_database()

    async def server_error(request: Request, exc: Exception) -> Response:
        # Sent outside the middleware stack (Starlette's ServerErrorMiddleware): the
        # security headers are added here.
        return JSONResponse(
            {"error": bilingual("server_error")}, status_code=500, headers=dict(SECURITY_HEADERS)
        )

    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", subscriptions),
        *media_routes(storage),
        *auth_routes(signer),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        *workspace.routes(),  # before the pages: `/quan-tri/…` is not a category
        *Sitemaps(pages).routes(),
        *Feeds(pages).routes(),
        *LegalPages(pages).routes(),
        *SearchPage(pages).routes(),
        *InitiativePages(pages).routes(),
        *ParticipationPages(pages).routes(),
        *pages.routes(),
    ]
    app = Starlette(
        debug=settings.debug,
        routes=routes,
        middleware=[
            # Outermost: cached pages, redirects and 404s get the headers too.
            Middleware(SecurityHeadersMiddleware),
            # Before tenant resolution, which may need the database the probes report on.
            Middleware(ProbeMiddleware, search=services.search, storage=storage),
            Middleware(TenantMiddleware, directory=directory),
            *([Middleware(PageCacheMiddleware, cache=cache)] if cache is not None else []),
            # Inside the page cache: a cached page never reaches it; only a 404 looks up.
            Middleware(OldAddressMiddleware, hosts=pages.hosts),
        ],
        lifespan=lifespan,
        exception_handlers={500: server_error},
    )
    app.state.settings = settings
    app.state.directory = directory
    app.state.page_cache = cache
    app.state.query_runner = runner
    app.state.placement_reach = reach
    return app
