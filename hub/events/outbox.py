"""The one place events are written: :func:`emit`, inside the writer's transaction."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from tortoise import connections

from hub.events.models import Event

CHANNEL = "thudo_events"


class EventType(StrEnum):
    ARTICLE_PUBLISHED = "article.published"
    ARTICLE_UPDATED = "article.updated"
    ARTICLE_UNPUBLISHED = "article.unpublished"
    ARTICLE_ARCHIVED = "article.archived"
    PLACEMENT_CREATED = "placement.created"
    PLACEMENT_REVOKED = "placement.revoked"
    PLACEMENT_RECEIPT_CHANGED = "placement.receipt_changed"  # a receiver's choice on its portal
    DOCUMENT_PUBLISHED = "document.published"
    DOCUMENT_UPDATED = "document.updated"  # a published document's text, files or relations
    DOCUMENT_UNPUBLISHED = "document.unpublished"
    GAZETTE_PUBLISHED = "gazette.published"
    # The citizens' side (docs/citizens.md). Payloads carry no personal data: no
    # name, contact or tracking code, only ids, states, units and dates.
    INITIATIVE_RECEIVED = "initiative.received"
    INITIATIVE_CHANGED = "initiative.changed"  # screened, assigned, escalated, answered, rejected
    INITIATIVE_PUBLISHED = "initiative.published"  # answered and shown to the public
    CONSULTATION_OPENED = "consultation.opened"
    CONSULTATION_CHANGED = "consultation.changed"  # a comment shown, closed, summary attached
    INFOREQUEST_RECEIVED = "inforequest.received"
    INFOREQUEST_CHANGED = "inforequest.changed"  # a step of the request's log
    DISCLOSURE_CHANGED = "disclosure.changed"  # the portal's list of mandatory disclosures
    # A portal's settings, hostnames or sections (names, contact, English edition, menu).
    TENANT_CHANGED = "tenant.changed"


# The citizens' side: found through its own lists, not the site search.
CITIZEN_EVENTS = frozenset(
    {
        EventType.INITIATIVE_RECEIVED,
        EventType.INITIATIVE_CHANGED,
        EventType.INITIATIVE_PUBLISHED,
        EventType.CONSULTATION_OPENED,
        EventType.CONSULTATION_CHANGED,
        EventType.INFOREQUEST_RECEIVED,
        EventType.INFOREQUEST_CHANGED,
        EventType.DISCLOSURE_CHANGED,
    }
)

# In-process listeners told of each emit (the SQLite default has no NOTIFY).
_local_wakeups: list[Callable[[Event], None]] = []


def on_emit(callback: Callable[[Event], None]) -> None:
    """Call ``callback(event)`` on every emit in this process.

    It runs inside the writer's transaction, before the commit (which may
    still roll back): other connections do not see the event yet.
    """
    _local_wakeups.append(callback)


async def emit(
    event_type: EventType,
    *,
    tenant_id: int,
    object_type: str,
    object_id: int,
    payload: dict[str, Any] | None = None,
) -> Event:
    """Append an event. Call it inside the transaction that made the change.

    On PostgreSQL it also NOTIFYs, which the server delivers only when that
    transaction commits, so other processes wake exactly when the row is
    visible; elsewhere the dispatcher is woken in-process (and polls).

    The row's ``xact_id`` (its place in the stream) comes from the column's
    default: on PostgreSQL the server stamps the writing transaction's id and
    returns it with the insert; on SQLite it is always 0, given here so that
    Tortoise need not read it back.
    """
    connection = connections.get("default")
    postgres = connection.capabilities.dialect == "postgres"
    extra: dict[str, Any] = {} if postgres else {"xact_id": 0}
    event = await Event.create(
        type=event_type.value,
        tenant_id=tenant_id,
        object_type=object_type,
        object_id=object_id,
        payload=payload or {},
        **extra,
    )
    if postgres:
        await connection.execute_query("SELECT pg_notify($1, $2)", [CHANNEL, str(event.id)])
    for wake in _local_wakeups:
        wake(event)
    return event
