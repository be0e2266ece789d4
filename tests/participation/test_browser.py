"""A citizen on a 320 px phone, without JavaScript, asks for information and follows it."""

from __future__ import annotations

import pytest
from playwright.async_api import async_playwright

from hub.participation.models import InfoRequest
from tests.factories import make_tree
from tests.frontends.test_browser import CHROMIUM, CHROMIUM_ARGS, server  # noqa: F401

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
async def test_information_request_on_a_phone_without_javascript(server: str) -> None:  # noqa: F811
    tree = await make_tree()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(
                viewport={"width": 320, "height": 640}, java_script_enabled=False
            )
            page = await context.new_page()
            page.set_default_timeout(30_000)
            await page.goto(f"{server}/_t/hoankiem/yeu-cau-cung-cap-thong-tin")
            assert await page.evaluate(OVERFLOW) <= 0, "the form scrolls sideways at 320 px"
            # The browser's own checks are off (novalidate): the hub's error summary shows.
            await page.get_by_role("button", name="Gửi yêu cầu").click()
            summary = page.get_by_role("alert")
            assert await summary.get_by_role("link", name="Hãy nhập họ và tên").count() == 1
            assert await page.evaluate(OVERFLOW) <= 0, "the errors scroll sideways at 320 px"
            await page.get_by_label("Họ và tên").fill("Nguyễn Thị Bình")
            await page.get_by_label("Địa chỉ", exact=True).fill("Số 5 Hàng Bài, Hoàn Kiếm")
            await page.get_by_label("Số căn cước công dân (CCCD)").fill("001190012345")
            await page.get_by_label("Điện thoại (không bắt buộc)").fill("0912 345 678")
            await page.get_by_label("Thông tin cần cung cấp").fill("Quy hoạch chi tiết phường")
            await page.get_by_label("Mục đích yêu cầu").fill("Tìm hiểu quy hoạch nơi ở")
            await page.get_by_label("Bản sao giấy").check()
            await page.get_by_label("Nhận trực tiếp tại cơ quan").check()
            await page.get_by_label("Tôi đồng ý").check()
            await page.get_by_role("button", name="Gửi yêu cầu").click()
            await page.get_by_role("heading", name="Yêu cầu của bạn đã được tiếp nhận").wait_for()
            code = (await page.locator(".tracking-code").inner_text()).strip()
            assert len(code) == 14 and code[4] == "-" and code[9] == "-"
            assert await page.evaluate(OVERFLOW) <= 0, "the receipt scrolls sideways at 320 px"
            stored = await InfoRequest.get(tenant_id=tree.ward.id)
            assert stored.receive_form == "paper" and stored.phone == "0912 345 678"

            await page.get_by_role("link", name="Tra cứu yêu cầu cung cấp thông tin").click()
            await page.get_by_label("Mã tra cứu").fill(code.lower())
            await page.get_by_role("button", name="Xem tình trạng").click()
            await page.get_by_role("heading", name="Tình trạng: Đã tiếp nhận").wait_for()
            text = await page.locator("main").inner_text()
            assert "Tiếp nhận yêu cầu" in text and "Hạn trả lời" in text
            for personal in ("Nguyễn Thị Bình", "001190012345", "0912 345 678", "Hàng Bài"):
                assert personal not in await page.content()
            assert await page.evaluate(OVERFLOW) <= 0, "the status scrolls sideways at 320 px"
        finally:
            await browser.close()
