"""Hands committed events to consumers, in stream order, at least once, resuming from cursors.

A consumer is a name, an async handler of a batch of events and its contract
(what it does with each event type, :mod:`hub.events.contract`). Its cursor
(the stream position of the last event it finished) is stored in the
database, so a restarted process continues where the crashed one stopped.
Handlers must be idempotent: after a crash between handling and saving the
cursor, the last batch comes again.

The batches come from :func:`hub.events.stream.read_after`, which never
returns an event that an earlier, still open transaction could precede, so
the dispatcher never steps over anything (docs/events.md says why). Several
processes may run the same consumer: the cursor only moves by a
compare-and-set that requires the stored position to be lower than the new
one, so it never goes backwards; the slower process sees that it lost and
continues from the stored position.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.timezone import now

from hub.events.models import ConsumerCursor, Event
from hub.events.notifier import EventNotifier
from hub.events.outbox import EventType
from hub.events.stream import Position, position_of, read_after

logger = logging.getLogger("thudo.events")
BATCH = 200

Handler = Callable[[Sequence[Event]], Awaitable[None]]


@dataclass
class Consumer:
    name: str
    handle: Handler
    # What the consumer does with each event type; see hub.events.contract.
    contract: Mapping[EventType, str] | None = None


async def stored_position(name: str) -> Position:
    """The consumer's stored cursor (created at the start of the stream)."""
    cursor, _ = await ConsumerCursor.get_or_create(name=name)
    return Position(cursor.last_xact_id, cursor.last_event_id)


async def advance(name: str, new: Position) -> bool:
    """Move the cursor to ``new`` if it is behind it; False if it already is there or beyond.

    One UPDATE whose WHERE compares positions: the database applies it
    atomically, so two processes can both try and the cursor still only
    moves forwards.
    """
    behind = Q(last_xact_id__lt=new.xact) | Q(last_xact_id=new.xact, last_event_id__lt=new.event)
    moved = await ConsumerCursor.filter(Q(name=name) & behind).update(
        last_xact_id=new.xact, last_event_id=new.event, updated_at=now()
    )
    return bool(moved)


async def consume_once(consumer: Consumer) -> int:
    """Hand the consumer every settled event after its cursor; how many it handled."""
    position = await stored_position(consumer.name)
    handled = 0
    while True:
        events = await read_after(position, BATCH)
        if not events:
            return handled
        await consumer.handle(events)
        handled += len(events)
        target = position_of(events[-1])
        if not await advance(consumer.name, target):
            # Another process got further meanwhile (it handled these too): go on
            # from where it stands, never from our older view.
            position = max(target, await stored_position(consumer.name))
        else:
            position = target
        if len(events) < BATCH:
            return handled


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
