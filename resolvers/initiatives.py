"""Initiatives over GraphQL: thin calls into :mod:`hub.initiatives`."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import strawberry
from starlette.datastructures import UploadFile
from strawberry.types import Info

from hub.initiatives import moderation
from hub.initiatives.models import Initiative, InitiativeStatus
from hub.initiatives.queries import by_tracking_code, listed, public_steps, queue, statistics
from hub.initiatives.submission import InitiativeDraft, InitiativeErrorCode, submit_initiative
from hub.initiatives.supports import confirm_support, request_support
from hub.services.errors import ServiceError
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, paginate
from resolvers.tenants import require_tenant
from schema.common import Connection, encode_global_id, expect_id
from schema.initiatives import (
    InitiativeError,
    InitiativeInput,
    InitiativeReceived,
    InitiativeResult,
    InitiativeSubmitResult,
    InitiativeSuccess,
    InitiativeSupportRequested,
    InitiativeSupportResult,
    InitiativeTopic,
    InitiativeTracking,
    InitiativeType,
    InitiativeUnitStatistics,
)
from schema.initiatives import InitiativeStatus as StatusEnum

IdArg = Annotated[strawberry.ID, strawberry.argument(description="The initiative's ID.")]


def _error(exc: ServiceError) -> InitiativeError:
    return InitiativeError(code=InitiativeErrorCode(exc.code), message=exc.message, field=exc.field)


async def _result(call: Awaitable[Initiative]) -> InitiativeResult:
    try:
        return InitiativeSuccess(initiative=await call)  # type: ignore[arg-type]
    except ServiceError as exc:
        return _error(exc)


@strawberry.type
class InitiativeQuery:
    @strawberry.field(
        description="A portal's initiatives, newest first: the published ones for the public; "
        "every one for its moderators, and those routed to a unit for that unit's people."
    )
    async def initiatives(
        self,
        info: Info,
        tenant: TenantSlugArg,
        status: Annotated[
            StatusEnum | None, strawberry.argument(description="Only this status.")
        ] = None,
        topic: Annotated[
            InitiativeTopic | None, strawberry.argument(description="Only this field.")
        ] = None,
        unit: Annotated[
            str | None, strawberry.argument(description="Only those routed to this unit (slug).")
        ] = None,
        first: PageSizeArg = 20,
        after: AfterArg = None,
    ) -> Connection[InitiativeType]:
        portal = await require_tenant(info, tenant)
        unit_id = (await require_tenant(info, unit)).id if unit else None
        qs = listed(
            info.context.scope.viewer,
            portal.id,
            status=InitiativeStatus(status.value) if status else None,
            topic=topic.value if topic else None,
            unit_id=unit_id,
        )
        return await paginate(qs, first, after)

    @strawberry.field(
        description="The initiatives a portal's people handle, newest first (the workspace): "
        "those it received, for its moderators; those routed or escalated to it, for its "
        "approvers and editors. Empty for anyone else."
    )
    async def initiative_queue(
        self,
        info: Info,
        tenant: TenantSlugArg,
        status: Annotated[
            StatusEnum | None, strawberry.argument(description="Only this status.")
        ] = None,
        first: PageSizeArg = 50,
        after: AfterArg = None,
    ) -> Connection[InitiativeType]:
        portal = await require_tenant(info, tenant)
        wanted = InitiativeStatus(status.value) if status else None
        return await paginate(queue(info.context.scope.viewer, portal.id, wanted), first, after)

    @strawberry.field(description="One initiative, if it is published or you handle it.")
    async def initiative(self, info: Info, id: IdArg) -> InitiativeType | None:
        try:
            return await moderation.load_for(  # type: ignore[return-value]
                info.context.scope, expect_id(id, "Initiative")
            )
        except ServiceError:
            return None

    @strawberry.field(
        description="What a citizen's tracking code shows (null for an unknown code): the "
        "progress and the answer, never the contact data."
    )
    async def initiative_tracking(
        self,
        code: Annotated[str, strawberry.argument(description="SK-XXXX-XXXX, any case.")],
    ) -> InitiativeTracking | None:
        found = await by_tracking_code(code[:40])
        if found is None:
            return None
        published = found.status == InitiativeStatus.PUBLISHED
        public_id = strawberry.ID(encode_global_id("Initiative", found.id)) if published else None
        return InitiativeTracking(
            tracking_code=found.tracking_code,
            title=found.title,
            status=found.status,  # type: ignore[arg-type]
            received_at=found.received_at,
            due_at=found.due_at,
            answer=found.answer,
            rejection_reason=found.rejection_reason,
            steps=await public_steps(found),  # type: ignore[arg-type]
            public_id=public_id,
            assigned_tenant_id=found.assigned_tenant_id,
        )

    @strawberry.field(
        description="Per unit: initiatives of this portal routed to it, answered on time, "
        "late, open and overdue (public, as the law asks results to be)."
    )
    async def initiative_statistics(
        self, info: Info, tenant: TenantSlugArg
    ) -> list[InitiativeUnitStatistics]:
        portal = await require_tenant(info, tenant)
        return [
            InitiativeUnitStatistics(
                received=s.received,
                answered_on_time=s.answered_on_time,
                answered_late=s.answered_late,
                open=s.open,
                overdue=s.overdue,
                unit_id=s.unit_id,
            )
            for s in await statistics(portal.id)
        ]


@strawberry.type
class InitiativeMutation:
    @strawberry.mutation(
        description="A citizen sends an initiative to a portal (no sign-in). Send the same "
        "`idempotencyKey` when retrying: one initiative is made, and a retry gets its code."
    )
    async def initiative_submit(
        self,
        info: Info,
        tenant: TenantSlugArg,
        input: Annotated[InitiativeInput, strawberry.argument(description="What is sent.")],
        idempotency_key: Annotated[
            str,
            strawberry.argument(description="16–80 characters, new for each initiative."),
        ],
    ) -> InitiativeSubmitResult:
        portal = await require_tenant(info, tenant)
        place = (await require_tenant(info, input.place)).id if input.place else None
        files = []
        for upload in input.attachments:
            if not isinstance(upload, UploadFile):
                return InitiativeError(
                    code=InitiativeErrorCode.INVALID_ATTACHMENT,
                    message="send attachments as a GraphQL multipart request",
                    field="attachments",
                )
            files.append((upload.filename or "", upload.file))
        draft = InitiativeDraft(
            title=input.title,
            content=input.content,
            topic=input.topic.value,
            contact_name=input.contact_name,
            contact_email=input.contact_email,
            consent=input.consent,
            contact_phone=input.contact_phone,
            contact_address=input.contact_address,
            place_tenant_id=place,
            language=input.language,
            files=files,
        )
        try:
            done = await submit_initiative(
                portal,
                draft,
                idempotency_key=idempotency_key,
                sender_address=info.context.scope.client_address,
            )
        except ServiceError as exc:
            return _error(exc)
        return InitiativeReceived(
            tracking_code=done.initiative.tracking_code,
            status=done.initiative.status,  # type: ignore[arg-type]
            due_at=done.initiative.due_at,
            duplicate=not done.created,
        )

    @strawberry.mutation(description="Moderators: mark a received initiative as admissible.")
    async def initiative_screen(self, info: Info, id: IdArg) -> InitiativeResult:
        return await _result(moderation.screen(info.context.scope, expect_id(id, "Initiative")))

    @strawberry.mutation(
        description="Moderators: route it to the unit that must answer, with a deadline of "
        f"{moderation.ANSWER_DAYS} working days; the citizen and the unit are told by e-mail."
    )
    async def initiative_assign(
        self,
        info: Info,
        id: IdArg,
        unit: Annotated[str, strawberry.argument(description="Slug of the unit.")],
        note: Annotated[str, strawberry.argument(description="A note to the unit.")] = "",
    ) -> InitiativeResult:
        target = await require_tenant(info, unit)
        return await _result(
            moderation.assign(info.context.scope, expect_id(id, "Initiative"), target, note)
        )

    @strawberry.mutation(description="Moderators: reject it, telling the citizen why.")
    async def initiative_reject(
        self,
        info: Info,
        id: IdArg,
        reason: Annotated[str, strawberry.argument(description="Why; sent to the citizen.")],
    ) -> InitiativeResult:
        return await _result(
            moderation.reject(info.context.scope, expect_id(id, "Initiative"), reason)
        )

    @strawberry.mutation(
        description="The assigned unit (approvers): give the official answer; the citizen "
        "receives it by e-mail."
    )
    async def initiative_answer(
        self,
        info: Info,
        id: IdArg,
        answer: Annotated[str, strawberry.argument(description="The answer (HTML, sanitised).")],
    ) -> InitiativeResult:
        return await _result(
            moderation.answer(info.context.scope, expect_id(id, "Initiative"), answer)
        )

    @strawberry.mutation(
        description="Moderators: publish an answered initiative with its answer (never the "
        "citizen's contact data)."
    )
    async def initiative_publish(self, info: Info, id: IdArg) -> InitiativeResult:
        return await _result(moderation.publish(info.context.scope, expect_id(id, "Initiative")))

    @strawberry.mutation(
        description="Support a published initiative (no sign-in): a code is mailed to the "
        "address, and the support counts once the code is confirmed; once per address."
    )
    async def initiative_support(
        self,
        info: Info,
        id: IdArg,
        email: Annotated[str, strawberry.argument(description="Where the code is sent.")],
        language: Annotated[str, strawberry.argument(description="vi or en: the mail.")] = "vi",
    ) -> InitiativeSupportResult:
        try:
            outcome = await request_support(
                expect_id(id, "Initiative"),
                email,
                sender_address=info.context.scope.client_address,
                language="en" if language == "en" else "vi",
            )
        except ServiceError as exc:
            return _error(exc)
        return InitiativeSupportRequested(mailed=outcome.mailed, counted=outcome.counted)

    @strawberry.mutation(description="Confirm a support with the code that was mailed.")
    async def initiative_support_confirm(
        self,
        info: Info,
        id: IdArg,
        code: Annotated[str, strawberry.argument(description="The 8-character code.")],
    ) -> InitiativeResult:
        return await _result(confirm_support(expect_id(id, "Initiative"), code))
