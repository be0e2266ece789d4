"""Issue 13, must-show 1 (third flow), in a real browser against a real `thudo serve` on
the demo data: a department's editor enters a legal document with a relation onto the
city's decision, the department's approver approves and publishes it, and it is on the
department portal's public `/van-ban/`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from hub.seed.demo import DEMO_PASSWORD, seed_demo
from hub.settings import Settings
from tests.hub_process import hub_process

PORTAL = "/_t/soxaydung"
NUMBER = "152/QĐ-SXD"
TITLE = "Quyết định ban hành quy trình thẩm định thiết kế xây dựng trên môi trường mạng"


@pytest.fixture
async def demo() -> None:
    await seed_demo(quiet=True)  # before the server starts (SQLite: one writer)


@pytest.fixture
def hub(demo: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "hub.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


async def signed_in(browser: Browser, base: str, username: str) -> Page:
    context = await browser.new_context(viewport={"width": 1024, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(30_000)  # a shared machine: waits are for states, not time
    await page.goto(f"{base}{PORTAL}/quan-tri/")
    await page.wait_for_url(lambda url: "/dang-nhap?next=" in url)
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_url(f"**{PORTAL}/quan-tri/")
    return page


@pytest.mark.browser
async def test_a_department_enters_a_document_with_a_relation_and_it_is_published(
    hub: str, browser: Browser
) -> None:
    editor = await signed_in(browser, hub, "bientap.soxaydung")
    errors: list[str] = []
    editor.on("pageerror", lambda exc: errors.append(str(exc)))
    await editor.get_by_role("navigation").get_by_role("link", name="Văn bản").click()
    await editor.get_by_role("link", name="Nhập văn bản mới").click()
    await editor.get_by_label("Số ký hiệu").fill(NUMBER)
    await editor.get_by_label("Loại văn bản").select_option(label="Quyết định")
    await editor.get_by_label("Cơ quan ban hành").fill("Sở Xây dựng Hà Nội")
    await editor.get_by_label("Tiêu đề").fill(TITLE)
    # A date typed the wrong way round comes back beside its field, the rest kept.
    await editor.get_by_label("Ngày ban hành").fill("2026-13-40")
    await editor.get_by_label("Người ký 1: họ và tên").fill("Nguyễn Văn Sơn")
    await editor.get_by_label("Người ký 1: chức danh").fill("Giám đốc")
    await editor.get_by_label("Lĩnh vực").fill("Xây dựng\nChuyển đổi số")
    await editor.get_by_label("Trích yếu", exact=True).fill("Quy trình thẩm định trực tuyến.")
    await editor.get_by_label("Toàn văn").fill(
        "Căn cứ Quyết định số 6745/QĐ-UBND của UBND Thành phố về Cổng Thông tin điện tử."
    )
    await editor.get_by_role("button", name="Tạo bản nháp").click()
    await editor.locator("#issuedOn-error").wait_for()
    assert await editor.get_by_label("Tiêu đề").input_value() == TITLE
    await editor.get_by_label("Ngày ban hành").fill("02/12/2026")
    await editor.get_by_label("Ngày có hiệu lực").fill("02/12/2026")
    await editor.get_by_role("button", name="Tạo bản nháp").click()
    await editor.get_by_text("Đã tạo bản nháp.").wait_for()
    # The citation check found the city's decision in the hub.
    citations = editor.locator(".ws-citations")
    await citations.get_by_text("có trong cơ sở dữ liệu").wait_for()

    # The relation: find the city's decision (a portal above) and record it as the basis.
    await editor.get_by_label("Tìm văn bản của cổng này hoặc cổng cấp trên").fill("6745/QĐ-UBND")
    await editor.get_by_role("button", name="Tìm kiếm").click()
    row = editor.locator(".ws-picker tr", has_text="6745/QĐ-UBND")
    await row.get_by_label("Văn bản này").select_option(label="Căn cứ ban hành")
    await row.get_by_role("button", name="Thêm quan hệ").click()
    await editor.get_by_text("Đã ghi nhận quan hệ.").wait_for()
    await editor.locator(".ws-relations").get_by_text("6745/QĐ-UBND").wait_for()
    await editor.get_by_role("button", name="Trình duyệt").click()
    await editor.get_by_text("Đã trình duyệt.").wait_for()
    assert await editor.locator(".ws-status").inner_text() == "Chờ biên tập"
    assert await editor.get_by_role("button", name="Đăng ngay").count() == 0

    # A second person approves and publishes (the editor may not).
    approver = await signed_in(browser, hub, "pheduyet.soxaydung")
    await approver.get_by_role("navigation").get_by_role("link", name="Văn bản").click()
    await approver.get_by_label("Trạng thái").select_option(label="Chờ biên tập")
    await approver.get_by_role("button", name="Lọc").click()
    await approver.get_by_role("link", name=NUMBER).click()
    await approver.get_by_role("button", name="Duyệt").click()
    await approver.get_by_text("Đã duyệt.").wait_for()
    await approver.get_by_role("button", name="Đăng ngay").click()
    await approver.get_by_text("Đã đăng.").wait_for()

    # The department portal's public document list and the document's page.
    public = await browser.new_page()
    await public.goto(f"{hub}{PORTAL}/van-ban/")
    await public.get_by_role("link", name=TITLE).click()
    await public.get_by_text(NUMBER).first.wait_for()
    await public.get_by_text("Căn cứ ban hành").first.wait_for()
    await public.get_by_role("link", name="6745/QĐ-UBND").first.wait_for()
    await public.get_by_text("Nguyễn Văn Sơn").wait_for()
    assert errors == []
