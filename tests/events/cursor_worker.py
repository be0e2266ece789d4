"""One "process" of a consumer for tests:
``python -m tests.events.cursor_worker NAME READY STOP``.

It opens the database named by ``THUDO_DATABASE_URL``, creates the file
``READY``, and runs the consumer ``NAME`` (a handler that takes a little time,
so workers interleave) until the file ``STOP`` exists, then catches up once
more and exits.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from hub.db import close_database, open_database
from hub.events.dispatcher import Consumer, consume_once
from hub.events.models import Event
from hub.settings import load_settings


async def _handle(events: Sequence[Event]) -> None:
    await asyncio.sleep(0.02)  # long enough for the other worker to overtake now and then


async def main(name: str, ready: Path, stop: Path) -> None:
    await open_database(load_settings(env_file=None))
    await asyncio.to_thread(ready.touch)
    consumer = Consumer(name, _handle)
    try:
        while not await asyncio.to_thread(stop.exists):
            await consume_once(consumer)
            await asyncio.sleep(0.01)
        await consume_once(consumer)
    finally:
        await close_database()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])))
