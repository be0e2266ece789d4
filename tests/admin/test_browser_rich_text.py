"""The article body's rich-text editor in a real browser (Debian's chromium
through Playwright) against a real `thudo serve`: typing and formatting with
the toolbar, pasting from Word, Vietnamese from an input method, the keyboard
alone, the strict CSP, and the stored body checked through the API."""

from __future__ import annotations

import asyncio
import base64
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page

from hub.models import Article
from hub.settings import Settings
from hub.text.html import sanitize_html
from tests.admin.helpers import make_staff
from tests.factories import PASSWORD, make_article, make_tree
from tests.hub_process import hub_process

# What Word (Microsoft 365, Windows) puts on the clipboard as text/html for a
# bold run, a justified paragraph in Times New Roman, a two-item bulleted list,
# a numbered item and an empty spacer paragraph: Office namespaces, <o:p>,
# conditional comments, class=MsoNormal and mso- styles throughout.
WORD_CLIPBOARD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/ADMIN/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;
	mso-font-charset:0;
	mso-generic-font-family:roman;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	mso-style-qformat:yes;
	margin:0cm;
	font-size:12.0pt;
	font-family:"Times New Roman",serif;}
p.MsoListParagraphCxSpFirst
	{mso-style-priority:34;
	margin-left:36.0pt;}
-->
</style>
</head>

<body lang=VI style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->

<p class=MsoNormal style='margin-bottom:6.0pt;text-align:justify;line-height:
115%'><b><span lang=VI style='font-size:14.0pt;line-height:115%;font-family:
"Times New Roman",serif;mso-fareast-font-family:"Times New Roman"'>UBND phường
Hoàn Kiếm</span></b><span lang=VI style='font-size:14.0pt;line-height:115%;
font-family:"Times New Roman",serif'> tổ chức hội nghị tổng kết năm 2026<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=VI style='font-size:14.0pt;font-family:Symbol;mso-fareast-font-family:Symbol;
mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=VI style='font-size:14.0pt'>Khen
thưởng 12 tập thể<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=VI style='font-size:14.0pt;font-family:Symbol;mso-fareast-font-family:Symbol;
mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=VI style='font-size:14.0pt'>Biểu
dương 30 cá nhân<o:p></o:p></span></p>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
lang=VI style='font-size:14.0pt'><span style='mso-list:Ignore'>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><i><span lang=VI style='font-size:14.0pt'>Phương
hướng năm 2027</span></i><span lang=VI style='font-size:14.0pt'><o:p></o:p></span></p>

<!--EndFragment-->
</body>

</html>"""

# What Google Docs puts on the clipboard: a <b> wrapper that is not bold, and
# bold and italic as inline styles on spans.
GOOGLE_DOCS_CLIPBOARD = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-7f3c2a1e-7fff-1b2c">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;'
    "background-color:transparent;font-weight:700;font-style:normal;font-variant:normal;"
    'text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">'
    "Lịch tiếp dân</span>"
    '<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;'
    'font-weight:400;font-style:italic;white-space:pre-wrap;"> thứ Năm hằng tuần</span></p>'
    '</b><br class="Apple-interchange-newline">'
)

# Stored bodies the editor did not make: one it holds (an embed, a table head,
# <b>/<i>), one it cannot hold without loss (a definition list).
STORED_RICH = sanitize_html(
    "<h2>Video</h2>"
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>'
    "<p><b>Đậm</b> và <i>nghiêng</i></p>"
    "<table><thead><tr><th>Năm</th></tr></thead><tbody><tr><td>2026</td></tr></tbody></table>"
)
STORED_ODD = "<dl><dt>Thời gian</dt><dd>Sáng 7/12</dd></dl>"

CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""


def global_id(article: Article) -> str:
    return base64.urlsafe_b64encode(f"Article:{article.id}".encode()).decode().rstrip("=")


@pytest.fixture
async def ward_staff() -> dict[str, str]:
    """Written before the server starts (SQLite: one writer at a time)."""
    tree = await make_tree()
    await make_staff(tree)
    rich = await make_article(tree.ward, "Bài có video", published=False, body=STORED_RICH)
    odd = await make_article(tree.ward, "Bài có danh sách", published=False, body=STORED_ODD)
    return {"rich": global_id(rich), "odd": global_id(odd)}


@pytest.fixture
def hub(ward_staff: dict[str, str], settings: Settings, tmp_path: Path) -> Iterator[str]:
    with hub_process(settings, tmp_path / "hub.log", THUDO_TENANT_CACHE_SECONDS="0") as base:
        yield base


async def signed_in(browser: Browser, base: str, username: str) -> tuple[BrowserContext, Page]:
    """A fresh context signed in through the real form, watching for CSP violations."""
    context = await browser.new_context(viewport={"width": 1024, "height": 800})
    await context.add_init_script(CSP_WATCH)
    page = await context.new_page()
    page.set_default_timeout(30_000)
    await page.goto(f"{base}/_t/hoankiem/dang-nhap")
    await page.get_by_label("Tên đăng nhập").fill(username)
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_load_state()
    return context, page


async def body_value(page: Page) -> str:
    return str(await page.locator("textarea#body").input_value())


async def paste(page: Page, html: str | None, text: str) -> None:
    """A paste event as the browser fires it, with the clipboard's HTML and text."""
    await page.evaluate(
        """([html, text]) => {
          const data = new DataTransfer();
          if (html !== null) data.setData("text/html", html);
          data.setData("text/plain", text);
          const area = document.querySelector(".rte-area");
          area.focus();
          area.dispatchEvent(new ClipboardEvent("paste", {
            clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        [html, text],
    )


async def compose(page: Page, steps: list[str]) -> None:
    """Type as Telex/VNI input methods do: composition updates, then the commit."""
    cdp = await page.context.new_cdp_session(page)
    for text in steps:
        await cdp.send(
            "Input.imeSetComposition",
            {"text": text, "selectionStart": len(text), "selectionEnd": len(text)},
        )
    await cdp.send("Input.insertText", {"text": steps[-1]})
    await cdp.detach()


async def until(page: Page, expression: str) -> None:
    """Wait until ``expression`` is true in the page. Polled from here: Playwright's
    own wait_for_function polls with eval(), which the page's CSP rightly refuses."""
    for _ in range(600):
        if await page.evaluate(expression):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never true: {expression}")


async def back_in_the_text(page: Page) -> None:
    """TipTap gives the focus back on the next animation frame: wait for it."""
    await until(page, "document.activeElement.id === 'body-editor'")


async def stored_body(page: Page, base: str, article_id: str) -> str:
    """The article's body as the API returns it, with the browser's session."""
    response = await page.request.post(
        f"{base}/_t/hoankiem/graphql",
        data=json.dumps(
            {
                "query": "query Body($id: ID!) { node(id: $id) { ... on Article { body } } }",
                "variables": {"id": article_id},
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    assert response.ok, await response.text()
    return str((await response.json())["data"]["node"]["body"])


@pytest.mark.browser
async def test_a_reporter_writes_with_the_toolbar_pastes_from_word_and_types_vietnamese(
    hub: str, browser: Browser
) -> None:
    context, page = await signed_in(browser, hub, "reporter.hoankiem")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(f"{hub}/_t/hoankiem/quan-tri/bai-viet/moi")
    editor = page.get_by_role("textbox", name="Nội dung (HTML)")
    await editor.wait_for()
    assert await page.locator("textarea#body").is_hidden()
    toolbar = page.get_by_role("toolbar", name="Định dạng nội dung")
    button = toolbar.get_by_role

    await page.get_by_label("Tiêu đề", exact=True).fill("Phường tổng kết năm 2026")
    await editor.click()
    await page.keyboard.type("Mở đầu bài viết.")
    assert await body_value(page) == "<p>Mở đầu bài viết.</p>"

    # Headings, bold and italic from the toolbar (the mouse), state in aria-pressed.
    await page.keyboard.press("Enter")
    await button("button", name="Đề mục H2").click()
    await back_in_the_text(page)
    await page.keyboard.type("Kết quả")
    assert await button("button", name="Đề mục H2").get_attribute("aria-pressed") == "true"
    await page.keyboard.press("Enter")
    await button("button", name="Đề mục H3").click()
    await back_in_the_text(page)
    await page.keyboard.type("Chi tiết")
    await page.keyboard.press("Enter")
    await button("button", name="Đề mục H4").click()
    await back_in_the_text(page)
    await page.keyboard.type("Ghi chú")
    await page.keyboard.press("Enter")
    await button("button", name="In đậm").click()
    assert await button("button", name="In đậm").get_attribute("aria-pressed") == "true"
    await back_in_the_text(page)
    await page.keyboard.type("đậm")
    await button("button", name="In đậm").click()
    await button("button", name="In nghiêng").click()
    await back_in_the_text(page)
    await page.keyboard.type(" nghiêng")
    await button("button", name="In nghiêng").click()

    # A link on a selected word, through the link panel.
    await page.keyboard.type(" cổng")
    for _ in range(4):
        await page.keyboard.press("Shift+ArrowLeft")
    await button("button", name="Liên kết").click()
    await page.get_by_label("Địa chỉ liên kết").fill("https://hoankiem.hanoi.gov.vn/gioi-thieu")
    await page.get_by_label("Địa chỉ liên kết").press("Enter")
    await back_in_the_text(page)
    await page.keyboard.press("End")

    # Lists and a quotation.
    await page.keyboard.press("Enter")
    await button("button", name="Danh sách gạch đầu dòng").click()
    await back_in_the_text(page)
    await page.keyboard.type("Ý một")
    await page.keyboard.press("Enter")
    await page.keyboard.type("Ý hai")
    await page.keyboard.press("Enter")
    await page.keyboard.press("Enter")
    await button("button", name="Danh sách đánh số").click()
    await back_in_the_text(page)
    await page.keyboard.type("Bước một")
    await page.keyboard.press("Enter")
    await page.keyboard.press("Enter")
    await button("button", name="Trích dẫn").click()
    await back_in_the_text(page)
    await page.keyboard.type("Lời chủ tịch phường.")
    await page.keyboard.press("Enter")
    await page.keyboard.press("Enter")

    # A picture from the portal's media, with its required description.
    await button("button", name="Chèn ảnh").click()
    await page.get_by_label("Địa chỉ ảnh").fill("javascript:alert(1)")
    await page.get_by_role("button", name="Áp dụng").click()
    await page.get_by_text("Địa chỉ này không dùng được.").wait_for()
    await page.get_by_label("Địa chỉ ảnh").fill("/media/ab/cdef.jpg")
    await page.get_by_role("button", name="Áp dụng").click()
    await page.get_by_text("Hãy nhập mô tả ảnh.").wait_for()
    await page.get_by_label("Mô tả ảnh (cho người không xem được ảnh)").fill("Toàn cảnh hội nghị")
    await page.get_by_role("button", name="Áp dụng").click()

    # A table: the row and column buttons show only inside it.
    assert await button("button", name="Thêm hàng").is_hidden()
    await button("button", name="Chèn bảng").click()
    await button("button", name="Thêm cột").click()
    assert (await body_value(page)).count("<th>") == 4
    await button("button", name="Xoá cột").click()
    assert (await body_value(page)).count("<th>") == 3
    await page.keyboard.type("Hạng mục")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Tab")
    await page.keyboard.type("Trường học")

    # Undo and redo.
    before_undo = await body_value(page)
    await button("button", name="Hoàn tác").click()
    assert await body_value(page) != before_undo
    await button("button", name="Làm lại").click()
    assert await body_value(page) == before_undo

    made = await body_value(page)
    for construct in (
        "<p>Mở đầu bài viết.</p>",
        "<h2>Kết quả</h2>",
        "<h3>Chi tiết</h3>",
        "<h4>Ghi chú</h4>",
        "<strong>đậm</strong>",
        "<em> nghiêng</em>",
        '<a href="https://hoankiem.hanoi.gov.vn/gioi-thieu" rel="noopener noreferrer">cổng</a>',
        "<ul><li><p>Ý một</p></li><li><p>Ý hai</p></li></ul>",
        "<ol><li><p>Bước một</p></li></ol>",
        "<blockquote><p>Lời chủ tịch phường.</p></blockquote>",
        '<img src="/media/ab/cdef.jpg" alt="Toàn cảnh hội nghị"><table><tbody><tr><th><p>Hạng mục</p></th>',
        "<td><p>Trường học</p></td>",
    ):
        assert construct in made, f"{construct}\n{made}"
    assert sanitize_html(made) == made

    # Word's clipboard: lists become lists, nothing of Office's markup stays.
    await page.keyboard.press("Control+End")
    await paste(page, WORD_CLIPBOARD, "UBND phường Hoàn Kiếm tổ chức hội nghị")
    await until(page, "document.querySelector('textarea#body').value.includes('Phương hướng')")
    value = await body_value(page)
    assert "<strong>UBND phường Hoàn Kiếm</strong> tổ chức hội nghị tổng kết năm 2026" in value
    assert (
        "<ul><li><p>Khen thưởng 12 tập thể</p></li><li><p>Biểu dương 30 cá nhân</p></li></ul>"
        in value
    )
    assert "<ol><li><p><em>Phương hướng năm 2027</em></p></li></ol>" in value
    for dirt in ("mso", "Mso", "class=", "style=", "<span", "<!--", "o:p", "font", "&nbsp;", "·"):
        assert dirt not in value, dirt
    assert sanitize_html(value) == value

    # Google Docs: its styles become <strong>/<em>, its wrapper and spans go.
    await page.keyboard.press("Control+End")
    await page.keyboard.press("Enter")
    await page.keyboard.press("Enter")  # out of the pasted list
    await paste(page, GOOGLE_DOCS_CLIPBOARD, "Lịch tiếp dân thứ Năm hằng tuần")
    await until(page, "document.querySelector('textarea#body').value.includes('hằng tuần')")
    value = await body_value(page)
    assert value.endswith("<p><strong>Lịch tiếp dân</strong><em> thứ Năm hằng tuần</em></p>")
    assert sanitize_html(value) == value

    # Vietnamese from an input method: "Việt Nam" composed letter by letter (Telex: Vieejt).
    await page.keyboard.press("Control+End")
    await page.keyboard.press("Enter")
    await page.keyboard.press("Enter")  # out of the pasted list
    await compose(page, ["V", "Vi", "Vie", "Viê", "Viêt", "Việt"])
    await page.keyboard.type(" ")
    await compose(page, ["N", "Na", "Nam"])
    await until(page, "document.querySelector('textarea#body').value.includes('Việt Nam')")
    # Decomposed text (Unikey's "Unicode tổ hợp", some Mac input) is stored composed.
    await page.keyboard.press("Enter")
    decomposed = unicodedata.normalize("NFD", "Thủ đô Hà Nội")
    await paste(page, None, decomposed)
    await until(page, "document.querySelector('textarea#body').value.includes('Thủ đô Hà Nội')")
    value = await body_value(page)
    assert ">Việt Nam<" in value and ">Thủ đô Hà Nội<" in value
    assert unicodedata.normalize("NFC", value) == value
    assert sanitize_html(value) == value

    # Saved through the form: the server stores exactly what the editor made.
    await page.get_by_role("button", name="Tạo bản nháp").click()
    await page.get_by_text("Đã tạo bản nháp.").wait_for()
    article_id = page.url.split("/bai-viet/")[1].split("?")[0]
    assert await stored_body(page, hub, article_id) == value

    # Opened again, the editor holds the stored body without changing a character.
    await page.reload()
    await editor.wait_for()
    assert (
        await page.evaluate("document.querySelector('textarea#body').richText.getHTML()") == value
    )

    assert await page.evaluate("window.__cspViolations") == []
    assert errors == []
    await context.close()


@pytest.mark.browser
async def test_the_editor_works_with_the_keyboard_alone_in_both_languages(
    hub: str, browser: Browser
) -> None:
    context, page = await signed_in(browser, hub, "reporter.hoankiem")
    await page.goto(f"{hub}/_t/hoankiem/quan-tri/bai-viet/moi")
    editor = page.get_by_role("textbox", name="Nội dung (HTML)")
    await editor.wait_for()
    toolbar = page.get_by_role("toolbar", name="Định dạng nội dung")

    # Tab from the summary reaches the toolbar (one stop), arrows walk it, Tab the text.
    await page.get_by_label("Tóm tắt (sapo)").focus()
    await page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert await focused.get_attribute("aria-label") == "Đoạn văn thường"
    await page.keyboard.press("ArrowRight")
    assert await focused.get_attribute("aria-label") == "Đề mục H2"
    await page.keyboard.press("End")
    assert await focused.get_attribute("aria-label") == "Làm lại"
    await page.keyboard.press("Home")
    await page.keyboard.press("Tab")
    assert await focused.get_attribute("id") == "body-editor"
    names = await toolbar.get_by_role("button").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-label'))"
    )
    assert "In đậm" in names and "Danh sách đánh số" in names and None not in names

    # Type, select, Alt+F10 to the toolbar, arrows to Bold, Enter: bold, back in the text.
    await page.keyboard.type("Tin nhanh")
    await page.keyboard.press("Shift+Home")
    await page.keyboard.press("Alt+F10")
    assert await focused.get_attribute("aria-label") == "Đoạn văn thường"
    for _ in range(4):
        await page.keyboard.press("ArrowRight")
    assert await focused.get_attribute("aria-label") == "In đậm"
    await page.keyboard.press("Enter")
    await back_in_the_text(page)
    assert await body_value(page) == "<p><strong>Tin nhanh</strong></p>"
    assert (
        await toolbar.get_by_role("button", name="In đậm").get_attribute("aria-pressed") == "true"
    )

    # Ctrl+K opens the link panel from the text; Esc closes it and returns.
    await page.keyboard.press("Control+k")
    assert await focused.get_attribute("id") == "body-editor-url"
    await page.keyboard.press("Escape")
    await back_in_the_text(page)

    # The English workspace names the same buttons in English.
    await page.goto(f"{hub}/_t/hoankiem/quan-tri/en/bai-viet/moi")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    await toolbar.wait_for()
    assert await toolbar.get_by_role("button", name="Bold").is_visible()
    assert await toolbar.get_by_role("button", name="Numbered list").is_visible()
    assert await page.evaluate("window.__cspViolations") == []
    # The watcher is live: an inline style attribute is refused and reported.
    await page.evaluate("document.body.setAttribute('style', 'color: red')")
    await until(page, "window.__cspViolations.length > 0")
    await context.close()


@pytest.mark.browser
async def test_stored_bodies_are_kept_whole_embeds_in_the_editor_unknown_html_in_the_textarea(
    hub: str, ward_staff: dict[str, str], browser: Browser
) -> None:
    context, page = await signed_in(browser, hub, "editor.hoankiem")
    await page.goto(f"{hub}/_t/hoankiem/quan-tri/bai-viet/{ward_staff['rich']}")
    editor = page.get_by_role("textbox", name="Nội dung (HTML)")
    await editor.wait_for()
    # Opening changes nothing: the textarea keeps the stored body until someone types.
    assert await body_value(page) == STORED_RICH
    held = await page.evaluate("document.querySelector('textarea#body').richText.getHTML()")
    assert '<figure data-embed="youtube:dQw4w9WgXcQ"></figure>' in held
    assert "<strong>Đậm</strong> và <em>nghiêng</em>" in held
    assert "<th><p>Năm</p></th>" in held and "<td><p>2026</p></td>" in held
    await editor.locator("h2").click()
    await page.keyboard.press("End")
    await page.keyboard.type(" mới")
    value = await body_value(page)
    assert value.startswith("<h2>Video mới</h2>")
    assert '<figure data-embed="youtube:dQw4w9WgXcQ"></figure>' in value
    assert sanitize_html(value) == value

    # A definition list the editor cannot show: the plain textarea, with a note why.
    await page.goto(f"{hub}/_t/hoankiem/quan-tri/bai-viet/{ward_staff['odd']}")
    await page.locator(".rte-note").wait_for()
    assert await page.locator("textarea#body").is_visible()
    assert await page.locator(".rte").count() == 0
    assert await body_value(page) == STORED_ODD
    assert await page.evaluate("window.__cspViolations") == []
    await context.close()
