"""Document numbers in entries and in what readers type.

Readers type a number in many ways: ``42/2022/ND-CP``, ``42/2022/nđ-cp``,
``nghị định 42/2022``, ``nghi dinh 42``, ``NĐ 42/2022``. Whole numbers are
compared by :func:`hub.text.citations.number_key` (the one key the hub uses
for numbers); partial ones by their parts: serial, year and type code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hub.text.citations import DocumentType, number_key
from hub.text.folding import fold

# Folded type code → folded Vietnamese name ("nd" → "nghi dinh").
_CODE_NAMES: dict[str, str] = {
    fold(code): fold(doc_type.name_vi) for doc_type in DocumentType for code in doc_type.codes
}
# What a reader may type before a number: the type's name or its code.
_TYPE_WORDS: dict[str, str] = {
    **{name: code for code, name in _CODE_NAMES.items()},
    # Single letters ("l" for Lệnh) are too common in queries to mean a type.
    **{code: code for code in _CODE_NAMES if len(code) > 1},
}
_TYPE_ALTERNATION = "|".join(sorted((re.escape(w) for w in _TYPE_WORDS), key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
# On folded text. A whole number: serial, optional year, letter-initial symbol.
_WHOLE = re.compile(
    rf"(?<![\w/])(?P<serial>\d{{1,6}})\s*/\s*(?:(?P<year>{_YEAR})\s*/\s*)?"
    r"(?P<symbol>[a-z][a-z0-9]*(?:\s*-\s*[a-z][a-z0-9]*)*)(?![\w/])"
)
# A partial number: "<type> [so] <serial>[/<year>]" or "<serial>/<year>".
_PARTIAL = re.compile(
    rf"(?:(?<!\w)(?P<type>{_TYPE_ALTERNATION})\s+(?:so\s+)?)?"
    rf"(?<![\w/])(?P<serial>\d{{1,6}})(?:\s*/\s*(?P<year>{_YEAR}))?(?![\w/])"
)


@dataclass(frozen=True, slots=True)
class NumberParts:
    """What a number is made of, for partial matches. ``serial`` drops leading zeros."""

    serial: int
    year: int | None
    type_code: str | None


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """An entry's number: its key and (when it has the usual shape) its parts."""

    key: str
    parts: NumberParts | None


@dataclass(frozen=True, slots=True)
class NumberQuery:
    """A number found in a query: whole (``key`` set) or partial (parts only)."""

    key: str | None
    parts: NumberParts


def type_name(code: str) -> str:
    """The folded name of a type code ("nd" → "nghi dinh"); empty when unknown."""
    return _CODE_NAMES.get(code, "")


def _type_code(symbol: str) -> str | None:
    """The type code opening a folded symbol ("nd-cp" → "nd"), when it is one."""
    code = symbol.split("-", 1)[0].strip()
    return code if code in _CODE_NAMES else None


def parse_number(raw: str, default_year: int | None = None) -> ParsedNumber:
    """Key and parts of an entry's number. A yearless number ("1628/QĐ-UBND")
    takes ``default_year`` (the year of issue), so "quyết định 1628/2024" finds it."""
    key = number_key(raw)
    match = _WHOLE.fullmatch(fold(raw).strip())
    if match is None:
        return ParsedNumber(key=key, parts=None)
    year = int(match["year"]) if match["year"] else default_year
    symbol = re.sub(r"\s+", "", match["symbol"])
    return ParsedNumber(key, NumberParts(int(match["serial"]), year, _type_code(symbol)))


def find_number(folded: str) -> NumberQuery | None:
    """The first document number in a folded query, whole or partial.

    A bare serial ("42") is not a number query: it needs a type word before it
    or a year after it, or it would pin every document numbered 42.
    """
    whole = _WHOLE.search(folded)
    if whole is not None:
        symbol = re.sub(r"\s+", "", whole["symbol"])
        year = int(whole["year"]) if whole["year"] else None
        parts = NumberParts(int(whole["serial"]), year, _type_code(symbol))
        return NumberQuery(key=number_key(whole.group()), parts=parts)
    for match in _PARTIAL.finditer(folded):
        if match["type"] or match["year"]:
            type_code = _TYPE_WORDS[match["type"]] if match["type"] else None
            year = int(match["year"]) if match["year"] else None
            return NumberQuery(key=None, parts=NumberParts(int(match["serial"]), year, type_code))
    return None
