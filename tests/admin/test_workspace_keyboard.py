"""The daily flow with the keyboard alone: sign in, open "new article", write it, save it
and send it for editing, pressing only Tab, Shift+Tab, Enter and typing keys.

Each step moves the focus with Tab until it reaches the control a sighted keyboard
user would aim for (found by its label or its text), so the test fails when a control
cannot be reached in the tab order or does nothing on Enter.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Page

from hub.settings import Settings
from tests.admin.helpers import make_staff
from tests.factories import PASSWORD, make_tree
from tests.hub_process import hub_process

MAX_TABS = 80


@pytest.fixture
async def ward_staff() -> None:
    await make_staff(await make_tree())


@pytest.fixture
def hub(ward_staff: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "hub.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


async def tab_to(page: Page, script: str, arg: str) -> None:
    """Press Tab until ``script(activeElement, arg)`` is true."""
    for _ in range(MAX_TABS):
        await page.keyboard.press("Tab")
        if await page.evaluate(f"arg => ({script})(document.activeElement, arg)", arg):
            return
    raise AssertionError(f"{arg!r} cannot be reached with Tab")


# The focused element is the field labelled `arg`, or the rich-text area standing in for it.
LABELLED = """(el, arg) => {
  const named = el.getAttribute('aria-label') || '';
  const labels = [...(el.labels || [])].map(l => l.textContent.trim());
  const by = (el.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
    .map(id => (document.getElementById(id) || {}).textContent || '');
  return [named, ...labels, ...by].some(t => t.trim().startsWith(arg));
}"""
NAMED = "(el, arg) => (el.textContent || el.value || '').trim() === arg"


@pytest.mark.browser
async def test_a_reporter_writes_and_submits_an_article_with_the_keyboard_alone(
    hub: str, browser: Browser
) -> None:
    context = await browser.new_context(viewport={"width": 1024, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(30_000)
    await page.goto(f"{hub}/_t/hoankiem/quan-tri/")
    await page.wait_for_url(lambda url: "/dang-nhap?next=" in url)

    await tab_to(page, LABELLED, "Tên đăng nhập")
    await page.keyboard.type("reporter.hoankiem")
    await tab_to(page, LABELLED, "Mật khẩu")
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press("Enter")
    # On the path: the sign-in page's own address ends with `?next=…/quan-tri/`.
    await page.wait_for_url(lambda url: urlsplit(url).path == "/_t/hoankiem/quan-tri/")

    await tab_to(page, NAMED, "Viết bài mới")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/bai-viet/moi")
    await tab_to(page, LABELLED, "Tiêu đề")
    await page.keyboard.type("Phường ra quân làm sạch đường phố")
    await tab_to(page, LABELLED, "Tóm tắt")
    await page.keyboard.type("Hơn 300 người dân tham gia sáng chủ nhật.")
    await tab_to(page, LABELLED, "Nội dung")
    await page.keyboard.type("Các tổ dân phố cùng ra quân từ 6 giờ sáng.")
    await tab_to(page, NAMED, "Tạo bản nháp")
    await page.keyboard.press("Enter")
    await page.get_by_text("Đã tạo bản nháp.").wait_for()

    await tab_to(page, NAMED, "Gửi biên tập")
    await page.keyboard.press("Enter")
    await page.get_by_text("Đã gửi biên tập.").wait_for()
    assert await page.locator(".ws-status").inner_text() == "Chờ biên tập"
    assert (
        await page.get_by_label("Tiêu đề", exact=True).input_value()
        == "Phường ra quân làm sạch đường phố"
    )
