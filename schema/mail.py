"""GraphQL types of the mail delivery log (a portal's admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.mail import models as m
from schema.common import Node

MailState = strawberry.enum(m.MailState, name="MailState", description="Where a mail stands.")


def mask_address(address: str) -> str:
    """``n…@example.vn``: enough to tell mails apart, not enough to write to."""
    local, _, domain = address.rpartition("@")
    return f"{local[:1]}…@{domain}"


@strawberry.type(name="MailAttempt", description="One try at sending a mail.")
class MailAttemptType:
    at: datetime = strawberry.field(description="When the try ended (UTC).")
    outcome: str = strawberry.field(
        description="sent (accepted), retry (failed, tried again later) or failed (given up)."
    )
    reply: str = strawberry.field(description="What the mail server answered, or the error.")


@strawberry.type(name="MailDelivery", description="One mail the hub sent (or is sending).")
class MailDeliveryType(Node):
    tenant_id: strawberry.Private[int | None]
    recipient: strawberry.Private[str]
    language: str = strawberry.field(description="Language of the mail (vi or en).")
    template: str = strawberry.field(description="Template it was written from.")
    subject: str = strawberry.field(description="Its subject line.")
    purpose: str = strawberry.field(description="Why it was sent, e.g. `article.returned`.")
    object_type: str = strawberry.field(description="What it is about (a type), if anything.")
    object_id: int = strawberry.field(description="Id of the object it is about (0: none).")
    message_id: str = strawberry.field(description="Its RFC 5322 Message-ID (kept on resends).")
    state: MailState = strawberry.field(description="queued, sending, sent or failed.")
    attempts: int = strawberry.field(description="Tries so far.")
    next_attempt_at: datetime = strawberry.field(
        description="When queued: the next try (UTC). When sending: the end of its claim."
    )
    last_error: str = strawberry.field(description="Why the last try failed, if it did.")
    sent_at: datetime | None = strawberry.field(description="When the server accepted it (UTC).")
    created_at: datetime = strawberry.field(description="When it was queued (UTC).")

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.MailMessage)

    @strawberry.field(
        description="The address it went to; masked (`n…@domain`) unless the viewer may see "
        "citizens' contact data in the portal."
    )
    def to(self, info: Info) -> str:
        viewer = info.context.scope.viewer
        if self.tenant_id is not None and can(
            viewer, Permission.CITIZEN_CONTACT_VIEW, self.tenant_id
        ):
            return self.recipient
        return mask_address(self.recipient)

    @strawberry.field(description="Every try, oldest first: when, outcome, the server's reply.")
    def log(self) -> list[MailAttemptType]:
        # Filled for the whole page in one query by the resolver (no query per mail).
        return list(getattr(self, "prefetched_log", ()))  # type: ignore[arg-type]
