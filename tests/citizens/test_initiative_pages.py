"""The initiative pages through the app: the form, the receipt, tracking, the public list."""

from __future__ import annotations

import re
from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.initiatives import moderation
from hub.initiatives.models import Initiative
from hub.initiatives.submission import PER_ADDRESS
from hub.mail import MailMessage
from tenants.scope import Scope
from tests.factories import Tree, jpeg_bytes, make_tree, make_viewer

HOST = "caicachhanhchinh.hanoi.gov.vn"
SAME_SITE = {"Host": HOST, "Origin": f"http://{HOST}"}
CITIZEN = {"name": "Nguyễn Thị Hoa", "email": "hoa.nguyen@example.vn", "phone": "0987 654 321"}


def fields(key: str, **changes: str) -> dict[str, str]:
    values = {
        "khoa": key,
        "tieu-de": "Lắp thêm đèn chiếu sáng ngõ 12",
        "linh-vuc": "do-thi-xay-dung",
        "noi-dung": "Ngõ 12 phố Hàng Bông tối, người dân đi lại khó khăn.",
        "don-vi": "hoankiem",
        "ho-ten": CITIZEN["name"],
        "email": CITIZEN["email"],
        "dien-thoai": CITIZEN["phone"],
        "dong-y": "1",
        "website": "",
    }
    values.update(changes)
    return values


async def post_form(
    client: httpx.AsyncClient, data: dict[str, str], files: list[Any] | None = None, **kw: Any
) -> httpx.Response:
    return await client.post(
        "/sang-kien/gui",
        data=data,
        files=files or [("tep", ("", b"", "application/octet-stream"))],
        headers=kw.get("headers", SAME_SITE),
    )


def form_key(html: str) -> str:
    found = re.search(r'name="khoa" value="([^"]+)"', html)
    assert found, "the form carries an idempotency key"
    return found.group(1)


def tracking_code(html: str) -> str:
    found = re.search(r"data-tracking-code>(SK-[A-Z0-9]{4}-[A-Z0-9]{4})<", html)
    assert found, html[:2000]
    return found.group(1)


async def test_the_form_sends_once_and_the_receipt_shows_the_code(
    client: httpx.AsyncClient,
) -> None:
    await make_tree()
    shown = await client.get("/sang-kien/gui", headers={"Host": HOST})
    assert shown.status_code == 200
    assert "no-store" in shown.headers["cache-control"]
    key = form_key(shown.text)
    picture = [("tep", ("anh-ngo.jpg", jpeg_bytes((20, 20, 20)), "image/jpeg"))]
    sent = await post_form(client, fields(key), picture)
    assert sent.status_code == 200, sent.text[:3000]
    code = tracking_code(sent.text)
    assert "no-store" in sent.headers["cache-control"]
    # The citizen presses "send" again (or the browser retries): the same initiative.
    again = await post_form(client, fields(key), picture)
    assert again.status_code == 200
    assert tracking_code(again.text) == code
    assert "không bị gửi hai lần" in again.text or "not sent twice" in again.text
    assert await Initiative.all().count() == 1
    receipt = await MailMessage.get(purpose="initiative.receipt")
    assert code in receipt.text_body and receipt.recipient == CITIZEN["email"]


async def test_a_refused_form_keeps_what_was_typed_and_says_why(client: httpx.AsyncClient) -> None:
    await make_tree()
    sent = await post_form(client, fields("a" * 32, **{"dong-y": ""}))
    assert sent.status_code == 400
    assert 'aria-invalid="true"' in sent.text and "f-dong-y" in sent.text
    assert "Lắp thêm đèn chiếu sáng ngõ 12" in sent.text  # nothing typed is lost
    bad_email = await post_form(client, fields("b" * 32, email="hoa@"))
    assert bad_email.status_code == 400 and "f-email-error" in bad_email.text
    assert await Initiative.all().count() == 0


async def test_a_form_sent_from_another_site_or_by_a_bot_is_refused(
    client: httpx.AsyncClient,
) -> None:
    await make_tree()
    other = await post_form(
        client, fields("c" * 32), headers={"Host": HOST, "Origin": "https://evil.example"}
    )
    assert other.status_code == 403
    bot = await post_form(client, fields("d" * 32, website="http://spam.example"))
    assert bot.status_code == 400
    assert await Initiative.all().count() == 0


async def test_one_address_is_limited_with_a_429(client: httpx.AsyncClient) -> None:
    await make_tree()
    for n in range(PER_ADDRESS[0]):
        ok = await post_form(client, fields(f"flood-{n:020d}", email=f"c{n}@example.vn"))
        assert ok.status_code == 200
    limited = await post_form(client, fields("flood-over-limit-000", email="x@example.vn"))
    assert limited.status_code == 429
    assert "Too many initiatives" in limited.text


async def answered_and_published(tree: Tree, initiative: Initiative) -> None:
    reform = Scope(viewer=await make_viewer("kiemduyet", {tree.site: [Role.EDITOR]}))
    ward = Scope(viewer=await make_viewer("pheduyet.hk", {tree.ward: [Role.APPROVER]}))
    await moderation.assign(reform, initiative.id, tree.ward)
    await moderation.answer(ward, initiative.id, "<p>Phường sẽ lắp đèn trong tháng 12.</p>")
    await moderation.publish(reform, initiative.id)


async def test_tracking_and_the_public_pages_never_show_the_contact(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    sent = await post_form(client, fields("e" * 32))
    code = tracking_code(sent.text)
    track = await client.post(
        "/sang-kien/tra-cuu", data={"ma": code.lower().replace("-", " ")}, headers=SAME_SITE
    )
    assert track.status_code == 200
    assert 'data-status="RECEIVED"' in track.text
    unknown = await client.post(
        "/sang-kien/tra-cuu", data={"ma": "SK-AAAA-AAAA"}, headers=SAME_SITE
    )
    assert unknown.status_code == 404
    initiative = await Initiative.get()
    listed = await client.get("/sang-kien", headers={"Host": HOST})
    assert "Lắp thêm đèn" not in listed.text  # not public before it is answered and published
    await answered_and_published(tree, initiative)
    listed = await client.get("/sang-kien", headers={"Host": HOST})
    page = await client.get(f"/sang-kien/{initiative.id}", headers={"Host": HOST})
    track = await client.post("/sang-kien/tra-cuu", data={"ma": code}, headers=SAME_SITE)
    assert "Lắp thêm đèn" in listed.text
    assert page.status_code == 200 and "lắp đèn trong tháng 12" in page.text
    assert 'data-status="PUBLISHED"' in track.text and "lắp đèn trong tháng 12" in track.text
    results = await client.get("/sang-kien/ket-qua", headers={"Host": HOST})
    assert results.status_code == 200 and "Phường Hoàn Kiếm" in results.text
    for response in (listed, page, track, results):
        for private in CITIZEN.values():
            assert private not in response.text


async def test_a_support_counts_once_per_address_after_the_mailed_code(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await post_form(client, fields("s" * 32))
    initiative = await Initiative.get()
    await answered_and_published(tree, initiative)
    page = f"/sang-kien/{initiative.id}"
    asked = await client.post(
        page, data={"buoc": "gui-ma", "email": "Ung.Ho@Example.vn"}, headers=SAME_SITE
    )
    assert asked.status_code == 200 and 'name="buoc" value="xac-nhan"' in asked.text, asked.text[
        asked.text.find("ung-ho-tieu-de") :
    ][:1500]
    mail = await MailMessage.get(purpose="initiative.support_code")
    assert mail.recipient == "ung.ho@example.vn"
    code = re.search(r"Mã xác nhận: ([A-Z0-9]{8})", mail.text_body)
    assert code, mail.text_body
    wrong = await client.post(page, data={"buoc": "xac-nhan", "ma": "AAAAAAAA"}, headers=SAME_SITE)
    assert wrong.status_code == 400
    done = await client.post(page, data={"buoc": "xac-nhan", "ma": code[1]}, headers=SAME_SITE)
    assert done.status_code == 200 and 'data-support-count="1"' in done.text
    # The same code again, or the same address again: still one.
    again = await client.post(page, data={"buoc": "xac-nhan", "ma": code[1]}, headers=SAME_SITE)
    assert 'data-support-count="1"' in again.text
    repeat = await client.post(
        page, data={"buoc": "gui-ma", "email": "ung.ho@example.vn"}, headers=SAME_SITE
    )
    assert "ủng hộ của bạn đã được ghi nhận" in repeat.text
    assert await MailMessage.filter(purpose="initiative.support_code").count() == 1
    assert (await Initiative.get(id=initiative.id)).support_count == 1
    assert "ung.ho@example.vn" not in (await client.get(page, headers={"Host": HOST})).text
