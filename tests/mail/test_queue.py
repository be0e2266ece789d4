"""Queueing: addresses checked, templates rendered at once, languages, purging."""

from __future__ import annotations

from datetime import timedelta

import pytest
from jinja2 import UndefinedError

from hub.mail import MailAttempt, MailMessage, MailState, queue_mail
from hub.mail.addresses import normalise_address
from hub.mail.retention import purge_mail

CONTEXT = {"writer": "Hằng", "title": "Tết", "portal": "Hà Nội", "reviewer": "Đức"} | {
    "reason": "Thiếu ảnh."
}


@pytest.mark.parametrize(
    "address",
    [
        "",
        "khong-phai-thu",
        "a@b",
        "hai@@hanoi.gov.vn",
        "co dau cach@hanoi.gov.vn",
        "nguoi@hanoi.gov.vn\r\nBcc: ai.do@example.com",
        "nguyễn@hanoi.gov.vn",
        ".cham@hanoi.gov.vn",
        "a@-hanoi.gov.vn",
        "x" * 250 + "@hanoi.gov.vn",
    ],
)
async def test_a_bad_recipient_is_refused(address: str) -> None:
    with pytest.raises(ValueError):
        await queue_mail(
            "article_returned", to=address, context=CONTEXT, purpose="article.returned"
        )
    assert await MailMessage.all().count() == 0


def test_addresses_are_normalised() -> None:
    assert normalise_address("  Hang.Nguyen@HaNoi.Gov.VN ") == "Hang.Nguyen@hanoi.gov.vn"
    # A Vietnamese domain name is sent as punycode.
    assert normalise_address("lienhe@hànội.vn") == "lienhe@xn--hni-9ka0849a.vn"


async def test_the_text_is_fixed_when_queued_and_english_is_chosen() -> None:
    english = await queue_mail(
        "article_returned", to="a@hanoi.gov.vn", language="EN", context=CONTEXT, purpose="x.y"
    )
    assert (english.language, english.subject) == ("en", "Article returned: Tết")
    assert english.text_body.startswith("Dear Hằng,\n\n")
    assert english.message_id.startswith("<") and english.message_id.endswith("@thudo.gov.vn>")
    # A language without the template falls back to Vietnamese.
    french = await queue_mail(
        "article_returned", to="a@hanoi.gov.vn", language="fr", context=CONTEXT, purpose="x.y"
    )
    assert (french.language, french.subject) == ("vi", "Bài viết được trả lại: Tết")
    assert french.message_id != english.message_id


async def test_template_mistakes_fail_at_queue_time() -> None:
    with pytest.raises(UndefinedError):  # StrictUndefined: no blank in a citizen's mail
        await queue_mail(
            "article_returned", to="a@hanoi.gov.vn", context={"title": "Tết"}, purpose="x.y"
        )
    with pytest.raises(ValueError, match="template"):
        await queue_mail("../../settings", to="a@hanoi.gov.vn", context={}, purpose="x.y")
    with pytest.raises(ValueError, match="template"):
        await queue_mail("khong_co", to="a@hanoi.gov.vn", context={}, purpose="x.y")
    with pytest.raises(ValueError, match="purpose"):
        await queue_mail("article_returned", to="a@hanoi.gov.vn", context=CONTEXT, purpose="")
    # A newline smuggled into the subject stays on one line.
    mail = await queue_mail(
        "article_returned",
        to="a@hanoi.gov.vn",
        context=CONTEXT | {"title": "Tết\nBcc: x@y.vn"},
        purpose="x.y",
    )
    assert mail.subject == "Bài viết được trả lại: Tết Bcc: x@y.vn"
    assert await MailMessage.all().count() == 1


async def test_purge_deletes_old_finished_mail_with_its_log() -> None:
    mails = [
        await queue_mail("article_returned", to=f"a{i}@hanoi.gov.vn", context=CONTEXT, purpose="x")
        for i in range(4)
    ]
    old, old_failed, old_queued, recent = mails
    for mail in (old, old_failed, old_queued, recent):
        await MailAttempt.create(mail_id=mail.id, at=mail.created_at, outcome="retry")
    long_ago = old.created_at - timedelta(days=200)
    await MailMessage.filter(id=old.id).update(state=MailState.SENT.value, created_at=long_ago)
    await MailMessage.filter(id=old_failed.id).update(state="failed", created_at=long_ago)
    await MailMessage.filter(id=old_queued.id).update(created_at=long_ago)
    await MailMessage.filter(id=recent.id).update(state=MailState.SENT.value)

    assert await purge_mail(180) == 2
    left = await MailMessage.all().order_by("id").values_list("id", flat=True)
    assert left == [old_queued.id, recent.id]  # a mail still waiting is never purged
    assert sorted(await MailAttempt.all().values_list("mail_id", flat=True)) == left
    with pytest.raises(ValueError):
        await purge_mail(0)
