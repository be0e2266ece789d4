"""Mail templates: ``templates/<name>.<language>.txt``, rendered when a mail is queued.

The first line of a rendered template is ``Subject: …``, then a blank line,
then the body. Jinja2 without autoescaping (this is plain text, not HTML) and
with ``StrictUndefined``: a missing value is an error at queue time, not a
blank in a citizen's mail.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hub.text.folding import nfc

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
DEFAULT_LANGUAGE = "vi"
MAX_SUBJECT = 500
_NAME = re.compile(r"^[a-z0-9_]{1,100}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")

# Templates are the hub's own files, not tenant data: one environment per process.
_environment = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=False,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    # Block tags on lines of their own leave no blank line behind. A block tag
    # that ends the Subject line would swallow the blank line after it: write
    # `{{ x if y else "" }}` there instead.
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class RenderedMail:
    """A template rendered for one recipient: what the mail will say."""

    language: str  # the language actually used (after the fallback)
    subject: str
    text: str


def template_language(template: str, language: str) -> str:
    """``language`` if the template exists in it, else Vietnamese (which must exist)."""
    if not _NAME.match(template):
        raise ValueError(f"not a template name: {template[:100]!r}")
    wanted = language.strip().lower()
    if _LANGUAGE.match(wanted) and (TEMPLATE_DIR / f"{template}.{wanted}.txt").is_file():
        return wanted
    if not (TEMPLATE_DIR / f"{template}.{DEFAULT_LANGUAGE}.txt").is_file():
        raise ValueError(f"no such mail template: {template}")
    return DEFAULT_LANGUAGE


def render(template: str, language: str, context: Mapping[str, Any]) -> RenderedMail:
    """Render ``template`` in ``language`` (falling back to Vietnamese), NFC throughout."""
    used = template_language(template, language)
    output = _environment.get_template(f"{template}.{used}.txt").render(dict(context))
    head, blank, body = output.replace("\r\n", "\n").partition("\n\n")
    if not blank or not head.startswith("Subject:"):
        raise ValueError(f"{template}.{used}.txt must start with 'Subject: …' and a blank line")
    # One line, whatever the context held: a newline in a header would be an injection.
    subject = " ".join(nfc(head.removeprefix("Subject:")).split())
    if not subject or len(subject) > MAX_SUBJECT:
        raise ValueError(f"{template}.{used}.txt renders an empty or over-long subject")
    lines = [line.rstrip() for line in nfc(body).split("\n")]
    # At most one blank line in a row, whatever the branches left.
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return RenderedMail(used, subject, text + "\n")
