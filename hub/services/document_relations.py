"""Relations between documents: stored once as (source, kind, target), shown on both.

"42/2022 amends 15/2020" is one row; the page of 42/2022 lists it as what
the document does, the page of 15/2020 as what was done to it. Adding or
removing a relation that changes a status (amends, replaces, repeals,
suspends) announces the target too, so its cached pages and search entry
follow at once; the status itself is derived on read
(:mod:`hub.services.document_status`).
"""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from hub.events.outbox import EventType
from hub.models.base import ContentStatus
from hub.models.documents import DocumentRelation, LegalDocument, RelationKind
from hub.services.document_authority import status_authority
from hub.services.documents import (
    DocumentErrorCode,
    announce_document,
    edit_permission,
    load_document,
    require_permission,
    resolve_number,
)
from hub.services.errors import ServiceError
from hub.services.journal import audit
from hub.text.citations import normalise_number, number_key
from hub.text.folding import nfc
from tenants.scope import Scope

MAX_NOTE = 2_000


async def relation_add(
    scope: Scope,
    source_id: int,
    kind: RelationKind,
    *,
    target_id: int | None = None,
    target_number: str | None = None,
    partial: bool = False,
    note: str = "",
) -> DocumentRelation:
    """Record that the source document ``kind``s a target (by id, or by number if not held).

    A published source's relations are public (both documents' pages list
    them), so changing them needs publish rights, as editing its text does.
    A kind that changes the target's status also needs the source's portal to
    have authority over the target (:func:`status_authority`): NO_AUTHORITY.
    """
    source = await load_document(scope, source_id)
    require_permission(scope, edit_permission(source), source.tenant_id)
    if (target_id is None) == (target_number is None):
        raise ServiceError(
            DocumentErrorCode.INVALID_RELATION, "name the target by id or by number, not both"
        )
    target: LegalDocument | None
    if target_id is not None:
        target = await load_document(scope, target_id)
        number = target.number
    else:
        try:
            number = normalise_number(target_number or "")
        except ValueError as exc:
            raise ServiceError(DocumentErrorCode.INVALID_NUMBER, str(exc), "targetNumber") from exc
        target = await resolve_number(number_key(number), source.tenant_id)
    if target is not None and target.id == source.id:
        raise ServiceError(DocumentErrorCode.INVALID_RELATION, "a document cannot relate to itself")
    refusal = await status_authority(scope.viewer, source.tenant_id, kind, target, number)
    if refusal is not None:
        # The target is at fault: the same kind is allowed onto a document of one's own.
        field_name = "target" if target_id is not None else "targetNumber"
        raise ServiceError(DocumentErrorCode.NO_AUTHORITY, refusal, field_name)
    note = " ".join(nfc(note).split())
    if len(note) > MAX_NOTE:
        raise ServiceError(DocumentErrorCode.INVALID_INPUT, "note is too long", "note")
    relation = DocumentRelation(
        source_id=source.id,
        target_id=target.id if target else None,
        target_number=target.number if target else number,
        target_key=target.number_key if target else number_key(number),
        kind=RelationKind(kind).value,
        partial=partial,
        note=note,
    )
    try:
        async with in_transaction():
            await relation.save()
            await audit(
                scope,
                source,
                "relation_add",
                changes={"kind": relation.kind, "target": relation.target_number},
            )
            await _announce_both(source, target)
    except IntegrityError as exc:
        raise ServiceError(
            DocumentErrorCode.DUPLICATE_RELATION, "this relation is already recorded"
        ) from exc
    return relation


async def relation_remove(scope: Scope, relation_id: int) -> LegalDocument:
    """Delete a relation; returns its source document."""
    relation = await DocumentRelation.get_or_none(id=relation_id)
    if relation is None:
        raise ServiceError(DocumentErrorCode.NOT_FOUND, "no such relation")
    source = await load_document(scope, relation.source_id)
    # Removing is allowed to whoever may edit the source (publish rights once it
    # is published): it only withdraws the source's own statement, which is how
    # a relation recorded before the authority rule existed is cleaned up.
    require_permission(scope, edit_permission(source), source.tenant_id)
    target = (
        await LegalDocument.unscoped().get_or_none(id=relation.target_id)
        if relation.target_id
        else None
    )
    async with in_transaction():
        await relation.delete()
        await audit(
            scope,
            source,
            "relation_remove",
            changes={"kind": relation.kind, "target": relation.target_number},
        )
        await _announce_both(source, target)
    return source


async def _announce_both(source: LegalDocument, target: LegalDocument | None) -> None:
    for doc in (source, target):
        if doc is not None and doc.status == ContentStatus.PUBLISHED:
            await announce_document(doc, EventType.DOCUMENT_UPDATED)
