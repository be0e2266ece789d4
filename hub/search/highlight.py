"""Highlighted titles and snippets, the same for every backend.

Matches are found in the original text: each folded query word (and each
near miss the backend accepted) becomes a pattern in which every letter also
matches its accented forms, so "ha noi" marks "Hà Nội" as written. The
result is a list of :class:`~hub.search.backend.Segment` (text, is_match): a
template escapes each run and wraps matches in ``<mark>``, and no HTML from
the index is ever rendered raw.

One compiled pattern per query scans each text in C; folding every word of
every snippet in Python cost more than the database query.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from hub.search.backend import SearchHit, Segment
from hub.text.folding import fold

SNIPPET_CHARS = 220  # about thirty Vietnamese words
LEAD_CHARS = 40  # context kept before the first match of a snippet
MAX_SCANNED = 50_000  # characters of a body searched for the best passage
_JOINER = re.compile(r"[\s/\-–.]{1,3}")  # what may sit inside one marked run ("Hà Nội", "42/2022")


def _letter_classes() -> dict[str, str]:
    """Folded letter → every precomposed Latin letter that folds to it ("a" → "aàáảãạâầ…")."""
    classes: dict[str, set[str]] = {}
    for code in (
        *range(0x41, 0x5B),
        *range(0x61, 0x7B),
        *range(0xC0, 0x250),
        *range(0x1E00, 0x1F00),
    ):
        char = chr(code)
        if not char.isalpha():
            continue
        base = fold(char)
        if len(base) == 1 and base.isascii():
            classes.setdefault(base, set()).update({char, char.lower(), char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in classes.items()}


_CLASSES = _letter_classes()


@dataclass(frozen=True, slots=True)
class RawHit:
    """A hit as a backend read it, before highlighting."""

    key: str
    kind: str
    tenant_id: int
    title: str
    summary: str
    body: str
    url_path: str
    published_at: datetime
    score: float
    number: str | None
    category: str | None
    language: str


def _loose(term: str) -> str:
    return "".join(f"[{re.escape(_CLASSES[c])}]" if c in _CLASSES else re.escape(c) for c in term)


@lru_cache(maxsize=1024)
def _pattern(terms: frozenset[str]) -> re.Pattern[str] | None:
    """Whole words whose folded form is one of ``terms``, with or without marks, any case."""
    if not terms:
        return None
    alternatives = "|".join(_loose(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


def _matches(text: str, terms: frozenset[str]) -> list[re.Match[str]]:
    pattern = _pattern(terms)
    if pattern is None or not text:
        return []
    if not unicodedata.is_normalized("NFC", text):
        return []  # entries are stored NFC; anything else is not ours to mark
    return list(pattern.finditer(text))


def _segments(text: str, matches: list[re.Match[str]], start: int, end: int) -> list[Segment]:
    """``text[start:end]`` cut into marked and unmarked runs."""
    out: list[Segment] = []
    cursor = start
    for match in matches:
        word_start, word_end = match.span()
        if word_end <= start or word_start >= end:
            continue
        if word_start > cursor:
            gap = text[cursor:word_start]
            if out and out[-1].is_match and _JOINER.fullmatch(gap):
                out[-1] = Segment(out[-1].text + gap + match.group(), True)
                cursor = word_end
                continue
            out.append(Segment(gap, False))
        out.append(Segment(match.group(), True))
        cursor = word_end
    if cursor < end:
        out.append(Segment(text[cursor:end], False))
    return out


def highlight(text: str, terms: Collection[str]) -> list[Segment]:
    """The whole of ``text`` (a title) with the matching words marked."""
    return _segments(text, _matches(text, frozenset(terms)), 0, len(text))


@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    return fold(word)


def _best_window(matches: list[re.Match[str]]) -> tuple[int, int]:
    """(distinct words matched, index of the first match) of the best snippet-sized window.

    A sliding window over the matches only: linear however long the text.
    """
    best = (0, 0)
    counts: dict[str, int] = {}
    right = 0
    for left, first in enumerate(matches):
        while right < len(matches) and matches[right].end() <= first.start() + SNIPPET_CHARS:
            word = _folded(matches[right].group())
            counts[word] = counts.get(word, 0) + 1
            right += 1
        if len(counts) > best[0]:
            best = (len(counts), left)
        word = _folded(first.group())
        if word in counts:
            counts[word] -= 1
            if not counts[word]:
                del counts[word]
    return best


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` back and ``end`` forward to whitespace, so no word is cut."""
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    return start, end


def snippet(summary: str, body: str, terms: Collection[str]) -> list[Segment]:
    """The passage of the summary or body holding the most query words, marked.

    Falls back to the start of the summary (or body) when nothing matches.
    """
    wanted = frozenset(terms)
    best: tuple[int, str, list[re.Match[str]], int] | None = None
    for text in (summary, body[:MAX_SCANNED]):
        if not text:
            continue
        matches = _matches(text, wanted)
        score, first = _best_window(matches)
        if best is None or score > best[0]:
            best = (score, text, matches, first)
    if best is None:
        return []
    score, text, matches, first = best
    if not score:
        _, end = _cut(text, 0, SNIPPET_CHARS)
        return [Segment(text[:end] + (" …" if end < len(text) else ""), False)]
    start = max(0, matches[first].start() - LEAD_CHARS)
    start, end = _cut(text, start, start + SNIPPET_CHARS)
    out = _segments(text, matches, start, end)
    if start > 0:
        out.insert(0, Segment("… ", False))
    if end < len(text):
        out.append(Segment(" …", False))
    return out


def make_hit(raw: RawHit, terms: Collection[str]) -> SearchHit:
    """A :class:`SearchHit` with its title and snippet highlighted."""
    return SearchHit(
        key=raw.key,
        kind=raw.kind,
        tenant_id=raw.tenant_id,
        title=raw.title,
        url_path=raw.url_path,
        published_at=raw.published_at,
        score=raw.score,
        number=raw.number,
        category=raw.category,
        language=raw.language,
        title_highlight=highlight(raw.title, terms),
        snippet=snippet(raw.summary, raw.body, terms),
    )
