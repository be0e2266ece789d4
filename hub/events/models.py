"""Outbox rows and consumer cursors."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.fields.db_defaults import SqlDefault
from tortoise.indexes import Index
from tortoise.models import Model

from hub.models.newsroom import AppendOnly


class WritingTransaction(SqlDefault):
    """The column default that stamps a row with the transaction writing it.

    On PostgreSQL it is the 64-bit transaction id (``pg_current_xact_id()``),
    evaluated by the server inside the inserting transaction, so no code path
    can write an event without it. SQLite has one writer at a time, so id order
    is already commit order there and every row gets 0. See docs/events.md.
    """

    def __init__(self) -> None:
        super().__init__("0")

    def get_sql(self, _context: Any = None, dialect: str | None = None) -> str:
        if dialect == "postgres":
            return "(pg_current_xact_id()::text::bigint)"
        return self.sql


class Event(AppendOnly):
    """Something visible changed: written in the transaction that changed it, never edited."""

    id = fields.BigIntField(primary_key=True)
    type = fields.CharField(max_length=60)
    tenant_id = fields.IntField()
    object_type = fields.CharField(max_length=40)
    object_id = fields.IntField()
    payload: dict[str, Any] = fields.JSONField(default=dict)  # type: ignore[assignment]
    created_at = fields.DatetimeField(auto_now_add=True)
    # The stream is ordered by (xact_id, id); 0 on SQLite and for events older than 0014.
    xact_id = fields.BigIntField(db_default=WritingTransaction())

    class Meta:
        table = "event"
        indexes = (
            Index(fields=("tenant_id", "id"), name="event_by_tenant"),
            Index(fields=("xact_id", "id"), name="event_stream"),
        )


class ConsumerCursor(Model):
    """How far one consumer has got through the outbox."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    # The stream position (xact, id) of the last event it finished: hub.events.stream.
    last_xact_id = fields.BigIntField(default=0, db_default=0)
    last_event_id = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "consumer_cursor"
