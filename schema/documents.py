"""GraphQL types of the legal-documents database."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.models import Article
from hub.models import documents as m
from hub.models.base import ContentStatus as ContentStatus_
from hub.models.base import Language as Language_
from hub.services import citation_links
from hub.services.document_status import Validity as _Validity
from hub.services.document_status import today_in_vietnam, validity_of
from hub.services.documents import DocumentErrorCode as _Code
from hub.services.gazette import published_items_of_documents
from schema.common import Node, load_now
from schema.content import ArticleType, ContentStatus, Language
from schema.media import MediaAssetType
from schema.tenants import TenantType

if TYPE_CHECKING:
    from schema.gazette import GazetteItemType

DocumentValidity = strawberry.enum(
    _Validity,
    name="DocumentValidity",
    description="Validity status (tình trạng hiệu lực) on the day it is read.",
)
RelationKind = strawberry.enum(
    m.RelationKind,
    name="DocumentRelationKind",
    description="What the source document does to the target (read: source <kind> target).",
)
DocumentErrorCode = strawberry.enum(
    _Code, name="DocumentErrorCode", description="Why a document mutation failed."
)


@strawberry.enum(description="Which side of a relation the document is on.")
class RelationDirection(Enum):
    OUTGOING = "outgoing"  # this document acts on the other
    INCOMING = "incoming"  # the other document acts on this one


@strawberry.enum(description="A workflow step of a document.")
class DocumentStep(Enum):
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    ARCHIVE = "archive"


@strawberry.type(description="Published content citing a document, newest first (any portal).")
class CitedBy:
    articles: list[ArticleType] = strawberry.field(description="Articles citing it.")
    documents: list[LegalDocumentType] = strawberry.field(description="Documents citing it.")


@strawberry.type(name="DocumentSigner", description="A signer and their title (chức danh).")
class SignerType:
    name: str = strawberry.field(description="Full name of the signer.")
    job_title: str = strawberry.field(description="Title as printed under the signature.")


@strawberry.type(name="DocumentAttachment", description="A file of a document.")
class AttachmentType(Node):
    sha256: str = strawberry.field(description="SHA-256 of the file's bytes.")
    asset_id: strawberry.Private[int]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.DocumentAttachment)

    @strawberry.field(description="The stored file (URL, size, type).")
    async def file(self, info: Info) -> MediaAssetType | None:
        return await info.context.loaders.documents.files.load(self.asset_id)  # type: ignore[no-any-return]


@strawberry.type(
    name="DocumentRelation",
    description="A relation between two documents, seen from one of them.",
)
class RelationView:
    id: strawberry.ID = strawberry.field(description="ID of the relation (to remove it).")
    kind: RelationKind = strawberry.field(description="What the source does to the target.")
    direction: RelationDirection = strawberry.field(
        description="OUTGOING: this document acts on the other; INCOMING: the other acts on it."
    )
    partial: bool = strawberry.field(description="Only part of the target is affected.")
    note: str = strawberry.field(description="Which articles or clauses, if recorded.")
    other_number: str = strawberry.field(description="Number of the other document.")
    other_id: strawberry.Private[int | None]

    @strawberry.field(
        description="The other document, when the database holds it and you may read it."
    )
    async def other(self, info: Info) -> LegalDocumentType | None:
        if self.other_id is None:
            return None
        doc = await info.context.loaders.documents.by_id.load(self.other_id)
        return doc if doc is not None and readable(info, doc) else None  # type: ignore[return-value]


def readable(info: Info, doc: m.LegalDocument) -> bool:
    """Whether the viewer may see this document (published, or their portal's draft)."""
    return doc.status == ContentStatus_.PUBLISHED or can(
        info.context.scope.viewer, Permission.VIEW_DRAFTS, doc.tenant_id
    )


@strawberry.type(name="LegalDocument", description="A legal or administrative document.")
class LegalDocumentType(Node):
    slug: str = strawberry.field(description="URL slug, unique within the issuing portal.")
    number: str = strawberry.field(
        description="Number and symbol (số ký hiệu), e.g. 42/2022/NĐ-CP."
    )
    doc_type: str = strawberry.field(
        name="type", description="Document type code (e.g. `nghi_dinh`, `quyet_dinh`)."
    )
    normative: bool = strawberry.field(description="A normative legal document (VBQPPL).")
    consolidated: bool = strawberry.field(description="A consolidated text (văn bản hợp nhất).")
    issuer_name: str = strawberry.field(
        name="issuer", description="Issuing body (cơ quan ban hành)."
    )
    title: str = strawberry.field(description="Title.")
    abstract: str = strawberry.field(description="Summary (trích yếu), plain text.")
    full_text: str = strawberry.field(description="Full text, plain text.")
    language: Language = strawberry.field(description="Language of the text.")
    status: ContentStatus = strawberry.field(description="Workflow status.")
    issued_on: date = strawberry.field(description="Issue date (ngày ban hành).")
    effective_from: date | None = strawberry.field(
        description="Date it takes effect (ngày có hiệu lực); null: from its issue date."
    )
    effective_until: date | None = strawberry.field(
        description="First day it no longer applies (ngày hết hiệu lực), if fixed."
    )
    gazette_published_on: date | None = strawberry.field(
        description="Date it was published in the gazette (ngày đăng công báo)."
    )
    published_at: datetime | None = strawberry.field(
        description="First publication on the portal (UTC)."
    )
    updated_at: datetime = strawberry.field(description="Last change (UTC).")
    validity_override: strawberry.Private[str]
    validity_override_reason: strawberry.Private[str]
    tenant_id: strawberry.Private[int]
    number_key: strawberry.Private[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.LegalDocument)

    @strawberry.field(description="Validity status today (Việt Nam time), derived on each read.")
    async def validity(self, info: Info) -> DocumentValidity:  # type: ignore[valid-type]
        effects = await info.context.loaders.documents.effects.load(self.pk)  # type: ignore[attr-defined]
        return validity_of(self, effects, today_in_vietnam())  # type: ignore[arg-type]

    @strawberry.field(description="Why the status was set by hand, when it was; null otherwise.")
    def validity_reason(self) -> str | None:
        return self.validity_override_reason if self.validity_override else None

    @strawberry.field(description="Signers, in order.")
    async def signers(self, info: Info) -> list[SignerType]:
        rows = await info.context.loaders.documents.signers.load(self.pk)  # type: ignore[attr-defined]
        return [SignerType(name=r.name, job_title=r.job_title) for r in rows]

    @strawberry.field(description="Fields (lĩnh vực) the document belongs to.")
    async def fields(self, info: Info) -> list[str]:
        rows = await info.context.loaders.documents.subjects.load(self.pk)  # type: ignore[attr-defined]
        return [r.name for r in rows]

    @strawberry.field(description="Files (PDF, DOCX) to download.")
    async def attachments(self, info: Info) -> list[AttachmentType]:
        return await info.context.loaders.documents.attachments.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(
        description="Relations both ways: what this document does to others, and what others "
        "do to it."
    )
    async def relations(self, info: Info) -> list[RelationView]:
        rows = await info.context.loaders.documents.relations.load(self.pk)  # type: ignore[attr-defined]
        # Where this document is the target, the other side is the source: one batch for all.
        incoming = [r.source_id for r in rows if r.source_id != self.pk]  # type: ignore[attr-defined]
        sources = dict(
            zip(
                incoming,
                await info.context.loaders.documents.by_id.load_many(incoming),
                strict=True,
            )
        )
        out = []
        for r in rows:
            outgoing = r.source_id == self.pk  # type: ignore[attr-defined]
            source = None if outgoing else sources[r.source_id]
            if not outgoing and (source is None or not readable(info, source)):
                continue  # a draft of another portal does not act on anything yet
            out.append(
                RelationView(
                    id=strawberry.ID(str(r.id)),
                    kind=m.RelationKind(r.kind),
                    direction=RelationDirection.OUTGOING
                    if outgoing
                    else RelationDirection.INCOMING,
                    partial=r.partial,
                    note=r.note,
                    other_number=r.target_number if outgoing else source.number,  # type: ignore[union-attr]
                    other_id=r.target_id if outgoing else r.source_id,
                )
            )
        return out

    @strawberry.field(description="Published articles and documents that cite this one.")
    async def cited_by(self) -> CitedBy:
        article_ids, document_ids = await citation_links.citing(self.number_key)
        published = ContentStatus_.PUBLISHED
        articles = await Article.unscoped().filter(id__in=article_ids, status=published)
        docs = await m.LegalDocument.unscoped().filter(id__in=document_ids, status=published)
        newest = sorted(articles, key=lambda a: a.published_at or a.created_at, reverse=True)
        return CitedBy(
            articles=newest, documents=sorted(docs, key=lambda d: d.issued_on, reverse=True)
        )  # type: ignore[arg-type]

    @strawberry.field(
        description="Where it was published in the gazette: lines of published editions, "
        "oldest first (edition number, pages, permalink)."
    )
    async def gazette_items(
        self,
    ) -> list[Annotated[GazetteItemType, strawberry.lazy("schema.gazette")]]:  # type: ignore[name-defined]
        found = await published_items_of_documents([self.pk])  # type: ignore[attr-defined]
        return found.get(self.pk, [])  # type: ignore[attr-defined,return-value]

    @strawberry.field(description="The portal that issued it.")
    def tenant(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.tenant_id)  # type: ignore[no-any-return]


@strawberry.type(description="A facet value and how many documents have it.")
class FacetValue:
    value: str = strawberry.field(description="The value to filter by.")
    label: str = strawberry.field(description="How to show it.")
    count: int = strawberry.field(description="Documents with this value under the other filters.")


@strawberry.type(description="Counts per filter value; each ignores its own filter.")
class DocumentFacets:
    types: list[FacetValue] = strawberry.field(description="Per document type.")
    issuers: list[FacetValue] = strawberry.field(description="Per issuing body.")
    fields: list[FacetValue] = strawberry.field(description="Per field (lĩnh vực).")
    years: list[FacetValue] = strawberry.field(description="Per year of issue.")
    statuses: list[FacetValue] = strawberry.field(description="Per validity status today.")


@strawberry.input(description="Filters of the document search tool; every one is optional.")
class DocumentFilterInput:
    number: str | None = strawberry.field(
        default=None, description="Number in any common spelling (42/2022/ND-CP), or its start."
    )
    types: list[str] | None = strawberry.field(default=None, description="Document type codes.")
    issuer: str | None = strawberry.field(default=None, description="Issuing body, exactly.")
    field: str | None = strawberry.field(default=None, description="Field (lĩnh vực).")
    signer: str | None = strawberry.field(default=None, description="Part of a signer's name.")
    issued_from: date | None = strawberry.field(default=None, description="Issued on or after.")
    issued_to: date | None = strawberry.field(default=None, description="Issued on or before.")
    year: int | None = strawberry.field(default=None, description="Year of issue.")
    validity: DocumentValidity | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Validity status today."
    )
    text: str | None = strawberry.field(
        default=None, description="Words of the number, title or summary (diacritics optional)."
    )
    language: Language | None = strawberry.field(default=None, description="Language.")
    workflow_status: ContentStatus | None = strawberry.field(
        default=None,
        description="Workflow status (the editors' list; others see published documents only).",
    )


@strawberry.input(description="A signer to record.")
class SignerInput:
    name: str = strawberry.field(description="Full name.")
    job_title: str = strawberry.field(default="", description="Title (chức danh).")


@strawberry.input(description="Everything stated about a document.")
class DocumentInput:
    number: str = strawberry.field(description="Number and symbol, e.g. 1628/QĐ-UBND.")
    type: str = strawberry.field(description="Document type code (see `documentTypes`).")
    issuer: str = strawberry.field(description="Issuing body.")
    title: str = strawberry.field(description="Title.")
    issued_on: date = strawberry.field(description="Issue date.")
    abstract: str = strawberry.field(default="", description="Summary (trích yếu).")
    full_text: str = strawberry.field(default="", description="Full text, plain.")
    effective_from: date | None = strawberry.field(default=None, description="Effective date.")
    effective_until: date | None = strawberry.field(default=None, description="Expiry date.")
    gazette_published_on: date | None = strawberry.field(
        default=None, description="Gazette publication date."
    )
    signers: list[SignerInput] = strawberry.field(default_factory=list, description="Signers.")
    fields: list[str] = strawberry.field(default_factory=list, description="Fields (lĩnh vực).")
    language: Language = strawberry.field(default=Language_.VI, description="Language.")
    consolidated: bool = strawberry.field(default=False, description="A consolidated text.")
    slug: str | None = strawberry.field(default=None, description="URL slug; made if omitted.")


@strawberry.type(description="The document after a successful change.")
class DocumentSuccess:
    document: LegalDocumentType = strawberry.field(description="The document as it is now.")


@strawberry.type(description="Why a document change was refused; nothing was written.")
class DocumentError:
    code: DocumentErrorCode = strawberry.field(description="Stable error code.")  # type: ignore[valid-type]
    message: str = strawberry.field(
        description="What went wrong, in English; a refusal an editor must understand "
        "(NO_AUTHORITY) comes in Vietnamese first, then English: `<vi> / <en>`."
    )
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


DocumentResult = Annotated[DocumentSuccess | DocumentError, strawberry.union("DocumentResult")]


@strawberry.type(description="A document type and its names.")
class DocumentTypeInfo:
    code: str = strawberry.field(description="The code used in filters and inputs.")
    name_vi: str = strawberry.field(description="Vietnamese name.")
    name_en: str = strawberry.field(description="English name.")


@strawberry.type(description="A reference found in a text, and what the database holds of it.")
class CitationCheckType:
    number: str = strawberry.field(description="The cited number, as written canonically.")
    type: str | None = strawberry.field(description="Document type code, when stated.")
    issued_on: date | None = strawberry.field(description="Date given with the reference.")
    text: str = strawberry.field(description="The words of the reference in the text.")
    validity: DocumentValidity | None = strawberry.field(  # type: ignore[valid-type]
        description="Status today of the cited document, when held."
    )
    warning: bool = strawberry.field(
        description="The cited document is expired, suspended or not yet in force."
    )
    document: LegalDocumentType | None = strawberry.field(description="The cited document.")
