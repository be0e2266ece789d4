"""Public pages of the legal-documents database and the Official Gazette (Công báo).

Addresses, the same under `/en/` (`/en/documents/…`, `/en/gazette/…`) on
portals with an English edition:

- `/van-ban/`: the document search tool, a plain GET form (works without
  JavaScript) with facet counts; `?sau=` continues the list like a category;
- `/van-ban/<slug>`: one document: metadata, validity status, relations both
  ways, the documents and articles citing it, its files;
- `/cong-bao/`: the gazette's years and editions (`?nam=<year>` picks a year);
- `/cong-bao/<year>/<number>`: one edition with its PDF and table of contents;
  another number of a combined edition redirects to its first number;
- `/cong-bao/<year>/<number>/<position>`: the permalink of one line of the
  contents, redirecting to its anchor `#muc-<position>` on the edition page;
- `/van-ban/atom.xml`, `/cong-bao/atom.xml`: Atom feeds of new documents and
  new editions, made with the machinery of :mod:`frontends.feeds`.

Like every page these run one named operation as an anonymous reader, so
drafts never show. Rendering, ETags, caching and the 404 page are the
:class:`~frontends.pages.Pages` instance's, reused, not copied.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from frontends.client import HubError
from frontends.feeds import (
    FEED_ID_DATE,
    FEED_SIZE,
    FORMATS,
    GENERATOR,
    Channel,
    Entry,
    cached_bytes,
    feed_environment,
    moment,
    xml_text,
)
from frontends.pages import Pages, article_path
from frontends.rendering import LOCAL_TZ
from frontends.structured_data import legislation, publisher
from hub.i18n import N_, gettext

# Validity statuses (GraphQL `DocumentValidity`): the vbpl.vn wording, and the
# Vietnamese value the search form sends for each.
VALIDITY_LABELS: dict[str, str] = {
    "NOT_YET_EFFECTIVE": N_("Not yet in force"),
    "IN_FORCE": N_("In force"),
    "PARTLY_EXPIRED": N_("Partly expired"),
    "EXPIRED": N_("Expired in full"),
    "SUSPENDED": N_("Suspended"),
    "PARTLY_SUSPENDED": N_("Partly suspended"),
    "NO_LONGER_APPLICABLE": N_("No longer applicable"),
    "UNDETERMINED": N_("Undetermined"),
}
VALIDITY_PARAMS: dict[str, str] = {
    "chua-co-hieu-luc": "NOT_YET_EFFECTIVE",
    "con-hieu-luc": "IN_FORCE",
    "het-hieu-luc-mot-phan": "PARTLY_EXPIRED",
    "het-hieu-luc": "EXPIRED",
    "ngung-hieu-luc": "SUSPENDED",
    "ngung-hieu-luc-mot-phan": "PARTLY_SUSPENDED",
    "khong-con-phu-hop": "NO_LONGER_APPLICABLE",
    "chua-xac-dinh": "UNDETERMINED",
}
PARAM_OF_VALIDITY = {v: k for k, v in VALIDITY_PARAMS.items()}

# "source <kind> target", worded from each side: (this document acts, it is acted on).
RELATION_WORDS: dict[str, tuple[str, str]] = {
    "BASIS": (N_("Issued on the basis of"), N_("Is the legal basis of")),
    "GUIDES": (N_("Guides"), N_("Guided by")),
    "DETAILS": (N_("Sets out the details of"), N_("Details set out by")),
    "CONSOLIDATES": (N_("Consolidates"), N_("Consolidated by")),
    "AMENDS": (N_("Amends"), N_("Amended by")),
    "CORRECTS": (N_("Corrects"), N_("Corrected by")),
    "REPLACES": (N_("Replaces"), N_("Replaced by")),
    "REPEALS": (N_("Repeals"), N_("Repealed by")),
    "REFERENCES": (N_("Refers to"), N_("Referred to by")),
    "INTERPRETS": (N_("Interprets"), N_("Interpreted by")),
    "SUSPENDS_ENFORCEMENT": (N_("Suspends the enforcement of"), N_("Enforcement suspended by")),
    "SUSPENDS_VALIDITY": (N_("Suspends the validity of"), N_("Validity suspended by")),
    "ANNOUNCES": (N_("Announces"), N_("Announced by")),
}
KIND_ORDER = {kind: i for i, kind in enumerate(RELATION_WORDS)}

# Why a search was refused: shown in Vietnamese and English, with a 400.
BAD_YEAR = N_("The year must be a number from 1900 to 2200.")
BAD_DATE = N_("Write dates as dd/mm/yyyy or yyyy-mm-dd, for example 26/11/2026.")
BAD_STATUS = N_("This validity status does not exist.")
BAD_TYPE = N_("This document type does not exist.")
TOO_LONG = N_("A search value is too long (at most 200 characters).")
BAD_PAGE = N_("This page of results does not exist; start again from the first page.")
BAD_GAZETTE_YEAR = N_("The year must be a number from 1945 to 2200.")
BAD_FILTER = N_("One of the search values is not valid.")

MAX_VALUE = 200
_TYPE_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Text fields of the form: query parameter → `DocumentFilterInput` field.
TEXT_PARAMS = {
    "so": "number",
    "co-quan": "issuer",
    "linh-vuc": "field",
    "nguoi-ky": "signer",
    "tu-khoa": "text",
}
FORM_PARAMS = (*TEXT_PARAMS, "loai", "tu-ngay", "den-ngay", "nam", "tinh-trang")
# The facets offered beside the results: GraphQL facet, query parameter, heading.
FACETS = (
    ("types", "loai", N_("Document type")),
    ("issuers", "co-quan", N_("Issuing body")),
    ("fields", "linh-vuc", N_("Field")),
    ("years", "nam", N_("Year of issue")),
    ("statuses", "tinh-trang", N_("Validity status")),
)


@dataclass
class SearchForm:
    """The search form as the reader filled it, and the filter it makes."""

    values: dict[str, str] = field(default_factory=dict)  # to fill the form in again
    types: list[str] = field(default_factory=list)
    filter: dict[str, Any] = field(default_factory=dict)  # a `DocumentFilterInput`
    errors: list[str] = field(default_factory=list)  # msgids

    def params(self) -> list[tuple[str, str]]:
        """The filled-in fields as query parameters, in form order (no cursor)."""
        out = [(k, self.values[k]) for k in FORM_PARAMS if k != "loai" and self.values.get(k)]
        return out + [("loai", t) for t in self.types]


def parse_day(value: str) -> date:
    """A date from a date input (`yyyy-mm-dd`) or typed by hand (`dd/mm/yyyy`)."""
    found = _DAY_MONTH_YEAR.match(value)
    if found:
        day, month, year = (int(g) for g in found.groups())
        return date(year, month, day)
    return date.fromisoformat(value)


def parse_search(params: QueryParams) -> SearchForm:
    """The search form of ``params``; refused values become messages, never exceptions."""
    form = SearchForm()
    for name in FORM_PARAMS:
        form.values[name] = params.get(name, "").strip()
    form.types = [t.strip() for t in params.getlist("loai") if t.strip()]
    errors: list[str] = []
    for name, key in TEXT_PARAMS.items():
        if len(form.values[name]) > MAX_VALUE:
            errors.append(TOO_LONG)
        elif form.values[name]:
            form.filter[key] = form.values[name]
    if any(not _TYPE_CODE.match(t) for t in form.types):
        errors.append(BAD_TYPE)
    elif form.types:
        form.filter["types"] = form.types
    for name, key in (("tu-ngay", "issuedFrom"), ("den-ngay", "issuedTo")):
        if form.values[name]:
            try:
                form.filter[key] = parse_day(form.values[name]).isoformat()
            except ValueError:
                errors.append(BAD_DATE)
    if form.values["nam"]:
        year = form.values["nam"]
        if year.isascii() and year.isdigit() and 1900 <= int(year) <= 2200:
            form.filter["year"] = int(year)
        else:
            errors.append(BAD_YEAR)
    if form.values["tinh-trang"]:
        status = VALIDITY_PARAMS.get(form.values["tinh-trang"])
        if status is None:
            errors.append(BAD_STATUS)
        else:
            form.filter["validity"] = status
    form.errors = list(dict.fromkeys(errors))
    return form


def bilingual(messages: list[str]) -> list[tuple[str, str]]:
    """Each message as (Vietnamese, English)."""
    return [(gettext("vi", m), m) for m in messages]


def documents_home(language: str) -> str:
    return "/en/documents/" if language == "en" else "/van-ban/"


def gazette_home(language: str) -> str:
    return "/en/gazette/" if language == "en" else "/cong-bao/"


def document_path(document: dict[str, Any], language: str) -> str:
    """Public path of a document on its own portal: `/van-ban/<slug>`."""
    return documents_home(language) + document["slug"]


def edition_path(year: int, number: int, language: str) -> str:
    """Public path of a gazette edition: `/cong-bao/<year>/<first number>`."""
    return f"{gazette_home(language)}{year}/{number}"


def day_text(value: str | None, language: str) -> str:
    """A GraphQL `Date` as dd/mm/yyyy (Vietnamese) or "1 Mar 2024" (English)."""
    if not value:
        return ""
    day = date.fromisoformat(value)
    return day.strftime("%d/%m/%Y") if language == "vi" else format_date(day, "d MMM y", "en")


def type_names(data: dict[str, Any], language: str) -> dict[str, str]:
    """Document type code → its name in ``language``, from an operation's `documentTypes`."""
    return {
        t["code"]: t["nameEn"] if language == "en" else t["nameVi"]
        for t in data.get("documentTypes") or []
    }


def validity_labels(language: str) -> dict[str, str]:
    return {code: gettext(language, label) for code, label in VALIDITY_LABELS.items()}


def relation_groups(relations: list[dict[str, Any]], language: str) -> dict[str, list[Any]]:
    """Relations split by direction, each with its words, in the order of the kinds."""
    groups: dict[str, list[Any]] = {"OUTGOING": [], "INCOMING": []}
    ordered = sorted(relations, key=lambda r: (KIND_ORDER.get(r["kind"], 99), r["otherNumber"]))
    for r in ordered:
        acting, acted_on = RELATION_WORDS.get(r["kind"], (r["kind"], r["kind"]))
        words = acting if r["direction"] == "OUTGOING" else acted_on
        groups.setdefault(r["direction"], []).append({**r, "words": gettext(language, words)})
    return groups


class LegalPages:
    """Document and gazette pages and feeds of every portal; renders through the pages."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.client = pages.client
        self.id_authority = pages.base_domain
        self.feed_env = feed_environment()

    def routes(self) -> list[Route]:
        """Mount these before the pages: `/{category}/{slug}` would take `/van-ban/<slug>`."""
        page = self.pages.portal_route
        routes = []
        for language, documents, gazette in (
            ("vi", "/van-ban", "/cong-bao"),
            ("en", "/en/documents", "/en/gazette"),
        ):
            routes += [
                page(documents + "/atom.xml", self._documents_feed, language),
                page(documents + "/", self._documents, language),
                page(documents + "/{slug}", self._document, language),
                page(gazette + "/atom.xml", self._gazette_feed, language),
                page(gazette + "/", self._gazette, language),
                page(gazette + "/{year}/{number}", self._edition, language),
                page(gazette + "/{year}/{number}/{position}", self._gazette_item, language),
            ]
        return routes

    def _render(
        self, request: Request, data: dict[str, Any], template: str, language: str, **extra: Any
    ) -> Response:
        slug = data["tenant"]["slug"]
        portal_url = self.pages.portal_url_for(request)
        root = request.scope.get("root_path", "")

        def document_href(document: dict[str, Any]) -> str:
            if document["tenant"]["slug"] == slug:
                return root + document_path(document, language)
            return portal_url(document["tenant"]["slug"]) + document_path(document, "vi")[1:]

        def gazette_href(item: dict[str, Any]) -> str:
            owner = item["edition"]["tenant"]["slug"]
            return (root if owner == slug else portal_url(owner)[:-1]) + item["permalink"]

        def article_href(article: dict[str, Any]) -> str:
            path = article_path(article, article["language"].lower())
            if article["tenant"]["slug"] == slug:
                return root + path
            return portal_url(article["tenant"]["slug"]) + path[1:]

        return self.pages._page(
            request,
            data,
            template,
            language,
            documents_home=documents_home(language),
            gazette_home=gazette_home(language),
            document_path=document_path,
            document_href=document_href,
            article_href=article_href,
            gazette_href=gazette_href,
            edition_path=edition_path,
            day=lambda value: day_text(value, language),
            validity_labels=validity_labels(language),
            validity_params=PARAM_OF_VALIDITY,
            type_names=type_names(data, language),
            **extra,
        )

    @staticmethod
    def _refused(response: Response) -> Response:
        # A 304 stays a 304: the client already holds this very page.
        if response.status_code == 200:
            response.status_code = 400
        return response

    # --- documents ----------------------------------------------------------------------

    async def _documents(self, request: Request, slug: str, language: str) -> Response:
        """The search tool: form, results, facets; refused filters answer 400 with the form."""
        form = parse_search(request.query_params)
        after = request.query_params.get("sau") or None
        errors = list(form.errors)
        variables = {
            "tenant": slug,
            "filter": form.filter or None,
            "after": after,
            "withResults": not errors,
        }
        try:
            data = await self.client.run("DocumentsPage", variables, request)
        except HubError as exc:
            if not exc.codes & {"INVALID_CURSOR", "INVALID_FILTER"}:
                raise
            errors.append(BAD_PAGE if "INVALID_CURSOR" in exc.codes else BAD_FILTER)
            variables.update(filter=None, after=None, withResults=False)
            data = await self.client.run("DocumentsPage", variables, request)
        if not self.pages._edition_exists(data, language):
            return self.pages.not_found(request, "not_found", data)
        response = self._render(
            request,
            data,
            "documents.html",
            language,
            form=form,
            errors=bilingual(errors),
            facets=self._facets(data, form, language),
            query_with=lambda **changes: query_string(form.params(), **changes),
            alternates={"vi": documents_home("vi"), "en": documents_home("en")},
            trail=[(gettext(language, "Legal documents"), documents_home(language))],
        )
        return self._refused(response) if errors else response

    def _facets(
        self, data: dict[str, Any], form: SearchForm, language: str
    ) -> list[dict[str, Any]]:
        """Each facet's heading and values, each value a link adding (or removing) its filter."""
        found = data.get("documentFacets")
        if not found:
            return []
        names = {**type_names(data, language), **validity_labels(language)}
        params = form.params()
        out = []
        for key, param, heading in FACETS:
            values = []
            for v in found[key]:
                value, label = facet_choice(key, v, names)
                if not value:
                    continue
                chosen = value in form.types if param == "loai" else form.values[param] == value
                kept = [(k, x) for k, x in params if k != param or (chosen and x != value)]
                href = "?" + urlencode(kept if chosen else [*kept, (param, value)])
                values.append({"label": label, "count": v["count"], "href": href, "chosen": chosen})
            if values:
                out.append(
                    {"param": param, "heading": gettext(language, heading), "values": values}
                )
        return out

    async def _document(self, request: Request, slug: str, language: str) -> Response:
        variables = {"tenant": slug, "slug": request.path_params["slug"]}
        try:
            data = await self.client.run("DocumentPage", variables, request)
        except HubError as exc:
            if "INVALID_SLUG" in exc.codes:
                return self.pages.not_found(request, "not_found")
            raise
        document = data["document"]
        if document is None or not self.pages._edition_exists(data, language):
            return self.pages.not_found(request, "not_found", data)
        here = document_path(document, language)
        origin = self.pages.origin_for(request)
        home = origin + ("/en/" if language == "en" else "/")
        icon = self.pages.icon_url(request)
        law = legislation(
            document,
            origin + here,
            type_names(data, language).get(document["type"], document["type"]),
            language,
            publisher(data["tenant"], home, icon, language),
        )
        return self._render(
            request,
            data,
            "document.html",
            language,
            alternates={"vi": document_path(document, "vi"), "en": document_path(document, "en")},
            trail=[
                (gettext(language, "Legal documents"), documents_home(language)),
                (document["number"], here),
            ],
            structured_data=[law],
            document=document,
            relations=relation_groups(document["relations"], language),
        )

    # --- gazette --------------------------------------------------------------------------

    async def _gazette(self, request: Request, slug: str, language: str) -> Response:
        """The years, and the editions of the chosen year (or the latest ones)."""
        wanted = request.query_params.get("nam", "").strip()
        errors: list[str] = []
        year = None
        if wanted:
            if wanted.isascii() and wanted.isdigit() and 1945 <= int(wanted) <= 2200:
                year = int(wanted)
            else:
                errors.append(BAD_GAZETTE_YEAR)
        variables = {
            "tenant": slug,
            "year": year,
            "after": request.query_params.get("sau") or None,
            "withEditions": not errors,
        }
        try:
            data = await self.client.run("GazettePage", variables, request)
        except HubError as exc:
            if "INVALID_CURSOR" not in exc.codes:
                raise
            errors.append(BAD_PAGE)
            variables.update(after=None, withEditions=False)
            data = await self.client.run("GazettePage", variables, request)
        if not self.pages._edition_exists(data, language):
            return self.pages.not_found(request, "not_found", data)
        response = self._render(
            request,
            data,
            "gazette.html",
            language,
            alternates={"vi": gazette_home("vi"), "en": gazette_home("en")},
            trail=[(gettext(language, "Official Gazette"), gazette_home(language))],
            year=year,
            errors=bilingual(errors),
        )
        return self._refused(response) if errors else response

    async def _edition_data(
        self, request: Request, slug: str, language: str
    ) -> dict[str, Any] | None:
        """The `GazetteEditionPage` data of the edition the path names, or None (404)."""
        year, number = request.path_params["year"], request.path_params["number"]
        if not (_small_number(year) and _small_number(number)):
            return None
        variables = {"tenant": slug, "year": int(year), "number": int(number)}
        data = await self.client.run("GazetteEditionPage", variables, request)
        if data["gazetteEdition"] is None or not self.pages._edition_exists(data, language):
            return None
        return data

    async def _edition(self, request: Request, slug: str, language: str) -> Response:
        data = await self._edition_data(request, slug, language)
        if data is None:
            return self.pages.not_found(request, "not_found")
        edition = data["gazetteEdition"]
        canonical = edition_path(edition["year"], edition["numbers"][0], language)
        root = request.scope.get("root_path", "")
        if request.url.path.removeprefix(root) != canonical:
            # Any number of a combined edition ("59 + 60") finds it at its first number.
            return RedirectResponse(root + canonical, 301)
        numbers = (edition["year"], edition["numbers"][0])
        title = gettext(language, "Official Gazette no. %(label)s of %(year)s") % {
            "label": edition["label"],
            "year": edition["year"],
        }
        return self._render(
            request,
            data,
            "gazette_edition.html",
            language,
            alternates={"vi": edition_path(*numbers, "vi"), "en": edition_path(*numbers, "en")},
            trail=[
                (gettext(language, "Official Gazette"), gazette_home(language)),
                (title, canonical),
            ],
            edition=edition,
        )

    async def _gazette_item(self, request: Request, slug: str, language: str) -> Response:
        """An item's permalink: its line of the edition's table of contents."""
        data = await self._edition_data(request, slug, language)
        position = request.path_params["position"]
        if data is None or not _small_number(position):
            return self.pages.not_found(request, "not_found")
        edition = data["gazetteEdition"]
        if not any(item["position"] == int(position) for item in edition["items"]):
            return self.pages.not_found(request, "not_found")
        canonical = edition_path(edition["year"], edition["numbers"][0], language)
        root = request.scope.get("root_path", "")
        return RedirectResponse(f"{root}{canonical}#muc-{int(position)}", 301)

    # --- feeds ----------------------------------------------------------------------------

    async def _documents_feed(self, request: Request, slug: str, language: str) -> Response:
        """The newest published documents as Atom."""
        data = await self.client.run("DocumentsFeed", {"tenant": slug, "first": FEED_SIZE}, request)
        if not self.pages._edition_exists(data, language):
            return self.pages.not_found(request, "not_found")
        tenant, types = data["tenant"], type_names(data, language)
        base, _ = _base(request)
        entries = [
            self._document_entry(e["node"], types, base, language)
            for e in data["documents"]["edges"]
        ]
        description = gettext(language, "Newest legal documents of %(portal)s")
        channel = self._channel(
            request,
            tenant,
            language,
            "documents",
            gettext(language, "Legal documents"),
            description % {"portal": _portal_name(tenant, language)},
            base + documents_home(language),
            entries,
        )
        return self._atom(request, channel)

    def _document_entry(
        self, node: dict[str, Any], types: dict[str, str], base: str, language: str
    ) -> Entry:
        published = moment(node["publishedAt"] or node["updatedAt"])
        type_name = types.get(node["type"], node["type"])
        issued = gettext(language, "Issued on %(date)s")
        lines = (
            f"{type_name} {node['number']} – {node['issuer']}",
            issued % {"date": day_text(node["issuedOn"], language)},
            node["abstract"],
        )
        return Entry(
            id=f"tag:{self.id_authority},{published.astimezone(UTC):%Y-%m-%d}:{node['id']}",
            url=base + document_path(node, language),
            title=xml_text(f"{node['number']} – {node['title']}"),
            summary=xml_text(node["abstract"]),
            content_html=xml_text("".join(f"<p>{html.escape(x)}</p>" for x in lines if x)),
            published=published,
            updated=max(published, moment(node["updatedAt"])),
            author=xml_text(node["issuer"]),
            category=xml_text(type_name),
            category_term=node["type"],
            tags=[xml_text(f) for f in node["fields"]],
            image=None,
            external_url="",
        )

    async def _gazette_feed(self, request: Request, slug: str, language: str) -> Response:
        """The newest published gazette editions as Atom, each with its table of contents."""
        data = await self.client.run("GazetteFeed", {"tenant": slug, "first": FEED_SIZE}, request)
        if not self.pages._edition_exists(data, language):
            return self.pages.not_found(request, "not_found")
        tenant = data["tenant"]
        base, origin = _base(request)
        portal_url = self.pages.portal_url_for(request)

        def document_url(document: dict[str, Any]) -> str:
            if document["tenant"]["slug"] == tenant["slug"]:
                return base + document_path(document, language)
            home = _absolute(portal_url(document["tenant"]["slug"]), origin)
            return home + document_path(document, "vi")[1:]

        portal = _portal_name(tenant, language)
        entries = [
            self._edition_entry(e["node"], portal, base, language, document_url)
            for e in data["gazetteEditions"]["edges"]
        ]
        description = gettext(language, "Newest editions of the Official Gazette of %(portal)s")
        channel = self._channel(
            request,
            tenant,
            language,
            "gazette",
            gettext(language, "Official Gazette"),
            description % {"portal": portal},
            base + gazette_home(language),
            entries,
        )
        return self._atom(request, channel)

    def _edition_entry(
        self,
        node: dict[str, Any],
        portal: str,
        base: str,
        language: str,
        document_url: Callable[[dict[str, Any]], str],
    ) -> Entry:
        """An edition as a feed entry: its table of contents, linked to the documents held."""
        published = moment(node["publishedAt"] or node["updatedAt"])
        pages = gettext(language, "(pages %(from)s–%(to)s)")
        lines = []
        for item in node["items"]:
            text = html.escape(
                f"{item['issuer']}, {day_text(item['issuedOn'], language)}: {item['title']} "
                + pages % {"from": item["pageFrom"], "to": item["pageTo"]}
            )
            if item["document"] is not None:
                href = html.escape(document_url(item["document"]), quote=True)
                text = f'<a href="{href}">{text}</a>'
            lines.append(f"<li>{text}</li>")
        title = gettext(language, "Official Gazette no. %(label)s of %(year)s")
        date_line = gettext(language, "Published on %(date)s")
        return Entry(
            id=f"tag:{self.id_authority},{published.astimezone(UTC):%Y-%m-%d}:{node['id']}",
            url=base + edition_path(node["year"], node["numbers"][0], language),
            title=xml_text(title % {"label": node["label"], "year": node["year"]}),
            summary=xml_text(date_line % {"date": day_text(node["publishedOn"], language)}),
            content_html=xml_text(f"<ol>{''.join(lines)}</ol>"),
            published=published,
            updated=max(published, moment(node["updatedAt"])),
            author=xml_text(portal),
            category="",
            category_term="",
            tags=[],
            image=None,
            external_url="",
        )

    def _channel(
        self,
        request: Request,
        tenant: dict[str, Any],
        language: str,
        kind: str,
        name: str,
        description: str,
        home_url: str,
        entries: list[Entry],
    ) -> Channel:
        portal = _portal_name(tenant, language)
        origin = f"{request.url.scheme}://{request.url.netloc}"
        return Channel(
            id=f"tag:{self.id_authority},{FEED_ID_DATE}:{kind}/{tenant['slug']}/{language}",
            title=xml_text(f"{name} – {portal}"),
            description=xml_text(description),
            publisher=xml_text(portal),
            language=language,
            home_url=home_url,
            self_url=origin + request.url.path,
            updated=max(
                (e.updated for e in entries),
                default=datetime.now(LOCAL_TZ).replace(microsecond=0),
            ),
            entries=entries,
        )

    def _atom(self, request: Request, channel: Channel) -> Response:
        spec = FORMATS["atom"]
        assert spec.template is not None
        body = self.feed_env.get_template(spec.template).render(feed=channel, generator=GENERATOR)
        return cached_bytes(request, body.encode(), spec.media_type)


def facet_choice(key: str, value: dict[str, Any], names: dict[str, str]) -> tuple[str, str]:
    """The query value and the label of one facet value (`names`: type and status names)."""
    if key == "statuses":
        code = value["value"].upper()
        return PARAM_OF_VALIDITY.get(code, ""), names.get(code, value["label"])
    if key == "types":
        return value["value"], names.get(value["value"], value["label"])
    if key == "fields":
        # The filter folds what it is given, so the name (shown back in the form) does.
        return value["label"], value["label"]
    return value["value"], value["label"]


def query_string(params: list[tuple[str, str]], **changes: str | None) -> str:
    """`?…` of ``params`` with ``changes`` (a Python name's `_` is the parameter's `-`)."""
    changed = {k.replace("_", "-"): v for k, v in changes.items()}
    kept = [(k, v) for k, v in params if k not in changed]
    added = [(k, v) for k, v in changed.items() if v]
    return "?" + urlencode(kept + added)


def _small_number(value: str) -> bool:
    return value.isascii() and value.isdigit() and 0 < len(value) <= 5


def _portal_name(tenant: dict[str, Any], language: str) -> str:
    name: str = (tenant["nameEn"] or tenant["name"]) if language == "en" else tenant["name"]
    return name


def _base(request: Request) -> tuple[str, str]:
    """The absolute base of the portal's paths (with any development prefix), and the origin."""
    origin = f"{request.url.scheme}://{request.url.netloc}"
    return origin + request.scope.get("root_path", ""), origin


def _absolute(url: str, origin: str) -> str:
    """A portal URL made absolute: development ones are root-relative (`/_t/<slug>/`)."""
    return origin + url if url.startswith("/") else url
