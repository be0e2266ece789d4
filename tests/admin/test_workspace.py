"""The editors' workspace over HTTP: sign-in redirect, dashboard, list, form, workflow."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from frontends.admin import graphiql
from hub.models import Article, ContentStatus, User
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.factories import PASSWORD, make_article, make_tree, make_viewer

WARD = "/_t/hoankiem/quan-tri"
OTHER_WARD = "/_t/hoangmai/quan-tri"


def global_id(article: Article) -> str:
    import base64

    return base64.urlsafe_b64encode(f"Article:{article.id}".encode()).decode().rstrip("=")


async def test_anonymous_people_are_sent_to_sign_in_with_the_way_back(
    client: httpx.AsyncClient,
) -> None:
    await make_tree()
    for path in ("/", "/bai-viet", "/bai-viet/moi", "/graphiql", "/en/"):
        response = await client.get(WARD + path, headers=HOST)
        assert response.status_code == 303
        location = response.headers["location"]
        assert location.startswith("/_t/hoankiem/dang-nhap?next=/_t/hoankiem/quan-tri")
    posted = await client.post(f"{WARD}/bai-viet/moi", data={"title": "x"}, headers=HOST)
    assert posted.status_code == 303
    assert await Article.unscoped().count() == 0


async def test_the_dashboard_shows_the_user_their_portal_and_queues(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await make_article(tree.ward, "Tin đã đăng của phường")
    await sign_in(client, "editor.hoankiem")
    page = await client.get(f"{WARD}/", headers=HOST)
    assert page.status_code == 200
    html = page.text
    assert "editor.hoankiem" in html and "Biên tập viên" in html
    assert "Phường Hoàn Kiếm" in html
    assert 'action="/_t/hoankiem/dang-xuat"' in html  # sign-out is a POST form
    assert "Chờ biên tập" in html and "Đã đăng gần đây" in html
    assert "Tin đã đăng của phường" in html
    assert page.headers["cache-control"] == "private, no-store"
    assert "<script>" not in html and "style=" not in html
    english = await client.get(f"{WARD}/en/", headers=HOST)
    assert english.status_code == 200 and "Recently published" in english.text


async def test_someone_without_a_role_in_the_portal_gets_403(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await sign_in(client, "editor.hoankiem")
    response = await client.get(f"{OTHER_WARD}/", headers=HOST)
    assert response.status_code == 403
    assert "Phường Hoàng Mai" not in response.text.split("<main", 1)[1]


async def test_a_ward_editor_cannot_reach_another_wards_draft_by_guessing(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    secret = await make_article(tree.other_ward, "Bản nháp bí mật Hoàng Mai", published=False)
    public = await make_article(tree.other_ward, "Tin công khai Hoàng Mai")
    await sign_in(client, "editor.hoankiem")
    for article in (secret, public):
        for method, path in (
            ("GET", f"{WARD}/bai-viet/{global_id(article)}"),
            ("POST", f"{WARD}/bai-viet/{global_id(article)}"),
            ("POST", f"{WARD}/bai-viet/{global_id(article)}/buoc"),
        ):
            data = {"title": "Đã sửa", "buoc": "submit"} if method == "POST" else None
            response = await client.request(method, path, data=data, headers=HOST)
            assert response.status_code == 404, (method, path)
            assert "Hoàng Mai" not in response.text
        # And through the other ward's own address, where the editor has no role.
        response = await client.get(f"{OTHER_WARD}/bai-viet/{global_id(article)}", headers=HOST)
        assert response.status_code == 403
        assert "Bản nháp bí mật" not in response.text
    listing = await client.get(f"{WARD}/bai-viet?q=hoang+mai", headers=HOST)
    assert "Hoàng Mai" not in listing.text.split("<main", 1)[1]
    assert (await Article.unscoped().get(id=secret.id)).title == "Bản nháp bí mật Hoàng Mai"


async def test_the_form_keeps_input_and_explains_the_error_in_vietnamese(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await sign_in(client, "reporter.hoankiem")
    typed = {"title": "", "slug": "", "summary": "Tóm tắt đã gõ", "body": "<p>Thân bài đã gõ</p>"}
    response = await client.post(f"{WARD}/bai-viet/moi", data=typed, headers=HOST)
    assert response.status_code == 400
    html = response.text
    assert "Có lỗi cần sửa" in html
    assert "Nhập tiêu đề, tối đa 300 ký tự." in html
    assert 'href="#title"' in html and 'aria-invalid="true"' in html
    assert "Tóm tắt đã gõ" in html and "&lt;p&gt;Thân bài đã gõ&lt;/p&gt;" in html
    bad_slug = {**typed, "title": "Tiêu đề", "slug": "Không Hợp Lệ!"}
    response = await client.post(f"{WARD}/bai-viet/moi", data=bad_slug, headers=HOST)
    assert response.status_code == 400
    assert "chữ thường không dấu" in response.text and 'value="Không Hợp Lệ!"' in response.text
    assert await Article.unscoped().count() == 0


async def test_a_draft_is_written_submitted_returned_with_a_reason_and_the_writer_sees_it(
    client: httpx.AsyncClient, app: object
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await sign_in(client, "reporter.hoankiem")
    form = await client.get(f"{WARD}/bai-viet/moi", headers=HOST)
    category = re.search(r'<option value="([^"]+)">Tin tức</option>', form.text)
    assert category is not None
    created = await client.post(
        f"{WARD}/bai-viet/moi",
        data={
            "title": "Phường ra quân dọn vệ sinh",
            "summary": "Sáng chủ nhật",
            "body": '<p onclick="x()">Nội dung</p><script>alert(1)</script>',
            "category": category.group(1),
        },
        headers=HOST,
    )
    assert created.status_code == 303
    edit_url = created.headers["location"].split("?")[0]
    article = await Article.unscoped().get(title="Phường ra quân dọn vệ sinh")
    assert article.body == "<p>Nội dung</p>"  # the hub's one sanitiser, on the server
    assert article.category_id is not None
    page = await client.get(created.headers["location"], headers=HOST)
    assert "Đã tạo bản nháp." in page.text and 'data-step="submit"' in page.text
    assert 'data-step="approve"' not in page.text  # a reporter does not approve
    submitted = await client.post(f"{edit_url}/buoc", data={"buoc": "submit"}, headers=HOST)
    assert submitted.status_code == 303

    client.cookies.clear()
    await sign_in(client, "editor.hoankiem")
    dashboard = await client.get(f"{WARD}/", headers=HOST)
    assert "Phường ra quân dọn vệ sinh" in dashboard.text
    no_reason = await client.post(
        f"{edit_url}/buoc", data={"buoc": "return", "ly-do": "  "}, headers=HOST
    )
    assert no_reason.status_code == 400 and "Nói rõ cần sửa gì" in no_reason.text
    returned = await client.post(
        f"{edit_url}/buoc",
        data={"buoc": "return", "ly-do": "Thiếu ảnh và nguồn tin"},
        headers=HOST,
    )
    assert returned.status_code == 303
    assert (await Article.unscoped().get(id=article.id)).status == ContentStatus.RETURNED

    client.cookies.clear()
    await sign_in(client, "reporter.hoankiem")
    dashboard = await client.get(f"{WARD}/", headers=HOST)
    assert "Thiếu ảnh và nguồn tin" in dashboard.text
    assert "Phường ra quân dọn vệ sinh" in dashboard.text


async def test_the_list_filters_by_status_category_date_and_folded_words(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await make_article(tree.ward, "Hội nghị về giao thông đô thị")
    await make_article(tree.ward, "Lễ hội mùa xuân", published=False)
    await sign_in(client, "editor.hoankiem")
    everything = await client.get(f"{WARD}/bai-viet", headers=HOST)
    assert "Hội nghị về giao thông" in everything.text and "Lễ hội mùa xuân" in everything.text
    folded = await client.get(f"{WARD}/bai-viet?q=giao+thong", headers=HOST)
    assert "Hội nghị về giao thông" in folded.text and "Lễ hội mùa xuân" not in folded.text
    drafts = await client.get(f"{WARD}/bai-viet?trang-thai=draft", headers=HOST)
    assert "Lễ hội mùa xuân" in drafts.text and "Hội nghị về giao thông" not in drafts.text
    future = await client.get(f"{WARD}/bai-viet?tu-ngay=2999-01-01", headers=HOST)
    assert "Hội nghị" not in future.text and "Lễ hội" not in future.text
    bad = await client.get(f"{WARD}/bai-viet?tu-ngay=31/02/2026", headers=HOST)
    assert bad.status_code == 400 and "Nhập ngày theo dạng dd/mm/yyyy" in bad.text
    assert 'value="31/02/2026"' in bad.text


async def test_graphiql_is_served_from_local_assets_and_graphql_sends_browsers_there(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    browser = await client.get("/_t/hoankiem/graphql", headers={**HOST, "Accept": "text/html"})
    assert browser.status_code == 303
    assert browser.headers["location"] == "/_t/hoankiem/quan-tri/graphiql"
    await sign_in(client, "editor.hoankiem")
    page = await client.get(f"{WARD}/graphiql", headers=HOST)
    assert "unpkg" not in page.text and "cdn" not in page.text.lower()
    assert "<script>" not in page.text
    library = (await client.get(f"{WARD}/graphiql/thu-vien.json", headers=HOST)).json()
    names = {op["name"] for op in library["operations"]}
    assert {"Dashboard", "ArticleList", "ArticleCreate", "ArticleReturn"} <= names
    dashboard = next(op for op in library["operations"] if op["name"] == "Dashboard")
    assert '"tenant": "hoankiem"' in dashboard["variables"]
    assert "fragment QueueItem" in dashboard["document"]


async def test_sign_in_returns_to_the_page_that_asked_and_never_to_another_site(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    asked = await client.get(f"{WARD}/bai-viet?trang-thai=draft", headers=HOST)
    sign_in_url = asked.headers["location"]
    form = await client.get(sign_in_url, headers=HOST)
    assert '<form method="post">' in form.text  # posts back to its own address, ?next= kept
    signed_in = await client.post(
        sign_in_url,
        data={"username": "reporter.hoankiem", "password": PASSWORD},
        headers=HOST,
    )
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == "/_t/hoankiem/quan-tri/bai-viet?trang-thai=draft"
    client.cookies.clear()
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = await client.post(
            "/_t/hoankiem/dang-nhap",
            params={"next": evil},
            data={"username": "reporter.hoankiem", "password": PASSWORD},
            headers=HOST,
        )
        assert response.headers["location"] == "/_t/hoankiem/quan-tri/"


async def test_without_built_assets_graphiql_says_so_in_both_languages_and_the_rest_works(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    monkeypatch.setattr(graphiql, "MANIFEST", tmp_path / "never-built" / "manifest.json")
    await sign_in(client, "editor.hoankiem")
    page = await client.get(f"{WARD}/graphiql", headers=HOST)
    assert page.status_code == 503
    assert "chưa được dựng" in page.text and "were not built" in page.text
    assert "npm ci &amp;&amp; npm run build" in page.text
    assert "graphiql.js" not in page.text
    assert (await client.get(f"{WARD}/", headers=HOST)).status_code == 200
    assert (await client.get(f"{WARD}/bai-viet/moi", headers=HOST)).status_code == 200


async def test_a_step_the_role_does_not_allow_is_refused_by_the_api_and_explained(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await sign_in(client, "reporter.hoankiem")
    created = await client.post(f"{WARD}/bai-viet/moi", data={"title": "Bài thử"}, headers=HOST)
    edit_url = created.headers["location"].split("?")[0]
    await client.post(f"{edit_url}/buoc", data={"buoc": "submit"}, headers=HOST)
    # No button for it, but a hand-made form still reaches the API, which refuses.
    refused = await client.post(f"{edit_url}/buoc", data={"buoc": "approve"}, headers=HOST)
    assert refused.status_code == 400
    assert "Vai trò của bạn trong cổng này không cho phép thao tác này." in refused.text
    assert (await Article.unscoped().get(title="Bài thử")).status == ContentStatus.SUBMITTED
    unknown = await client.post(f"{edit_url}/buoc", data={"buoc": "delete"}, headers=HOST)
    assert unknown.status_code == 400
    cross_site = await client.post(
        f"{edit_url}/buoc",
        data={"buoc": "submit"},
        headers={**HOST, "Sec-Fetch-Site": "cross-site"},
    )
    assert cross_site.status_code == 403


async def test_the_english_ui_and_an_operator_on_any_portal(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await make_viewer("operator", {})
    await User.filter(username="operator").update(is_superuser=True)
    await sign_in(client, "operator")
    page = await client.get(f"{OTHER_WARD}/en/bai-viet/moi", headers=HOST)
    assert page.status_code == 200 and 'lang="en"' in page.text
    assert 'href="/_t/hoangmai/quan-tri/bai-viet/moi"' in page.text  # the same screen in Vietnamese
    response = await client.post(
        f"{OTHER_WARD}/en/bai-viet/moi", data={"title": "x" * 301}, headers=HOST
    )
    assert response.status_code == 400
    assert "Enter a title of at most 300 characters." in response.text
