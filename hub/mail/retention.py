"""Purging old mail: rows hold addresses (personal data) and are kept no longer than needed."""

from __future__ import annotations

from datetime import timedelta

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.mail.models import MailAttempt, MailMessage, MailState

CHUNK = 1_000  # rows per transaction: a large purge never holds a long lock


async def purge_mail(days: int) -> int:
    """Delete finished mails (sent or failed) queued more than ``days`` ago, with their log.

    Mails still waiting are kept whatever their age: they have not been handled.
    Returns how many mails were deleted.
    """
    if days < 1:
        raise ValueError("keep mail for at least one day")
    cutoff = now() - timedelta(days=days)
    finished = [MailState.SENT.value, MailState.FAILED.value]
    deleted = 0
    while True:
        ids = (
            await MailMessage.filter(created_at__lt=cutoff, state__in=finished)
            .limit(CHUNK)
            .values_list("id", flat=True)
        )
        if not ids:
            return deleted
        async with in_transaction():
            # The log first, explicitly: no reliance on the database cascading for us.
            await MailAttempt.filter(mail_id__in=ids).delete()
            await MailMessage.filter(id__in=ids).delete()
        deleted += len(ids)
