"""Upgrades a fresh database across migration 0014 with events already in the outbox.

``python -m tests.events.outbox_upgrade DATABASE_URL`` runs in a process of its
own (migrating re-initialises Tortoise, which must not touch the test
session's connections) and prints what the test checks, as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys

from tortoise import Tortoise, connections
from tortoise.migrations.api import migrate
from tortoise.transactions import in_transaction

from hub.db import tortoise_config
from hub.events.models import ConsumerCursor, Event
from hub.events.outbox import EventType, emit
from hub.events.stream import Position, read_after

BEFORE = "models.0013_receiver_choices"


async def main(url: str) -> dict[str, object]:
    config = tortoise_config(url)
    await migrate(config=config, target=BEFORE)
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    old = connections.get("default")
    await old.execute_script(
        "INSERT INTO event (type, tenant_id, object_type, object_id, payload, created_at) "
        "VALUES ('article.updated', 1, 'Article', 1, '{}', CURRENT_TIMESTAMP);"
        "INSERT INTO consumer_cursor (name, last_event_id, updated_at) "
        "VALUES ('search', 1, CURRENT_TIMESTAMP)"
    )
    await Tortoise.close_connections()
    await migrate(config=config)
    await Tortoise.close_connections()
    await Tortoise.init(config=config)
    try:
        async with in_transaction():
            new = await emit(
                EventType.ARTICLE_UPDATED, tenant_id=1, object_type="Article", object_id=2
            )
        cursor = await ConsumerCursor.get(name="search")
        after = Position(cursor.last_xact_id, cursor.last_event_id)
        return {
            "old_xact": (await Event.get(id=1)).xact_id,
            "new_id": new.id,
            "new_xact": (await Event.get(id=new.id)).xact_id,
            "cursor": list(after),
            "after_cursor": [e.id for e in await read_after(after, 10)],
        }
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
