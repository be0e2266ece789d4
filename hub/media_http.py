"""`GET /media/{key}`: stored media files, by their content-hash key.

- The Content-Type comes from the asset or rendition row (sniffed at upload),
  never from a guess on the name; `X-Content-Type-Options: nosniff` stops
  browsers guessing either, and `Content-Security-Policy: sandbox` keeps any
  script out of a file opened on its own.
- A key names one content for ever, so responses are cached as immutable.
- `Range` requests get `206 Partial Content` (Starlette's FileResponse), so
  audio and video seek in a browser.
- Documents are served as attachments, under the uploader's name with the
  sniffed extension.
- Media are public whatever the state of the content they illustrate: a key
  is a 256-bit hash, so a file is found only by whoever was given its URL.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from hub.i18n import bilingual
from hub.models import MediaAsset, MediaKind, MediaRendition
from hub.services.media import download_filename
from hub.storage import KEY_PATTERN, Storage

IMMUTABLE = "public, max-age=31536000, immutable"


class MediaEndpoint:
    """Serves the files of one :class:`~hub.storage.Storage` that has local paths."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    async def handle(self, request: Request) -> Response:
        """The file under the path's key, or 404."""
        key = request.path_params["key"]
        if not KEY_PATTERN.match(key):
            return _not_found()
        found = await _describe(key)
        path = self.storage.path(key)
        # A remote store's url() points at its own host: /media/ serves local files only.
        if found is None or path is None or not path.is_file():
            return _not_found()
        content_type, filename = found
        headers = {
            "Cache-Control": IMMUTABLE,
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Access-Control-Allow-Origin": "*",
        }
        return FileResponse(path, headers=headers, media_type=content_type, filename=filename)


async def _describe(key: str) -> tuple[str, str | None] | None:
    """Content type and (for documents) download name of the file under ``key``."""
    # Unscoped on purpose: the key (the bytes' SHA-256) is the capability, as a
    # preview token is for one article. Listing and node(id:) follow
    # MediaAsset.public_filter; serving a file whose key one holds does not, so a
    # preview page or the newsroom can show a draft's pictures.
    asset = await MediaAsset.unscoped().filter(storage_key=key).order_by("id").first()
    if asset is not None:
        attachment = asset.kind == MediaKind.DOCUMENT
        return asset.content_type, download_filename(asset) if attachment else None
    rendition = await MediaRendition.filter(storage_key=key).first()
    if rendition is not None:
        return f"image/{rendition.format}", None
    return None


def _not_found() -> Response:
    return PlainTextResponse(bilingual("not_found"), status_code=404)


def media_routes(storage: Storage) -> list[Route]:
    """The `/media/{key}` route over ``storage``."""
    return [Route("/media/{key:path}", MediaEndpoint(storage).handle, methods=["GET", "HEAD"])]
