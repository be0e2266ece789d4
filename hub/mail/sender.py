"""Sending queued mail: claim due rows, try each once, log the try, back off on failure.

Every hub process runs :func:`run_mail`. A row is claimed by one
compare-and-set update (state ``sending`` and a lease in ``next_attempt_at``)
before it is tried, so two processes never send one row at the same time; a
process that dies mid-try leaves a lease that runs out, and the row is tried
again. A row is marked ``sent`` right after the server accepts it: the only
way to send one twice is a crash (or a lost connection) between the server's
``250`` and that update, and the resend carries the same Message-ID.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.events.notifier import EventNotifier
from hub.mail.message import build_message, mail_from
from hub.mail.models import MailAttempt, MailMessage, MailState
from hub.mail.queue import on_queue
from hub.mail.transports import DeliveryError, Session, Transport, transport_for
from hub.settings import Settings, load_settings

logger = logging.getLogger("thudo.mail")
MAX_ATTEMPTS = 20
BATCH = 50
TRY_SECONDS = 120.0  # a whole try (connect, TLS, login, DATA) is cut off after this
LEASE = timedelta(seconds=TRY_SECONDS * 2)  # longer than any try: no one else takes it meanwhile
MAX_REPLY = 500


def backoff(attempts: int) -> timedelta:
    """30 s, 1, 2, 4 … minutes after each failed try, at most 4 hours apart.

    With :data:`MAX_ATTEMPTS` tries a mail waits out a server outage of about
    two days before it is given up as ``failed``.
    """
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 4 * 3600))


async def send_due(
    transport: Transport,
    batch: int = BATCH,
    *,
    settings: Settings | None = None,
    at: datetime | None = None,
) -> int:
    """Try every due mail once (up to ``batch``); returns how many the server accepted.

    ``at`` stands for the present (tests pass a later moment instead of waiting).
    The round stops at the first failure that is not the message's own fault (the
    server is down or refusing): the other mails stay queued, untried, for the next.
    """
    settings = settings or load_settings()
    moment = at or now()
    due = (
        await MailMessage.filter(
            state__in=[MailState.QUEUED.value, MailState.SENDING.value],
            next_attempt_at__lte=moment,
        )
        .order_by("next_attempt_at", "id")
        .limit(batch)
    )
    if not due:
        return 0
    sender = mail_from(settings)[1]
    accepted = 0
    async with transport.session() as session:
        for row in due:
            clock = at or now()
            lease = clock + LEASE
            # Claim it: only the process whose update matches the row it read goes on.
            claimed = await MailMessage.filter(
                id=row.id, state=row.state, next_attempt_at=row.next_attempt_at
            ).update(
                state=MailState.SENDING.value, next_attempt_at=lease, attempts=row.attempts + 1
            )
            if not claimed:
                continue
            row.attempts += 1
            ok, permanent = await _try(session, row, settings, sender, lease, at)
            accepted += ok
            if not ok and not permanent:
                break
    return accepted


async def _try(
    session: Session,
    row: MailMessage,
    settings: Settings,
    sender: str,
    lease: datetime,
    at: datetime | None,
) -> tuple[bool, bool]:
    """One try at ``row``, recorded; returns (accepted, refused for good)."""
    message = build_message(row, settings)
    try:
        async with asyncio.timeout(TRY_SECONDS):
            reply = await session.deliver(message, sender, row.recipient)
    except (DeliveryError, TimeoutError) as exc:
        failure = exc if isinstance(exc, DeliveryError) else DeliveryError("timed out")
    else:
        finished = at or now()
        # Unconditional: it was delivered, whoever holds the row now.
        async with in_transaction():
            await MailMessage.filter(id=row.id).update(
                state=MailState.SENT.value, sent_at=finished, last_error=""
            )
            await MailAttempt.create(
                mail_id=row.id, at=finished, outcome="sent", reply=reply[:MAX_REPLY]
            )
        return True, False
    finished = at or now()
    give_up = failure.permanent or row.attempts >= MAX_ATTEMPTS
    values = {"last_error": failure.reply[:MAX_REPLY]}
    if give_up:
        values["state"] = MailState.FAILED.value
    else:
        values["state"] = MailState.QUEUED.value
        values["next_attempt_at"] = finished + backoff(row.attempts)  # type: ignore[assignment]
    async with in_transaction():
        # Only while our lease holds: a late failure must not undo another's claim.
        await MailMessage.filter(
            id=row.id, state=MailState.SENDING.value, next_attempt_at=lease
        ).update(**values)
        await MailAttempt.create(
            mail_id=row.id,
            at=finished,
            outcome="failed" if give_up else "retry",
            reply=failure.reply[:MAX_REPLY],
        )
    logger.warning("mail %s not sent (try %s): %s", row.id, row.attempts, failure.reply[:200])
    return False, failure.permanent


async def run_mail(settings: Settings, notifier: EventNotifier, poll: float = 1.0) -> None:
    """Send due mail until cancelled; woken by queued mail, outbox events, or the poll."""
    transport = transport_for(settings)
    wake = asyncio.Event()
    unregister = on_queue(wake.set)
    task = asyncio.current_task()
    try:
        while True:
            seen = notifier.version
            wake.clear()
            sent = 0
            try:
                sent = await send_due(transport, settings=settings)
            except Exception:  # a database hiccup must not stop the loop
                logger.exception("mail round failed")
            # Python 3.11's asyncio.wait_for (used by aiosmtplib for every SMTP reply)
            # swallows a cancellation that arrives as the reply does; the request
            # stays recorded on the task, so honour it here (else shutdown hangs).
            if task is not None and task.cancelling():
                raise asyncio.CancelledError
            if sent < BATCH:  # a full batch: more may be due at once
                await _wait(notifier, seen, wake, poll)
    finally:
        unregister()


async def _wait(notifier: EventNotifier, seen: int, wake: asyncio.Event, seconds: float) -> None:
    """Until a mail is queued here, an event is committed anywhere, or ``seconds`` pass."""
    if wake.is_set():
        return
    relay = asyncio.ensure_future(notifier.wait(seconds, seen))

    def relayed(task: asyncio.Future[None]) -> None:
        if not task.cancelled():  # cancelled by us below: we have already moved on
            wake.set()

    relay.add_done_callback(relayed)
    try:
        await wake.wait()
    finally:
        # Not awaited: awaiting it here could swallow this task's own cancellation.
        relay.cancel()
