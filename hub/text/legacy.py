"""Vietnamese text in legacy encodings: detect it and convert it to Unicode NFC.

Old portals wrote Vietnamese in 8-bit font encodings long after Unicode came:

- **TCVN3 (ABC)**, fonts ``.VnTime``/``.VnTimeH``: one byte per letter
  (``"Hµ Néi"`` is "Hà Nội" read as Latin-1);
- **VNI** (VNI-Windows), fonts ``VNI-Times``: a base letter followed by one
  mark byte (``"Haø Noäi"``);
- **Windows-1258**: precomposed base letters with *combining* tone marks,
  often read back as Windows-1252 (``"Ha\u0300 Nô\u0323i"`` once decoded right).

Exports hand the importers these bytes already decoded as Latin-1 or
Windows-1252, so every conversion here works on such text: each character is
taken back to its byte and the byte is read in the legacy table. Which table
applies is decided by what the result *reads as*: the candidate whose words
are the most valid Vietnamese syllables wins, and only when it beats the text
as given. Correct Unicode text stays as it is, because it already reads best.

No maintained library on PyPI does this (searched for TCVN, VNI, Vietnamese
encodings), hence the tables below, checked by ``tests/text/test_legacy.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# --- TCVN3 (TCVN 5712:1993, VN3): byte → letter -----------------------------------

_TCVN3_LOWER = {
    0xB8: "á", 0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB9: "ạ",
    0xA8: "ă", 0xBE: "ắ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xC6: "ặ",
    0xA9: "â", 0xCA: "ấ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCB: "ậ",
    0xAE: "đ",
    0xD0: "é", 0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD1: "ẹ",
    0xAA: "ê", 0xD5: "ế", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD6: "ệ",
    0xDD: "í", 0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDE: "ị",
    0xE3: "ó", 0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE4: "ọ",
    0xAB: "ô", 0xE8: "ố", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE9: "ộ",
    0xAC: "ơ", 0xED: "ớ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xEE: "ợ",
    0xF3: "ú", 0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF4: "ụ",
    0xAD: "ư", 0xF8: "ứ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF9: "ự",
    0xFD: "ý", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFE: "ỵ",
}  # fmt: skip
# Capitals: the seven base letters, and the toned capitals that have codes of their
# own. Most capitals were typed with the lower-case codes in the ".VnTimeH" font,
# which draws them as capitals; those come out in lower case (see docs/migration.md).
_TCVN3_UPPER = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0x80: "À", 0x82: "Ã", 0x83: "Á", 0x84: "Ạ",
    0xC0: "Ắ", 0xAF: "Ằ", 0xBA: "Ẳ", 0xBF: "Ẵ", 0x85: "Ặ",
    0xC4: "Ấ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0x86: "Ậ",
    0x8A: "É", 0x87: "È", 0x88: "Ẻ", 0x89: "Ẽ", 0x8B: "Ẹ",
    0xDA: "Ế", 0xC5: "Ề", 0xCD: "Ể", 0xD9: "Ễ", 0x8C: "Ệ",
    0x95: "Ó", 0x92: "Ò", 0x93: "Ỏ", 0x94: "Õ", 0x96: "Ọ",
    0xFF: "Ố", 0xDB: "Ồ", 0xE0: "Ổ", 0xF0: "Ỗ", 0x97: "Ộ",
    0x9B: "Ớ", 0x98: "Ờ", 0x99: "Ở", 0x9A: "Ỡ", 0x9C: "Ợ",
    0x9F: "Ũ", 0x91: "Ị",
}  # fmt: skip
TCVN3 = {**_TCVN3_LOWER, **_TCVN3_UPPER}

# --- VNI-Windows: base letter + mark byte(s) → letter ---------------------------------

# The mark bytes for capitals; lower-case letters use the Latin-1 lower case of each.
_TONES = {"\u0301": "Ù", "\u0300": "Ø", "\u0309": "Û", "\u0303": "Õ", "\u0323": "Ï"}
_CIRCUMFLEX_TONES = {"\u0301": "Á", "\u0300": "À", "\u0309": "Å", "\u0303": "Ã", "\u0323": "Ä"}
_BREVE_TONES = {"\u0301": "É", "\u0300": "È", "\u0309": "Ú", "\u0303": "Ü", "\u0323": "Ë"}
_I_TONES = {"\u0301": "Í", "\u0300": "Ì", "\u0309": "Æ", "\u0303": "Ó", "\u0323": "Ò"}


def _vni_table() -> dict[str, str]:
    """VNI spelling → letter, capitals and lower case, built from the mark rules."""
    upper: dict[str, str] = {"Ñ": "Đ", "Ô": "Ơ", "Ö": "Ư", "AÂ": "Â", "AÊ": "Ă", "EÂ": "Ê"}
    upper["OÂ"] = "Ô"
    for base in "AEOUY":
        for mark, code in _TONES.items():
            upper[base + code] = base + mark
    for base, spelled in (("Â", "A"), ("Ê", "E"), ("Ô", "O")):
        for mark, code in _CIRCUMFLEX_TONES.items():
            upper[spelled + code] = base + mark
    for mark, code in _BREVE_TONES.items():
        upper["A" + code] = "Ă" + mark
    for base, spelled in (("Ơ", "Ô"), ("Ư", "Ö")):
        for mark, code in _TONES.items():
            upper[spelled + code] = base + mark
    for mark, code in _I_TONES.items():
        upper[code] = "I" + mark
    upper["Î"] = "Ỵ"  # VNI's own code; "YÏ" (the rule) is read too
    table = {k: unicodedata.normalize("NFC", v) for k, v in upper.items()}
    table |= {k.lower(): v.lower() for k, v in table.items()}
    return table


VNI = _vni_table()
_VNI_LONGEST = max(len(k) for k in VNI)

# --- back to bytes ---------------------------------------------------------------------

# Windows-1252 puts printable characters at 0x80–0x9F; Latin-1 puts controls there.
# Exports use either, so both read back to the byte.
_CP1252_BYTE = {
    bytes([b]).decode("cp1252"): b
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _by_byte(letters: dict[int, str]) -> dict[int, str]:
    """A ``str.translate`` table: each byte's Latin-1 and Windows-1252 character → letter."""
    table = {}
    for byte, letter in letters.items():
        table[byte] = letter
        special = _BYTE_CP1252.get(byte)
        if special is not None:
            table[ord(special)] = letter
    return table


_BYTE_CP1252 = {b: ch for ch, b in _CP1252_BYTE.items()}
_TCVN3_TABLE = _by_byte({b: letter for b, letter in TCVN3.items() if b >= 0x80})
_TO_LATIN = _by_byte({b: chr(b) for b in range(0x80, 0xA0)})
_CP1258_TABLE = _by_byte({b: bytes([b]).decode("cp1258", "replace") for b in range(0x80, 0x100)})
_VNI_SPELLING = re.compile("|".join(re.escape(k) for k in sorted(VNI, key=len, reverse=True)))


def _from_tcvn3(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


def _from_vni(text: str) -> str:
    # VNI's marks are the Latin-1 letters of its bytes: read the bytes back first.
    latin = text.translate(_TO_LATIN)
    out, last = [], 0
    for match in _VNI_SPELLING.finditer(latin):
        out.append(text[last : match.start()])
        out.append(VNI[match.group(0)])
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _from_cp1258(text: str) -> str:
    return text.translate(_CP1258_TABLE)


CONVERTERS: dict[str, Callable[[str], str]] = {
    "tcvn3": _from_tcvn3,
    "vni": _from_vni,
    "windows-1258": _from_cp1258,
}

# --- reading like Vietnamese -----------------------------------------------------------

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx]"
_NUCLEUS = (
    "uyê|uya|uyu|iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|"
    "ưa|ưi|ưu|ươ|yê|[aăâeêioôơuưy]"
)
_SYLLABLE = re.compile(rf"(?:{_ONSET})?(?:{_NUCLEUS})(?:ch|ng|nh|[cmnpt])?")
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
# A "word" for scoring: a run of anything but ASCII separators and digits.
_WORD = re.compile(r"[^\x00-\x40\x5b-\x60\x7b-\x7f]+")
_TAG = re.compile(r"<[^>]*>")
# Vietnamese letters beyond Latin-1 (ă đ ĩ ũ ơ ư and the tone-marked ones).
_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)


def is_syllable(word: str) -> bool:
    """Whether ``word`` is one Vietnamese syllable (at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    toneless = decomposed.translate(_TONE_MARKS)
    if len(decomposed) - len(toneless) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", toneless)) is not None


SAMPLE_WORDS = 200  # enough to tell the readings apart; a long body is not read whole


def vietnamese_score(text: str) -> int:
    """Valid minus invalid syllables among the first words that are not plain ASCII."""
    score = seen = 0
    for match in _WORD.finditer(_TAG.sub(" ", text)):
        word = match.group(0)
        if word.isascii():
            continue
        score += 1 if is_syllable(word) else -1
        seen += 1
        if seen == SAMPLE_WORDS:
            break
    return score


@dataclass(frozen=True)
class Converted:
    """Text in Unicode NFC, and the legacy encoding it was read from (``None``: none)."""

    text: str
    encoding: str | None


def to_unicode(text: str) -> Converted:
    """Detect TCVN3, VNI or Windows-1258 in ``text`` and convert it to Unicode NFC.

    Text that is not plain ASCII is read with each table; the reading with the
    most valid Vietnamese syllables wins if it beats the text as given.
    """
    if text.isascii():
        return Converted(text, None)
    given = unicodedata.normalize("NFC", text)
    if _UNICODE_ONLY.search(given):
        # Letters no legacy byte reading produces: this is Unicode Vietnamese already.
        return Converted(given, None)
    best, best_score, best_name = given, vietnamese_score(given), None
    for name, convert in CONVERTERS.items():
        candidate = unicodedata.normalize("NFC", convert(text))
        if candidate == given:
            continue
        score = vietnamese_score(candidate)
        if score > best_score:
            best, best_score, best_name = candidate, score, name
    return Converted(best, best_name)


def decode_bytes(data: bytes) -> str:
    """Bytes of an export: UTF-8 when they are, else Latin-1, which keeps every byte.

    Legacy text is converted later, value by value (:func:`to_unicode`): one
    export often mixes Unicode items with TCVN3 or VNI ones.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")
