"""Every workspace screen, found by following the workspace's own links, passes axe-core
with no serious or critical violation at a desktop's width, and at 768 px (a tablet)
nothing on it is wider than the window.

The screens are not listed by hand: a crawler starts at the dashboard as the demo's
superuser (who sees every section) and as a ward editor, and follows every link that
stays inside `/quan-tri/` on that portal, so a new screen is checked the day it is
linked. GraphiQL (a third-party editor, tested offline elsewhere) and the JSON
library are left out.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.async_api import Browser, Page

from hub.seed.demo import DEMO_PASSWORD, seed_demo
from hub.settings import Settings
from tests.frontends.test_accessibility import serious_problems
from tests.hub_process import hub_process

# Enough for every section's list and one of its items, on the demo data.
MAX_SCREENS = 80
PER_SHAPE = 1  # screens of one kind (`/bai-viet/<id>`, whatever the id, query or language)
# A path segment that names one object: a number, or a global ID (base64 of `Type:id`).
_OBJECT = re.compile(r"^(\d+|[A-Za-z0-9_=-]*\d[A-Za-z0-9_=-]*)$")
SKIPPED = ("/graphiql", "/static/", ".json", "/dang-xuat")
WIDTHS = (1280, 768)
# With THUDO_SCREENSHOTS=<dir>, each kind of screen is saved there for the editors'
# guide, named after its path (`quan-tri-thu-vien.png`, `quan-tri-bai-viet-id.png`).
SCREENSHOTS = os.environ.get("THUDO_SCREENSHOTS", "")


@pytest.fixture
async def demo() -> None:
    await seed_demo(quiet=True)  # before the server starts (SQLite: one writer)


@pytest.fixture
def server(demo: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "server.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


async def sign_in(browser: Browser, base: str, root: str, username: str, width: int) -> Page:
    # axe is injected as an inline script, which the workspace's CSP rightly refuses.
    context = await browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = await context.new_page()
    page.set_default_timeout(30_000)
    await page.goto(f"{base}{root}/dang-nhap?next={root}/quan-tri/")
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_url(f"**{root}/quan-tri/")
    return page


async def workspace_links(page: Page, base: str, root: str) -> list[str]:
    """Links of the page that open another workspace screen of the same portal."""
    hrefs: list[str] = await page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        url = urldefrag(href)[0]
        path = urlsplit(url).path
        if (
            url.startswith(base)
            and path.startswith(f"{root}/quan-tri/")
            and not any(part in url for part in SKIPPED)
        ):
            found.append(url)
    return found


def shape(url: str) -> str:
    """The kind of screen a URL opens: its path with object ids blanked, no query, and the
    English UI counted as the Vietnamese one (the same template)."""
    parts = urlsplit(url).path.replace("/quan-tri/en/", "/quan-tri/").split("/")
    return "/".join("<id>" if _OBJECT.match(part) else part for part in parts)


async def check(page: Page, url: str, axe: bool = True) -> list[str]:
    """axe's serious problems on the screen at ``url``, and any sideways scrolling."""
    response = await page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    found = await serious_problems(page) if axe else []
    overflow = await page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found.append(f"wider than the window by {overflow}px")
    return found


async def crawl(page: Page, base: str, root: str) -> dict[str, list[str]]:
    """Screen → problems, for every kind of workspace screen reachable from the dashboard."""
    start = f"{base}{root}/quan-tri/"
    queue, seen, problems = [start], {start}, {}
    visits: Counter[str] = Counter()
    while queue and len(problems) < MAX_SCREENS:
        url = queue.pop(0)
        visits[shape(url)] += 1
        if visits[shape(url)] > PER_SHAPE:
            continue
        problems[url] = await check(page, url)
        if SCREENSHOTS and "/_t/" not in url:
            name = re.sub(r"[^a-z0-9]+", "-", shape(url).replace("<id>", "id")).strip("-")
            await page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
        for link in await workspace_links(page, base, root):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return problems


@pytest.mark.browser
async def test_every_workspace_screen_passes_axe_at_desktop_and_tablet_widths(
    server: str, browser: Browser
) -> None:
    failing: dict[str, list[str]] = {}
    for username, root in (("admin", ""), ("bientap.hoankiem", "/_t/hoankiem")):
        desktop = await sign_in(browser, server, root, username, WIDTHS[0])
        problems = await crawl(desktop, server, root)
        assert len(problems) >= 5, f"the crawler found too few screens: {sorted(problems)}"
        tablet = await sign_in(browser, server, root, username, WIDTHS[1])
        for url, found in problems.items():
            found += [f"at {WIDTHS[1]}px: {p}" for p in await check(tablet, url, axe=False)]
            if found:
                failing[f"{username} {url}"] = found
    assert not failing, "\n".join(f"{url}: {found}" for url, found in failing.items())
