"""Outbox rows and consumer cursors."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from hub.models.newsroom import AppendOnly


class Event(AppendOnly):
    """Something visible changed: written in the transaction that changed it, never edited."""

    id = fields.BigIntField(primary_key=True)
    type = fields.CharField(max_length=60)
    tenant_id = fields.IntField()
    object_type = fields.CharField(max_length=40)
    object_id = fields.IntField()
    payload: dict[str, Any] = fields.JSONField(default=dict)  # type: ignore[assignment]
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "event"
        indexes = (Index(fields=("tenant_id", "id"), name="event_by_tenant"),)


class ConsumerCursor(Model):
    """How far one consumer has got through the outbox."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100, unique=True)
    last_event_id = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "consumer_cursor"
