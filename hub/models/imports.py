"""What the importers remember: each imported item, and the old addresses that live on.

An :class:`ImportRecord` ties one item of an old portal (source name +
external id) to the hub object it became, with a fingerprint of the source
content so that a second run can tell "unchanged" from "edited". The
importers write it in the same transaction as the item itself, so a run that
is killed half way restarts exactly where it stopped.

An :class:`OldAddress` is one old URL of an imported item, stored as the
normalised key :func:`hub.old_addresses.address_key` makes. The hub answers
it with a 301 when no current page answers that path
(:mod:`hub.old_addresses`): one indexed lookup on ``(tenant, address)``, which
joins the target's current slug so that the redirect follows later renames.
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from tenants.models import PlainRow


class ImportRecord(PlainRow, Model):  # type: ignore[misc]
    """One imported item of one portal: where it came from, what it became."""

    id = fields.IntField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.Tenant", related_name="import_records", on_delete=fields.CASCADE
    )
    # The importer's name for the old system ("wxr", "hoankiem-cms"…): with the
    # object type and the external id it is the item's identity across runs.
    source = fields.CharField(max_length=100)
    object_type = fields.CharField(max_length=32)  # article, category, media
    external_id = fields.CharField(max_length=255)
    object_id = fields.IntField()
    fingerprint = fields.CharField(max_length=64)  # SHA-256 of the source content
    # Written before every internal link of its body could be resolved: the
    # run's link pass rewrites it once the targets exist (also after a restart).
    links_pending = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: int

    class Meta:
        table = "import_record"
        unique_together = (("tenant", "source", "object_type", "external_id"),)


class OldAddress(PlainRow, Model):  # type: ignore[misc]
    """An old URL of an imported item, answered with a 301 on its portal's hosts."""

    id = fields.IntField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.Tenant", related_name="old_addresses", on_delete=fields.CASCADE
    )
    address = fields.CharField(max_length=1000)  # hub.old_addresses.address_key
    record: fields.ForeignKeyRelation[ImportRecord] = fields.ForeignKeyField(
        "models.ImportRecord", related_name="old_addresses", on_delete=fields.CASCADE
    )
    # One of these names the target, so the lookup joins its current address.
    article: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.Article", related_name="old_addresses", null=True, on_delete=fields.CASCADE
    )
    category: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.Category", related_name="old_addresses", null=True, on_delete=fields.CASCADE
    )
    asset: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.MediaAsset", related_name="old_addresses", null=True, on_delete=fields.CASCADE
    )

    tenant_id: int
    record_id: int

    class Meta:
        table = "import_old_address"
        unique_together = (("tenant", "address"),)
