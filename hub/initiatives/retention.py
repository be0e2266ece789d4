"""Erasing citizens' personal data once it is no longer needed (docs/citizens.md).

An initiative's contact data serves its handling: the receipt, the routing,
the answer. Once the initiative is closed (published, or rejected) and
``days`` have passed, the name, e-mail, phone, address and the limit keys are
blanked; the initiative, its answer and its log stay, so the public record
and the statistics do not change. The log gets an "erased" line. Mails that
carried the contact are purged by :func:`hub.mail.retention.purge_mail`.
"""

from __future__ import annotations

from datetime import timedelta

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.initiatives.models import Initiative, InitiativeStatus, InitiativeStep

CLOSED = (InitiativeStatus.PUBLISHED, InitiativeStatus.REJECTED)
ERASED = ""  # what a blanked field holds


async def erase_personal_data(days: int) -> int:
    """Blank the contact data of initiatives closed more than ``days`` ago; how many."""
    if days < 1:
        raise ValueError("keep the contact data for at least one day after closing")
    cutoff = now() - timedelta(days=days)
    due = await Initiative.filter(
        status__in=CLOSED, updated_at__lt=cutoff, contact_email__not=ERASED
    ).values_list("id", flat=True)
    for initiative_id in due:
        async with in_transaction():
            erased = await Initiative.filter(id=initiative_id, contact_email__not=ERASED).update(
                contact_name=ERASED,
                contact_email=ERASED,
                contact_phone=ERASED,
                contact_address=ERASED,
                sender_key=ERASED,
                contact_key=ERASED,
            )
            if erased:
                await InitiativeStep.create(
                    initiative_id=initiative_id,
                    action="erased",
                    note=f"personal data erased {days} days after closing",
                )
    return len(due)
