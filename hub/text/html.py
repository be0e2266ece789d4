"""The one HTML sanitiser: every stored rich-text body passes through here.

An allow-list (nh3, Rust's ammonia): structure, emphasis, links, images,
tables and figures survive; scripts, event handlers, styles, ``javascript:``
URLs and frames do not. The newsroom adds embeds on top of this list.
"""

from __future__ import annotations

import re
from html import unescape

import nh3

from hub.text.embeds import extract_embeds
from hub.text.folding import nfc

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "figure": {"data-embed"},
    "*": {"lang"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    """Clean, NFC-normalised HTML that can run nothing in a reader's browser.

    Allowed video/audio embeds survive as ``<figure data-embed="provider:id">``.
    """
    cleaned = nh3.clean(
        extract_embeds(nfc(html)),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # `data-embed` is only ever trusted in the exact form extract_embeds writes.
    return _FORGED_EMBED.sub(_keep_if_canonical, cleaned)


_FORGED_EMBED = re.compile(r'<figure data-embed="[^"]*">')
_CANONICAL_EMBED = re.compile(r'<figure data-embed="[a-z]+:[A-Za-z0-9_-]{1,64}">')


def _keep_if_canonical(match: re.Match[str]) -> str:
    tag = match.group(0)
    return tag if _CANONICAL_EMBED.fullmatch(tag) else "<figure>"


_ANY_TAG = re.compile(r"<[^>]*>")
_BLOCK_ENDS = re.compile(r"</(?:p|div|li|h[1-6]|tr|blockquote|figcaption)>|<br\s*/?>", re.I)


def html_to_text(html: str) -> str:
    """The words of sanitised HTML: tags dropped, block ends as line breaks, entities decoded."""
    text = _ANY_TAG.sub(" ", _BLOCK_ENDS.sub("\n", html))
    return unescape(text)
