"""Links and pictures inside an old body: which are internal, and where their files are.

Old bodies are broken HTML, so attributes are found with a tolerant pattern,
not a parser: only the values of ``href`` and ``src`` are ever replaced, and
the whole body then goes through the hub's one sanitiser anyway.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_ATTRIBUTE = re.compile(
    r"""(?P<lead>\b(?P<name>href|src)\s*=\s*)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>"']+))""",
    re.IGNORECASE,
)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


def absolute(ref: str, base: str) -> str:
    """``ref`` made absolute against the item's old address (when it has one)."""
    ref = ref.strip()
    return urljoin(base, ref) if base else ref


def is_internal(url: str, hosts: set[str]) -> bool:
    """A link to the old portal itself: site-relative, or to one of its hosts."""
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    return not parts.netloc or parts.hostname in hosts


def rewrite_attributes(html: str, replace: Callable[[str, str], str | None]) -> str:
    """Every ``href``/``src`` value through ``replace(name, value)`` (``None`` keeps it)."""

    def one(match: re.Match[str]) -> str:
        value = match.group("dq")
        if value is None:
            value = match.group("sq") if match.group("sq") is not None else match.group("bare")
        new = replace(match.group("name").lower(), value)
        if new is None:
            return match.group(0)
        return f'{match.group("lead")}"{new}"'

    return _ATTRIBUTE.sub(one, html)


def attribute_values(html: str) -> list[tuple[str, str]]:
    """``(name, value)`` of every ``href``/``src`` of a body, in order."""
    out = []
    for match in _ATTRIBUTE.finditer(html):
        value = match.group("dq")
        if value is None:
            value = match.group("sq") if match.group("sq") is not None else match.group("bare")
        out.append((match.group("name").lower(), value))
    return out


def images(html: str) -> list[tuple[str, str]]:
    """``(src, alt)`` of every picture of a body, in order."""
    out = []
    for tag in _IMG.findall(html):
        src = _SRC.search(tag)
        if src is None:
            continue
        alt = _ALT.search(tag)
        out.append(
            (
                next(g for g in src.groups() if g is not None),
                next((g for g in alt.groups() if g is not None), "") if alt else "",
            )
        )
    return out


def local_file(ref: str, roots: list[Path]) -> Path | None:
    """The file an export names, under one of ``roots`` (a ``wget --mirror`` keeps hosts).

    ``http://host/a/b.jpg`` is looked for as ``<root>/host/a/b.jpg`` then
    ``<root>/a/b.jpg``; a plain path as ``<root>/<path>``. Nothing outside a
    root is ever read.
    """
    parts = urlsplit(ref)
    path = unquote(parts.path).lstrip("/")
    if not path:
        return None
    candidates = []
    for root in roots:
        if parts.hostname:
            candidates.append(root / parts.hostname / path)
        candidates.append(root / path)
    for candidate in candidates:
        resolved = candidate.resolve()
        if any(resolved.is_relative_to(root.resolve()) for root in roots) and resolved.is_file():
            return resolved
    return None
