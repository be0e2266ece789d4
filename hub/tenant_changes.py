"""Forget this process's copies of portal rows when an event says a portal changed.

The tenant directory, the sections by id and the public lists are kept for
``THUDO_TENANT_CACHE_SECONDS``. Left alone, a page dropped from the page cache
by a ``tenant.changed`` event could be rendered again from a copy read before
the change, and then be cached with the old name or contact for the page
cache's whole ``max_age``. So this listener runs before the page cache's, on
the same outbox follower, and empties them first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from hub.events.follower import Listener
from hub.events.models import Event
from hub.events.outbox import EventType
from tenants.directory import TenantDirectory


class Forgetful(Protocol):
    def forget(self) -> None: ...


def tenant_change_listener(
    directory: TenantDirectory, memories: Iterable[Forgetful | None] = ()
) -> Listener:
    """An outbox listener that empties these copies after any ``tenant.changed`` event."""
    held = [memory for memory in memories if memory is not None]

    async def listen(events: list[Event]) -> None:
        if any(event.type == EventType.TENANT_CHANGED.value for event in events):
            directory.invalidate()
            for memory in held:
                memory.forget()

    return listen
