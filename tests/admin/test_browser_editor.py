"""Two people edit the same article in two browsers (issue 13, must-show 2): the
second save is refused, and nothing either of them wrote is lost."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser

from hub.models import Article
from hub.models.newsroom import Revision
from hub.settings import Settings
from tests.admin.helpers import make_staff
from tests.admin.test_browser_workspace import signed_in
from tests.factories import make_article, make_tree
from tests.hub_process import hub_process

TITLE = "Lịch tiếp công dân tháng 12"


@pytest.fixture
async def article_id() -> int:
    """Written before the server starts (SQLite: one writer at a time)."""
    tree = await make_tree()
    await make_staff(tree)
    return (await make_article(tree.ward, TITLE, published=False)).id


@pytest.fixture
def hub(article_id: int, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "hub.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


@pytest.mark.browser
async def test_two_people_save_the_same_article_the_second_is_refused_nothing_is_lost(
    hub: str, browser: Browser, article_id: int
) -> None:
    gid = base64.urlsafe_b64encode(f"Article:{article_id}".encode()).decode().rstrip("=")
    url = f"{hub}/_t/hoankiem/quan-tri/bai-viet/{gid}"
    reporter = await signed_in(browser, hub, "reporter.hoankiem")
    editor = await signed_in(browser, hub, "editor.hoankiem")
    errors: list[str] = []
    for page in (reporter, editor):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        await page.goto(url)
        await page.get_by_role("heading", name="Sửa bài").wait_for()

    # The reporter types; the form's script autosaves after the pause, then they save.
    await reporter.get_by_label("Tóm tắt (sapo)").fill("Bản của phóng viên: thứ Năm hằng tuần.")
    await reporter.locator("#autosave-status").get_by_text("Đã tự động lưu lúc").wait_for()
    await reporter.get_by_role("button", name="Lưu", exact=True).click()
    await reporter.get_by_text("Đã lưu.").wait_for()

    # The editor, who opened the same revision, saves second: refused, text kept.
    await editor.get_by_label("Tiêu đề", exact=True).fill(f"{TITLE} (đã biên tập)")
    await editor.get_by_label("Tóm tắt (sapo)").fill("Bản của biên tập viên: sáng thứ Năm.")
    await editor.get_by_role("button", name="Lưu", exact=True).click()
    await editor.get_by_role("heading", name="Người khác đã lưu bài này trước bạn").wait_for()
    assert (
        await editor.get_by_label("Tiêu đề", exact=True).input_value() == f"{TITLE} (đã biên tập)"
    )
    assert (
        await editor.get_by_label("Tóm tắt (sapo)").input_value()
        == "Bản của biên tập viên: sáng thứ Năm."
    )
    await editor.get_by_role("link", name="So sánh nội dung của bạn với bản hiện tại").click()
    diff = editor.locator("#so-sanh")
    await diff.get_by_text("-Bản của phóng viên: thứ Năm hằng tuần.").wait_for()
    await diff.get_by_text("+Bản của biên tập viên: sáng thứ Năm.").wait_for()

    # Nothing is lost: the article has the first save; the refused one is a working copy.
    article = await Article.unscoped().get(id=article_id)
    assert article.summary == "Bản của phóng viên: thứ Năm hằng tuần."
    assert article.title == TITLE
    summaries = {r.data["summary"] for r in await Revision.filter(article_id=article_id)}
    assert "Bản của biên tập viên: sáng thứ Năm." in summaries
    assert errors == []
