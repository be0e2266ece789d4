"""The one GraphQL schema, assembled from the domain parts.

Abuse is bounded here: depth, alias and token limits; parsing and validation
are cached (execution is this stack's CPU bottleneck, so every repeated
document skips straight to it); unexpected errors are masked.

Errors are logged by kind: a client's mistake (a document that does not
parse or validate, a limit, a `BadUserInput`) is one line at INFO on the
`thudo.graphql` logger; only an unexpected error gets a traceback. Field
suggestions ("Did you mean …?") are off unless the app runs in debug mode:
they would read the schema out to a prober field by field.
"""

from __future__ import annotations

import logging
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
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from resolvers.articles import ArticleMutation
from resolvers.content import ContentQuery
from resolvers.documents import DocumentMutation, DocumentQuery
from resolvers.events import EventSubscription
from resolvers.gathering import GatheringMutation, GatheringQuery
from resolvers.gazette import GazetteMutation, GazetteQuery
from resolvers.initiatives import InitiativeMutation, InitiativeQuery
from resolvers.mail import MailQuery
from resolvers.media import MediaMutation, MediaQuery
from resolvers.newsroom import NewsroomQuery
from resolvers.participation import ParticipationMutation, ParticipationQuery
from resolvers.portal_admin import PortalAdminMutation, PortalAdminQuery
from resolvers.publish_down import PublishDownMutation, PublishDownQuery
from resolvers.search import SearchQueryRoot
from resolvers.staff import StaffMutation, StaffQuery
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
        PublishDownQuery,
        GatheringQuery,
        WebhookQuery,
        PortalAdminQuery,
        InitiativeQuery,
        MailQuery,
        DocumentQuery,
        GazetteQuery,
        SearchQueryRoot,
        WorkspaceQuery,
        StaffQuery,
        ParticipationQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        ArticleMutation,
        MediaMutation,
        SyndicationMutation,
        PublishDownMutation,
        GatheringMutation,
        WebhookMutation,
        PortalAdminMutation,
        InitiativeMutation,
        DocumentMutation,
        GazetteMutation,
        ParticipationMutation,
        StaffMutation,
    ),
)


def _should_mask(error: GraphQLError) -> bool:
    # Errors we raise on purpose are GraphQLErrors (with a code); anything else
    # is a bug or an outage and must not leak internals to the client.
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


client_errors = logging.getLogger("thudo.graphql")
SUGGESTION = " Did you mean "


def _expected(error: GraphQLError) -> bool:
    """A client's mistake: no error behind it, or one of ours raised on purpose."""
    return error.original_error is None or isinstance(error.original_error, GraphQLError)


class HubSchema(strawberry.Schema):
    """The schema, with the hub's error logging and suggestion switch."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        hide = self.config.disable_field_suggestions
        for error in errors:
            # strawberry strips field suggestions only; graphql-core also suggests
            # arguments, types, enum values and input fields.
            if hide and SUGGESTION in error.message:
                error.message = error.message.split(SUGGESTION, 1)[0]
            if _expected(error):
                code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION")
                message = " ".join(error.message.split())[:300]
                client_errors.info("GraphQL request refused (%s): %s", code, message)
            else:
                StrawberryLogger.error(error, execution_context)


def set_field_suggestions(schema: strawberry.Schema, enabled: bool) -> None:
    """Suggestions on (development, ``THUDO_DEBUG``) or off (everywhere else)."""
    schema.config.disable_field_suggestions = not enabled


def build_schema() -> strawberry.Schema:
    return HubSchema(
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
        config=StrawberryConfig(disable_field_suggestions=True),
    )


schema = build_schema()


def export_sdl() -> str:
    """The schema as SDL, as committed in `schema/schema.graphql`."""
    return schema.as_str() + "\n"
