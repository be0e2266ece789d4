"""Information requests (REGULATIONS statement 11; Law 104/2016 Arts 24 and 28).

The form requires what Art. 24(2) lists: the requester's full name, address
and ID-card (CCCD) number, a phone or an e-mail, the information asked for,
the purpose, and the form and means of receiving it; and consent to the
processing of these personal data.

The clock, in Vietnam's working days (:mod:`hub.working_days`): a request
starts with **3 working days** (information that is available is given at
once or within 3 days); a handler who classifies it as complex sets **15
working days** from receipt; **one extension** of 15 working days, with a
reason, moves the current deadline. Every step is a line of the request's
log. The requester follows it with a random tracking code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission
from hub.events.outbox import EventType, emit
from hub.mail.addresses import normalise_address
from hub.participation.codes import new_tracking_code, normalise_code
from hub.participation.errors import Code, check, fail, text
from hub.participation.models import (
    InfoRequest,
    InfoRequestStep,
    ReceiveForm,
    ReceiveMeans,
    RequestState,
    StepKind,
)
from hub.participation.notify import request_mail
from hub.working_days import END_OF_DAY, VIETNAM, add_working_days, deadline_after, local_date
from tenants.models import Tenant
from tenants.scope import Scope

SIMPLE_DAYS = 3
COMPLEX_DAYS = 15
EXTENSION_DAYS = 15
RECEIVE_FORMS = frozenset(ReceiveForm)
RECEIVE_MEANS = frozenset(ReceiveMeans)
MAX_NAME = 100
MAX_ADDRESS = 300
MAX_EMAIL = 200
MAX_TEXT = 5_000
MAX_NOTE = 2_000
MAX_ANSWER = 50_000
CLOSED = (RequestState.ANSWERED, RequestState.REFUSED)

_ID_NUMBER = re.compile(r"^(\d{9}|\d{12})$")  # CMND (9) or CCCD (12)
_PHONE = re.compile(r"^\+?[0-9][0-9 .-]{7,18}$")


@dataclass
class RequestFields:
    """The form of Art. 24(2)."""

    full_name: str
    address: str
    id_number: str
    information: str
    purpose: str
    receive_form: str
    receive_means: str
    consent: bool
    phone: str = ""
    email: str = ""


def extended_deadline(due: datetime, days: int = EXTENSION_DAYS) -> datetime:
    """``days`` working days after the day of ``due``, at its last second in Hà Nội."""
    day = add_working_days(local_date(due), days)
    return datetime.combine(day, END_OF_DAY, tzinfo=VIETNAM)


def _check_fields(f: RequestFields) -> dict[str, Any]:
    values = {
        "full_name": text(f.full_name, "fullName", MAX_NAME),
        "address": text(f.address, "address", MAX_ADDRESS),
        "id_number": re.sub(r"\s", "", f.id_number),
        "phone": text(f.phone, "phone", 20, required=False),
        "email": text(f.email, "email", MAX_EMAIL, required=False),
        "information": text(f.information, "information", MAX_TEXT),
        "purpose": text(f.purpose, "purpose", MAX_TEXT),
        "receive_form": f.receive_form,
        "receive_means": f.receive_means,
    }
    if not _ID_NUMBER.match(values["id_number"]):
        raise fail(Code.INVALID_INPUT, "the ID number has 12 digits (CCCD) or 9", "idNumber")
    if not values["phone"] and not values["email"]:
        raise fail(Code.INVALID_INPUT, "a phone number or an e-mail address is needed", "phone")
    if values["phone"] and not _PHONE.match(values["phone"]):
        raise fail(Code.INVALID_INPUT, "not a phone number", "phone")
    if values["email"]:
        # The mail module's check is the one rule: the receipt must be sendable.
        try:
            values["email"] = normalise_address(values["email"])
        except ValueError as exc:
            raise fail(Code.INVALID_INPUT, "not an e-mail address", "email") from exc
    if f.receive_form not in RECEIVE_FORMS:
        raise fail(Code.INVALID_INPUT, "unknown form of receiving", "receiveForm")
    if f.receive_means not in RECEIVE_MEANS:
        raise fail(Code.INVALID_INPUT, "unknown means of receiving", "receiveMeans")
    if f.receive_means == "email" and not values["email"]:
        raise fail(Code.INVALID_INPUT, "an e-mail address is needed to receive by e-mail", "email")
    if not f.consent:
        raise fail(Code.CONSENT_REQUIRED, "consent to the processing is required", "consent")
    return values


async def _step(request: InfoRequest, kind: StepKind, note: str = "") -> InfoRequestStep:
    """A line of the log, and the event that announces it (ids, states and dates only)."""
    step = await InfoRequestStep.create(
        tenant_id=request.tenant_id,
        request_id=request.id,
        kind=kind,
        note=note,
        due_at=request.due_at,
    )
    await emit(
        EventType.INFOREQUEST_RECEIVED
        if kind == StepKind.RECEIVED
        else EventType.INFOREQUEST_CHANGED,
        tenant_id=request.tenant_id,
        object_type="InfoRequest",
        object_id=request.id,
        payload={
            "step": kind.value,
            "state": request.state.value,
            "dueAt": request.due_at.isoformat(),
            "extended": request.extended,
        },
    )
    return step


async def inforequest_submit(
    tenant: Tenant, fields: RequestFields, *, moment: datetime | None = None
) -> InfoRequest:
    """Receive a request: tracking code, a 3-working-day clock, the log's first line."""
    values = _check_fields(fields)
    moment = moment or now()
    async with in_transaction():
        request = await InfoRequest.create(
            tenant_id=tenant.id,
            tracking_code=new_tracking_code(),
            consent=True,
            received_at=moment,
            due_at=deadline_after(moment, SIMPLE_DAYS),
            **values,
        )
        await _step(request, StepKind.RECEIVED)
        await request_mail("inforequest_receipt", request, tenant)
    return request


async def _open_request(scope: Scope, request_id: int) -> InfoRequest:
    # Escape hatch: found by id, then checked against its own portal's roles.
    request = await InfoRequest.unscoped().get_or_none(id=request_id)
    if request is None:
        raise fail(Code.NOT_FOUND, "no such information request", "request")
    check(scope.viewer, Permission.INFOREQUEST_HANDLE, request.tenant_id)
    if request.state in CLOSED:
        raise fail(Code.ALREADY_CLOSED, "the request is already answered or refused")
    return request


async def inforequest_classify(
    scope: Scope, request_id: int, complex: bool, note: str = ""
) -> InfoRequest:
    """Simple (3 working days from receipt) or complex (15); not after an extension."""
    request = await _open_request(scope, request_id)
    note = text(note, "note", MAX_NOTE, required=False)
    if request.extended:
        raise fail(Code.ALREADY_EXTENDED, "the deadline was extended; it stays as it is")
    async with in_transaction():
        request.complex = complex
        request.due_at = deadline_after(
            request.received_at, COMPLEX_DAYS if complex else SIMPLE_DAYS
        )
        request.state = RequestState.IN_PROGRESS
        await request.save(update_fields=["complex", "due_at", "state", "updated_at"])
        await _step(request, StepKind.CLASSIFIED, note)
    return request


async def inforequest_extend(scope: Scope, request_id: int, reason: str) -> InfoRequest:
    """The one extension the law allows: 15 working days more, with a reason."""
    request = await _open_request(scope, request_id)
    reason = text(reason, "reason", MAX_NOTE)
    if request.extended:
        raise fail(Code.ALREADY_EXTENDED, "a request may be extended once")
    async with in_transaction():
        request.extended = True
        request.due_at = extended_deadline(request.due_at)
        request.state = RequestState.IN_PROGRESS
        await request.save(update_fields=["extended", "due_at", "state", "updated_at"])
        await _step(request, StepKind.EXTENDED, reason)
    return request


async def _close(
    scope: Scope, request_id: int, state: RequestState, kind: StepKind, words: str, field: str
) -> InfoRequest:
    request = await _open_request(scope, request_id)
    words = text(words, field, MAX_ANSWER)
    async with in_transaction():
        request.state = state
        request.answer = words
        request.closed_at = now()
        await request.save(update_fields=["state", "answer", "closed_at", "updated_at"])
        # The answer itself is in `answer`; a refusal's reason is the log's note too.
        await _step(request, kind, words if kind == StepKind.REFUSED else "")
        await request_mail("inforequest_answer", request, None)
    return request


async def inforequest_answer(scope: Scope, request_id: int, answer: str) -> InfoRequest:
    """Give the information (or where it is): closes the request."""
    return await _close(
        scope, request_id, RequestState.ANSWERED, StepKind.ANSWERED, answer, "answer"
    )


async def inforequest_refuse(scope: Scope, request_id: int, reason: str) -> InfoRequest:
    """Refuse, with the reason the law requires (Art. 28(2)): closes the request."""
    return await _close(scope, request_id, RequestState.REFUSED, StepKind.REFUSED, reason, "reason")


async def inforequest_by_code(tenant: Tenant, code: str) -> InfoRequest | None:
    """The request with this tracking code on this portal, or None."""
    folded = normalise_code(code)
    if folded is None:
        return None
    return await InfoRequest.visible(Scope(tenant=tenant)).get_or_none(tracking_code=folded)


async def steps_of(request: InfoRequest) -> list[InfoRequestStep]:
    return list(await InfoRequestStep.filter(request_id=request.id))


def is_late(request: InfoRequest, moment: datetime | None = None) -> bool:
    """Past its deadline and still open, or closed after it."""
    end = request.closed_at or moment or now()
    return end > request.due_at
