"""The electronic Official Gazette (Công báo điện tử): editions, contents, intake register.

Every function takes the acting :class:`~tenants.scope.Scope`, checks its
permission, validates before the first write, and writes the change and its
audit entry in one transaction. The rules (docs/gazette.md):

- an edition holds one or more consecutive numbers ("59 + 60"), each unique
  within its publisher's year; the ``gazette_number`` table's unique key is
  the last word when two editors race;
- once published an edition and its items never change again: every
  mutation answers ``EDITION_PUBLISHED``. Each mutation of a draft first
  "touches" the edition row with ``UPDATE … WHERE status = 'draft'``, which
  also takes its row lock, so a publish and an edit cannot interleave;
- publishing needs at least one item and a PDF whose signature, when it has
  one, verified; a consolidated text (VBHN) must come in the same edition as
  the newest amending document it consolidates;
- nothing here ever writes a document's text: a correction (đính chính) is a
  document of its own, linked to the original by a ``corrects`` relation.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, can, require
from hub.events.outbox import EventType, emit
from hub.models import MediaAsset
from hub.models.documents import DocumentRelation, LegalDocument, RelationKind
from hub.models.gazette import (
    EditionStatus,
    GazetteEdition,
    GazetteItem,
    GazetteNumber,
    GazetteSubmission,
    SubmissionStatus,
)
from hub.services.document_text import sha256_hex
from hub.services.errors import ServiceError
from hub.services.journal import audit
from hub.services.mail_notices import mail_submission_flagged
from hub.services.pdf_signatures import PdfUnreadable, SignatureReport, verify_pdf_signatures
from hub.storage import Storage, get_storage
from hub.text.folding import nfc
from tenants.models import Tenant, TenantClosure
from tenants.scope import Scope

FIRST_YEAR = 1945  # the first Công báo of the Democratic Republic of Vietnam
MAX_NUMBER = 9_999
MAX_NUMBERS_PER_EDITION = 10
MAX_ITEMS = 500
MAX_PAGE = 100_000
MAX_TITLE = 500
MAX_ISSUER = 300
MAX_SENDER = 300
MAX_SUBMISSION_NUMBER = 100
MAX_PROBLEM = 5_000
PDF_TYPE = "application/pdf"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CLOCK_SKEW = timedelta(minutes=5)


class GazetteErrorCode(StrEnum):
    """Why a gazette mutation failed."""

    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"
    DUPLICATE_NUMBER = "DUPLICATE_NUMBER"
    EDITION_PUBLISHED = "EDITION_PUBLISHED"
    INVALID_DOCUMENT = "INVALID_DOCUMENT"
    DUPLICATE_DOCUMENT = "DUPLICATE_DOCUMENT"
    NOT_A_PDF = "NOT_A_PDF"
    PDF_UNREADABLE = "PDF_UNREADABLE"
    PDF_MISSING = "PDF_MISSING"
    SIGNATURE_INVALID = "SIGNATURE_INVALID"
    NO_ITEMS = "NO_ITEMS"
    VBHN_AMENDMENT_MISSING = "VBHN_AMENDMENT_MISSING"
    INVALID_TRANSITION = "INVALID_TRANSITION"


E = GazetteErrorCode


def _fail(code: GazetteErrorCode, message: str, field: str | None = None) -> ServiceError:
    return ServiceError(code, message, field)


def _require(scope: Scope, permission: Permission, tenant_id: int) -> None:
    try:
        require(scope.viewer, permission, tenant_id)
    except PermissionDenied as exc:
        raise _fail(E.FORBIDDEN, str(exc)) from exc


def label_for(numbers: list[int]) -> str:
    """How an edition's numbers are written on its cover: ``"59 + 60"``, or ``"1"``."""
    return " + ".join(str(n) for n in numbers)


def numbers_of(edition: GazetteEdition) -> list[int]:
    """The edition's numbers, read back from its label (written with the number rows)."""
    return [int(part) for part in edition.label.split("+")]


# --- reads ----------------------------------------------------------------------------------


def editions_for(scope: Scope) -> QuerySet[GazetteEdition]:
    """The scope tenant's editions as its viewer may see them: drafts for gazette editors only."""
    qs = GazetteEdition.visible(scope)
    # GazetteEdition is TenantOwned without a public filter, so the status is narrowed here.
    if not can(scope.viewer, Permission.GAZETTE_EDIT, scope.require_tenant().id):
        qs = qs.filter(status=EditionStatus.PUBLISHED)
    return qs


async def edition_by_number(scope: Scope, year: int, number: int) -> GazetteEdition | None:
    """The edition holding ``number`` of ``year`` (any of a combined edition's numbers)."""
    return await editions_for(scope).filter(year=year, numbers__number=number).first()


async def published_years(scope: Scope) -> list[tuple[int, int]]:
    """``(year, editions)`` for every year with published editions, newest first."""
    rows = (
        await GazetteEdition.visible(scope)
        .filter(status=EditionStatus.PUBLISHED)
        .annotate(editions=Count("id"))
        .group_by("year")
        .order_by("-year")
        .values_list("year", "editions")
    )
    return [(int(year), int(count)) for year, count in rows]


def submissions_for(scope: Scope, status: SubmissionStatus | None = None) -> QuerySet[Any]:
    """The intake register of the scope tenant, newest first (gazette editors only)."""
    tenant = scope.require_tenant()
    _require(scope, Permission.GAZETTE_EDIT, tenant.id)
    qs = GazetteSubmission.visible(scope)
    if status is not None:
        qs = qs.filter(status=status)
    return qs.order_by("-received_at", "-id")


# Batch reads behind the GraphQL loaders; each is keyed by ids a scoped read produced.


async def items_of_editions(edition_ids: list[int]) -> dict[int, list[GazetteItem]]:
    """Every edition's table of contents, in order."""
    grouped: dict[int, list[GazetteItem]] = {i: [] for i in edition_ids}
    rows = GazetteItem.filter(edition_id__in=edition_ids).order_by("edition_id", "position", "id")
    for item in await rows:
        grouped[item.edition_id].append(item)
    return grouped


async def published_items_of_documents(document_ids: list[int]) -> dict[int, list[GazetteItem]]:
    """Where each document was published in the gazette: items of published editions, oldest first.

    For a document's page ("Công báo số 59 + 60, trang 3–5"); items of draft
    editions are left out, so nothing unpublished shows through it.
    """
    grouped: dict[int, list[GazetteItem]] = {i: [] for i in document_ids}
    rows = GazetteItem.filter(
        document_id__in=document_ids, edition__status=EditionStatus.PUBLISHED.value
    ).order_by("edition_id", "position")
    for item in await rows:
        grouped[item.document_id].append(item)  # type: ignore[index]
    return grouped


async def pdfs_by_id(asset_ids: list[int]) -> dict[int, MediaAsset]:
    """Editions' PDF assets (media are public, see docs/media.md)."""
    return {a.id: a for a in await MediaAsset.unscoped().filter(id__in=asset_ids)}


async def editions_by_id(edition_ids: list[int]) -> dict[int, GazetteEdition]:
    """Editions a submission was published in (always published ones)."""
    return {e.id: e for e in await GazetteEdition.unscoped().filter(id__in=edition_ids)}


async def documents_by_id(scope: Scope, document_ids: list[int]) -> dict[int, LegalDocument]:
    """Linked documents the viewer may read (a document still in draft shows to editors only)."""
    rows = await LegalDocument.readable_by(scope).filter(id__in=document_ids)
    return {d.id: d for d in rows}


# --- editions -------------------------------------------------------------------------------


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= now().year + 1:
        raise _fail(E.INVALID_INPUT, f"the year must be between {FIRST_YEAR} and next year", "year")
    return year


def _numbers(numbers: list[int]) -> list[int]:
    if not numbers:
        raise _fail(E.INVALID_INPUT, "an edition needs at least one number", "numbers")
    if len(numbers) > MAX_NUMBERS_PER_EDITION:
        raise _fail(
            E.INVALID_INPUT,
            f"an edition combines at most {MAX_NUMBERS_PER_EDITION} numbers",
            "numbers",
        )
    ordered = sorted(numbers)
    if ordered[0] < 1 or ordered[-1] > MAX_NUMBER:
        raise _fail(E.INVALID_INPUT, f"numbers run from 1 to {MAX_NUMBER}", "numbers")
    if ordered != list(range(ordered[0], ordered[0] + len(ordered))):
        raise _fail(E.INVALID_INPUT, "combined numbers must be consecutive (59 + 60)", "numbers")
    return ordered


def _published_on(published_on: date, year: int) -> date:
    # Numbering restarts each calendar year: the numbers belong to the publication year.
    if published_on.year != year:
        raise _fail(
            E.INVALID_INPUT, "the publication date must fall in the edition's year", "published_on"
        )
    return published_on


async def _check_numbers_free(
    tenant_id: int, year: int, numbers: list[int], edition_id: int | None = None
) -> None:
    taken = GazetteNumber.filter(tenant_id=tenant_id, year=year, number__in=numbers)
    if edition_id is not None:
        taken = taken.exclude(edition_id=edition_id)
    clash = await taken.order_by("number").first()
    if clash is not None:
        raise _fail(
            E.DUPLICATE_NUMBER,
            f"number {clash.number} of {year} is already held by another edition",
            "numbers",
        )


def _duplicate_number(year: int) -> ServiceError:
    return _fail(
        E.DUPLICATE_NUMBER, f"one of these numbers of {year} was just taken by another edition"
    )


async def create_edition(
    scope: Scope, tenant: Tenant, year: int, numbers: list[int], published_on: date
) -> GazetteEdition:
    """Open a draft edition of ``tenant``'s gazette holding ``numbers`` of ``year``."""
    _require(scope, Permission.GAZETTE_EDIT, tenant.id)
    year = _year(year)
    numbers = _numbers(numbers)
    published_on = _published_on(published_on, year)
    await _check_numbers_free(tenant.id, year, numbers)
    try:
        async with in_transaction():
            edition = await GazetteEdition.create(
                tenant_id=tenant.id,
                year=year,
                first_number=numbers[0],
                label=label_for(numbers),
                published_on=published_on,
            )
            await GazetteNumber.bulk_create(
                [
                    GazetteNumber(tenant_id=tenant.id, year=year, number=n, edition_id=edition.id)
                    for n in numbers
                ]
            )
            await audit(scope, edition, "create", to_status=EditionStatus.DRAFT.value)
    except IntegrityError as exc:
        raise _duplicate_number(year) from exc
    return edition


async def _edition(
    scope: Scope, edition_id: int, permission: Permission = Permission.GAZETTE_EDIT
) -> GazetteEdition:
    """A draft edition the viewer may change; drafts of others' portals are not found."""
    edition = await GazetteEdition.unscoped().get_or_none(id=edition_id)
    if edition is None or (
        edition.status != EditionStatus.PUBLISHED
        and not can(scope.viewer, Permission.GAZETTE_EDIT, edition.tenant_id)
    ):
        raise _fail(E.NOT_FOUND, "gazette edition not found")
    _require(scope, permission, edition.tenant_id)
    if edition.status == EditionStatus.PUBLISHED:
        raise _published()
    return edition


def _published() -> ServiceError:
    return _fail(E.EDITION_PUBLISHED, "the edition is published and can no longer change")


async def _lock_draft(edition: GazetteEdition) -> None:
    """Inside a transaction: lock the edition row, and fail if it was published meanwhile."""
    stamp = now()
    touched = await GazetteEdition.filter(id=edition.id, status=EditionStatus.DRAFT).update(
        updated_at=stamp
    )
    if not touched:
        raise _published()
    edition.updated_at = stamp


async def update_edition(
    scope: Scope,
    edition_id: int,
    *,
    year: int | None = None,
    numbers: list[int] | None = None,
    published_on: date | None = None,
) -> GazetteEdition:
    """Change a draft edition's year, numbers or publication date (``None`` leaves a field)."""
    edition = await _edition(scope, edition_id)
    new_year = _year(year) if year is not None else edition.year
    new_numbers = _numbers(numbers) if numbers is not None else numbers_of(edition)
    new_date = _published_on(published_on or edition.published_on, new_year)
    renumbered = new_year != edition.year or new_numbers != numbers_of(edition)
    if renumbered:
        await _check_numbers_free(edition.tenant_id, new_year, new_numbers, edition.id)
    changes: dict[str, Any] = {}
    if new_year != edition.year:
        changes["year"] = [edition.year, new_year]
    if new_numbers != numbers_of(edition):
        changes["numbers"] = [edition.label, label_for(new_numbers)]
    if new_date != edition.published_on:
        changes["published_on"] = [edition.published_on.isoformat(), new_date.isoformat()]
    if not changes:
        return edition
    try:
        async with in_transaction():
            await _lock_draft(edition)
            edition.year, edition.published_on = new_year, new_date
            edition.first_number, edition.label = new_numbers[0], label_for(new_numbers)
            await edition.save(
                update_fields=["year", "published_on", "first_number", "label", "updated_at"]
            )
            if renumbered:
                await GazetteNumber.filter(edition_id=edition.id).delete()
                await GazetteNumber.bulk_create(
                    [
                        GazetteNumber(
                            tenant_id=edition.tenant_id,
                            year=new_year,
                            number=n,
                            edition_id=edition.id,
                        )
                        for n in new_numbers
                    ]
                )
            await audit(scope, edition, "update", changes=changes)
    except IntegrityError as exc:
        raise _duplicate_number(new_year) from exc
    return edition


@dataclass(frozen=True)
class SignatureSummary:
    """What an edition records about its PDF's signatures."""

    signer: str
    signed_at: datetime | None
    valid: bool | None  # None: the file carries no signature
    problem: str


def summarise_signatures(reports: list[SignatureReport]) -> SignatureSummary:
    """One verdict for the file: valid only when every signature in it is."""
    if not reports:
        return SignatureSummary(signer="", signed_at=None, valid=None, problem="")
    signers = []
    for report in reports:
        who = report.signer_name or "?"
        if report.signer_organisation and report.signer_organisation not in who:
            who = f"{who} ({report.signer_organisation})"
        signers.append(who)
    moments = [r.signed_at for r in reports if r.signed_at is not None]
    problems = [f"{r.field_name}: {r.problem}" for r in reports if not r.valid]
    return SignatureSummary(
        signer="; ".join(signers)[:300],
        signed_at=max(moments) if moments else None,
        valid=not problems,
        problem="; ".join(problems)[:300],
    )


async def _read_file(storage: Storage, key: str) -> bytes:
    file = await storage.open(key)
    try:
        return await asyncio.to_thread(file.read)
    finally:
        file.close()


async def attach_pdf(
    scope: Scope, edition_id: int, asset_id: int, *, storage: Storage | None = None
) -> GazetteEdition:
    """Make an uploaded PDF of the portal's media library the edition's file.

    Records its SHA-256 and what its digital signatures say (verified with
    pyHanko in a worker thread; nothing is fetched from the network).
    """
    edition = await _edition(scope, edition_id)
    asset = await MediaAsset.unscoped().get_or_none(id=asset_id)
    if asset is None or asset.tenant_id != edition.tenant_id:
        raise _fail(E.NOT_FOUND, "no such file in this portal's media library", "pdf")
    if asset.content_type != PDF_TYPE:
        raise _fail(E.NOT_A_PDF, "the edition's file must be a PDF", "pdf")
    try:
        data = await _read_file(storage or get_storage(), asset.storage_key)
    except FileNotFoundError as exc:
        raise _fail(E.PDF_UNREADABLE, "the stored file is missing", "pdf") from exc
    sha256 = await asyncio.to_thread(sha256_hex, data)
    if sha256 != asset.sha256:
        raise _fail(E.PDF_UNREADABLE, "the stored file does not match its checksum", "pdf")
    try:
        reports = await asyncio.to_thread(verify_pdf_signatures, data)
    except PdfUnreadable as exc:
        raise _fail(E.PDF_UNREADABLE, str(exc)[:300], "pdf") from exc
    summary = summarise_signatures(reports)
    async with in_transaction():
        await _lock_draft(edition)
        edition.pdf_id = asset.id
        edition.pdf_sha256 = sha256
        edition.signature_signer = summary.signer
        edition.signature_signed_at = summary.signed_at
        edition.signature_valid = summary.valid
        edition.signature_problem = summary.problem
        await edition.save(
            update_fields=[
                "pdf_id",
                "pdf_sha256",
                "signature_signer",
                "signature_signed_at",
                "signature_valid",
                "signature_problem",
                "updated_at",
            ]
        )
        await audit(
            scope,
            edition,
            "attach_pdf",
            changes={
                "pdf": asset.original_filename,
                "sha256": sha256,
                "signature_valid": summary.valid,
                "signer": summary.signer,
            },
        )
    return edition


# --- table of contents ----------------------------------------------------------------------


@dataclass
class ItemFields:
    """A table-of-contents line. With a document, empty text fields are taken from it."""

    page_from: int
    page_to: int
    title: str = ""
    issuer_name: str = ""
    issued_on: date | None = None
    document_id: int | None = None
    position: int | None = None  # 1-based; None appends


@dataclass
class ItemChanges:
    """Changes to a line; ``None`` leaves a field as it is."""

    page_from: int | None = None
    page_to: int | None = None
    title: str | None = None
    issuer_name: str | None = None
    issued_on: date | None = None
    document_id: int | None = None
    unlink_document: bool = False
    position: int | None = None


def _line(value: str, limit: int, field: str) -> str:
    text = " ".join(nfc(value).split())
    if not text:
        raise _fail(E.INVALID_INPUT, f"{field} is required", field)
    if len(text) > limit:
        raise _fail(E.INVALID_INPUT, f"{field} may be at most {limit} characters", field)
    return text


def _pages(page_from: int, page_to: int) -> None:
    if not 1 <= page_from <= MAX_PAGE:
        raise _fail(E.INVALID_INPUT, f"pages run from 1 to {MAX_PAGE}", "page_from")
    if not 1 <= page_to <= MAX_PAGE:
        raise _fail(E.INVALID_INPUT, f"pages run from 1 to {MAX_PAGE}", "page_to")
    if page_from > page_to:
        raise _fail(E.INVALID_INPUT, "the first page comes after the last", "page_from")


async def _document(scope: Scope, publisher_id: int, document_id: int) -> LegalDocument:
    """A document the viewer may read, issued by the gazette's portal or one below it (C2)."""
    document = await LegalDocument.readable_by(scope).get_or_none(id=document_id)
    if document is None:
        raise _fail(E.NOT_FOUND, "document not found", "document")
    below = await TenantClosure.filter(
        ancestor_id=publisher_id, descendant_id=document.tenant_id
    ).exists()
    if not below:
        raise _fail(
            E.INVALID_DOCUMENT,
            "a gazette publishes documents of its own portal and the portals below it",
            "document",
        )
    return document


async def _check_not_listed(edition: GazetteEdition, document_id: int, item_id: int = 0) -> None:
    listed = GazetteItem.filter(edition_id=edition.id, document_id=document_id).exclude(id=item_id)
    if await listed.exists():
        raise _fail(E.DUPLICATE_DOCUMENT, "the document is already in this edition", "document")


def _place(items: list[GazetteItem], item: GazetteItem, position: int | None) -> list[GazetteItem]:
    """``items`` with ``item`` at ``position`` (1-based, clamped), renumbered 1…n; the changed."""
    others = [i for i in items if i.id != item.id]
    at = len(others) if position is None else min(max(position, 1), len(others) + 1) - 1
    others.insert(at, item)
    changed = []
    for number, row in enumerate(others, start=1):
        if row.position != number:
            row.position = number
            changed.append(row)
    return changed


async def _renumber(changed: list[GazetteItem]) -> None:
    saved = [row for row in changed if row.id is not None]
    if saved:
        await GazetteItem.bulk_update(saved, fields=["position"])


async def add_item(scope: Scope, edition_id: int, fields: ItemFields) -> GazetteItem:
    """Add a line to a draft edition's table of contents."""
    edition = await _edition(scope, edition_id)
    document = None
    if fields.document_id is not None:
        document = await _document(scope, edition.tenant_id, fields.document_id)
        await _check_not_listed(edition, document.id)
    issued_on = fields.issued_on or (document.issued_on if document else None)
    if issued_on is None:
        raise _fail(E.INVALID_INPUT, "issued_on is required", "issued_on")
    item = GazetteItem(
        edition_id=edition.id,
        document_id=document.id if document else None,
        title=_line(fields.title or (document.title if document else ""), MAX_TITLE, "title"),
        issuer_name=_line(
            fields.issuer_name or (document.issuer_name if document else ""),
            MAX_ISSUER,
            "issuer_name",
        ),
        issued_on=issued_on,
        page_from=fields.page_from,
        page_to=fields.page_to,
        position=0,
    )
    _pages(item.page_from, item.page_to)
    async with in_transaction():
        await _lock_draft(edition)
        items = list(await GazetteItem.filter(edition_id=edition.id).order_by("position", "id"))
        if len(items) >= MAX_ITEMS:
            raise _fail(E.INVALID_INPUT, f"an edition lists at most {MAX_ITEMS} items")
        changed = _place(items, item, fields.position)
        await _renumber(changed)
        await item.save()
        await audit(scope, edition, "item_add", changes={"item": item.id, "title": item.title})
    return item


async def _item(scope: Scope, item_id: int) -> tuple[GazetteItem, GazetteEdition]:
    item = await GazetteItem.get_or_none(id=item_id)
    if item is None:
        raise _fail(E.NOT_FOUND, "gazette item not found")
    try:
        edition = await _edition(scope, item.edition_id)
    except ServiceError as exc:
        if exc.code == E.NOT_FOUND:
            raise _fail(E.NOT_FOUND, "gazette item not found") from exc
        raise
    return item, edition


async def update_item(scope: Scope, item_id: int, changes: ItemChanges) -> GazetteItem:
    """Change a line of a draft edition (text, pages, linked document, position)."""
    item, edition = await _item(scope, item_id)
    before = {
        name: getattr(item, name)
        for name in ("title", "issuer_name", "issued_on", "page_from", "page_to", "document_id")
    }
    if changes.unlink_document:
        item.document_id = None
    elif changes.document_id is not None and changes.document_id != item.document_id:
        document = await _document(scope, edition.tenant_id, changes.document_id)
        await _check_not_listed(edition, document.id, item.id)
        item.document_id = document.id
    if changes.title is not None:
        item.title = _line(changes.title, MAX_TITLE, "title")
    if changes.issuer_name is not None:
        item.issuer_name = _line(changes.issuer_name, MAX_ISSUER, "issuer_name")
    if changes.issued_on is not None:
        item.issued_on = changes.issued_on
    if changes.page_from is not None:
        item.page_from = changes.page_from
    if changes.page_to is not None:
        item.page_to = changes.page_to
    _pages(item.page_from, item.page_to)
    diff: dict[str, Any] = {
        name: [_plain(old), _plain(getattr(item, name))]
        for name, old in before.items()
        if getattr(item, name) != old
    }
    async with in_transaction():
        await _lock_draft(edition)
        if changes.position is not None:
            items = list(await GazetteItem.filter(edition_id=edition.id).order_by("position", "id"))
            old_position = item.position
            await _renumber([r for r in _place(items, item, changes.position) if r.id != item.id])
            if item.position != old_position:
                diff["position"] = [old_position, item.position]
        await item.save()
        await audit(scope, edition, "item_update", changes={"item": item.id, **diff})
    return item


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


async def remove_item(scope: Scope, item_id: int) -> GazetteEdition:
    """Take a line out of a draft edition's table of contents."""
    item, edition = await _item(scope, item_id)
    async with in_transaction():
        await _lock_draft(edition)
        await item.delete()
        items = list(await GazetteItem.filter(edition_id=edition.id).order_by("position", "id"))
        changed = [row for number, row in enumerate(items, 1) if row.position != number]
        for number, row in enumerate(items, 1):
            row.position = number
        await _renumber(changed)
        await audit(scope, edition, "item_remove", changes={"item": item_id, "title": item.title})
    return edition


# --- publishing -----------------------------------------------------------------------------


async def check_consolidated(document_ids: set[int]) -> None:
    """The VBHN rule: a consolidated text comes with its newest amending document.

    For each consolidated document, its sources are the documents it has a
    ``consolidates`` relation to; those that themselves ``amend`` something
    are its amending documents; the newest of them (by issue date) must be
    among ``document_ids``, the documents of the same edition.
    """
    # Ids the caller took from items it may publish: reading them unscoped is the check itself.
    consolidated = await LegalDocument.unscoped().filter(
        id__in=list(document_ids), consolidated=True
    )
    if not consolidated:
        return
    pairs = await DocumentRelation.filter(
        source_id__in=[d.id for d in consolidated],
        kind=RelationKind.CONSOLIDATES.value,
        target_id__isnull=False,
    ).values_list("source_id", "target_id")
    sources = {target for _, target in pairs}
    amending_ids = set(
        await DocumentRelation.filter(
            source_id__in=list(sources), kind=RelationKind.AMENDS.value
        ).values_list("source_id", flat=True)
    )
    amending = {d.id: d for d in await LegalDocument.unscoped().filter(id__in=list(amending_ids))}
    for vbhn in consolidated:
        candidates = [amending[t] for s, t in pairs if s == vbhn.id and t in amending]
        if not candidates:
            raise _fail(
                E.VBHN_AMENDMENT_MISSING,
                f"the consolidated text {vbhn.number} names no amending document it "
                "consolidates: add its 'consolidates' relations first",
                "items",
            )
        newest = max(candidates, key=lambda d: (d.issued_on, d.id))
        if newest.id not in document_ids:
            raise _fail(
                E.VBHN_AMENDMENT_MISSING,
                f"the consolidated text {vbhn.number} must be published in the same edition "
                f"as {newest.number}, the newest amending document it consolidates",
                "items",
            )


async def publish_edition(scope: Scope, edition_id: int) -> GazetteEdition:
    """Publish a draft edition; from now on it never changes."""
    edition = await _edition(scope, edition_id, Permission.GAZETTE_PUBLISH)
    async with in_transaction():
        await _lock_draft(edition)  # from here no item can change under us
        items = list(await GazetteItem.filter(edition_id=edition.id).order_by("position", "id"))
        if not items:
            raise _fail(E.NO_ITEMS, "an edition needs at least one item in its contents")
        if edition.pdf_id is None:
            raise _fail(E.PDF_MISSING, "attach the edition's PDF first", "pdf")
        # An electronic gazette issue is a digitally signed PDF (Circular 02/2025/TT-VPCP).
        if edition.signature_valid is None:
            raise _fail(
                E.SIGNATURE_INVALID, "the edition's PDF carries no digital signature", "pdf"
            )
        if edition.signature_valid is False:
            raise _fail(
                E.SIGNATURE_INVALID,
                f"the PDF's digital signature is not valid ({edition.signature_problem}): "
                "attach the file as signed",
                "pdf",
            )
        document_ids = {i.document_id for i in items if i.document_id is not None}
        await check_consolidated(document_ids)
        stamp = now()
        await GazetteEdition.filter(id=edition.id).update(
            status=EditionStatus.PUBLISHED.value, published_at=stamp
        )
        edition.status, edition.published_at = EditionStatus.PUBLISHED.value, stamp
        if document_ids:
            # The first publication in the gazette is the date documents keep.
            await (
                LegalDocument.unscoped()
                .filter(id__in=list(document_ids), gazette_published_on__isnull=True)
                .update(gazette_published_on=edition.published_on)
            )
            await GazetteSubmission.filter(
                tenant_id=edition.tenant_id,
                document_id__in=list(document_ids),
                status__in=[SubmissionStatus.RECEIVED.value, SubmissionStatus.ACCEPTED.value],
            ).update(status=SubmissionStatus.PUBLISHED.value, edition_id=edition.id)
        await audit(
            scope,
            edition,
            "publish",
            from_status=EditionStatus.DRAFT.value,
            to_status=EditionStatus.PUBLISHED.value,
        )
        await emit(
            EventType.GAZETTE_PUBLISHED,
            tenant_id=edition.tenant_id,
            object_type="GazetteEdition",
            object_id=edition.id,
            payload={
                "year": edition.year,
                "numbers": numbers_of(edition),
                "label": edition.label,
                "published_on": edition.published_on.isoformat(),
                "documents": sorted(document_ids),
            },
        )
    return edition


# --- intake register ------------------------------------------------------------------------


async def register_submission(
    scope: Scope,
    tenant: Tenant,
    sender: str,
    sender_email: str = "",
    number: str = "",
    document_id: int | None = None,
    received_at: datetime | None = None,
) -> GazetteSubmission:
    """Log a document sent to the gazette: who sent it, when it arrived (C6)."""
    _require(scope, Permission.GAZETTE_EDIT, tenant.id)
    sender = _line(sender, MAX_SENDER, "sender")
    sender_email = nfc(sender_email).strip()
    if sender_email and (len(sender_email) > MAX_SENDER or not _EMAIL.match(sender_email)):
        raise _fail(E.INVALID_INPUT, "not an e-mail address", "sender_email")
    number = " ".join(nfc(number).split())
    if len(number) > MAX_SUBMISSION_NUMBER:
        raise _fail(E.INVALID_INPUT, "the number is too long", "number")
    moment = now()
    if received_at is not None:
        if received_at.tzinfo is None:
            raise _fail(E.INVALID_INPUT, "give the time with its UTC offset", "received_at")
        if received_at > moment + _CLOCK_SKEW:
            raise _fail(E.INVALID_INPUT, "the time received is in the future", "received_at")
        moment = received_at
    document = None
    if document_id is not None:
        document = await _document(scope, tenant.id, document_id)
    async with in_transaction():
        submission = await GazetteSubmission.create(
            tenant_id=tenant.id,
            document_id=document.id if document else None,
            number=number or (document.number if document else ""),
            sender=sender,
            sender_email=sender_email,
            received_at=moment,
        )
        await audit(scope, submission, "register", to_status=SubmissionStatus.RECEIVED.value)
    return submission


async def _submission(scope: Scope, submission_id: int) -> GazetteSubmission:
    submission = await GazetteSubmission.unscoped().get_or_none(id=submission_id)
    # The register is internal: outside the gazette office it does not exist.
    if submission is None or not can(scope.viewer, Permission.GAZETTE_EDIT, submission.tenant_id):
        raise _fail(E.NOT_FOUND, "submission not found")
    return submission


async def _move(
    scope: Scope,
    submission: GazetteSubmission,
    allowed_from: set[SubmissionStatus],
    target: SubmissionStatus,
    action: str,
    reason: str = "",
) -> GazetteSubmission:
    before = submission.status
    stamp = now()
    values: dict[str, Any] = {"status": target.value, "updated_at": stamp}
    if target == SubmissionStatus.REJECTED:
        values |= {"problem": reason, "flagged_at": stamp}
    async with in_transaction():
        # Compare-and-set: two editors deciding at once cannot both win.
        moved = await GazetteSubmission.filter(
            id=submission.id, status__in=[s.value for s in allowed_from]
        ).update(**values)
        if not moved:
            raise _fail(
                E.INVALID_TRANSITION, f"the submission is {before}: it cannot be {target.value}"
            )
        for name, value in values.items():
            setattr(submission, name, value)
        await audit(
            scope, submission, action, from_status=before, to_status=target.value, reason=reason
        )
        if target == SubmissionStatus.REJECTED:
            await mail_submission_flagged(submission)
    return submission


async def flag_submission(scope: Scope, submission_id: int, problem: str) -> GazetteSubmission:
    """Mark a submission as rejected for ``problem``; the issuer must send it again.

    The flag reaches the issuer through the register (its status, problem and
    time flagged), the API, and a mail to the address it was sent from, if any.
    """
    submission = await _submission(scope, submission_id)
    _require(scope, Permission.GAZETTE_EDIT, submission.tenant_id)
    text = nfc(problem).strip()
    if not text:
        raise _fail(E.INVALID_INPUT, "say what is wrong", "problem")
    if len(text) > MAX_PROBLEM:
        raise _fail(E.INVALID_INPUT, f"at most {MAX_PROBLEM} characters", "problem")
    return await _move(
        scope,
        submission,
        {SubmissionStatus.RECEIVED, SubmissionStatus.ACCEPTED},
        SubmissionStatus.REJECTED,
        "flag",
        text,
    )


async def accept_submission(scope: Scope, submission_id: int) -> GazetteSubmission:
    """Accept a received submission for publication in a coming edition."""
    submission = await _submission(scope, submission_id)
    _require(scope, Permission.GAZETTE_EDIT, submission.tenant_id)
    return await _move(
        scope, submission, {SubmissionStatus.RECEIVED}, SubmissionStatus.ACCEPTED, "accept"
    )
