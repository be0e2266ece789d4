"""GraphQL over HTTP at `/graphql`, per the GraphQL-over-HTTP specification.

- POST with `application/json`; GET with `?query=` for queries only.
- POST with `multipart/form-data` for file uploads, per the GraphQL multipart
  request specification (`operations`, `map`, then the files): mutations
  only, at most ten files, bounded in total by the media size limits. Since a
  cross-site form can send multipart without a CORS preflight, such a request
  must carry a bearer token, or, with the session cookie, a custom header
  (`GraphQL-Require-Preflight`, `Apollo-Require-Preflight` or
  `X-Thudo-Upload`, any value) that no form can set.
- Answers `application/graphql-response+json` when the client accepts it
  (request errors then get 4xx), else `application/json` (always 200 for a
  well-formed request, as legacy clients expect).
- A browser asking for HTML is sent (303) to the editors' workspace's GraphiQL,
  `/quan-tri/graphiql`, built from the hub's own assets (no CDN).
- Bad input (malformed JSON, oversized documents, wrong types) gets a 4xx
  with a bilingual message, never a 500.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from hub.auth.identity import SessionSigner, viewer_for_request
from hub.context import HubServices, make_context
from hub.graphql_limits import loads, request_problem
from hub.graphql_plans import QueryRunner
from hub.i18n import bilingual
from hub.services.media import max_upload_bytes
from hub.transport import client_address
from tenants.scope import TENANT_KEY, Scope

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MULTIPART = "multipart/form-data"
MAX_UPLOAD_FILES = 10
# `operations` and `map` parts: room for long transcripts and captions in variables.
MULTIPART_FIELD_BYTES = 4 * 1024 * 1024
PREFLIGHT_HEADERS = ("graphql-require-preflight", "apollo-require-preflight", "x-thudo-upload")

# Where a browser opening /graphql is sent (frontends/admin/graphiql.py).
GRAPHIQL_PATH = "/quan-tri/graphiql"


def upload_body_limit() -> int:
    """Largest multipart body: the largest file any kind may be, plus the two JSON parts."""
    return max_upload_bytes() + 2 * MULTIPART_FIELD_BYTES


class GraphQLEndpoint:
    """An ASGI app serving one schema; contexts carry the request's scope."""

    def __init__(
        self,
        runner: QueryRunner,
        signer: SessionSigner,
        services: HubServices,
        max_bytes: int,
    ) -> None:
        self.runner = runner
        self.signer = signer
        self.services = services
        self.max_bytes = max_bytes

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
            # The IDE is the workspace's: local assets, the session's viewer.
            return RedirectResponse(request.scope.get("root_path", "") + GRAPHIQL_PATH, 303)
        media_type = _negotiate(accept)
        if media_type is None:
            return _http_error(406, "not_acceptable", JSON)
        if request.method == "GET":
            params: Any = dict(request.query_params)
            if isinstance(params.get("variables"), str):
                params["variables"] = loads(params["variables"])
            if isinstance(params.get("extensions"), str):
                params["extensions"] = loads(params["extensions"])
            allowed = {OperationType.QUERY}
        elif request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == MULTIPART:
                return await self._multipart(request, media_type)
            if content_type != JSON:
                return _http_error(415, "unsupported_media_type", media_type)
            length = request.headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > self.max_bytes:
                return _http_error(413, "query_too_large", media_type)
            body = await _read_limited(request, self.max_bytes)
            if body is None:
                return _http_error(413, "query_too_large", media_type)
            params = loads(body)
            allowed = {OperationType.QUERY, OperationType.MUTATION}
        else:
            return _http_error(405, "method_not_allowed", media_type, {"Allow": "GET, POST"})
        problem = request_problem(params, self.max_bytes)
        if problem is not None:
            return _http_error(400, problem, media_type)
        return await self._execute(request, params, allowed, media_type)

    async def _multipart(self, request: Request, media_type: str) -> Response:
        """An upload request: checked, parsed within limits, files put into variables."""
        if not _may_upload(request):
            return _http_error(400, "upload_preflight_required", media_type)
        limit = upload_body_limit()
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return _http_error(413, "upload_too_large", media_type)
        limited = Request(request.scope, LimitedReceive(request.receive, limit))
        try:
            form = await limited.form(
                max_files=MAX_UPLOAD_FILES,
                max_fields=MAX_UPLOAD_FILES + 2,
                max_part_size=MULTIPART_FIELD_BYTES,
            )
        except BodyTooLarge:
            return _http_error(413, "upload_too_large", media_type)
        except (HTTPException, MultiPartException) as exc:
            detail = str(getattr(exc, "detail", "") or getattr(exc, "message", ""))
            key = "too_many_files" if detail.startswith("Too many files") else "multipart_malformed"
            return _http_error(400, key, media_type)
        try:
            params = _operations_with_files(form, self.max_bytes)
            if isinstance(params, str):
                return _http_error(400, params, media_type)
            return await self._execute(request, params, {OperationType.MUTATION}, media_type)
        finally:
            await form.close()

    async def _execute(
        self, request: Request, params: dict[str, Any], allowed: set[OperationType], media_type: str
    ) -> Response:
        context = make_context(await self._scope(request), self.services)
        try:
            result = await self.runner.execute(
                params["query"],
                variable_values=params.get("variables"),
                context_value=context,
                operation_name=params.get("operationName"),
                allowed_operation_types=allowed,
            )
        except InvalidOperationTypeError:
            if OperationType.QUERY in allowed:  # GET
                return _http_error(405, "mutation_via_get", media_type, {"Allow": "POST"})
            return _http_error(400, "multipart_mutations_only", media_type)
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
        return Scope(
            tenant=request.scope.get(TENANT_KEY),
            viewer=viewer,
            client_address=client_address(request),
        )


def _negotiate(accept: str) -> str | None:
    if not accept:
        return JSON
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in kinds:
        return GRAPHQL_RESPONSE
    if JSON in kinds or "*/*" in kinds or "application/*" in kinds:
        return JSON
    return None


async def _read_limited(request: Request, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class BodyTooLarge(Exception):
    """A request body grew past the limit its :class:`LimitedReceive` was given."""


class LimitedReceive:
    """An ASGI receive channel that stops a request body growing past ``limit`` bytes."""

    def __init__(self, receive: Any, limit: int) -> None:
        self.receive = receive
        self.limit = limit
        self.seen = 0

    async def __call__(self) -> Any:
        message = await self.receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self.limit:
                raise BodyTooLarge
        return message


def _may_upload(request: Request) -> bool:
    """A bearer token, or a header a cross-site form cannot send (CSRF)."""
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return True
    return any(request.headers.get(name, "").strip() for name in PREFLIGHT_HEADERS)


def _operations_with_files(form: FormData, max_bytes: int) -> dict[str, Any] | str:
    """The request with every mapped file in place of its null, or an error key."""
    raw = form.get("operations")
    params = loads(raw) if isinstance(raw, str) else None
    if not isinstance(params, dict):  # batches (arrays) are not supported
        return "operations_invalid"
    problem = request_problem(params, max_bytes)
    if problem is not None:
        return problem
    raw_map = form.get("map")
    mapping = loads(raw_map) if isinstance(raw_map, str) else None
    files: dict[str, UploadFile] = {}
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            if name in files:
                return "map_invalid"
            files[name] = value
    if not isinstance(mapping, dict) or set(mapping) != set(files):
        return "map_invalid"
    for name, paths in mapping.items():
        if not isinstance(paths, list) or not paths:
            return "map_invalid"
        for path in paths:
            if not isinstance(path, str) or not _put_file(params, path, files[name]):
                return "map_invalid"
    return params


def _put_file(params: dict[str, Any], path: str, upload: UploadFile) -> bool:
    """Put ``upload`` at ``variables.a.0.b`` where the client left a null."""
    head, *steps = path.split(".")
    if head != "variables" or not steps:
        return False
    node: Any = params.get("variables")
    for step in steps[:-1]:
        node = _child(node, step)
    last = steps[-1]
    if isinstance(node, dict) and last in node and node[last] is None:
        node[last] = upload
        return True
    if isinstance(node, list) and _index(node, last) is not None and node[int(last)] is None:
        node[int(last)] = upload
        return True
    return False


def _child(node: Any, step: str) -> Any:
    if isinstance(node, dict):
        return node.get(step)
    if isinstance(node, list) and _index(node, step) is not None:
        return node[int(step)]
    return None


def _index(node: list[Any], step: str) -> int | None:
    return int(step) if step.isdigit() and int(step) < len(node) else None


def _http_error(
    status: int, key: str, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    message = bilingual(key)
    body = {"errors": [{"message": message, "extensions": {"code": key.upper()}}]}
    return Response(orjson.dumps(body), status_code=status, media_type=media_type, headers=headers)
