"""An initiative from a citizen's phone to a ward's answer, in a real browser and real mail.

A `thudo serve` process sends its mail to an in-process SMTP server (aiosmtpd);
Debian's chromium plays the citizen (320 px wide, JavaScript off), the reform
site's moderator and the ward's approver (through the workspace).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page

from hub.auth.permissions import Role
from hub.settings import Settings
from tests.factories import PASSWORD, jpeg_bytes, make_tree, make_viewer
from tests.hub_process import free_port, hub_process
from tests.mail.smtp_server import Recorder, SmtpServer

CITIZEN = {"name": "Đỗ Thị Mai", "email": "mai.do@example.vn", "phone": "0903 111 222"}
TITLE = "Mở thêm bàn tiếp nhận hồ sơ vào thứ Bảy"


@pytest.fixture
async def people() -> None:
    """Written before the server starts (SQLite: one writer at a time)."""
    tree = await make_tree()
    tree.ward.email = "ubnd@hoankiem.hanoi.gov.vn"
    await tree.ward.save()
    await make_viewer("kiemduyet.caicach", {tree.site: [Role.EDITOR]})
    await make_viewer("pheduyet.hoankiem", {tree.ward: [Role.APPROVER]})


@pytest.fixture
async def smtp() -> AsyncIterator[tuple[Recorder, int]]:
    recorder = Recorder(asyncio.get_running_loop())
    server = SmtpServer(free_port(), recorder)
    await server.start()
    try:
        yield recorder, server.port
    finally:
        await server.stop()


@pytest.fixture
def hub(
    people: None, smtp: tuple[Recorder, int], settings: Settings, tmp_path: Path
) -> Iterator[str]:
    _, port = smtp
    env = {
        "THUDO_TENANT_CACHE_SECONDS": "0",
        "THUDO_SMTP_HOST": "127.0.0.1",
        "THUDO_SMTP_PORT": str(port),
        "THUDO_SMTP_SECURITY": "none",
    }
    with hub_process(settings, tmp_path / "hub.log", **env) as base:
        yield base


async def staff_page(browser: Browser, base: str, portal: str, username: str) -> Page:
    context = await browser.new_context(viewport={"width": 1024, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(30_000)
    await page.goto(f"{base}/_t/{portal}/quan-tri/")
    await page.wait_for_url(lambda url: "/dang-nhap?next=" in url)
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_url(f"**/_t/{portal}/quan-tri/")
    await page.get_by_role("link", name="Sáng kiến của người dân").click()
    await page.get_by_role("link", name=TITLE).click()
    return page


def mail_with(recorder: Recorder, words: str) -> EmailMessage:
    found = [m for _, _, m in recorder.received if words in m.get_content()]
    assert len(found) == 1, [m["Subject"] for _, _, m in recorder.received]
    return found[0]


@pytest.mark.browser
async def test_a_citizen_on_a_phone_sends_an_initiative_that_a_ward_answers(
    hub: str, browser: Browser, smtp: tuple[Recorder, int], tmp_path: Path
) -> None:
    recorder, _ = smtp
    portal = f"{hub}/_t/caicachhanhchinh"
    phone = await browser.new_context(
        viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    citizen = await phone.new_page()
    citizen.set_default_timeout(30_000)
    await citizen.goto(f"{portal}/sang-kien/gui")
    await citizen.get_by_label("Tiêu đề").fill(TITLE)
    await citizen.get_by_label("Lĩnh vực").select_option(label="Thủ tục hành chính")
    await citizen.get_by_label("Nội dung sáng kiến").fill(
        "Người lao động chỉ rảnh vào cuối tuần.\n\nĐề nghị mở một bàn tiếp nhận sáng thứ Bảy."
    )
    await citizen.get_by_label("Đơn vị, địa bàn liên quan").select_option(label="Phường Hoàn Kiếm")
    picture = tmp_path / "hang-doi.jpg"
    picture.write_bytes(jpeg_bytes((90, 120, 200)))
    await citizen.locator("#f-tep").set_input_files(picture)
    await citizen.get_by_label("Họ và tên").fill(CITIZEN["name"])
    await citizen.get_by_label("Thư điện tử").fill(CITIZEN["email"])
    await citizen.get_by_label("Điện thoại").fill(CITIZEN["phone"])
    await citizen.locator("#f-dong-y").check()
    # Nothing is wider than the phone: no sideways scrolling.
    width = await citizen.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    await citizen.get_by_role("button", name="Gửi sáng kiến").click()
    await citizen.get_by_role("heading", name="Sáng kiến của bạn đã được tiếp nhận").wait_for()
    code = (await citizen.locator("[data-tracking-code]").inner_text()).strip()
    assert re.fullmatch(r"SK-[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    # The receipt arrives by real mail, with the code.
    await recorder.until_received(1)
    receipt = mail_with(recorder, code)
    # The code is in the body, never the subject (the delivery log shows subjects).
    assert receipt["To"] == CITIZEN["email"] and code not in receipt["Subject"]

    # The citizen follows it with the code.
    await citizen.goto(f"{portal}/sang-kien/tra-cuu")
    await citizen.get_by_label("Mã tra cứu").fill(code)
    await citizen.get_by_role("button", name="Tra cứu").click()
    assert await citizen.locator("[data-status]").get_attribute("data-status") == "RECEIVED"

    # The reform site's moderator sees the contact and the picture, and routes it.
    moderator = await staff_page(browser, hub, "caicachhanhchinh", "kiemduyet.caicach")
    assert await moderator.get_by_text(CITIZEN["email"]).is_visible()
    assert await moderator.get_by_role("link", name="hang-doi.jpg").is_visible()
    await moderator.get_by_label("Chuyển đến đơn vị").select_option(label="Phường Hoàn Kiếm")
    await moderator.get_by_role("button", name="Chuyển xử lý").click()
    await moderator.get_by_text("Đã chuyển xử lý").wait_for()

    # The ward's approver answers from the ward's workspace.
    ward = await staff_page(browser, hub, "hoankiem", "pheduyet.hoankiem")
    await ward.get_by_label("Văn bản trả lời").fill(
        "<p>Từ tháng 1, phường mở bàn tiếp nhận từ 8 đến 11 giờ sáng thứ Bảy.</p>"
    )
    await ward.get_by_role("button", name="Gửi trả lời").click()
    await ward.get_by_text("Đã lưu trả lời").wait_for()

    # The citizen receives the answer by mail (after the receipt and the routing notice).
    await recorder.until_received(4)  # receipt, routed (citizen), routed (ward), answer
    answer = mail_with(recorder, "8 đến 11 giờ sáng thứ Bảy")
    assert answer["To"] == CITIZEN["email"]

    await moderator.reload()
    await moderator.get_by_role("button", name="Công khai kèm trả lời").click()
    await moderator.get_by_text("Đã công khai kèm trả lời").wait_for()

    # Public: listed and shown with its answer, without the citizen's contact anywhere.
    await citizen.goto(f"{portal}/sang-kien")
    await citizen.get_by_role("link", name=TITLE).click()
    await citizen.get_by_text("8 đến 11 giờ sáng thứ Bảy").wait_for()
    html = await citizen.content()
    async with httpx.AsyncClient(base_url=hub, timeout=30) as api:
        public = await api.post(
            "/graphql",
            json={
                "query": '{ initiatives(tenant: "caicachhanhchinh") { edges { node { '
                "title answer contact { name email phone } steps { note } } } } }"
            },
        )
    node = public.json()["data"]["initiatives"]["edges"][0]["node"]
    assert node["title"] == TITLE and node["contact"] is None
    for private in CITIZEN.values():
        assert private not in html
        assert private not in public.text
