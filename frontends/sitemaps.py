"""What search engines fetch first: `robots.txt`, the sitemaps, the favicon.

Per portal (the portal comes from the host, as for every page):

- `/robots.txt` keeps crawlers out of previews, search results, sign-in and the
  API, and names the portal's sitemap at its canonical address;
- `/sitemap.xml` is a sitemap index (always, so its shape never changes with a
  portal's size) of the paged sitemaps under `/sitemaps/`: `pages.xml` (home,
  site map, sections, document search, gazette), `articles-vi-<n>.xml`,
  `articles-en-<n>.xml` (portals with an English edition), `documents-<n>.xml`
  and `gazette-<n>.xml`, :data:`SITEMAP_SIZE` addresses each;
- `/favicon.ico` and `/apple-touch-icon.png`, which browsers ask for at the
  root of any host.

Every address is the item's canonical URL on its own portal; items another
portal placed here are left out (they are listed in their owner's sitemap).
The lists come from the API as an anonymous reader sees them, so drafts,
scheduled and withdrawn items are never listed. Responses are public and
carry an ETag, so the page cache keeps them and empties them with the
portal's other pages when an article changes (docs/seo.md).
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from frontends.legal_pages import document_path, documents_home, edition_path, gazette_home
from frontends.pages import Pages, article_path, category_path
from frontends.rendering import STATIC_DIR

# Addresses per sitemap file (the protocol allows 50,000 and 50 MB): ten API
# pages of 100, so one file is ten in-process queries and about 200 KB.
SITEMAP_SIZE = 1_000
API_PAGE = 100
# The API refuses offsets past 10,000 (docs/architecture.md, Relay conventions):
# a list's sitemaps reach its 10,000 newest items.
API_REACH = 10_000
CACHE_CONTROL = "public, max-age=300"
ICON_CACHE = "public, max-age=86400"
XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_NAME = re.compile(r"^(pages|articles-vi|articles-en|documents|gazette)(?:-([1-9]\d*))?$")
# Kept out of crawlers' way: unpublished previews, result pages of search,
# saved-file downloads, sign-in and the API.
DISALLOWED = ("/xem-truoc/", "/tim-kiem", "/en/search", "/*?tai-ve=", "/dang-nhap", "/graphql")


def offset_cursor(offset: int) -> str | None:
    """The API's cursor of the item before ``offset`` (None: from the start).

    The API's cursors are offsets (`o:<n>`, base64url; docs/architecture.md):
    a sitemap page starts at a computed offset instead of walking every page
    before it.
    """
    if offset <= 0:
        return None
    return base64.urlsafe_b64encode(f"o:{offset - 1}".encode()).decode().rstrip("=")


def w3c(value: str | None) -> str | None:
    """A GraphQL `DateTime` or `Date` as a W3C datetime in UTC, whole seconds."""
    if not value:
        return None
    if len(value) == 10:
        return value  # a Date: YYYY-MM-DD is already W3C
    moment = datetime.fromisoformat(value).astimezone(UTC).replace(microsecond=0)
    return moment.isoformat()


def _sitemap_xml(root: str, element: str, entries: Iterable[tuple[str, str | None]]) -> str:
    """A sitemap document: `<root>` holding one `<element>` per (address, lastmod)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{root} xmlns="{XMLNS}">']
    for loc, lastmod in entries:
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<{element}><loc>{escape(loc)}</loc>{modified}</{element}>")
    lines.append(f"</{root}>")
    return "\n".join(lines) + "\n"


def urlset(entries: Iterable[tuple[str, str | None]]) -> str:
    return _sitemap_xml("urlset", "url", entries)


def sitemap_index(entries: Iterable[tuple[str, str | None]]) -> str:
    return _sitemap_xml("sitemapindex", "sitemap", entries)


def cached_text(request: Request, body: str, media_type: str, cache_control: str) -> Response:
    """A public response with an ETag; 304 when the client has it already."""
    data = body.encode()
    etag = '"' + hashlib.blake2b(data, digest_size=16).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


def _pages_needed(total: int) -> int:
    return math.ceil(min(total, API_REACH) / SITEMAP_SIZE)


def _newest(connection: dict[str, Any] | None, field: str) -> str | None:
    edges = (connection or {}).get("edges") or []
    return w3c(edges[0]["node"][field]) if edges else None


class Sitemaps:
    """The routes of `robots.txt`, the sitemaps and the icons; shares the pages' client."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.client = pages.client

    def routes(self) -> list[Route]:
        """Mount these before the pages: `/{category}/{slug}` would take `/sitemaps/…`."""
        page = self.pages.portal_route
        return [
            page("/robots.txt", self._robots, "vi"),
            page("/sitemap.xml", self._index, "vi"),
            page("/sitemaps/{name}.xml", self._sitemap, "vi"),
            Route("/favicon.ico", self._icon("favicon.ico")),
            Route("/apple-touch-icon.png", self._icon("apple-touch-icon.png")),
            Route("/apple-touch-icon-precomposed.png", self._icon("apple-touch-icon.png")),
        ]

    @staticmethod
    def _icon(name: str) -> Any:
        path = Path(STATIC_DIR) / name

        async def icon(request: Request) -> Response:
            return FileResponse(path, headers={"Cache-Control": ICON_CACHE})

        return icon

    async def _robots(self, request: Request, slug: str, language: str) -> Response:
        origin = self.pages.origin_for(request)
        root = request.scope.get("root_path", "")
        lines = ["User-agent: *", *(f"Disallow: {root}{path}" for path in DISALLOWED)]
        lines += ["", f"Sitemap: {origin}/sitemap.xml", ""]
        return cached_text(request, "\n".join(lines), "text/plain; charset=utf-8", CACHE_CONTROL)

    async def _index(self, request: Request, slug: str, language: str) -> Response:
        data = await self.client.run("SitemapIndex", {"tenant": slug}, request)
        if data["tenant"] is None:
            return self.pages.not_found(request, "not_found")
        origin = self.pages.origin_for(request)
        newest_article = _newest(data["vi"], "publishedAt")
        entries: list[tuple[str, str | None]] = [(f"{origin}/sitemaps/pages.xml", newest_article)]
        lists = [
            ("articles-vi", data["vi"], newest_article),
            ("documents", data["documents"], _newest(data["documents"], "updatedAt")),
            ("gazette", data["gazetteEditions"], _newest(data["gazetteEditions"], "updatedAt")),
        ]
        if data["tenant"]["englishEnabled"]:
            lists.insert(1, ("articles-en", data["en"], _newest(data["en"], "publishedAt")))
        for name, connection, newest in lists:
            # Lists are newest first, so a new item shifts every page: each is as new
            # as the list's newest item.
            for n in range(1, _pages_needed(connection["totalCount"]) + 1):
                entries.append((f"{origin}/sitemaps/{name}-{n}.xml", newest))
        body = sitemap_index(entries)
        return cached_text(request, body, "application/xml; charset=utf-8", CACHE_CONTROL)

    async def _sitemap(self, request: Request, slug: str, language: str) -> Response:
        match = SITEMAP_NAME.match(request.path_params["name"])
        if match is None:
            return self.pages.not_found(request, "not_found")
        name, number = match.group(1), int(match.group(2) or 0)
        if (name == "pages") != (number == 0) or number > API_REACH // SITEMAP_SIZE:
            return self.pages.not_found(request, "not_found")
        origin = self.pages.origin_for(request)
        if name == "pages":
            entries = await self._static_pages(request, slug, origin)
        else:
            entries = await self._items(request, slug, name, number, origin)
            if entries is None:
                return self.pages.not_found(request, "not_found")
        body = urlset(entries)
        return cached_text(request, body, "application/xml; charset=utf-8", CACHE_CONTROL)

    async def _static_pages(
        self, request: Request, slug: str, origin: str
    ) -> list[tuple[str, str | None]]:
        """Home, site map, sections, document search and gazette, in each language."""
        data = await self.client.run("SitemapIndex", {"tenant": slug}, request)
        languages = ["vi", "en"] if data["tenant"]["englishEnabled"] else ["vi"]
        newest = {
            "vi": _newest(data["vi"], "publishedAt"),
            "en": _newest(data["en"], "publishedAt"),
        }
        has_gazette = data["gazetteEditions"]["totalCount"] > 0
        entries: list[tuple[str, str | None]] = []
        for lang in languages:
            entries.append((origin + ("/en/" if lang == "en" else "/"), newest[lang]))
            entries.append((origin + ("/en/site-map" if lang == "en" else "/so-do-trang"), None))
            for edge in data["categories"]["edges"]:
                entries.append((origin + category_path(edge["node"], lang), None))
            entries.append((origin + documents_home(lang), _newest(data["documents"], "updatedAt")))
            if has_gazette:
                newest_edition = _newest(data["gazetteEditions"], "updatedAt")
                entries.append((origin + gazette_home(lang), newest_edition))
        return entries

    async def _items(
        self, request: Request, slug: str, name: str, number: int, origin: str
    ) -> list[tuple[str, str | None]] | None:
        """One sitemap of a list: SITEMAP_SIZE items from offset (number - 1) × SITEMAP_SIZE."""
        operation, variables, field = {
            "articles-vi": ("SitemapArticles", {"language": "VI"}, "articles"),
            "articles-en": ("SitemapArticles", {"language": "EN"}, "articles"),
            "documents": ("SitemapDocuments", {}, "documents"),
            "gazette": ("SitemapGazette", {}, "gazetteEditions"),
        }[name]
        start = (number - 1) * SITEMAP_SIZE
        after = offset_cursor(start)
        nodes: list[dict[str, Any]] = []
        for _ in range(SITEMAP_SIZE // API_PAGE):
            data = await self.client.run(
                operation, {"tenant": slug, "after": after, "first": API_PAGE, **variables}, request
            )
            if name == "articles-en" and not data["tenant"]["englishEnabled"]:
                return None  # no English edition: its articles have no page
            page = data[field]
            nodes += [e["node"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        if not nodes and number > 1:
            return None  # past the end of the list
        own = [n for n in nodes if n["tenant"]["slug"] == slug]
        if name.startswith("articles"):
            lang = name.rsplit("-", 1)[1]
            return [
                (
                    origin + article_path(n, lang),
                    w3c(max(filter(None, [n["publishedAt"], n["textUpdatedAt"]]), default=None)),
                )
                for n in own
            ]
        if name == "documents":
            return [(origin + document_path(n, "vi"), w3c(n["updatedAt"])) for n in own]
        return [
            (origin + edition_path(n["year"], n["numbers"][0], "vi"), w3c(n["updatedAt"]))
            for n in own
        ]
