"""One outbox follower per process, feeding the process's in-memory caches.

The page cache (:mod:`hub.page_cache`) and the memory of which portals receive
placements (:mod:`hub.models.placement_reach`) live in each process, so each
process must hear of every change, whichever process made it. The follower
reads the outbox from the moment it starts (no stored cursor: memory starts
empty with the process), woken by NOTIFY on PostgreSQL and by in-process
emits everywhere, and polls as a fallback; each batch of committed events goes
to every listener. A listener that fails is logged and the others still run:
a cache must never take the site down (its entries also expire).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from hub.events.contract import declare
from hub.events.models import Event
from hub.events.notifier import EventNotifier
from hub.events.outbox import EventType, on_emit
from hub.events.stream import head, position_of, read_after
from hub.models.placement_reach import PlacementReach

logger = logging.getLogger("thudo.events")

Listener = Callable[[list[Event]], Awaitable[None]]

# The events that can change which portals receive placements.
PLACEMENT_EVENTS = frozenset(
    {
        EventType.PLACEMENT_CREATED.value,
        EventType.PLACEMENT_REVOKED.value,
        EventType.PLACEMENT_RECEIPT_CHANGED.value,
    }
)


async def follow_outbox(
    listeners: Sequence[Listener], notifier: EventNotifier, poll: float = 1.0
) -> None:
    """Hand every event committed from now on to each listener, in order, until cancelled."""
    position = await head()
    while True:
        seen = notifier.version
        try:
            events = await read_after(position, 500)
        except Exception:
            logger.exception("outbox follower could not read events")
            events = []
        if events:
            position = position_of(events[-1])
            for listener in listeners:
                try:
                    await listener(events)
                except Exception:
                    logger.exception("outbox listener %r failed", listener)
        await notifier.wait(poll, seen)


CONTRACT = declare(
    "placement-reach",
    {
        event_type: (
            "forget every remembered answer: which portals receive placements may have changed"
            if event_type.value in PLACEMENT_EVENTS
            else "nothing, because only placements and receivers' choices change which "
            "portals receive placed articles (the batch's position still releases a hold)"
        )
        for event_type in EventType
    },
)


def placement_reach_listener(memory: PlacementReach) -> Listener:
    """Forget which portals receive placements when any placement or receipt changed."""

    async def listen(events: list[Event]) -> None:
        if any(event.type in PLACEMENT_EVENTS for event in events):
            memory.forget()
        memory.passed(position_of(events[-1]))

    return listen


def watch_local_emits(memory: PlacementReach) -> None:
    """Hold the memory while this process writes a placement event (before its commit)."""

    def emitted(event: Event) -> None:
        if event.type in PLACEMENT_EVENTS:
            memory.hold(position_of(event))

    on_emit(emitted)
