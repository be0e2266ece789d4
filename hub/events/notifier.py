"""Wakes waiters in this process when events are committed, here or in any other process.

On PostgreSQL a dedicated connection LISTENs on the outbox channel (NOTIFY is
delivered on commit); everywhere, an emit in this process wakes waiters too.
Waiters still re-read the outbox after a timeout, so a lost wake-up only
delays, never loses, an event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg

from hub.events.outbox import CHANNEL, on_emit

logger = logging.getLogger("thudo.events")


class EventNotifier:
    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self._waiters: set[asyncio.Event] = set()
        # Bumped on every wake-up: a waiter that was busy when it happened sees it.
        self.version = 0
        self._connection: asyncpg.Connection | None = None
        on_emit(lambda _event: self.poke())

    def poke(self) -> None:
        self.version += 1
        for waiter in self._waiters:
            waiter.set()

    async def wait(self, max_seconds: float, seen: int | None = None) -> None:
        """Return when new events may be visible, or after ``max_seconds``.

        Pass the :attr:`version` read before the work just done: if a wake-up
        came meanwhile, this returns at once instead of sleeping through it.
        """
        if seen is not None and seen != self.version:
            return
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter.wait(), max_seconds)
        finally:
            self._waiters.discard(waiter)

    async def start(self) -> None:
        if not self.database_url.startswith(("postgres://", "postgresql://")):
            return
        url = self.database_url.replace("postgres://", "postgresql://", 1).split("?")[0]
        try:
            self._connection = await asyncpg.connect(url)
            await self._connection.add_listener(CHANNEL, lambda *_: self.poke())
        except (OSError, asyncpg.PostgresError):
            # Without LISTEN, waiters fall back to polling: slower, never wrong.
            logger.exception("could not LISTEN for events; polling instead")

    async def stop(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None
