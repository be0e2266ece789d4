"""The document limits every GraphQL transport applies, in one place.

HTTP (`hub/graphql_http.py`) and WebSocket (`hub/graphql_ws.py`) both check a
request here **before anything parses its document**: the raw message size,
then the request's shape and the document's size. Parsing is where a huge
document costs (a 15 MB subscribe once held the event loop for 9 s), so the
size is checked on the bytes, never after. The depth, alias and token limits
run inside the schema (`hub/graphql.py`) and therefore bind every transport
and the pages' in-process one alike.
"""

from __future__ import annotations

from typing import Any

import orjson


class BadJSON:
    """Stands for a value that did not decode, so the caller can answer 400."""


def loads(raw: bytes | str) -> Any:
    """Decode JSON, or a :class:`BadJSON` marker instead of raising."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return BadJSON()


def message_too_large(raw: bytes | str, max_bytes: int) -> bool:
    """Whether a whole request (JSON body or WebSocket frame) exceeds the cap.

    The cap is the document limit: a JSON body holds the document plus its
    variables, and the HTTP path has always capped the body at the same size.
    ``len`` of a str counts characters, at most 4 bytes each, so a str is only
    encoded when its length alone cannot decide.
    """
    if isinstance(raw, str):
        if len(raw) > max_bytes:
            return True
        if len(raw) * 4 <= max_bytes:
            return False
        return len(raw.encode()) > max_bytes
    return len(raw) > max_bytes


def request_problem(params: Any, max_bytes: int) -> str | None:
    """The error key (`hub.i18n.HTTP_ERRORS`) of a malformed GraphQL request, or None.

    ``params`` is the decoded request: ``query``, ``variables``,
    ``operationName``. Nothing here parses the document.
    """
    if isinstance(params, BadJSON):
        return "malformed_json"
    if not isinstance(params, dict):
        return "body_not_object"
    if any(isinstance(v, BadJSON) for v in params.values()):
        return "malformed_json"
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        return "query_missing"
    if message_too_large(query, max_bytes):
        return "query_too_large"
    if params.get("variables") is not None and not isinstance(params["variables"], dict):
        return "variables_not_object"
    if params.get("operationName") is not None and not isinstance(params["operationName"], str):
        return "operation_name_not_string"
    return None
