"""A reader on the demo portal: a photo story, a video page and the English edition."""

from __future__ import annotations

import pytest
from playwright.async_api import async_playwright

from hub.seed.demo import seed_demo
from tests.frontends.test_browser import CHROMIUM, CHROMIUM_ARGS, server  # noqa: F401


@pytest.fixture
async def demo() -> None:
    """The demo data, written before the server starts: on SQLite, the server's
    outbox consumers (search indexer, webhooks) write too, and a long seed running
    beside them could meet a locked database."""
    await seed_demo(quiet=True)


@pytest.mark.browser
async def test_reader_sees_the_demo_gallery_video_and_english_article(
    demo: None,
    server: str,  # noqa: F811
) -> None:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 390, "height": 844})
            page.set_default_timeout(10_000)
            await page.goto(f"{server}/")
            await page.get_by_role(
                "link", name="Ảnh: Sắc thu Hà Nội qua ống kính người dân"
            ).first.click()
            await page.wait_for_url("**/tin-tuc/anh-sac-thu-ha-noi-qua-ong-kinh-nguoi-dan")
            assert await page.locator(".kind-label").inner_text() == "PHÓNG SỰ ẢNH"
            photos = page.locator(".gallery figure")
            assert await photos.count() == 6
            assert await page.locator(".gallery figcaption").first.inner_text() == (
                "1/6 Ảnh minh họa – Thành phố Hà Nội (Dữ liệu mẫu)"
            )
            first = photos.first.locator("img")
            await first.scroll_into_view_if_needed()
            await page.wait_for_function(
                "img => img.complete && img.naturalWidth > 0", arg=await first.element_handle()
            )
            assert (await first.get_attribute("alt") or "").startswith("Ảnh minh họa 1")
            assert "320w" in (await first.get_attribute("srcset") or "")
            # The phone picked a rendition, not the full original.
            assert "/media/" in await first.evaluate("img => img.currentSrc")
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0

            await page.goto(f"{server}/tin-tuc/video-toan-canh-phien-hop-thuong-ky-ubnd-thanh-pho")
            video = page.locator("video")
            assert await video.count() == 1
            src = await video.get_attribute("src")
            assert src and src.startswith("/media/")
            ranged = await page.request.get(f"{server}{src}", headers={"Range": "bytes=0-99"})
            assert ranged.status == 206
            assert ranged.headers["content-range"].startswith("bytes 0-99/")
            await page.get_by_text("Bản ghi lời", exact=True).click()
            assert await page.get_by_text("Đây là bản ghi lời của đoạn video mẫu").is_visible()
            player = page.locator("figure.embed-youtube")
            assert await player.locator("iframe").count() == 0
            await player.get_by_role("link").click()
            frame = player.locator("iframe")
            assert "youtube-nocookie.com/embed/" in (await frame.get_attribute("src") or "")

            await page.goto(f"{server}/en/")
            assert await page.locator("html").get_attribute("lang") == "en"
            await page.get_by_role(
                "link", name="Hanoi opens a new electric bus route linking urban areas"
            ).first.click()
            heading = page.get_by_role("heading", level=1)
            assert await heading.inner_text() == (
                "Hanoi opens a new electric bus route linking urban areas"
            )
            assert await page.get_by_text("Latest news").count() == 0
            back = page.get_by_role("link", name="Đọc bằng tiếng Việt")
            await back.click()
            assert await page.locator("html").get_attribute("lang") == "vi"
            assert await page.get_by_role("heading", level=1).inner_text() == (
                "Hà Nội mở thêm tuyến xe buýt điện kết nối các khu đô thị"
            )
        finally:
            await browser.close()
