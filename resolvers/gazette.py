"""Root fields of the Official Gazette: thin wrappers over hub.services.gazette."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.models.gazette import GazetteEdition, GazetteItem, GazetteSubmission
from hub.services import gazette as service
from hub.services.errors import ServiceError
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, paginate
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, Connection, expect_id
from schema.gazette import (
    GazetteEditionCreateInput,
    GazetteEditionResult,
    GazetteEditionSuccess,
    GazetteEditionType,
    GazetteEditionUpdateInput,
    GazetteError,
    GazetteErrorCode,
    GazetteItemAddInput,
    GazetteItemResult,
    GazetteItemSuccess,
    GazetteItemUpdateInput,
    GazetteSubmissionInput,
    GazetteSubmissionResult,
    GazetteSubmissionStatus,
    GazetteSubmissionSuccess,
    GazetteSubmissionType,
    GazetteYear,
    gazette_loaders,
)

EditionIdArg = Annotated[strawberry.ID, strawberry.argument(description="The edition's ID.")]
ItemIdArg = Annotated[strawberry.ID, strawberry.argument(description="The item's ID.")]
SubmissionIdArg = Annotated[
    strawberry.ID, strawberry.argument(description="The register line's ID.")
]


def _error(exc: ServiceError) -> GazetteError:
    return GazetteError(code=GazetteErrorCode(exc.code), message=exc.message, field=exc.field)


async def _edition(call: Awaitable[GazetteEdition]) -> GazetteEditionResult:
    try:
        return GazetteEditionSuccess(edition=await call)  # type: ignore[arg-type]
    except ServiceError as exc:
        return _error(exc)


async def _item(info: Info, call: Awaitable[GazetteItem]) -> GazetteItemResult:
    try:
        item = await call
    except ServiceError as exc:
        return _error(exc)
    edition = await GazetteEdition.get(id=item.edition_id)
    gazette_loaders(info).editions.prime(edition.id, edition)
    return GazetteItemSuccess(item=item, edition=edition)  # type: ignore[arg-type]


async def _submission(call: Awaitable[GazetteSubmission]) -> GazetteSubmissionResult:
    try:
        return GazetteSubmissionSuccess(submission=await call)  # type: ignore[arg-type]
    except ServiceError as exc:
        return _error(exc)


def _optional_id(value: Any, type_name: str) -> int | None:
    return None if value is None or value is strawberry.UNSET else expect_id(value, type_name)


@strawberry.type
class GazetteQuery:
    @strawberry.field(
        description="A portal's gazette editions, newest first: published ones, and drafts for "
        "its gazette editors."
    )
    async def gazette_editions(
        self,
        info: Info,
        tenant: TenantSlugArg,
        year: Annotated[int | None, strawberry.argument(description="Only this year.")] = None,
        first: PageSizeArg = 20,
        after: AfterArg = None,
    ) -> Connection[GazetteEditionType]:
        owner = await require_tenant(info, tenant)
        qs = service.editions_for(info.context.scope.for_tenant(owner))
        if year is not None:
            qs = qs.filter(year=year)
        return await paginate(qs.order_by("-year", "-first_number", "-id"), first, after)

    @strawberry.field(
        description="One edition by year and number; any number of a combined edition finds it."
    )
    async def gazette_edition(
        self,
        info: Info,
        tenant: TenantSlugArg,
        year: Annotated[int, strawberry.argument(description="Year of the edition.")],
        number: Annotated[int, strawberry.argument(description="One of its numbers.")],
    ) -> GazetteEditionType | None:
        owner = await require_tenant(info, tenant)
        scope = info.context.scope.for_tenant(owner)
        return await service.edition_by_number(scope, year, number)  # type: ignore[return-value]

    @strawberry.field(
        description="Years with published editions, newest first (the gazette's by-year index)."
    )
    async def gazette_years(self, info: Info, tenant: TenantSlugArg) -> list[GazetteYear]:
        owner = await require_tenant(info, tenant)
        years = await service.published_years(info.context.scope.for_tenant(owner))
        return [GazetteYear(year=year, editions=count) for year, count in years]

    @strawberry.field(
        description="The intake register, newest first: who sent what and when (gazette "
        "editors only)."
    )
    async def gazette_submissions(
        self,
        info: Info,
        tenant: TenantSlugArg,
        status: Annotated[
            GazetteSubmissionStatus | None,  # type: ignore[valid-type]
            strawberry.argument(description="Only lines with this status."),
        ] = None,
        first: PageSizeArg = 50,
        after: AfterArg = None,
    ) -> Connection[GazetteSubmissionType]:
        owner = await require_tenant(info, tenant)
        try:
            qs = service.submissions_for(info.context.scope.for_tenant(owner), status)
        except ServiceError as exc:
            raise BadUserInput("the intake register is for gazette editors", str(exc.code)) from exc
        return await paginate(qs, first, after)


@strawberry.type
class GazetteMutation:
    @strawberry.mutation(description="Open a draft edition holding one or more numbers.")
    async def gazette_edition_create(
        self,
        info: Info,
        input: Annotated[
            GazetteEditionCreateInput, strawberry.argument(description="The new edition.")
        ],
    ) -> GazetteEditionResult:
        tenant = await require_tenant(info, input.tenant)
        return await _edition(
            service.create_edition(
                info.context.scope, tenant, input.year, list(input.numbers), input.published_on
            )
        )

    @strawberry.mutation(description="Change a draft edition's year, numbers or date.")
    async def gazette_edition_update(
        self,
        info: Info,
        input: Annotated[
            GazetteEditionUpdateInput, strawberry.argument(description="What to change.")
        ],
    ) -> GazetteEditionResult:
        return await _edition(
            service.update_edition(
                info.context.scope,
                expect_id(input.id, "GazetteEdition"),
                year=input.year,
                numbers=list(input.numbers) if input.numbers is not None else None,
                published_on=input.published_on,
            )
        )

    @strawberry.mutation(
        description="Make a PDF of the portal's media library the edition's file (upload it "
        "with `mediaUpload` first); its SHA-256 is recorded and its signature verified."
    )
    async def gazette_edition_attach_pdf(
        self,
        info: Info,
        edition: EditionIdArg,
        pdf: Annotated[strawberry.ID, strawberry.argument(description="The PDF media asset.")],
    ) -> GazetteEditionResult:
        return await _edition(
            service.attach_pdf(
                info.context.scope,
                expect_id(edition, "GazetteEdition"),
                expect_id(pdf, "MediaAsset"),
            )
        )

    @strawberry.mutation(
        description="Publish a draft edition (needs items and a PDF whose signature, if any, "
        "verified); it can never change again."
    )
    async def gazette_edition_publish(self, info: Info, id: EditionIdArg) -> GazetteEditionResult:
        return await _edition(
            service.publish_edition(info.context.scope, expect_id(id, "GazetteEdition"))
        )

    @strawberry.mutation(description="Add a line to a draft edition's table of contents.")
    async def gazette_item_add(
        self,
        info: Info,
        input: Annotated[GazetteItemAddInput, strawberry.argument(description="The new line.")],
    ) -> GazetteItemResult:
        fields = service.ItemFields(
            page_from=input.page_from,
            page_to=input.page_to,
            title=input.title,
            issuer_name=input.issuer,
            issued_on=input.issued_on,
            document_id=_optional_id(input.document, "LegalDocument"),
            position=input.position,
        )
        edition_id = expect_id(input.edition, "GazetteEdition")
        return await _item(info, service.add_item(info.context.scope, edition_id, fields))

    @strawberry.mutation(description="Change a line of a draft edition.")
    async def gazette_item_update(
        self,
        info: Info,
        input: Annotated[GazetteItemUpdateInput, strawberry.argument(description="The changes.")],
    ) -> GazetteItemResult:
        changes = service.ItemChanges(
            page_from=input.page_from,
            page_to=input.page_to,
            title=input.title,
            issuer_name=input.issuer,
            issued_on=input.issued_on,
            document_id=_optional_id(input.document, "LegalDocument"),
            unlink_document=input.document is None,
            position=input.position,
        )
        item_id = expect_id(input.id, "GazetteItem")
        return await _item(info, service.update_item(info.context.scope, item_id, changes))

    @strawberry.mutation(description="Take a line out of a draft edition's table of contents.")
    async def gazette_item_remove(self, info: Info, id: ItemIdArg) -> GazetteEditionResult:
        return await _edition(service.remove_item(info.context.scope, expect_id(id, "GazetteItem")))

    @strawberry.mutation(description="Log a document received for the gazette (C6).")
    async def gazette_submission_register(
        self,
        info: Info,
        input: Annotated[
            GazetteSubmissionInput, strawberry.argument(description="What arrived, from whom.")
        ],
    ) -> GazetteSubmissionResult:
        tenant = await require_tenant(info, input.tenant)
        return await _submission(
            service.register_submission(
                info.context.scope,
                tenant,
                sender=input.sender,
                sender_email=input.sender_email,
                number=input.number,
                document_id=_optional_id(input.document, "LegalDocument"),
                received_at=input.received_at,
            )
        )

    @strawberry.mutation(
        description="Flag an error in a submission back to its issuer, who must send it again."
    )
    async def gazette_submission_flag(
        self,
        info: Info,
        id: SubmissionIdArg,
        problem: Annotated[str, strawberry.argument(description="What is wrong.")],
    ) -> GazetteSubmissionResult:
        return await _submission(
            service.flag_submission(info.context.scope, expect_id(id, "GazetteSubmission"), problem)
        )

    @strawberry.mutation(description="Accept a submission for a coming edition.")
    async def gazette_submission_accept(
        self, info: Info, id: SubmissionIdArg
    ) -> GazetteSubmissionResult:
        return await _submission(
            service.accept_submission(info.context.scope, expect_id(id, "GazetteSubmission"))
        )
