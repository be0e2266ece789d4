"""The one place Vietnamese text is normalised and folded.

``fold("Đường Hà Nội")`` → ``"duong ha noi"``: NFC first, then tone marks and
diacritics removed, ``đ`` → ``d``, lower case. Search indexing, queries and
slugs all call these functions; nothing else folds text.
"""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 200


def nfc(text: str) -> str:
    """NFC-normalise text (what every stored string must be)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case ASCII-ish form of Vietnamese text, for matching and slugs."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


def is_slug(value: str, max_length: int = MAX_SLUG) -> bool:
    """Whether ``value`` is a content slug: ASCII letters and digits joined by single hyphens."""
    return len(value) <= max_length and _SLUG.match(value) is not None


def slugify(text: str, max_length: int = 120) -> str:
    """A URL slug: folded, ASCII letters and digits joined by hyphens."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug
