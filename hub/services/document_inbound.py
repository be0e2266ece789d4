"""The inbound API of the document-management system (Hệ thống Quản lý văn bản và Điều hành).

A signed document arrives with its metadata and its files, keyed by the
sending system's own id. Re-sending the same id updates the document instead
of adding a second one, so the sender may retry freely after a timeout.
Everything is checked (metadata, each file's type and text) before the first
write, and the writes share one transaction: a bad payload leaves nothing
behind in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.exceptions import IntegrityError
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission
from hub.events.outbox import EventType
from hub.models.base import ContentStatus
from hub.models.documents import DocumentAttachment, LegalDocument
from hub.services import citation_links
from hub.services.document_files import text_of
from hub.services.documents import (
    DocumentErrorCode,
    DocumentFields,
    announce_document,
    apply_fields,
    clean_fields,
    edit_permission,
    free_slug,
    link_waiting_relations,
    require_permission,
    slug_base,
    write_children,
)
from hub.services.errors import ServiceError
from hub.services.journal import audit
from hub.services.media import media_upload
from hub.text.folding import nfc
from tenants.models import Tenant
from tenants.scope import Scope

MAX_SOURCE = 200
MAX_FILES = 10


@dataclass
class InboundFile:
    """A file sent with the document (the signed PDF, a DOCX copy)."""

    filename: str
    data: bytes


@dataclass
class InboundDocument:
    """What the sending system states: its ids, the metadata, the files, and whether to publish."""

    source_system: str
    source_id: str
    fields: DocumentFields
    files: list[InboundFile] = field(default_factory=list)
    publish: bool = False


@dataclass
class ImportOutcome:
    document: LegalDocument
    created: bool


def _source(value: str, name: str) -> str:
    value = nfc(value).strip()
    if not value or len(value) > MAX_SOURCE:
        raise ServiceError(
            DocumentErrorCode.INVALID_INPUT, f"{name} must be 1–{MAX_SOURCE} characters", name
        )
    return value


async def document_import(scope: Scope, tenant: Tenant, payload: InboundDocument) -> ImportOutcome:
    """Create or update the document the sender knows as ``(source_system, source_id)``."""
    require_permission(scope, Permission.DOCUMENT_IMPORT, tenant.id)
    system = _source(payload.source_system, "sourceSystem")
    source_id = _source(payload.source_id, "sourceId")
    fields = clean_fields(payload.fields)
    if len(payload.files) > MAX_FILES:
        raise ServiceError(DocumentErrorCode.INVALID_INPUT, "too many files", "files")
    try:
        return await _write(scope, tenant, system, source_id, fields, payload)
    except IntegrityError:
        # The same document sent twice at once: the other request created it.
        return await _write(scope, tenant, system, source_id, fields, payload)


async def _write(
    scope: Scope,
    tenant: Tenant,
    system: str,
    source_id: str,
    fields: DocumentFields,
    payload: InboundDocument,
) -> ImportOutcome:
    existing = await LegalDocument.unscoped().get_or_none(
        tenant_id=tenant.id, source_system=system, source_id=source_id
    )
    if existing is not None:
        # A re-send replaces what the public reads once the document is published:
        # the same publish rights as editing it by hand (the inbound role holds them).
        require_permission(scope, edit_permission(existing), tenant.id)
    doc = existing or LegalDocument(
        tenant_id=tenant.id, status=ContentStatus.DRAFT, source_system=system, source_id=source_id
    )
    apply_fields(doc, fields)
    async with in_transaction():
        if existing is None:
            doc.slug = await free_slug(tenant.id, slug_base(fields), None)
        await doc.save()
        await write_children(doc, fields)
        await _replace_files(scope, tenant, doc, payload.files)
        await citation_links.record(tenant.id, "document", doc.id, doc.full_text, doc.number_key)
        await link_waiting_relations(doc)
        await audit(
            scope,
            doc,
            "import" if existing is None else "reimport",
            changes={"sourceSystem": system, "sourceId": source_id},
        )
        was_published = doc.status == ContentStatus.PUBLISHED
        if payload.publish and not was_published:
            require_permission(scope, Permission.DOCUMENT_PUBLISH, tenant.id)
            doc.status = ContentStatus.PUBLISHED
            doc.published_at = doc.published_at or now()
            await doc.save(update_fields=["status", "published_at"])
            await audit(scope, doc, "publish", to_status=ContentStatus.PUBLISHED)
            await announce_document(doc, EventType.DOCUMENT_PUBLISHED)
        elif was_published:
            await announce_document(doc, EventType.DOCUMENT_UPDATED)
    return ImportOutcome(doc, existing is None)


async def _replace_files(
    scope: Scope, tenant: Tenant, doc: LegalDocument, files: list[InboundFile]
) -> None:
    """Keep the files the sender sent this time; unchanged bytes are not re-extracted."""
    if not files:
        return
    old = {a.sha256: a for a in await DocumentAttachment.filter(document_id=doc.id)}
    await DocumentAttachment.filter(document_id=doc.id).delete()
    for position, sent in enumerate(files):
        try:
            asset = await media_upload(scope, tenant, sent.filename, sent.data)
        except ServiceError as exc:
            raise ServiceError(DocumentErrorCode.INVALID_FILE, exc.message, "files") from exc
        previous = old.get(asset.sha256)
        text = previous.text if previous else await text_of(asset.content_type, sent.data)
        await DocumentAttachment.create(
            document_id=doc.id, asset_id=asset.id, sha256=asset.sha256, text=text, position=position
        )
