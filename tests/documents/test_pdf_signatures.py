"""Signature checks on gazette PDFs: sound, tampered, extended, unsigned and broken files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader, PdfWriter

from hub.services.pdf_signatures import PdfUnreadable, verify_pdf_signatures
from tests.documents.pdf_fixtures import (
    SIGNER_CN,
    SIGNER_O,
    append_content_update,
    build_pdf,
    gazette_identity,
    make_identity,
    sign_pdf,
    tamper_signed_content,
)


@pytest.fixture(scope="module")
def signed_pdf() -> bytes:
    return sign_pdf(build_pdf(), gazette_identity(), field_name="CongBao")


def test_signed_pdf_verifies_and_chains_to_the_given_root(signed_pdf: bytes) -> None:
    [report] = verify_pdf_signatures(signed_pdf, [gazette_identity().certificate])

    assert report.field_name == "CongBao"
    assert report.signer_name == SIGNER_CN
    assert report.signer_organisation == SIGNER_O
    assert report.intact and report.valid and report.covers_whole_file
    assert report.trusted
    assert report.problem is None
    assert report.signed_at is not None
    assert report.signed_at.tzinfo == UTC
    assert abs(datetime.now(UTC) - report.signed_at) < timedelta(hours=1)


def test_self_signed_signer_outside_the_roots_is_valid_but_untrusted(signed_pdf: bytes) -> None:
    [no_roots] = verify_pdf_signatures(signed_pdf)
    [other_root] = verify_pdf_signatures(signed_pdf, [make_identity("Khác").certificate])

    for report in (no_roots, other_root):
        assert report.valid and report.intact
        assert not report.trusted
        assert report.problem is None


def test_bytes_changed_inside_the_signed_range_are_a_digest_mismatch(signed_pdf: bytes) -> None:
    tampered = tamper_signed_content(signed_pdf)
    assert tampered != signed_pdf

    [report] = verify_pdf_signatures(tampered, [gazette_identity().certificate])

    assert not report.intact
    assert not report.valid
    assert report.problem == "digest mismatch"
    # Who signed is still shown, so an editor can see whose document was altered.
    assert report.signer_name == SIGNER_CN


def test_content_drawn_in_a_later_update_is_reported_as_modified(signed_pdf: bytes) -> None:
    modified = append_content_update(signed_pdf)
    assert modified.startswith(signed_pdf)

    [report] = verify_pdf_signatures(modified, [gazette_identity().certificate])

    # The signed revision itself is untouched; what follows it is not benign.
    assert report.intact
    assert not report.covers_whole_file
    assert not report.valid
    assert report.problem is not None and "modified" in report.problem


def test_a_second_signature_is_a_benign_update(signed_pdf: bytes) -> None:
    co_signer = make_identity("Sở Tư pháp Hà Nội", "UBND TP Hà Nội")
    both = sign_pdf(signed_pdf, co_signer, field_name="SoTuPhap")

    first, second = verify_pdf_signatures(
        both, [gazette_identity().certificate, co_signer.certificate]
    )

    assert (first.field_name, second.field_name) == ("CongBao", "SoTuPhap")
    assert first.valid and first.covers_whole_file and first.problem is None
    assert second.valid and second.covers_whole_file and second.trusted
    assert second.signer_name == "Sở Tư pháp Hà Nội"


def test_unsigned_pdf_has_no_signatures() -> None:
    assert verify_pdf_signatures(build_pdf()) == []


def test_owner_password_only_pdf_is_opened_with_the_empty_password() -> None:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(build_pdf())))
    writer.encrypt(user_password="", owner_password="chi-doc", algorithm="AES-256")
    out = BytesIO()
    writer.write(out)

    assert verify_pdf_signatures(out.getvalue()) == []


def test_unsupported_signature_format_is_reported_not_raised(signed_pdf: bytes) -> None:
    # Same length, so the file structure stays sound; only the SubFilter changes.
    relabelled = signed_pdf.replace(b"/adbe.pkcs7.detached", b"/adbe.x509.rsa_sha1 ", 1)
    assert relabelled != signed_pdf

    [report] = verify_pdf_signatures(relabelled)

    assert not report.valid
    assert report.problem == "unsupported signature format"


def test_garbled_signature_container_is_reported_not_raised(signed_pdf: bytes) -> None:
    start = signed_pdf.index(b"/Contents <") + len(b"/Contents <")
    garbled = signed_pdf[:start] + b"FF" * 64 + signed_pdf[start + 128 :]

    [report] = verify_pdf_signatures(garbled)

    assert not report.valid
    assert report.problem == "malformed signature"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"this is not a PDF at all",
        b"PK\x03\x04 a zip file pretending",
        b"%PDF-1.7\n%%EOF\n",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nstartxref\n999999\n%%EOF\n",
    ],
    ids=["empty", "text", "zip", "header-only", "broken-xref"],
)
def test_garbage_is_unreadable(data: bytes) -> None:
    with pytest.raises(PdfUnreadable):
        verify_pdf_signatures(data)


def test_truncated_signed_pdf_is_unreadable(signed_pdf: bytes) -> None:
    with pytest.raises(PdfUnreadable):
        verify_pdf_signatures(signed_pdf[: len(signed_pdf) // 2])
