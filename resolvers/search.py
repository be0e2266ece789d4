"""The `search` root field: one query over articles, documents and gazette editions."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.search.backend import SearchQuery, SearchResults
from hub.services import search as service
from hub.services.errors import ServiceError
from hub.services.workflow import utc
from resolvers.pagination import TenantSlugArg
from resolvers.tenants import require_tenant
from schema.common import BadUserInput
from schema.search import (
    SearchFacets,
    SearchFacetValue,
    SearchHitType,
    SearchKind,
    SearchResultsType,
    TextSegment,
)
from tenants.models import Tenant

MAX_PAGE = 500


def _day(value: date | None) -> datetime | None:
    return utc(datetime.combine(value, time.min).replace(tzinfo=service.VIETNAM)) if value else None


async def _convert(info: Info, results: SearchResults) -> SearchResultsType:
    slugs: dict[int, str] = {}
    tenant_ids = {h.tenant_id for h in results.hits}
    if results.facets:
        tenant_ids |= set(results.facets.tenant)
    for tenant_id in tenant_ids:
        tenant: Tenant | None = await info.context.loaders.tenant_by_id.load(tenant_id)
        slugs[tenant_id] = tenant.slug if tenant else ""
    facets = None
    if results.facets is not None:
        f = results.facets
        facets = SearchFacets(
            kinds=[SearchFacetValue(value=k, count=n) for k, n in f.kind.items()],
            tenants=[SearchFacetValue(value=slugs[t], count=n) for t, n in f.tenant.items()],
            categories=[SearchFacetValue(value=c, count=n) for c, n in f.category.items()],
            years=[SearchFacetValue(value=str(y), count=n) for y, n in f.year.items()],
        )
    return SearchResultsType(
        total=results.total,
        page=results.page,
        pages=results.pages,
        hits=[
            SearchHitType(
                kind=SearchKind(h.kind),
                title=h.title,
                url_path=h.url_path,
                tenant_slug=slugs.get(h.tenant_id, ""),
                published_at=h.published_at,
                number=h.number,
                title_highlight=[
                    TextSegment(text=s.text, match=s.is_match) for s in h.title_highlight
                ],
                snippet=[TextSegment(text=s.text, match=s.is_match) for s in h.snippet],
            )
            for h in results.hits
        ],
        facets=facets,
    )


@strawberry.type
class SearchQueryRoot:
    @strawberry.field(
        description="Search published articles, legal documents and gazette editions of a "
        "portal (optionally with every portal below it), diacritics optional. Document numbers "
        "in any common spelling (42/2022/ND-CP) find that document first."
    )
    async def search(
        self,
        info: Info,
        tenant: TenantSlugArg,
        text: Annotated[str, strawberry.argument(description="What to look for.")] = "",
        include_descendants: Annotated[
            bool, strawberry.argument(description="Also every portal below this one.")
        ] = False,
        kinds: Annotated[
            list[SearchKind] | None, strawberry.argument(description="Only these kinds.")
        ] = None,
        published_from: Annotated[
            date | None, strawberry.argument(description="Published on or after (Việt Nam day).")
        ] = None,
        published_to: Annotated[
            date | None, strawberry.argument(description="Published on or before (Việt Nam day).")
        ] = None,
        category: Annotated[
            str | None, strawberry.argument(description="Only this category slug.")
        ] = None,
        year: Annotated[int | None, strawberry.argument(description="Only this year.")] = None,
        page: Annotated[int, strawberry.argument(description="Page number, from 1.")] = 1,
        page_size: Annotated[
            int, strawberry.argument(description="Hits per page, at most 50.")
        ] = 20,
        facets: Annotated[bool, strawberry.argument(description="Also count facets.")] = False,
    ) -> SearchResultsType:
        if not 1 <= page <= MAX_PAGE or not 1 <= page_size <= 50:
            raise BadUserInput("page must be 1–500 and pageSize 1–50", "INVALID_PAGE_SIZE")
        if year is not None and not 1900 <= year <= 2200:
            raise BadUserInput("year is out of range", "INVALID_FILTER")
        owner = await require_tenant(info, tenant)
        end = _day(published_to + (date.resolution)) if published_to else None
        query = SearchQuery(
            text=text,
            kinds=[k.value for k in kinds or ()],
            published_from=_day(published_from),
            published_to=end,
            category=category,
            year=year,
            page=page,
            page_size=page_size,
            facets=facets,
        )
        backend = await info.context.services.search.backend()
        try:
            results = await service.search(
                backend, service.SearchScope(owner, include_descendants), query
            )
        except ServiceError as exc:
            raise BadUserInput(exc.message, str(exc.code)) from exc
        return await _convert(info, results)
