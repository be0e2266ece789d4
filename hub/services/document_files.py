"""Files of legal documents (PDF, DOCX): attached from the media library, text extracted.

The extracted text is kept beside the link so search finds words that are
only in the file (most documents arrive as a signed PDF and nothing else).
"""

from __future__ import annotations

import asyncio

from tortoise.transactions import in_transaction

from hub.events.outbox import EventType
from hub.models.base import ContentStatus
from hub.models.documents import DocumentAttachment, LegalDocument
from hub.models.media import MediaAsset
from hub.services.document_text import (
    DocumentUnreadable,
    UnsupportedDocumentType,
    extract_text,
)
from hub.services.documents import (
    DocumentErrorCode,
    announce_document,
    edit_permission,
    load_document,
    require_permission,
)
from hub.services.errors import ServiceError
from hub.services.journal import audit
from hub.storage import get_storage
from tenants.scope import Scope

MAX_ATTACHMENTS = 20


async def text_of(content_type: str, data: bytes) -> str:
    """The text of a document file, or INVALID_FILE with the reason (runs off the event loop)."""
    try:
        return await asyncio.to_thread(extract_text, data, content_type)
    except (UnsupportedDocumentType, DocumentUnreadable) as exc:
        raise ServiceError(DocumentErrorCode.INVALID_FILE, str(exc), "file") from exc


async def read_asset(asset: MediaAsset) -> bytes:
    """The stored bytes of a media asset."""
    file = await get_storage().open(asset.storage_key)
    try:
        return await asyncio.to_thread(file.read)
    finally:
        file.close()


async def attach(
    scope: Scope, document_id: int, asset_id: int, *, text: str | None = None
) -> DocumentAttachment:
    """Attach a file of the document's own tenant; its text is extracted unless given."""
    doc = await load_document(scope, document_id)
    require_permission(scope, edit_permission(doc), doc.tenant_id)
    asset = await MediaAsset.unscoped().get_or_none(id=asset_id, tenant_id=doc.tenant_id)
    if asset is None:
        raise ServiceError(
            DocumentErrorCode.NOT_FOUND, "no such file in this portal's library", "file"
        )
    if await DocumentAttachment.filter(document_id=doc.id).count() >= MAX_ATTACHMENTS:
        raise ServiceError(
            DocumentErrorCode.INVALID_INPUT, "too many files on one document", "file"
        )
    if text is None:
        text = await text_of(asset.content_type, await read_asset(asset))
    position = await DocumentAttachment.filter(document_id=doc.id).count()
    async with in_transaction():
        link = await DocumentAttachment.create(
            document_id=doc.id, asset_id=asset.id, sha256=asset.sha256, text=text, position=position
        )
        await audit(scope, doc, "attach", changes={"file": asset.original_filename})
        if doc.status == ContentStatus.PUBLISHED:
            await announce_document(doc, EventType.DOCUMENT_UPDATED)
    return link


async def detach(scope: Scope, attachment_id: int) -> LegalDocument:
    """Remove a file from a document (the file stays in the media library)."""
    link = await DocumentAttachment.get_or_none(id=attachment_id)
    if link is None:
        raise ServiceError(DocumentErrorCode.NOT_FOUND, "no such attachment")
    doc = await load_document(scope, link.document_id)
    require_permission(scope, edit_permission(doc), doc.tenant_id)
    async with in_transaction():
        await link.delete()
        await audit(scope, doc, "detach", changes={"attachment": attachment_id})
        if doc.status == ContentStatus.PUBLISHED:
            await announce_document(doc, EventType.DOCUMENT_UPDATED)
    return doc
