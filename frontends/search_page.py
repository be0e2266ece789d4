"""The site-wide search page of every portal, and the target of the header search box.

Addresses: `/tim-kiem` and, on portals with an English edition, `/en/search`.
A plain GET form (works without JavaScript):

- `q`: the words (diacritics optional, document numbers in any common spelling);
- `loai`: kinds, repeatable: `bai-viet`, `van-ban`, `cong-bao`;
- `nam`: year of publication; `chuyen-muc`: a category slug;
- `duoi=1`: also the portals below this one (offered on the city portal);
- `trang`: the page of results, from 1.

An empty query shows the form and a hint. A query the hub refuses (too long,
an unknown kind, a page out of range…) shows the form with the reason in
Vietnamese and English and answers 400; it never fails the server. Like every
page it runs one named operation (`SearchPage`) as an anonymous reader, so
drafts never show; rendering and ETags are the :class:`~frontends.pages.Pages`
instance's.

Caching: :mod:`hub.page_cache` keys pages by root path, path, *query string*
and host, so two queries never share an entry. Results are still sent with
``Cache-Control: private``: the key space of free text is unbounded, and
storing every query in the bounded LRU would let a crawler evict the pages
that matter (the home page, articles). The empty form stays public and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from frontends.client import HubError
from frontends.legal_pages import bilingual
from frontends.pages import Pages
from hub.i18n import N_, gettext
from tenants.scope import TENANT_LEVEL_KEY

PATHS = {"vi": "/tim-kiem", "en": "/en/search"}
PAGE_SIZE = 20
MAX_TEXT = 300  # the hub's own limit (hub/search/query.py MAX_QUERY_CHARS)
MAX_PAGE = 500
RESULTS_CACHE_CONTROL = "private, max-age=30"

# Query value ↔ GraphQL `SearchKind`, and how each kind is named.
KIND_PARAMS = {"bai-viet": "ARTICLE", "van-ban": "DOCUMENT", "cong-bao": "GAZETTE"}
PARAM_OF_KIND = {v: k for k, v in KIND_PARAMS.items()}
KIND_NAMES = {
    "ARTICLE": N_("Articles"),
    "DOCUMENT": N_("Legal documents"),
    "GAZETTE": N_("Official Gazette"),
}
HIT_LABELS = {
    "ARTICLE": N_("Article"),
    "DOCUMENT": N_("Legal document"),
    "GAZETTE": N_("Gazette edition"),
}

# Why a search was refused: shown in Vietnamese and English, with a 400.
TOO_LONG = N_("The search text is too long (at most 300 characters).")
BAD_KIND = N_("This kind of content does not exist.")
BAD_YEAR = N_("The year must be a number from 1900 to 2200.")
BAD_PAGE = N_("This page of results does not exist; start again from the first page.")
BAD_FILTER = N_("One of the search values is not valid.")
BAD_TEXT = N_("These words cannot be searched; try other words.")
# Hub error code → message; any other bad-input code gets BAD_FILTER.
HUB_CODES = {
    "QUERY_TOO_LONG": TOO_LONG,
    "QUERY_EMPTY": BAD_TEXT,
    "INVALID_PAGE_SIZE": BAD_PAGE,
    "INVALID_FILTER": BAD_FILTER,
}
REFUSAL_CODES = {*HUB_CODES, "BAD_USER_INPUT", "INVALID_QUERY", "QUERY_INVALID"}

_CATEGORY = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
FORM_PARAMS = ("q", "nam", "chuyen-muc", "duoi")


@dataclass
class SearchForm:
    """The form as the reader filled it, and the `search` arguments it makes."""

    text: str = ""
    kinds: list[str] = field(default_factory=list)  # query values (`bai-viet`…)
    year: str = ""
    category: str = ""
    below: bool = False
    page: int = 1
    errors: list[str] = field(default_factory=list)  # msgids

    def variables(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "below": self.below,
            "kinds": [KIND_PARAMS[k] for k in self.kinds] or None,
            "category": self.category or None,
            "year": int(self.year) if self.year else None,
            "page": self.page,
        }

    def params(self) -> list[tuple[str, str]]:
        """The filled-in fields as query parameters, in form order (no page)."""
        out = [("q", self.text)] if self.text else []
        out += [("loai", k) for k in self.kinds]
        if self.year:
            out.append(("nam", self.year))
        if self.category:
            out.append(("chuyen-muc", self.category))
        if self.below:
            out.append(("duoi", "1"))
        return out


def clean_text(value: str) -> str:
    """Spaces collapsed; anything not encodable as UTF-8 (a lone surrogate) replaced."""
    value = value.encode("utf-8", "replace").decode("utf-8")
    return " ".join(value.split())


def parse_search(params: QueryParams) -> SearchForm:
    """The form of ``params``; refused values become messages, never exceptions."""
    form = SearchForm()
    errors: list[str] = []
    text = clean_text(params.get("q", ""))
    if len(text) > MAX_TEXT:
        errors.append(TOO_LONG)
        text = text[:MAX_TEXT]
    form.text = text
    kinds = [k.strip() for k in params.getlist("loai") if k.strip()]
    if any(k not in KIND_PARAMS for k in kinds):
        errors.append(BAD_KIND)
    form.kinds = [k for k in KIND_PARAMS if k in kinds]
    year = params.get("nam", "").strip()
    if year:
        if year.isascii() and year.isdigit() and 1900 <= int(year) <= 2200:
            form.year = year
        else:
            errors.append(BAD_YEAR)
    category = params.get("chuyen-muc", "").strip()
    if category:
        if _CATEGORY.match(category):
            form.category = category
        else:
            errors.append(BAD_FILTER)
    form.below = params.get("duoi", "") == "1"
    page = params.get("trang", "").strip()
    if page:
        if page.isascii() and page.isdigit() and 1 <= int(page) <= MAX_PAGE:
            form.page = int(page)
        else:
            errors.append(BAD_PAGE)
    form.errors = list(dict.fromkeys(errors))
    return form


def query_string(params: list[tuple[str, str]], **changes: str | None) -> str:
    """`?…` of ``params`` with ``changes`` (a Python name's `_` is the parameter's `-`).

    A change replaces every value of its parameter; ``None`` or ``""`` removes it.
    """
    changed = {k.replace("_", "-"): v for k, v in changes.items()}
    kept = [(k, v) for k, v in params if k not in changed]
    added = [(k, v) for k, v in changed.items() if v]
    return "?" + urlencode(kept + added)


def page_numbers(current: int, pages: int, around: int = 2) -> list[int | None]:
    """The page links to show: first, last, a few around the current one; None is a gap."""
    wanted = {1, pages, *range(current - around, current + around + 1)}
    shown = sorted(p for p in wanted if 1 <= p <= pages)
    out: list[int | None] = []
    previous = 0
    for p in shown:
        if previous and p - previous > 1:
            out.append(None)
        out.append(p)
        previous = p
    return out


class SearchPage:
    """The search page of every portal; renders through the pages."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.client = pages.client

    def routes(self) -> list[Route]:
        """Mount these before the pages: `/{category}/` patterns would not take them, but
        `/en/{category}/…` and the 404 handling are the pages' and must come after."""
        page = self.pages.portal_route
        return [page(path, self._search, language) for language, path in PATHS.items()]

    async def _search(self, request: Request, slug: str, language: str) -> Response:
        form = parse_search(request.query_params)
        errors = list(form.errors)
        searching = bool(form.text) and not errors
        variables: dict[str, Any] = {"tenant": slug, "withResults": searching}
        if searching:
            variables.update(form.variables())
        try:
            data = await self.client.run("SearchPage", variables, request)
        except HubError as exc:
            codes = exc.codes
            if not codes & REFUSAL_CODES:
                raise
            errors += [HUB_CODES.get(c, BAD_FILTER) for c in sorted(codes & REFUSAL_CODES)]
            data = await self.client.run(
                "SearchPage", {"tenant": slug, "withResults": False}, request
            )
        if not self.pages._edition_exists(data, language):
            return self.pages.not_found(request, "not_found", data)
        results = data.get("search")
        response = self.pages._page(
            request,
            data,
            "search.html",
            language,
            form=form,
            errors=bilingual(list(dict.fromkeys(errors))),
            results=results,
            search_path=PATHS[language],
            alternates=PATHS,
            is_city=request.scope.get(TENANT_LEVEL_KEY) == "city",
            kind_params=KIND_PARAMS,
            kind_names={k: gettext(language, v) for k, v in KIND_NAMES.items()},
            hit_labels={k: gettext(language, v) for k, v in HIT_LABELS.items()},
            hit_href=self._hit_href(request, slug),
            facets=self._facets(request, data, form, language) if results else [],
            query_with=lambda **changes: query_string(form.params(), **changes),
            page_numbers=page_numbers(results["page"], results["pages"]) if results else [],
        )
        if errors:
            if response.status_code == 200:  # a 304 stays a 304
                response.status_code = 400
        elif form.text and response.status_code in (200, 304):
            response.headers["Cache-Control"] = RESULTS_CACHE_CONTROL
        return response

    def _hit_href(self, request: Request, slug: str) -> Any:
        portal_url = self.pages.portal_url_for(request)
        root = request.scope.get("root_path", "")

        def href(hit: dict[str, Any]) -> str:
            if hit["tenantSlug"] == slug:
                return root + hit["urlPath"]
            return portal_url(hit["tenantSlug"]) + hit["urlPath"].lstrip("/")

        return href

    def _facets(
        self, request: Request, data: dict[str, Any], form: SearchForm, language: str
    ) -> list[dict[str, Any]]:
        """Each facet's heading and values, each value a link adding (or removing) its filter."""
        found = (data.get("search") or {}).get("facets")
        if not found:
            return []
        params = form.params()
        out: list[dict[str, Any]] = []

        def group(heading: str, values: list[dict[str, Any]]) -> None:
            if values:
                out.append({"heading": gettext(language, heading), "values": values})

        kinds = []
        for v in found["kinds"]:
            code = v["value"].upper()
            param = PARAM_OF_KIND.get(code)
            if param is None:
                continue
            chosen = form.kinds == [param]
            kinds.append(
                {
                    "label": gettext(language, KIND_NAMES[code]),
                    "count": v["count"],
                    "chosen": chosen,
                    "href": query_string(params, loai=None if chosen else param),
                }
            )
        group(N_("Kind"), kinds)
        years = []
        for v in sorted(found["years"], key=lambda v: v["value"], reverse=True):
            chosen = form.year == v["value"]
            href = query_string(params, nam=None if chosen else v["value"])
            years.append({"label": v["value"], "count": v["count"], "chosen": chosen, "href": href})
        group(N_("Year"), years)
        names = {
            e["node"]["slug"]: (e["node"]["nameEn"] or e["node"]["name"])
            if language == "en"
            else e["node"]["name"]
            for e in data["categories"]["edges"]
        }
        categories = []
        for v in found["categories"]:
            if not v["value"]:
                continue
            chosen = form.category == v["value"]
            categories.append(
                {
                    "label": names.get(v["value"], v["value"]),
                    "count": v["count"],
                    "chosen": chosen,
                    "href": query_string(params, chuyen_muc=None if chosen else v["value"]),
                }
            )
        group(N_("Category"), categories)
        if form.below:
            # Another portal's hits: its own search page, same words, its portals below.
            portal_url = self.pages.portal_url_for(request)
            own = data["tenant"]["slug"]
            tenants = []
            for v in found["tenants"]:
                if not v["value"]:
                    continue
                if v["value"] == own:
                    href = query_string(params, duoi=None)
                else:
                    href = portal_url(v["value"]) + "tim-kiem" + query_string(params, duoi=None)
                tenants.append(
                    {"label": v["value"], "count": v["count"], "chosen": False, "href": href}
                )
            group(N_("Portal"), tenants)
        return out
