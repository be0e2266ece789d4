"""Publish down with the tree picker and hide on one commune, in a real browser (Debian's
chromium through Playwright) against a real `thudo serve` on the demo data (issue 13,
must-show 1, second flow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from hub.seed.demo import DEMO_PASSWORD, seed_demo
from hub.settings import Settings
from tenants.models import Tenant
from tests.factories import make_article
from tests.hub_process import hub_process

TITLE = "Thành phố phát động Tháng hành động vì an toàn thực phẩm"


@pytest.fixture
async def demo() -> None:
    """The demo tree and staff, and a fresh city article (the newest on every list).
    Written before the server starts (SQLite: one writer at a time)."""
    await seed_demo(quiet=True)
    await make_article(await Tenant.get(slug="hanoi"), TITLE, days_ago=0.01)


@pytest.fixture
def hub(demo: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "hub.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


async def signed_in(browser: Browser, base: str, portal: str, username: str) -> Page:
    """A fresh browser context signed in through the real form on ``portal``'s workspace."""
    context = await browser.new_context(viewport={"width": 1024, "height": 800})
    page = await context.new_page()
    # Generous: the machine is shared; waits are for states, never for time.
    page.set_default_timeout(30_000)
    await page.goto(f"{base}/_t/{portal}/quan-tri/")
    await page.wait_for_url(lambda url: "/dang-nhap?next=" in url)
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_url(f"**/_t/{portal}/quan-tri/")
    return page


async def shows_title(page: Page, url: str, shown: bool) -> None:
    """Load ``url`` until it does (or does not) show the article: a receiver's choice
    reaches the page cache through the outbox follower, within a second or so."""
    for _attempt in range(30):
        await page.goto(url)
        if (await page.get_by_role("link", name=TITLE).count() > 0) == shown:
            return
        await page.wait_for_timeout(500)
    raise AssertionError(f"{url} {'does not show' if shown else 'still shows'} {TITLE!r}")


@pytest.mark.browser
async def test_city_publishes_down_to_every_commune_and_one_commune_hides_it(
    hub: str, browser: Browser
) -> None:
    communes = await Tenant.filter(level="commune").count()
    assert communes >= 3

    city = await signed_in(browser, hub, "hanoi", "pheduyet.hanoi")
    await city.get_by_role("link", name="Chia sẻ tin").click()
    mine = city.locator("tr", has=city.get_by_role("link", name=TITLE, exact=True))
    await mine.get_by_role("link", name="Đăng xuống hoặc đề xuất").click()
    await city.get_by_role("heading", name=f"Chia sẻ: {TITLE}").wait_for()
    await city.locator("summary", has_text=f"Xã, phường ({communes})").click()  # opens it
    await city.get_by_label(f"Tất cả xã, phường ({communes})").check()
    await city.get_by_role("button", name="Đếm số cổng nhận").click()
    await city.get_by_text(f"Lựa chọn này đến {communes} cổng.").wait_for()
    # The count kept the selection: publishing now sends what was counted.
    assert await city.get_by_label(f"Tất cả xã, phường ({communes})").is_checked()
    await city.get_by_role("button", name="Đăng xuống").click()
    await city.get_by_text("Đã đăng xuống.").wait_for()
    placed = city.locator(
        "section", has=city.get_by_role("heading", name="Nơi bài đã được đăng xuống")
    )
    await placed.get_by_text(f"{communes} cổng").wait_for()

    await shows_title(city, f"{hub}/_t/hoankiem/", True)
    await shows_title(city, f"{hub}/_t/hoangmai/", True)

    ward = await signed_in(browser, hub, "hoankiem", "pheduyet.hoankiem")
    await ward.get_by_role("link", name="Chia sẻ tin").click()
    await ward.get_by_role("link", name="Tin nhận từ cổng khác").click()
    row = ward.locator("tr", has=ward.get_by_role("link", name=TITLE))
    await row.get_by_text("Thành phố Hà Nội").wait_for()  # the source portal
    await row.get_by_role("button", name="Ẩn ở cổng này").click()
    await ward.get_by_text("Đã ẩn trên cổng này.").wait_for()
    row = ward.locator("tr", has=ward.get_by_role("link", name=TITLE))
    await row.get_by_text("Đang ẩn trên cổng này").wait_for()

    await shows_title(ward, f"{hub}/_t/hoankiem/", False)
    await shows_title(ward, f"{hub}/_t/hoangmai/", True)
