"""The article editor over HTTP: no lost update, autosave, history with diff and restore."""

from __future__ import annotations

import html
import re
from datetime import timedelta, timezone

import httpx

from hub.models import Article
from hub.models.newsroom import Revision
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.admin.test_workspace import OTHER_WARD, WARD, global_id
from tests.factories import make_article, make_tree

HANOI = timezone(timedelta(hours=7))
AUTOSAVE = """mutation($input: ArticleUpdateInput!) {
  articleAutosave(input: $input, refusedSave: false) {
    __typename ... on AutosaveSuccess { revision { id number } } } }"""


def base_of(page: str) -> str:
    found = re.search(r'name="phien-ban-goc" value="(\d+)"', page)
    assert found is not None, "the form carries its base revision"
    return found.group(1)


def fields(page: str, **changes: str) -> dict[str, str]:
    """The edit form's fields as a browser would post them, with ``changes``."""
    title = re.search(r'id="title" name="title" value="([^"]*)"', page)
    assert title is not None
    return {
        "title": html.unescape(title.group(1)),
        "summary": "",
        "body": "<p>Nội dung bài viết.</p>",
        "phien-ban-goc": base_of(page),
        **changes,
    }


async def test_two_saves_from_the_same_revision_the_second_is_refused_and_kept(
    client: httpx.AsyncClient, app: object
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Lịch tiếp công dân", published=False)
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "editor.hoankiem")
    editor_page = (await client.get(url, headers=HOST)).text
    async with httpx.AsyncClient(transport=client._transport, base_url=client.base_url) as other:
        await sign_in(other, "reporter.hoankiem")
        reporter_page = (await other.get(url, headers=HOST)).text
        assert base_of(reporter_page) == base_of(editor_page) == "1"
        first = await other.post(
            url, data=fields(reporter_page, body="<p>Bản của phóng viên.</p>"), headers=HOST
        )
        assert first.status_code == 303
    second = await client.post(
        url,
        data=fields(editor_page, title="Lịch tiếp công dân tháng 12", body="<p>Bản biên tập.</p>"),
        headers=HOST,
    )
    assert second.status_code == 409
    page = second.text
    assert "Người khác đã lưu bài này trước bạn" in page
    assert "reporter.hoankiem" in page  # who saved first
    assert 'value="Lịch tiếp công dân tháng 12"' in page  # everything typed is kept
    assert "&lt;p&gt;Bản biên tập.&lt;/p&gt;" in page
    assert base_of(page) == "2"  # the next save starts from the current revision
    # Nothing is lost: the article has the first save, the refused text is a working copy.
    stored = await Article.unscoped().get(id=article.id)
    assert stored.body == "<p>Bản của phóng viên.</p>"
    kept = await Revision.filter(article_id=article.id).order_by("-number").first()
    assert kept is not None and kept.note.startswith("autosave: refused save from revision 1")
    assert kept.data["body"] == "<p>Bản biên tập.</p>"
    assert "bản nháp làm việc 3" in page
    compare = re.search(r'href="([^"]+lich-su\?cu=[^"]+)"', page)
    assert compare is not None
    diff = await client.get(html.unescape(compare.group(1)), headers=HOST)
    assert diff.status_code == 200
    assert "-&lt;p&gt;Bản của phóng viên.&lt;/p&gt;" in diff.text
    assert "+&lt;p&gt;Bản biên tập.&lt;/p&gt;" in diff.text
    # Saving again from the page the conflict returned replaces the text on purpose.
    again = await client.post(url, data=fields(page, body="<p>Đã gộp.</p>"), headers=HOST)
    assert again.status_code == 303
    assert (await Article.unscoped().get(id=article.id)).body == "<p>Đã gộp.</p>"


async def test_the_conflict_is_explained_in_english_on_the_english_screen(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Thông báo", published=False)
    url = f"{WARD}/en/bai-viet/{global_id(article)}"
    await sign_in(client, "editor.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    assert (
        await client.post(url, data=fields(page, summary="Một"), headers=HOST)
    ).status_code == 303
    refused = await client.post(url, data=fields(page, summary="Hai"), headers=HOST)
    assert refused.status_code == 409
    assert "Someone else saved this article first" in refused.text
    assert "Compare your text with the current one" in refused.text


async def test_an_autosave_leaves_the_article_and_comes_back_after_signing_in_again(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Tin đang đăng", body="<p>Bản công khai.</p>")
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "approver.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    assert 'data-autosave="/_t/hoankiem/graphql"' in page
    assert "/quan-tri/static/article-autosave.js" in page and "<script>" not in page
    # What the form's script sends: the session cookie and JSON (no form can send that).
    answer = await client.post(
        "/_t/hoankiem/graphql",
        json={"query": AUTOSAVE, "variables": {"input": {
            "id": global_id(article), "title": "Tin đang đăng", "body": "<p>Đang viết dở…</p>",
            "baseRevision": int(base_of(page))}}},
        headers=HOST,
    )  # fmt: skip
    assert answer.json()["data"]["articleAutosave"]["__typename"] == "AutosaveSuccess"
    assert (await Article.unscoped().get(id=article.id)).body == "<p>Bản công khai.</p>"
    public = await client.get("/_t/hoankiem/", headers=HOST)
    assert "Đang viết dở" not in public.text

    client.cookies.clear()  # the session is gone; the writer signs in again
    await sign_in(client, "approver.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    assert "Bạn có nội dung chưa lưu" in page
    restore = re.search(r'href="([^"]+\?ban-nhap=[^"]+)"', page)
    assert restore is not None
    restored = await client.get(html.unescape(restore.group(1)), headers=HOST)
    assert "&lt;p&gt;Đang viết dở…&lt;/p&gt;" in restored.text
    assert "Nội dung đã tự động lưu của bạn ở trong biểu mẫu" in restored.text
    # Another person does not see this working copy offered.
    client.cookies.clear()
    await sign_in(client, "editor.hoankiem")
    assert "Bạn có nội dung chưa lưu" not in (await client.get(url, headers=HOST)).text


async def test_the_history_lists_revisions_in_hanoi_time_diffs_and_restores(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Họp dân", published=False, body="<p>Một.</p>")
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "reporter.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    saved = await client.post(url, data=fields(page, body="<p>Hai.</p>"), headers=HOST)
    assert saved.status_code == 303
    await client.post(f"{url}/buoc", data={"buoc": "submit"}, headers=HOST)
    client.cookies.clear()
    await sign_in(client, "editor.hoankiem")
    await client.post(f"{url}/buoc", data={"buoc": "return", "ly-do": "Thêm ảnh"}, headers=HOST)
    client.cookies.clear()
    await sign_in(client, "reporter.hoankiem")

    history = await client.get(f"{url}/lich-su", headers=HOST)
    assert history.status_code == 200
    assert history.headers["cache-control"] == "private, no-store"
    text = history.text
    first = await Revision.get(article_id=article.id, number=1)
    local = first.created_at.astimezone(HANOI).strftime("%d/%m/%Y %H:%M")
    assert local in text
    assert "reporter.hoankiem" in text and "system" in text
    # The writer sees what happened to their article, with the editor's reason.
    assert "trả lại cho người viết" in text and "Thêm ảnh" in text
    assert "editor.hoankiem" in text

    revisions = await Revision.filter(article_id=article.id).order_by("number")
    ids = [_revision_gid(r.id) for r in revisions]
    diff = await client.get(f"{url}/lich-su?cu={ids[0]}&moi={ids[1]}", headers=HOST)
    assert "-&lt;p&gt;Một.&lt;/p&gt;" in diff.text and "+&lt;p&gt;Hai.&lt;/p&gt;" in diff.text
    confirm = await client.get(f"{url}/lich-su/khoi-phuc?phien-ban={ids[0]}", headers=HOST)
    assert confirm.status_code == 200 and "Khôi phục phiên bản 1" in confirm.text
    assert (await Article.unscoped().get(id=article.id)).body == "<p>Hai.</p>"  # not yet
    done = await client.post(f"{url}/lich-su/khoi-phuc", data={"phien-ban": ids[0]}, headers=HOST)
    assert done.status_code == 303
    assert (await Article.unscoped().get(id=article.id)).body == "<p>Một.</p>"
    assert await Revision.filter(article_id=article.id).count() == 3
    after = await client.get(done.headers["location"], headers=HOST)
    assert "Đã khôi phục phiên bản cũ thành một phiên bản mới." in after.text


def _revision_gid(pk: int) -> str:
    import base64

    return base64.urlsafe_b64encode(f"Revision:{pk}".encode()).decode().rstrip("=")


async def test_another_wards_article_and_revisions_are_404_on_every_editor_url(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    secret = await make_article(tree.other_ward, "Nháp bí mật Hoàng Mai", published=False)
    public = await make_article(tree.other_ward, "Tin công khai Hoàng Mai")
    mine = await make_article(tree.ward, "Tin của phường", published=False)
    their_revision = _revision_gid((await Revision.get(article_id=secret.id)).id)
    my_revision = _revision_gid((await Revision.get(article_id=mine.id)).id)
    await sign_in(client, "editor.hoankiem")
    for article in (secret, public):
        base = f"{WARD}/bai-viet/{global_id(article)}"
        for method, path, data in (
            ("GET", f"{base}/lich-su", None),
            ("GET", f"{base}/lich-su?cu={their_revision}&moi={their_revision}", None),
            ("GET", f"{base}/lich-su/khoi-phuc?phien-ban={their_revision}", None),
            ("POST", f"{base}/lich-su/khoi-phuc", {"phien-ban": their_revision}),
            ("GET", f"{base}?ban-nhap={their_revision}", None),
        ):
            response = await client.request(method, path, data=data, headers=HOST)
            assert response.status_code == 404, (method, path)
            assert "Hoàng Mai" not in response.text
    # Another article's revision through my own article's address: 404 too.
    mine_url = f"{WARD}/bai-viet/{global_id(mine)}"
    for method, path, data in (
        ("GET", f"{mine_url}/lich-su?cu={my_revision}&moi={their_revision}", None),
        ("GET", f"{mine_url}/lich-su/khoi-phuc?phien-ban={their_revision}", None),
        ("POST", f"{mine_url}/lich-su/khoi-phuc", {"phien-ban": their_revision}),
    ):
        response = await client.request(method, path, data=data, headers=HOST)
        assert response.status_code == 404, (method, path)
        assert "Hoàng Mai" not in response.text
    # And the other ward's own address, where this editor has no role.
    other = await client.get(f"{OTHER_WARD}/bai-viet/{global_id(secret)}/lich-su", headers=HOST)
    assert other.status_code == 403 and "Nháp bí mật" not in other.text
    assert (await Article.unscoped().get(id=secret.id)).title == "Nháp bí mật Hoàng Mai"
