"""The one GraphQL schema, assembled from the domain parts.

Abuse is bounded here: depth, alias and token limits; parsing and validation
are cached (execution is this stack's CPU bottleneck, so every repeated
document skips straight to it); unexpected errors are masked.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.tools import merge_types

from resolvers.articles import ArticleMutation
from resolvers.content import ContentQuery
from resolvers.documents import DocumentMutation, DocumentQuery
from resolvers.events import EventSubscription
from resolvers.gazette import GazetteMutation, GazetteQuery
from resolvers.media import MediaMutation, MediaQuery
from resolvers.newsroom import NewsroomQuery
from resolvers.search import SearchQueryRoot
from resolvers.syndication import SyndicationMutation, SyndicationQuery
from resolvers.tenants import TenantQuery
from resolvers.webhooks import WebhookMutation, WebhookQuery
from resolvers.workspace import WorkspaceQuery

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5_000
SDL_PATH = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"

# Built once: the validation cache keys on the rule classes, and strawberry's
# limiter extensions would mint new classes per request (the cache never hit).
LIMIT_RULES = [depth_rule(MAX_DEPTH, None, None), alias_rule(MAX_ALIASES)]

Query = merge_types(
    "Query",
    (
        TenantQuery,
        ContentQuery,
        NewsroomQuery,
        MediaQuery,
        SyndicationQuery,
        WebhookQuery,
        DocumentQuery,
        GazetteQuery,
        SearchQueryRoot,
        WorkspaceQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        ArticleMutation,
        MediaMutation,
        SyndicationMutation,
        WebhookMutation,
        DocumentMutation,
        GazetteMutation,
    ),
)


def _should_mask(error: GraphQLError) -> bool:
    # Errors we raise on purpose are GraphQLErrors (with a code); anything else
    # is a bug or an outage and must not leak internals to the client.
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=EventSubscription,
        # Factories: strawberry builds fresh extension instances per operation.
        extensions=[
            partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
            partial(ParserCache, maxsize=512),
            partial(AddValidationRules, LIMIT_RULES),
            partial(ValidationCache, maxsize=512),
            partial(MaskErrors, should_mask_error=_should_mask, error_message="Internal error."),
        ],
    )


schema = build_schema()


def export_sdl() -> str:
    """The schema as SDL, as committed in `schema/schema.graphql`."""
    return schema.as_str() + "\n"
