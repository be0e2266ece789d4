"""The electronic Official Gazette (Công báo điện tử): editions, contents, intake register.

An edition carries one or more numbers ("59 + 60"); each number is a row of
:class:`GazetteNumber`, unique within (publisher, year), so the database
itself refuses a second number 1 in a year. Once published an edition is
immutable: corrections are new documents in later editions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from hub.models.base import TenantOwned
from tenants.models import PlainRow


class EditionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class GazetteEdition(TenantOwned):
    """One issue of a tenant's gazette."""

    id = fields.IntField(primary_key=True)
    year = fields.IntField()
    first_number = fields.IntField()
    label = fields.CharField(max_length=60)  # "59 + 60"
    published_on = fields.DateField()
    status = fields.CharField(max_length=16, default=EditionStatus.DRAFT.value)
    pdf: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.MediaAsset", related_name="gazette_editions", null=True, on_delete=fields.RESTRICT
    )
    pdf_sha256 = fields.CharField(max_length=64, default="")
    signature_signer = fields.CharField(max_length=300, default="")
    signature_signed_at = fields.DatetimeField(null=True)
    # None: no signature in the file; True/False: checked when the PDF was attached.
    signature_valid = fields.BooleanField(null=True)
    signature_problem = fields.CharField(max_length=300, default="")
    published_at = fields.DatetimeField(null=True)

    pdf_id: int | None

    class Meta:
        table = "gazette_edition"
        indexes = (
            Index(fields=("tenant_id", "year", "first_number"), name="gazette_by_year"),
            # MediaAsset.public_filter asks whether a file is a published edition's PDF.
            Index(fields=("pdf_id",), name="gazette_edition_pdf"),
        )


class GazetteNumber(PlainRow, Model):
    """One number held by an edition, unique within its publisher's year."""

    id = fields.IntField(primary_key=True)
    tenant_id = fields.IntField()
    year = fields.IntField()
    number = fields.IntField()
    edition: fields.ForeignKeyRelation[GazetteEdition] = fields.ForeignKeyField(
        "models.GazetteEdition", related_name="numbers", on_delete=fields.CASCADE
    )

    edition_id: int

    class Meta:
        table = "gazette_number"
        unique_together = (("tenant_id", "year", "number"),)


class GazetteItem(PlainRow, Model):
    """A line of an edition's table of contents, usually one document."""

    id = fields.IntField(primary_key=True)
    edition: fields.ForeignKeyRelation[GazetteEdition] = fields.ForeignKeyField(
        "models.GazetteEdition", related_name="items", on_delete=fields.CASCADE
    )
    document: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.LegalDocument", related_name="gazette_items", null=True, on_delete=fields.RESTRICT
    )
    position = fields.IntField(default=0)
    issuer_name = fields.CharField(max_length=300)
    issued_on = fields.DateField()
    title = fields.CharField(max_length=500)
    page_from = fields.IntField()
    page_to = fields.IntField()

    edition_id: int
    document_id: int | None

    class Meta:
        table = "gazette_item"
        indexes = (
            Index(fields=("edition_id", "position"), name="gazette_item_order"),
            Index(fields=("document_id",), name="gazette_item_document"),
        )


class SubmissionStatus(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    REJECTED = "rejected"  # errors flagged back to the issuer, who must resend
    PUBLISHED = "published"


class GazetteSubmission(TenantOwned):
    """A line of the intake register: a document sent to the gazette, when and by whom."""

    id = fields.IntField(primary_key=True)
    document: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.LegalDocument", related_name="submissions", null=True, on_delete=fields.SET_NULL
    )
    number = fields.CharField(max_length=100, default="")
    sender = fields.CharField(max_length=300)
    sender_email = fields.CharField(max_length=300, default="")
    received_at = fields.DatetimeField()
    status = fields.CharField(max_length=16, default=SubmissionStatus.RECEIVED.value)
    problem = fields.TextField(default="")
    flagged_at = fields.DatetimeField(null=True)
    edition: fields.ForeignKeyNullableRelation[GazetteEdition] = fields.ForeignKeyField(
        "models.GazetteEdition", related_name="submissions", null=True, on_delete=fields.SET_NULL
    )

    document_id: int | None
    edition_id: int | None

    class Meta:
        table = "gazette_submission"
        indexes = (Index(fields=("tenant_id", "received_at"), name="gazette_intake"),)
