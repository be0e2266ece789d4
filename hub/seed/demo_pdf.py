"""A small signed PDF for the demo gazette (and the tests): built by hand, signed with pyHanko.

The PDF is written by hand so its bytes are predictable (an uncompressed
content stream). pyHanko cannot embed a TrueType font here (that needs
fontTools, which the hub does not depend on), so Vietnamese letters use the
standard Helvetica font with a custom encoding and a ``/ToUnicode`` map: text
extraction sees real Vietnamese, though a viewer draws letters outside
WinAnsi as blanks. The signing identity is a self-signed certificate made on
the spot: good for a demo, never for a real gazette (which is signed with a
certificate of the Government's certification authority).
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

GAZETTE_TITLE = "Công báo Thành phố Hà Nội số 1"
SIGNER_CN = "Văn phòng UBND Thành phố Hà Nội"
SIGNER_O = "UBND TP Hà Nội"


def build_pdf(pages: Sequence[Sequence[str]] = ((GAZETTE_TITLE,),), *, nfd: bool = False) -> bytes:
    """A minimal PDF, one list of text lines per page, in Helvetica (font ``/F1``).

    With ``nfd`` the text layer maps letters to *decomposed* Unicode, as some
    PDF producers do, to prove extraction normalises to NFC.
    """
    codes = _FontCodes.for_text("".join("".join(lines) for lines in pages))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the page object numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding"
        b" /BaseEncoding /WinAnsiEncoding /Differences ["
        + codes.differences()
        + b"] >> /ToUnicode 4 0 R >>",
        _stream(codes.to_unicode_cmap(nfd=nfd)),
    ]
    kids = []
    for lines in pages:
        content = b"BT /F1 14 Tf 16 TL 72 770 Td "
        content += b" ".join(
            b"<" + codes.encode(line).hex().upper().encode() + b"> '" for line in lines
        )
        content += b" ET"
        page_number = len(objects) + 1
        kids.append(f"{page_number} 0 R".encode())
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R"
            + f" >> >> /Contents {page_number + 1} 0 R >>".encode()
        )
        objects.append(_stream(content))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + f"] /Count {len(kids)} >>".encode()
    return _assemble(objects)


@dataclass(frozen=True)
class _FontCodes:
    """Single-byte codes for the text: ASCII as itself, other letters from 0x80 up."""

    extra: dict[str, int]

    @classmethod
    def for_text(cls, text: str) -> _FontCodes:
        letters = sorted({c for c in unicodedata.normalize("NFC", text) if ord(c) > 0x7E})
        if len(letters) > 128:
            raise ValueError("too many distinct non-ASCII letters for one simple font")
        return cls({letter: 0x80 + i for i, letter in enumerate(letters)})

    def encode(self, line: str) -> bytes:
        return bytes(self.extra.get(c, ord(c)) for c in unicodedata.normalize("NFC", line))

    def differences(self) -> bytes:
        if not self.extra:
            return b""
        names = " ".join(f"/uni{ord(c):04X}" for c in self.extra)
        return f"128 {names}".encode()

    def to_unicode_cmap(self, *, nfd: bool) -> bytes:
        pairs = [(code, chr(code)) for code in range(0x20, 0x7F)]
        pairs += [(code, letter) for letter, code in self.extra.items()]
        form = "NFD" if nfd else "NFC"
        entries = "\n".join(
            f"<{code:02X}> <{unicodedata.normalize(form, text).encode('utf-16-be').hex().upper()}>"
            for code, text in pairs
        )
        return (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(pairs)} beginbfchar\n{entries}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode()


def _stream(content: bytes) -> bytes:
    return f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    # pyHanko wants a document /ID when it signs; any fixed pair will do.
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R"
        f" /ID [<{'ab' * 16}> <{'ab' * 16}>] >>\nstartxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(out)


@dataclass(frozen=True)
class SigningIdentity:
    """A key and its self-signed certificate, in both libraries' types."""

    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey

    def signer(self) -> signers.SimpleSigner:
        """A pyHanko signer for this identity."""
        cert = asn1_x509.Certificate.load(self.certificate.public_bytes(serialization.Encoding.DER))
        key = asn1_keys.PrivateKeyInfo.load(
            self.private_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return signers.SimpleSigner(
            signing_cert=cert,
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs([cert]),
        )


def make_identity(common_name: str = SIGNER_CN, organisation: str = SIGNER_O) -> SigningIdentity:
    """A fresh RSA key with a self-signed signing certificate (CN and O as given)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(certificate=certificate, private_key=key)


def sign_pdf(data: bytes, identity: SigningIdentity, field_name: str = "Signature1") -> bytes:
    """Sign ``data`` in an incremental update with a new invisible signature field."""
    writer = IncrementalPdfFileWriter(BytesIO(data))
    meta = signers.PdfSignatureMetadata(field_name=field_name)
    # Our own loop, not asyncio.run: callers may be inside a running loop (use a thread).
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
        out = runner.run(signers.async_sign_pdf(writer, meta, signer=identity.signer()))
    return bytes(out.getvalue())
