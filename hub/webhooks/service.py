"""Registering endpoints, queueing deliveries from the outbox, and sending them."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Sequence
from datetime import timedelta
from enum import StrEnum
from urllib.parse import urlparse

import httpx
from tortoise.timezone import now

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.events.contract import declare
from hub.events.dispatcher import Consumer, consume_once
from hub.events.models import Event
from hub.events.notifier import EventNotifier
from hub.events.outbox import EventType
from hub.services.errors import ServiceError
from hub.webhooks.models import WebhookDelivery, WebhookEndpoint
from tenants.models import Tenant, TenantClosure
from tenants.scope import Scope

logger = logging.getLogger("thudo.webhooks")
MAX_ATTEMPTS = 12
TIMEOUT_SECONDS = 10.0
SIGNATURE_HEADER = "X-Thudo-Signature"


class WebhookErrorCode(StrEnum):
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value for a body sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    """What a receiver does: recompute the HMAC and compare in constant time."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), header)


async def webhook_create(
    scope: Scope,
    tenant: Tenant,
    url: str,
    event_types: Sequence[str] = (),
    include_descendants: bool = False,
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint for a portal (admins); the secret is returned once."""
    try:
        require(scope.viewer, Permission.TENANT_MANAGE, tenant.id)
    except PermissionDenied as exc:
        raise ServiceError(WebhookErrorCode.FORBIDDEN, str(exc)) from exc
    parts = urlparse(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or len(url) > 500:
        raise ServiceError(WebhookErrorCode.INVALID_INPUT, "an http(s) URL is needed", "url")
    secret = "whsec_" + secrets.token_urlsafe(32)
    types = "," + ",".join(sorted(set(event_types))) + "," if event_types else ""
    endpoint = await WebhookEndpoint.create(
        tenant_id=tenant.id,
        url=url,
        secret=secret,
        event_types=types,
        include_descendants=include_descendants,
    )
    return endpoint, secret


async def queue_deliveries(events: Sequence[Event]) -> None:
    """The outbox consumer: one delivery row per matching (endpoint, event), idempotently."""
    endpoints = await WebhookEndpoint.filter(active=True)
    if not endpoints:
        return
    for event in events:
        above = set(
            await TenantClosure.filter(descendant_id=event.tenant_id).values_list(
                "ancestor_id", flat=True
            )
        )
        for endpoint in endpoints:
            reaches = endpoint.tenant_id == event.tenant_id or (
                endpoint.include_descendants and endpoint.tenant_id in above
            )
            wanted = not endpoint.event_types or f",{event.type}," in endpoint.event_types
            if reaches and wanted:
                body = json.dumps(
                    {
                        "id": event.id,
                        "type": event.type,
                        "tenant_id": event.tenant_id,
                        "object_type": event.object_type,
                        "object_id": event.object_id,
                        "payload": event.payload,
                        "created_at": event.created_at.isoformat(),
                    },
                    ensure_ascii=False,
                )
                await WebhookDelivery.get_or_create(
                    endpoint_id=endpoint.id,
                    event_id=event.id,
                    defaults={"body": body, "next_attempt_at": now()},
                )


# Integrators choose types per endpoint, so every type is offered to every endpoint.
CONTRACT = declare(
    "webhooks",
    {
        event_type: "queue one signed delivery per active endpoint of the event's portal "
        "(or of a portal above it, with includeDescendants) that takes this type"
        for event_type in EventType
    },
)
WEBHOOK_CONSUMER = Consumer("webhooks", queue_deliveries, CONTRACT)


def backoff(attempts: int) -> timedelta:
    """2, 4, 8 … seconds, at most an hour between tries."""
    return timedelta(seconds=min(2**attempts, 3600))


async def send_due(client: httpx.AsyncClient, batch: int = 50) -> int:
    """Try every due delivery once; each is claimed so only one process sends it."""
    moment = now()
    due = (
        await WebhookDelivery.filter(state="pending", next_attempt_at__lte=moment)
        .order_by("next_attempt_at")
        .limit(batch)
    )
    sent = 0
    for delivery in due:
        # Claim it: push its next attempt out first, so another process skips it.
        claimed = await WebhookDelivery.filter(
            id=delivery.id, state="pending", next_attempt_at=delivery.next_attempt_at
        ).update(next_attempt_at=moment + timedelta(seconds=TIMEOUT_SECONDS * 3))
        if not claimed:
            continue
        endpoint = await WebhookEndpoint.get(id=delivery.endpoint_id)
        await _attempt(client, endpoint, delivery)
        sent += 1
    return sent


async def _attempt(
    client: httpx.AsyncClient, endpoint: WebhookEndpoint, delivery: WebhookDelivery
) -> None:
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(endpoint.secret, int(time.time()), body),
        "X-Thudo-Delivery": str(delivery.id),
        "X-Thudo-Event": str(delivery.event_id),
    }
    delivery.attempts += 1
    try:
        response = await client.post(endpoint.url, content=body, headers=headers)
        delivery.last_status = response.status_code
        ok = 200 <= response.status_code < 300
        delivery.last_error = "" if ok else f"HTTP {response.status_code}"
    except httpx.HTTPError as exc:
        ok = False
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:300]
    if ok:
        delivery.state, delivery.delivered_at = "delivered", now()
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state = "failed"
    else:
        delivery.next_attempt_at = now() + backoff(delivery.attempts)
    await delivery.save()


async def run_webhooks(notifier: EventNotifier, poll: float = 1.0) -> None:
    """Queue deliveries from the outbox and send due ones, until cancelled."""
    async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
        while True:
            seen = notifier.version
            try:
                await consume_once(WEBHOOK_CONSUMER)
                await send_due(client)
            except Exception:  # a broken endpoint or a database hiccup must not stop the loop
                logger.exception("webhook round failed")
            await notifier.wait(poll, seen)
