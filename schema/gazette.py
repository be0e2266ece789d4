"""GraphQL types of the Official Gazette: editions, their contents, the intake register."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cached_property
from typing import Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.models import MediaAsset
from hub.models import gazette as m
from hub.services import gazette as service
from hub.services.gazette import GazetteErrorCode as _Code
from hub.storage import get_storage
from schema.common import Node, load_now
from schema.documents import LegalDocumentType, readable
from schema.tenants import TenantType

GazetteEditionStatus = strawberry.enum(
    m.EditionStatus, name="GazetteEditionStatus", description="Draft, or published (immutable)."
)
GazetteSubmissionStatus = strawberry.enum(
    m.SubmissionStatus,
    name="GazetteSubmissionStatus",
    description="Where a submitted document is in the intake register.",
)
GazetteErrorCode = strawberry.enum(
    _Code, name="GazetteErrorCode", description="Why a gazette mutation failed."
)


class GazetteLoaders:
    """The gazette's loaders of one request (kept in the request's ``loaders.memo``)."""

    @cached_property
    def items(self) -> DataLoader[int, list[m.GazetteItem]]:
        async def load(ids: Sequence[int]) -> list[list[m.GazetteItem]]:
            found = await service.items_of_editions(list(ids))
            return [found[i] for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def pdfs(self) -> DataLoader[int, MediaAsset | None]:
        async def load(ids: Sequence[int]) -> list[MediaAsset | None]:
            found = await service.pdfs_by_id(list(ids))
            return [found.get(i) for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def editions(self) -> DataLoader[int, m.GazetteEdition | None]:
        async def load(ids: Sequence[int]) -> list[m.GazetteEdition | None]:
            found = await service.editions_by_id(list(ids))
            return [found.get(i) for i in ids]

        return DataLoader(load_fn=load)


def gazette_loaders(info: Info) -> GazetteLoaders:
    """This request's gazette loaders, made on first use (never shared between requests)."""
    memo = info.context.loaders.memo
    loaders = memo.get(GazetteLoaders)
    if loaders is None:
        loaders = memo[GazetteLoaders] = GazetteLoaders()
    return loaders  # type: ignore[no-any-return]


async def _readable_document(info: Info, document_id: int | None) -> LegalDocumentType | None:
    if document_id is None:
        return None
    document = await info.context.loaders.documents.by_id.load(document_id)
    return document if document is not None and readable(info, document) else None  # type: ignore[no-any-return]


def edition_path(year: int, first_number: int) -> str:
    """Where the edition's page lives on its portal (any of its numbers also finds it)."""
    return f"/cong-bao/{year}/{first_number}"


@strawberry.type(description="The edition's PDF file.")
class GazettePdf:
    url: str = strawberry.field(description="Where to fetch the file (immutable: cache it).")
    size: int = strawberry.field(description="Size in bytes.")
    sha256: str = strawberry.field(description="SHA-256 of the file (hex), recorded when attached.")
    file_name: str = strawberry.field(description="The uploader's file name, cleaned.")


@strawberry.type(
    description="What the PDF's digital signature said when it was attached (checked offline: "
    "`valid` means the signed bytes are intact and nothing but another signature or "
    "validation data was added afterwards)."
)
class GazetteSignature:
    signer: str = strawberry.field(description="Who signed (common name and organisation).")
    signed_at: datetime | None = strawberry.field(description="When it was signed (UTC).")
    valid: bool = strawberry.field(description="Every signature in the file verified.")
    problem: str = strawberry.field(description="Why it did not verify (empty when valid).")


@strawberry.type(name="GazetteItem", description="A line of an edition's table of contents.")
class GazetteItemType(Node):
    position: int = strawberry.field(description="Place in the table of contents, from 1.")
    issuer_name: str = strawberry.field(
        name="issuer", description="Issuing body (cơ quan ban hành)."
    )
    issued_on: date = strawberry.field(description="Issue date of the document.")
    title: str = strawberry.field(description="Title as listed in the table of contents.")
    page_from: int = strawberry.field(description="First page in the edition's PDF.")
    page_to: int = strawberry.field(description="Last page in the edition's PDF.")
    document_id: strawberry.Private[int | None]
    edition_id: strawberry.Private[int]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.GazetteItem)

    @strawberry.field(
        description="The document in the database, when linked and readable by you (drafts "
        "of a portal show to its editors only)."
    )
    async def document(self, info: Info) -> LegalDocumentType | None:
        return await _readable_document(info, self.document_id)

    @strawberry.field(
        description="Path of the item's permalink on the publishing portal: the edition's path "
        "and the item's position (`/cong-bao/2026/59/3`)."
    )
    async def permalink(self, info: Info) -> str:
        edition = await gazette_loaders(info).editions.load(self.edition_id)
        assert edition is not None
        return f"{edition_path(edition.year, edition.first_number)}/{self.position}"

    @strawberry.field(
        description="The edition listing it (its number and date); null for a draft edition "
        "you may not see."
    )
    async def edition(self, info: Info) -> GazetteEditionType | None:
        edition = await gazette_loaders(info).editions.load(self.edition_id)
        if edition is None or not (
            edition.status == m.EditionStatus.PUBLISHED
            or can(info.context.scope.viewer, Permission.GAZETTE_EDIT, edition.tenant_id)
        ):
            return None
        return edition  # type: ignore[return-value]


@strawberry.type(name="GazetteEdition", description="One issue of a portal's Official Gazette.")
class GazetteEditionType(Node):
    year: int = strawberry.field(description="Year of the edition; numbering restarts each year.")
    label: str = strawberry.field(description='The numbers as printed: "59 + 60", or "1".')
    published_on: date = strawberry.field(description="Publication date (ngày đăng công báo).")
    published_at: datetime | None = strawberry.field(
        description="When it was published on the portal (UTC); null for a draft."
    )
    updated_at: datetime = strawberry.field(description="Last change (UTC).")
    tenant_id: strawberry.Private[int]
    first_number: strawberry.Private[int]
    pdf_id: strawberry.Private[int | None]
    pdf_sha256: strawberry.Private[str]
    signature_signer: strawberry.Private[str]
    signature_signed_at: strawberry.Private[datetime | None]
    signature_valid: strawberry.Private[bool | None]
    signature_problem: strawberry.Private[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.GazetteEdition)

    @strawberry.field(description="The numbers the edition holds, ascending (59 and 60).")
    def numbers(self) -> list[int]:
        return service.numbers_of(self)  # type: ignore[arg-type]

    @strawberry.field(description="Draft or published; a published edition never changes.")
    def status(self) -> GazetteEditionStatus:  # type: ignore[valid-type]
        return m.EditionStatus(self.status)  # type: ignore[attr-defined, no-any-return]

    @strawberry.field(description="Path of the edition's page on the publishing portal.")
    def path(self) -> str:
        return edition_path(self.year, self.first_number)

    @strawberry.field(description="The publishing portal.")
    def tenant(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.tenant_id)  # type: ignore[no-any-return]

    @strawberry.field(description="The table of contents, in order.")
    async def items(self, info: Info) -> list[GazetteItemType]:
        loaders = gazette_loaders(info)
        # The items' permalinks need their edition: this one, already at hand.
        loaders.editions.prime(self.pk, self)  # type: ignore[attr-defined, arg-type]
        return await loaders.items.load(self.pk)  # type: ignore[attr-defined, return-value]

    @strawberry.field(description="The edition's PDF; null until one is attached.")
    async def pdf(self, info: Info) -> GazettePdf | None:
        if self.pdf_id is None:
            return None
        asset = await gazette_loaders(info).pdfs.load(self.pdf_id)
        if asset is None:
            return None
        return GazettePdf(
            url=get_storage().url(asset.storage_key),
            size=asset.size,
            sha256=self.pdf_sha256,
            file_name=asset.original_filename,
        )

    @strawberry.field(
        description="The PDF's digital signature; null when there is no PDF or it is unsigned."
    )
    def signature(self) -> GazetteSignature | None:
        if self.pdf_id is None or self.signature_valid is None:
            return None
        return GazetteSignature(
            signer=self.signature_signer,
            signed_at=self.signature_signed_at,
            valid=self.signature_valid,
            problem=self.signature_problem,
        )


@strawberry.type(
    name="GazetteSubmission",
    description="A line of the intake register: a document sent to the gazette (editors only).",
)
class GazetteSubmissionType(Node):
    sender: str = strawberry.field(description="Who sent it (agency and person).")
    sender_email: str = strawberry.field(description="Where to reach the sender, if given.")
    number: str = strawberry.field(description="Number and symbol of the document sent.")
    received_at: datetime = strawberry.field(description="When it was received (UTC).")
    problem: str = strawberry.field(description="What was wrong, when it was flagged.")
    flagged_at: datetime | None = strawberry.field(
        description="When the error was flagged back to the issuer (UTC)."
    )
    document_id: strawberry.Private[int | None]
    edition_id: strawberry.Private[int | None]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.GazetteSubmission)

    @strawberry.field(description="Received, accepted, rejected (flagged) or published.")
    def status(self) -> GazetteSubmissionStatus:  # type: ignore[valid-type]
        return m.SubmissionStatus(self.status)  # type: ignore[attr-defined, no-any-return]

    @strawberry.field(description="The document in the database, when linked and readable.")
    async def document(self, info: Info) -> LegalDocumentType | None:
        return await _readable_document(info, self.document_id)

    @strawberry.field(description="The edition it was published in, once it was.")
    async def edition(self, info: Info) -> GazetteEditionType | None:
        if self.edition_id is None:
            return None
        return await gazette_loaders(info).editions.load(self.edition_id)  # type: ignore[return-value]


@strawberry.type(description="A year of the gazette and how many editions it has.")
class GazetteYear:
    year: int = strawberry.field(description="The year.")
    editions: int = strawberry.field(description="Published editions that year.")


@strawberry.input(description="A new draft edition.")
class GazetteEditionCreateInput:
    tenant: str = strawberry.field(description="Slug of the publishing portal.")
    year: int = strawberry.field(description="Year of the edition (numbering restarts each year).")
    numbers: list[int] = strawberry.field(
        description="Its number, or the consecutive numbers of a combined edition ([59, 60])."
    )
    published_on: date = strawberry.field(description="Publication date, within `year`.")


@strawberry.input(description="Changes to a draft edition; omitted fields stay.")
class GazetteEditionUpdateInput:
    id: strawberry.ID = strawberry.field(description="The edition.")
    year: int | None = strawberry.field(default=None, description="New year.")
    numbers: list[int] | None = strawberry.field(default=None, description="New numbers.")
    published_on: date | None = strawberry.field(default=None, description="New date.")


@strawberry.input(
    description="A new line of an edition's contents. With a document, omitted text is "
    "taken from it."
)
class GazetteItemAddInput:
    edition: strawberry.ID = strawberry.field(description="The draft edition.")
    page_from: int = strawberry.field(description="First page in the PDF.")
    page_to: int = strawberry.field(description="Last page in the PDF.")
    document: strawberry.ID | None = strawberry.field(
        default=None, description="The legal document, if it is in the database."
    )
    issuer: str = strawberry.field(default="", description="Issuing body.")
    issued_on: date | None = strawberry.field(default=None, description="Issue date.")
    title: str = strawberry.field(default="", description="Title as listed.")
    position: int | None = strawberry.field(
        default=None, description="Place in the contents, from 1; omitted: at the end."
    )


@strawberry.input(description="Changes to a line of a draft edition; omitted fields stay.")
class GazetteItemUpdateInput:
    id: strawberry.ID = strawberry.field(description="The item.")
    page_from: int | None = strawberry.field(default=None, description="New first page.")
    page_to: int | None = strawberry.field(default=None, description="New last page.")
    document: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Link another document; null unlinks it."
    )
    issuer: str | None = strawberry.field(default=None, description="New issuing body.")
    issued_on: date | None = strawberry.field(default=None, description="New issue date.")
    title: str | None = strawberry.field(default=None, description="New title.")
    position: int | None = strawberry.field(default=None, description="Move it to this place.")


@strawberry.input(description="A document received for the gazette (intake register).")
class GazetteSubmissionInput:
    tenant: str = strawberry.field(description="Slug of the portal whose gazette received it.")
    sender: str = strawberry.field(description="Who sent it (agency and person).")
    sender_email: str = strawberry.field(default="", description="Sender's e-mail, if known.")
    number: str = strawberry.field(
        default="", description="Number and symbol of the document; taken from it if omitted."
    )
    document: strawberry.ID | None = strawberry.field(
        default=None, description="The document, if it is already in the database."
    )
    received_at: datetime | None = strawberry.field(
        default=None, description="When it arrived, with its UTC offset; omitted: now."
    )


@strawberry.type(description="The edition mutation succeeded.")
class GazetteEditionSuccess:
    edition: GazetteEditionType = strawberry.field(description="The edition as it now stands.")


@strawberry.type(description="The item mutation succeeded.")
class GazetteItemSuccess:
    item: GazetteItemType = strawberry.field(description="The item as it now stands.")
    edition: GazetteEditionType = strawberry.field(description="Its edition.")


@strawberry.type(description="The intake-register mutation succeeded.")
class GazetteSubmissionSuccess:
    submission: GazetteSubmissionType = strawberry.field(
        description="The register line as it now stands."
    )


@strawberry.type(description="The gazette mutation failed; nothing was written.")
class GazetteError:
    code: GazetteErrorCode = strawberry.field(description="Stable machine-readable reason.")  # type: ignore[valid-type]
    message: str = strawberry.field(description="Human-readable explanation (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


GazetteEditionResult = Annotated[
    GazetteEditionSuccess | GazetteError,
    strawberry.union("GazetteEditionResult", description="Outcome of an edition mutation."),
]
GazetteItemResult = Annotated[
    GazetteItemSuccess | GazetteError,
    strawberry.union("GazetteItemResult", description="Outcome of an item mutation."),
]
GazetteSubmissionResult = Annotated[
    GazetteSubmissionSuccess | GazetteError,
    strawberry.union(
        "GazetteSubmissionResult", description="Outcome of an intake-register mutation."
    ),
]
