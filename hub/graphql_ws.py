"""GraphQL subscriptions over WebSocket (`graphql-transport-ws`) at `/graphql`.

Strawberry runs the protocol; each connection gets a context like an HTTP
request's, with the viewer from its session cookie or `Authorization` header.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry import Schema
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from hub.auth.identity import SessionSigner, viewer_for_request
from hub.context import HubContext, HubServices, make_context
from tenants.scope import TENANT_KEY, Scope


class SubscriptionEndpoint(GraphQL[HubContext, None]):
    def __init__(self, schema: Schema, signer: SessionSigner, services: HubServices) -> None:
        super().__init__(
            schema,
            graphql_ide=None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            keep_alive=True,
            keep_alive_interval=20,
            max_subscriptions_per_connection=20,
        )
        self.signer = signer
        self.services = services

    async def get_context(self, request: Request | WebSocket, response: Any) -> HubContext:
        viewer = await viewer_for_request(request, self.signer)
        return make_context(
            Scope(tenant=request.scope.get(TENANT_KEY), viewer=viewer), self.services
        )

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        return Response()
