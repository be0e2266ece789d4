"""Verify the digital signatures embedded in a PDF (an electronic Công báo edition).

An electronic gazette issue is a digitally signed PDF (REGULATIONS §3, C4), so
before a file is published as "the gazette" we check what its signatures say:
who signed, when, whether the signed bytes are untouched, whether anything
but benign updates were appended afterwards, and whether the signer chains to
a root we were told to trust.

The work is done by pyHanko. Everything here is synchronous and offline: the
validation context never fetches OCSP responses, CRLs or certificates, so a
verdict depends only on the file and the trust roots passed in. pyHanko's API
is asynchronous underneath; we drive it on a private event loop, so call
``verify_pdf_signatures`` from a worker thread, never from inside a running
event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    async_validate_pdf_signature,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

# pyHanko logs a full traceback for ordinary verdicts (an untrusted signer, a
# change after signing); every verdict is returned in the report instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

__all__ = ["PdfUnreadable", "SignatureReport", "verify_pdf_signatures"]

# Updates pyHanko rates at or below this level leave a signature standing:
# a timestamp/DSS refresh, or filling a form field, which is how a second
# signature (a co-signer, the gazette office's own) gets added. Annotations are
# deliberately *not* benign: on an official gazette copy a sticky note or a
# stamp drawn over the page changes what the reader sees.
_BENIGN_LEVELS = frozenset(
    {ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING}
)

# What pyHanko, asn1crypto and the PDF parser raise on hostile or broken input.
# pyHanko's SignatureValidationError is a ValueError; asn1crypto raises ValueError,
# TypeError, KeyError or IndexError on malformed DER.
_MALFORMED = (PdfError, ValueError, TypeError, KeyError, IndexError, OverflowError)

# Sort key for signatures whose revision is unknown (they could not be parsed).
_LAST = 1 << 62

# The CMS-based formats pyHanko validates (document timestamps are filtered out
# before this is consulted).
_SUPPORTED_SUBFILTERS = frozenset(
    str(kind.value)
    for kind in (
        SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
        SigSeedSubFilter.PADES,
        SigSeedSubFilter.PBAD_PADES,
    )
)

# Government signing certificates carry nonRepudiation, digitalSignature or
# both; pyHanko's default demands nonRepudiation alone, which would mark
# otherwise sound certificates untrusted.
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"non_repudiation", "digital_signature"}, match_all_key_usages=False
)


class PdfUnreadable(ValueError):
    """The bytes are not a PDF, or the PDF is too damaged to look for signatures."""


@dataclass(frozen=True)
class SignatureReport:
    """What one signature in a PDF says about the file.

    ``valid`` is our bottom line for "the signed document is what the signer
    signed": the signed bytes hash to the signed digest (``intact``), the
    cryptographic signature verifies, and nothing but benign updates (another
    signature, timestamps, validation data) were appended after it.
    ``covers_whole_file`` is the last part on its own: True when the signature
    covers every byte or only benign updates follow it. ``trusted`` is about the
    certificate only: it chains to one of the trust roots given; a self-signed
    certificate that was not given as a root is untrusted yet may be valid.
    ``problem`` is a short machine-ish reason whenever ``valid`` is False.
    """

    field_name: str
    signer_name: str
    signer_organisation: str | None
    signed_at: datetime | None
    intact: bool
    valid: bool
    covers_whole_file: bool
    trusted: bool
    problem: str | None


def verify_pdf_signatures(
    data: bytes, trust_roots: Sequence[x509.Certificate] = ()
) -> list[SignatureReport]:
    """Report on every signature (``/Sig``) in a PDF, in signing order.

    ``trust_roots`` are the certificates a signer must chain to for
    ``trusted``; the operating system's store is never consulted and nothing is
    fetched from the network, so revocation is not checked, and trust is
    judged at the current time (an expired signer certificate reads
    untrusted, though the signature stays valid). Returns ``[]`` for a PDF without signatures;
    raises ``PdfUnreadable`` when ``data`` is not a readable PDF. Document
    timestamps (``/DocTimeStamp``) are not signatures of a person and are left
    out. Synchronous and pure: run it in a worker thread.
    """
    reader = _open(data)
    roots = [asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)) for cert in trust_roots]
    try:
        fields = [
            (str(name), field)
            for name, _value, field in enumerate_sig_fields(reader, filled_status=True)
        ]
    except _MALFORMED as exc:
        raise PdfUnreadable(f"cannot read the PDF's signature fields: {exc}") from exc

    # A private loop (not asyncio.run) so we never touch the thread's current
    # event loop, which a caller or test harness may own.
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
        return runner.run(_verify_all(reader, fields, roots))


def _open(data: bytes) -> PdfFileReader:
    """Parse the file strictly: validation must not paper over a damaged structure."""
    # Readers accept a header anywhere in the first kilobyte (some producers
    # prepend junk); anything else is not worth handing to the parser.
    if b"%PDF-" not in data[:1024]:
        raise PdfUnreadable("not a PDF: no %PDF- header at the start of the file")
    try:
        reader = PdfFileReader(BytesIO(data), strict=True)
        # Many government PDFs carry only an owner password (to stop copying);
        # the empty user password opens those.
        locked = reader.encrypted and reader.decrypt(b"").status == AuthStatus.FAILED
        _ = reader.root
    except _MALFORMED as exc:
        raise PdfUnreadable(f"corrupt PDF: {exc}") from exc
    if locked:
        raise PdfUnreadable("the PDF is encrypted and needs a password")
    return reader


async def _verify_all(
    reader: PdfFileReader,
    fields: list[tuple[str, Any]],
    roots: list[asn1_x509.Certificate],
) -> list[SignatureReport]:
    ordered: list[tuple[int, SignatureReport]] = []
    for name, field in fields:
        try:
            sig_object = field.get_object()["/V"].get_object()
            if sig_object.get("/Type", "/Sig") != "/Sig":
                continue
            if sig_object.get("/SubFilter") not in _SUPPORTED_SUBFILTERS:
                # e.g. adbe.x509.rsa_sha1: a bare PKCS#1 signature pyHanko cannot check.
                ordered.append((_LAST, _broken(name, "unsupported signature format")))
                continue
            embedded = EmbeddedPdfSignature(reader, field, name)
        except _MALFORMED:
            ordered.append((_LAST, _broken(name, "malformed signature")))
            continue
        ordered.append((embedded.signed_revision, await _verify_one(embedded, roots)))
    # Signing order is revision order; a signature we could not even parse
    # goes last rather than failing the whole file.
    ordered.sort(key=lambda item: item[0])
    return [report for _revision, report in ordered]


async def _verify_one(
    embedded: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate]
) -> SignatureReport:
    # A fresh context per signature: a context collects the certificates each
    # signature embeds, and one signer's chain must not borrow another's.
    # An empty list (not None) keeps pyHanko off the operating system's store.
    context = ValidationContext(trust_roots=list(roots), allow_fetching=False)
    name = embedded.field_name
    try:
        status = await async_validate_pdf_signature(
            embedded, signer_validation_context=context, key_usage_settings=_KEY_USAGE
        )
    except _MALFORMED:
        return _broken(name, "malformed signature")
    return _report(name, status)


def _report(name: str, status: PdfSignatureStatus) -> SignatureReport:
    covers = _nothing_but_benign_after(status)
    if not status.intact:
        problem: str | None = "digest mismatch"
    elif not status.valid:
        problem = "signature does not verify"
    elif status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        problem = "signature does not cover its revision"
    elif not covers:
        problem = "modified after signing"
    else:
        problem = None
    signer_name, organisation = _subject(status.signing_cert)
    return SignatureReport(
        field_name=name,
        signer_name=signer_name,
        signer_organisation=organisation,
        signed_at=_signing_time(status),
        intact=status.intact,
        valid=problem is None,
        covers_whole_file=covers,
        # Certificate-level only: pyHanko's own ``trusted`` also requires an
        # intact digest, which would hide *who* signed a tampered file.
        trusted=status.trust_problem_indic is None and status.validation_path is not None,
        problem=problem,
    )


def _nothing_but_benign_after(status: PdfSignatureStatus) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    # docmdp_ok is False when a certifying signature forbade even these levels.
    return status.modification_level in _BENIGN_LEVELS and status.docmdp_ok is not False


def _signing_time(status: PdfSignatureStatus) -> datetime | None:
    # An intact, verifying timestamp token is attested time; prefer it over the
    # signer's own clock (the signing-time attribute or the /M entry).
    token = status.timestamp_validity
    moment = (
        token.timestamp
        if token is not None and token.intact and token.valid
        else status.signer_reported_dt
    )
    if moment is None:
        return None
    if moment.tzinfo is None:
        # PDF dates without an offset are, by convention, UTC.
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _subject(cert: asn1_x509.Certificate) -> tuple[str, str | None]:
    """(common name, organisation) of a certificate subject; asn1crypto is lenient with odd DER."""
    subject = cert.subject
    native = subject.native
    common_name = _first(native.get("common_name"))
    organisation = _first(native.get("organization_name"))
    return common_name or subject.human_friendly, organisation


def _first(value: object) -> str | None:
    # A name attribute may repeat, in which case asn1crypto gives a list.
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value else None


def _broken(name: str, problem: str) -> SignatureReport:
    return SignatureReport(
        field_name=name,
        signer_name="",
        signer_organisation=None,
        signed_at=None,
        intact=False,
        valid=False,
        covers_whole_file=False,
        trusted=False,
        problem=problem,
    )
