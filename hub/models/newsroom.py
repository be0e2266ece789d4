"""The newsroom's records: revisions of articles and the append-only audit log."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from tenants.models import PlainRow


class AppendOnlyError(RuntimeError):
    """An audit entry or revision was about to be changed or deleted."""


class AppendOnly(PlainRow, Model):
    """Rows that are written once and never changed (the audit trail must not lie)."""

    class Meta:
        abstract = True

    async def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._saved_in_db:
            await super().save(*args, **kwargs)
            return
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")


class Revision(AppendOnly):
    """A snapshot of an article's editable fields, one per save, numbered from 1."""

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.Article", related_name="revisions", on_delete=fields.CASCADE
    )
    number = fields.IntField()
    author_id = fields.IntField(null=True)
    author_name = fields.CharField(max_length=150, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    data: dict[str, Any] = fields.JSONField()  # type: ignore[assignment]
    note = fields.CharField(max_length=300, default="")

    article_id: int

    class Meta:
        table = "revision"
        unique_together = (("article", "number"),)


class AuditEntry(AppendOnly):
    """Who did what to which object, when, and what changed (REGULATIONS R23)."""

    id = fields.IntField(primary_key=True)
    tenant_id = fields.IntField()
    actor_id = fields.IntField(null=True)
    actor_name = fields.CharField(max_length=150)
    action = fields.CharField(max_length=40)
    object_type = fields.CharField(max_length=40)
    object_id = fields.IntField()
    from_status = fields.CharField(max_length=16, default="")
    to_status = fields.CharField(max_length=16, default="")
    reason = fields.TextField(default="")
    changes: dict[str, Any] = fields.JSONField(default=dict)  # type: ignore[assignment]
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "audit_entry"
        indexes = (
            Index(fields=("tenant_id", "at"), name="audit_by_tenant"),
            Index(fields=("object_type", "object_id", "id"), name="audit_by_object"),
        )
