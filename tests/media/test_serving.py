"""`/media/<key>`: the recorded type, immutable caching, nosniff, Range requests, 404s."""

from __future__ import annotations

import httpx
import pytest

from hub.models import MediaKind
from hub.services.media import media_upload
from hub.storage import LocalStorage
from tests.factories import SYSTEM_SCOPE, make_tree
from tests.media.conftest import fixture_bytes, png

HOST = {"Host": "thudo.gov.vn"}


@pytest.mark.parametrize(
    ("name", "kind", "content_type"),
    [("tone.mp3", MediaKind.AUDIO, "audio/mpeg"), ("clip.mp4", MediaKind.VIDEO, "video/mp4")],
)
async def test_audio_and_video_seek_with_range_requests(
    client: httpx.AsyncClient, storage: LocalStorage, name: str, kind: MediaKind, content_type: str
) -> None:
    tree = await make_tree()
    data = fixture_bytes(name)
    asset = await media_upload(SYSTEM_SCOPE, tree.city, name, data)
    assert (asset.kind, asset.content_type, asset.size) == (kind, content_type, len(data))
    assert asset.duration_seconds is not None and 0.9 < asset.duration_seconds < 1.2
    url = f"/media/{asset.storage_key}"

    whole = await client.get(url, headers=HOST)
    assert whole.status_code == 200
    assert whole.content == data
    assert whole.headers["content-type"] == content_type
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert whole.headers["x-content-type-options"] == "nosniff"
    assert "content-disposition" not in whole.headers

    part = await client.get(url, headers={**HOST, "Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 0-99/{len(data)}"
    assert part.content == data[:100]

    tail = await client.get(url, headers={**HOST, "Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == data[-10:]
    beyond = await client.get(url, headers={**HOST, "Range": f"bytes={len(data) + 5}-"})
    assert beyond.status_code == 416


async def test_documents_download_as_attachments(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    tree = await make_tree()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    asset = await media_upload(SYSTEM_SCOPE, tree.city, "Quyết định 12.exe", pdf)
    assert asset.kind == MediaKind.DOCUMENT and asset.duration_seconds is None
    response = await client.get(f"/media/{asset.storage_key}", headers=HOST)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and ".pdf" in disposition
    assert ".exe" not in disposition


async def test_renditions_are_served_as_webp(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    tree = await make_tree()
    asset = await media_upload(SYSTEM_SCOPE, tree.city, "a.png", png(400, 300), alt_text="A")
    rendition = (await asset.renditions.all())[0]
    response = await client.get(f"/media/{rendition.storage_key}", headers=HOST)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/webp"
    head = await client.head(f"/media/{asset.storage_key}", headers=HOST)
    assert head.status_code == 200 and head.headers["content-type"] == "image/png"
    assert head.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "/media/" + "ab/cd/" + "0" * 64 + ".jpg",  # well formed, never stored
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/ab/cd/not-a-hash.jpg",
    ],
)
async def test_unknown_keys_are_404(
    client: httpx.AsyncClient, storage: LocalStorage, path: str
) -> None:
    response = await client.get(path, headers=HOST)
    assert response.status_code == 404
    assert "Không tìm thấy" in response.text


async def test_a_row_without_its_file_is_404(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    tree = await make_tree()
    asset = await media_upload(SYSTEM_SCOPE, tree.city, "a.mp3", fixture_bytes("tone.mp3"))
    await storage.delete(asset.storage_key)
    response = await client.get(f"/media/{asset.storage_key}", headers=HOST)
    assert response.status_code == 404
