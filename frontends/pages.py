"""The portal's public pages: home, category, article (Vietnamese and `/en/`)."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from frontends.client import HubClient, HubError
from frontends.rendering import Renderer
from hub.i18n import HTTP_ERRORS, gettext
from tenants.scope import TENANT_LEVEL_KEY, TENANT_SLUG_KEY

CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=60"


PortalHandler = Callable[[Request, str, str], Awaitable[Response]]


class Pages:
    def __init__(self, client: HubClient, renderer: Renderer, base_domain: str) -> None:
        self.client = client
        self.renderer = renderer
        self.base_domain = base_domain

    def portal_url_for(self, request: Request) -> Any:
        """Links to other portals: their own host, or `/_t/<slug>/` in development."""
        host = request.headers.get("host", "").split(":")[0]
        on_base = host == self.base_domain or host.endswith("." + self.base_domain)
        dev = request.scope.get("root_path", "").startswith("/_t/") or not on_base

        def portal_url(slug: str) -> str:
            return f"/_t/{slug}/" if dev else f"https://{slug}.{self.base_domain}/"

        return portal_url

    def routes(self) -> list[Route]:
        page = self.portal_route
        return [
            page("/", self._home, "vi"),
            page("/so-do-trang", self._site_map, "vi"),
            page("/xem-truoc/{token}", self._preview, "vi"),
            page("/tac-gia/{author}", self._author, "vi"),
            page("/en/author/{author}", self._author, "en"),
            page("/en/", self._home, "en", name="home_en"),
            page("/en/site-map", self._site_map, "en"),
            Route("/en", lambda r: RedirectResponse(r.url_for("home_en"), 308), name="en_bare"),
            page("/en/{category}/", self._category, "en"),
            page("/en/{category}/{slug}", self._article, "en"),
            page("/{category}/", self._category, "vi"),
            page("/{category}/{slug}", self._article, "vi"),
        ]

    def portal_route(
        self, path: str, handler: PortalHandler, language: str, name: str | None = None
    ) -> Route:
        """A route of a portal page: one place answers 404 when no portal serves the host."""

        async def endpoint(request: Request) -> Response:
            slug: str | None = request.scope.get(TENANT_SLUG_KEY)
            if slug is None:
                return self.not_found(request, "unknown_portal")
            return await handler(request, slug, language)

        return Route(path, endpoint, name=name)

    async def _home(self, request: Request, slug: str, language: str) -> Response:
        variables = {
            "tenant": slug,
            "language": language.upper(),
            "withUnits": request.scope.get(TENANT_LEVEL_KEY) == "city",
        }
        data = await self.client.run("HomePage", variables, request)
        if not self._edition_exists(data, language):
            return self.not_found(request, "not_found", data)
        return self._page(request, data, "home.html", language)

    async def _author(self, request: Request, slug: str, language: str) -> Response:
        """A writer's page: name, a few words, their articles on this portal."""
        variables = {
            "tenant": slug,
            "author": request.path_params["author"],
            "language": language.upper(),
            "after": request.query_params.get("sau"),
        }
        try:
            data = await self.client.run("AuthorPage", variables, request)
        except HubError as exc:
            if exc.codes & {"INVALID_CURSOR", "INVALID_SLUG"}:
                return self.not_found(request, "not_found")
            raise
        if data["author"] is None or not self._edition_exists(data, language):
            return self.not_found(request, "not_found", data)
        return self._page(request, data, "author.html", language, author=data["author"])

    async def _preview(self, request: Request, slug: str, language: str) -> Response:
        """A draft through a signed link: never cached, never indexed, on its own portal only."""
        token = request.path_params["token"]
        data = await self.client.run(
            "ArticlePreviewPage", {"tenant": slug, "token": token}, request
        )
        article = data["article"]
        if article is None or article["owner"]["slug"] != slug:
            return self.not_found(request, "not_found", data)
        language = article["language"].lower()
        response = self._page(
            request,
            data,
            "article.html",
            language,
            article=article,
            kind_labels=kind_labels(language),
            preview=True,
        )
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    async def _site_map(self, request: Request, slug: str, language: str) -> Response:
        data = await self.client.run("SiteMapPage", {"tenant": slug}, request)
        if not self._edition_exists(data, language):
            return self.not_found(request, "not_found", data)
        return self._page(request, data, "site_map.html", language)

    async def _category(self, request: Request, slug: str, language: str) -> Response:
        wanted = request.path_params["category"]
        variables = {
            "tenant": slug,
            "category": wanted,
            "language": language.upper(),
            "after": request.query_params.get("sau"),
        }
        try:
            data = await self.client.run("CategoryPage", variables, request)
        except HubError as exc:
            if exc.codes & {"INVALID_SLUG", "INVALID_CURSOR"}:
                return self.not_found(request, "not_found")
            raise
        slug_key = "slugEn" if language == "en" else "slug"
        category = next(
            (c["node"] for c in data["categories"]["edges"] if c["node"][slug_key] == wanted), None
        )
        if category is None or not self._edition_exists(data, language):
            return self.not_found(request, "not_found", data)
        return self._page(request, data, "category.html", language, category=category)

    async def _article(self, request: Request, slug: str, language: str) -> Response:
        variables = {
            "tenant": slug,
            "slug": request.path_params["slug"],
            "language": language.upper(),
        }
        try:
            data = await self.client.run("ArticlePage", variables, request)
        except HubError as exc:
            if "INVALID_SLUG" in exc.codes:
                return self.not_found(request, "not_found")
            raise
        article = data["article"]
        if article is None or not self._edition_exists(data, language):
            return self.not_found(request, "not_found", data)
        canonical = article_path(article, language)
        if request.url.path.removeprefix(request.scope.get("root_path", "")) != canonical:
            # A moved article (new category) keeps its old address working.
            return RedirectResponse(request.scope.get("root_path", "") + canonical, 301)
        if request.query_params.get("tai-ve") == "html":
            return self._download(request, data, article, language)
        return self._page(
            request,
            data,
            "article.html",
            language,
            article=article,
            kind_labels=kind_labels(language),
        )

    def _download(
        self, request: Request, data: dict[str, Any], article: dict[str, Any], language: str
    ) -> Response:
        """The article as one self-contained HTML file, to keep (Decree 42/2022 Art. 7(1))."""
        tenant = data["tenant"]
        html = self.renderer.render(
            tenant["level"].lower(),
            "article_download.html",
            language,
            tenant=tenant,
            article=article,
            source_url=str(request.url.remove_query_params("tai-ve")),
            css=self.renderer.print_css,
        )
        filename = f"{article['slug'][:80]}.html"
        return HTMLResponse(
            html,
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "Cache-Control": CACHE_CONTROL,
            },
        )

    @staticmethod
    def _edition_exists(data: dict[str, Any], language: str) -> bool:
        tenant = data.get("tenant")
        return tenant is not None and (language == "vi" or tenant["englishEnabled"])

    def _page(
        self, request: Request, data: dict[str, Any], template: str, language: str, **extra: Any
    ) -> Response:
        tenant = data["tenant"]
        html = self.renderer.render(
            tenant["level"].lower(),
            template,
            language,
            tenant=tenant,
            categories=[e["node"] for e in data["categories"]["edges"]],
            data=data,
            root=request.scope.get("root_path", ""),
            path=request.url.path,
            article_path=article_path,
            category_path=category_path,
            portal_url=self.portal_url_for(request),
            author_path=author_path,
            **extra,
        )
        return cached_html(request, html)

    def not_found(self, request: Request, key: str, data: dict[str, Any] | None = None) -> Response:
        language = (
            "en"
            if request.url.path.startswith(request.scope.get("root_path", "") + "/en/")
            else "vi"
        )
        html = self.renderer.render(
            "commune",
            "404.html",
            language,
            message_vi=gettext("vi", HTTP_ERRORS[key]),
            message_en=HTTP_ERRORS[key],
            root=request.scope.get("root_path", ""),
        )
        return HTMLResponse(html, status_code=404)


def kind_labels(language: str) -> dict[str, str]:
    """What each article kind is called above its headline (news needs no label)."""
    return {
        kind: gettext(language, label)
        for kind, label in (
            ("blog", "Blog"),
            ("gallery", "Photo story"),
            ("video", "Video"),
            ("audio", "Audio"),
            ("announcement", "Announcement"),
            ("link", "Link"),
        )
    }


def author_path(author: dict[str, Any], language: str) -> str:
    return f"/en/author/{author['slug']}" if language == "en" else f"/tac-gia/{author['slug']}"


def category_path(category: dict[str, Any] | None, language: str) -> str:
    if category is None:
        return "/en/" if language == "en" else "/"
    if language == "en":
        return f"/en/{category['slugEn'] or category['slug']}/"
    return f"/{category['slug']}/"


def article_path(article: dict[str, Any], language: str) -> str:
    """Public path of an article: `/<category>/<slug>` (`/en/...` in English)."""
    base = (
        category_path(article.get("category"), language)
        if article.get("category")
        else ("/en/news/" if language == "en" else "/tin-tuc/")
    )
    return f"{base}{article['slug']}"


def cached_html(request: Request, html: str) -> Response:
    """An HTML response with an ETag; answers 304 when the client has it already."""
    body = html.encode()
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(body, headers=headers)
