"""Legal documents (văn bản) and the relations between them.

A document belongs to the tenant that issued it. Its validity status is not
stored: it is derived on every read from its dates, from the relations other
documents hold on it, and from a manual override that must cite its reason
(see :mod:`hub.services.document_status`), so it is always current on the
day it is read.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from hub.models.base import TenantContent
from tenants.models import PlainRow


class RelationKind(StrEnum):
    """What a source document does to its target (REGULATIONS §4), stored with its direction.

    Read as "source <kind> target": ``amends`` means the source amends the target.
    """

    BASIS = "basis"  # the target is a legal basis of the source (căn cứ ban hành)
    GUIDES = "guides"  # hướng dẫn áp dụng
    DETAILS = "details"  # quy định chi tiết, hướng dẫn thi hành
    CONSOLIDATES = "consolidates"  # hợp nhất
    AMENDS = "amends"  # sửa đổi, bổ sung
    CORRECTS = "corrects"  # đính chính
    REPLACES = "replaces"  # thay thế
    REPEALS = "repeals"  # bãi bỏ
    REFERENCES = "references"  # dẫn chiếu
    INTERPRETS = "interprets"  # giải thích
    SUSPENDS_ENFORCEMENT = "suspends_enforcement"  # đình chỉ thi hành
    SUSPENDS_VALIDITY = "suspends_validity"  # tạm ngưng hiệu lực
    ANNOUNCES = "announces"  # công bố


class LegalDocument(TenantContent):
    """A legal or administrative document issued by one tenant."""

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=200)
    # Số ký hiệu as shown ("42/2022/NĐ-CP") and its folded lookup key.
    number = fields.CharField(max_length=100)
    number_key = fields.CharField(max_length=100)
    doc_type = fields.CharField(max_length=40)
    normative = fields.BooleanField(default=False)
    consolidated = fields.BooleanField(default=False)  # văn bản hợp nhất (VBHN)
    issuer_name = fields.CharField(max_length=300)
    title = fields.CharField(max_length=500)
    abstract = fields.TextField(default="")  # trích yếu
    full_text = fields.TextField(default="")
    # Folded number, title and abstract: the filter for free text on the list.
    search_text = fields.TextField(default="")
    issued_on = fields.DateField()
    issued_year = fields.IntField()  # for the by-year filter and facet on both databases
    effective_from = fields.DateField(null=True)
    effective_until = fields.DateField(null=True)
    gazette_published_on = fields.DateField(null=True)
    validity_override = fields.CharField(max_length=32, default="")
    validity_override_reason = fields.TextField(default="")
    # The document-management system it came from, for idempotent re-sends.
    source_system = fields.CharField(max_length=100, null=True)
    source_id = fields.CharField(max_length=200, null=True)
    published_at = fields.DatetimeField(null=True)

    class Meta:
        table = "legal_document"
        unique_together = (("tenant", "slug"), ("tenant", "source_system", "source_id"))
        indexes = (
            Index(fields=("tenant_id", "status", "issued_on"), name="document_listing"),
            Index(fields=("number_key",), name="document_number"),
            Index(fields=("tenant_id", "doc_type", "issued_on"), name="document_type"),
            Index(fields=("tenant_id", "issued_year"), name="document_year"),
        )


class DocumentSigner(PlainRow, Model):
    """A signer of a document with their title (chức danh). Joint documents have several."""

    id = fields.IntField(primary_key=True)
    document: fields.ForeignKeyRelation[LegalDocument] = fields.ForeignKeyField(
        "models.LegalDocument", related_name="signers", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    job_title = fields.CharField(max_length=200, default="")
    position = fields.IntField(default=0)

    document_id: int

    class Meta:
        table = "document_signer"
        indexes = (Index(fields=("document_id", "position"), name="document_signer_order"),)


class DocumentSubject(PlainRow, Model):
    """A field (lĩnh vực) a document belongs to, kept by its folded key for filters and facets."""

    id = fields.IntField(primary_key=True)
    document: fields.ForeignKeyRelation[LegalDocument] = fields.ForeignKeyField(
        "models.LegalDocument", related_name="subjects", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    key = fields.CharField(max_length=200)

    document_id: int

    class Meta:
        table = "document_subject"
        unique_together = (("document", "key"),)
        indexes = (Index(fields=("key", "document_id"), name="document_subject_key"),)


class DocumentAttachment(PlainRow, Model):
    """A file of a document (PDF, DOCX) with the text extracted from it for search."""

    id = fields.IntField(primary_key=True)
    document: fields.ForeignKeyRelation[LegalDocument] = fields.ForeignKeyField(
        "models.LegalDocument", related_name="attachments", on_delete=fields.CASCADE
    )
    asset: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.MediaAsset", related_name="document_links", on_delete=fields.RESTRICT
    )
    sha256 = fields.CharField(max_length=64)
    text = fields.TextField(default="")
    position = fields.IntField(default=0)

    document_id: int
    asset_id: int

    class Meta:
        table = "document_attachment"
        indexes = (
            Index(fields=("document_id", "position"), name="document_attachment_order"),
            # MediaAsset.public_filter asks whether a file belongs to a published document.
            Index(fields=("asset_id",), name="document_attachment_asset"),
        )


class DocumentRelation(PlainRow, Model):
    """One relation, stored once with its direction: source ``kind`` target.

    The target may be a document outside the database (a national decree cited
    as a basis): then only its number is kept, and the relation links up by
    number key as soon as that document is added.
    """

    id = fields.IntField(primary_key=True)
    source: fields.ForeignKeyRelation[LegalDocument] = fields.ForeignKeyField(
        "models.LegalDocument", related_name="relations_out", on_delete=fields.CASCADE
    )
    target: fields.ForeignKeyNullableRelation[LegalDocument] = fields.ForeignKeyField(
        "models.LegalDocument", related_name="relations_in", null=True, on_delete=fields.CASCADE
    )
    target_number = fields.CharField(max_length=100, default="")
    target_key = fields.CharField(max_length=100, default="")
    kind = fields.CharField(max_length=32)
    # Only part of the target is amended, replaced, repealed or suspended.
    partial = fields.BooleanField(default=False)
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    source_id: int
    target_id: int | None

    class Meta:
        table = "document_relation"
        unique_together = (("source", "target_key", "kind"),)
        indexes = (
            Index(fields=("target_id", "kind"), name="document_relation_target"),
            Index(fields=("target_key",), name="document_relation_key"),
        )


class CitationSource(StrEnum):
    ARTICLE = "article"
    DOCUMENT = "document"


class DocumentCitation(PlainRow, Model):
    """A reference to a document number found in an article's or a document's text.

    Kept by number key, not by document id, so a citation written before the
    cited document was entered links up once it is.
    """

    id = fields.IntField(primary_key=True)
    tenant_id = fields.IntField()  # the citing content's tenant
    source_kind = fields.CharField(max_length=16)
    source_id = fields.IntField()
    number = fields.CharField(max_length=100)
    number_key = fields.CharField(max_length=100)
    doc_type = fields.CharField(max_length=40, default="")
    cited_issued_on = fields.DateField(null=True)

    class Meta:
        table = "document_citation"
        unique_together = (("source_kind", "source_id", "number_key"),)
        indexes = (Index(fields=("number_key",), name="document_citation_key"),)
