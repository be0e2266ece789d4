"""Tracking codes of information requests: random, unguessable, easy to read out."""

from __future__ import annotations

import re
import secrets

# Crockford's base 32 (no I, L, O, U): 12 characters are 60 random bits, so
# guessing one code among a million requests takes some 10^12 tries.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``ABCD-EFGH-JKMN``: easier to read out and copy."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(value: str) -> str | None:
    """What the citizen typed, as stored (upper case, no dashes, O→0, I/L→1), or None."""
    folded = re.sub(r"[\s-]", "", value.upper()[:40]).translate(str.maketrans("OIL", "011"))
    if len(folded) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in folded):
        return None
    return folded
