"""A citizen sends an initiative: checked, limited, stored whole or not at all, receipted.

:func:`submit_initiative` is the one way in (the GraphQL mutation, the
no-JavaScript form and the importers all call it). Everything it writes —
the initiative, its attachments' links, the first log line, the outbox
event and the receipt mail — is one transaction: a dropped connection
leaves all of it or none, and the citizen's retry with the same
idempotency key then either finds the initiative or makes it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import BinaryIO

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.events.outbox import EventType, emit
from hub.initiatives.models import (
    Initiative,
    InitiativeAttachment,
    InitiativeStatus,
    InitiativeStep,
    InitiativeTopic,
)
from hub.mail import queue_mail
from hub.mail.addresses import normalise_address
from hub.models.media import MediaAsset, MediaKind
from hub.services.errors import ServiceError
from hub.services.media import MediaText, MiB, accept_file
from hub.text.folding import nfc
from hub.working_days import deadline_after, vietnamese_date
from tenants.models import Tenant

MAX_TITLE = 300
MAX_CONTENT = 20_000
MAX_NAME = 200
MAX_PHONE = 30
MAX_ADDRESS = 300
MAX_ATTACHMENTS = 3
# Citizens send pictures and documents (PDF, Office), smaller than editors may.
ATTACHMENT_LIMITS = {MediaKind.IMAGE: 10 * MiB, MediaKind.DOCUMENT: 10 * MiB}
# Moderators screen and route a new initiative within this many working days.
SCREENING_DAYS = 3
# Per sender address and per contact (a ward office shares one NAT address).
PER_ADDRESS = (10, timedelta(hours=1))
PER_CONTACT = (5, timedelta(days=1))
# Unambiguous letters and digits for a code read aloud over the phone.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# What the citizen agrees to, stored word for word with the initiative.
CONSENT_TEXT = (
    "Tôi đồng ý để cơ quan nhà nước xử lý họ tên và thông tin liên hệ của tôi nhằm "
    "tiếp nhận, chuyển xử lý, trả lời sáng kiến này và thông báo kết quả cho tôi; "
    "thông tin liên hệ không được công khai (Nghị định 13/2023/NĐ-CP)."
)


class InitiativeErrorCode(StrEnum):
    """Why an initiative call failed; nothing was written."""

    INVALID_INPUT = "INVALID_INPUT"
    CONSENT_REQUIRED = "CONSENT_REQUIRED"
    RATE_LIMITED = "RATE_LIMITED"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    WRONG_STATUS = "WRONG_STATUS"
    INVALID_ATTACHMENT = "INVALID_ATTACHMENT"


@dataclass
class InitiativeDraft:
    """What a citizen sends (attachments already accepted as media assets)."""

    title: str
    content: str
    topic: str
    contact_name: str
    contact_email: str
    consent: bool
    contact_phone: str = ""
    contact_address: str = ""
    place_tenant_id: int | None = None
    language: str = "vi"
    # (file name, file) pairs; each goes through the media checks inside the submit.
    files: list[tuple[str, BinaryIO]] = field(default_factory=list)


@dataclass
class Submitted:
    """The stored initiative; ``created`` is False when an earlier try made it."""

    initiative: Initiative
    created: bool


def _fail(code: InitiativeErrorCode, message: str, field_name: str | None = None) -> ServiceError:
    return ServiceError(code, message, field_name)


def pseudonym(kind: str, value: str) -> str:
    """A stable hash of an address or e-mail, for limits; the value itself is not kept."""
    return hashlib.sha256(f"thudo.{kind}:{value.strip().lower()}".encode()).hexdigest()


def new_tracking_code() -> str:
    """``SK-XXXX-XXXX``: 40 random bits, enough that guessing one is hopeless."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"SK-{raw[:4]}-{raw[4:]}"


def normalise_tracking_code(code: str) -> str:
    """What a citizen types (any case, spaces) as stored."""
    letters = "".join(ch for ch in code.upper() if ch.isalnum())
    if letters.startswith("SK"):
        letters = letters[2:]
    return f"SK-{letters[:4]}-{letters[4:8]}" if len(letters) == 8 else ""


def _text(value: str, limit: int, field_name: str, *, required: bool = True) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise _fail(InitiativeErrorCode.INVALID_INPUT, f"{field_name} is required", field_name)
    if len(text) > limit:
        raise _fail(
            InitiativeErrorCode.INVALID_INPUT,
            f"{field_name} may be at most {limit} characters",
            field_name,
        )
    return text


def checked_email(value: str, field_name: str = "contactEmail") -> str:
    """An e-mail address as kept (the mail module's form, lower case), or INVALID_INPUT.

    The mail module's check is the one rule: an address it would refuse at
    queue time must be refused here, before anything is written.
    """
    try:
        return normalise_address(_text(value, 254, field_name)).lower()
    except ValueError as exc:
        raise _fail(InitiativeErrorCode.INVALID_INPUT, "not an e-mail address", field_name) from exc


def _checked(draft: InitiativeDraft) -> InitiativeDraft:
    """The draft with every text cleaned and bounded, or a ServiceError naming the field."""
    if not draft.consent:
        raise _fail(
            InitiativeErrorCode.CONSENT_REQUIRED,
            "consent to the processing of personal data is required",
            "consent",
        )
    if draft.topic not in {t.value for t in InitiativeTopic}:
        raise _fail(InitiativeErrorCode.INVALID_INPUT, "unknown field", "topic")
    if len(draft.files) > MAX_ATTACHMENTS:
        raise _fail(
            InitiativeErrorCode.INVALID_INPUT,
            f"at most {MAX_ATTACHMENTS} attachments",
            "attachments",
        )
    return InitiativeDraft(
        title=_text(draft.title, MAX_TITLE, "title"),
        content=_text(draft.content, MAX_CONTENT, "content"),
        topic=draft.topic,
        contact_name=_text(draft.contact_name, MAX_NAME, "contactName"),
        contact_email=checked_email(draft.contact_email),
        consent=True,
        contact_phone=_text(draft.contact_phone, MAX_PHONE, "contactPhone", required=False),
        contact_address=_text(draft.contact_address, MAX_ADDRESS, "contactAddress", required=False),
        place_tenant_id=draft.place_tenant_id,
        language="en" if draft.language == "en" else "vi",
        files=list(draft.files),
    )


def fingerprint(draft: InitiativeDraft) -> str:
    """Of what was sent: a reused idempotency key with other content is a mistake."""
    parts = [draft.title, draft.content, draft.topic, draft.contact_email]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


async def _within_limits(sender_key: str, contact_key: str) -> None:
    moment = now()
    for column, key, (most, window) in (
        ("sender_key", sender_key, PER_ADDRESS),
        ("contact_key", contact_key, PER_CONTACT),
    ):
        recent = await Initiative.filter(
            **{column: key, "received_at__gte": moment - window}
        ).count()
        if recent >= most:
            raise _fail(
                InitiativeErrorCode.RATE_LIMITED,
                "too many initiatives from this sender; please try again later",
            )


async def _lock_senders(*keys: str) -> None:
    """Serialise submits of one sender (PostgreSQL; SQLite has one writer already)."""
    connection = connections.get("default")
    if connection.capabilities.dialect != "postgres":
        return
    for key in sorted(keys):  # always in the same order: no deadlock between two
        await connection.execute_query(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]
        )


async def find_by_key(idempotency_key: str, draft: InitiativeDraft) -> Initiative | None:
    """The initiative an earlier try with this key made, if the content is the same."""
    earlier = await Initiative.get_or_none(idempotency_key=idempotency_key)
    if earlier is not None and earlier.fingerprint != fingerprint(draft):
        raise _fail(
            InitiativeErrorCode.IDEMPOTENCY_KEY_REUSED,
            "this idempotency key was used for another initiative",
            "idempotencyKey",
        )
    return earlier


async def submit_initiative(
    portal: Tenant,
    draft: InitiativeDraft,
    *,
    idempotency_key: str,
    sender_address: str,
    received_at: datetime | None = None,
) -> Submitted:
    """Store a citizen's initiative once, log it, announce it and queue the receipt.

    ``received_at`` is now, except for an importer bringing older initiatives
    (their deadlines count from when they were really received).
    """
    key = (idempotency_key or "").strip()
    if not 16 <= len(key) <= 80:
        raise _fail(
            InitiativeErrorCode.INVALID_INPUT,
            "an idempotency key of 16 to 80 characters is required",
            "idempotencyKey",
        )
    draft = _checked(draft)
    earlier = await find_by_key(key, draft)
    if earlier is not None:
        return Submitted(earlier, created=False)
    if draft.place_tenant_id is not None and not await Tenant.exists(id=draft.place_tenant_id):
        raise _fail(InitiativeErrorCode.INVALID_INPUT, "no such unit", "place")
    sender_key = pseudonym("address", sender_address)
    contact_key = pseudonym("email", draft.contact_email)
    try:
        async with in_transaction():
            # Counted inside the transaction, after taking the sender's lock: a burst
            # of parallel submits cannot all see the count below the limit.
            await _lock_senders(sender_key, contact_key)
            await _within_limits(sender_key, contact_key)
            initiative = await _store(
                portal, draft, key, sender_key, contact_key, received_at or now()
            )
    except IntegrityError:
        # Two tries with one key at once: the other one committed first.
        earlier = await find_by_key(key, draft)
        if earlier is None:
            raise
        return Submitted(earlier, created=False)
    return Submitted(initiative, created=True)


async def _store(
    portal: Tenant,
    draft: InitiativeDraft,
    key: str,
    sender_key: str,
    contact_key: str,
    moment: datetime,
) -> Initiative:
    initiative = await Initiative.create(
        tenant_id=portal.id,
        place_tenant_id=draft.place_tenant_id,
        topic=draft.topic,
        title=draft.title,
        content=draft.content,
        tracking_code=new_tracking_code(),
        idempotency_key=key,
        fingerprint=fingerprint(draft),
        contact_name=draft.contact_name,
        contact_email=draft.contact_email,
        contact_phone=draft.contact_phone,
        contact_address=draft.contact_address,
        consent_text=CONSENT_TEXT,
        sender_key=sender_key,
        contact_key=contact_key,
        language=draft.language,
        received_at=moment,
        due_at=deadline_after(moment, SCREENING_DAYS),
    )
    for name, file in draft.files:
        asset = await _accept_attachment(portal, name, file)
        await InitiativeAttachment.create(initiative_id=initiative.id, asset_id=asset.id)
    await InitiativeStep.create(
        initiative_id=initiative.id, action="received", to_status=InitiativeStatus.RECEIVED
    )
    await emit(
        EventType.INITIATIVE_RECEIVED,
        tenant_id=portal.id,
        object_type="Initiative",
        object_id=initiative.id,
        payload={"status": InitiativeStatus.RECEIVED.value, "topic": draft.topic},
    )
    await queue_mail(
        "initiative_receipt",
        to=draft.contact_email,
        language=draft.language,
        context={
            "name": draft.contact_name,
            "title": draft.title,
            "code": initiative.tracking_code,
            "portal": portal.name,
            "received": vietnamese_date(moment),
        },
        purpose="initiative.receipt",
        tenant_id=portal.id,
        object_type="Initiative",
        object_id=initiative.id,
    )
    return initiative


async def _accept_attachment(portal: Tenant, name: str, file: BinaryIO) -> MediaAsset:
    """One attachment through the media checks, kept private in the portal's library."""
    try:
        return await accept_file(
            portal,
            name,
            file,
            # The media library asks a text alternative of every picture.
            text=MediaText(alt_text="Ảnh đính kèm sáng kiến của công dân"),
            limits=ATTACHMENT_LIMITS,
        )
    except ServiceError as exc:
        raise _fail(
            InitiativeErrorCode.INVALID_ATTACHMENT, f"{name}: {exc.message}", "attachments"
        ) from exc
