"""Accepted images: oriented, stripped of metadata, measured, and given WebP renditions."""

from __future__ import annotations

import io

from PIL import Image

from hub.models import MediaAsset, MediaKind, MediaRendition
from hub.services.media import clean_filename, download_filename, media_upload
from hub.storage import LocalStorage
from tests.factories import SYSTEM_SCOPE, make_tree
from tests.media.conftest import jpeg_with_exif, png, stored_files


async def test_a_camera_jpeg_is_oriented_stripped_and_rendered(storage: LocalStorage) -> None:
    tree = await make_tree()
    original = jpeg_with_exif(2000, 1500)
    assert b"SecretCam" in original
    asset = await media_upload(
        SYSTEM_SCOPE,
        tree.city,
        "Ảnh hội nghị.JPG",
        original,
        alt_text="  Toàn cảnh   hội nghị ",
        caption="Hội nghị tổng kết năm 2025.",
        credit="Cổng TTĐT Hà Nội",
        focal_x=0.25,
        focal_y=0.4,
    )
    assert asset.kind == MediaKind.IMAGE
    assert asset.content_type == "image/jpeg"
    # EXIF orientation 6 turns the 2000 × 1500 sensor image upright.
    assert (asset.width, asset.height) == (1500, 2000)
    assert asset.alt_text == "Toàn cảnh hội nghị"
    assert asset.original_filename == "Ảnh hội nghị.JPG"
    assert asset.storage_key.endswith(".jpg") and asset.sha256 in asset.storage_key

    stored = storage.path(asset.storage_key)
    assert stored is not None
    data = stored.read_bytes()
    assert len(data) == asset.size
    assert b"SecretCam" not in data and b"private note" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1500, 2000)
        assert len(image.getexif()) == 0
        assert "exif" not in image.info and "comment" not in image.info

    renditions = await MediaRendition.filter(asset_id=asset.id).order_by("width")
    assert [(r.width, r.height) for r in renditions] == [(320, 427), (640, 853), (1024, 1365)]
    for rendition in renditions:
        path = storage.path(rendition.storage_key)
        assert path is not None and path.stat().st_size == rendition.size
        with Image.open(path) as image:
            assert image.format == "WEBP"
            assert image.size == (rendition.width, rendition.height)
    assert len(stored_files(storage)) == 4  # the original and three renditions


async def test_a_small_image_still_gets_one_webp(storage: LocalStorage) -> None:
    tree = await make_tree()
    asset = await media_upload(
        SYSTEM_SCOPE, tree.city, "icon.png", png(120, 80), alt_text="Biểu tượng"
    )
    renditions = await MediaRendition.filter(asset_id=asset.id)
    assert [(r.width, r.height) for r in renditions] == [(120, 80)]


async def test_the_same_image_twice_is_stored_once(storage: LocalStorage) -> None:
    tree = await make_tree()
    data = png(700, 400)
    first = await media_upload(SYSTEM_SCOPE, tree.city, "a.png", data, alt_text="A")
    second = await media_upload(SYSTEM_SCOPE, tree.ward, "b.png", data, alt_text="B")
    assert first.storage_key == second.storage_key
    assert await MediaAsset.all().count() == 2
    assert len(stored_files(storage)) == 3  # one original, renditions at 320 and 640


def test_file_names_are_cleaned() -> None:
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("C:\\Users\\a\\Hoa\u0300 Bi\u0300nh.pdf") == "Ho\u00e0 B\u00ecnh.pdf"
    assert clean_filename("invoice\u202egpj.exe") == "invoicegpj.exe"
    assert clean_filename(" . ") == "file"
    assert clean_filename("a\x00b\nc\u00a0d.txt") == "abc d.txt"
    long = clean_filename("x" * 400 + ".pdf")
    assert len(long) == 255 and long.endswith(".pdf")


def test_downloads_carry_the_sniffed_extension() -> None:
    asset = MediaAsset(original_filename='Báo "cáo".exe', storage_key="ab/cd/x.pdf")
    assert download_filename(asset) == "Báo _cáo_.pdf"
    assert download_filename(MediaAsset(original_filename="README", storage_key="a.pdf")) == (
        "README.pdf"
    )
