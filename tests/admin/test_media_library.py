"""The workspace's media library over HTTP: upload without JavaScript, the list and its
filters, one file's form, delete, and another ward's files out of reach."""

from __future__ import annotations

import re

import httpx
import pytest

import frontends.admin.forms
from hub.models import MediaAsset, MediaRendition
from hub.services.articles import ArticleChanges, article_create
from hub.services.media import media_upload
from hub.storage import LocalStorage
from schema.common import encode_global_id
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.factories import SYSTEM_SCOPE, make_tree
from tests.media.conftest import png, storage  # noqa: F401

WARD = "/_t/hoankiem/quan-tri"
OTHER_WARD = "/_t/hoangmai/quan-tri"


def gid(asset: MediaAsset) -> str:
    return encode_global_id("MediaAsset", asset.id)


def main(html: str) -> str:
    return html.split("<main", 1)[1]


async def test_a_reporter_uploads_a_picture_with_the_plain_form_and_finds_it_in_the_library(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    await make_staff(await make_tree())
    await sign_in(client, "reporter.hoankiem")
    page = await client.get(f"{WARD}/thu-vien", headers=HOST)
    assert page.status_code == 200 and page.headers["cache-control"] == "private, no-store"
    assert "Thư viện tệp" in page.text and 'enctype="multipart/form-data"' in page.text
    assert "<script>" not in page.text and "style=" not in page.text
    assert '<script src="/_t/hoankiem/quan-tri/static/media-library.js" defer>' in page.text

    response = await client.post(
        f"{WARD}/thu-vien/tai-len",
        files={"file": ("Hội nghị.png", png(700, 400), "image/png")},
        data={"alt_text": "Toàn cảnh hội nghị", "caption": "Sáng 6/12", "credit": "Ảnh: A"},
        headers=HOST,
    )
    assert response.status_code == 303, response.text
    asset = await MediaAsset.get(original_filename="Hội nghị.png")
    assert asset.alt_text == "Toàn cảnh hội nghị" and asset.caption == "Sáng 6/12"
    assert response.headers["location"] == f"{WARD}/thu-vien/{gid(asset)}?xong=uploaded"
    detail = await client.get(response.headers["location"], headers=HOST)
    assert detail.status_code == 200
    assert "Đã thêm tệp vào thư viện." in detail.text
    assert 'value="Toàn cảnh hội nghị"' in detail.text
    assert "Chưa được dùng ở đâu." in detail.text and "700 × 400 px" in detail.text

    grid = await client.get(f"{WARD}/thu-vien", headers=HOST)
    assert f'href="{WARD}/thu-vien/{gid(asset)}"' in grid.text
    assert 'class="ml-grid"' in grid.text and "1 tệp" in grid.text
    listed = await client.get(f"{WARD}/thu-vien?xem=danh-sach", headers=HOST)
    assert 'class="ws-table ml-table"' in listed.text and "Hội nghị.png" in listed.text
    assert "Toàn cảnh hội nghị" in listed.text


async def test_a_refused_upload_says_why_in_the_users_language(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    await make_staff(await make_tree())
    await sign_in(client, "reporter.hoankiem")

    async def upload(name: str, data: bytes, prefix: str = WARD, **texts: str) -> httpx.Response:
        return await client.post(
            f"{prefix}/thu-vien/tai-len",
            files={"file": (name, data, "application/octet-stream")},
            data=texts,
            headers=HOST,
        )

    script = await upload("trang.html", b"<html><script>alert(1)</script></html>")
    assert script.status_code == 400
    assert "Tệp bị hỏng hoặc thuộc loại thư viện không nhận" in main(script.text)
    assert 'id="file-error"' in script.text and 'aria-invalid="true"' in script.text
    english = await upload("page.html", b"<html></html>", prefix=f"{WARD}/en")
    assert english.status_code == 400
    assert "This file is damaged or of a type the library does not accept" in english.text
    empty = await upload("rong.png", b"")
    assert "Tệp rỗng" in main(empty.text)
    # A picture without alt text: the field is at fault, the caption typed is kept.
    bare = await upload("anh.png", png(50, 50), caption="Chú thích đã gõ")
    assert bare.status_code == 400
    assert 'id="alt_text-error"' in bare.text and "Chú thích đã gõ" in bare.text
    assert "Mô tả bức ảnh cho người không nhìn thấy" in bare.text
    assert "Chọn lại tệp" in bare.text  # the browser forgets the file after an error
    nothing = await client.post(f"{WARD}/thu-vien/tai-len", data={"alt_text": "x"}, headers=HOST)
    assert nothing.status_code == 400 and "Chọn tệp để tải lên." in nothing.text
    assert await MediaAsset.all().count() == 0
    # A form another site sent is not accepted.
    forged = await client.post(
        f"{WARD}/thu-vien/tai-len",
        files={"file": ("a.png", png(20, 20), "image/png")},
        data={"alt_text": "x"},
        headers={**HOST, "Sec-Fetch-Site": "cross-site"},
    )
    assert forged.status_code == 403 and await MediaAsset.all().count() == 0


async def test_saving_a_picture_needs_alt_text_and_focal_numbers_from_0_to_1(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    asset = await media_upload(SYSTEM_SCOPE, tree.ward, "a.png", png(60, 40), alt_text="Cũ")
    await sign_in(client, "editor.hoankiem")
    url = f"{WARD}/thu-vien/{gid(asset)}"
    refused = await client.post(
        url,
        data={"alt_text": "  ", "caption": "Chú thích mới", "credit": "", "focal_x": "2", "focal_y": "0,5"},
        headers=HOST,
    )  # fmt: skip
    assert refused.status_code == 400
    assert 'id="alt_text-error"' in refused.text and 'id="focal_x-error"' in refused.text
    assert 'id="focal_y-error"' not in refused.text
    assert "Chú thích mới" in refused.text  # what was typed is kept
    await asset.refresh_from_db()
    assert asset.alt_text == "Cũ" and asset.caption == ""
    saved = await client.post(
        url,
        data={"alt_text": "Mới", "caption": "Chú thích", "credit": "TTXVN", "focal_x": "0,25", "focal_y": "1"},
        headers=HOST,
    )  # fmt: skip
    assert saved.status_code == 303 and saved.headers["location"] == f"{url}?xong=saved"
    await asset.refresh_from_db()
    assert (asset.alt_text, asset.credit, asset.focal_x, asset.focal_y) == ("Mới", "TTXVN", 0.25, 1)
    again = await client.get(saved.headers["location"], headers=HOST)
    assert "Đã lưu." in again.text and 'value="0.25"' in again.text


async def test_another_wards_file_is_a_404_by_guessed_url_and_missing_from_lists(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    theirs = await media_upload(
        SYSTEM_SCOPE, tree.other_ward, "bi-mat.png", png(30, 30), alt_text="Bí mật Hoàng Mai"
    )
    await sign_in(client, "editor.hoankiem")
    for path in ("", "/xoa"):
        page = await client.get(f"{WARD}/thu-vien/{gid(theirs)}{path}", headers=HOST)
        assert page.status_code == 404 and "Bí mật" not in page.text
    for path, data in (("", {"alt_text": "Đổi", "focal_x": "0.5", "focal_y": "0.5"}), ("/xoa", {})):
        posted = await client.post(f"{WARD}/thu-vien/{gid(theirs)}{path}", data=data, headers=HOST)
        assert posted.status_code == 404
    await theirs.refresh_from_db()
    assert theirs.alt_text == "Bí mật Hoàng Mai"
    # Through the other ward's own address the editor has no role at all.
    assert (await client.get(f"{OTHER_WARD}/thu-vien", headers=HOST)).status_code == 403
    listing = await client.get(f"{WARD}/thu-vien?q=bi+mat", headers=HOST)
    assert "bi-mat.png" not in listing.text and "0 tệp" in listing.text
    for garbage in ("tai-len", "QXJ0aWNsZTox", "%00"):
        assert (await client.get(f"{WARD}/thu-vien/{garbage}", headers=HOST)).status_code == 404


async def test_delete_is_refused_while_used_saying_where_and_removes_an_unused_file(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    used = await media_upload(SYSTEM_SCOPE, tree.ward, "bia.png", png(40, 40), alt_text="Bìa")
    draft = await article_create(
        SYSTEM_SCOPE,
        tree.ward,
        ArticleChanges(title="Bài dùng ảnh bìa", body="<p>x</p>", cover_ids=[used.id]),
    )
    unused = await media_upload(
        SYSTEM_SCOPE, tree.ward, "thua.png", png(40, 40, (1, 2, 3)), alt_text="Thừa"
    )
    keys = [unused.storage_key] + [
        r.storage_key for r in await MediaRendition.filter(asset_id=unused.id)
    ]
    await sign_in(client, "editor.hoankiem")
    article_link = f'href="{WARD}/bai-viet/{encode_global_id("Article", draft.id)}"'
    detail = await client.get(f"{WARD}/thu-vien/{gid(used)}", headers=HOST)
    assert "Ảnh bìa của bài viết" in detail.text and article_link in detail.text
    confirm = await client.get(f"{WARD}/thu-vien/{gid(used)}/xoa", headers=HOST)
    assert confirm.status_code == 200 and article_link in confirm.text
    assert "Xoá tệp" not in re.sub(r"<title>.*?</title>", "", confirm.text)  # no button
    refused = await client.post(f"{WARD}/thu-vien/{gid(used)}/xoa", headers=HOST)
    assert refused.status_code == 409
    assert "Tệp đang được dùng nên chưa bị xoá" in refused.text and article_link in refused.text
    assert await MediaAsset.filter(id=used.id).exists()

    confirm = await client.get(f"{WARD}/thu-vien/{gid(unused)}/xoa", headers=HOST)
    assert "Xoá tệp" in confirm.text and "Không thể hoàn tác" in confirm.text
    deleted = await client.post(f"{WARD}/thu-vien/{gid(unused)}/xoa", headers=HOST)
    assert deleted.status_code == 303
    assert deleted.headers["location"] == f"{WARD}/thu-vien?xong=deleted"
    assert not await MediaAsset.filter(id=unused.id).exists()
    assert not any([await storage.exists(k) for k in keys])
    after = await client.get(deleted.headers["location"], headers=HOST)
    assert "Đã xoá tệp." in after.text and "thua.png" not in after.text


async def test_the_library_filters_by_folded_text_kind_and_missing_alt_text(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await media_upload(
        SYSTEM_SCOPE, tree.ward, "le-hoi.png", png(30, 30), alt_text="Lễ hội đền Ngọc Sơn"
    )
    bare = await media_upload(
        SYSTEM_SCOPE, tree.ward, "x.png", png(30, 30, (9, 9, 9)), alt_text="x"
    )
    await MediaAsset.filter(id=bare.id).update(alt_text="")  # as an old import left it
    await sign_in(client, "editor.hoankiem")

    async def names(query: str) -> list[str]:
        page = await client.get(f"{WARD}/thu-vien?{query}", headers=HOST)
        assert page.status_code == 200
        return re.findall(r'<span class="ml-name">([^<]+)</span>', page.text)

    assert await names("") == ["x.png", "le-hoi.png"]
    assert await names("q=den+ngoc+son") == ["le-hoi.png"]
    assert await names("q=ĐỀN") == ["le-hoi.png"]
    assert await names("loai=document") == []
    assert await names("loai=image&thieu-mo-ta=1") == ["x.png"]
    flagged = await client.get(f"{WARD}/thu-vien?xem=danh-sach", headers=HOST)
    assert flagged.text.count("Chưa có mô tả ảnh") == 1


async def test_an_upload_past_the_body_limit_is_refused_with_the_reason(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The library's form reads through the same bound as the workspace's other file forms."""
    await make_staff(await make_tree())
    await sign_in(client, "reporter.hoankiem")
    monkeypatch.setattr(frontends.admin.forms, "upload_body_limit", lambda: 20_000)
    refused = await client.post(
        f"{WARD}/thu-vien/tai-len",
        files={"file": ("lon.png", png(50, 50) + b"\0" * 40_000, "image/png")},
        data={"alt_text": "Ảnh lớn"},
        headers=HOST,
    )
    assert refused.status_code == 413
    assert "Tệp quá lớn. Ảnh tối đa 20 MB" in main(refused.text)
    assert await MediaAsset.all().count() == 0
