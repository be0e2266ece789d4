"""Text extraction from gazette PDFs and DOCX copies, and the limits that guard it."""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from io import BytesIO

import pytest

from hub.services import document_text
from hub.services.document_text import (
    DOCX,
    PDF,
    DocumentUnreadable,
    UnsupportedDocumentType,
    extract_text,
    sha256_hex,
)
from tests.documents.pdf_fixtures import (
    GAZETTE_TITLE,
    build_docx,
    build_pdf,
    docx_document,
    understate_size,
)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_pdf_text_is_extracted() -> None:
    assert extract_text(build_pdf(), PDF) == GAZETTE_TITLE


def test_pdf_pages_are_joined_with_a_blank_line() -> None:
    pdf = build_pdf([["Nghị quyết số 12/2025/NQ-HĐND", "Điều 1."], ["Điều 2."]])

    assert extract_text(pdf, PDF) == "Nghị quyết số 12/2025/NQ-HĐND\nĐiều 1.\n\nĐiều 2."


def test_pdf_with_a_decomposed_text_layer_comes_out_nfc() -> None:
    text = extract_text(build_pdf(nfd=True), PDF)

    assert text == GAZETTE_TITLE
    assert unicodedata.is_normalized("NFC", text)


def test_docx_paragraphs_runs_tabs_and_breaks() -> None:
    body = (
        # Tab stops in paragraph properties are layout, not text.
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        + _run(_nfd("Công báo "))
        + _run(_nfd("Thành phố Hà Nội"))
        + "</w:p>"
        + "<w:p>"
        + _run("Số:")
        + "<w:r><w:tab/></w:r>"
        + _run("01/2025")
        + "</w:p>"
        + "<w:p>"
        + _run("Dòng một")
        + "<w:r><w:br/></w:r>"
        + _run("Dòng hai")
        + "</w:p>"
        + "<w:p/><w:p/><w:p/>"
        + "<w:tbl><w:tr><w:tc><w:p>"
        + _run("Ô   bảng\u00a0một")
        + "</w:p></w:tc></w:tr></w:tbl>"
        # Deleted text in tracked changes is not part of the document.
        + "<w:p><w:del><w:r><w:delText>đã xoá</w:delText></w:r></w:del>"
        + _run("Hết")
        + "</w:p>"
    )

    text = extract_text(build_docx(docx_document(body)), DOCX)

    assert text == ("Công báo Thành phố Hà Nội\nSố: 01/2025\nDòng một\nDòng hai\n\nÔ bảng một\nHết")
    assert unicodedata.is_normalized("NFC", text)


def test_media_type_parameters_and_case_are_ignored() -> None:
    assert extract_text(build_pdf(), "Application/PDF; name=congbao.pdf") == GAZETTE_TITLE


def test_output_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_text, "MAX_TEXT_CHARS", 1000)
    body = "".join(f"<w:p>{_run('Điều khoản ' * 20)}</w:p>" for _ in range(50))

    assert len(extract_text(build_docx(docx_document(body)), DOCX)) == 1000


@pytest.mark.parametrize("media_type", ["text/plain", "application/msword", "image/png", ""])
def test_unsupported_media_types_are_refused(media_type: str) -> None:
    with pytest.raises(UnsupportedDocumentType):
        extract_text(b"irrelevant", media_type)


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (b"PK\x03\x04 truncated zip", DOCX),
        (b"not a zip at all", DOCX),
        (b"%PDF-1.7\nnothing else", PDF),
        (b"", PDF),
    ],
    ids=["truncated-zip", "not-zip", "broken-pdf", "empty-pdf"],
)
def test_corrupt_files_are_unreadable(data: bytes, media_type: str) -> None:
    with pytest.raises(DocumentUnreadable):
        extract_text(data, media_type)


def test_zip_without_a_word_body_is_unreadable() -> None:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")

    with pytest.raises(DocumentUnreadable, match=r"document\.xml"):
        extract_text(out.getvalue(), DOCX)


def test_damaged_compressed_data_is_unreadable() -> None:
    body = "".join(f"<w:p>{_run('Quyết định số %d ' % i * 5)}</w:p>" for i in range(300))
    docx = build_docx(docx_document(body))
    # Overwrite bytes a little way into document.xml's compressed data; headers stay sound.
    at = docx.index(b"word/document.xml") + len(b"word/document.xml") + 40
    damaged = docx[:at] + b"\xff" * 50 + docx[at + 50 :]

    with pytest.raises(DocumentUnreadable):
        extract_text(damaged, DOCX)


def test_malformed_word_xml_is_unreadable() -> None:
    with pytest.raises(DocumentUnreadable):
        extract_text(build_docx("<w:document><w:body>"), DOCX)


def test_entity_declarations_are_refused() -> None:
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{"http://schemas.openxmlformats.org/wordprocessingml/2006/main"}">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )

    with pytest.raises(DocumentUnreadable, match="DOCTYPE"):
        extract_text(build_docx(xml), DOCX)


def test_oversized_word_body_is_refused_before_it_is_read() -> None:
    # ~60 MB of whitespace deflates to a few tens of kilobytes: a zip bomb in miniature.
    padding = b" " * (document_text.MAX_DOCX_XML_BYTES + 10 * 1024 * 1024)
    bomb = build_docx(docx_document("").encode().replace(b"<w:body>", b"<w:body>" + padding))
    assert len(bomb) < 1024 * 1024

    with pytest.raises(DocumentUnreadable, match="too large"):
        extract_text(bomb, DOCX)


def test_word_body_that_understates_its_size_is_unreadable() -> None:
    body = "".join(f"<w:p>{_run('Quyết định ' * 50)}</w:p>" for _ in range(200))
    lying = understate_size(build_docx(docx_document(body)), "word/document.xml", 100)

    with pytest.raises(DocumentUnreadable):
        extract_text(lying, DOCX)


def test_sha256_hex() -> None:
    data = build_pdf()
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    assert sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
