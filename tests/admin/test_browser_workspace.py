"""The workspace in a real browser (Debian's chromium through Playwright) against a
real `thudo serve`: the daily return-with-a-reason flow, and GraphiQL offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Page, Route, TimeoutError

from hub.settings import Settings
from tests.admin.helpers import make_staff
from tests.factories import PASSWORD, make_tree
from tests.hub_process import hub_process

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
async def ward_staff() -> None:
    """Written before the server starts (SQLite: one writer at a time)."""
    await make_staff(await make_tree())


@pytest.fixture
def hub(ward_staff: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "hub.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


async def signed_in(
    browser: Browser, base: str, username: str, blocked: list[str] | None = None
) -> Page:
    """A fresh browser context (its own cookies) signed in through the real form,
    starting from the workspace, which sends anonymous people to sign in. With
    ``blocked``, every request to a non-local host is aborted and listed there."""
    context = await browser.new_context(viewport={"width": 1024, "height": 800})
    if blocked is not None:

        async def local_only(route: Route) -> None:
            if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
                await route.continue_()
            else:
                blocked.append(route.request.url)
                await route.abort()

        await context.route("**/*", local_only)
    page = await context.new_page()
    # Generous: the machine is shared; waits are for states, never for time.
    page.set_default_timeout(30_000)
    await page.goto(f"{base}/_t/hoankiem/quan-tri/")
    await page.wait_for_url(lambda url: "/dang-nhap?next=" in url)
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_url("**/_t/hoankiem/quan-tri/")
    return page


@pytest.mark.browser
async def test_reporter_writes_editor_returns_with_a_reason_reporter_reads_it(
    hub: str, browser: Browser
) -> None:
    reporter = await signed_in(browser, hub, "reporter.hoankiem")
    assert await reporter.get_by_role("heading", name="Tổng quan").is_visible()
    await reporter.get_by_role("link", name="Viết bài mới").click()
    await reporter.get_by_label("Tiêu đề").fill("Phường tổ chức ngày hội đọc sách")
    await reporter.get_by_label("Tóm tắt (sapo)").fill("Sáng 7/12 tại nhà văn hóa phường.")
    await reporter.get_by_label("Nội dung (HTML)").fill("<p>Hơn 500 cuốn sách được trao tặng.</p>")
    await reporter.get_by_label("Chuyên mục").select_option(label="Tin tức")
    await reporter.get_by_role("button", name="Tạo bản nháp").click()
    await reporter.get_by_text("Đã tạo bản nháp.").wait_for()
    await reporter.get_by_role("button", name="Gửi biên tập").click()
    await reporter.get_by_text("Đã gửi biên tập.").wait_for()
    assert await reporter.locator(".ws-status").inner_text() == "Chờ biên tập"

    editor = await signed_in(browser, hub, "editor.hoankiem")
    queue = editor.locator("section", has=editor.get_by_role("heading", name="Chờ biên tập"))
    await queue.get_by_role("link", name="Phường tổ chức ngày hội đọc sách").click()
    await editor.get_by_label("Lý do trả lại").fill("Cần thêm ảnh và tên người phát biểu")
    await editor.get_by_role("button", name="Trả lại người viết").click()
    await editor.get_by_text("Đã trả lại người viết kèm lý do.").wait_for()

    await reporter.get_by_role("link", name="Tổng quan").click()
    returned = reporter.locator(
        "section", has=reporter.get_by_role("heading", name="Bị trả lại cho tôi")
    )
    await returned.get_by_text("Cần thêm ảnh và tên người phát biểu").wait_for()
    await returned.get_by_role("link", name="Phường tổ chức ngày hội đọc sách").click()
    await reporter.get_by_text("Cần thêm ảnh và tên người phát biểu").wait_for()
    assert await reporter.get_by_role("button", name="Gửi biên tập").is_visible()

    # Sign-out ends the session: the workspace asks for sign-in again.
    await reporter.get_by_role("button", name="Đăng xuất").click()
    await reporter.wait_for_load_state()
    await reporter.goto(f"{hub}/_t/hoankiem/quan-tri/")
    await reporter.wait_for_url(lambda url: "/dang-nhap?next=" in url)


@pytest.mark.browser
async def test_graphiql_loads_and_runs_queries_with_every_non_local_request_blocked(
    hub: str, browser: Browser
) -> None:
    blocked: list[str] = []
    page = await signed_in(browser, hub, "editor.hoankiem", blocked)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.get_by_role("link", name="GraphiQL").click()
    await page.locator(".graphiql-container").wait_for()
    # The default tab asks who is signed in; run it with the session's cookie.
    await page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    await result.get_by_text('"editor.hoankiem"').wait_for()

    # The workspace's own operations, from the library panel.
    await page.get_by_role("button", name="Thao tác của trang quản trị").click()
    await page.locator('[data-operation="Dashboard"]').click()
    await page.locator(".graphiql-query-editor").get_by_text("query Dashboard").wait_for()
    # GraphiQL learns the new document's operation name a moment after the text
    # changes (a debounced parse); a click inside that moment runs the old name
    # and shows its error. So run until the dashboard's answer shows, a few times.
    for _attempt in range(5):
        await page.locator(".graphiql-execute-button").click()
        try:
            await result.get_by_text('"myDrafts"').wait_for(timeout=10_000)
            break
        except TimeoutError:
            continue
    await result.get_by_text('"myDrafts"').wait_for()

    # The other screens with scripts of their own: the rich-text editor and the
    # media library's drop zone, from the hub's own files too.
    await page.goto(f"{hub}/_t/hoankiem/quan-tri/bai-viet/moi")
    await page.locator("[contenteditable=true]").click()
    await page.keyboard.type("Không cần internet.")
    assert "Không cần internet." in await page.locator("textarea#body").input_value()
    await page.goto(f"{hub}/_t/hoankiem/quan-tri/thu-vien")
    await page.locator("[data-drop-zone]").wait_for(state="visible")  # shown by its script
    assert blocked == []
    assert errors == []
