"""Embedded online video and audio, from an allow-list of providers.

Editors paste a provider's embed code (an ``<iframe>``) or link; on write it
is reduced to ``<figure data-embed="provider:id">`` — provider and id only,
never the pasted markup — and anything not on the list is dropped. Front
ends turn the figure into a lightweight player that loads nothing from the
provider until the reader asks for it (:func:`player_html`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlparse, urlsplit

_IFRAME = re.compile(r"<iframe\b[^>]*>.*?</iframe\s*>|<iframe\b[^>]*/?>", re.I | re.S)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_TITLE = re.compile(r"""\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_EMBED_FIGURE = re.compile(r'<figure data-embed="([a-z]+):([A-Za-z0-9_-]{1,64})"></figure>')
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_DIGITS = re.compile(r"(\d{5,20})")


@dataclass(frozen=True)
class Embed:
    provider: str
    id: str

    def placeholder(self) -> str:
        return f'<figure data-embed="{self.provider}:{self.id}"></figure>'


def parse_embed_url(url: str) -> Embed | None:
    """The allowed provider and id behind an embed or watch URL, else None."""
    try:
        parts = urlparse(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path
    if host in {"youtube.com", "youtube-nocookie.com"}:
        candidate = (
            path.split("/embed/", 1)[1].split("/")[0]
            if "/embed/" in path
            else parse_qs(parts.query).get("v", [""])[0]
        )
        return Embed("youtube", candidate) if _YOUTUBE_ID.match(candidate) else None
    if host == "youtu.be":
        candidate = path.strip("/").split("/")[0]
        return Embed("youtube", candidate) if _YOUTUBE_ID.match(candidate) else None
    if host == "facebook.com":
        target = unquote(parse_qs(parts.query).get("href", [url])[0])
        if "/videos/" in target or "watch" in target:
            found = _DIGITS.findall(target)
            return Embed("facebook", found[-1]) if found else None
        return None
    if host.endswith("vtv.vn") and path.endswith(".htm"):
        found = _DIGITS.findall(path)
        return Embed("vtv", found[-1]) if found else None
    if host.endswith("vov.vn") or host.endswith("vov.gov.vn"):
        found = _DIGITS.findall(path)
        return Embed("vov", found[-1]) if found else None
    return None


def extract_embeds(body: str) -> str:
    """Replace allowed iframes by placeholders and drop the others (before sanitising)."""

    def replace(match: re.Match[str]) -> str:
        src = _SRC.search(match.group(0))
        url = html.unescape(next((g for g in src.groups() if g), "")) if src else ""
        embed = parse_embed_url(url)
        return embed.placeholder() if embed else ""

    return _IFRAME.sub(replace, body)


_PLAYERS = {
    # provider: (label, page the reader can open, iframe URL loaded on demand or None)
    "youtube": (
        "YouTube",
        "https://www.youtube.com/watch?v={id}",
        "https://www.youtube-nocookie.com/embed/{id}?autoplay=1",
    ),
    "facebook": (
        "Facebook",
        "https://www.facebook.com/watch/?v={id}",
        "https://www.facebook.com/plugins/video.php?href="
        "https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D{id}",
    ),
    # VTV and VOV publish no stable embed address; readers get a link to the programme.
    "vtv": ("VTV", "https://vtv.vn/video/{id}.htm", None),
    "vov": ("VOV", "https://vov.vn/{id}.vov", None),
}


def player_html(body: str, watch_label: str) -> str:
    """Turn placeholders into click-to-load players (no provider request before a click)."""

    def render(match: re.Match[str]) -> str:
        provider, media_id = match.group(1), match.group(2)
        spec = _PLAYERS.get(provider)
        if spec is None:
            return ""
        label, page, frame = spec
        page_url = html.escape(page.format(id=media_id))
        frame_attr = f' data-src="{html.escape(frame.format(id=media_id))}"' if frame else ""
        return (
            f'<figure class="embed embed-{provider}"{frame_attr}>'
            f'<a class="embed-open" href="{page_url}" rel="noopener noreferrer">'
            f"{html.escape(watch_label)} ({label})</a></figure>"
        )

    return _EMBED_FIGURE.sub(render, body)


def frame_origins() -> tuple[str, ...]:
    """The origins a click-to-load player may frame (the pages' CSP `frame-src`)."""
    origins = {
        "{0.scheme}://{0.netloc}".format(urlsplit(frame))
        for _, _, frame in _PLAYERS.values()
        if frame is not None
    }
    return tuple(sorted(origins))
