"""A real browser (Debian's chromium, driven by Playwright) reads the portal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from hub.models import Language
from hub.settings import Settings
from tests.factories import make_article, make_category, make_tree
from tests.hub_process import hub_process

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def server(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """`thudo serve` in its own process, on the test database, bound to 127.0.0.1."""
    with hub_process(settings, tmp_path / "server.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


@pytest.mark.browser
async def test_reader_on_a_phone_reads_a_ward_article_and_the_english_edition(
    server: str,
) -> None:
    tree = await make_tree()
    news = await make_category(tree.ward)
    await make_article(
        tree.ward,
        "Phường Hoàn Kiếm ra mắt mô hình tổ dân phố số",
        category=news,
        featured=True,
        body="<p>Người dân có thể gửi phản ánh qua ứng dụng.</p>",
    )
    city_news = await make_category(tree.city)
    await make_article(
        tree.city, "Hanoi hosts the autumn festival", category=city_news, language=Language.EN
    )
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 320, "height": 640})
            page.set_default_timeout(10_000)
            await page.goto(f"{server}/_t/hoankiem/")
            assert await page.title() == "Phường Hoàn Kiếm"
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, "the home page scrolls sideways at 320 px"
            await page.keyboard.press("Tab")
            skip = page.get_by_role("link", name="Chuyển đến nội dung chính")
            assert await skip.is_visible()
            await page.get_by_role(
                "link", name="Phường Hoàn Kiếm ra mắt mô hình tổ dân phố số"
            ).first.click()
            await page.wait_for_url("**/tin-tuc/phuong-hoan-kiem-ra-mat-mo-hinh-to-dan-pho-so")
            heading = page.get_by_role("heading", level=1)
            assert await heading.inner_text() == "Phường Hoàn Kiếm ra mắt mô hình tổ dân phố số"
            assert await page.get_by_text("Người dân có thể gửi phản ánh").is_visible()
            assert await page.get_by_role("button", name="In bài viết").is_visible()
            date = await page.locator("article time").first.inner_text()
            assert len(date) == 16 and date[2] == "/" and date[5] == "/"  # dd/mm/yyyy hh:mm

            await page.goto(f"{server}/_t/hanoi/en/")
            assert await page.locator("html").get_attribute("lang") == "en"
            await page.get_by_role("link", name="Hanoi hosts the autumn festival").first.click()
            heading = page.get_by_role("heading", level=1)
            assert await heading.inner_text() == "Hanoi hosts the autumn festival"
            assert await page.get_by_role("button", name="Print").is_visible()
        finally:
            await browser.close()
