"""The media library in a real browser (Debian's chromium) against a real `thudo serve`:
a file dropped on the drop zone is uploaded with a progress bar and shows in the grid;
a refused one says why, in Vietnamese; a click on the picture sets the focal point."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.async_api import Browser, JSHandle, Page

from hub.settings import Settings
from tests.admin.helpers import make_staff
from tests.admin.test_browser_workspace import signed_in
from tests.factories import make_tree
from tests.hub_process import hub_process

MAKE_DROP = """([name, type, b64]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, { type }));
  return data;
}"""


@pytest.fixture
async def media_staff() -> None:
    """Written before the server starts (SQLite: one writer at a time)."""
    await make_staff(await make_tree())


@pytest.fixture
def media_hub(media_staff: None, settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "hub.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (30, 110, 60)).save(out, "PNG")
    return out.getvalue()


async def drop(page: Page, name: str, content_type: str, data: bytes) -> None:
    """Drop one file on the zone, as a user dragging it from their desktop would."""
    transfer: JSHandle = await page.evaluate_handle(
        MAKE_DROP, [name, content_type, base64.b64encode(data).decode()]
    )
    zone = page.locator("[data-drop-zone]")
    await zone.dispatch_event("dragenter", {"dataTransfer": transfer})
    await zone.dispatch_event("dragover", {"dataTransfer": transfer})
    await zone.dispatch_event("drop", {"dataTransfer": transfer})


@pytest.mark.browser
async def test_a_dropped_picture_uploads_with_progress_and_appears_in_the_grid(
    media_hub: str, browser: Browser
) -> None:
    page = await signed_in(browser, media_hub, "reporter.hoankiem")
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    await page.get_by_role("link", name="Thư viện tệp").click()
    await page.get_by_role("heading", name="Thư viện tệp").wait_for()
    await page.locator("[data-drop-zone]").wait_for(state="visible")  # the script ran

    await drop(page, "keo-tha.png", "image/png", photo())
    queue = page.locator("[data-queue]")
    # A picture waits for its alt text; uploading without it is refused on the spot.
    await queue.get_by_role("button", name="Tải lên").click()
    await queue.get_by_text("Mô tả bức ảnh cho người không nhìn thấy").wait_for()
    await queue.get_by_label("Mô tả ảnh cho keo-tha.png").fill("Cánh đồng lúa xanh")
    await queue.get_by_role("button", name="Tải lên").click()
    await queue.get_by_text("Đã tải lên.").wait_for()
    progress = queue.get_by_label("Tiến độ tải lên keo-tha.png")
    assert await progress.evaluate("(p) => p.value === p.max && p.max === 100")
    card = page.locator("[data-grid] .ml-card", has_text="keo-tha.png")
    await card.wait_for()
    assert await card.locator("img").get_attribute("src") not in (None, "")

    # A file of a type the library refuses says why, and nothing is added.
    await drop(page, "ghi-chu.txt", "text/plain", "Ghi chú cuộc họp".encode())
    await queue.get_by_text("Tệp bị hỏng hoặc thuộc loại thư viện không nhận").wait_for()

    # After a reload the server's own grid lists the picture, not the refused file.
    await page.reload()
    await page.locator("[data-grid] .ml-card", has_text="keo-tha.png").wait_for()
    assert await page.locator("[data-grid] .ml-card").count() == 1

    # One file's page: a click on the picture sets the focal point, saved by the form.
    await page.locator("[data-grid] .ml-card a").first.click()
    await page.get_by_role("heading", name="keo-tha.png").wait_for()
    picture = page.locator("[data-focal] img")
    box = await picture.bounding_box()
    assert box is not None
    await picture.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    assert await page.get_by_label("Chiều ngang (0–1)").input_value() == "0.25"
    assert await page.get_by_label("Chiều dọc (0–1)").input_value() == "0.75"
    await page.get_by_role("button", name="Lưu").click()
    await page.get_by_text("Đã lưu.").wait_for()
    assert await page.get_by_label("Chiều ngang (0–1)").input_value() == "0.25"
    assert problems == []
