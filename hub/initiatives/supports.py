"""Supporting a published initiative ("ủng hộ"): once per e-mail address, confirmed by mail.

The supporter gives an e-mail address on the initiative's page; a short code
is mailed to it, and the support counts once that code is entered on the
page. A code rather than a link: a link would have to name a host the mail
cannot vouch for, and mail scanners open links. The address itself is not
kept, only a hash that makes a second support from it a no-op; the mail row
holds it until the mail purge (docs/citizens.md).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.initiatives.models import Initiative, InitiativeStatus, InitiativeSupport
from hub.initiatives.submission import (
    CODE_ALPHABET,
    InitiativeErrorCode,
    checked_email,
    pseudonym,
)
from hub.mail import queue_mail
from hub.services.errors import ServiceError

# Requests for codes from one client address, and a new code for one address.
PER_ADDRESS = (20, timedelta(hours=1))
RESEND_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class SupportOutcome:
    """``mailed``: a code went out; ``counted``: the support was already confirmed."""

    mailed: bool
    counted: bool


def _fail(code: InitiativeErrorCode, message: str, field: str | None = None) -> ServiceError:
    return ServiceError(code, message, field)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


async def _published(initiative_id: int) -> Initiative:
    initiative = await Initiative.get_or_none(id=initiative_id)
    if initiative is None or initiative.status != InitiativeStatus.PUBLISHED:
        raise _fail(InitiativeErrorCode.NOT_FOUND, "initiative not found")
    return initiative


async def request_support(
    initiative_id: int, email: str, *, sender_address: str, language: str = "vi"
) -> SupportOutcome:
    """Mail a confirmation code to ``email`` (once per address and initiative)."""
    initiative = await _published(initiative_id)
    address = checked_email(email, "email")
    email_key = pseudonym("support", address)
    sender_key = pseudonym("address", sender_address)
    moment = now()
    recent = await InitiativeSupport.filter(
        sender_key=sender_key, created_at__gte=moment - PER_ADDRESS[1]
    ).count()
    if recent >= PER_ADDRESS[0]:
        raise _fail(InitiativeErrorCode.RATE_LIMITED, "too many supports from this sender")
    async with in_transaction():
        support = await InitiativeSupport.get_or_none(
            initiative_id=initiative.id, email_key=email_key
        )
        if support is not None and support.confirmed_at is not None:
            return SupportOutcome(mailed=False, counted=True)
        if support is not None and moment - support.created_at < RESEND_AFTER:
            return SupportOutcome(mailed=False, counted=False)  # the code is on its way
        if support is None:
            support = InitiativeSupport(
                initiative_id=initiative.id, email_key=email_key, sender_key=sender_key
            )
        support.token, support.created_at = new_code(), moment
        try:
            await support.save()
        except IntegrityError as exc:  # a code drawn twice, or two requests at once
            raise _fail(InitiativeErrorCode.WRONG_STATUS, "please try again") from exc
        await queue_mail(
            "initiative_support_code",
            to=address,
            language=language,
            context={"title": initiative.title, "code": support.token},
            purpose="initiative.support_code",
            tenant_id=initiative.tenant_id,
            object_type="Initiative",
            object_id=initiative.id,
        )
    return SupportOutcome(mailed=True, counted=False)


async def confirm_support(initiative_id: int, code: str) -> Initiative:
    """Count the support whose mailed ``code`` this is; a second confirmation is a no-op."""
    initiative = await _published(initiative_id)
    token = "".join(ch for ch in code.upper() if ch.isalnum())[:16]
    async with in_transaction():
        confirmed = await InitiativeSupport.filter(
            initiative_id=initiative.id, token=token, confirmed_at__isnull=True
        ).update(confirmed_at=now())
        if confirmed:
            await Initiative.filter(id=initiative.id).update(support_count=F("support_count") + 1)
        elif not await InitiativeSupport.exists(initiative_id=initiative.id, token=token):
            raise _fail(InitiativeErrorCode.INVALID_INPUT, "this code is not valid", "code")
    return await Initiative.get(id=initiative.id)
