"""Root fields of the legal-documents database: thin wrappers over the document services."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Annotated, Any

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload
from strawberry.types import Info

from hub.models.documents import LegalDocument
from hub.services import citation_links, document_files, document_relations, documents
from hub.services.document_inbound import InboundDocument, InboundFile, document_import
from hub.services.document_lists import DocumentFilter, apply_filter, facets
from hub.services.document_status import Validity, today_in_vietnam
from hub.services.documents import DocumentErrorCode, DocumentFields, Signer
from hub.services.errors import ServiceError
from hub.text.citations import DocumentType
from hub.text.folding import is_slug
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, paginate
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, Connection, expect_id
from schema.documents import (
    CitationCheckType,
    DocumentError,
    DocumentFacets,
    DocumentFilterInput,
    DocumentInput,
    DocumentResult,
    DocumentStep,
    DocumentSuccess,
    DocumentTypeInfo,
    DocumentValidity,
    FacetValue,
    LegalDocumentType,
    RelationKind,
)

MAX_CHECK_TEXT = 500_000
DocumentIdArg = Annotated[strawberry.ID, strawberry.argument(description="The document's ID.")]


def _filter(f: DocumentFilterInput | None) -> DocumentFilter:
    if f is None:
        return DocumentFilter()
    if f.year is not None and not 1900 <= f.year <= 2200:
        raise BadUserInput("year is out of range", "INVALID_FILTER")
    for value in (f.number, f.issuer, f.field, f.signer, f.text):
        if value is not None and len(value) > 500:
            raise BadUserInput("a filter value is too long", "INVALID_FILTER")
    return DocumentFilter(
        number=f.number or "",
        doc_types=tuple(f.types or ()),
        issuer=f.issuer or "",
        subject=f.field or "",
        signer=f.signer or "",
        issued_from=f.issued_from,
        issued_to=f.issued_to,
        year=f.year,
        status=Validity(f.validity.value) if f.validity is not None else None,
        text=f.text or "",
        language=f.language.value if f.language is not None else None,
        workflow_status=f.workflow_status.value if f.workflow_status is not None else None,
    )


def _fields(data: DocumentInput) -> DocumentFields:
    return DocumentFields(
        number=data.number,
        doc_type=data.type,
        issuer_name=data.issuer,
        title=data.title,
        issued_on=data.issued_on,
        abstract=data.abstract,
        full_text=data.full_text,
        effective_from=data.effective_from,
        effective_until=data.effective_until,
        gazette_published_on=data.gazette_published_on,
        signers=[Signer(s.name, s.job_title) for s in data.signers],
        subjects=list(data.fields),
        language=data.language,
        consolidated=data.consolidated,
        slug=data.slug,
    )


async def _result(call: Awaitable[Any]) -> DocumentResult:
    try:
        doc = await call
    except ServiceError as exc:
        return DocumentError(code=DocumentErrorCode(exc.code), message=exc.message, field=exc.field)
    return DocumentSuccess(document=doc)


@strawberry.type
class DocumentQuery:
    @strawberry.field(
        description="Documents issued by one portal, newest first, narrowed by filters. The "
        "public sees published documents; the portal's editors see drafts too."
    )
    async def documents(
        self,
        info: Info,
        tenant: TenantSlugArg,
        filter: Annotated[
            DocumentFilterInput | None, strawberry.argument(description="Filters.")
        ] = None,
        first: PageSizeArg = 20,
        after: AfterArg = None,
    ) -> Connection[LegalDocumentType]:
        owner = await require_tenant(info, tenant)
        scope = info.context.scope.for_tenant(owner)
        qs = apply_filter(LegalDocument.visible(scope), _filter(filter), today_in_vietnam())
        return await paginate(qs.order_by("-issued_on", "-id"), first, after)

    @strawberry.field(
        description="Facet counts for the same filters as `documents` (per type, issuer, field, "
        "year and validity status)."
    )
    async def document_facets(
        self,
        info: Info,
        tenant: TenantSlugArg,
        filter: Annotated[
            DocumentFilterInput | None, strawberry.argument(description="Filters.")
        ] = None,
    ) -> DocumentFacets:
        owner = await require_tenant(info, tenant)
        scope = info.context.scope.for_tenant(owner)
        found = await facets(
            lambda: LegalDocument.visible(scope), _filter(filter), today_in_vietnam()
        )

        def values(rows: list[Any]) -> list[FacetValue]:
            return [FacetValue(value=r.value, label=r.label, count=r.count) for r in rows]

        return DocumentFacets(
            types=values(found.types),
            issuers=values(found.issuers),
            fields=values(found.subjects),
            years=values(found.years),
            statuses=values(found.statuses),
        )

    @strawberry.field(description="One document of a portal, by slug.")
    async def document(
        self,
        info: Info,
        tenant: TenantSlugArg,
        slug: Annotated[str, strawberry.argument(description="The document's slug.")],
    ) -> LegalDocumentType | None:
        if not is_slug(slug):
            raise BadUserInput(f"invalid document slug: {slug[:70]!r}", "INVALID_SLUG")
        owner = await require_tenant(info, tenant)
        scope = info.context.scope.for_tenant(owner)
        return await LegalDocument.visible(scope).get_or_none(slug=slug)  # type: ignore[return-value]

    @strawberry.field(description="The document types, with their Vietnamese and English names.")
    def document_types(self) -> list[DocumentTypeInfo]:
        return [
            DocumentTypeInfo(code=t.value, name_vi=t.name_vi, name_en=t.name_en)
            for t in DocumentType
        ]

    @strawberry.field(
        description="Check a text's references to documents: which exist here, and which cite "
        "a document that is expired, suspended or not yet in force."
    )
    async def citation_check(
        self, info: Info, text: Annotated[str, strawberry.argument(description="The text.")]
    ) -> list[CitationCheckType]:
        if len(text) > MAX_CHECK_TEXT:
            raise BadUserInput("text is too long", "INVALID_INPUT")
        found = await citation_links.check(text, today_in_vietnam())
        return [
            CitationCheckType(
                number=c.citation.number,
                type=c.citation.doc_type.value if c.citation.doc_type else None,
                issued_on=c.citation.issued_on,
                text=c.citation.text,
                validity=c.validity,
                warning=c.warning,
                document=c.document,  # type: ignore[arg-type]
            )
            for c in found
        ]


async def _readable(info: Info, global_id: str) -> LegalDocument:
    pk = expect_id(global_id, "LegalDocument")
    doc = await LegalDocument.readable_by(info.context.scope).get_or_none(id=pk)
    if doc is None:
        raise BadUserInput("no such document", "NOT_FOUND")
    return doc


@strawberry.input(description="A relation to record: the source document <kind> the target.")
class DocumentRelationInput:
    source: strawberry.ID = strawberry.field(description="The acting document.")
    kind: RelationKind = strawberry.field(description="What it does to the target.")  # type: ignore[valid-type]
    target: strawberry.ID | None = strawberry.field(
        default=None, description="The target, when the database holds it."
    )
    target_number: str | None = strawberry.field(
        default=None, description="Or the target's number, when it is not held (yet)."
    )
    partial: bool = strawberry.field(default=False, description="Only part of the target.")
    note: str = strawberry.field(default="", description="Which articles or clauses.")


@strawberry.input(description="A document sent by the document-management system.")
class DocumentImportInput:
    tenant: str = strawberry.field(description="Slug of the issuing portal.")
    source_system: str = strawberry.field(description="Name of the sending system.")
    source_id: str = strawberry.field(description="The document's id in that system.")
    document: DocumentInput = strawberry.field(description="Metadata and text.")
    files: list[Upload] = strawberry.field(
        default_factory=list, description="Files (signed PDF, DOCX), as multipart uploads."
    )
    publish: bool = strawberry.field(default=False, description="Publish at once.")


@strawberry.type(description="The imported document, and whether it was new.")
class DocumentImportSuccess:
    document: LegalDocumentType = strawberry.field(description="The document as stored.")
    created: bool = strawberry.field(description="False when an earlier send was updated.")


DocumentImportResult = Annotated[
    DocumentImportSuccess | DocumentError, strawberry.union("DocumentImportResult")
]


@strawberry.type
class DocumentMutation:
    @strawberry.mutation(description="Enter a new document as a draft of a portal.")
    async def document_create(
        self,
        info: Info,
        tenant: TenantSlugArg,
        input: Annotated[DocumentInput, strawberry.argument(description="The document.")],
    ) -> DocumentResult:
        owner = await require_tenant(info, tenant)
        return await _result(documents.document_create(info.context.scope, owner, _fields(input)))

    @strawberry.mutation(description="Replace a document's metadata and text.")
    async def document_update(
        self,
        info: Info,
        id: DocumentIdArg,
        input: Annotated[DocumentInput, strawberry.argument(description="The document.")],
    ) -> DocumentResult:
        pk = expect_id(id, "LegalDocument")
        return await _result(documents.document_update(info.context.scope, pk, _fields(input)))

    @strawberry.mutation(
        description="Move a document one workflow step (submit, return, approve, publish, "
        "unpublish, archive)."
    )
    async def document_transition(
        self,
        info: Info,
        id: DocumentIdArg,
        step: Annotated[DocumentStep, strawberry.argument(description="The step.")],
        reason: Annotated[str, strawberry.argument(description="Why (required to return).")] = "",
    ) -> DocumentResult:
        pk = expect_id(id, "LegalDocument")
        return await _result(
            documents.document_step(info.context.scope, pk, step.value, reason=reason)
        )

    @strawberry.mutation(
        description="Set a validity status by hand, citing the reason; null clears it and the "
        "status is derived again."
    )
    async def document_set_validity(
        self,
        info: Info,
        id: DocumentIdArg,
        validity: Annotated[
            DocumentValidity | None, strawberry.argument(description="The status, or null.")  # type: ignore[valid-type]
        ],
        reason: Annotated[str, strawberry.argument(description="Why (required).")] = "",
    ) -> DocumentResult:
        pk = expect_id(id, "LegalDocument")
        value = validity.value if validity is not None else None
        return await _result(documents.set_validity_override(info.context.scope, pk, value, reason))

    @strawberry.mutation(description="Record a relation between two documents.")
    async def document_relation_add(
        self,
        info: Info,
        input: Annotated[DocumentRelationInput, strawberry.argument(description="The relation.")],
    ) -> DocumentResult:
        source = expect_id(input.source, "LegalDocument")
        target = expect_id(input.target, "LegalDocument") if input.target else None

        async def add() -> LegalDocument:
            await document_relations.relation_add(
                info.context.scope,
                source,
                input.kind,
                target_id=target,
                target_number=input.target_number,
                partial=input.partial,
                note=input.note,
            )
            return await LegalDocument.unscoped().get(id=source)

        return await _result(add())

    @strawberry.mutation(description="Delete a relation (by the ID shown in `relations`).")
    async def document_relation_remove(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The relation's ID.")],
    ) -> DocumentResult:
        if not str(id).isdigit():
            raise BadUserInput("not a relation ID", "INVALID_ID")
        return await _result(document_relations.relation_remove(info.context.scope, int(id)))

    @strawberry.mutation(
        description="Attach a file of the portal's media library (PDF or DOCX); its text is "
        "extracted for search."
    )
    async def document_attach(
        self,
        info: Info,
        id: DocumentIdArg,
        file: Annotated[strawberry.ID, strawberry.argument(description="The media asset's ID.")],
    ) -> DocumentResult:
        pk = expect_id(id, "LegalDocument")
        asset = expect_id(file, "MediaAsset")

        async def attach() -> LegalDocument:
            await document_files.attach(info.context.scope, pk, asset)
            return await LegalDocument.unscoped().get(id=pk)

        return await _result(attach())

    @strawberry.mutation(description="Remove a file from a document (it stays in the library).")
    async def document_detach(
        self,
        info: Info,
        attachment: Annotated[
            strawberry.ID, strawberry.argument(description="The attachment's ID.")
        ],
    ) -> DocumentResult:
        pk = expect_id(attachment, "DocumentAttachment")
        return await _result(document_files.detach(info.context.scope, pk))

    @strawberry.mutation(
        description="Inbound API of the document-management system: create or update the "
        "document known by (sourceSystem, sourceId). Re-sending updates; never duplicates."
    )
    async def document_import(
        self,
        info: Info,
        input: Annotated[DocumentImportInput, strawberry.argument(description="The document.")],
    ) -> DocumentImportResult:
        tenant = await require_tenant(info, input.tenant)
        files = []
        for upload in input.files:
            if not isinstance(upload, UploadFile):
                return DocumentError(
                    code=DocumentErrorCode.INVALID_FILE,
                    message="send files as a GraphQL multipart request",
                    field="files",
                )
            data = await asyncio.to_thread(upload.file.read)
            files.append(InboundFile(upload.filename or "file", data))
        payload = InboundDocument(
            source_system=input.source_system,
            source_id=input.source_id,
            fields=_fields(input.document),
            files=files,
            publish=input.publish,
        )
        try:
            outcome = await document_import(info.context.scope, tenant, payload)
        except ServiceError as exc:
            return DocumentError(
                code=DocumentErrorCode(exc.code), message=exc.message, field=exc.field
            )
        return DocumentImportSuccess(document=outcome.document, created=outcome.created)  # type: ignore[arg-type]
