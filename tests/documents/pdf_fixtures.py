"""Build legal-document test files in memory: PDFs, signing identities, DOCX files.

The PDF is written by hand so its bytes are predictable (an uncompressed
content stream we can tamper with). pyHanko cannot embed a TrueType font here
(that needs fontTools, which we do not depend on), so Vietnamese letters use
the standard Helvetica font with a custom encoding and a ``/ToUnicode`` map:
text extraction sees real Vietnamese, though a viewer would draw the letters
outside WinAnsi as blanks. That is enough for a fixture.
"""

from __future__ import annotations

import struct
import zipfile
from functools import cache
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from hub.seed.demo_pdf import (
    GAZETTE_TITLE,
    SIGNER_CN,
    SIGNER_O,
    SigningIdentity,
    build_pdf,
    make_identity,
    sign_pdf,
)

__all__ = [
    "GAZETTE_TITLE",
    "SIGNER_CN",
    "SIGNER_O",
    "SigningIdentity",
    "build_pdf",
    "make_identity",
    "sign_pdf",
]


# --- PDF -------------------------------------------------------------------


def tamper_signed_content(data: bytes) -> bytes:
    """Change one character of the first page's text in place, inside the signed bytes."""
    start = data.index(b"<", data.index(b"BT /F1")) + 1
    flipped = b"5" if data[start : start + 1] != b"5" else b"6"
    return data[:start] + flipped + data[start + 1 :]


def append_content_update(data: bytes) -> bytes:
    """Add an incremental update that draws extra text on page 1 (content changed after signing)."""
    writer = IncrementalPdfFileWriter(BytesIO(data))
    stream = generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 600 Td (Da sua doi) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# --- signing ---------------------------------------------------------------


@cache
def gazette_identity() -> SigningIdentity:
    """The Hà Nội People's Committee Office identity, generated once per test run (RSA is slow)."""
    return make_identity()


# --- DOCX ------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def docx_document(body: str) -> str:
    """A ``word/document.xml`` around ``body`` (WordprocessingML using the ``w:`` prefix)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'
    )


def build_docx(document_xml: str | bytes) -> bytes:
    """A DOCX package holding the given ``word/document.xml``."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


def understate_size(docx: bytes, member: str, declared: int) -> bytes:
    """Rewrite the zip headers so ``member`` claims to be ``declared`` bytes uncompressed."""
    data = bytearray(docx)
    encoded = member.encode()
    # Local file header: size at offset 22, name at 30. Central directory: size at 24, name at 46.
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at != -1:
            if data[at + name_at : at + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, at + size_at, declared)
            at = data.find(signature, at + 1)
    return bytes(data)
