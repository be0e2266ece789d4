"""Near misses: which indexed words a mistyped query word may have meant.

The database backends keep a vocabulary of indexed words (``search_word``).
A query word that is not in it is replaced by the vocabulary words within
its typo budget (:func:`typo_budget`): candidates come from the vocabulary
(pg_trgm nearest neighbours on PostgreSQL, words sharing the first letter on
SQLite) and :func:`close_words` keeps those within the edit distance.
Typesense does the same itself (``num_typos``).
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_ALTERNATIVES = 4


def typo_budget(word: str) -> int:
    """Edits allowed for a word: none below 4 letters (too many short words
    are one edit apart), one from 4, two from 8. Numbers never: a typo in a
    document number is another document."""
    if not word.isalpha():
        return 0
    if len(word) >= 8:
        return 2
    return 1 if len(word) >= 4 else 0


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap two
    neighbours), or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def close_words(word: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """The candidates within ``word``'s typo budget, nearest first (at most four)."""
    budget = typo_budget(word)
    if budget == 0:
        return ()
    scored = []
    for candidate in candidates:
        if candidate == word:
            continue
        distance = edit_distance(word, candidate, budget)
        if distance <= budget:
            scored.append((distance, candidate))
    scored.sort()
    return tuple(candidate for _, candidate in scored[:MAX_ALTERNATIVES])
