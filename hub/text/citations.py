"""Find references to legal documents (their "số ký hiệu") in Vietnamese text.

``find_citations("… Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 …")`` gives one
:class:`Citation` with the canonical number ``42/2022/NĐ-CP``, the type
``DocumentType.NGHI_DINH``, the issue date and the span in the text it came from.

Two spellings of a number exist on purpose:

* :func:`normalise_number` — the canonical form stored and shown (NFC, symbol
  upper case with its Vietnamese letters kept, ``QĐ-TTg`` keeps its ``g``);
* :func:`number_key` — the folded key every lookup compares (``42/2022/nd-cp``).

Matching runs on an NFC copy of the text, but offsets always index the string
the caller passed in, so ``text[c.start:c.end] == c.text`` even for NFD input.
Pure functions: no database, no I/O; every pattern is compiled once at import.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from hub.text.folding import fold, nfc

__all__ = [
    "Citation",
    "DocumentType",
    "find_citations",
    "is_document_number",
    "normalise_number",
    "number_key",
    "type_from_number",
    "unique_numbers",
]


class DocumentType(StrEnum):
    """Kinds of document a number can belong to; the values are stable storage codes."""

    HIEN_PHAP = "hien_phap"
    BO_LUAT = "bo_luat"
    LUAT = "luat"
    PHAP_LENH = "phap_lenh"
    LENH = "lenh"
    NGHI_QUYET = "nghi_quyet"
    NGHI_QUYET_LIEN_TICH = "nghi_quyet_lien_tich"
    NGHI_DINH = "nghi_dinh"
    QUYET_DINH = "quyet_dinh"
    THONG_TU = "thong_tu"
    THONG_TU_LIEN_TICH = "thong_tu_lien_tich"
    CHI_THI = "chi_thi"
    CONG_VAN = "cong_van"
    CONG_DIEN = "cong_dien"
    KE_HOACH = "ke_hoach"
    THONG_BAO = "thong_bao"
    BAO_CAO = "bao_cao"
    TO_TRINH = "to_trinh"
    HUONG_DAN = "huong_dan"
    QUY_CHE = "quy_che"
    QUY_DINH = "quy_dinh"
    CHUONG_TRINH = "chuong_trinh"
    DE_AN = "de_an"
    VAN_BAN_HOP_NHAT = "van_ban_hop_nhat"

    @property
    def name_vi(self) -> str:
        """Vietnamese display name ("Nghị định")."""
        return _INFO[self].vi

    @property
    def name_en(self) -> str:
        """English display name ("Decree")."""
        return _INFO[self].en

    @property
    def normative(self) -> bool:
        """Whether documents of this type can be legal normative documents (VBQPPL)."""
        return _INFO[self].normative

    @property
    def codes(self) -> tuple[str, ...]:
        """Type codes that open the symbol part of such numbers (``NĐ`` in ``NĐ-CP``)."""
        return _INFO[self].codes


class _TypeInfo(NamedTuple):
    vi: str
    en: str
    normative: bool
    codes: tuple[str, ...]
    # English words that name the type in English pages ("Decree No. …").
    en_words: tuple[str, ...]


_T = DocumentType
# Normative kinds follow Law 64/2025 Art. 4; type codes follow the naming
# appendix of Decree 30/2020 (administrative documents) and the VBQPPL practice.
# Laws, codes and ordinances have no code: their symbol is the assembly (QH15).
_INFO: dict[DocumentType, _TypeInfo] = {
    _T.HIEN_PHAP: _TypeInfo("Hiến pháp", "Constitution", True, (), ("Constitution",)),
    _T.BO_LUAT: _TypeInfo("Bộ luật", "Code", True, (), ("Code",)),
    _T.LUAT: _TypeInfo("Luật", "Law", True, (), ("Law",)),
    _T.PHAP_LENH: _TypeInfo("Pháp lệnh", "Ordinance", True, (), ("Ordinance",)),
    _T.LENH: _TypeInfo("Lệnh", "Order", True, ("L",), ("Order",)),
    _T.NGHI_QUYET: _TypeInfo("Nghị quyết", "Resolution", True, ("NQ",), ("Resolution",)),
    _T.NGHI_QUYET_LIEN_TICH: _TypeInfo(
        "Nghị quyết liên tịch", "Joint Resolution", True, ("NQLT",), ("Joint Resolution",)
    ),
    _T.NGHI_DINH: _TypeInfo("Nghị định", "Decree", True, ("NĐ",), ("Decree",)),
    _T.QUYET_DINH: _TypeInfo("Quyết định", "Decision", True, ("QĐ",), ("Decision",)),
    _T.THONG_TU: _TypeInfo("Thông tư", "Circular", True, ("TT",), ("Circular",)),
    _T.THONG_TU_LIEN_TICH: _TypeInfo(
        "Thông tư liên tịch", "Joint Circular", True, ("TTLT",), ("Joint Circular",)
    ),
    _T.CHI_THI: _TypeInfo("Chỉ thị", "Directive", False, ("CT",), ("Directive",)),
    _T.CONG_VAN: _TypeInfo(
        "Công văn", "Official Letter", False, ("CV",), ("Official Letter", "Official Dispatch")
    ),
    _T.CONG_DIEN: _TypeInfo(
        "Công điện", "Official Telegram", False, ("CĐ",), ("Official Telegram",)
    ),
    _T.KE_HOACH: _TypeInfo("Kế hoạch", "Plan", False, ("KH",), ("Plan",)),
    _T.THONG_BAO: _TypeInfo("Thông báo", "Notice", False, ("TB",), ("Notice",)),
    _T.BAO_CAO: _TypeInfo("Báo cáo", "Report", False, ("BC",), ("Report",)),
    _T.TO_TRINH: _TypeInfo("Tờ trình", "Submission", False, ("TTr",), ("Submission",)),
    _T.HUONG_DAN: _TypeInfo("Hướng dẫn", "Guidance", False, ("HD",), ("Guidance", "Guideline")),
    _T.QUY_CHE: _TypeInfo("Quy chế", "Rules", False, ("QC",), ("Rules",)),
    _T.QUY_DINH: _TypeInfo("Quy định", "Regulation", False, ("QyĐ",), ("Regulation",)),
    _T.CHUONG_TRINH: _TypeInfo(
        "Chương trình", "Programme", False, ("CTr",), ("Programme", "Program")
    ),
    _T.DE_AN: _TypeInfo("Đề án", "Scheme", False, ("ĐA",), ("Scheme",)),
    _T.VAN_BAN_HOP_NHAT: _TypeInfo(
        "Văn bản hợp nhất",
        "Consolidated Document",
        False,
        ("VBHN",),
        ("Consolidated Document", "Consolidated Text"),
    ),
}

# Upper-case type code, with and without diacritics → type ("NĐ", "ND" → NGHI_DINH).
# Hợp đồng (HĐ) and Dự án (DA) are left out on purpose: they would collide with
# HD and ĐA once diacritics are dropped.
_CODE_TYPES: dict[str, DocumentType] = {
    spelling: doc_type
    for doc_type, info in _INFO.items()
    for code in info.codes
    for spelling in (code.upper(), fold(code).upper())
}
# Types whose name sits between the type word and the number
# ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15").
_TITLED_TYPES = frozenset({_T.LUAT, _T.BO_LUAT, _T.PHAP_LENH})
# Mixed-case segments kept as written officially (Thủ tướng, Tờ trình, …).
_MIXED_CASE = {"TTG": "TTg", "TTR": "TTr", "CTR": "CTr", "QYĐ": "QyĐ"}


@dataclass(frozen=True, slots=True)
class Citation:
    """One reference to a document found in a text.

    ``start``/``end`` index the string given to :func:`find_citations` and
    ``text`` is that slice: the type words, the number and its date clause
    ("Nghị định số 42/2022/NĐ-CP ngày 24/6/2022"), or just the number when no
    type word precedes it.
    """

    number: str
    doc_type: DocumentType | None
    issued_on: date | None
    start: int
    end: int
    text: str

    @property
    def number_key(self) -> str:
        """The folded lookup key of :attr:`number` (see :func:`number_key`)."""
        return number_key(self.number)


# --- character classes -----------------------------------------------------

_LATIN = [chr(c) for c in (*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))]
_UPPER = "".join(c for c in _LATIN if c.isalpha() and c.isupper())
_LOWER = "".join(c for c in _LATIN if c.isalpha() and c.islower())


def _fold_classes() -> dict[str, str]:
    classes: dict[str, set[str]] = {}
    for c in _LATIN:
        base = fold(c)
        if len(base) == 1 and "a" <= base <= "z":
            classes.setdefault(base, set()).update({c, c.lower(), c.upper()})
    # Legacy converters write the Icelandic eth (Ð, U+00D0) for Đ.
    classes["d"].update("Ðð")
    return {k: "".join(sorted(v)) for k, v in classes.items()}


_FOLD_CLASSES = _fold_classes()


def _loose(phrase: str) -> str:
    """A pattern for ``phrase`` with or without diacritics, any spacing between words."""
    words = [
        "".join(f"[{_FOLD_CLASSES[c]}]" if c in _FOLD_CLASSES else re.escape(c) for c in word)
        for word in fold(phrase).split()
    ]
    return r"\s+".join(words)


_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"


def _type_words_pattern(types: Iterable[DocumentType], *, reverse: bool = False) -> str:
    """Alternatives for the type words of ``types``; ``reverse`` spells them backwards.

    The reversed form is matched against the reversed text before a number,
    so finding the type word right before it is one anchored match.
    """
    alternatives: list[str] = []
    for doc_type in types:
        info = _INFO[doc_type]
        for word in (info.vi, *info.en_words):
            folded = " ".join(fold(word).split())
            pattern = _loose(folded[::-1] if reverse else folded)
            if doc_type is _T.LUAT and word == info.vi:
                # "pháp luật" (law in general) is not the type word "Luật".
                pattern = pattern + r"(?!\sp\whp)" if reverse else r"(?<!ph\wp\s)" + pattern
            alternatives.append(pattern)
    # Longest first, so "Thông tư liên tịch" is not read as "Thông tư".
    alternatives.sort(key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + ")"


_ALL_TYPE_WORDS = _type_words_pattern(DocumentType) + _NOT_LETTER_AFTER
_CONNECTOR = r"(?:số|so|nos?|number)" + _NOT_LETTER_AFTER + r"\.?(?:\s*[:.])?"
_TYPE_BY_WORD: dict[str, DocumentType] = {
    fold(word): doc_type for doc_type, info in _INFO.items() for word in (info.vi, *info.en_words)
}

# --- patterns ---------------------------------------------------------------

_U = f"[{_UPPER}]"
_UD = f"[{_UPPER}0-9]"
_HYPHEN = "-‐‑–—−"
_SLASH = "/⁄∕／"
_HY = r"\-‐‑–—−"  # _HYPHEN for use inside [...]
# A symbol segment: upper-case initial, letters and digits, at most one
# lower-case letter (TTg, CTr) so an ordinary capitalised word is never eaten.
_SEG = rf"{_U}{_UD}*+(?:[{_LOWER}]{_UD}*+)?"
_NUMBER_RE = re.compile(
    rf"""
    (?<![\w.{_SLASH}{_HY}])(?<!\d:)          # not inside a longer token or a QCVN 01:2021
    (?P<serial>\d{{1,6}})
    [ \t]*[{_SLASH}][ \t]*
    (?:(?P<year>(?:19|20)\d\d)[ \t]*[{_SLASH}][ \t]*)?
    (?P<symbol>(?>
        {_SEG}
        (?:[{_HY}]{_SEG}
          | [ \t]*[{_HY}][ \t]*{_U}{_UD}*+(?!\w)   # "NĐ - CP" but not "NĐ-CP - Cổng"
        )*
    ))
    (?![\w{_SLASH}])
    """,
    re.VERBOSE,
)
# Read backwards from a number: "<spaces>[số|No.][:]<spaces>[type words]", i.e.
# "Nghị định số:", "các Thông tư", "Decree No." reversed. Always matches.
_PREFIX_REVERSED_RE = re.compile(
    rf"""\s*
    (?:(?P<conn>(?:[:.]\s*)?\.?{_NOT_LETTER_BEFORE}(?:ốs|os|s?on|rebmun){_NOT_LETTER_AFTER})\s*)?
    (?:{_NOT_LETTER_BEFORE}(?P<type>{_type_words_pattern(DocumentType, reverse=True)})
        {_NOT_LETTER_AFTER})?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TITLE_WORD = r"[^\W_]+(?:-[^\W_]+)*"
# A law named between its type word and "số"; the name may not contain another type word.
_TITLED_RE = re.compile(
    rf"""{_NOT_LETTER_BEFORE}(?P<type>{_type_words_pattern(_TITLED_TYPES)}){_NOT_LETTER_AFTER}
    (?:\s+(?!{_ALL_TYPE_WORDS}){_TITLE_WORD}){{1,15}}
    \s+{_CONNECTOR}\s*\Z""",
    re.IGNORECASE | re.VERBOSE,
)
# What may sit between two numbers of one list: "42/2022/NĐ-CP và (số) 43/2022/NĐ-CP".
_LIST_GAP_RE = re.compile(
    rf"\s*(?:[,;&]|{_loose('và')}|{_loose('hoặc')}|and|or)?\s*(?:{_CONNECTOR}\s*)?",
    re.IGNORECASE,
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_RE = re.compile(
    rf"""
    [ \t]*,?\s*(?:{_loose("ngày")}|dated|issued\s+on){_NOT_LETTER_AFTER}\s*:?\s*
    (?:
        (?P<d1>\d{{1,2}})[ \t]*(?P<sep>[/.{_HY}])[ \t]*(?P<m1>\d{{1,2}})
            [ \t]*(?P=sep)[ \t]*(?P<y1>\d{{4}})
      | (?P<d2>\d{{1,2}})\s+{_loose("tháng")}\s+(?P<m2>\d{{1,2}})\s*,?\s+{_loose("năm")}
            \s+(?P<y2>\d{{4}})
      | (?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon3>{_MONTH})\s*,?\s+(?P<y3>\d{{4}})
      | (?P<mon4>{_MONTH})\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y4>\d{{4}})
    )
    (?!\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"']+", re.IGNORECASE)
# The National Assembly (QH15) or its Standing Committee (UBTVQH15) as a symbol segment.
_ASSEMBLY_RE = re.compile(rf"(?:^|[{_HY}\s])(?:UBTV)?QH\d*(?:$|[{_HY}\s])", re.IGNORECASE)
_SEPARATOR = re.compile(rf"\s*[{_HY}]\s*")

# How far back type words are looked for, in characters.
_PREFIX_REACH = 80
_TITLE_REACH = 200

# --- normalisation ----------------------------------------------------------

_CHAR_MAP = str.maketrans(
    {"Ð": "Đ", "ð": "đ", **dict.fromkeys(_HYPHEN, "-"), **dict.fromkeys(_SLASH, "/")}
)
_EDGE_PUNCT = " \t\r\n\u00a0.,;:()[]{}\"'“”‘’«»"
_LEADING_CONNECTOR_RE = re.compile(r"^(?:số|so|nos?|number)\.?\s*[:.]?\s*(?=\d)", re.IGNORECASE)
_SEPARATOR_SPACE_RE = re.compile(r"\s*([/-])\s*")
_SHAPE_RE = re.compile(
    r"(?P<serial>\d{1,6})/(?:(?P<year>(?:19|20)\d\d)/)?"
    r"(?P<symbol>[^\W\d_][^\W_]*(?:-[^\W_]+)*)"
)
_LEADING_ZEROS_RE = re.compile(r"^0+(?=\d)")


def _clean(raw: str) -> str:
    """NFC, one kind of hyphen and slash, no "số" prefix, no spaces around separators."""
    text = nfc(raw).translate(_CHAR_MAP).strip(_EDGE_PUNCT)
    text = _LEADING_CONNECTOR_RE.sub("", text, count=1)
    return _SEPARATOR_SPACE_RE.sub(r"\1", text)


def normalise_number(raw: str) -> str:
    """The canonical "số ký hiệu": how a number is stored and shown.

    NFC; hyphen and slash look-alikes unified; spaces around separators, a
    leading "số"/"No." and surrounding punctuation removed; the symbol part in
    upper case with Vietnamese letters kept (``42/2022/nđ-cp`` →
    ``42/2022/NĐ-CP``), except the official mixed-case codes ``TTg``, ``TTr``,
    ``CTr`` and ``QyĐ``. Leading zeros of the serial are kept as written.

    Raises ``ValueError`` unless the text has the shape
    ``<digits>[/<year>]/<symbol>`` with a letter-initial symbol.
    """
    text = _clean(raw)
    match = _SHAPE_RE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a document number: {raw!r}")
    return _canonical(match["serial"], match["year"], match["symbol"])


def _canonical(serial: str, year: str | None, symbol: str) -> str:
    symbol = "".join(symbol.translate(_CHAR_MAP).split())
    symbol = "-".join(_MIXED_CASE.get(part.upper(), part.upper()) for part in symbol.split("-"))
    return f"{serial}/{year}/{symbol}" if year else f"{serial}/{symbol}"


def number_key(raw: str) -> str:
    """The folded key two spellings of one number share; never raises.

    ``_clean`` (as in :func:`normalise_number`), all whitespace dropped,
    :func:`hub.text.folding.fold` (lower case, no diacritics, ``đ`` → ``d``),
    and the serial's leading zeros dropped: ``"Số 01/2026/NQ-HĐND"``,
    ``"1 / 2026 / nq - hdnd"`` → ``"1/2026/nq-hdnd"``. Works on partial input
    too (a search box), and ``number_key(number_key(x)) == number_key(x)``.
    Folding merges ``NĐ`` and ``ND``; numbers differing only by diacritics are
    treated as one.
    """
    text = "".join(_clean(raw).split())
    return _LEADING_ZEROS_RE.sub("", fold(text), count=1)


def is_document_number(raw: str) -> bool:
    """Whether ``raw`` is a document number that :func:`normalise_number` accepts."""
    try:
        normalise_number(raw)
    except ValueError:
        return False
    return True


def _code_type(symbol: str) -> DocumentType | None:
    code = _SEPARATOR.split(symbol, maxsplit=1)[0]
    return _CODE_TYPES.get(code.translate(_CHAR_MAP).upper())


def _is_assembly(symbol: str) -> bool:
    return _ASSEMBLY_RE.search(symbol) is not None


def _fallback_type(symbol: str, has_year: bool) -> DocumentType | None:
    # An administrative letter has no type code: 3913/VP-TTĐT, 123/UBND-KT.
    if has_year or _is_assembly(symbol):
        return None
    return _T.CONG_VAN


def type_from_number(raw: str) -> DocumentType | None:
    """The type a number's symbol tells, or None (``72/2025/QH15`` may be a law or a resolution).

    ``1628/QĐ-UBND`` → QUYET_DINH; a yearless number with no type code
    (``3913/VP-TTĐT``) → CONG_VAN. Raises ``ValueError`` like :func:`normalise_number`.
    """
    match = _SHAPE_RE.fullmatch(normalise_number(raw))
    assert match is not None
    symbol = match["symbol"]
    return _code_type(symbol) or _fallback_type(symbol, match["year"] is not None)


def unique_numbers(citations: Iterable[Citation]) -> list[str]:
    """The distinct numbers cited, in order of first appearance, one per number key."""
    seen: dict[str, str] = {}
    for citation in citations:
        seen.setdefault(citation.number_key, citation.number)
    return list(seen.values())


# --- offsets for text that is not NFC ----------------------------------------

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER_RE = re.compile(f"[^{_COMBINING}]?[{_COMBINING}]+", re.DOTALL)


class _OffsetMap:
    """An NFC copy of a text and the way back from its offsets to the original's.

    Each base letter with its combining marks is composed on its own, and every
    piece whose length changes is remembered; offsets between such pieces shift
    by a constant, so mapping back is a binary search.
    """

    def __init__(self, original: str) -> None:
        self._starts: list[int] = []
        self._pieces: list[tuple[int, int, int, int]] = []
        if unicodedata.is_normalized("NFC", original):
            self.text = original
            return
        parts: list[str] = []
        norm_pos = pos = 0
        # A hot loop on long NFD texts: kept flat on purpose.
        for match in _CLUSTER_RE.finditer(original):
            cluster_start, cluster_end = match.span()
            if cluster_start > pos:
                norm_pos = self._add(parts, original[pos:cluster_start], pos, norm_pos)
            composed = unicodedata.normalize("NFC", match.group())
            if len(composed) != cluster_end - cluster_start:
                self._starts.append(norm_pos)
                self._pieces.append(
                    (norm_pos, norm_pos + len(composed), cluster_start, cluster_end)
                )
            parts.append(composed)
            norm_pos += len(composed)
            pos = cluster_end
        self._add(parts, original[pos:], pos, norm_pos)
        self.text = "".join(parts)

    def _add(self, parts: list[str], gap: str, orig_start: int, norm_pos: int) -> int:
        """Append text between clusters: NFC already, bar rare cases (Hangul jamo)."""
        if not gap.isascii() and not unicodedata.is_normalized("NFC", gap):
            composed = nfc(gap)
            if len(composed) != len(gap):
                self._starts.append(norm_pos)
                self._pieces.append(
                    (norm_pos, norm_pos + len(composed), orig_start, orig_start + len(gap))
                )
            gap = composed
        parts.append(gap)
        return norm_pos + len(gap)

    def original(self, offset: int, *, end: bool) -> int:
        """The original offset for an offset into :attr:`text`."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return offset
        norm_start, norm_end, orig_start, orig_end = self._pieces[i]
        if offset == norm_start:
            return orig_start
        if offset >= norm_end:
            return orig_end + offset - norm_end
        return orig_end if end else orig_start


# --- the parser ---------------------------------------------------------------


def _date(match: re.Match[str]) -> date | None:
    if match["d1"]:
        day, month, year = match["d1"], match["m1"], match["y1"]
    elif match["d2"]:
        day, month, year = match["d2"], match["m2"], match["y2"]
    elif match["d3"]:
        day, month, year = match["d3"], str(_MONTHS[match["mon3"].lower().rstrip(".")]), match["y3"]
    else:
        day, month, year = match["d4"], str(_MONTHS[match["mon4"].lower().rstrip(".")]), match["y4"]
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _type_of_word(words: str) -> DocumentType | None:
    return _TYPE_BY_WORD.get(" ".join(fold(words.translate(_CHAR_MAP)).split()))


def _inside_url(urls: list[tuple[int, int]], url_starts: list[int], offset: int) -> bool:
    i = bisect_right(url_starts, offset) - 1
    return i >= 0 and offset < urls[i][1]


def find_citations(text: str) -> list[Citation]:
    """Every document reference in ``text``, in order of appearance.

    A reference is a number ``<digits>[/<year>]/<SYMBOL>`` with a letter-initial
    symbol (``42/2022/NĐ-CP``, ``1628/QĐ-UBND``, ``72/2025/QH15``), optionally
    led by a type word and "số" and followed by "ngày <date>". The type comes
    from the type word when there is one, else from the symbol (its type code,
    or Công văn for a yearless number without one), else from the type word
    that opened a list ("các Luật số A và B"). A yearless number without
    hyphen ("số 567/SNV") counts only after "số" or a type word. Citing one
    document twice gives two citations.
    """
    offsets = _OffsetMap(text)
    norm = offsets.text
    urls = [m.span() for m in _URL_RE.finditer(norm)]
    url_starts = [start for start, _ in urls]
    found: list[Citation] = []
    prev_end = 0
    list_type: DocumentType | None = None
    for match in _NUMBER_RE.finditer(norm):
        number_start, number_end = match.span()
        if _inside_url(urls, url_starts, number_start):
            continue
        symbol, has_year = match["symbol"], match["year"] is not None
        start = number_start
        explicit: DocumentType | None = None
        reach = max(prev_end, number_start - _PREFIX_REACH)
        prefix = _PREFIX_REVERSED_RE.match(norm[reach:number_start][::-1])
        assert prefix is not None  # every part of the pattern is optional
        has_connector = prefix["conn"] is not None
        if prefix["type"] is not None:
            explicit = _type_of_word(prefix["type"][::-1])
            start = number_start - prefix.end("type")
        code_type = _code_type(symbol)
        if explicit is None and code_type is None and _is_assembly(symbol):
            titled = _TITLED_RE.search(
                norm, max(prev_end, number_start - _TITLE_REACH), number_start
            )
            if titled is not None:
                explicit = _type_of_word(titled["type"])
                start = titled.start("type")
        # A yearless "567/SNV" only after "số" or a type word; never "số 12/A" (an address).
        hyphenless = not any(c in _HYPHEN for c in symbol)
        if (
            not has_year
            and hyphenless
            and (len(symbol) < 2 or (explicit is None and not has_connector))
        ):
            continue
        continues_list = (
            bool(found) and _LIST_GAP_RE.fullmatch(norm, prev_end, number_start) is not None
        )
        inherited = list_type if continues_list and explicit is None else None
        doc_type = explicit or code_type or _fallback_type(symbol, has_year) or inherited
        list_type = explicit or inherited

        end = number_end
        issued_on = None
        dated = _DATE_RE.match(norm, number_end)
        if dated is not None:
            issued_on = _date(dated)
            if issued_on is not None:
                end = dated.end()
        orig_start = offsets.original(start, end=False)
        orig_end = offsets.original(end, end=True)
        found.append(
            Citation(
                number=_canonical(match["serial"], match["year"], symbol),
                doc_type=doc_type,
                issued_on=issued_on,
                start=orig_start,
                end=orig_end,
                text=text[orig_start:orig_end],
            )
        )
        prev_end = end
    return found
