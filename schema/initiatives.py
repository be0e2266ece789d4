"""GraphQL types of citizens' initiatives.

The citizen's name and contact are reached only through ``Initiative.contact``,
which is null unless the viewer holds the contact permission for the
initiative's portal or unit; nothing else in the schema carries them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from hub.initiatives import models as m
from hub.initiatives.moderation import may_answer, may_moderate, may_see_contact
from hub.initiatives.queries import public_steps
from hub.initiatives.submission import InitiativeErrorCode as _Code
from hub.models import MediaAsset
from schema.common import Node
from schema.media import MediaAssetType
from schema.tenants import TenantType

InitiativeStatus = strawberry.enum(
    m.InitiativeStatus,
    name="InitiativeStatus",
    description="Where an initiative stands: received → screened → assigned → answered → "
    "published, or rejected with a reason.",
)
InitiativeTopic = strawberry.enum(
    m.InitiativeTopic, name="InitiativeTopic", description="The field an initiative is about."
)
InitiativeErrorCode = strawberry.enum(
    _Code, name="InitiativeErrorCode", description="Why an initiative mutation failed."
)


async def _tenant(info: Info, pk: int | None) -> TenantType | None:
    if pk is None:
        return None
    return await info.context.loaders.tenant_by_id.load(pk)  # type: ignore[no-any-return]


@strawberry.type(description="A citizen's name and contact: personal data, for handlers only.")
class CitizenContact:
    name: str = strawberry.field(description="Full name as the citizen gave it.")
    email: str = strawberry.field(description="E-mail address (receipts and answers go there).")
    phone: str = strawberry.field(description="Telephone, if given.")
    address: str = strawberry.field(description="Postal address, if given.")
    consent: str = strawberry.field(description="The consent the citizen gave, word for word.")


@strawberry.type(name="InitiativeStep", description="One line of an initiative's log.")
class InitiativeStepType:
    action: str = strawberry.field(
        description="received, screened, assigned, reminded, escalated, answered, published "
        "or rejected."
    )
    from_status: str = strawberry.field(description="The status before the step.")
    to_status: str = strawberry.field(description="The status after it.")
    note: str = strawberry.field(description="What the moderator wrote (a routing note, a reason).")
    created_at: datetime = strawberry.field(description="When it happened (UTC).")
    tenant_id: strawberry.Private[int | None]

    @strawberry.field(description="The unit concerned: assigned, reminded or escalated to.")
    async def unit(self, info: Info) -> TenantType | None:
        return await _tenant(info, self.tenant_id)


@strawberry.type(name="Initiative", description="A citizen's initiative (sáng kiến, kiến nghị).")
class InitiativeType(Node):
    title: str = strawberry.field(description="What it proposes, in a line.")
    content: str = strawberry.field(description="The citizen's text (plain text).")
    topic: InitiativeTopic = strawberry.field(description="The field it is about.")
    status: InitiativeStatus = strawberry.field(description="Where it stands.")
    received_at: datetime = strawberry.field(description="When it was received (UTC).")
    due_at: datetime | None = strawberry.field(
        description="The current step's deadline (end of a working day in Hà Nội, as UTC)."
    )
    answered_at: datetime | None = strawberry.field(description="When the unit answered.")
    answered_late: bool = strawberry.field(description="The answer came after the deadline.")
    published_at: datetime | None = strawberry.field(description="When it was made public.")
    rejection_reason: str = strawberry.field(description="Why it was rejected, if it was.")
    support_count: int = strawberry.field(description="Confirmed supports (one per e-mail).")
    answer: str = strawberry.field(
        description="The unit's official answer (sanitised HTML), once given."
    )
    tenant_id: strawberry.Private[int]
    place_tenant_id: strawberry.Private[int | None]
    assigned_tenant_id: strawberry.Private[int | None]
    escalated_tenant_id: strawberry.Private[int | None]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Initiative)

    @strawberry.field(description="The portal that received it (its moderators handle it).")
    async def portal(self, info: Info) -> TenantType | None:
        return await _tenant(info, self.tenant_id)

    @strawberry.field(description="The unit the citizen said it concerns.")
    async def place(self, info: Info) -> TenantType | None:
        return await _tenant(info, self.place_tenant_id)

    @strawberry.field(description="The unit that must answer it.")
    async def assigned_unit(self, info: Info) -> TenantType | None:
        return await _tenant(info, self.assigned_tenant_id)

    @strawberry.field(description="The unit above, told when the deadline passed.")
    async def escalated_to(self, info: Info) -> TenantType | None:
        return await _tenant(info, self.escalated_tenant_id)

    @strawberry.field(
        description="The citizen's name and contact; null unless you may see personal data "
        "for this initiative's portal or unit."
    )
    def contact(self, info: Info) -> CitizenContact | None:
        row: m.Initiative = self  # type: ignore[assignment]
        if not may_see_contact(info.context.scope.viewer, row):
            return None
        return CitizenContact(
            name=row.contact_name,
            email=row.contact_email,
            phone=row.contact_phone,
            address=row.contact_address,
            consent=row.consent_text,
        )

    @strawberry.field(description="The files the citizen sent; empty unless you handle it.")
    async def attachments(self, info: Info) -> list[MediaAssetType]:
        row: m.Initiative = self  # type: ignore[assignment]
        viewer = info.context.scope.viewer
        if not (may_moderate(viewer, row) or may_answer(viewer, row)):
            return []
        ids = await m.InitiativeAttachment.filter(initiative_id=row.id).values_list(
            "asset_id", flat=True
        )
        return await MediaAsset.filter(id__in=list(ids)).order_by("id")  # type: ignore[return-value]

    @strawberry.field(
        description="Its log, oldest first: every step for its handlers, the status changes "
        "for everyone else."
    )
    async def steps(self, info: Info) -> list[InitiativeStepType]:
        row: m.Initiative = self  # type: ignore[assignment]
        viewer = info.context.scope.viewer
        if may_moderate(viewer, row) or may_answer(viewer, row):
            found = await m.InitiativeStep.filter(initiative_id=row.id).order_by("id")
        else:
            found = await public_steps(row)
        return found  # type: ignore[return-value]


@strawberry.type(
    description="What a citizen's tracking code shows: the progress and the answer, never "
    "the contact data."
)
class InitiativeTracking:
    tracking_code: str = strawberry.field(description="The code, as stored (SK-XXXX-XXXX).")
    title: str = strawberry.field(description="The initiative's title.")
    status: InitiativeStatus = strawberry.field(description="Where it stands.")
    received_at: datetime = strawberry.field(description="When it was received (UTC).")
    due_at: datetime | None = strawberry.field(description="The current step's deadline (UTC).")
    answer: str = strawberry.field(description="The official answer (sanitised HTML), if given.")
    rejection_reason: str = strawberry.field(description="Why it was rejected, if it was.")
    steps: list[InitiativeStepType] = strawberry.field(description="The status changes.")
    public_id: strawberry.ID | None = strawberry.field(
        description="The initiative's ID once it is published (its public page), else null."
    )
    assigned_tenant_id: strawberry.Private[int | None]

    @strawberry.field(description="The unit that must answer it.")
    async def assigned_unit(self, info: Info) -> TenantType | None:
        return await _tenant(info, self.assigned_tenant_id)


@strawberry.type(description="How one unit dealt with the initiatives routed to it.")
class InitiativeUnitStatistics:
    received: int = strawberry.field(description="Routed to it, in any state since.")
    answered_on_time: int = strawberry.field(description="Answered by the deadline.")
    answered_late: int = strawberry.field(description="Answered after the deadline.")
    open: int = strawberry.field(description="Assigned and not answered yet.")
    overdue: int = strawberry.field(description="Of the open ones, past their deadline.")
    unit_id: strawberry.Private[int]

    @strawberry.field(description="The unit.")
    async def unit(self, info: Info) -> TenantType | None:
        return await _tenant(info, self.unit_id)


@strawberry.input(description="What a citizen sends; every text is NFC-normalised and bounded.")
class InitiativeInput:
    title: str = strawberry.field(description="What it proposes, in a line (≤ 300 characters).")
    content: str = strawberry.field(description="The proposal in full (≤ 20,000 characters).")
    topic: InitiativeTopic = strawberry.field(description="The field it is about.")
    contact_name: str = strawberry.field(description="The citizen's full name.")
    contact_email: str = strawberry.field(description="Where the receipt and answer go.")
    consent: bool = strawberry.field(
        description="Consent to the processing of the name and contact for this initiative "
        "(Decree 13/2023); required."
    )
    contact_phone: str = strawberry.field(default="", description="Telephone (optional).")
    contact_address: str = strawberry.field(default="", description="Postal address (optional).")
    place: str | None = strawberry.field(
        default=None, description="Slug of the unit it concerns (optional)."
    )
    language: str = strawberry.field(default="vi", description="vi or en: the mails' language.")
    attachments: list[Upload] = strawberry.field(
        default_factory=list,
        description="Up to 3 pictures or documents, 10 MB each (a GraphQL multipart request).",
    )


@strawberry.type(description="The initiative was received (or had been, by an earlier try).")
class InitiativeReceived:
    tracking_code: str = strawberry.field(
        description="The citizen's code for the status page; also sent by e-mail."
    )
    status: InitiativeStatus = strawberry.field(description="Its status now.")
    due_at: datetime | None = strawberry.field(description="When it will have been screened.")
    duplicate: bool = strawberry.field(
        description="True when this idempotency key had already made it: nothing new was written."
    )


@strawberry.type(description="A support was asked for: a code is mailed to confirm it.")
class InitiativeSupportRequested:
    mailed: bool = strawberry.field(
        description="A code was mailed now (false: one was mailed minutes ago, or the "
        "support already counts)."
    )
    counted: bool = strawberry.field(description="This address's support already counts.")


@strawberry.type(description="The initiative step was done.")
class InitiativeSuccess:
    initiative: InitiativeType = strawberry.field(description="The initiative as it is now.")


@strawberry.type(description="The initiative call failed; nothing was written.")
class InitiativeError:
    code: InitiativeErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable reason (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


InitiativeSubmitResult = Annotated[
    InitiativeReceived | InitiativeError,
    strawberry.union("InitiativeSubmitResult", description="Received, or why not."),
]
InitiativeSupportResult = Annotated[
    InitiativeSupportRequested | InitiativeError,
    strawberry.union("InitiativeSupportResult", description="Code mailed, or why not."),
]
InitiativeResult = Annotated[
    InitiativeSuccess | InitiativeError,
    strawberry.union("InitiativeResult", description="The initiative, or why not."),
]
