"""Hands committed events to consumers, in order, at least once, resuming from cursors.

A consumer is a name and an async handler of a batch of events. Its cursor
(the last event id it finished) is stored in the database, so a restarted
process continues where the crashed one stopped. Handlers must be
idempotent: after a crash between handling and saving the cursor, the last
batch comes again.

Ids are handed out when rows are inserted, but transactions commit in their
own order: event 10 may be visible before event 9. A consumer therefore stops
at a gap younger than ``GAP_GRACE`` (event 9's transaction may still commit)
and steps over a gap that old (that transaction rolled back).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from tortoise.timezone import now

from hub.events.models import ConsumerCursor, Event
from hub.events.notifier import EventNotifier

logger = logging.getLogger("thudo.events")
GAP_GRACE = timedelta(seconds=5)
BATCH = 200

Handler = Callable[[Sequence[Event]], Awaitable[None]]


@dataclass
class Consumer:
    name: str
    handle: Handler


async def consume_once(consumer: Consumer) -> int:
    """Hand the consumer every committed event after its cursor; how many it got."""
    cursor, _ = await ConsumerCursor.get_or_create(name=consumer.name)
    handled = 0
    while True:
        events = await Event.filter(id__gt=cursor.last_event_id).order_by("id").limit(BATCH)
        ready = contiguous(events, cursor.last_event_id)
        if not ready:
            return handled
        await consumer.handle(ready)
        cursor.last_event_id = ready[-1].id
        await cursor.save(update_fields=["last_event_id", "updated_at"])
        handled += len(ready)
        if len(ready) < len(events) or len(events) < BATCH:
            return handled


def contiguous(events: Sequence[Event], after: int) -> list[Event]:
    """The leading run of events with no gap that might still fill."""
    ready: list[Event] = []
    expected = after + 1
    old_enough = now() - GAP_GRACE
    for event in events:
        if event.id != expected and event.created_at > old_enough:
            break  # an earlier transaction may still commit the missing ids
        ready.append(event)
        expected = event.id + 1
    return ready


async def run_consumers(
    consumers: Sequence[Consumer], notifier: EventNotifier, poll_seconds: float = 2.0
) -> None:
    """Run every consumer whenever events may have arrived, until cancelled."""
    while True:
        seen = notifier.version
        for consumer in consumers:
            try:
                await consume_once(consumer)
            except Exception:  # one failing consumer must not stop the others
                logger.exception("event consumer %s failed", consumer.name)
        await notifier.wait(poll_seconds, seen)
