"""Mail through the outbox to a real SMTP server: once, never after a rollback, retried."""

from __future__ import annotations

import asyncio
import unicodedata
from dataclasses import replace
from datetime import timedelta

import pytest
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.events.models import Event
from hub.events.notifier import EventNotifier
from hub.mail import MailAttempt, MailMessage, MailState, queue_mail
from hub.mail.sender import backoff, run_mail, send_due
from hub.mail.transports import SmtpTransport
from hub.settings import Settings
from tests.mail.smtp_server import REFUSED_PREFIX, Recorder, SmtpServer

ARRIVAL_SECONDS = 120.0  # generous: the machine may be loaded
CONTEXT = {
    "writer": "Nguyễn Thị Hằng",
    "title": "Hội nghị tổng kết công tác cải cách hành chính năm 2026",
    "portal": "Phường Hoàn Kiếm",
    "reviewer": "Trần Văn Đức",
    "reason": "Cần bổ sung ảnh và sửa lỗi chính tả ở đoạn thứ hai.",
}


def smtp_transport(server: SmtpServer) -> SmtpTransport:
    return SmtpTransport("127.0.0.1", server.port, "none")


async def queue_one(to: str = "hang.nguyen@hoankiem.hanoi.gov.vn", **context: str) -> MailMessage:
    return await queue_mail(
        "article_returned",
        to=to,
        context={**CONTEXT, **context},
        purpose="article.returned",
        object_type="article",
        object_id=7,
    )


async def test_a_queued_mail_arrives_once_in_vietnamese(
    smtp: SmtpServer, recorder: Recorder, settings: Settings
) -> None:
    await smtp.start()
    # Decomposed input (as some keyboards and PDFs give it) is sent composed.
    mail = await queue_one(reason=unicodedata.normalize("NFD", CONTEXT["reason"]))
    transport = smtp_transport(smtp)

    assert await send_due(transport, settings=settings) == 1
    assert await send_due(transport, settings=settings) == 0  # nothing is due any more

    assert len(recorder.received) == 1
    envelope_from, envelope_to, message = recorder.received[0]
    assert envelope_from == "no-reply@thudo.gov.vn"
    assert envelope_to == ["hang.nguyen@hoankiem.hanoi.gov.vn"]
    assert message["Subject"] == f"Bài viết được trả lại: {CONTEXT['title']}"
    assert message["To"] == "hang.nguyen@hoankiem.hanoi.gov.vn"
    assert message["Message-ID"] == mail.message_id
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Content-Language"] == "vi"
    assert message["Date"]
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert "Kính gửi Nguyễn Thị Hằng," in body
    assert CONTEXT["reason"] in body  # composed (NFC), diacritics intact
    assert unicodedata.is_normalized("NFC", body)

    row = await MailMessage.get(id=mail.id)
    assert (row.state, row.attempts, row.last_error) == (MailState.SENT, 1, "")
    assert row.sent_at is not None
    log = await MailAttempt.filter(mail_id=mail.id)
    assert [(a.outcome, a.reply[:3]) for a in log] == [("sent", "250")]
    # Public events carry no personal data: queueing a mail emits none.
    assert await Event.all().count() == 0


async def test_a_mail_queued_in_a_rolled_back_transaction_is_never_sent(
    smtp: SmtpServer, recorder: Recorder, settings: Settings
) -> None:
    await smtp.start()
    with pytest.raises(RuntimeError):
        async with in_transaction():
            await queue_one(to="khong.gui@hanoi.gov.vn")
            raise RuntimeError("the change failed")
    async with in_transaction():
        await queue_one(to="se.gui@hanoi.gov.vn")

    assert await send_due(smtp_transport(smtp), settings=settings) == 1
    assert [to for _, to, _ in recorder.received] == [["se.gui@hanoi.gov.vn"]]
    assert await MailMessage.all().values_list("recipient", flat=True) == ["se.gui@hanoi.gov.vn"]


async def test_server_down_then_back_each_mail_arrives_exactly_once(
    smtp: SmtpServer, recorder: Recorder, settings: Settings
) -> None:
    transport = smtp_transport(smtp)  # nothing listens on its port yet
    mails = [await queue_one(to=f"cong.dan{i}@gmail.com") for i in range(3)]

    # Down: each round logs one failed try and stops (the server is down for all).
    for _ in mails:
        assert await send_due(transport, settings=settings) == 0
    for mail in mails:
        row = await MailMessage.get(id=mail.id)
        [attempt] = await MailAttempt.filter(mail_id=mail.id)
        assert (row.state, row.attempts) == (MailState.QUEUED, 1)
        assert attempt.outcome == "retry" and attempt.reply == row.last_error != ""
        assert row.next_attempt_at == attempt.at + backoff(1)
    assert await send_due(transport, settings=settings) == 0  # all are waiting out backoff

    # Later, still down: the first mail's second try waits twice as long.
    later = now() + timedelta(minutes=5)
    assert await send_due(transport, settings=settings, at=later) == 0
    first = await MailMessage.get(id=mails[0].id)
    assert first.attempts == 2 and first.next_attempt_at == later + backoff(2)
    assert backoff(2) == 2 * backoff(1)

    # Back: two senders at once, again and again, as two processes would.
    await smtp.start()
    much_later = now() + timedelta(hours=1)
    for _ in range(3):
        await asyncio.gather(
            send_due(transport, settings=settings, at=much_later),
            send_due(transport, settings=settings, at=much_later),
        )
    ids = sorted(message["Message-ID"] for _, _, message in recorder.received)
    assert ids == sorted(m.message_id for m in mails)  # each once, none twice
    states = await MailMessage.all().values_list("state", flat=True)
    assert states == [MailState.SENT] * 3
    assert await MailAttempt.filter(outcome="sent").count() == 3


async def test_a_recipient_refused_for_good_is_failed_at_once(
    smtp: SmtpServer, recorder: Recorder, settings: Settings
) -> None:
    await smtp.start()
    refused = await queue_one(to=f"{REFUSED_PREFIX}@hanoi.gov.vn")
    fine = await queue_one(to="co.that@hanoi.gov.vn")

    # A refusal of one mail does not stop the round: the other still goes.
    assert await send_due(smtp_transport(smtp), settings=settings) == 1
    row = await MailMessage.get(id=refused.id)
    assert (row.state, row.attempts) == (MailState.FAILED, 1)
    assert row.last_error.startswith("550")
    assert (await MailMessage.get(id=fine.id)).state == MailState.SENT
    assert [a.outcome for a in await MailAttempt.filter(mail_id=refused.id)] == ["failed"]


async def test_too_many_tries_give_up(smtp: SmtpServer, settings: Settings) -> None:
    mail = await queue_one()
    await MailMessage.filter(id=mail.id).update(attempts=19)
    assert await send_due(smtp_transport(smtp), settings=settings) == 0  # server down
    row = await MailMessage.get(id=mail.id)
    assert (row.state, row.attempts) == (MailState.FAILED, 20)


async def test_the_loop_sends_what_is_queued(
    smtp: SmtpServer, recorder: Recorder, settings: Settings
) -> None:
    await smtp.start()
    configured = replace(settings, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="none")
    notifier = EventNotifier(settings.database_url)
    loop = asyncio.create_task(run_mail(configured, notifier))
    try:
        async with in_transaction():
            await queue_one(to="vong.lap@hanoi.gov.vn")
        async with asyncio.timeout(ARRIVAL_SECONDS):
            await recorder.until_received(1)
    finally:
        loop.cancel()
        with pytest.raises(asyncio.CancelledError):
            await loop
    assert [to for _, to, _ in recorder.received] == [["vong.lap@hanoi.gov.vn"]]
