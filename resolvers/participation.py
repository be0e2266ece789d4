"""Consultations, information requests, the disclosure list and ratings (thin resolvers)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.participation import consultations as cons
from hub.participation import disclosures as disc
from hub.participation import inforequests as req
from hub.participation.codes import format_code
from hub.participation.models import Consultation, InfoRequest
from hub.participation.ratings import rating_statistics, rating_submit
from hub.services.errors import ServiceError
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, paginate
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, Connection, expect_id
from schema.participation import (
    CommentInput,
    CommentModerated,
    CommentModerateResult,
    CommentReceived,
    CommentState,
    CommentSubmitResult,
    ConsultationInput,
    ConsultationResult,
    ConsultationSaved,
    ConsultationState,
    ConsultationType,
    DisclosureItemDeleted,
    DisclosureItemDeleteResult,
    DisclosureItemInput,
    DisclosureItemResult,
    DisclosureItemSaved,
    DisclosureItemType,
    InfoRequestInput,
    InfoRequestReceived,
    InfoRequestResult,
    InfoRequestSaved,
    InfoRequestState,
    InfoRequestStatus,
    InfoRequestSubmitResult,
    InfoRequestType,
    PageRatings,
    ParticipationError,
    ParticipationErrorCode,
    RatingCounted,
    RatingCounts,
    RatingResult,
    RatingStatistics,
    Satisfaction,
)

IdArg = Annotated[strawberry.ID, strawberry.argument(description="Its global ID.")]


def _error(exc: ServiceError) -> ParticipationError:
    return ParticipationError(
        code=ParticipationErrorCode(exc.code), message=exc.message, field=exc.field
    )


def _invalid_id(name: str) -> ParticipationError:
    return ParticipationError(
        code=ParticipationErrorCode.NOT_FOUND, message=f"not a {name} ID", field="id"
    )


def _pk(global_id: str, type_name: str) -> int | None:
    """The key of an ID of ``type_name``, or None for any other ID (a NOT_FOUND)."""
    try:
        return expect_id(global_id, type_name)
    except BadUserInput:
        return None


def _disclosure_fields(item: DisclosureItemInput) -> disc.DisclosureFields:
    return disc.DisclosureFields(
        title=item.title,
        address=item.address,
        form=item.form,
        disclosure_time=item.disclosure_time,
        duration=item.duration,
        position=item.position,
    )


@strawberry.type
class ParticipationQuery:
    @strawberry.field(description="A portal's consultations on drafts, newest first.")
    async def consultations(
        self,
        info: Info,
        tenant: TenantSlugArg,
        state: Annotated[
            ConsultationState | None, strawberry.argument(description="Only open or closed.")
        ] = None,
        first: PageSizeArg = 20,
        after: AfterArg = None,
    ) -> Connection[ConsultationType]:
        owner = await require_tenant(info, tenant)
        qs = Consultation.visible(info.context.scope.for_tenant(owner))
        if state is not None:
            qs = qs.filter(state=state)
        return await paginate(qs, first, after)

    @strawberry.field(
        description="One consultation of a portal, by its number (the `number` field, "
        "which public addresses use)."
    )
    async def consultation(
        self,
        info: Info,
        tenant: TenantSlugArg,
        number: Annotated[int, strawberry.argument(description="The consultation's number.")],
    ) -> ConsultationType | None:
        owner = await require_tenant(info, tenant)
        if not 0 < number < 2**31:
            return None
        scope = info.context.scope.for_tenant(owner)
        return await Consultation.visible(scope).get_or_none(id=number)  # type: ignore[return-value]

    @strawberry.field(
        description="An information request's state, deadline, log and answer, by its "
        "tracking code; null for an unknown code. Carries no personal data."
    )
    async def inforequest_status(
        self,
        info: Info,
        tenant: TenantSlugArg,
        tracking_code: Annotated[str, strawberry.argument(description="The tracking code.")],
    ) -> InfoRequestStatus | None:
        owner = await require_tenant(info, tenant)
        row = await req.inforequest_by_code(owner, tracking_code)
        return InfoRequestStatus(row=row) if row else None

    @strawberry.field(
        description="A portal's information requests with the requesters' personal data, "
        "soonest deadline first (INFOREQUEST_HANDLE)."
    )
    async def inforequests(
        self,
        info: Info,
        tenant: TenantSlugArg,
        state: Annotated[
            InfoRequestState | None, strawberry.argument(description="Only this state.")
        ] = None,
        first: PageSizeArg = 50,
        after: AfterArg = None,
    ) -> Connection[InfoRequestType]:
        owner = await require_tenant(info, tenant)
        if not can(info.context.scope.viewer, Permission.INFOREQUEST_HANDLE, owner.id):
            raise BadUserInput("information requests are for their handlers", "FORBIDDEN")
        qs = InfoRequest.visible(info.context.scope.for_tenant(owner)).order_by("due_at", "id")
        if state is not None:
            qs = qs.filter(state=state)
        return await paginate(qs, first, after)

    @strawberry.field(description="A portal's list of information that must be disclosed.")
    async def disclosure_items(self, info: Info, tenant: TenantSlugArg) -> list[DisclosureItemType]:
        owner = await require_tenant(info, tenant)
        return await disc.disclosure_items(owner)  # type: ignore[return-value]

    @strawberry.field(
        description="Satisfaction ratings of a portal's pages over a period of days in "
        "Hà Nội (editors)."
    )
    async def rating_statistics(
        self,
        info: Info,
        tenant: TenantSlugArg,
        since: Annotated[date | None, strawberry.argument(description="First day.")] = None,
        until: Annotated[date | None, strawberry.argument(description="Last day.")] = None,
    ) -> RatingStatistics:
        owner = await require_tenant(info, tenant)
        try:
            stats = await rating_statistics(info.context.scope, owner, since, until)
        except ServiceError as exc:
            raise BadUserInput(exc.message, str(exc.code)) from exc

        def counts(c: Any) -> dict[str, int]:
            return {"satisfied": c.satisfied, "neutral": c.neutral, "unsatisfied": c.unsatisfied}

        return RatingStatistics(
            overall=RatingCounts(**counts(stats.overall)),
            pages=[PageRatings(path=p.path, **counts(p)) for p in stats.pages],
        )


@strawberry.type
class ParticipationMutation:
    @strawberry.mutation(description="Put a draft out for comments (CONSULTATION_MANAGE).")
    async def consultation_open(
        self,
        info: Info,
        tenant: TenantSlugArg,
        input: Annotated[ConsultationInput, strawberry.argument(description="The draft.")],
    ) -> ConsultationResult:
        owner = await require_tenant(info, tenant)
        fields = cons.ConsultationFields(
            title=input.title,
            body=input.body,
            deadline=input.deadline,
            contact=input.contact,
            files=[(f.title, f.url) for f in input.files],
        )
        try:
            row = await cons.consultation_open(info.context.scope, owner, fields)
        except ServiceError as exc:
            return _error(exc)
        return ConsultationSaved(consultation=row)  # type: ignore[arg-type]

    @strawberry.mutation(
        description="Send a comment on a draft (anyone); refused after the deadline."
    )
    async def consultation_comment_submit(
        self,
        info: Info,
        tenant: TenantSlugArg,
        consultation: IdArg,
        input: Annotated[CommentInput, strawberry.argument(description="The comment.")],
    ) -> CommentSubmitResult:
        owner = await require_tenant(info, tenant)
        pk = _pk(consultation, "Consultation")
        if pk is None:
            return _invalid_id("Consultation")
        fields = cons.CommentFields(
            name=input.name, body=input.body, consent=input.consent, contact=input.contact
        )
        try:
            row = await cons.comment_submit(owner, pk, fields)
        except ServiceError as exc:
            return _error(exc)
        return CommentReceived(comment=row)  # type: ignore[arg-type]

    @strawberry.mutation(description="Show or hide a comment (CONSULTATION_MANAGE).")
    async def consultation_comment_moderate(
        self,
        info: Info,
        comment: IdArg,
        state: Annotated[CommentState, strawberry.argument(description="SHOWN or HIDDEN.")],
    ) -> CommentModerateResult:
        pk = _pk(comment, "ConsultationComment")
        if pk is None:
            return _invalid_id("ConsultationComment")
        try:
            row = await cons.comment_moderate(info.context.scope, pk, state)
        except ServiceError as exc:
            return _error(exc)
        return CommentModerated(comment=row)  # type: ignore[arg-type]

    @strawberry.mutation(
        description="Close a consultation after its deadline with the summary of comments "
        "(CONSULTATION_MANAGE)."
    )
    async def consultation_close(
        self,
        info: Info,
        consultation: IdArg,
        summary: Annotated[str, strawberry.argument(description="The summary (HTML).")],
    ) -> ConsultationResult:
        pk = _pk(consultation, "Consultation")
        if pk is None:
            return _invalid_id("Consultation")
        try:
            row = await cons.consultation_close(info.context.scope, pk, summary)
        except ServiceError as exc:
            return _error(exc)
        return ConsultationSaved(consultation=row)  # type: ignore[arg-type]

    @strawberry.mutation(
        description="Send a request for information (anyone): a tracking code and a clock "
        "of 3 working days."
    )
    async def inforequest_submit(
        self,
        info: Info,
        tenant: TenantSlugArg,
        input: Annotated[
            InfoRequestInput,
            strawberry.argument(description="The request (Law 104/2016 Art. 24(2))."),
        ],
    ) -> InfoRequestSubmitResult:
        owner = await require_tenant(info, tenant)
        fields = req.RequestFields(
            full_name=input.full_name,
            address=input.address,
            id_number=input.id_number,
            information=input.information,
            purpose=input.purpose,
            receive_form=input.receive_form.value,
            receive_means=input.receive_means.value,
            consent=input.consent,
            phone=input.phone,
            email=input.email,
        )
        try:
            row = await req.inforequest_submit(owner, fields)
        except ServiceError as exc:
            return _error(exc)
        return InfoRequestReceived(
            tracking_code=format_code(row.tracking_code), status=InfoRequestStatus(row=row)
        )

    @strawberry.mutation(
        description="Classify a request: simple (3 working days from receipt) or complex "
        "(15) (INFOREQUEST_HANDLE)."
    )
    async def inforequest_classify(
        self,
        info: Info,
        request: IdArg,
        complex: Annotated[bool, strawberry.argument(description="Complex: 15 working days.")],
        note: Annotated[str, strawberry.argument(description="Why, for the log.")] = "",
    ) -> InfoRequestResult:
        return await _handle(request, req.inforequest_classify, info, complex, note)

    @strawberry.mutation(
        description="Extend the deadline once by 15 working days, with a reason "
        "(INFOREQUEST_HANDLE)."
    )
    async def inforequest_extend(
        self,
        info: Info,
        request: IdArg,
        reason: Annotated[str, strawberry.argument(description="Why more time is needed.")],
    ) -> InfoRequestResult:
        return await _handle(request, req.inforequest_extend, info, reason)

    @strawberry.mutation(description="Answer a request; closes it (INFOREQUEST_HANDLE).")
    async def inforequest_answer(
        self,
        info: Info,
        request: IdArg,
        answer: Annotated[str, strawberry.argument(description="The answer (plain text).")],
    ) -> InfoRequestResult:
        return await _handle(request, req.inforequest_answer, info, answer)

    @strawberry.mutation(
        description="Refuse a request with the reason; closes it (INFOREQUEST_HANDLE)."
    )
    async def inforequest_refuse(
        self,
        info: Info,
        request: IdArg,
        reason: Annotated[str, strawberry.argument(description="The legal reason.")],
    ) -> InfoRequestResult:
        return await _handle(request, req.inforequest_refuse, info, reason)

    @strawberry.mutation(description="Add an item to the disclosure list (DISCLOSURE_MANAGE).")
    async def disclosure_item_add(
        self,
        info: Info,
        tenant: TenantSlugArg,
        input: Annotated[DisclosureItemInput, strawberry.argument(description="The item.")],
    ) -> DisclosureItemResult:
        owner = await require_tenant(info, tenant)
        try:
            row = await disc.disclosure_item_add(
                info.context.scope, owner, _disclosure_fields(input)
            )
        except ServiceError as exc:
            return _error(exc)
        return DisclosureItemSaved(item=row)  # type: ignore[arg-type]

    @strawberry.mutation(description="Change an item of the disclosure list (DISCLOSURE_MANAGE).")
    async def disclosure_item_update(
        self,
        info: Info,
        item: IdArg,
        input: Annotated[DisclosureItemInput, strawberry.argument(description="The item.")],
    ) -> DisclosureItemResult:
        pk = _pk(item, "DisclosureItem")
        if pk is None:
            return _invalid_id("DisclosureItem")
        try:
            row = await disc.disclosure_item_update(
                info.context.scope, pk, _disclosure_fields(input)
            )
        except ServiceError as exc:
            return _error(exc)
        return DisclosureItemSaved(item=row)  # type: ignore[arg-type]

    @strawberry.mutation(description="Remove an item of the disclosure list (DISCLOSURE_MANAGE).")
    async def disclosure_item_delete(self, info: Info, item: IdArg) -> DisclosureItemDeleteResult:
        pk = _pk(item, "DisclosureItem")
        if pk is None:
            return _invalid_id("DisclosureItem")
        try:
            await disc.disclosure_item_delete(info.context.scope, pk)
        except ServiceError as exc:
            return _error(exc)
        return DisclosureItemDeleted(deleted_id=item)

    @strawberry.mutation(
        description="Rate a page of a portal (anyone, anonymous): satisfied, neutral or not."
    )
    async def rating_submit(
        self,
        info: Info,
        tenant: TenantSlugArg,
        path: Annotated[str, strawberry.argument(description="The page's path: `/…`.")],
        value: Annotated[Satisfaction, strawberry.argument(description="The rating.")],
    ) -> RatingResult:
        owner = await require_tenant(info, tenant)
        try:
            await rating_submit(owner, path, value)
        except ServiceError as exc:
            return _error(exc)
        return RatingCounted(counted=True)


async def _handle(request: str, step: Any, info: Info, *args: Any) -> Any:
    pk = _pk(request, "InfoRequest")
    if pk is None:
        return _invalid_id("InfoRequest")
    try:
        row = await step(info.context.scope, pk, *args)
    except ServiceError as exc:
        return _error(exc)
    return InfoRequestSaved(request=row)  # type: ignore[arg-type]
