"""STARTTLS, implicit TLS and login against a real server with its own certificate."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from hub.mail import MailAttempt, MailMessage, MailState, queue_mail
from hub.mail.sender import send_due
from hub.mail.transports import SmtpTransport
from hub.settings import Settings
from tests.hub_process import free_port
from tests.mail.smtp_server import (
    Recorder,
    SmtpServer,
    make_certificate,
    password_checker,
    server_tls,
)

USER, PASSWORD = "hub@hanoi.gov.vn", "mật-khẩu-thư-2026"


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    return make_certificate(tmp_path)


@pytest.fixture
async def starttls_server(
    recorder: Recorder, certificate: tuple[Path, Path]
) -> AsyncIterator[SmtpServer]:
    """Offers STARTTLS, requires it, and requires a login (only over TLS)."""
    server = SmtpServer(
        free_port(),
        recorder,
        tls_context=server_tls(*certificate),
        require_starttls=True,
        auth_required=True,
        auth_require_tls=True,
        authenticator=password_checker(USER, PASSWORD),
    )
    await server.start()
    yield server
    await server.stop()


async def queue_one() -> MailMessage:
    return await queue_mail(
        "article_returned",
        to="bien.tap@hanoi.gov.vn",
        language="en",
        context={"writer": "Hằng", "title": "Tết", "portal": "Hà Nội", "reviewer": "Đức"}
        | {"reason": "Thiếu ảnh."},
        purpose="article.returned",
    )


async def test_starttls_and_login(
    starttls_server: SmtpServer,
    recorder: Recorder,
    certificate: tuple[Path, Path],
    settings: Settings,
) -> None:
    mail = await queue_one()
    transport = SmtpTransport(
        "127.0.0.1", starttls_server.port, "starttls", USER, PASSWORD, str(certificate[0])
    )
    assert await send_due(transport, settings=settings) == 1
    [(_, _, message)] = recorder.received
    assert message["Subject"] == "Article returned: Tết"
    assert message["Message-ID"] == mail.message_id


async def test_a_wrong_password_is_retried_not_given_up(
    starttls_server: SmtpServer, certificate: tuple[Path, Path], settings: Settings
) -> None:
    mail = await queue_one()
    transport = SmtpTransport(
        "127.0.0.1", starttls_server.port, "starttls", USER, "sai", str(certificate[0])
    )
    assert await send_due(transport, settings=settings) == 0
    row = await MailMessage.get(id=mail.id)
    # The configuration is wrong, not the mail: it waits for the operator's fix.
    assert row.state == MailState.QUEUED and row.last_error.startswith("535")
    assert [a.outcome for a in await MailAttempt.filter(mail_id=mail.id)] == ["retry"]


async def test_a_certificate_that_is_not_trusted_is_refused(
    starttls_server: SmtpServer, settings: Settings
) -> None:
    mail = await queue_one()
    # No CA file: the self-signed certificate is not trusted, nothing is sent in the clear.
    transport = SmtpTransport("127.0.0.1", starttls_server.port, "starttls", USER, PASSWORD)
    assert await send_due(transport, settings=settings) == 0
    row = await MailMessage.get(id=mail.id)
    assert row.state == MailState.QUEUED and "certificate" in row.last_error.lower()


async def test_implicit_tls(
    recorder: Recorder, certificate: tuple[Path, Path], settings: Settings
) -> None:
    server = SmtpServer(free_port(), recorder, ssl_context=server_tls(*certificate))
    await server.start()
    try:
        await queue_one()
        transport = SmtpTransport("127.0.0.1", server.port, "tls", ca_file=str(certificate[0]))
        assert await send_due(transport, settings=settings) == 1
    finally:
        await server.stop()
    assert len(recorder.received) == 1


def test_a_password_is_never_sent_in_the_clear() -> None:
    with pytest.raises(ValueError, match="THUDO_SMTP_SECURITY"):
        SmtpTransport("mail.hanoi.gov.vn", 25, "none", USER, PASSWORD)
    with pytest.raises(ValueError, match="THUDO_SMTP_SECURITY"):
        SmtpTransport("mail.hanoi.gov.vn", 25, "ssl")
    assert SmtpTransport("mail.hanoi.gov.vn").port == 587
    assert SmtpTransport("mail.hanoi.gov.vn", security="tls").port == 465
