"""WordPress eXtended RSS (WXR) exports: posts, pages, sections, tags, authors, attachments.

- Posts become news articles, pages become ``page`` articles; only items
  with ``wp:status`` ``publish`` are imported (the rest are reported skipped).
- Sections are the ``category`` terms (the first is the article's section,
  mapped by the config's table), ``post_tag`` terms become tags.
- Authors are the export's display names, kept as the byline: old authors
  get no account in the hub (a sign-in is a decision, not an import).
- The featured image (``_thumbnail_id``) becomes the cover; other attached
  files (not pictures) become attachments; pictures in bodies are uploaded by
  the writer wherever they are.
- Old addresses: the permalink and the ``?p=``/``?page_id=`` guid.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from xml.etree import ElementTree as ET

from importers.config import ImportConfig
from importers.feeds import CONTENT, DC, parse_xml
from importers.source import SourceError, SourceFile, SourceItem, parse_date

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
KINDS = {"post": "news", "page": "page"}


def _namespaces(root: ET.Element) -> tuple[str, str]:
    """The ``wp:`` and ``excerpt:`` namespaces: WXR 1.0, 1.1 and 1.2 differ only in them."""
    for element in root.iter():
        if element.tag.startswith("{http://wordpress.org/export/"):
            uri = element.tag[1:].split("}", 1)[0]
            return "{" + uri + "}", "{" + uri.rstrip("/") + "/excerpt/}"
    raise SourceError("not a WordPress export: no wp: elements")


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _meta(item: ET.Element, wp: str) -> dict[str, str]:
    return {
        _text(m, f"{wp}meta_key"): _text(m, f"{wp}meta_value") for m in item.iter(f"{wp}postmeta")
    }


def read_wxr(path: Path, config: ImportConfig) -> list[SourceItem]:
    """The posts and pages of a WXR file, with their files, sections, tags and authors."""
    root = parse_xml(path)
    channel = root.find("channel")
    if channel is None:
        raise SourceError(f"{path}: no <channel>")
    wp, excerpt = _namespaces(root)
    authors = {
        _text(a, f"{wp}author_login"): _text(a, f"{wp}author_display_name")
        for a in channel.iter(f"{wp}author")
    }
    sections = {
        _text(c, f"{wp}category_nicename"): _text(c, f"{wp}cat_name")
        for c in channel.iter(f"{wp}category")
    }
    items = channel.findall("item")
    files: dict[str, SourceFile] = {}
    children: dict[str, list[str]] = {}
    for item in items:
        if _text(item, f"{wp}post_type") != "attachment":
            continue
        post_id = _text(item, f"{wp}post_id")
        alt = _meta(item, wp).get("_wp_attachment_image_alt", "")
        files[post_id] = SourceFile(
            _text(item, f"{wp}attachment_url"), alt=alt, caption=_text(item, f"{excerpt}encoded")
        )
        children.setdefault(_text(item, f"{wp}post_parent"), []).append(post_id)
    out = []
    for item in items:
        post_type = _text(item, f"{wp}post_type")
        if post_type not in KINDS:
            continue
        post_id = _text(item, f"{wp}post_id")
        meta = _meta(item, wp)
        cover = files.get(meta.get("_thumbnail_id", ""))
        attached = [
            files[i]
            for i in children.get(post_id, [])
            if not files[i].ref.lower().endswith(IMAGE_SUFFIXES)
        ]
        terms = item.findall("category")
        creator = _text(item, f"{DC}creator")
        urls = [u for u in (_text(item, "link"), _text(item, "guid")) if u]
        out.append(
            SourceItem(
                external_id=post_id,
                title=_text(item, "title"),
                body=_text(item, f"{CONTENT}encoded"),
                summary=_text(item, f"{excerpt}encoded"),
                published_at=parse_date(_text(item, f"{wp}post_date_gmt"), UTC)
                or parse_date(_text(item, f"{wp}post_date"), config.timezone),
                modified_at=parse_date(_text(item, f"{wp}post_modified_gmt"), UTC),
                categories=[
                    sections.get(t.get("nicename", ""), (t.text or "").strip())
                    for t in terms
                    if t.get("domain") == "category"
                ],
                tags=[(t.text or "").strip() for t in terms if t.get("domain") == "post_tag"],
                author=authors.get(creator, creator),
                urls=list(dict.fromkeys(urls)),
                kind=KINDS[post_type],
                slug=_text(item, f"{wp}post_name"),
                published=_text(item, f"{wp}status") == "publish",
                cover=cover,
                attachments=attached,
            )
        )
    return out
