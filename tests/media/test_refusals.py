"""Bad uploads fail cleanly with their code, and leave no row and no file behind."""

from __future__ import annotations

import pytest

from hub.auth.permissions import Role
from hub.models import MediaKind
from hub.services import media as service
from hub.services.errors import ServiceError
from hub.services.media import MediaErrorCode, media_upload
from hub.storage import LocalStorage
from tenants.scope import Scope
from tests.factories import SYSTEM_SCOPE, make_tree, make_viewer
from tests.media.conftest import assert_nothing_written, jpeg_with_exif, png, png_bomb

PHP = b"<?php system($_GET['c']); ?>\n"
SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
  <script>alert(document.cookie)</script><rect width="10" height="10"/>
</svg>"""


async def refused(
    storage: LocalStorage, filename: str, data: bytes, scope: Scope = SYSTEM_SCOPE, **kw: object
) -> ServiceError:
    tree = await make_tree()
    kw.setdefault("alt_text", "Ảnh minh hoạ")
    with pytest.raises(ServiceError) as caught:
        await media_upload(scope, tree.city, filename, data, **kw)  # type: ignore[arg-type]
    await assert_nothing_written(storage)
    return caught.value


async def test_a_php_script_named_jpg_is_refused(storage: LocalStorage) -> None:
    error = await refused(storage, "anh-dep.jpg", PHP)
    assert error.code == MediaErrorCode.UNSUPPORTED_TYPE
    assert error.field == "file"


async def test_a_decompression_bomb_is_refused_before_decoding(storage: LocalStorage) -> None:
    bomb = png_bomb(10_000, 10_000)
    assert len(bomb) < 100_000  # 100 megapixels in a few kilobytes
    error = await refused(storage, "bomb.png", bomb)
    assert error.code == MediaErrorCode.IMAGE_TOO_LARGE


async def test_our_pixel_bound_holds_below_pillows_own(storage: LocalStorage) -> None:
    # 8,000 × 7,000 = 56 MP: under Pillow's warning threshold, over ours.
    error = await refused(storage, "wide.png", png_bomb(8_000, 7_000))
    assert error.code == MediaErrorCode.IMAGE_TOO_LARGE


@pytest.mark.parametrize(
    "data",
    [
        SVG,
        b"\xef\xbb\xbf  " + SVG,
        "<svg onload='alert(1)'/>".encode("utf-16"),
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b'<?xml version="1.0"?><x/>',
    ],
)
async def test_svg_xml_and_html_are_refused(storage: LocalStorage, data: bytes) -> None:
    error = await refused(storage, "logo.svg", data)
    assert error.code == MediaErrorCode.UNSUPPORTED_TYPE
    assert "SVG" in error.message


async def test_an_svg_named_png_is_refused(storage: LocalStorage) -> None:
    error = await refused(storage, "logo.png", SVG)
    assert error.code == MediaErrorCode.UNSUPPORTED_TYPE


async def test_a_file_over_its_kind_limit_is_refused(
    storage: LocalStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(service.MAX_BYTES, MediaKind.IMAGE, 10_000)
    error = await refused(storage, "anh.jpg", jpeg_with_exif(400, 300) + b"\0" * 10_000)
    assert error.code == MediaErrorCode.TOO_LARGE


async def test_a_file_over_every_limit_is_refused_before_sniffing(
    storage: LocalStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    for kind in MediaKind:
        monkeypatch.setitem(service.MAX_BYTES, kind, 100)
    error = await refused(storage, "x.bin", b"\0" * 101)
    assert error.code == MediaErrorCode.TOO_LARGE


async def test_an_empty_file_is_refused(storage: LocalStorage) -> None:
    error = await refused(storage, "trong.pdf", b"")
    assert error.code == MediaErrorCode.EMPTY_FILE


async def test_unknown_binary_is_refused(storage: LocalStorage) -> None:
    error = await refused(storage, "setup.exe", b"MZ\x90\x00" + b"\0" * 200)
    assert error.code == MediaErrorCode.UNSUPPORTED_TYPE


async def test_a_truncated_image_is_refused(storage: LocalStorage) -> None:
    error = await refused(storage, "cut.png", png(300, 200)[:-40])
    assert error.code == MediaErrorCode.UNSUPPORTED_TYPE


async def test_an_image_needs_alt_text(storage: LocalStorage) -> None:
    error = await refused(storage, "anh.png", png(50, 50), alt_text="   ")
    assert error.code == MediaErrorCode.ALT_TEXT_REQUIRED
    assert error.field == "alt_text"


@pytest.mark.parametrize(
    ("field", "value"),
    [("focal_x", 1.5), ("focal_y", -0.1), ("focal_x", float("nan")), ("credit", "x" * 301)],
)
async def test_bad_text_fields_are_invalid_input(
    storage: LocalStorage, field: str, value: object
) -> None:
    error = await refused(storage, "anh.png", png(50, 50), **{field: value})
    assert error.code == MediaErrorCode.INVALID_INPUT
    assert error.field == field


async def test_captions_must_be_webvtt(storage: LocalStorage) -> None:
    error = await refused(storage, "anh.png", png(50, 50), captions="1\n00:00 --> 00:01\nhi")
    assert error.code == MediaErrorCode.INVALID_INPUT


async def test_anonymous_readers_may_not_upload(storage: LocalStorage) -> None:
    error = await refused(storage, "anh.png", png(50, 50), scope=Scope())
    assert error.code == MediaErrorCode.FORBIDDEN


async def test_a_reporter_of_another_portal_may_not_upload(storage: LocalStorage) -> None:
    tree = await make_tree()
    viewer = await make_viewer("phuongvien", {tree.ward: [Role.REPORTER]})
    with pytest.raises(ServiceError) as caught:
        await media_upload(Scope(viewer=viewer), tree.city, "a.png", png(50, 50), alt_text="A")
    assert caught.value.code == MediaErrorCode.FORBIDDEN
    await assert_nothing_written(storage)
