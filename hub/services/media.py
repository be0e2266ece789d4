"""Uploading media to a tenant's library and describing it.

Every check runs before anything is written: permission, emptiness, size,
the type sniffed from the bytes (:mod:`hub.services.media_sniff`), the text
fields, and for images the pixel bound and a full decode
(:mod:`hub.services.media_images`). Only then are the files stored and the
rows written in one transaction; if the rows fail, the files written for
them are removed again. A refused upload leaves no row and no file.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import BinaryIO

from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.models import MediaAsset, MediaKind, MediaRendition
from hub.services import media_images as images
from hub.services.errors import ServiceError
from hub.services.media_sniff import Sniffed, Unsupported, probe_duration, sniff
from hub.storage import Storage, content_key, get_storage
from hub.text.folding import nfc
from tenants.models import Tenant
from tenants.scope import Scope

MiB = 1024 * 1024
# Per kind, after sniffing. The HTTP layer sizes its multipart limit from these.
MAX_BYTES: dict[MediaKind, int] = {
    MediaKind.IMAGE: 20 * MiB,
    MediaKind.DOCUMENT: 50 * MiB,
    MediaKind.AUDIO: 200 * MiB,
    MediaKind.VIDEO: 1024 * MiB,
}
MAX_FILENAME = 255
MAX_ALT_TEXT = 500
MAX_CAPTION = 2_000
MAX_CREDIT = 300
MAX_TRANSCRIPT = 200_000
MAX_CAPTIONS = 200_000


def max_upload_bytes() -> int:
    """The largest file any kind may be (read at call time, so limits stay in step)."""
    return max(MAX_BYTES.values())


class MediaErrorCode(StrEnum):
    """Why a media mutation failed."""

    EMPTY_FILE = "EMPTY_FILE"
    UNSUPPORTED_TYPE = "UNSUPPORTED_TYPE"
    TOO_LARGE = "TOO_LARGE"
    IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"
    ALT_TEXT_REQUIRED = "ALT_TEXT_REQUIRED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    INVALID_INPUT = "INVALID_INPUT"
    IN_USE = "IN_USE"  # mediaDelete: something still uses the file


@dataclass
class MediaText:
    """What editors write about an asset; ``None`` means "leave as it is"."""

    alt_text: str | None = None
    caption: str | None = None
    credit: str | None = None
    focal_x: float | None = None
    focal_y: float | None = None
    transcript: str | None = None
    captions: str | None = None


def _fail(code: MediaErrorCode, message: str, field: str | None = None) -> ServiceError:
    return ServiceError(code, message, field)


def _require_upload(scope: Scope, tenant_id: int) -> None:
    try:
        require(scope.viewer, Permission.MEDIA_UPLOAD, tenant_id)
    except PermissionDenied as exc:
        raise _fail(MediaErrorCode.FORBIDDEN, str(exc)) from exc


def clean_filename(name: str) -> str:
    """The uploader's file name made safe to keep and show: NFC, no path, no controls.

    Bidirectional overrides and other invisible characters go too, so a
    name cannot pretend to end in another extension.
    """
    name = nfc(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(_filename_char(ch) for ch in name)
    name = " ".join(name.split()).strip(" .")
    if len(name) > MAX_FILENAME:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 10 else ""
        name = stem[: MAX_FILENAME - len(ext) - 1].rstrip(" .") + ("." + ext if ext else "")
    return name or "file"


def _filename_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category.startswith("Z"):  # every kind of space becomes a plain one
        return " "
    return "" if category.startswith("C") else ch  # controls, format marks, unassigned


def download_filename(asset: MediaAsset) -> str:
    """The name a download is saved under: the uploader's stem, the sniffed extension."""
    name = asset.original_filename
    stem = name.rsplit(".", 1)[0] if "." in name else name
    # Characters that a header's quoted string or a desktop file system would trip on.
    stem = "".join("_" if ch in '"\\/:*?<>|' else ch for ch in stem).strip(" .")
    return f"{stem or 'file'}.{asset.storage_key.rsplit('.', 1)[-1]}"


def _text(value: str, limit: int, field: str, *, one_line: bool) -> str:
    value = nfc(value)
    value = " ".join(value.split()) if one_line else value.strip()
    if len(value) > limit:
        raise _fail(
            MediaErrorCode.INVALID_INPUT, f"{field} is longer than {limit} characters", field
        )
    return value


def _apply_text(asset: MediaAsset, text: MediaText) -> list[str]:
    """Validate ``text`` onto ``asset``; the names of the fields that were given."""
    if text.alt_text is not None:
        asset.alt_text = _text(text.alt_text, MAX_ALT_TEXT, "alt_text", one_line=True)
    if text.caption is not None:
        asset.caption = _text(text.caption, MAX_CAPTION, "caption", one_line=False)
    if text.credit is not None:
        asset.credit = _text(text.credit, MAX_CREDIT, "credit", one_line=True)
    for name in ("focal_x", "focal_y"):
        value = getattr(text, name)
        if value is not None:
            if not (isinstance(value, int | float) and math.isfinite(value) and 0 <= value <= 1):
                raise _fail(MediaErrorCode.INVALID_INPUT, f"{name} must be between 0 and 1", name)
            setattr(asset, name, float(value))
    if text.transcript is not None:
        transcript = _text(text.transcript, MAX_TRANSCRIPT, "transcript", one_line=False)
        asset.transcript = transcript or None  # type: ignore[assignment]
    if text.captions is not None:
        captions = _text(text.captions, MAX_CAPTIONS, "captions", one_line=False)
        if captions and not captions.lstrip("\ufeff").startswith("WEBVTT"):
            raise _fail(MediaErrorCode.INVALID_INPUT, "captions must be WebVTT text", "captions")
        asset.captions = captions or None  # type: ignore[assignment]
    changed = [f.name for f in fields(text) if getattr(text, f.name) is not None]
    if asset.kind == MediaKind.IMAGE and not asset.alt_text:
        raise _fail(
            MediaErrorCode.ALT_TEXT_REQUIRED, "an image needs a text alternative", "alt_text"
        )
    return changed


async def media_upload(
    scope: Scope,
    tenant: Tenant,
    filename: str,
    data: bytes | BinaryIO,
    *,
    alt_text: str = "",
    caption: str = "",
    credit: str = "",
    focal_x: float = 0.5,
    focal_y: float = 0.5,
    transcript: str | None = None,
    captions: str | None = None,
    storage: Storage | None = None,
) -> MediaAsset:
    """Add a file to ``tenant``'s library, uploaded by the scope's viewer.

    ``data`` is the file's bytes or a readable, seekable binary file (a large
    upload is never read into memory whole, except images, which are
    decoded anyway and bounded at 20 MB).
    """
    _require_upload(scope, tenant.id)
    text = MediaText(alt_text, caption, credit, focal_x, focal_y, transcript, captions)
    return await accept_file(
        tenant, filename, data, text=text, created_by=scope.viewer.user_id, storage=storage
    )


async def accept_file(
    tenant: Tenant,
    filename: str,
    data: bytes | BinaryIO,
    *,
    text: MediaText | None = None,
    created_by: int | None = None,
    limits: Mapping[MediaKind, int] = MAX_BYTES,
    storage: Storage | None = None,
) -> MediaAsset:
    """The media checks every file goes through, whoever sends it: sniffed, bounded, stored.

    The caller decides who may send it (editors through :func:`media_upload`,
    citizens through their forms) and which kinds up to what size
    (``limits``; a kind missing from it is refused).
    """
    file: BinaryIO = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    size = await asyncio.to_thread(_size_of, file)
    if size == 0:
        raise _fail(MediaErrorCode.EMPTY_FILE, "the file is empty", "file")
    if size > max(limits.values()):
        raise _fail(MediaErrorCode.TOO_LARGE, "the file is larger than any upload may be", "file")
    try:
        sniffed = await asyncio.to_thread(sniff, file)
    except Unsupported as exc:
        raise _fail(MediaErrorCode.UNSUPPORTED_TYPE, str(exc), "file") from exc
    if sniffed.kind not in limits:
        raise _fail(
            MediaErrorCode.UNSUPPORTED_TYPE, f"a {sniffed.kind} file is not accepted here", "file"
        )
    if size > limits[sniffed.kind]:
        limit = limits[sniffed.kind] // MiB
        raise _fail(
            MediaErrorCode.TOO_LARGE, f"a {sniffed.kind} file may be at most {limit} MB", "file"
        )
    asset = MediaAsset(
        tenant_id=tenant.id,
        kind=sniffed.kind,
        original_filename=clean_filename(filename),
        content_type=sniffed.content_type,
        created_by=created_by,
    )
    _apply_text(asset, text or MediaText())
    if sniffed.kind == MediaKind.IMAGE:
        files, renditions = await _prepare_image(asset, file, sniffed)
    else:
        files, renditions = await _prepare_as_is(asset, file, sniffed, size), []
    return await _save(storage or get_storage(), asset, renditions, files)


async def media_update(scope: Scope, asset_id: int, text: MediaText) -> MediaAsset:
    """Change what is said about an asset (alt text, caption, credit, focal point…)."""
    asset = await MediaAsset.readable_by(scope).get_or_none(id=asset_id)
    if asset is None:
        raise _fail(MediaErrorCode.NOT_FOUND, "media asset not found")
    _require_upload(scope, asset.tenant_id)
    changed = _apply_text(asset, text)
    if changed:
        await asset.save(update_fields=[*changed, "updated_at"])
    return asset


def _size_of(file: BinaryIO) -> int:
    file.seek(0, io.SEEK_END)
    return file.tell()


def _read_all(file: BinaryIO) -> bytes:
    file.seek(0)
    return file.read()


def _sha256_of(file: BinaryIO) -> str:
    file.seek(0)
    digest = hashlib.sha256()
    while chunk := file.read(MiB):
        digest.update(chunk)
    return digest.hexdigest()


Files = list[tuple[str, bytes | BinaryIO]]


async def _prepare_image(
    asset: MediaAsset, file: BinaryIO, sniffed: Sniffed
) -> tuple[Files, list[MediaRendition]]:
    raw = await asyncio.to_thread(_read_all, file)
    try:
        # The header only, here: refused bombs never reach a worker thread.
        image = images.open_image(raw, sniffed.content_type)
        processed = await asyncio.to_thread(images.process_image, image, sniffed.content_type)
    except images.ImageTooLarge as exc:
        raise _fail(MediaErrorCode.IMAGE_TOO_LARGE, str(exc), "file") from exc
    except images.ImageUnreadable as exc:
        raise _fail(MediaErrorCode.UNSUPPORTED_TYPE, str(exc), "file") from exc
    sha = hashlib.sha256(processed.data).hexdigest()
    asset.sha256, asset.size = sha, len(processed.data)
    asset.width, asset.height = processed.width, processed.height
    asset.storage_key = content_key(sha, sniffed.extension)
    files: Files = [(asset.storage_key, processed.data)]
    renditions = []
    for made in processed.renditions:
        key = content_key(hashlib.sha256(made.data).hexdigest(), "webp")
        files.append((key, made.data))
        renditions.append(
            MediaRendition(
                width=made.width, height=made.height, storage_key=key, size=len(made.data)
            )
        )
    return files, renditions


async def _prepare_as_is(asset: MediaAsset, file: BinaryIO, sniffed: Sniffed, size: int) -> Files:
    try:
        if sniffed.kind in (MediaKind.AUDIO, MediaKind.VIDEO):
            asset.duration_seconds = await asyncio.to_thread(probe_duration, file, sniffed)
    except Unsupported as exc:
        raise _fail(MediaErrorCode.UNSUPPORTED_TYPE, str(exc), "file") from exc
    asset.sha256 = await asyncio.to_thread(_sha256_of, file)
    asset.size = size
    asset.storage_key = content_key(asset.sha256, sniffed.extension)
    return [(asset.storage_key, file)]


async def _save(
    storage: Storage, asset: MediaAsset, renditions: list[MediaRendition], files: Files
) -> MediaAsset:
    created = await _store(storage, files)
    try:
        async with in_transaction():
            await asset.save()
            for rendition in renditions:
                rendition.asset_id = asset.id
            if renditions:
                await MediaRendition.bulk_create(renditions)
    except Exception:
        for key in created:
            await storage.delete(key)
        raise
    return asset


async def _store(storage: Storage, files: Files) -> list[str]:
    """Store each file not stored yet (same bytes, same key); the keys written now."""
    created: list[str] = []
    try:
        for key, data in files:
            if key not in created and not await storage.exists(key):
                await storage.save(key, data)
                created.append(key)
    except Exception:
        for key in created:
            await storage.delete(key)
        raise
    return created
