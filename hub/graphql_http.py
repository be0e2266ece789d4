"""GraphQL over HTTP at `/graphql`, per the GraphQL-over-HTTP specification.

- POST with `application/json`; GET with `?query=` for queries only.
- Answers `application/graphql-response+json` when the client accepts it
  (request errors then get 4xx), else `application/json` (always 200 for a
  well-formed request, as legacy clients expect).
- GraphiQL when a browser asks for HTML.
- Bad input (malformed JSON, oversized documents, wrong types) gets a 4xx
  with a bilingual message, never a 500.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry import Schema
from strawberry.http.ides import get_graphql_ide_html
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from hub.auth.identity import SessionSigner, viewer_for_request
from hub.context import make_context
from hub.i18n import bilingual
from tenants.scope import TENANT_KEY, Scope

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


class GraphQLEndpoint:
    """An ASGI app serving one schema; contexts carry the request's scope."""

    def __init__(
        self, schema: Schema, signer: SessionSigner, directory: Any, max_bytes: int
    ) -> None:
        self.schema = schema
        self.signer = signer
        self.directory = directory
        self.max_bytes = max_bytes
        self._ide_html = get_graphql_ide_html(graphql_ide="graphiql")

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        request = Request(scope, receive)
        response = await self.handle(request)
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        accept = request.headers.get("accept", "")
        if (
            request.method == "GET"
            and "text/html" in accept
            and "query" not in request.query_params
        ):
            return HTMLResponse(self._ide_html)
        media_type = _negotiate(accept)
        if media_type is None:
            return _http_error(406, "not_acceptable", JSON)
        if request.method == "GET":
            params: Any = dict(request.query_params)
            if isinstance(params.get("variables"), str):
                params["variables"] = _loads(params["variables"])
            if isinstance(params.get("extensions"), str):
                params["extensions"] = _loads(params["extensions"])
            allowed = {OperationType.QUERY}
        elif request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type != JSON:
                return _http_error(415, "unsupported_media_type", media_type)
            length = request.headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > self.max_bytes:
                return _http_error(413, "query_too_large", media_type)
            body = await _read_limited(request, self.max_bytes)
            if body is None:
                return _http_error(413, "query_too_large", media_type)
            params = _loads(body)
            allowed = {OperationType.QUERY, OperationType.MUTATION}
        else:
            return _http_error(405, "method_not_allowed", media_type, {"Allow": "GET, POST"})
        problem = _validate_params(params, self.max_bytes)
        if problem is not None:
            return _http_error(400, problem, media_type)
        context = make_context(await self._scope(request), self.directory)
        try:
            result = await self.schema.execute(
                params["query"],
                variable_values=params.get("variables"),
                context_value=context,
                operation_name=params.get("operationName"),
                allowed_operation_types=allowed,
            )
        except InvalidOperationTypeError:
            return _http_error(405, "mutation_via_get", media_type, {"Allow": "POST"})
        payload: dict[str, Any] = {}
        if result.errors:
            payload["errors"] = [e.formatted for e in result.errors]
        request_error = (
            result.data is None
            and bool(result.errors)
            and all(e.path is None for e in result.errors)
        )
        if not request_error:
            payload["data"] = result.data
        status = 400 if request_error and media_type == GRAPHQL_RESPONSE else 200
        return Response(orjson.dumps(payload), status_code=status, media_type=media_type)

    async def _scope(self, request: Request) -> Scope:
        viewer = await viewer_for_request(request, self.signer)
        return Scope(tenant=request.scope.get(TENANT_KEY), viewer=viewer)


def _negotiate(accept: str) -> str | None:
    if not accept:
        return JSON
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in kinds:
        return GRAPHQL_RESPONSE
    if JSON in kinds or "*/*" in kinds or "application/*" in kinds:
        return JSON
    return None


class _BadJSON(Exception):
    pass


def _loads(raw: bytes | str) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _BadJSON()


async def _read_limited(request: Request, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _validate_params(params: Any, max_bytes: int) -> str | None:
    if isinstance(params, _BadJSON):
        return "malformed_json"
    if not isinstance(params, dict):
        return "body_not_object"
    if any(isinstance(v, _BadJSON) for v in params.values()):
        return "malformed_json"
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        return "query_missing"
    if len(query.encode()) > max_bytes:
        return "query_too_large"
    if params.get("variables") is not None and not isinstance(params["variables"], dict):
        return "variables_not_object"
    if params.get("operationName") is not None and not isinstance(params["operationName"], str):
        return "operation_name_not_string"
    return None


def _http_error(
    status: int, key: str, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    message = bilingual(key)
    body = {"errors": [{"message": message, "extensions": {"code": key.upper()}}]}
    return Response(orjson.dumps(body), status_code=status, media_type=media_type, headers=headers)
