"""Where media files live: a small :class:`Storage` protocol and the local-disk store.

Callers speak only the protocol (save, open, path, delete, exists, url), so an
S3-compatible store can be added later by implementing it and choosing it in
:func:`storage_for`; no service, resolver or route changes.

Keys are made here, from the SHA-256 of the stored bytes (:func:`content_key`),
never from a user's file name: ``ab/cd/abcd…ef.jpg``. A key therefore names
one content for ever, which is what lets ``/media/…`` be cached as immutable.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from hub.settings import Settings, load_settings

KEY_PATTERN = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}\.[a-z0-9]{2,5}$")
MEDIA_URL_PREFIX = "/media/"


class InvalidKey(ValueError):
    """A key that :func:`content_key` cannot have made (it never reaches the disk)."""


def content_key(sha256: str, extension: str) -> str:
    """The storage key of content whose SHA-256 (hex) is ``sha256``."""
    key = f"{sha256[:2]}/{sha256[2:4]}/{sha256}.{extension}"
    check_key(key)
    return key


def check_key(key: str) -> str:
    """``key`` itself, or :class:`InvalidKey` when it is not a generated key."""
    if not KEY_PATTERN.match(key):
        raise InvalidKey(key[:100])
    return key


class Storage(Protocol):
    """What the hub needs from a file store."""

    async def save(self, key: str, data: bytes | BinaryIO) -> None:
        """Store ``data`` (bytes, or a readable binary file from its start) under ``key``."""
        ...

    async def open(self, key: str) -> BinaryIO:
        """A readable binary file of the content under ``key``; the caller closes it."""
        ...

    def path(self, key: str) -> Path | None:
        """A local path of the content, when the store has one (else ``None``)."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the content under ``key`` (no error if it is gone already)."""
        ...

    async def exists(self, key: str) -> bool:
        """Whether content is stored under ``key``."""
        ...

    def url(self, key: str) -> str:
        """Where a browser fetches the content (root-relative for the local store)."""
        ...

    async def ready(self) -> None:
        """Raise ``OSError`` unless files can be stored now (readiness probe)."""
        ...


class LocalStorage:
    """Files on local disk under one root, written atomically (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _file(self, key: str) -> Path:
        return self.root / check_key(key)

    async def save(self, key: str, data: bytes | BinaryIO) -> None:
        """Write to a temporary file beside the target, then rename it into place."""
        await asyncio.to_thread(self._save_sync, self._file(key), data)

    @staticmethod
    def _save_sync(target: Path, data: bytes | BinaryIO) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                if isinstance(data, bytes | bytearray | memoryview):
                    out.write(data)
                else:
                    data.seek(0)
                    shutil.copyfileobj(data, out, 1024 * 1024)
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    async def open(self, key: str) -> BinaryIO:
        """The stored file, opened for reading."""
        return await asyncio.to_thread(self._file(key).open, "rb")

    def path(self, key: str) -> Path | None:
        """The file's path under the root."""
        return self._file(key)

    async def delete(self, key: str) -> None:
        """Unlink the file; a missing file is not an error."""
        await asyncio.to_thread(self._file(key).unlink, True)

    async def exists(self, key: str) -> bool:
        """Whether the file is there."""
        return await asyncio.to_thread(self._file(key).is_file)

    def url(self, key: str) -> str:
        """``/media/<key>``, served by :mod:`hub.media_http`."""
        return MEDIA_URL_PREFIX + check_key(key)

    async def ready(self) -> None:
        """The root (or, before the first upload, the folder that will hold it) is a
        writable folder: an unmounted or read-only share fails here."""
        await asyncio.to_thread(self._ready_sync)

    def _ready_sync(self) -> None:
        folder = self.root if self.root.exists() else self.root.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
            raise OSError(f"media folder not writable: {folder}")


def storage_for(settings: Settings) -> Storage:
    """The store the settings choose (today always local disk under the data dir)."""
    return LocalStorage(settings.data_dir / "media")


_configured: Storage | None = None


def configure_storage(storage: Storage) -> None:
    """Make ``storage`` the process's store (the app factory does this at start)."""
    global _configured
    _configured = storage


def get_storage() -> Storage:
    """The process's store; configured from the environment if nobody chose one."""
    global _configured
    if _configured is None:
        _configured = storage_for(load_settings())
    return _configured
