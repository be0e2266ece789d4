"""Why a participation call failed: one code list for the four services."""

from __future__ import annotations

from enum import StrEnum

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.services.errors import ServiceError
from tenants.scope import Viewer


class ParticipationErrorCode(StrEnum):
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    INVALID_INPUT = "INVALID_INPUT"
    CONSENT_REQUIRED = "CONSENT_REQUIRED"
    DEADLINE_PASSED = "DEADLINE_PASSED"  # a comment after the consultation's deadline
    CONSULTATION_CLOSED = "CONSULTATION_CLOSED"
    STILL_OPEN = "STILL_OPEN"  # closing before the deadline the public was promised
    ALREADY_EXTENDED = "ALREADY_EXTENDED"  # the law allows one extension
    ALREADY_CLOSED = "ALREADY_CLOSED"  # an answered or refused request


Code = ParticipationErrorCode


def fail(code: Code, message: str, field: str | None = None) -> ServiceError:
    """The error to raise; the message is English, the pages word it for readers."""
    return ServiceError(code, message, field)


def check(viewer: Viewer, permission: Permission, tenant_id: int) -> None:
    """:func:`hub.auth.permissions.require`, as this domain's FORBIDDEN error."""
    try:
        require(viewer, permission, tenant_id)
    except PermissionDenied as exc:
        raise fail(Code.FORBIDDEN, str(exc)) from exc


def text(value: str, field: str, limit: int, *, required: bool = True) -> str:
    """``value`` stripped; INVALID_INPUT when empty (if required) or longer than ``limit``."""
    value = value.strip()
    if required and not value:
        raise fail(Code.INVALID_INPUT, f"{field} is required", field)
    if len(value) > limit:
        raise fail(Code.INVALID_INPUT, f"{field} is longer than {limit} characters", field)
    return value
