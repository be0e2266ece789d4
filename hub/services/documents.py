"""Entering, editing and publishing legal documents.

Each function takes the acting :class:`~tenants.scope.Scope`, checks its
permission through :mod:`hub.auth.permissions`, validates everything before
the first write, and writes the change, its audit entry, its citations and
its event in one transaction. The GraphQL mutations, the document-management
inbound API (:mod:`hub.services.document_inbound`) and importers all call
these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, can, require
from hub.events.outbox import EventType, emit
from hub.models.base import ContentStatus, Language
from hub.models.documents import DocumentRelation, DocumentSigner, DocumentSubject, LegalDocument
from hub.services import citation_links
from hub.services.document_authority import status_authority
from hub.services.document_status import Validity
from hub.services.errors import ServiceError
from hub.services.journal import audit
from hub.services.workflow import STEPS
from hub.text.citations import DocumentType, normalise_number, number_key
from hub.text.folding import fold, is_slug, nfc, slugify
from tenants.models import Tenant
from tenants.scope import Scope

MAX_TITLE = 500
MAX_ABSTRACT = 5_000
MAX_FULL_TEXT = 2_000_000
MAX_NAME = 200
MAX_ISSUER = 300
MAX_SIGNERS = 20
MAX_SUBJECTS = 20
S = ContentStatus


class DocumentErrorCode(StrEnum):
    """Why a document mutation failed."""

    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_NUMBER = "INVALID_NUMBER"
    INVALID_TYPE = "INVALID_TYPE"
    INVALID_DATES = "INVALID_DATES"
    DUPLICATE_SLUG = "DUPLICATE_SLUG"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    INVALID_RELATION = "INVALID_RELATION"
    DUPLICATE_RELATION = "DUPLICATE_RELATION"
    INVALID_FILE = "INVALID_FILE"
    # The source's portal may not change the target's legal status (document_authority).
    NO_AUTHORITY = "NO_AUTHORITY"


@dataclass
class Signer:
    """Who signed, and in what capacity (chức danh)."""

    name: str
    job_title: str = ""


@dataclass
class DocumentFields:
    """Everything an editor (or the inbound API) states about a document."""

    number: str
    doc_type: str
    issuer_name: str
    title: str
    issued_on: date
    abstract: str = ""
    full_text: str = ""
    effective_from: date | None = None
    effective_until: date | None = None
    gazette_published_on: date | None = None
    signers: list[Signer] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    language: Language = Language.VI
    consolidated: bool = False
    slug: str | None = None


def _error(code: DocumentErrorCode, message: str, field_name: str | None = None) -> ServiceError:
    return ServiceError(code, message, field_name)


def _line(value: str, limit: int, name: str, *, required: bool = True) -> str:
    """One line of text: NFC, inner whitespace collapsed, within ``limit``."""
    value = " ".join(nfc(value).split())
    if required and not value:
        raise _error(DocumentErrorCode.INVALID_INPUT, f"{name} is required", name)
    if len(value) > limit:
        raise _error(
            DocumentErrorCode.INVALID_INPUT, f"{name} is longer than {limit} characters", name
        )
    return value


def _text(value: str, limit: int, name: str) -> str:
    value = nfc(value).strip()
    if len(value) > limit:
        raise _error(DocumentErrorCode.INVALID_INPUT, f"{name} is too long", name)
    return value


def clean_fields(fields: DocumentFields) -> DocumentFields:
    """Validate and normalise every field, raising before anything is written."""
    try:
        number = normalise_number(fields.number)
    except ValueError as exc:
        raise _error(DocumentErrorCode.INVALID_NUMBER, str(exc), "number") from exc
    if not number or not number_key(number):
        raise _error(DocumentErrorCode.INVALID_NUMBER, "document number is required", "number")
    try:
        doc_type = DocumentType(fields.doc_type).value
    except ValueError as exc:
        raise _error(
            DocumentErrorCode.INVALID_TYPE, f"unknown document type: {fields.doc_type!r}", "type"
        ) from exc
    start, end = fields.effective_from, fields.effective_until
    if start and end and end <= start:
        raise _error(
            DocumentErrorCode.INVALID_DATES,
            "the expiry date must come after the effective date",
            "effectiveUntil",
        )
    for name, moment in (
        ("issuedOn", fields.issued_on),
        ("effectiveFrom", fields.effective_from),
        ("effectiveUntil", fields.effective_until),
        ("gazettePublishedOn", fields.gazette_published_on),
    ):
        if moment is not None and not 1945 <= moment.year <= 2200:
            raise _error(DocumentErrorCode.INVALID_DATES, f"{name} is out of range", name)
    if len(fields.signers) > MAX_SIGNERS or len(fields.subjects) > MAX_SUBJECTS:
        raise _error(DocumentErrorCode.INVALID_INPUT, "too many signers or fields")
    signers = [
        Signer(
            _line(s.name, MAX_NAME, "signer"),
            _line(s.job_title, MAX_NAME, "jobTitle", required=False),
        )
        for s in fields.signers
    ]
    subjects: dict[str, str] = {}
    for subject in fields.subjects:
        name = _line(subject, MAX_NAME, "field")
        subjects.setdefault(fold(name), name)
    slug = fields.slug
    if slug is not None and not is_slug(slug):
        raise _error(
            DocumentErrorCode.INVALID_INPUT,
            "slug must be lower-case ASCII letters, digits and hyphens",
            "slug",
        )
    return DocumentFields(
        number=number,
        doc_type=doc_type,
        issuer_name=_line(fields.issuer_name, MAX_ISSUER, "issuer"),
        title=_line(fields.title, MAX_TITLE, "title"),
        issued_on=fields.issued_on,
        abstract=_text(fields.abstract, MAX_ABSTRACT, "abstract"),
        full_text=_text(fields.full_text, MAX_FULL_TEXT, "fullText"),
        effective_from=fields.effective_from,
        effective_until=fields.effective_until,
        gazette_published_on=fields.gazette_published_on,
        signers=signers,
        subjects=list(subjects.values()),
        language=Language(fields.language),
        consolidated=fields.consolidated,
        slug=slug,
    )


def _search_text(doc: LegalDocument) -> str:
    return fold(f"{doc.number} {doc.title} {doc.abstract}")


def apply_fields(doc: LegalDocument, fields: DocumentFields) -> None:
    """Copy cleaned fields onto the row (derived columns included)."""
    doc.number = fields.number
    doc.number_key = number_key(fields.number)
    doc.doc_type = fields.doc_type
    # Normative documents carry the year in their number (42/2022/NĐ-CP).
    doc.normative = DocumentType(fields.doc_type).normative and fields.number.count("/") >= 2
    doc.consolidated = fields.consolidated
    doc.issuer_name = fields.issuer_name
    doc.title = fields.title
    doc.abstract = fields.abstract
    doc.full_text = fields.full_text
    doc.issued_on = fields.issued_on
    doc.issued_year = fields.issued_on.year
    doc.effective_from = fields.effective_from
    doc.effective_until = fields.effective_until
    doc.gazette_published_on = fields.gazette_published_on
    doc.language = fields.language
    doc.search_text = _search_text(doc)


def slug_base(fields: DocumentFields) -> str:
    """The slug asked for, or one made from the number and title."""
    return fields.slug or slugify(f"{fields.number} {fields.title}", max_length=120)


async def free_slug(tenant_id: int, base: str, exclude_id: int | None) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever the tenant has not used."""
    base = base or "van-ban"
    taken = set(
        await LegalDocument.unscoped()
        .filter(tenant_id=tenant_id, slug__startswith=base)
        .exclude(id=exclude_id or 0)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


async def write_children(doc: LegalDocument, fields: DocumentFields) -> None:
    """Replace the signers and fields of a saved document."""
    await DocumentSigner.filter(document_id=doc.id).delete()
    await DocumentSubject.filter(document_id=doc.id).delete()
    await DocumentSigner.bulk_create(
        [
            DocumentSigner(document_id=doc.id, name=s.name, job_title=s.job_title, position=i)
            for i, s in enumerate(fields.signers)
        ]
    )
    await DocumentSubject.bulk_create(
        [DocumentSubject(document_id=doc.id, name=n, key=fold(n)) for n in fields.subjects]
    )


def require_permission(scope: Scope, permission: Permission, tenant_id: int) -> None:
    """Raise FORBIDDEN unless the viewer holds ``permission`` in the tenant."""
    try:
        require(scope.viewer, permission, tenant_id)
    except PermissionDenied as exc:
        raise _error(DocumentErrorCode.FORBIDDEN, str(exc)) from exc


async def resolve_number(key: str, prefer_tenant: int) -> LegalDocument | None:
    """The document a number key names: unique match, or the one of ``prefer_tenant``.

    Administrative numbers (``1628/QĐ-UBND``) repeat across issuers, so an
    ambiguous key links only within the citing tenant; otherwise it stays
    unresolved rather than pointing at the wrong document.
    """
    found = await LegalDocument.unscoped().filter(number_key=key).limit(20)
    if len(found) == 1:
        return found[0]
    own = [d for d in found if d.tenant_id == prefer_tenant]
    return own[0] if len(own) == 1 else None


async def link_waiting_relations(doc: LegalDocument) -> None:
    """Point relations that named this document's number before it existed at it.

    A waiting relation that would change this document's status links only if
    its source's portal has authority over it (the one rule,
    :func:`status_authority`, asked with no viewer: whoever recorded it is not
    the one acting now). Otherwise it stays a reference by number on the
    source's page and changes nothing here.
    """
    waiting = await DocumentRelation.filter(target_key=doc.number_key, target_id__isnull=True)
    for relation in waiting:
        source = await LegalDocument.unscoped().get(id=relation.source_id)
        if await status_authority(None, source.tenant_id, relation.kind, doc) is not None:
            continue
        if await resolve_number(doc.number_key, source.tenant_id) == doc:
            relation.target_id = doc.id
            await relation.save(update_fields=["target_id"])


async def announce_document(doc: LegalDocument, event_type: EventType) -> None:
    """Emit a document event (inside the caller's transaction)."""
    await emit(
        event_type,
        tenant_id=doc.tenant_id,
        object_type="LegalDocument",
        object_id=doc.id,
        payload={"slug": doc.slug, "number": doc.number, "title": doc.title},
    )


async def document_create(scope: Scope, tenant: Tenant, fields: DocumentFields) -> LegalDocument:
    """Enter a new document as a draft of ``tenant``."""
    require_permission(scope, Permission.DOCUMENT_EDIT, tenant.id)
    fields = clean_fields(fields)
    doc = LegalDocument(tenant_id=tenant.id, status=S.DRAFT)
    apply_fields(doc, fields)
    base = slug_base(fields)
    async with in_transaction():
        doc.slug = await free_slug(tenant.id, base, None)
        if fields.slug and doc.slug != fields.slug:
            raise _error(DocumentErrorCode.DUPLICATE_SLUG, "that slug is taken", "slug")
        await doc.save()
        await write_children(doc, fields)
        await citation_links.record(
            doc.tenant_id, "document", doc.id, doc.full_text, doc.number_key
        )
        await link_waiting_relations(doc)
        await audit(scope, doc, "create", to_status=S.DRAFT)
    return doc


async def load_document(scope: Scope, document_id: int) -> LegalDocument:
    """A document the viewer may read, or NOT_FOUND (other tenants' drafts are not found)."""
    doc = await LegalDocument.readable_by(scope).get_or_none(id=document_id)
    if doc is None:
        raise _error(DocumentErrorCode.NOT_FOUND, "no such document")
    return doc


def edit_permission(doc: LegalDocument) -> Permission:
    """Published text is the issuer's official record: only publishers change it."""
    if doc.status == S.PUBLISHED:
        return Permission.DOCUMENT_PUBLISH
    return Permission.DOCUMENT_EDIT


async def document_update(scope: Scope, document_id: int, fields: DocumentFields) -> LegalDocument:
    """Replace a document's metadata and text (signers and fields included)."""
    doc = await load_document(scope, document_id)
    require_permission(scope, edit_permission(doc), doc.tenant_id)
    fields = clean_fields(fields)
    apply_fields(doc, fields)
    async with in_transaction():
        if fields.slug and fields.slug != doc.slug:
            if await free_slug(doc.tenant_id, fields.slug, doc.id) != fields.slug:
                raise _error(DocumentErrorCode.DUPLICATE_SLUG, "that slug is taken", "slug")
            doc.slug = fields.slug
        await doc.save()
        await write_children(doc, fields)
        await citation_links.record(
            doc.tenant_id, "document", doc.id, doc.full_text, doc.number_key
        )
        await link_waiting_relations(doc)
        await audit(scope, doc, "update")
        if doc.status == S.PUBLISHED:
            await announce_document(doc, EventType.DOCUMENT_UPDATED)
    return doc


# Who may take each workflow step on a document (the steps are the articles' ones).
STEP_PERMISSIONS = {
    "submit": Permission.DOCUMENT_EDIT,
    "return": Permission.DOCUMENT_PUBLISH,
    "approve": Permission.DOCUMENT_PUBLISH,
    "publish": Permission.DOCUMENT_PUBLISH,
    "unpublish": Permission.DOCUMENT_PUBLISH,
    "archive": Permission.DOCUMENT_PUBLISH,
}
STEP_EVENTS = {
    "publish": EventType.DOCUMENT_PUBLISHED,
    "unpublish": EventType.DOCUMENT_UNPUBLISHED,
    "archive": EventType.DOCUMENT_UNPUBLISHED,
}


async def document_step(
    scope: Scope, document_id: int, name: str, *, reason: str = ""
) -> LegalDocument:
    """Move a document one workflow step (draft → submitted → approved → published …)."""
    step = STEPS.get(name)
    if step is None or name not in STEP_PERMISSIONS:
        raise _error(DocumentErrorCode.INVALID_TRANSITION, f"unknown step {name!r}")
    doc = await load_document(scope, document_id)
    require_permission(scope, STEP_PERMISSIONS[name], doc.tenant_id)
    sources = step.sources
    if name == "publish" and can(scope.viewer, Permission.WORKFLOW_BYPASS, doc.tenant_id):
        sources = sources | {S.DRAFT, S.SUBMITTED, S.RETURNED}
    if doc.status not in sources:
        raise _error(
            DocumentErrorCode.INVALID_TRANSITION, f"cannot {name} a document that is {doc.status}"
        )
    reason = " ".join(nfc(reason).split())
    if step.needs_reason and not reason:
        raise _error(DocumentErrorCode.INVALID_INPUT, "a reason is required", "reason")
    before = doc.status
    doc.status = step.target
    if step.target == S.PUBLISHED:
        doc.published_at = doc.published_at or now()
    async with in_transaction():
        await doc.save(update_fields=["status", "published_at", "updated_at"])
        await audit(scope, doc, name, from_status=before, to_status=step.target, reason=reason)
        event = STEP_EVENTS.get(name)
        if event is not None and (name == "publish" or before == S.PUBLISHED):
            await announce_document(doc, event)
    return doc


async def set_validity_override(
    scope: Scope, document_id: int, status: str | None, reason: str
) -> LegalDocument:
    """Set (or clear, with ``status=None``) a manual validity status; a reason is required."""
    doc = await load_document(scope, document_id)
    require_permission(scope, Permission.DOCUMENT_PUBLISH, doc.tenant_id)
    reason = " ".join(nfc(reason).split())
    if status is not None:
        try:
            status = Validity(status).value
        except ValueError as exc:
            raise _error(DocumentErrorCode.INVALID_INPUT, "unknown status", "status") from exc
        if not reason:
            raise _error(
                DocumentErrorCode.INVALID_INPUT, "an override must cite its reason", "reason"
            )
    doc.validity_override = status or ""
    doc.validity_override_reason = reason if status else ""
    async with in_transaction():
        await doc.save(
            update_fields=["validity_override", "validity_override_reason", "updated_at"]
        )
        await audit(scope, doc, "validity_override", reason=reason, changes={"validity": status})
        if doc.status == S.PUBLISHED:
            await announce_document(doc, EventType.DOCUMENT_UPDATED)
    return doc
