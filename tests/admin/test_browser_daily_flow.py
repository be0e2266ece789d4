"""A ward newsroom's day, on the demo, in Debian's chromium against a real `thudo serve`.

The Hoàn Kiếm reporter writes an article in the rich-text editor with a picture
uploaded in the same form and sends it for review; the ward editor returns it with
a reason, which the reporter reads on the dashboard; after a fix the ward approver
(a third person: nobody approves their own article) approves it and schedules it
for the next minute in Hà Nội time; the ward portal shows it, with its picture, once
the server's scheduler has published it, and not before.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest
from PIL import Image
from playwright.async_api import Browser, Page

from hub.seed.demo import DEMO_PASSWORD, seed_demo
from hub.settings import Settings
from tests.hub_process import hub_process

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# With THUDO_SCREENSHOTS=<dir>, the test saves the editors' guide's pictures there
# (docs/anh/: `THUDO_SCREENSHOTS=docs/anh pytest tests/admin/test_browser_daily_flow.py`).
SCREENSHOTS = os.environ.get("THUDO_SCREENSHOTS", "")
ROOT = "/_t/hoankiem"
TITLE = "Phường Hoàn Kiếm khai mạc phố sách mùa đông"


@pytest.fixture
async def demo() -> None:
    await seed_demo(quiet=True)  # before the server starts (SQLite: one writer)


@pytest.fixture
def server(demo: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(
        settings,
        tmp_path / "server.log",
        THUDO_TENANT_CACHE_SECONDS="0",
        THUDO_SCHEDULER_SECONDS="2",
    ) as base:
        yield base


def picture(path: Path) -> Path:
    """A small real JPEG, as a phone would send."""
    image = Image.new("RGB", (640, 427), (180, 40, 40))
    for x in range(0, 640, 40):
        image.paste((240, 200, 60), (x, 100, x + 20, 300))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


async def signed_in(browser: Browser, base: str, username: str) -> Page:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(30_000)
    await page.goto(f"{base}{ROOT}/quan-tri/")
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_url(lambda url: urlsplit(url).path == f"{ROOT}/quan-tri/")
    return page


async def shot(page: Page, name: str) -> None:
    """Save the page for the editors' guide, when asked to."""
    if SCREENSHOTS:  # Playwright makes the folder
        await page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


async def open_from_dashboard(page: Page, queue: str) -> None:
    section = page.locator("section", has=page.get_by_role("heading", name=queue))
    await section.get_by_role("link", name=TITLE).click()
    await page.wait_for_url(lambda url: "/bai-viet/" in url)


def next_minute() -> datetime:
    """The first whole minute at least 30 s away, in Hà Nội."""
    moment = datetime.now(HANOI) + timedelta(seconds=90)
    return moment.replace(second=0, microsecond=0)


@pytest.mark.browser
async def test_ward_article_written_returned_fixed_approved_scheduled_and_published(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    reporter = await signed_in(browser, server, "phongvien.hoankiem")
    await reporter.get_by_role("link", name="Viết bài mới").click()
    await reporter.get_by_label("Tiêu đề", exact=True).fill(TITLE)
    await reporter.get_by_label("Tóm tắt (sapo)").fill("Phố sách mở cửa đến hết tháng Giêng.")
    body = reporter.locator("[contenteditable=true]")
    await body.click()
    await reporter.keyboard.type("Hơn 40 gian hàng của các nhà xuất bản tham gia.")
    await shot(reporter, "1-viet-bai-moi")
    await reporter.get_by_role("button", name="Tạo bản nháp").click()
    await reporter.get_by_text("Đã tạo bản nháp.").wait_for()
    # The draft's form has the picture fields: the upload goes with the next save.
    await reporter.get_by_label("Hoặc tải ảnh mới lên").set_input_files(
        picture(tmp_path / "pho-sach.jpg")
    )
    await reporter.get_by_label("Văn bản thay thế của ảnh mới").fill(
        "Người dân chọn sách tại một gian hàng"
    )
    await shot(reporter, "2-anh-dai-dien")
    await reporter.get_by_role("button", name="Lưu", exact=True).click()
    await reporter.get_by_text("Đã lưu.").wait_for()
    await reporter.get_by_role("button", name="Gửi biên tập").click()
    await reporter.get_by_text("Đã gửi biên tập.").wait_for()

    editor = await signed_in(browser, server, "bientap.hoankiem")
    await open_from_dashboard(editor, "Chờ biên tập")
    reason = "Ghi rõ thời gian mở cửa mỗi ngày."
    await editor.get_by_label("Lý do trả lại").fill(reason)
    await shot(editor, "3-tra-lai-kem-ly-do")
    await editor.get_by_role("button", name="Trả lại người viết").click()
    await editor.get_by_text("Đã trả lại người viết kèm lý do.").wait_for()

    await reporter.goto(f"{server}{ROOT}/quan-tri/")
    returned = reporter.locator(
        "section", has=reporter.get_by_role("heading", name="Bị trả lại cho tôi")
    )
    assert reason in await returned.inner_text()
    await shot(reporter, "4-tong-quan-bi-tra-lai")
    await open_from_dashboard(reporter, "Bị trả lại cho tôi")
    await reporter.get_by_label("Tóm tắt (sapo)").fill(
        "Phố sách mở cửa từ 8 giờ đến 22 giờ mỗi ngày, đến hết tháng Giêng."
    )
    await reporter.get_by_role("button", name="Lưu", exact=True).click()
    await reporter.get_by_text("Đã lưu.").wait_for()
    await reporter.get_by_role("button", name="Gửi biên tập").click()
    await reporter.get_by_text("Đã gửi biên tập.").wait_for()

    approver = await signed_in(browser, server, "pheduyet.hoankiem")
    await open_from_dashboard(approver, "Chờ biên tập")
    await approver.get_by_role("button", name="Duyệt", exact=True).click()
    await approver.get_by_text("Đã duyệt.").wait_for()
    when = next_minute()
    await approver.get_by_label("Ngày (dd/mm/yyyy)").first.fill(when.strftime("%d/%m/%Y"))
    await approver.get_by_label("Giờ (HH:MM)").first.fill(when.strftime("%H:%M"))
    await approver.get_by_role("button", name="Lưu lịch đăng").click()
    await approver.get_by_text(f"Hẹn đăng lúc: {when:%d/%m/%Y %H:%M}").wait_for()
    await shot(approver, "5-hen-gio-dang")

    async with httpx.AsyncClient(base_url=server, timeout=30) as public:
        home = await public.get(f"{ROOT}/")
        assert home.status_code == 200 and TITLE not in home.text, "shown before its time"
        deadline = when + timedelta(seconds=60)
        while TITLE not in home.text:
            assert datetime.now(HANOI) < deadline, "not published at its scheduled time"
            await approver.wait_for_timeout(2_000)
            home = await public.get(f"{ROOT}/")
        assert datetime.now(HANOI) >= when, "published before its time"
    page = await browser.new_page()
    await page.goto(f"{server}{ROOT}/")
    await page.get_by_role("link", name=TITLE).first.click()
    await page.get_by_role("heading", name=TITLE).wait_for()
    assert await page.get_by_alt_text("Người dân chọn sách tại một gian hàng").count() >= 1
    await shot(page, "6-bai-tren-cong")
    assert "từ 8 giờ đến 22 giờ" in await page.content()
