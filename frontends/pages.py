"""The portal's public pages: home, category, article (Vietnamese and `/en/`)."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from frontends.client import HubClient, HubError
from frontends.portal_hosts import PortalHosts
from frontends.rendering import Renderer
from frontends.structured_data import (
    absolute,
    breadcrumbs,
    json_ld,
    news_article,
    organization,
    publisher,
)
from hub.i18n import HTTP_ERRORS, gettext
from hub.text.folding import is_slug
from tenants.scope import TENANT_LEVEL_KEY, TENANT_SLUG_KEY

CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=60"
# The portal's icon as a raster picture: JSON-LD logos and link previews without a cover.
APP_ICON = "/static/icon-512.png"
LIST_PARAMETERS = ("nam", "sau")  # a list's year (gazette) and page cursor


PortalHandler = Callable[[Request, str, str], Awaitable[Response]]


class Pages:
    def __init__(
        self,
        client: HubClient,
        renderer: Renderer,
        base_domain: str,
        hosts_ttl_seconds: float = 5.0,
    ) -> None:
        self.client = client
        self.renderer = renderer
        self.base_domain = base_domain
        self.hosts = PortalHosts(client, base_domain, hosts_ttl_seconds)

    def is_development(self, request: Request) -> bool:
        """Served by prefix (`/_t/<slug>/`) or on a host outside the base domain."""
        host = request.headers.get("host", "").split(":")[0]
        on_base = host == self.base_domain or host.endswith("." + self.base_domain)
        return request.scope.get("root_path", "").startswith("/_t/") or not on_base

    def portal_url_for(self, request: Request) -> Any:
        """Links to other portals: their canonical host, or `/_t/<slug>/` in development."""
        if self.is_development(request):
            return lambda slug: f"/_t/{slug}/"
        host = self.hosts.host
        return lambda slug: f"https://{host(slug)}/"

    def origin_for(self, request: Request) -> str:
        """Where this portal's absolute URLs start: its canonical host, or in development
        the address it was reached at (with the `/_t/<slug>` prefix), no trailing slash."""
        slug = request.scope.get(TENANT_SLUG_KEY)
        if slug is None or self.is_development(request):
            return str(request.base_url).rstrip("/")
        return f"https://{self.hosts.host(slug)}"

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

    def media_origin(self, request: Request) -> str:
        """Where `/media/` and `/static/` are: the portal's origin without a development
        prefix (they are served on every host, outside `/_t/<slug>/`)."""
        root = request.scope.get("root_path", "")
        if root:
            return str(request.base_url).removesuffix("/").removesuffix(root)
        return self.origin_for(request)

    def icon_url(self, request: Request) -> str:
        return self.media_origin(request) + APP_ICON

    def portal_route(
        self, path: str, handler: PortalHandler, language: str, name: str | None = None
    ) -> Route:
        """A route of a portal page: one place answers 404 when no portal serves the host."""

        async def endpoint(request: Request) -> Response:
            slug: str | None = request.scope.get(TENANT_SLUG_KEY)
            if slug is None:
                return self.not_found(request, "unknown_portal")
            if not self.is_development(request):
                await self.hosts.refresh(request)  # a no-op while the hosts are fresh
            return await handler(request, slug, language)

        return Route(path, endpoint, name=name)

    async def _home(self, request: Request, slug: str, language: str) -> Response:
        variables = {
            "tenant": slug,
            "language": language.upper(),
            # The city lists its departments and sites, a site its sub-sites.
            "withUnits": request.scope.get(TENANT_LEVEL_KEY) in ("city", "site"),
        }
        data = await self.client.run("HomePage", variables, request)
        if not self._edition_exists(data, language):
            return self.not_found(request, "not_found", data)
        tenant, origin = data["tenant"], self.origin_for(request)
        parent = tenant["parent"]
        unit = organization(
            tenant,
            origin + ("/en/" if language == "en" else "/"),
            self.icon_url(request),
            language,
            parent_url=self.portal_url_for(request)(parent["slug"]) if parent else None,
        )
        return self._page(
            request,
            data,
            "home.html",
            language,
            alternates={"vi": "/", "en": "/en/"},
            structured_data=[unit],
        )

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
        author = data["author"]
        return self._page(
            request,
            data,
            "author.html",
            language,
            trail=[(author["name"], author_path(author, language))],
            author=author,
        )

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
            indexed=False,
        )
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    async def _site_map(self, request: Request, slug: str, language: str) -> Response:
        data = await self.client.run("SiteMapPage", {"tenant": slug}, request)
        if not self._edition_exists(data, language):
            return self.not_found(request, "not_found", data)
        return self._page(
            request,
            data,
            "site_map.html",
            language,
            alternates={"vi": "/so-do-trang", "en": "/en/site-map"},
            trail=[
                (
                    gettext(language, "Site map"),
                    "/en/site-map" if language == "en" else "/so-do-trang",
                )
            ],
        )

    async def _category(self, request: Request, slug: str, language: str) -> Response:
        wanted = request.path_params["category"]
        if not is_slug(wanted):
            # `/wp-login.php/`, `/robots.txt/`…: no section can be called that, and the
            # API would log the refused slug as an error.
            return self.not_found(request, "not_found")
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
        name = (category["nameEn"] or category["name"]) if language == "en" else category["name"]
        return self._page(
            request,
            data,
            "category.html",
            language,
            alternates={"vi": category_path(category, "vi"), "en": category_path(category, "en")},
            trail=[(name, category_path(category, language))],
            category=category,
        )

    async def _article(self, request: Request, slug: str, language: str) -> Response:
        if not is_slug(request.path_params["slug"]):
            return self.not_found(request, "not_found")
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
        origin = self.origin_for(request)
        tenant = data["tenant"]
        icon = self.icon_url(request)
        home = origin + ("/en/" if language == "en" else "/")
        author = article["author"]
        alternates = {language: canonical}
        for t in [*article["translations"], article["translationOf"]]:
            if t is not None:
                alternates.setdefault(t["language"].lower(), article_path(t, t["language"].lower()))
        trail = []
        if category := article["category"]:
            name = (
                (category["nameEn"] or category["name"]) if language == "en" else category["name"]
            )
            trail.append((name, category_path(category, language)))
        trail.append((article["title"], canonical))
        return self._page(
            request,
            data,
            "article.html",
            language,
            alternates=alternates,
            trail=trail,
            structured_data=[
                news_article(
                    article,
                    origin + canonical,
                    self.media_origin(request),
                    publisher(tenant, home, icon, language),
                    origin + author_path(author, language) if author else None,
                )
            ],
            cover=article["cover"],
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
        self,
        request: Request,
        data: dict[str, Any],
        template: str,
        language: str,
        *,
        alternates: dict[str, str] | None = None,
        trail: list[tuple[str, str]] | None = None,
        structured_data: list[dict[str, Any]] | None = None,
        cover: dict[str, Any] | None = None,
        indexed: bool = True,
        **extra: Any,
    ) -> Response:
        """Render a portal page with what every page's head carries (docs/seo.md).

        ``alternates``: the page's path in each language (hreflang, kept only where
        the English edition exists); ``trail``: its breadcrumb below the home page
        as (name, path) pairs; ``structured_data``: JSON-LD objects besides the
        breadcrumb; ``cover``: the picture shared links show (a `Picture`);
        ``indexed=False`` (previews): no canonical address, no structured data.
        """
        tenant = data["tenant"]
        root = request.scope.get("root_path", "")
        origin = self.origin_for(request)
        local = request.url.path.removeprefix(root)
        # A list's page and year are part of its address; every other parameter
        # (search words, filters, `tai-ve`) names the same page.
        kept = [(k, v) for k in LIST_PARAMETERS if (v := request.query_params.get(k))]
        canonical = origin + local + ("?" + urlencode(kept) if kept else "")
        languages = [
            (code, origin + href)
            for code, href in (alternates or {}).items()
            if code == "vi" or tenant["englishEnabled"]
        ]
        blocks = list(structured_data or ())
        if not indexed:
            canonical, languages, blocks, trail = "", [], [], None
        if trail:
            home_name = gettext(language, "Home")
            home = origin + ("/en/" if language == "en" else "/")
            blocks.append(breadcrumbs([(home_name, home), *((n, origin + p) for n, p in trail)]))
        media_origin = self.media_origin(request)
        image = dict(cover, url=absolute(cover["url"], media_origin)) if cover else None
        html = self.renderer.render(
            tenant["level"].lower(),
            template,
            language,
            tenant=tenant,
            categories=[e["node"] for e in data["categories"]["edges"]],
            data=data,
            root=root,
            path=request.url.path,
            article_path=article_path,
            category_path=category_path,
            portal_url=self.portal_url_for(request),
            author_path=author_path,
            canonical=canonical,
            hreflangs=languages if len(languages) > 1 else [],
            # The language switch leads to this page's counterpart where there is one.
            counterpart=(alternates or {}).get("vi" if language == "en" else "en"),
            structured_data=[json_ld(b) for b in blocks],
            share_image=image,
            icon_url=media_origin + APP_ICON,
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
