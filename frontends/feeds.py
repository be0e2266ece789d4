"""Every portal's feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1, whole portal or one category.

Addresses (DESIGN.md, "Public URLs"), the same under `/en/` for portals with
an English edition:

- `/rss`, `/atom`, `/feed.json` — the portal's latest articles;
- `/rss/<category-slug>`, `/atom/<category-slug>`, `/feed.json/<category-slug>` — one
  category's (its Vietnamese slug, or its English one under `/en/`).

Like the pages, a feed is one named GraphQL operation (`FeedPage`) run as an
anonymous reader, then rendered: XML through Jinja2 templates under
`templates/feeds/` (autoescaped), JSON through orjson. Each feed holds the
:data:`FEED_SIZE` newest published articles with their full body.

Identifiers never change once a reader has seen them, whatever host or
development prefix served the feed: an article's id is the tag URI
``tag:<base domain>,<UTC creation date>:<article global ID>`` (RFC 4151; the
global ID is the one `node(id:)` takes), a feed's is
``tag:<base domain>,2026:feed/<portal slug>/<language>[/<category global ID>]``.
Links, by contrast, are absolute URLs built from the request (scheme, host,
development prefix), so they work wherever the feed was fetched.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urljoin

import orjson
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from frontends.client import HubError
from frontends.pages import Pages, article_path, category_path
from frontends.rendering import LOCAL_TZ, TEMPLATES_DIR, players
from hub.i18n import gettext

FEED_SIZE = 30
CACHE_CONTROL = "public, max-age=300"
# The date in every feed's tag URI. Part of the feeds' identity: never change it.
FEED_ID_DATE = "2026"
GENERATOR = "Thủ Đô Hub"


# The date an empty feed gives (the epoch: nothing has been published yet).
EMPTY_FEED_UPDATED = datetime.fromtimestamp(0, LOCAL_TZ)


@dataclass(frozen=True)
class FeedFormat:
    """One syndication format: where it lives and how it is served."""

    path: str
    media_type: str
    template: str | None  # None: JSON, written by :func:`render_json`


FORMATS: dict[str, FeedFormat] = {
    "rss": FeedFormat("/rss", "application/rss+xml; charset=utf-8", "feeds/rss.xml"),
    "atom": FeedFormat("/atom", "application/atom+xml; charset=utf-8", "feeds/atom.xml"),
    "json": FeedFormat("/feed.json", "application/feed+json; charset=utf-8", None),
}


@dataclass(frozen=True)
class Enclosure:
    """A file attached to an entry (the cover image): absolute URL, type, size in bytes."""

    url: str
    media_type: str
    length: int


@dataclass(frozen=True)
class Entry:
    """One article as every format needs it: plain-text fields, HTML content, absolute URLs."""

    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: datetime
    updated: datetime
    author: str
    category: str
    category_term: str
    tags: list[str]
    image: Enclosure | None
    external_url: str


@dataclass(frozen=True)
class Channel:
    """A whole feed: what it is, where it lives, and its entries (newest first)."""

    id: str
    title: str
    description: str
    publisher: str
    language: str
    home_url: str
    self_url: str
    updated: datetime
    entries: list[Entry] = field(default_factory=list)


class Feeds:
    """The feed routes of every portal; shares the pages' GraphQL client and 404 page."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.client = pages.client
        self.id_authority = pages.base_domain
        self.env = feed_environment()

    def routes(self) -> list[Route]:
        """`/rss`, `/atom`, `/feed.json`, each also per category and under `/en/`.

        Mount these before the pages: `/{category}/{slug}` would take `/rss/<slug>`.
        """
        routes = []
        for name, spec in FORMATS.items():
            for language, prefix in (("vi", ""), ("en", "/en")):
                handler = self._handler(name)
                suffix = f"_{language}"
                for path, route_name in (
                    (prefix + spec.path, f"feed_{name}{suffix}"),
                    (prefix + spec.path + "/{category}", f"category_feed_{name}{suffix}"),
                ):
                    routes.append(self.pages.portal_route(path, handler, language, route_name))
        return routes

    def _handler(self, name: str) -> Callable[[Request, str, str], Awaitable[Response]]:
        async def handler(request: Request, slug: str, language: str) -> Response:
            return await self.feed(request, slug, name, language)

        return handler

    async def feed(self, request: Request, slug: str, name: str, language: str) -> Response:
        """Feed ``name`` (a key of :data:`FORMATS`) of portal ``slug``, in ``language``."""
        wanted: str | None = request.path_params.get("category")
        variables = {
            "tenant": slug,
            "language": language.upper(),
            "category": wanted,
            "inCategory": wanted is not None,
            "first": FEED_SIZE,
        }
        try:
            data = await self.client.run("FeedPage", variables, request)
        except HubError as exc:
            if "INVALID_SLUG" in exc.codes:
                return self.pages.not_found(request, "not_found")
            raise
        tenant = data["tenant"]
        if tenant is None or (language == "en" and not tenant["englishEnabled"]):
            return self.pages.not_found(request, "not_found")
        category = None
        if wanted is not None:
            category = find_category(data["categories"]["edges"], wanted, language)
            if category is None:
                return self.pages.not_found(request, "not_found")
        channel = self.channel(request, data, language, category)
        spec = FORMATS[name]
        if spec.template is None:
            body = render_json(channel)
        else:
            template = self.env.get_template(spec.template)
            body = template.render(feed=channel, generator=GENERATOR).encode()
        return cached_bytes(request, body, spec.media_type)

    def channel(
        self,
        request: Request,
        data: dict[str, Any],
        language: str,
        category: dict[str, Any] | None,
    ) -> Channel:
        """The feed of ``data`` (a `FeedPage` result) as the request sees it."""
        tenant = data["tenant"]
        origin = f"{request.url.scheme}://{request.url.netloc}"
        base = origin + request.scope.get("root_path", "")
        portal = (tenant["nameEn"] or tenant["name"]) if language == "en" else tenant["name"]
        nodes = [e["node"] for e in data["articles"]["edges"]]
        feed_id = f"tag:{self.id_authority},{FEED_ID_DATE}:feed/{tenant['slug']}/{language}"
        if category is None:
            title = portal
            description = (tenant["description"] if language == "vi" else "") or gettext(
                language, "Latest news from %(portal)s"
            ) % {"portal": portal}
            home_url = base + category_path(None, language)
        else:
            # The API matches either slug of a category; keep exactly the one asked for.
            nodes = [n for n in nodes if (n["category"] or {}).get("slug") == category["slug"]]
            name = category_name(category, language)
            title = f"{name} – {portal}"
            description = (category["description"] if language == "vi" else "") or gettext(
                language, "Latest news in %(category)s from %(portal)s"
            ) % {"category": name, "portal": portal}
            home_url = base + category_path(category, language)
            feed_id += f"/{category['id']}"
        entries = [self.entry(node, language, base, origin) for node in nodes]
        updated = max((e.updated for e in entries), default=None)
        return Channel(
            id=feed_id,
            title=xml_text(title),
            description=xml_text(description),
            publisher=xml_text(portal),
            language=language,
            home_url=home_url,
            self_url=origin + request.url.path,
            # An empty feed has no date of its own. A fixed one keeps its body, and so
            # its ETag, the same from one request to the next: "now" changed it every
            # second, which defeated If-None-Match and made the ETag test flaky.
            updated=updated or EMPTY_FEED_UPDATED,
            entries=entries,
        )

    def entry(self, node: dict[str, Any], language: str, base: str, origin: str) -> Entry:
        """One article of a `FeedPage` result as a feed entry."""
        created = moment(node["createdAt"])
        published = moment(node["publishedAt"] or node["createdAt"])
        text_updated = moment(node["textUpdatedAt"]) if node["textUpdatedAt"] else published
        category = node["category"]
        cover = node["cover"]
        author = node["byline"] or (node["author"] or {}).get("name", "")
        return Entry(
            id=f"tag:{self.id_authority},{created.astimezone(UTC):%Y-%m-%d}:{node['id']}",
            url=base + article_path(node, language),
            title=xml_text(node["title"]),
            summary=xml_text(node["summary"]),
            content_html=xml_text(absolute_html(str(players(node["body"], language)), origin)),
            published=published,
            # Only a change to the text counts: a move to the home page's
            # highlights does not make readers see the article again.
            updated=max(published, text_updated),
            author=xml_text(author),
            category=xml_text(category_name(category, language)) if category else "",
            category_term=category_slug(category, language) if category else "",
            tags=[xml_text(t["name"]) for t in node["tags"]],
            image=(
                Enclosure(urljoin(origin + "/", cover["url"]), cover["contentType"], cover["size"])
                if cover
                else None
            ),
            external_url=node["sourceUrl"] if node["kind"] == "LINK" else "",
        )


def find_category(edges: list[dict[str, Any]], wanted: str, language: str) -> dict[str, Any] | None:
    """The category a feed address names: by its Vietnamese slug, or its English one in `/en/`."""
    return next(
        (e["node"] for e in edges if category_slug(e["node"], language) == wanted),
        None,
    )


def category_slug(category: dict[str, Any], language: str) -> str:
    """The slug a category goes by in ``language`` (as :func:`category_path` uses it)."""
    slug: str = (category["slugEn"] or category["slug"]) if language == "en" else category["slug"]
    return slug


def category_name(category: dict[str, Any], language: str) -> str:
    """The name a category goes by in ``language``."""
    name: str = (category["nameEn"] or category["name"]) if language == "en" else category["name"]
    return name


def moment(value: str) -> datetime:
    """A GraphQL `DateTime` in Hanoi time, to the second (feeds show no fractions)."""
    return datetime.fromisoformat(value).astimezone(LOCAL_TZ).replace(microsecond=0)


# Characters XML 1.0 forbids even as references; plain text could carry them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters an XML document may not hold."""
    return _XML_ILLEGAL.sub("", value)


# Root-relative addresses in a body: a feed reader has no page to resolve them against.
_ROOT_RELATIVE = re.compile(r'(\s(?:href|src|data-src)=")/(?!/)')


def absolute_html(body: str, origin: str) -> str:
    """``body`` with root-relative links and images made absolute against ``origin``."""
    prefix = html.escape(origin, quote=True) + "/"  # origin comes from the Host header
    return _ROOT_RELATIVE.sub(lambda m: m.group(1) + prefix, body)


def rfc822(value: datetime) -> str:
    """RSS dates: `Wed, 25 Nov 2026 13:41:07 +0700`."""
    return format_datetime(value)


def rfc3339(value: datetime) -> str:
    """Atom and JSON Feed dates: `2026-11-25T13:41:07+07:00`."""
    return value.isoformat(timespec="seconds")


def cdata(value: str) -> Markup:
    """Text for inside `<![CDATA[…]]>`: a `]]>` in it is split across two sections."""
    return Markup(value.replace("]]>", "]]]]><![CDATA[>"))


def as_html(value: str) -> str:
    """Plain text as HTML, for RSS elements that readers treat as HTML (then XML-escaped)."""
    return html.escape(value, quote=False)


def feed_environment() -> Environment:
    """Jinja2 for the XML feeds: every value escaped unless it says it is markup."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(rfc822=rfc822, rfc3339=rfc3339, cdata=cdata, as_html=as_html)
    return env


def render_json(channel: Channel) -> bytes:
    """The feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    items = []
    for e in channel.entries:
        item: dict[str, Any] = {
            "id": e.id,
            "url": e.url,
            "title": e.title,
            "content_html": e.content_html,
            "date_published": rfc3339(e.published),
            "date_modified": rfc3339(e.updated),
            "language": channel.language,
        }
        if e.summary:
            item["summary"] = e.summary
        if e.external_url:
            item["external_url"] = e.external_url
        if e.image:
            item["image"] = e.image.url
        if e.author:
            item["authors"] = [{"name": e.author}]
        tags = ([e.category] if e.category else []) + e.tags
        if tags:
            item["tags"] = tags
        items.append(item)
    return orjson.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": channel.title,
            "home_page_url": channel.home_url,
            "feed_url": channel.self_url,
            "description": channel.description,
            "language": channel.language,
            "authors": [{"name": channel.publisher, "url": channel.home_url}],
            "items": items,
        }
    )


def cached_bytes(request: Request, body: bytes, media_type: str) -> Response:
    """A response with an ETag and a five-minute public cache; 304 when the client has it."""
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)
