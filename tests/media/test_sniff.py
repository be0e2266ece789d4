"""Types come from the bytes: magic numbers and container members, never names."""

from __future__ import annotations

import io
import zipfile

import pytest

from hub.services import media_sniff as sniffing
from hub.services.media_sniff import Unsupported, probe_duration, sniff
from tests.media.conftest import fixture_bytes, jpeg_with_exif, png


def sniffed(data: bytes) -> sniffing.Sniffed:
    return sniff(io.BytesIO(data))


def office_zip(*members: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in members:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def ole(*streams: str) -> bytes:
    """A compound file's header and one directory sector naming ``streams``."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".ljust(512, b"\0")
    entries = b""
    for number, name in enumerate(("Root Entry", *streams)):
        raw = (name + "\0").encode("utf-16-le")
        kind = 5 if number == 0 else 2
        entries += raw.ljust(64, b"\0") + len(raw).to_bytes(2, "little") + bytes([kind])
        entries = entries.ljust(128 * (number + 1), b"\0")
    return header + entries.ljust(512, b"\0")


def without_id3(mp3: bytes) -> bytes:
    size = 0
    for byte in mp3[6:10]:  # a synchsafe integer
        size = (size << 7) | byte
    return mp3[10 + size :]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (jpeg_with_exif(40, 30), sniffing.JPEG),
        (png(4, 4), sniffing.PNG),
        (b"GIF89a" + b"\0" * 20, sniffing.GIF),
        (b"RIFF\0\0\0\0WEBPVP8 ", sniffing.WEBP),
        (fixture_bytes("tone.mp3"), sniffing.MP3),
        (without_id3(fixture_bytes("tone.mp3")), sniffing.MP3),
        (fixture_bytes("clip.mp4"), sniffing.MP4),
        (b"\0\0\0\x20ftypM4A \0\0\0\0", sniffing.M4A),
        (b"\0\0\0\x14ftypqt  \0\0\0\0", sniffing.MOV),
        (b"OggS\0\x02" + b"\0" * 22 + b"\x01vorbis", sniffing.OGG_AUDIO),
        (b"OggS\0\x02" + b"\0" * 22 + b"\x80theora", sniffing.OGG_VIDEO),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", sniffing.WEBM),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", sniffing.PDF),
        (office_zip("[Content_Types].xml", "word/document.xml"), sniffing.DOCX),
        (office_zip("[Content_Types].xml", "xl/workbook.xml"), sniffing.XLSX),
        (office_zip("[Content_Types].xml", "ppt/presentation.xml"), sniffing.PPTX),
        (ole("WordDocument", "1Table"), sniffing.DOC),
        (ole("Workbook"), sniffing.XLS),
        (ole("PowerPoint Document"), sniffing.PPT),
    ],
)
def test_accepted_types(data: bytes, expected: sniffing.Sniffed) -> None:
    assert sniffed(data) == expected


def test_opendocument_is_told_by_its_mimetype_member() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    assert sniffed(out.getvalue()) == sniffing.ODT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (office_zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), "macros"),
        (ole("WordDocument", "Macros"), "macros"),
        (ole("Workbook", "_VBA_PROJECT_CUR"), "macros"),
        (office_zip("readme.txt"), "not accepted"),
        (ole("Something Else"), "not accepted"),
        (b"PK\x03\x04 broken zip", "damaged"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska", "not accepted"),
        (b"\0\0\0\x18ftypheic\0\0\0\0", "not accepted"),
        (b"\xff\xf1\x50\x80" + b"\0" * 10, "not accepted"),  # AAC ADTS, not MP3
        (b"#!/bin/sh\nrm -rf /\n", "not accepted"),
    ],
)
def test_refused_types(data: bytes, reason: str) -> None:
    with pytest.raises(Unsupported, match=reason):
        sniffed(data)


def test_an_mpeg_header_without_frames_is_damaged() -> None:
    fake = io.BytesIO(b"\xff\xfb\x90\x64" + b"not audio at all " * 50)
    kind = sniff(fake)
    assert kind == sniffing.MP3
    with pytest.raises(Unsupported, match="damaged"):
        probe_duration(fake, kind)


def test_webm_duration_is_unknown_without_ffmpeg() -> None:
    assert probe_duration(io.BytesIO(b"\x1a\x45\xdf\xa3webm"), sniffing.WEBM) is None
