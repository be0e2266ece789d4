"""The `contentEvents` subscription: replay from a cursor, then live, in order, no duplicates."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.events.contract import declare
from hub.events.dispatcher import BATCH
from hub.events.outbox import EventType
from hub.events.stream import Position, head, position_of, position_of_cursor, read_after
from resolvers.pagination import TenantSlugArg
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, encode_global_id
from schema.events import ContentEvent
from tenants.hierarchy import descendants_of

POLL_SECONDS = 2.0


CONTRACT = declare(
    "subscriptions",
    {
        event_type: "send it to every subscriber of the event's portal (or of a portal "
        "above it, with includeDescendants) that asked for this type or for all types"
        for event_type in EventType
    },
)


async def _position(after: str | None) -> Position:
    """Where to start: now, or after the event a cursor names (its id)."""
    if after is None:
        return await head()
    if not after.isdigit() or len(after) > 18:
        raise BadUserInput("not an event cursor", "INVALID_CURSOR")
    # The cursor is the event's id; the stream is ordered by (transaction, id), so
    # resuming needs that event's transaction too.
    position = await position_of_cursor(int(after))
    if position is None:
        raise BadUserInput("no event has this cursor", "INVALID_CURSOR")
    return position


@strawberry.type
class EventSubscription:
    @strawberry.subscription(
        description="Changes to a portal's published content as they are committed. With "
        "`after`, first replays every event after that cursor, then continues live."
    )
    async def content_events(
        self,
        info: Info,
        tenant: TenantSlugArg,
        include_descendants: Annotated[
            bool, strawberry.argument(description="Also the portals below it.")
        ] = False,
        types: Annotated[
            list[str] | None, strawberry.argument(description="Only these event types.")
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(description="Resume after this cursor (omit: only new events)."),
        ] = None,
    ) -> AsyncGenerator[ContentEvent, None]:
        owner = await require_tenant(info, tenant)
        tenants = {owner.id: owner.slug}
        if include_descendants:
            tenants |= {t.id: t.slug for t in await descendants_of(owner)}
        wanted = set(types or ())
        position = await _position(after)
        notifier = info.context.services.notifier
        while True:
            seen = notifier.version if notifier is not None else 0
            # The whole settled stream, in order; this subscriber's events are kept.
            events = await read_after(position, BATCH)
            for event in events:
                position = position_of(event)
                if event.tenant_id in tenants and (not wanted or event.type in wanted):
                    yield ContentEvent(
                        cursor=str(event.id),
                        type=event.type,
                        tenant=tenants[event.tenant_id],
                        object_type=event.object_type,
                        object_id=strawberry.ID(
                            encode_global_id(event.object_type, event.object_id)
                        ),
                        payload=event.payload,
                        created_at=event.created_at,
                    )
            if len(events) < BATCH:
                if notifier is None:
                    return
                await notifier.wait(POLL_SECONDS, seen)
