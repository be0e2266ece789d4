"""The workspace's frame: who is signed in, which portal, the layout, the dashboard.

Every screen starts with :meth:`Workspace.session`, which runs the
`Workspace` operation as the request's viewer: anonymous people are sent to
`/dang-nhap?next=…`, people with no role in this portal get a 403 page, and
the rest get a :class:`Screen` that knows their permissions here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from frontends.admin.bundles import editor_built
from frontends.admin.client import WorkspaceClient
from frontends.admin.messages import ROLE_LABELS, STATUS_LABELS, STEP_BUTTONS, STEP_DONE
from frontends.rendering import PageEnvironment, local_date, markup_gettext
from hub.i18n import translations
from tenants.scope import TENANT_SLUG_KEY

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
PREFIX = "/quan-tri"
NO_STORE = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}
LANGUAGES = (("vi", PREFIX), ("en", f"{PREFIX}/en"))

PortalUrlFor = Callable[[Request], Callable[[str], str]]


@dataclass
class Screen:
    """One workspace request: the viewer, the portal and what the viewer may do there."""

    request: Request
    language: str
    viewer: dict[str, Any]
    tenant: dict[str, Any]
    roles: list[str]
    permissions: frozenset[str]

    @property
    def slug(self) -> str:
        return str(self.tenant["slug"])

    @property
    def root(self) -> str:
        """The portal's own root (with the `/_t/<slug>` prefix in development)."""
        return self.request.scope.get("root_path", "")

    @property
    def base(self) -> str:
        """Where this language's workspace starts, without a trailing slash."""
        return self.root + (PREFIX if self.language == "vi" else f"{PREFIX}/en")

    def may(self, permission: str) -> bool:
        return bool(self.viewer["isSuperuser"]) or permission in self.permissions


Handler = Callable[[Screen], Awaitable[Response]]
# Turns a screen handler into a route endpoint in the route's language.
Page = Callable[[Handler], Callable[[Request], Awaitable[Response]]]


class Workspace:
    """Routes and rendering of `/quan-tri/` (and `/quan-tri/en/`)."""

    def __init__(self, client: WorkspaceClient, portal_url_for: PortalUrlFor) -> None:
        self.client = client
        self.portal_url_for = portal_url_for
        self._envs: dict[str, PageEnvironment] = {}

    # -- rendering -------------------------------------------------------------

    def _env(self, language: str) -> PageEnvironment:
        env = self._envs.get(language)
        if env is None:
            env = PageEnvironment(
                loader=FileSystemLoader(TEMPLATES_DIR),
                autoescape=select_autoescape(["html"]),
                trim_blocks=True,
                lstrip_blocks=True,
                auto_reload=False,
            )
            env.filters["local_date"] = local_date
            env.globals["_"] = markup_gettext(translations(language))
            env.globals["STATUS_LABELS"] = STATUS_LABELS
            env.globals["ROLE_LABELS"] = ROLE_LABELS
            env.globals["STEP_BUTTONS"] = STEP_BUTTONS
            env.globals["STEP_DONE"] = STEP_DONE
            env.globals["editor_built"] = editor_built
            self._envs[language] = env
        return env

    def render(
        self, screen: Screen | None, name: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        language = screen.language if screen is not None else context.pop("language", "vi")
        html = (
            self._env(language)
            .get_template(name)
            .render(language=language, screen=screen, **context)
        )
        return HTMLResponse(html, status, headers=NO_STORE)

    def other_language_url(self, screen: Screen) -> str:
        """The same screen in the other language."""
        path = screen.request.url.path
        root = screen.root
        rest = path[len(root) :] if root and path.startswith(root) else path
        if screen.language == "vi":
            rest = f"{PREFIX}/en" + rest[len(PREFIX) :]
        else:
            rest = PREFIX + rest[len(f"{PREFIX}/en") :]
        query = screen.request.url.query
        return root + rest + (f"?{query}" if query else "")

    # -- the session -----------------------------------------------------------

    async def session(self, request: Request, language: str) -> Screen | Response:
        """The request's :class:`Screen`, or the response that replaces the screen."""
        if request.scope.get(TENANT_SLUG_KEY) is None:
            return self.render(None, "message.html", 404, language=language, kind="no_portal")
        data = await self.client.run("Workspace", {}, request)
        viewer, tenant = data["viewer"], data["tenant"]
        if viewer is None:
            root = request.scope.get("root_path", "")
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(
                f"{root}/dang-nhap?next={quote(target, safe='/')}", 303, headers=NO_STORE
            )
        membership = next(
            (m for m in viewer["memberships"] if m["tenant"]["slug"] == tenant["slug"]), None
        )
        screen = Screen(
            request=request,
            language=language,
            viewer=viewer,
            tenant=tenant,
            roles=membership["roles"] if membership else [],
            permissions=frozenset(membership["permissions"] if membership else ()),
        )
        if membership is None and not viewer["isSuperuser"]:
            return self.layout(screen, "message.html", 403, kind="no_role")
        return screen

    def layout(self, screen: Screen, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        """A screen inside the workspace's header and navigation."""
        return self.render(
            screen,
            name,
            status,
            portal_url=self.portal_url_for(screen.request),
            other_language_url=self.other_language_url(screen),
            **context,
        )

    def screen(self, handler: Handler, language: str) -> Callable[[Request], Awaitable[Response]]:
        """A route endpoint that runs ``handler`` once the session is settled."""

        async def endpoint(request: Request) -> Response:
            screen = await self.session(request, language)
            if isinstance(screen, Response):
                return screen
            return await handler(screen)

        return endpoint

    # -- the dashboard -----------------------------------------------------------

    async def dashboard(self, screen: Screen) -> Response:
        variables = {"tenant": screen.slug}
        queues = await self.client.run("Dashboard", variables, screen.request)
        offers: list[dict[str, Any]] = []
        if screen.may("article_publish"):  # only publishers accept or decline offers
            data = await self.client.run("DashboardOffers", variables, screen.request)
            offers = data["placementOffers"]
        return self.layout(screen, "dashboard.html", queues=queues, offers=offers)

    # -- routes ----------------------------------------------------------------

    def routes(self) -> list[BaseRoute]:
        """Every workspace route, in both languages: the frame's own and each section's."""
        from frontends.admin.sections import SECTIONS

        sections = [section(self) for section in SECTIONS]
        routes: list[BaseRoute] = [
            Mount(f"{PREFIX}/static", StaticFiles(directory=STATIC_DIR), name="workspace_static"),
            Route(PREFIX, self._slash),
        ]
        for language, prefix in LANGUAGES:
            routes.append(Route(f"{prefix}/", self.screen(self.dashboard, language)))
            for section in sections:
                routes += section.routes(prefix, partial(self.screen, language=language))
        routes.append(Route(f"{PREFIX}/en", self._slash))
        return routes

    async def _slash(self, request: Request) -> Response:
        return RedirectResponse(request.scope.get("root_path", "") + request.url.path + "/", 308)
