"""Without an SMTP host, mail is written as .eml files an operator can read."""

from __future__ import annotations

from dataclasses import replace
from email import message_from_bytes, policy
from pathlib import Path

from tortoise.timezone import now

from hub.mail import MailMessage, MailState, queue_mail
from hub.mail.sender import send_due
from hub.mail.transports import FolderTransport, transport_for
from hub.settings import Settings


async def test_the_folder_transport_writes_eml_files(tmp_path: Path, settings: Settings) -> None:
    configured = replace(settings, data_dir=tmp_path, mail_from="Cổng Hà Nội <thu@hanoi.gov.vn>")
    transport = transport_for(configured)
    assert isinstance(transport, FolderTransport)
    mail = await queue_mail(
        "article_returned",
        to="hang@hanoi.gov.vn",
        context={"writer": "Hằng", "title": "Lễ hội", "portal": "Hà Nội", "reviewer": "Đức"}
        | {"reason": "Sửa tiêu đề."},
        purpose="article.returned",
    )
    assert await send_due(transport, settings=configured) == 1

    [path] = (tmp_path / "mail").glob("*.eml")
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["Subject"] == "Bài viết được trả lại: Lễ hội"
    assert message["From"] == "Cổng Hà Nội <thu@hanoi.gov.vn>"
    assert message["Message-ID"] == mail.message_id
    assert "Sửa tiêu đề." in message.get_content()
    row = await MailMessage.get(id=mail.id)
    assert row.state == MailState.SENT and str(path) in (await row.log.all())[0].reply

    # A resend (the crash window) writes the same file again, not a second one.
    await MailMessage.filter(id=mail.id).update(state=MailState.QUEUED.value, next_attempt_at=now())
    assert await send_due(transport, settings=configured) == 1
    assert list((tmp_path / "mail").glob("*.eml")) == [path]
