"""GraphQL types of the site-wide search."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry


@strawberry.enum(description="What kind of item a search hit is.")
class SearchKind(Enum):
    ARTICLE = "article"
    DOCUMENT = "document"
    GAZETTE = "gazette"


@strawberry.type(description="A run of text; `match` marks the words that matched the query.")
class TextSegment:
    text: str = strawberry.field(description="The text, plain (escape it when rendering).")
    match: bool = strawberry.field(description="Whether these words matched.")


@strawberry.type(description="One search result.")
class SearchHitType:
    kind: SearchKind = strawberry.field(description="Article, document or gazette edition.")
    title: str = strawberry.field(description="Title.")
    url_path: str = strawberry.field(description="Path on the owning portal.")
    tenant_slug: str = strawberry.field(description="Slug of the portal that owns it.")
    published_at: datetime = strawberry.field(description="Publication time (UTC).")
    number: str | None = strawberry.field(description="Document number, for documents.")
    title_highlight: list[TextSegment] = strawberry.field(
        description="The title, with matched words marked."
    )
    snippet: list[TextSegment] = strawberry.field(
        description="A passage of the text around the matched words."
    )


@strawberry.type(description="A facet value and its count.")
class SearchFacetValue:
    value: str = strawberry.field(description="The value to filter by.")
    count: int = strawberry.field(description="Hits with this value.")


@strawberry.type(description="Counts over the whole result set.")
class SearchFacets:
    kinds: list[SearchFacetValue] = strawberry.field(description="Per kind.")
    tenants: list[SearchFacetValue] = strawberry.field(description="Per portal (slug).")
    categories: list[SearchFacetValue] = strawberry.field(description="Per category slug.")
    years: list[SearchFacetValue] = strawberry.field(description="Per year.")


@strawberry.type(description="A page of search results.")
class SearchResultsType:
    total: int = strawberry.field(description="How many published items match.")
    page: int = strawberry.field(description="This page's number, from 1.")
    pages: int = strawberry.field(description="How many pages the results fill.")
    hits: list[SearchHitType] = strawberry.field(description="The hits of this page.")
    facets: SearchFacets | None = strawberry.field(description="Counts, when asked for.")
