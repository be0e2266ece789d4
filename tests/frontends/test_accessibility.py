"""axe-core finds no serious or critical problem on the citizens' pages and forms.

axe-core comes from the npm lock of `frontends/admin` (installed by
`requirements/install`); it is injected into each page of a real `thudo serve`
on the demo data, in Debian's chromium, at a phone's width and a desktop's.
The forms are checked empty and again after a refused submission, when the
error summary and the field messages are on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Page, async_playwright

from hub.seed.demo import seed_demo
from hub.settings import Settings
from tests.frontends.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.hub_process import hub_process

AXE = Path(__file__).resolve().parents[2] / "frontends/admin/node_modules/axe-core/axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = {"serious", "critical"}

# Portal → pages read as they are (the consultation page is found from its list).
PAGES = {
    "caicachhanhchinh": [
        "/sang-kien",
        "/sang-kien/gui",
        "/sang-kien/tra-cuu",
        "/sang-kien/ket-qua",
    ],
    "hanoi": [
        "/gop-y-du-thao",
        "/yeu-cau-cung-cap-thong-tin",
        "/yeu-cau-cung-cap-thong-tin/tra-cuu",
        "/danh-muc-thong-tin-cong-khai",
    ],
}
# Forms sent empty: the page that comes back carries the error summary.
REFUSED = {
    "caicachhanhchinh": ["/sang-kien/gui", "/sang-kien/tra-cuu"],
    "hanoi": ["/yeu-cau-cung-cap-thong-tin", "/yeu-cau-cung-cap-thong-tin/tra-cuu"],
}


@pytest.fixture
async def demo() -> None:
    await seed_demo(quiet=True)  # before the server starts (SQLite: one writer)


@pytest.fixture
def server(demo: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "server.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


async def serious_problems(page: Page) -> list[str]:
    """axe's serious and critical violations on the page, one line each."""
    await page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = await page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    assert result["passes"], "axe checked nothing: the page did not load"
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} – {v['help']}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


async def linked(page: Page, pattern: str) -> str:
    """The first link on the page whose address matches ``pattern``."""
    for href in await page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
        if re.search(pattern, href):
            return str(href)
    raise AssertionError(f"no link matching {pattern} on {page.url}")


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
async def test_the_citizens_pages_have_no_serious_accessibility_problem(
    server: str, width: int
) -> None:
    assert AXE.exists(), "run requirements/install test (npm ci in frontends/admin)"
    found: dict[str, list[str]] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # The pages' policy allows no inline script; axe is injected as one.
            context = await browser.new_context(
                viewport={"width": width, "height": 900}, bypass_csp=True
            )
            page = await context.new_page()
            page.set_default_timeout(30_000)
            for slug, paths in PAGES.items():
                for path in paths:
                    await page.goto(f"{server}/_t/{slug}{path}")
                    found[f"{slug}{path}"] = await serious_problems(page)
            # Pages reached from the lists: a published initiative, an open consultation
            # (its comment form), an article (its rating form).
            for slug, listing, pattern in (
                ("caicachhanhchinh", "/sang-kien", r"/sang-kien/\d+$"),
                ("hanoi", "/gop-y-du-thao", r"/gop-y-du-thao/\d+$"),
                ("hanoi", "/", r"/tin-tuc/[^/]+$"),
            ):
                await page.goto(f"{server}/_t/{slug}{listing}")
                await page.goto(await linked(page, pattern))
                found[page.url] = await serious_problems(page)
            for slug, paths in REFUSED.items():
                for path in paths:
                    await page.goto(f"{server}/_t/{slug}{path}")
                    await page.locator("main form[method=post] button[type=submit]").first.click()
                    await page.wait_for_load_state()
                    found[f"{slug}{path} (refused)"] = await serious_problems(page)
        finally:
            await browser.close()
    assert {where: problems for where, problems in found.items() if problems} == {}
    assert len(found) == 15
