"""Every field of the API on the edit form: kind, byline, source, SEO with its snippet,
flags, tags, related articles, the cover (chosen, or uploaded in the page with its
required alt text) and attachments."""

from __future__ import annotations

import base64
import re
from typing import Any

import httpx
import pytest

import frontends.admin.forms
from hub.models import Article, ArticleKind, ArticleMedia, MediaRole
from hub.models.media import MediaAsset
from hub.services.articles import ArticleChanges, article_update
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.admin.test_workspace import WARD, global_id
from tests.factories import SYSTEM_SCOPE, jpeg_bytes, make_article, make_image, make_tree


def gid(kind: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{pk}".encode()).decode().rstrip("=")


def full_form(page: str, **changes: Any) -> dict[str, Any]:
    base = re.search(r'name="phien-ban-goc" value="(\d+)"', page)
    assert base is not None
    form: dict[str, Any] = {
        "phien-ban-goc": base.group(1),
        "title": "Phân luồng giao thông dịp Tết",
        "slug": "",
        "summary": "Từ 25/1 đến 5/2.",
        "body": "<p>Nội dung.</p>",
        "category": "",
        "kind": "NEWS",
        "byline": "",
        "source_name": "",
        "source_url": "",
        "seo_title": "",
        "seo_description": "",
        "tags": "",
        "cover": "",
        "cover_alt": "",
    }
    form.update(changes)
    return form


async def test_every_field_is_saved_from_the_form_and_the_snippet_shows_it(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    other = await make_article(tree.ward, "Bài liên quan về giao thông")
    tagged = await make_article(tree.ward, "Bài có thẻ", published=False)
    await article_update(SYSTEM_SCOPE, tagged.id, ArticleChanges(tags=["Đô thị"]))
    article = await make_article(tree.ward, "Phân luồng", published=False)
    picture = await make_image(tree.ward, "cau.jpg")
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "editor.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    assert 'enctype="multipart/form-data"' in page
    assert '<option value="Đô thị">' in page  # the portal's tags in the datalist
    assert "Bài liên quan về giao thông" in page and "Ảnh cau.jpg" in page
    form = full_form(
        page,
        kind="ANNOUNCEMENT",
        byline="Phóng viên phường",
        source_name="Sở Giao thông",
        source_url="https://sogtvt.hanoi.gov.vn/tin",
        seo_title="Phân luồng Tết 2027 quận Hoàn Kiếm",
        seo_description="Các tuyến cấm, tuyến thay thế.",
        featured="1",
        tags="Giao thông, Đô thị",
        related=[global_id(other)],
        cover=gid("MediaAsset", picture.id),
    )
    saved = await client.post(url, data=form, files={"cover_file": ("", b"")}, headers=HOST)
    assert saved.status_code == 303, saved.text
    stored = await Article.unscoped().get(id=article.id)
    assert stored.kind == ArticleKind.ANNOUNCEMENT
    assert (stored.byline, stored.source_name) == ("Phóng viên phường", "Sở Giao thông")
    assert stored.seo_title == "Phân luồng Tết 2027 quận Hoàn Kiếm"
    assert stored.featured is True and stored.pinned is False
    assert sorted(t.name for t in await stored.tags.all()) == ["Giao thông", "Đô thị"]
    assert [a.id for a in await stored.related.all()] == [other.id]  # type: ignore[attr-defined]
    cover = await ArticleMedia.get(article_id=article.id, role=MediaRole.COVER)
    assert cover.asset_id == picture.id
    page = (await client.get(url, headers=HOST)).text
    snippet = page.split('class="ws-snippet"', 1)[1]
    assert "Phân luồng Tết 2027 quận Hoàn Kiếm" in snippet
    assert "Các tuyến cấm, tuyến thay thế." in snippet
    # Unticking a box and emptying a list are saved too.
    cleared = await client.post(url, data=full_form(page, tags=""), headers=HOST)
    assert cleared.status_code == 303
    stored = await Article.unscoped().get(id=article.id)
    assert stored.featured is False and await stored.tags.all().count() == 0
    assert not await ArticleMedia.exists(article_id=article.id, role=MediaRole.COVER)


async def test_bad_input_is_explained_beside_the_field_and_kept(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Thông báo", published=False)
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "reporter.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    bad = await client.post(
        url, data=full_form(page, source_url="ftp://nguon", byline="Đã gõ"), headers=HOST
    )
    assert bad.status_code == 400
    assert "Nhập địa chỉ của nguồn, bắt đầu bằng https:// hoặc http://." in bad.text
    assert 'href="#source_url"' in bad.text and 'value="ftp://nguon"' in bad.text
    assert 'value="Đã gõ"' in bad.text
    assert (await Article.unscoped().get(id=article.id)).byline == ""


async def test_a_picture_uploaded_in_the_form_needs_alt_text_and_becomes_the_cover(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Ngày hội đọc sách", published=False)
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "reporter.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    picture = {"cover_file": ("ngay-hoi.jpg", jpeg_bytes((200, 30, 30)), "image/jpeg")}

    no_alt = await client.post(url, data=full_form(page), files=picture, headers=HOST)
    assert no_alt.status_code == 400
    assert "Mô tả bức ảnh cho người không nhìn thấy được" in no_alt.text
    assert 'href="#cover_alt"' in no_alt.text
    assert 'value="Phân luồng giao thông dịp Tết"' in no_alt.text  # typed input kept
    assert await MediaAsset.filter(tenant_id=tree.ward.id).count() == 0

    not_a_picture = {"cover_file": ("ghi-chu.jpg", b"just some text, not a picture", "image/jpeg")}
    refused = await client.post(
        url, data=full_form(page, cover_alt="Ảnh"), files=not_a_picture, headers=HOST
    )
    assert refused.status_code == 400 and 'href="#cover_file"' in refused.text
    assert await MediaAsset.filter(tenant_id=tree.ward.id).count() == 0

    done = await client.post(
        url,
        data=full_form(page, cover_alt="Thiếu nhi đọc sách ở nhà văn hóa"),
        files=picture,
        headers=HOST,
    )
    assert done.status_code == 303, done.text
    asset = await MediaAsset.get(tenant_id=tree.ward.id)
    assert asset.alt_text == "Thiếu nhi đọc sách ở nhà văn hóa"
    cover = await ArticleMedia.get(article_id=article.id, role=MediaRole.COVER)
    assert cover.asset_id == asset.id


async def test_a_gallerys_pictures_are_saved_in_the_order_typed(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Phóng sự ảnh hội xuân", published=False)
    first = await make_image(tree.ward, "mot.jpg", (10, 10, 10))
    second = await make_image(tree.ward, "hai.jpg", (20, 20, 20))
    third = await make_image(tree.ward, "ba.jpg", (30, 30, 30))
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "editor.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    form = full_form(
        page,
        kind="GALLERY",
        **{
            f"gallery:{gid('MediaAsset', third.id)}": "1",
            f"gallery:{gid('MediaAsset', first.id)}": "2",
            f"gallery:{gid('MediaAsset', second.id)}": "",
        },
    )
    saved = await client.post(url, data=form, headers=HOST)
    assert saved.status_code == 303, saved.text
    links = await ArticleMedia.filter(article_id=article.id, role=MediaRole.GALLERY).order_by(
        "position"
    )
    assert [link.asset_id for link in links] == [third.id, first.id]
    page = (await client.get(url, headers=HOST)).text
    assert (
        f'name="gallery:{gid("MediaAsset", third.id)}" inputmode="numeric" maxlength="3" value="1"'
        in page
    )


async def test_a_body_past_the_upload_limit_is_refused_with_413_and_nothing_changes(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forms that take a file stop reading at the limit `/graphql` sets for uploads."""
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Ngày hội đọc sách", published=False)
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "reporter.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    monkeypatch.setattr(frontends.admin.forms, "upload_body_limit", lambda: 20_000)
    picture = {"cover_file": ("lon.jpg", jpeg_bytes((200, 30, 30)) + b"\0" * 40_000, "image/jpeg")}
    refused = await client.post(
        url, data=full_form(page, title="Đổi tiêu đề"), files=picture, headers=HOST
    )
    assert refused.status_code == 413
    assert "quá lớn" in refused.text and "too large" in refused.text
    assert (await Article.get(id=article.id)).title == "Ngày hội đọc sách"
    assert await MediaAsset.filter(tenant_id=tree.ward.id).count() == 0
