"""GraphQL subscriptions over WebSocket (`graphql-transport-ws`) at `/graphql`.

Strawberry runs the protocol; the hub adds what HTTP already had:

- **The same document limits** (`hub/graphql_limits.py`): a frame larger than
  ``THUDO_MAX_QUERY_BYTES`` is refused before it is decoded (the connection
  closes with 4400 and a bilingual reason), and a `subscribe` whose request is
  malformed gets an `error` message for its id, as HTTP would answer 400.
  Depth, alias and token limits are the schema's own, as on HTTP.
- **Authentication from `connectionParams`**: the `connection_init` payload
  may carry ``{"authorization": "Bearer thd_…"}`` or
  ``{"thudo_session": "<the signed session cookie>"}``, the way graphql-ws
  clients authenticate (a browser cannot set handshake headers). Credentials
  that do not verify close the connection with 4403. Without them, the
  handshake's own cookie or `Authorization` header decides, as before.
  Strawberry refuses a handshake whose `Origin` is another site's.
- **Sessions end here too.** A signed-in connection's credentials are checked
  again for every new operation (anonymous connections pay nothing): after a
  sign-out, a password change or a deactivation the connection closes with
  4403 on its next `subscribe`, and a changed role applies to it. Operations
  already running go on (subscriptions carry public events only).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from json import JSONDecodeError
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState
from strawberry import Schema
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.http.exceptions import NonJsonMessageReceived, NonTextMessageReceived
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    SubscribeMessage,
)

from hub.auth.identity import SESSION_COOKIE, SessionSigner, viewer_for_credentials
from hub.context import HubContext, HubServices, make_context
from hub.graphql_limits import message_too_large, request_problem
from hub.i18n import bilingual
from tenants.scope import TENANT_KEY, Scope

# graphql-transport-ws close codes: 4400 bad request, 4403 forbidden.
CLOSE_BAD_REQUEST = 4400
CLOSE_FORBIDDEN = 4403
MAX_CLOSE_REASON_BYTES = 123  # RFC 6455: a close frame's reason


def close_reason(key: str) -> str:
    """A bilingual close reason, cut to what a close frame can carry."""
    return bilingual(key).encode()[:MAX_CLOSE_REASON_BYTES].decode(errors="ignore")


class LimitedWebSocketAdapter(ASGIWebSocketAdapter):
    """Strawberry's adapter, refusing a frame over the document cap before decoding it."""

    async def iter_json(self, *, ignore_parsing_errors: bool = False) -> AsyncGenerator[Any, None]:
        try:
            while self.ws.application_state != WebSocketState.DISCONNECTED:
                text = await self.ws.receive_text()
                if message_too_large(text, cast(SubscriptionEndpoint, self.view).max_bytes):
                    await self.ws.close(CLOSE_BAD_REQUEST, close_reason("query_too_large"))
                    return
                try:
                    yield self.view.decode_json(text)
                except JSONDecodeError as error:
                    if not ignore_parsing_errors:
                        raise NonJsonMessageReceived from error
        except KeyError as error:
            raise NonTextMessageReceived from error
        except WebSocketDisconnect:
            pass


class HubTransportWSHandler(BaseGraphQLTransportWSHandler[HubContext, None]):
    """The protocol handler, with `connectionParams` sign-in and the request checks."""

    view: SubscriptionEndpoint
    context: HubContext
    # The credentials `connectionParams` gave, if any (else the handshake's count).
    params_credentials: tuple[str, str | None] | None = None

    def credentials(self) -> tuple[str, str | None]:
        """The credentials this connection signed in with."""
        if self.params_credentials is not None:
            return self.params_credentials
        ws = cast(ASGIWebSocketAdapter, self.websocket).ws
        return ws.headers.get("authorization", ""), ws.cookies.get(SESSION_COOKIE)

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        payload = message.get("payload")
        if (
            isinstance(payload, dict)
            and not self.connection_init_received
            and not self.connection_timed_out
        ):
            authorization, session = _credentials(payload)
            if authorization or session:
                viewer = await viewer_for_credentials(authorization, session, self.view.signer)
                if not viewer.is_authenticated:
                    await self.websocket.close(CLOSE_FORBIDDEN, close_reason("ws_unauthorized"))
                    return
                self.params_credentials = (authorization, session)
                scope = Scope(tenant=self.context.scope.tenant, viewer=viewer)
                # Operations start only after the ack, so none saw the old context.
                self.context = make_context(scope, self.view.services)
        await super().handle_connection_init(message)

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload = message.get("payload")
        problem = request_problem(payload, self.view.max_bytes)
        if (
            problem is not None
            and self.connection_acknowledged
            and isinstance(message.get("id"), str)
        ):
            await self.send_message(
                {
                    "id": message["id"],
                    "type": "error",
                    "payload": [
                        {"message": bilingual(problem), "extensions": {"code": problem.upper()}}
                    ],
                }
            )
            return
        current = self.context.scope.viewer
        if current.is_authenticated and self.connection_acknowledged:
            viewer = await viewer_for_credentials(*self.credentials(), self.view.signer)
            if not viewer.is_authenticated:
                await self.websocket.close(CLOSE_FORBIDDEN, close_reason("ws_session_ended"))
                return
            if viewer != current:
                scope = Scope(tenant=self.context.scope.tenant, viewer=viewer)
                self.context = make_context(scope, self.view.services)
        await super().handle_subscribe(message)


def _credentials(params: dict[str, Any]) -> tuple[str, str | None]:
    """The bearer header and session cookie a client put in its `connectionParams`."""
    lowered = {str(k).lower(): v for k, v in params.items()}
    authorization = lowered.get("authorization")
    session = lowered.get(SESSION_COOKIE)
    return (
        authorization if isinstance(authorization, str) else "",
        session if isinstance(session, str) and session else None,
    )


class SubscriptionEndpoint(GraphQL[HubContext, None]):
    graphql_transport_ws_handler_class = HubTransportWSHandler
    websocket_adapter_class = LimitedWebSocketAdapter  # type: ignore[assignment]

    def __init__(
        self, schema: Schema, signer: SessionSigner, services: HubServices, max_bytes: int
    ) -> None:
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
        self.max_bytes = max_bytes

    async def get_context(self, request: Request | WebSocket, response: Any) -> HubContext:
        viewer = await viewer_for_credentials(
            request.headers.get("authorization", ""),
            request.cookies.get(SESSION_COOKIE),
            self.signer,
        )
        return make_context(
            Scope(tenant=request.scope.get(TENANT_KEY), viewer=viewer), self.services
        )

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        return Response()
