"""The `contentEvents` subscription: replay from a cursor, then live, in order, no duplicates."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.events.dispatcher import BATCH, contiguous
from hub.events.models import Event
from resolvers.pagination import TenantSlugArg
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, encode_global_id
from schema.events import ContentEvent
from tenants.hierarchy import descendants_of

POLL_SECONDS = 2.0


def _position(after: str | None) -> int:
    if after is None:
        return -1
    if not after.isdigit() or len(after) > 18:
        raise BadUserInput("not an event cursor", "INVALID_CURSOR")
    return int(after)


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
        position = _position(after)
        if position < 0:
            last = await Event.all().order_by("-id").first()
            position = last.id if last else 0
        notifier = info.context.services.notifier
        while True:
            seen = notifier.version if notifier is not None else 0
            # Read the unfiltered stream so gaps are judged on the whole sequence,
            # then keep this subscriber's events.
            events = contiguous(
                await Event.filter(id__gt=position).order_by("id").limit(BATCH), position
            )
            for event in events:
                position = event.id
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
