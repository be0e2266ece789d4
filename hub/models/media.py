"""Media assets of a portal's library and the renditions made from them.

Files live behind :mod:`hub.storage`; these rows hold what the hub knows
about them (sniffed type, size, hash, dimensions, accessibility text).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from hub.models.base import TenantOwned
from tenants.models import PlainRow


class MediaKind(StrEnum):
    """What a file is, decided from its bytes (never from its name)."""

    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    DOCUMENT = "document"


class MediaAsset(TenantOwned):
    """One uploaded file of a tenant's media library.

    Images are stored re-encoded (orientation applied, metadata removed),
    everything else as uploaded. The storage key is made from the stored
    bytes' SHA-256, never from the uploader's file name.
    """

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(MediaKind, max_length=16)
    original_filename = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=100)
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64)
    storage_key = fields.CharField(max_length=200, db_index=True)
    width = fields.IntField(null=True)
    height = fields.IntField(null=True)
    duration_seconds = fields.FloatField(null=True)
    alt_text = fields.CharField(max_length=500, default="")
    caption = fields.TextField(default="")
    credit = fields.CharField(max_length=300, default="")
    focal_x = fields.FloatField(default=0.5)
    focal_y = fields.FloatField(default=0.5)
    transcript = fields.TextField(null=True)
    captions = fields.TextField(null=True)
    created_by = fields.IntField(null=True)

    renditions: fields.ReverseRelation[MediaRendition]

    class Meta:
        table = "media_asset"
        indexes = (
            # The library lists, newest first: all kinds, and one kind.
            Index(fields=("tenant_id", "id"), name="media_asset_listing"),
            Index(fields=("tenant_id", "kind", "id"), name="media_asset_kind"),
        )

    @classmethod
    def public_filter(cls) -> dict[str, Any]:
        """Media have no workflow status: every asset of a tenant is public.

        The files are served to anyone who has the key anyway, and a draft
        article's pictures must be uploadable before it is published.
        """
        return {}


class MediaRendition(PlainRow, Model):  # type: ignore[misc]
    """A resized WebP copy of an image asset, made once at upload."""

    id = fields.IntField(primary_key=True)
    asset: fields.ForeignKeyRelation[MediaAsset] = fields.ForeignKeyField(
        "models.MediaAsset", related_name="renditions", on_delete=fields.CASCADE
    )
    width = fields.IntField()
    height = fields.IntField()
    format = fields.CharField(max_length=16, default="webp")
    storage_key = fields.CharField(max_length=200, db_index=True)
    size = fields.IntField()

    asset_id: int

    class Meta:
        table = "media_rendition"
        unique_together = (("asset", "width"),)
