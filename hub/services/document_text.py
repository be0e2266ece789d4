"""Plain text out of legal-document files (PDF, DOCX), for search and previews.

A gazette edition is a PDF, often with an editable DOCX copy beside it
(REGULATIONS §3, C4). Both come from outside, so extraction is bounded: the
DOCX body is size-checked before it is decompressed, DOCTYPEs are refused, and
the returned text is capped. Text is NFC-normalised like every stored string.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from io import BytesIO

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from hub.text.folding import nfc

__all__ = [
    "DOCX",
    "MAX_DOCX_XML_BYTES",
    "MAX_TEXT_CHARS",
    "PDF",
    "DocumentUnreadable",
    "UnsupportedDocumentType",
    "extract_text",
    "sha256_hex",
]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

MAX_TEXT_CHARS = 2_000_000
# A real document.xml is a few MB even for a long gazette issue; anything near
# this is a zip bomb or not a document worth indexing.
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH = _W + "p"
_TEXT = _W + "t"
_TAB = _W + "tab"
_TAB_STOPS = _W + "tabs"
_BREAKS = frozenset({_W + "br", _W + "cr"})
_NO_BREAK_HYPHEN = _W + "noBreakHyphen"

# pypdf, zipfile and the XML parser raise a spread of built-in types on
# broken input besides their own; all mean "this file is damaged".
_BROKEN = (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, OSError)

_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# C0/C1 controls other than tab and newline: PDF text layers leak them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class UnsupportedDocumentType(ValueError):
    """The media type is not one we extract text from."""


class DocumentUnreadable(ValueError):
    """The file is corrupt, encrypted, oversized or not what its media type says."""


def extract_text(data: bytes, media_type: str) -> str:
    """The text of a PDF or DOCX file: NFC, whitespace tidied, at most ``MAX_TEXT_CHARS``.

    PDF pages are joined with a blank line; DOCX paragraphs become lines.
    Raises ``UnsupportedDocumentType`` for any other media type and
    ``DocumentUnreadable`` for a damaged, encrypted or oversized file.
    """
    kind = media_type.split(";", 1)[0].strip().lower()
    if kind == PDF:
        raw = _pdf_text(data)
    elif kind == DOCX:
        raw = _docx_text(data)
    else:
        raise UnsupportedDocumentType(
            f"cannot extract text from {media_type!r}: only PDF and DOCX are supported"
        )
    return _tidy(raw)[:MAX_TEXT_CHARS]


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of the bytes (the identity of an uploaded file)."""
    return hashlib.sha256(data).hexdigest()


def _pdf_text(data: bytes) -> str:
    try:
        reader = PdfReader(BytesIO(data))
        # Owner-password-only PDFs (copy protection) open with the empty password.
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentUnreadable("the PDF is encrypted and needs a password")
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            pages.append(text)
            total += len(text)
            # Stop parsing pages once the cap is reached; the rest would be cut anyway.
            if total > MAX_TEXT_CHARS:
                break
    except DocumentUnreadable:
        raise
    except _BROKEN as exc:
        raise DocumentUnreadable(f"corrupt PDF: {exc}") from exc
    return "\n\n".join(pages)


def _docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            try:
                member = archive.getinfo("word/document.xml")
            except KeyError:
                raise DocumentUnreadable(
                    "not a Word document: word/document.xml is missing"
                ) from None
            # The declared size is checked before anything is inflated; the
            # bounded read below covers a header that lies (zipfile stops at
            # the declared size and fails the CRC on a mismatch).
            if member.file_size > MAX_DOCX_XML_BYTES:
                raise DocumentUnreadable("the DOCX body is too large to read (over 50 MB)")
            with archive.open(member) as stream:
                xml = stream.read(MAX_DOCX_XML_BYTES + 1)
    except DocumentUnreadable:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, *_BROKEN) as exc:
        # zlib.error: damaged deflate data behind sound headers; EOFError: a
        # member cut short; NotImplementedError: an unsupported compression method.
        raise DocumentUnreadable(f"corrupt DOCX: {exc}") from exc
    if len(xml) > MAX_DOCX_XML_BYTES:
        raise DocumentUnreadable("the DOCX body is too large to read (over 50 MB)")
    # Word never writes a DOCTYPE; refusing one shuts out entity-expansion
    # tricks without a defusedxml dependency.
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise DocumentUnreadable("corrupt DOCX: document.xml declares a DOCTYPE")
    try:
        return _paragraphs(xml)
    except ET.ParseError as exc:
        raise DocumentUnreadable(f"corrupt DOCX: {exc}") from exc


def _paragraphs(xml: bytes) -> str:
    """Text of every ``w:p``, one per line, in document order.

    Streams start/end events instead of recursing, so deep nesting cannot blow
    the stack; a paragraph nested in a text box becomes a line of its own.
    """
    lines: list[str] = []
    open_paragraphs: list[list[str]] = []
    tab_stop_depth = 0
    for event, element in ET.iterparse(BytesIO(xml), events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _PARAGRAPH:
                open_paragraphs.append([])
            elif tag == _TAB_STOPS:
                tab_stop_depth += 1
            continue
        if tag == _PARAGRAPH:
            lines.append("".join(open_paragraphs.pop()))
            # Done with this paragraph's subtree: free it as we go.
            element.clear()
        elif tag == _TAB_STOPS:
            tab_stop_depth -= 1
        elif open_paragraphs:
            current = open_paragraphs[-1]
            if tag == _TEXT:
                current.append(element.text or "")
            elif tag == _TAB and not tab_stop_depth:
                # w:tab inside w:tabs is a tab-stop definition, not a tab.
                current.append("\t")
            elif tag in _BREAKS:
                current.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                current.append("-")
    return "\n".join(lines)


def _tidy(text: str) -> str:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    # Runs of spaces, tabs and no-break spaces become one space, per line.
    lines = [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
