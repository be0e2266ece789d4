"""Tables of the participation domain (migration 0020).

Personal data lives in exactly three places: a comment's name and contact,
and an information request's requester fields. Nothing else here names a
person; ratings keep only the page, the score and the day.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Any

from tortoise import fields
from tortoise.indexes import Index

from hub.models.base import TenantOwned


class ConsultationState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CommentState(StrEnum):
    RECEIVED = "received"  # waiting for moderation: never public
    SHOWN = "shown"
    HIDDEN = "hidden"


class Consultation(TenantOwned):
    """A draft document put out for comments until its deadline (Law 104 Art. 17(1)(c))."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=300)
    body = fields.TextField()  # sanitised HTML (hub/text/html.py)
    # [{"title": …, "url": …}]: the draft's files, as links (media assets have URLs too).
    files: Any = fields.JSONField(default=list)
    contact = fields.CharField(max_length=500)  # the office that takes questions: public
    opened_at = fields.DatetimeField()
    deadline = fields.DatetimeField()  # end of the last day (23:59:59 in Hà Nội)
    state = fields.CharEnumField(ConsultationState, max_length=16, default=ConsultationState.OPEN)
    summary = fields.TextField(default="")  # sanitised HTML, attached when closing
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "consultation"
        indexes = (Index(fields=("tenant_id", "opened_at"), name="consultation_list"),)
        ordering = ["-opened_at", "-id"]


class ConsultationComment(TenantOwned):
    """One citizen's comment on a draft; public only once a moderator shows it."""

    id = fields.IntField(primary_key=True)
    consultation: fields.ForeignKeyRelation[Consultation] = fields.ForeignKeyField(
        "models.Consultation", related_name="comments", on_delete=fields.CASCADE
    )
    author_name = fields.CharField(max_length=100)  # shown with the comment
    author_contact = fields.CharField(max_length=200, default="")  # personal: moderators only
    body = fields.TextField()  # plain text
    consent = fields.BooleanField(default=False)
    state = fields.CharEnumField(CommentState, max_length=16, default=CommentState.RECEIVED)
    moderated_at = fields.DatetimeField(null=True)

    consultation_id: int

    class Meta:
        table = "consultation_comment"
        indexes = (Index(fields=("consultation_id", "state"), name="consultation_comment_list"),)
        ordering = ["created_at", "id"]


class RequestState(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"  # classified (simple or complex), maybe extended
    ANSWERED = "answered"
    REFUSED = "refused"


class ReceiveForm(StrEnum):
    """The form the information is received in (Law 104 Art. 24(2))."""

    ELECTRONIC = "electronic"  # a file
    PAPER = "paper"  # a paper copy
    VIEWING = "viewing"  # read, listened to or copied at the office


class ReceiveMeans(StrEnum):
    """How it reaches the requester."""

    EMAIL = "email"
    POST = "post"
    IN_PERSON = "in_person"


class StepKind(StrEnum):
    RECEIVED = "received"
    CLASSIFIED = "classified"
    EXTENDED = "extended"
    ANSWERED = "answered"
    REFUSED = "refused"


class InfoRequest(TenantOwned):
    """A request for information (Law 104/2016 Art. 24) and its clock."""

    id = fields.IntField(primary_key=True)
    tracking_code = fields.CharField(max_length=32, unique=True)
    # The requester (Art. 24(2)): personal data, for the handlers only.
    full_name = fields.CharField(max_length=100)
    address = fields.CharField(max_length=300)
    id_number = fields.CharField(max_length=20)  # CCCD
    phone = fields.CharField(max_length=20, default="")
    email = fields.CharField(max_length=200, default="")
    information = fields.TextField()
    purpose = fields.TextField()
    receive_form = fields.CharField(max_length=16)  # electronic, paper, viewing
    receive_means = fields.CharField(max_length=16)  # email, post, in_person
    consent = fields.BooleanField(default=False)
    # The clock.
    state = fields.CharEnumField(RequestState, max_length=16, default=RequestState.RECEIVED)
    received_at = fields.DatetimeField()
    complex = fields.BooleanField(default=False)
    due_at = fields.DatetimeField()
    extended = fields.BooleanField(default=False)
    answer = fields.TextField(default="")
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "info_request"
        indexes = (Index(fields=("tenant_id", "state", "due_at"), name="info_request_queue"),)
        ordering = ["-received_at", "-id"]


class InfoRequestStep(TenantOwned):
    """One line of a request's log (Decree 13/2018 Art. 10's tracking book)."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[InfoRequest] = fields.ForeignKeyField(
        "models.InfoRequest", related_name="steps", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(StepKind, max_length=16)
    note = fields.TextField(default="")  # a reason or a classification: never personal data
    due_at = fields.DatetimeField()  # the deadline after this step

    request_id: int

    class Meta:
        table = "info_request_step"
        indexes = (Index(fields=("request_id", "created_at"), name="info_request_log"),)
        ordering = ["created_at", "id"]


class DisclosureItem(TenantOwned):
    """One line of the list of information that must be disclosed (Law 104 Art. 19(1)(g))."""

    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=300)
    address = fields.CharField(max_length=500)  # where it is published: a link
    form = fields.CharField(max_length=300)  # how: on the portal, posted at the office…
    disclosure_time = fields.CharField(max_length=300)  # when it is published
    duration = fields.CharField(max_length=300)  # how long it stays
    position = fields.IntField(default=0)

    class Meta:
        table = "disclosure_item"
        ordering = ["position", "id"]


class Satisfaction(IntEnum):
    UNSATISFIED = 1
    NEUTRAL = 2
    SATISFIED = 3


class SatisfactionRating(TenantOwned):
    """One anonymous rating of one page: no person, no address, no cookie value."""

    id = fields.IntField(primary_key=True)
    path = fields.CharField(max_length=300)
    score = fields.SmallIntField()

    class Meta:
        table = "satisfaction_rating"
        indexes = (Index(fields=("tenant_id", "created_at"), name="satisfaction_rating_period"),)
