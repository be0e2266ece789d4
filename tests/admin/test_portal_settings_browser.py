"""The portal administration screens in chromium on the demo: axe-core finds no serious
or critical problem at 1280 px and 768 px (empty forms and a refused one), nothing is
wider than the window, and the settings form is typed into and sent with keystrokes
(Enter submits it; its refusal keeps what was typed beside the error)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from hub.seed.demo import DEMO_PASSWORD, seed_demo
from hub.settings import Settings
from tenants.models import Tenant
from tests.frontends.test_accessibility import serious_problems
from tests.hub_process import hub_process

ROOT = "/_t/hoankiem"
SCREENS = ("/cai-dat", "/chuyen-muc", "/webhook", "/cong-thong-tin", "/en/cai-dat")


@pytest.fixture
async def demo() -> None:
    await seed_demo(quiet=True)  # before the server starts (SQLite: one writer)


@pytest.fixture
def server(demo: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "server.log", THUDO_SCHEDULER_SECONDS="0") as base:
        yield base


async def _signed_in(browser: Browser, base: str, width: int) -> Page:
    # axe is injected as an inline script, which the workspace's CSP rightly refuses.
    context = await browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = await context.new_page()
    page.set_default_timeout(30_000)
    await page.goto(f"{base}{ROOT}/dang-nhap?next={ROOT}/quan-tri/")
    await page.get_by_label("Tên đăng nhập").fill("admin")
    await page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_url(f"**{ROOT}/quan-tri/")
    return page


async def _problems(page: Page) -> list[str]:
    found = await serious_problems(page)
    overflow = await page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    return found + ([f"wider than the window by {overflow}px"] if overflow > 0 else [])


@pytest.mark.browser
@pytest.mark.parametrize("width", (1280, 768))
async def test_the_portal_screens_pass_axe_and_work_from_the_keyboard(
    server: str, browser: Browser, width: int
) -> None:
    page = await _signed_in(browser, server, width)
    problems: dict[str, list[str]] = {}
    for screen in SCREENS:
        response = await page.goto(f"{server}{ROOT}/quan-tri{screen}")
        assert response is not None and response.status == 200, screen
        problems[screen] = await _problems(page)
    await page.goto(f"{server}{ROOT}/quan-tri/chuyen-muc")
    await page.locator("table a").first.click()
    problems["rename"] = await _problems(page)

    # A refused settings form, typed into and sent with keystrokes.
    await page.goto(f"{server}{ROOT}/quan-tri/cai-dat")
    await page.locator("#email").focus()
    await page.keyboard.press("Control+A")
    await page.keyboard.type("khong-phai-thu")
    await page.keyboard.press("Enter")
    await page.wait_for_selector(".ws-error-summary")
    assert await page.locator("#email-error").is_visible()
    assert await page.locator("#email").input_value() == "khong-phai-thu"
    problems["refused"] = await _problems(page)
    failing = {name: found for name, found in problems.items() if found}
    assert not failing, failing

    await page.locator("#email").focus()
    await page.keyboard.press("Control+A")
    await page.keyboard.type("vanphong@hoankiem.hanoi.gov.vn")
    await page.keyboard.press("Enter")
    await page.wait_for_selector(".ws-done")
    ward = await Tenant.get(slug="hoankiem")
    assert ward.email == "vanphong@hoankiem.hanoi.gov.vn"
