"""Legacy Vietnamese encodings (TCVN3, VNI, Windows-1258) read back as Unicode NFC."""

from __future__ import annotations

import unicodedata

import pytest

from hub.text.legacy import CONVERTERS, TCVN3, VNI, decode_bytes, is_syllable, to_unicode

MOTTO = "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize(
    ("legacy", "encoding"),
    [
        # The national motto as government documents typed it for twenty years.
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam - §éc lËp - Tù do - H¹nh phóc", "tcvn3"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam - Ñoäc laäp - Töï do - Haïnh phuùc", "vni"),
        (
            b"C\xf4\xf2ng ho\xcca xa\xde h\xf4\xf2i chu\xd2 nghi\xdea Vi\xea\xf2t Nam - "
            b"\xd0\xf4\xf2c l\xe2\xf2p - T\xfd\xf2 do - Ha\xf2nh phu\xecc".decode("cp1252"),
            "windows-1258",
        ),
    ],
)
def test_each_legacy_encoding_is_detected_and_converted(legacy: str, encoding: str) -> None:
    converted = to_unicode(legacy)
    assert converted == type(converted)(MOTTO, encoding)
    assert unicodedata.is_normalized("NFC", converted.text)


def test_vni_capitals() -> None:
    assert to_unicode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM").text == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )


@pytest.mark.parametrize(
    "text",
    [
        MOTTO,
        "Tôi đi học. Hà Nội mùa thu.",
        "Café crème brûlée à la mode, résumé, naïve",
        "plain ASCII text",
        "",
    ],
)
def test_unicode_and_other_languages_stay_as_they_are(text: str) -> None:
    assert to_unicode(text) == type(to_unicode(text))(text, None)


def test_decomposed_unicode_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", MOTTO)
    assert to_unicode(decomposed).text == MOTTO


def test_every_table_entry_reads_back() -> None:
    read = CONVERTERS["tcvn3"]
    for byte, letter in TCVN3.items():
        raw = bytes([byte])
        assert read(raw.decode("latin-1")) == letter
        if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D):  # undefined in Windows-1252
            assert read(raw.decode("cp1252")) == letter
    assert len({v for v in TCVN3.values()}) == len(TCVN3)  # no letter twice
    read_vni = CONVERTERS["vni"]
    for spelling, letter in VNI.items():
        assert unicodedata.normalize("NFC", read_vni(spelling)) == letter
    # 67 letters with diacritics, in both cases, plus the VNI spelling of Ỵ by rule.
    assert len(set(VNI.values())) == 2 * 67


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("nghiêng", True),
        ("khuya", True),
        ("quốc", True),
        ("Trường", True),
        ("néi", False),
        ("hµ", False),
        ("aáo", False),
    ],
)
def test_syllables(word: str, valid: bool) -> None:
    assert is_syllable(word) is valid


def test_export_bytes_are_utf8_or_kept_byte_for_byte() -> None:
    assert decode_bytes("Hà Nội".encode()) == "Hà Nội"
    assert decode_bytes("\ufeffHà Nội".encode()) == "Hà Nội"
    assert to_unicode(decode_bytes(b"H\xb5 N\xe9i")).text == "Hà Nội"
