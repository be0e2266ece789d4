"""The newsroom and the gazette tell people by mail, in the step's own transaction."""

from __future__ import annotations

from hub.auth.identity import viewer_for_user_id
from hub.auth.permissions import Role
from hub.mail import MailMessage
from hub.mail.sender import send_due
from hub.mail.transports import SmtpTransport
from hub.models import Article
from hub.services.articles import ArticleChanges, article_create
from hub.services.gazette import flag_submission, register_submission
from hub.services.users import user_create
from hub.services.workflow import take_step
from hub.settings import Settings
from tenants.scope import Scope
from tests.factories import PASSWORD, SYSTEM_SCOPE, make_tree
from tests.mail.smtp_server import Recorder, SmtpServer


async def write_and_submit(username: str, email: str, tenant: object) -> Article:
    user = await user_create(
        username, PASSWORD, full_name="Lê Thị Mai", email=email, roles={tenant: [Role.REPORTER]}
    )
    scope = Scope(viewer=await viewer_for_user_id(user.id))
    article = await article_create(
        scope, tenant, ArticleChanges(title="Phường ra quân dọn vệ sinh", body="<p>Nội dung</p>")
    )
    return await take_step(scope, article.id, "submit")


async def test_a_returned_article_is_mailed_to_its_writer(
    smtp: SmtpServer, recorder: Recorder, settings: Settings
) -> None:
    tree = await make_tree()
    article = await write_and_submit("mai", "mai.le@hoankiem.hanoi.gov.vn", tree.ward)
    editor = await user_create(
        "duc", PASSWORD, full_name="Trần Văn Đức", roles={tree.ward: [Role.EDITOR]}
    )
    scope = Scope(viewer=await viewer_for_user_id(editor.id))
    await take_step(scope, article.id, "return", reason="Thiếu nguồn   ảnh ở đoạn hai.")

    [mail] = await MailMessage.all()
    assert (mail.recipient, mail.purpose) == ("mai.le@hoankiem.hanoi.gov.vn", "article.returned")
    assert (mail.tenant_id, mail.object_type, mail.object_id) == (
        tree.ward.id,
        "article",
        article.id,
    )
    await smtp.start()
    assert await send_due(SmtpTransport("127.0.0.1", smtp.port, "none"), settings=settings) == 1
    [(_, _, message)] = recorder.received
    assert message["Subject"] == "Bài viết được trả lại: Phường ra quân dọn vệ sinh"
    body = message.get_content()
    assert "Kính gửi Lê Thị Mai," in body and "Phường Hoàn Kiếm" in body
    assert "Trần Văn Đức" in body and "Thiếu nguồn ảnh ở đoạn hai." in body


async def test_no_mail_without_an_address_or_without_a_return() -> None:
    tree = await make_tree()
    article = await write_and_submit("khongthu", "", tree.ward)
    await take_step(SYSTEM_SCOPE, article.id, "return", reason="Viết lại.")
    other = await write_and_submit("cothu", "co.thu@hanoi.gov.vn", tree.ward)
    await take_step(SYSTEM_SCOPE, other.id, "approve")
    assert await MailMessage.all().count() == 0


async def test_a_flagged_gazette_submission_is_mailed_to_its_issuer() -> None:
    tree = await make_tree()
    submission = await register_submission(
        SYSTEM_SCOPE,
        tree.city,
        "Sở Tư pháp",
        sender_email="vanthu@sotuphap.hanoi.gov.vn",
        number="12/2026/QĐ-UBND",
    )
    silent = await register_submission(SYSTEM_SCOPE, tree.city, "Sở Nội vụ")
    await flag_submission(SYSTEM_SCOPE, submission.id, "Thiếu chữ ký số của người ký.")
    await flag_submission(SYSTEM_SCOPE, silent.id, "Sai số hiệu.")

    [mail] = await MailMessage.all()
    assert mail.recipient == "vanthu@sotuphap.hanoi.gov.vn"
    assert mail.purpose == "gazette.submission_flagged"
    assert mail.subject == "Văn bản gửi Công báo cần gửi lại: 12/2026/QĐ-UBND"
    assert "Thiếu chữ ký số của người ký." in mail.text_body
    assert "Kính gửi Sở Tư pháp," in mail.text_body
