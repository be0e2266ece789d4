"""Consultations on drafts (REGULATIONS statement 10; Law 104/2016 Art. 17(1)(c)).

A draft is opened with its full text, files, a contact and a deadline (a day:
comments are taken until 23:59:59 of it in Hà Nội). Citizens comment with a
name, an optional contact and their consent; a comment is public only once a
moderator shows it. After the deadline comments are refused and the
consultation is closed with a summary of the comments received.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, can
from hub.events.outbox import EventType, emit
from hub.participation.errors import Code, check, fail, text
from hub.participation.models import (
    CommentState,
    Consultation,
    ConsultationComment,
    ConsultationState,
)
from hub.text.html import sanitize_html
from hub.working_days import END_OF_DAY, VIETNAM, local_date
from tenants.models import Tenant
from tenants.scope import Scope

MAX_TITLE = 300
MAX_BODY = 500_000
MAX_CONTACT = 500
MAX_FILES = 20
MAX_FILE_TITLE = 200
MAX_URL = 500
MAX_NAME = 100
MAX_COMMENT_CONTACT = 200
MAX_COMMENT = 5_000
MAX_SUMMARY = 200_000


@dataclass
class ConsultationFields:
    """What an editor gives when opening a consultation."""

    title: str
    body: str  # HTML; sanitised here
    deadline: date
    contact: str
    files: list[tuple[str, str]] = field(default_factory=list)  # (title, URL)


@dataclass
class CommentFields:
    """What a citizen sends."""

    name: str
    body: str
    consent: bool
    contact: str = ""


def end_of(day: date) -> datetime:
    """The last second of ``day`` in Hà Nội: the consultation takes comments until then."""
    return datetime.combine(day, END_OF_DAY, tzinfo=VIETNAM)


def is_open(consultation: Consultation, moment: datetime | None = None) -> bool:
    """Open and before its deadline."""
    moment = moment or now()
    return consultation.state == ConsultationState.OPEN and moment <= consultation.deadline


def _link(url: str, name: str) -> str:
    url = text(url, name, MAX_URL)
    parts = urlsplit(url)
    local = url.startswith("/") and not url.startswith("//")
    if not local and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise fail(Code.INVALID_INPUT, f"{name} must be an http(s) URL or a path", name)
    return url


async def consultation_open(
    scope: Scope, tenant: Tenant, fields: ConsultationFields, *, moment: datetime | None = None
) -> Consultation:
    """Put a draft out for comments (CONSULTATION_MANAGE)."""
    check(scope.viewer, Permission.CONSULTATION_MANAGE, tenant.id)
    moment = moment or now()
    title = text(fields.title, "title", MAX_TITLE)
    body = sanitize_html(text(fields.body, "body", MAX_BODY))
    contact = text(fields.contact, "contact", MAX_CONTACT)
    if fields.deadline < local_date(moment):
        raise fail(Code.INVALID_INPUT, "the deadline has already passed", "deadline")
    if len(fields.files) > MAX_FILES:
        raise fail(Code.INVALID_INPUT, f"at most {MAX_FILES} files", "files")
    files = [
        {"title": text(t, "files.title", MAX_FILE_TITLE), "url": _link(u, "files.url")}
        for t, u in fields.files
    ]
    async with in_transaction():
        consultation = await Consultation.create(
            tenant_id=tenant.id,
            title=title,
            body=body,
            files=files,
            contact=contact,
            opened_at=moment,
            deadline=end_of(fields.deadline),
        )
        await emit(
            EventType.CONSULTATION_OPENED,
            tenant_id=tenant.id,
            object_type="Consultation",
            object_id=consultation.id,
            payload={"state": "open", "deadline": fields.deadline.isoformat()},
        )
    return consultation


async def comment_submit(
    tenant: Tenant,
    consultation_id: int,
    fields: CommentFields,
    *,
    moment: datetime | None = None,
) -> ConsultationComment:
    """A citizen's comment, waiting for moderation; refused after the deadline."""
    moment = moment or now()
    consultation = await Consultation.visible(Scope(tenant=tenant)).get_or_none(id=consultation_id)
    if consultation is None:
        raise fail(Code.NOT_FOUND, "no such consultation on this portal", "consultation")
    if consultation.state == ConsultationState.CLOSED:
        raise fail(Code.CONSULTATION_CLOSED, "the consultation is closed", "consultation")
    if moment > consultation.deadline:
        raise fail(Code.DEADLINE_PASSED, "the deadline for comments has passed", "consultation")
    name = text(fields.name, "name", MAX_NAME)
    contact = text(fields.contact, "contact", MAX_COMMENT_CONTACT, required=False)
    body = text(fields.body, "body", MAX_COMMENT)
    if not fields.consent:
        raise fail(Code.CONSENT_REQUIRED, "consent to the processing is required", "consent")
    # Not an event: a comment is not public until it is shown.
    return await ConsultationComment.create(
        tenant_id=tenant.id,
        consultation_id=consultation.id,
        author_name=name,
        author_contact=contact,
        body=body,
        consent=True,
    )


async def comment_moderate(
    scope: Scope, comment_id: int, state: CommentState
) -> ConsultationComment:
    """Show or hide a comment (CONSULTATION_MANAGE of its portal)."""
    if state == CommentState.RECEIVED:
        raise fail(Code.INVALID_INPUT, "a comment is shown or hidden", "state")
    # Escape hatch: found by id, then checked against its own portal's roles.
    comment = await ConsultationComment.unscoped().get_or_none(id=comment_id)
    if comment is None:
        raise fail(Code.NOT_FOUND, "no such comment", "comment")
    check(scope.viewer, Permission.CONSULTATION_MANAGE, comment.tenant_id)
    async with in_transaction():
        comment.state = state
        comment.moderated_at = now()
        await comment.save(update_fields=["state", "moderated_at", "updated_at"])
        await emit(
            EventType.CONSULTATION_CHANGED,
            tenant_id=comment.tenant_id,
            object_type="Consultation",
            object_id=comment.consultation_id,
            payload={"comment": comment.id, "commentState": state.value},
        )
    return comment


async def consultation_close(
    scope: Scope, consultation_id: int, summary: str, *, moment: datetime | None = None
) -> Consultation:
    """Close after the deadline with the summary of comments (CONSULTATION_MANAGE)."""
    moment = moment or now()
    consultation = await Consultation.unscoped().get_or_none(id=consultation_id)
    if consultation is None:
        raise fail(Code.NOT_FOUND, "no such consultation", "consultation")
    check(scope.viewer, Permission.CONSULTATION_MANAGE, consultation.tenant_id)
    if consultation.state == ConsultationState.CLOSED:
        raise fail(Code.CONSULTATION_CLOSED, "the consultation is already closed")
    if moment <= consultation.deadline:
        raise fail(Code.STILL_OPEN, "comments are taken until the deadline", "consultation")
    cleaned = sanitize_html(text(summary, "summary", MAX_SUMMARY))
    async with in_transaction():
        consultation.state = ConsultationState.CLOSED
        consultation.summary = cleaned
        consultation.closed_at = moment
        await consultation.save(update_fields=["state", "summary", "closed_at", "updated_at"])
        await emit(
            EventType.CONSULTATION_CHANGED,
            tenant_id=consultation.tenant_id,
            object_type="Consultation",
            object_id=consultation.id,
            payload={"state": "closed"},
        )
    return consultation


def may_moderate(scope: Scope, tenant_id: int) -> bool:
    """Whether the viewer sees every comment and the commenters' contacts."""
    return can(scope.viewer, Permission.CONSULTATION_MANAGE, tenant_id)


async def comments_of(
    scope: Scope, consultation: Consultation, state: CommentState | None = None
) -> list[ConsultationComment]:
    """Shown comments for everyone; moderators get every state (or the one asked)."""
    qs = ConsultationComment.filter(consultation_id=consultation.id)
    if not may_moderate(scope, consultation.tenant_id):
        return list(await qs.filter(state=CommentState.SHOWN))
    return list(await (qs.filter(state=state) if state else qs))
