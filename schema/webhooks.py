"""GraphQL types of webhooks."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from hub.webhooks import models as m
from hub.webhooks.service import WebhookErrorCode as _Code
from schema.common import Node

WebhookErrorCode = strawberry.enum(
    _Code, name="WebhookErrorCode", description="Why a webhook mutation failed."
)


@strawberry.type(name="WebhookEndpoint", description="A URL that receives a portal's events.")
class WebhookEndpointType(Node):
    url: str = strawberry.field(description="Where deliveries are POSTed.")
    include_descendants: bool = strawberry.field(description="Also events of portals below.")
    active: bool = strawberry.field(description="Whether deliveries are made.")
    created_at: datetime = strawberry.field(description="When it was registered (UTC).")
    event_types: strawberry.Private[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.WebhookEndpoint)

    @strawberry.field(description="Event types it receives (empty: all).")
    def types(self) -> list[str]:
        return [t for t in self.event_types.split(",") if t]


@strawberry.type(name="WebhookDelivery", description="One event sent (or being sent) to one URL.")
class WebhookDeliveryType(Node):
    event_id: int = strawberry.field(description="The outbox event delivered.")
    state: str = strawberry.field(description="pending, delivered or failed.")
    attempts: int = strawberry.field(description="Tries so far.")
    next_attempt_at: datetime = strawberry.field(description="When the next try is due (UTC).")
    last_status: int | None = strawberry.field(description="HTTP status of the last try.")
    last_error: str = strawberry.field(description="Why the last try failed, if it did.")
    delivered_at: datetime | None = strawberry.field(description="When it was accepted (UTC).")

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.WebhookDelivery)


@strawberry.type(description="The endpoint was registered.")
class WebhookCreated:
    endpoint: WebhookEndpointType = strawberry.field(description="The new endpoint.")
    secret: str = strawberry.field(
        description="The signing secret; shown this once. Verify `X-Thudo-Signature: "
        "t=<time>,v1=<hex>` as HMAC-SHA256 of `<time>.<body>`."
    )


@strawberry.type(description="The webhook mutation failed; nothing was written.")
class WebhookError:
    code: WebhookErrorCode = strawberry.field(description="Stable machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation (English).")


WebhookCreateResult = Annotated[
    WebhookCreated | WebhookError,
    strawberry.union("WebhookCreateResult", description="Outcome of registering a webhook."),
]
