"""GraphQL types of consultations, information requests, disclosures and ratings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.participation import models as m
from hub.participation.codes import format_code
from hub.participation.consultations import comments_of, is_open
from hub.participation.errors import ParticipationErrorCode as _Code
from hub.participation.inforequests import is_late, steps_of
from schema.common import Node

ParticipationErrorCode = strawberry.enum(
    _Code, name="ParticipationErrorCode", description="Why a participation mutation failed."
)
ConsultationState = strawberry.enum(
    m.ConsultationState, name="ConsultationState", description="Open for comments, or closed."
)
CommentState = strawberry.enum(
    m.CommentState,
    name="CommentState",
    description="RECEIVED waits for moderation; SHOWN is public; HIDDEN is not.",
)
InfoRequestState = strawberry.enum(
    m.RequestState, name="InfoRequestState", description="Where an information request is."
)
InfoRequestStepKind = strawberry.enum(
    m.StepKind, name="InfoRequestStepKind", description="A step of a request's log."
)
ReceiveForm = strawberry.enum(
    m.ReceiveForm,
    name="ReceiveForm",
    description="The form the information is received in (Law 104/2016 Art. 24(2)).",
)
ReceiveMeans = strawberry.enum(
    m.ReceiveMeans, name="ReceiveMeans", description="How the information reaches the requester."
)
Satisfaction = strawberry.enum(
    m.Satisfaction, name="Satisfaction", description="How satisfied a reader was with a page."
)


@strawberry.type(description="A file of a draft: a link to it.")
class ConsultationFile:
    title: str = strawberry.field(description="What the file is.")
    url: str = strawberry.field(description="Where it is (an http(s) URL or a path).")


@strawberry.type(name="ConsultationComment", description="A citizen's comment on a draft.")
class ConsultationCommentType(Node):
    author_name: str = strawberry.field(description="The name the citizen gave (public).")
    body: str = strawberry.field(description="The comment (plain text).")
    state: CommentState = strawberry.field(description="Moderation state.")
    created_at: datetime = strawberry.field(description="When it was received (UTC).")
    tenant_id: strawberry.Private[int]
    author_contact: strawberry.Private[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.ConsultationComment)

    @strawberry.field(
        description="The contact the citizen gave: personal data, null without the "
        "permission to see citizens' contacts."
    )
    def contact(self, info: Info) -> str | None:
        if can(info.context.scope.viewer, Permission.CITIZEN_CONTACT_VIEW, self.tenant_id):
            return self.author_contact
        return None


@strawberry.type(name="Consultation", description="A draft document put out for comments.")
class ConsultationType(Node):
    title: str = strawberry.field(description="The draft's title.")
    body: str = strawberry.field(description="The draft's full text (sanitised HTML).")
    contact: str = strawberry.field(description="Who takes questions about the draft.")
    opened_at: datetime = strawberry.field(description="When it was opened (UTC).")
    deadline: datetime = strawberry.field(
        description="The last moment comments are taken: 23:59:59 in Hà Nội of the last day."
    )
    state: ConsultationState = strawberry.field(description="Open or closed.")
    summary: str = strawberry.field(
        description="The summary of comments attached when closing (sanitised HTML)."
    )
    closed_at: datetime | None = strawberry.field(description="When it was closed (UTC).")
    files: strawberry.Private[list[dict[str, str]]]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Consultation)

    @strawberry.field(description="Its number on the portal, as in `/gop-y-du-thao/<number>`.")
    def number(self) -> int:
        return self.pk  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(name="files", description="The draft's files, as links.")
    def file_links(self) -> list[ConsultationFile]:
        return [ConsultationFile(title=f["title"], url=f["url"]) for f in self.files]

    @strawberry.field(description="Whether comments are taken now.")
    def accepts_comments(self) -> bool:
        return is_open(self)  # type: ignore[arg-type]

    @strawberry.field(
        description="Comments: the shown ones; every one (or those in `state`) for moderators."
    )
    async def comments(
        self,
        info: Info,
        state: Annotated[
            CommentState | None, strawberry.argument(description="Only this state (moderators).")
        ] = None,
    ) -> list[ConsultationCommentType]:
        rows = await comments_of(info.context.scope, self, state)  # type: ignore[arg-type]
        return rows  # type: ignore[return-value]


@strawberry.type(name="InfoRequestStep", description="One line of a request's log.")
class InfoRequestStepType:
    kind: InfoRequestStepKind = strawberry.field(description="What happened.")
    note: str = strawberry.field(description="The classification, or the reason given.")
    due_at: datetime = strawberry.field(description="The deadline after this step.")
    created_at: datetime = strawberry.field(description="When it happened (UTC).")


@strawberry.type(
    description="What the requester sees with the tracking code: the clock, the log, the "
    "answer; never the requester's personal data."
)
class InfoRequestStatus:
    row: strawberry.Private[m.InfoRequest]

    @strawberry.field(description="Where the request is.")
    def state(self) -> InfoRequestState:
        return self.row.state  # type: ignore[return-value]

    @strawberry.field(description="When it was received (UTC).")
    def received_at(self) -> datetime:
        return self.row.received_at

    @strawberry.field(description="The deadline: 23:59:59 in Hà Nội of the last working day.")
    def due_at(self) -> datetime:
        return self.row.due_at

    @strawberry.field(description="Classified as complex (15 working days).")
    def complex(self) -> bool:
        return self.row.complex

    @strawberry.field(description="The one extension was used.")
    def extended(self) -> bool:
        return self.row.extended

    @strawberry.field(description="Answered after the deadline, or still open past it.")
    def late(self) -> bool:
        return is_late(self.row)

    @strawberry.field(description="The answer, or the reason for a refusal, once given.")
    def answer(self) -> str | None:
        return self.row.answer or None

    @strawberry.field(description="Every step so far, oldest first.")
    async def log(self) -> list[InfoRequestStepType]:
        return await steps_of(self.row)  # type: ignore[return-value]


@strawberry.type(
    name="InfoRequest",
    description="An information request with the requester's personal data (handlers only).",
)
class InfoRequestType(Node):
    full_name: str = strawberry.field(description="The requester's full name.")
    address: str = strawberry.field(description="The requester's address.")
    id_number: str = strawberry.field(description="The requester's ID-card (CCCD) number.")
    phone: str = strawberry.field(description="The requester's phone number, if given.")
    email: str = strawberry.field(description="The requester's e-mail address, if given.")
    information: str = strawberry.field(description="The information asked for.")
    purpose: str = strawberry.field(description="What it is for.")
    receive_form: ReceiveForm = strawberry.field(description="The form of receiving it.")
    receive_means: ReceiveMeans = strawberry.field(description="The means of receiving it.")
    state: InfoRequestState = strawberry.field(description="Where the request is.")
    complex: bool = strawberry.field(description="Classified as complex (15 working days).")
    received_at: datetime = strawberry.field(description="When it was received (UTC).")
    due_at: datetime = strawberry.field(description="The current deadline.")
    extended: bool = strawberry.field(description="The one extension was used.")
    answer: str = strawberry.field(description="The answer or the refusal's reason.")
    closed_at: datetime | None = strawberry.field(description="When it was answered or refused.")
    tracking_code: strawberry.Private[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.InfoRequest)

    @strawberry.field(name="trackingCode", description="The requester's tracking code.")
    def code(self) -> str:
        return format_code(self.tracking_code)

    @strawberry.field(description="Answered after the deadline, or still open past it.")
    def late(self) -> bool:
        return is_late(self)  # type: ignore[arg-type]

    @strawberry.field(description="Every step so far, oldest first.")
    async def log(self) -> list[InfoRequestStepType]:
        return await steps_of(self)  # type: ignore[arg-type,return-value]


@strawberry.type(
    name="DisclosureItem",
    description="One line of the list of information that must be disclosed "
    "(Law 104/2016 Art. 19(1)(g)).",
)
class DisclosureItemType(Node):
    title: str = strawberry.field(description="The information.")
    address: str = strawberry.field(description="Where it is published (a link).")
    form: str = strawberry.field(description="The form of disclosure.")
    disclosure_time: str = strawberry.field(description="When it is disclosed.")
    duration: str = strawberry.field(description="How long it stays disclosed.")
    position: int = strawberry.field(description="Its place in the list (ascending).")

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.DisclosureItem)


@strawberry.type(description="Counts of ratings.")
class RatingCounts:
    satisfied: int = strawberry.field(description="Satisfied readers.")
    neutral: int = strawberry.field(description="Neither satisfied nor unsatisfied.")
    unsatisfied: int = strawberry.field(description="Unsatisfied readers.")

    @strawberry.field(description="All ratings.")
    def total(self) -> int:
        return self.satisfied + self.neutral + self.unsatisfied

    @strawberry.field(description="Share of satisfied ratings, 0–1 (null without ratings).")
    def satisfied_share(self) -> float | None:
        total = self.satisfied + self.neutral + self.unsatisfied
        return round(self.satisfied / total, 4) if total else None


@strawberry.type(description="Counts of ratings of one page.")
class PageRatings(RatingCounts):
    path: str = strawberry.field(description="The page's path on the portal.")


@strawberry.type(description="A portal's satisfaction ratings over a period.")
class RatingStatistics:
    overall: RatingCounts = strawberry.field(description="Every page of the portal.")
    pages: list[PageRatings] = strawberry.field(description="The 50 most rated pages.")


# --- inputs --------------------------------------------------------------------------------


@strawberry.input(description="A file of a draft, as a link.")
class ConsultationFileInput:
    title: str = strawberry.field(description="What the file is.")
    url: str = strawberry.field(description="An http(s) URL or a path on the portal.")


@strawberry.input(description="A draft put out for comments.")
class ConsultationInput:
    title: str = strawberry.field(description="The draft's title (at most 300 characters).")
    body: str = strawberry.field(description="The full text (HTML; sanitised).")
    deadline: date = strawberry.field(
        description="The last day comments are taken (Hà Nội); today or later."
    )
    contact: str = strawberry.field(description="Who takes questions: office, phone, e-mail.")
    files: list[ConsultationFileInput] = strawberry.field(
        default_factory=list, description="The draft's files, as links."
    )


@strawberry.input(description="A citizen's comment.")
class CommentInput:
    name: str = strawberry.field(description="Name shown with the comment (at most 100).")
    body: str = strawberry.field(description="The comment (plain text, at most 5,000).")
    consent: bool = strawberry.field(
        description="Consent to the processing of the personal data given; required."
    )
    contact: str = strawberry.field(
        default="", description="Phone or e-mail, optional; seen by moderators only."
    )


@strawberry.input(description="A request for information (Law 104/2016 Art. 24(2)).")
class InfoRequestInput:
    full_name: str = strawberry.field(description="The requester's full name.")
    address: str = strawberry.field(description="The requester's address.")
    id_number: str = strawberry.field(description="ID-card number: CCCD (12) or CMND (9).")
    information: str = strawberry.field(description="The information asked for.")
    purpose: str = strawberry.field(description="What it is for.")
    receive_form: ReceiveForm = strawberry.field(description="The form of receiving it.")
    receive_means: ReceiveMeans = strawberry.field(description="The means of receiving it.")
    consent: bool = strawberry.field(description="Consent to the processing; required.")
    phone: str = strawberry.field(default="", description="Phone (this or e-mail).")
    email: str = strawberry.field(default="", description="E-mail (this or phone).")


@strawberry.input(description="One line of the disclosure list.")
class DisclosureItemInput:
    title: str = strawberry.field(description="The information.")
    address: str = strawberry.field(description="Where it is published: a URL or a path.")
    form: str = strawberry.field(description="The form of disclosure.")
    disclosure_time: str = strawberry.field(description="When it is disclosed.")
    duration: str = strawberry.field(description="How long it stays disclosed.")
    position: int = strawberry.field(default=0, description="Its place in the list.")


# --- results -------------------------------------------------------------------------------


@strawberry.type(description="The participation mutation failed; nothing was written.")
class ParticipationError:
    code: ParticipationErrorCode = strawberry.field(description="Stable machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


@strawberry.type(description="The consultation as it is now.")
class ConsultationSaved:
    consultation: ConsultationType = strawberry.field(description="The consultation.")


@strawberry.type(description="The comment was received; it is public once a moderator shows it.")
class CommentReceived:
    comment: ConsultationCommentType = strawberry.field(description="The comment.")


@strawberry.type(description="The comment's new state.")
class CommentModerated:
    comment: ConsultationCommentType = strawberry.field(description="The comment.")


@strawberry.type(description="The request was received.")
class InfoRequestReceived:
    tracking_code: str = strawberry.field(
        description="The tracking code: shown to the requester this once (and mailed)."
    )
    status: InfoRequestStatus = strawberry.field(description="The clock and the log.")


@strawberry.type(description="The request as it is now.")
class InfoRequestSaved:
    request: InfoRequestType = strawberry.field(description="The request.")


@strawberry.type(description="The item as it is now.")
class DisclosureItemSaved:
    item: DisclosureItemType = strawberry.field(description="The item.")


@strawberry.type(description="The item was removed.")
class DisclosureItemDeleted:
    deleted_id: strawberry.ID = strawberry.field(description="The removed item's ID.")


@strawberry.type(description="The rating was counted.")
class RatingCounted:
    counted: bool = strawberry.field(description="Always true.")


def _union(name: str, description: str) -> Any:
    return strawberry.union(name, description=description)


ConsultationResult = Annotated[
    ConsultationSaved | ParticipationError,
    _union("ConsultationResult", "Outcome of opening or closing a consultation."),
]
CommentSubmitResult = Annotated[
    CommentReceived | ParticipationError,
    _union("CommentSubmitResult", "Outcome of sending a comment."),
]
CommentModerateResult = Annotated[
    CommentModerated | ParticipationError,
    _union("CommentModerateResult", "Outcome of moderating a comment."),
]
InfoRequestSubmitResult = Annotated[
    InfoRequestReceived | ParticipationError,
    _union("InfoRequestSubmitResult", "Outcome of sending a request for information."),
]
InfoRequestResult = Annotated[
    InfoRequestSaved | ParticipationError,
    _union("InfoRequestResult", "Outcome of a handler's step on a request."),
]
DisclosureItemResult = Annotated[
    DisclosureItemSaved | ParticipationError,
    _union("DisclosureItemResult", "Outcome of adding or changing a disclosure item."),
]
DisclosureItemDeleteResult = Annotated[
    DisclosureItemDeleted | ParticipationError,
    _union("DisclosureItemDeleteResult", "Outcome of removing a disclosure item."),
]
RatingResult = Annotated[
    RatingCounted | ParticipationError,
    _union("RatingResult", "Outcome of rating a page."),
]
