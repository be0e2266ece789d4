"""What a file really is, from its bytes: magic numbers, never names or declared types.

Only the formats below are accepted; everything else is refused, and markup
(SVG, XML, HTML: SVG can carry script) is refused with its own message.
Office files must be the right kind of container with the right members, and
documents carrying macros are refused.
"""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from typing import Any, BinaryIO

import mutagen
from mutagen.mp3 import MP3 as MP3File
from mutagen.mp4 import MP4 as MP4File
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggtheora import OggTheora
from mutagen.oggvorbis import OggVorbis

from hub.models.media import MediaKind

HEAD_BYTES = 4096
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_MAX_SCAN = 64 * 1024 * 1024


@dataclass(frozen=True)
class Sniffed:
    """The type a file's bytes declare."""

    kind: MediaKind
    content_type: str
    extension: str


class Unsupported(ValueError):
    """The bytes are of no accepted type (the message says why, in English)."""


def _t(kind: MediaKind, content_type: str, extension: str) -> Sniffed:
    return Sniffed(kind, content_type, extension)


JPEG = _t(MediaKind.IMAGE, "image/jpeg", "jpg")
PNG = _t(MediaKind.IMAGE, "image/png", "png")
GIF = _t(MediaKind.IMAGE, "image/gif", "gif")
WEBP = _t(MediaKind.IMAGE, "image/webp", "webp")
MP3 = _t(MediaKind.AUDIO, "audio/mpeg", "mp3")
M4A = _t(MediaKind.AUDIO, "audio/mp4", "m4a")
OGG_AUDIO = _t(MediaKind.AUDIO, "audio/ogg", "ogg")
MP4 = _t(MediaKind.VIDEO, "video/mp4", "mp4")
MOV = _t(MediaKind.VIDEO, "video/quicktime", "mov")
WEBM = _t(MediaKind.VIDEO, "video/webm", "webm")
OGG_VIDEO = _t(MediaKind.VIDEO, "video/ogg", "ogv")
PDF = _t(MediaKind.DOCUMENT, "application/pdf", "pdf")
_OOXML = "application/vnd.openxmlformats-officedocument."
DOCX = _t(MediaKind.DOCUMENT, _OOXML + "wordprocessingml.document", "docx")
XLSX = _t(MediaKind.DOCUMENT, _OOXML + "spreadsheetml.sheet", "xlsx")
PPTX = _t(MediaKind.DOCUMENT, _OOXML + "presentationml.presentation", "pptx")
DOC = _t(MediaKind.DOCUMENT, "application/msword", "doc")
XLS = _t(MediaKind.DOCUMENT, "application/vnd.ms-excel", "xls")
PPT = _t(MediaKind.DOCUMENT, "application/vnd.ms-powerpoint", "ppt")
_ODF = "application/vnd.oasis.opendocument."
ODT = _t(MediaKind.DOCUMENT, _ODF + "text", "odt")
ODS = _t(MediaKind.DOCUMENT, _ODF + "spreadsheet", "ods")
ODP = _t(MediaKind.DOCUMENT, _ODF + "presentation", "odp")

_MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"F4A "}
_MP4_VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
    b"M4V ", b"M4VH", b"M4VP", b"dash", b"mmp4", b"MSNV", b"f4v ",
}  # fmt: skip
_OOXML_MAIN = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ODF_TYPES = {s.content_type: s for s in (ODT, ODS, ODP)}
_OLE_STREAMS = {"WordDocument": DOC, "Workbook": XLS, "Book": XLS, "PowerPoint Document": PPT}
_OLE_MACROS = {"Macros", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT"}


def sniff(file: BinaryIO) -> Sniffed:
    """The type of ``file`` (read from its start), or :class:`Unsupported`."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    if looks_like_markup(head):
        raise Unsupported("SVG, XML and HTML files are not accepted (they can carry script)")
    found = _by_magic(head)
    if found is None and head.startswith(b"PK\x03\x04"):
        found = _zip_document(file)
    elif found is None and head.startswith(_OLE_MAGIC):
        found = _ole_document(file)
    if found is None:
        raise Unsupported("this type of file is not accepted")
    return found


def looks_like_markup(head: bytes) -> bool:
    """Whether the bytes open like an XML/SVG/HTML document (in UTF-8 or UTF-16)."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    return head[:1024].lstrip(b" \t\r\n\f\x00").startswith(b"<")


def _by_magic(head: bytes) -> Sniffed | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"OggS"):
        return OGG_VIDEO if b"\x80theora" in head else OGG_AUDIO
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return WEBM if b"webm" in head[:64] else None
    if head[4:8] == b"ftyp":
        return _mp4(head[8:12])
    if (head.startswith(b"ID3") and head[3:4] in (b"\x02", b"\x03", b"\x04")) or _mpeg_frame(head):
        return MP3
    return None


def _mp4(brand: bytes) -> Sniffed | None:
    if brand in _MP4_AUDIO_BRANDS:
        return M4A
    if brand in _MP4_VIDEO_BRANDS:
        return MP4
    return MOV if brand == b"qt  " else None


def _mpeg_frame(head: bytes) -> bool:
    """An MPEG audio Layer III frame header (frame sync and sane fields)."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 3
    return version != 1 and layer == 1 and bitrate not in (0, 15) and rate != 3


def _zip_document(file: BinaryIO) -> Sniffed | None:
    """OOXML or OpenDocument, told by the members; macro-enabled files are refused."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if any(n.lower().endswith("vbaproject.bin") or n.startswith("Basic/") for n in names):
                raise Unsupported("documents with macros are not accepted")
            if "[Content_Types].xml" in names:
                return next((s for n, s in _OOXML_MAIN.items() if n in names), None)
            info = archive.getinfo("mimetype") if "mimetype" in names else None
            if info is not None and info.file_size <= 100:
                return _ODF_TYPES.get(archive.read(info).decode("ascii", "replace").strip())
    except Unsupported:
        raise
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as exc:
        raise Unsupported("the document is damaged") from exc
    return None


def _ole_document(file: BinaryIO) -> Sniffed | None:
    """A legacy Office file, told by the stream names in its directory entries.

    Directory entries are 128-byte records at 128-byte offsets after the
    512-byte header: a UTF-16 name, then its byte length. Matching whole
    entries (not loose strings) keeps text that merely mentions a name out.
    """
    file.seek(0)
    data = file.read(_OLE_MAX_SCAN)
    names: set[str] = set()
    for offset in range(512, len(data) - 127, 128):
        length = int.from_bytes(data[offset + 64 : offset + 66], "little")
        if 2 <= length <= 64 and length % 2 == 0 and data[offset + 66] in (1, 2):
            raw = data[offset : offset + length - 2]
            try:
                names.add(raw.decode("utf-16-le"))
            except UnicodeDecodeError:
                continue
    if names & _OLE_MACROS:
        raise Unsupported("documents with macros are not accepted")
    return next((s for n, s in _OLE_STREAMS.items() if n in names), None)


def probe_duration(file: BinaryIO, sniffed: Sniffed) -> float | None:
    """Seconds of audio or video, read by ``mutagen`` (pure Python, no ffmpeg).

    ``None`` where mutagen cannot tell (WebM) or the file states none; a file
    whose container does not parse is refused as damaged.
    """
    parser = _DURATION_PARSERS.get(sniffed.content_type)
    if parser is None:
        return None
    file.seek(0)
    try:
        parsed = mutagen.File(file, options=parser)
    # A parser of untrusted bytes may fail in any way; every failure means "damaged".
    except Exception as exc:
        raise Unsupported(f"the {sniffed.extension.upper()} file is damaged") from exc
    if parsed is None:
        raise Unsupported(f"the {sniffed.extension.upper()} file is damaged")
    length = getattr(parsed.info, "length", None)
    if not isinstance(length, int | float) or not math.isfinite(length) or length <= 0:
        return None
    return round(float(length), 3)


_DURATION_PARSERS: dict[str, list[Any]] = {
    MP3.content_type: [MP3File],
    M4A.content_type: [MP4File],
    MP4.content_type: [MP4File],
    MOV.content_type: [MP4File],
    OGG_AUDIO.content_type: [OggVorbis, OggOpus, OggFLAC, OggSpeex],
    OGG_VIDEO.content_type: [OggTheora],
}
