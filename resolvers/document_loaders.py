"""Per-request loaders of legal documents' parts: signers, fields, files, relations, statuses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property

from strawberry.dataloader import DataLoader
from tortoise.expressions import Q

from hub.models.documents import (
    DocumentAttachment,
    DocumentRelation,
    DocumentSigner,
    DocumentSubject,
    LegalDocument,
)
from hub.models.media import MediaAsset
from hub.services.document_status import Effect, effects_on


async def _signers(ids: Sequence[int]) -> list[list[DocumentSigner]]:
    grouped: dict[int, list[DocumentSigner]] = defaultdict(list)
    for row in await DocumentSigner.filter(document_id__in=list(ids)).order_by("position", "id"):
        grouped[row.document_id].append(row)
    return [grouped[i] for i in ids]


async def _subjects(ids: Sequence[int]) -> list[list[DocumentSubject]]:
    grouped: dict[int, list[DocumentSubject]] = defaultdict(list)
    for row in await DocumentSubject.filter(document_id__in=list(ids)).order_by("name"):
        grouped[row.document_id].append(row)
    return [grouped[i] for i in ids]


async def _attachments(ids: Sequence[int]) -> list[list[DocumentAttachment]]:
    grouped: dict[int, list[DocumentAttachment]] = defaultdict(list)
    rows = await DocumentAttachment.filter(document_id__in=list(ids)).order_by("position", "id")
    for row in rows:
        grouped[row.document_id].append(row)
    return [grouped[i] for i in ids]


async def _relations(ids: Sequence[int]) -> list[list[DocumentRelation]]:
    """Relations where the document is the source or the target, oldest first."""
    wanted = list(ids)
    rows = await DocumentRelation.filter(
        Q(source_id__in=wanted) | Q(target_id__in=wanted)
    ).order_by("id")
    grouped: dict[int, list[DocumentRelation]] = defaultdict(list)
    for row in rows:
        grouped[row.source_id].append(row)
        if row.target_id is not None and row.target_id != row.source_id:
            grouped[row.target_id].append(row)
    return [grouped[i] for i in ids]


async def _effects(ids: Sequence[int]) -> list[list[Effect]]:
    found = await effects_on(list(ids))
    return [found.get(i, []) for i in ids]


async def _documents(ids: Sequence[int]) -> list[LegalDocument | None]:
    # Keyed by ids a scoped query or a relation produced; visibility is checked by the field.
    rows = {d.id: d for d in await LegalDocument.unscoped().filter(id__in=list(ids))}
    return [rows.get(i) for i in ids]


async def _files(ids: Sequence[int]) -> list[MediaAsset | None]:
    rows = {a.id: a for a in await MediaAsset.unscoped().filter(id__in=list(ids))}
    return [rows.get(i) for i in ids]


class DocumentLoaders:
    """The document loaders of one request, created on first use."""

    @cached_property
    def signers(self) -> DataLoader[int, list[DocumentSigner]]:
        return DataLoader(load_fn=_signers)

    @cached_property
    def subjects(self) -> DataLoader[int, list[DocumentSubject]]:
        return DataLoader(load_fn=_subjects)

    @cached_property
    def attachments(self) -> DataLoader[int, list[DocumentAttachment]]:
        return DataLoader(load_fn=_attachments)

    @cached_property
    def relations(self) -> DataLoader[int, list[DocumentRelation]]:
        return DataLoader(load_fn=_relations)

    @cached_property
    def effects(self) -> DataLoader[int, list[Effect]]:
        return DataLoader(load_fn=_effects)

    @cached_property
    def files(self) -> DataLoader[int, MediaAsset | None]:
        return DataLoader(load_fn=_files)

    @cached_property
    def by_id(self) -> DataLoader[int, LegalDocument | None]:
        return DataLoader(load_fn=_documents)
