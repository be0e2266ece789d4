"""Media assets of a portal's library and the renditions made from them.

Files live behind :mod:`hub.storage`; these rows hold what the hub knows
about them (sniffed type, size, hash, dimensions, accessibility text).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.expressions import Q, RawSQL, Subquery
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
    def public_filter(cls) -> Q | None:
        """Media have no status of their own: a file is public once published content uses it.

        That is a published article's cover, gallery or attachment, a file of a
        published legal document, the PDF of a published gazette edition, or
        the cover a portal chose for a live placement of a published article.
        Everything else (a draft's files, an upload not used yet) is seen only
        by viewers with draft rights in the portal: the library list, and
        ``node(id:)``, no longer tell anonymous clients what is being prepared.
        Each branch is one ``id IN (SELECT …)`` in the same statement, so a
        list costs no extra query. The bytes under ``/media/<key>`` stay served
        to whoever holds the key (``hub.media_http``): a preview shows a draft's
        pictures, and the key is the file's SHA-256, which no one guesses.
        """
        # Imported here: those models refer to this one (by name), not the other way.
        from hub.models.base import ContentStatus
        from hub.models.content import ArticleMedia
        from hub.models.documents import DocumentAttachment
        from hub.models.gazette import EditionStatus, GazetteEdition
        from hub.models.syndication import PlacementReceipt

        # Each branch is correlated with the asset being filtered ("is *this* file
        # used?"): PostgreSQL then asks the branch's index once per asset of the
        # page, instead of hashing every published article's files first
        # (tests/perf/test_no_scan.py).
        this = RawSQL('"media_asset"."id"')
        published = ContentStatus.PUBLISHED
        articles = ArticleMedia.filter(article__status=published, asset_id=this)
        documents = DocumentAttachment.filter(document__status=published, asset_id=this)
        editions = GazetteEdition.filter(status=EditionStatus.PUBLISHED.value, pdf_id=this)
        covers = PlacementReceipt.filter(
            cover_id=this,
            placement__revoked_at__isnull=True,
            placement__article__status=published,
        )
        return (
            Q(id__in=Subquery(articles.values("asset_id")))
            | Q(id__in=Subquery(documents.values("asset_id")))
            | Q(id__in=Subquery(editions.values("pdf_id")))
            | Q(id__in=Subquery(covers.values("cover_id")))
        )


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
