"""Webhook endpoints and their deliveries."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from tenants.models import PlainRow


class WebhookEndpoint(PlainRow, Model):
    id = fields.IntField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.Tenant", related_name="webhooks", on_delete=fields.CASCADE
    )
    url = fields.CharField(max_length=500)
    secret = fields.CharField(max_length=100)
    # ",article.published,article.updated," — "" means every event type.
    event_types = fields.CharField(max_length=500, default="")
    include_descendants = fields.BooleanField(default=False)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    tenant_id: int

    class Meta:
        table = "webhook_endpoint"


class WebhookDelivery(PlainRow, Model):
    """One event for one endpoint, with its attempts."""

    id = fields.BigIntField(primary_key=True)
    endpoint: fields.ForeignKeyRelation[WebhookEndpoint] = fields.ForeignKeyField(
        "models.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE
    )
    event_id = fields.BigIntField()
    body = fields.TextField()
    state = fields.CharField(max_length=12, default="pending")  # pending, delivered, failed
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    last_status = fields.IntField(null=True)
    last_error = fields.CharField(max_length=300, default="")
    delivered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    endpoint_id: int

    class Meta:
        table = "webhook_delivery"
        unique_together = (("endpoint", "event_id"),)
        indexes = (Index(fields=("state", "next_attempt_at"), name="webhook_due"),)
