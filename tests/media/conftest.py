"""Fixtures of the media tests: an empty media store per test, and files to upload."""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from hub.models import MediaAsset, MediaRendition
from hub.settings import Settings
from hub.storage import LocalStorage, configure_storage, storage_for

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def storage(settings: Settings) -> Iterator[LocalStorage]:
    """The store the app uses for these settings, emptied before and after each test."""
    store = storage_for(settings)
    assert isinstance(store, LocalStorage)
    shutil.rmtree(store.root, ignore_errors=True)
    configure_storage(store)
    yield store
    shutil.rmtree(store.root, ignore_errors=True)


def stored_files(store: LocalStorage) -> list[Path]:
    """Every file under the store's root (temporary files included)."""
    return [p for p in store.root.rglob("*") if p.is_file()] if store.root.exists() else []


async def assert_nothing_written(store: LocalStorage) -> None:
    assert await MediaAsset.all().count() == 0
    assert await MediaRendition.all().count() == 0
    assert stored_files(store) == []


def jpeg_with_exif(width: int = 2000, height: int = 1500) -> bytes:
    """A JPEG a camera might make: rotated by EXIF, with a maker, a GPS position and a comment."""
    image = Image.new("RGB", (width, height), (180, 40, 40))
    image.paste((20, 20, 200), (0, 0, width // 4, height // 4))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "SecretCam"  # Make
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 7.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"private note", quality=85)
    return out.getvalue()


def png(width: int, height: int, colour: tuple[int, int, int] = (10, 120, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def png_bomb(width: int = 10_000, height: int = 10_000) -> bytes:
    """A valid 1-bit PNG of ``width`` × ``height`` pixels in a few kilobytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (width + 7) // 8)
    pixels = zlib.compress(row * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
