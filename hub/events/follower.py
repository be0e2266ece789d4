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

from hub.events.dispatcher import contiguous
from hub.events.models import Event
from hub.events.notifier import EventNotifier
from hub.events.outbox import EventType, on_emit
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
    last = await Event.all().order_by("-id").first()
    position = last.id if last else 0
    while True:
        seen = notifier.version
        try:
            events = contiguous(
                await Event.filter(id__gt=position).order_by("id").limit(500), position
            )
        except Exception:
            logger.exception("outbox follower could not read events")
            events = []
        if events:
            position = events[-1].id
            for listener in listeners:
                try:
                    await listener(events)
                except Exception:
                    logger.exception("outbox listener %r failed", listener)
        await notifier.wait(poll, seen)


def placement_reach_listener(memory: PlacementReach) -> Listener:
    """Forget which portals receive placements when any placement or receipt changed."""

    async def listen(events: list[Event]) -> None:
        if any(event.type in PLACEMENT_EVENTS for event in events):
            memory.forget()
        memory.passed(events[-1].id)

    return listen


def watch_local_emits(memory: PlacementReach) -> None:
    """Hold the memory while this process writes a placement event (before its commit)."""

    def emitted(event: Event) -> None:
        if event.type in PLACEMENT_EVENTS:
            memory.hold(event.id)

    on_emit(emitted)
