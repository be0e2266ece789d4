"""Text analysis shared by every backend: words, diacritic forms, indexed fields.

Every backend indexes the same analysed text and tokenises queries the same
way, so the three can be held to one relevance test set:

- **Words** are runs of letters and digits of the folded text
  (:func:`hub.text.folding.fold`, the one folding function). Backends receive
  them already split and joined by single spaces, so no backend tokenizer
  (FTS5 ``unicode61``, PostgreSQL's parser, Typesense's) can disagree about
  where a word ends: ``42/2022/NĐ-CP`` is ``42 2022 nd cp`` everywhere.
- **Marked forms** keep what folding throws away. A word that carries
  Vietnamese marks is written in ASCII with one digit per mark after its
  letter (the VNI convention: sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5, mũ 6,
  móc 7, trăng 8, đ → d9), so "Nội" is ``no56i`` and "Nói" ``no1i``. They
  give the exact-diacritics bonus; being ASCII, no engine folds them again
  (Typesense strips diacritics from strings it indexes with its default
  locale).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from hub.search.backend import SearchEntry
from hub.search.numbers import NumberParts, parse_number, type_name
from hub.text.folding import fold

# Letters and digits of any script; "_" is a word character to ``re`` but not to FTS5.
WORD = re.compile(r"[^\W_]+")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_INDEXED_BODY = 200_000  # characters of body text indexed; a gazette PDF can be far longer
MAX_WORD = 64  # longer "words" are hashes or pasted junk; PostgreSQL refuses some of them

_MARK_DIGITS = {
    "\u0301": "1",  # sắc
    "\u0300": "2",  # huyền
    "\u0309": "3",  # hỏi
    "\u0303": "4",  # ngã
    "\u0323": "5",  # nặng
    "\u0302": "6",  # mũ (â ê ô)
    "\u031b": "7",  # móc (ơ ư)
    "\u0306": "8",  # trăng (ă)
}


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> tuple[str, ...]:
    # A language's words repeat endlessly: folding each once, not every character of
    # every body, makes analysis several times faster. Re-split, in case folding
    # turned a letter into something that is not one; drop what is too long to be a word.
    return tuple(w for w in WORD.findall(fold(word)) if len(w) <= MAX_WORD)


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order: ``fold(text)`` split into runs of letters
    and digits, leaving out runs longer than ``MAX_WORD``."""
    out: list[str] = []
    for word in WORD.findall(unicodedata.normalize("NFC", text)):
        out.extend(_fold_word(word))
    return out


@lru_cache(maxsize=200_000)
def marked_form(word: str) -> str | None:
    """The ASCII form of a word that carries marks (``"Hà"`` → ``"ha2"``), else ``None``."""
    lower = unicodedata.normalize("NFC", word).lower()
    if fold(lower) == lower:
        return None
    out: list[str] = []
    for char in unicodedata.normalize("NFD", lower):
        if char == "đ":
            out.append("d9")
        elif unicodedata.combining(char):
            out.append(_MARK_DIGITS.get(char, "0"))
        else:
            out.append(char)
    return "".join(out)


def marked_forms(text: str) -> list[str]:
    """The marked forms of the words of ``text`` that carry marks, without repeats."""
    seen: dict[str, None] = {}
    for match in WORD.finditer(unicodedata.normalize("NFC", text)):
        form = marked_form(match.group())
        if form:
            seen.setdefault(form, None)
    return list(seen)


@dataclass(frozen=True, slots=True)
class AnalysedEntry:
    """An entry's text the way every backend indexes it."""

    entry: SearchEntry
    title: str  # folded words joined by spaces
    number: str  # the number's words and its type spelled out ("42 2022 nd cp nghi dinh")
    summary: str
    body: str
    title_words: frozenset[str]  # title and number words: the "matched in the title" test
    title_marks: tuple[str, ...]  # marked forms of the title's words
    number_key: str | None
    parts: NumberParts | None

    @property
    def published_us(self) -> int:
        """Publication time as integer microseconds since the epoch (sortable everywhere)."""
        return micros(self.entry.published_at)


def micros(moment: datetime) -> int:
    """An aware datetime as integer microseconds since the epoch, exactly."""
    delta = moment - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def analyse(entry: SearchEntry) -> AnalysedEntry:
    """Fold and split an entry's fields once, for whichever backend indexes it."""
    title = words(entry.title)
    number_words: list[str] = []
    parts: NumberParts | None = None
    key: str | None = None
    if entry.number:
        parsed = parse_number(entry.number, default_year=entry.year)
        key, parts = parsed.key, parsed.parts
        number_words = words(entry.number)
        # "01/2026/NQ-HĐND" is also typed "1/2026/…": index the serial both ways.
        number_words += [w.lstrip("0") for w in number_words[:1] if w.isdigit() and w[0] == "0"]
        if parts and parts.type_code:
            number_words += type_name(parts.type_code).split()
    return AnalysedEntry(
        entry=entry,
        title=" ".join(title),
        number=" ".join(number_words),
        summary=" ".join(words(entry.summary)),
        body=" ".join(words(entry.body[:MAX_INDEXED_BODY])),
        title_words=frozenset(title) | frozenset(number_words),
        title_marks=tuple(marked_forms(entry.title)),
        number_key=key,
        parts=parts,
    )
