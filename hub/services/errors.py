"""Expected failures of a service call: a stable code, a message, maybe a field."""

from __future__ import annotations

from enum import StrEnum


class ServiceError(Exception):
    """Raised by services for failures a caller should show, not crash on."""

    def __init__(self, code: StrEnum, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
