"""Checking a recipient's address before a mail is queued for it."""

from __future__ import annotations

import re

from hub.text.folding import nfc

MAX_ADDRESS = 254  # RFC 5321's limit on a forward path
# The local part as most servers take it unquoted (RFC 5322 dot-atom, ASCII): a
# quoted or non-ASCII local part needs SMTPUTF8, which a city's server may lack.
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalise_address(address: str) -> str:
    """``address`` as mail is sent to it (domain lower-cased, IDN as punycode).

    Raises :class:`ValueError` saying what is wrong, so a form can show it.
    """
    text = nfc(address).strip()
    if not text:
        raise ValueError("an e-mail address is needed")
    if any(c.isspace() or ord(c) < 32 for c in text) or len(text) > MAX_ADDRESS:
        raise ValueError(f"not an e-mail address: {address[:80]!r}")
    local, at, domain = text.rpartition("@")
    if not at or not _LOCAL.match(local) or len(local) > 64:
        raise ValueError(f"not an e-mail address: {address[:80]!r}")
    try:
        # Vietnamese domain names (tên miền tiếng Việt) travel as punycode.
        ascii_domain = domain.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise ValueError(f"not a domain name: {domain[:80]!r}") from exc
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise ValueError(f"not a domain name: {domain[:80]!r}")
    normalised = f"{local}@{ascii_domain}"
    if len(normalised) > MAX_ADDRESS:
        raise ValueError("the e-mail address is too long")
    return normalised
