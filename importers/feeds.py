"""RSS 2.0 and Atom feeds saved to a file, read with the standard library's XML parser.

Python's expat refuses entity-expansion bombs and ElementTree never fetches
external entities, so a hostile feed cannot make the reader read files or the
network. An item is known by its ``guid`` (RSS) or ``id`` (Atom), else its link.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from importers.config import ImportConfig
from importers.source import SourceError, SourceFile, SourceItem, parse_date

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise SourceError(f"{path}: not well-formed XML ({exc})") from exc


def _text(element: ET.Element | None, tag: str) -> str:
    found = element.find(tag) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def read_feed(path: Path, config: ImportConfig) -> list[SourceItem]:
    """Every item of an RSS 2.0 channel or entry of an Atom feed."""
    root = parse_xml(path)
    if root.tag == f"{ATOM}feed":
        return [_atom_entry(e, config) for e in root.iter(f"{ATOM}entry")]
    if root.tag == "rss":
        return [_rss_item(i, config) for i in root.iter("item")]
    raise SourceError(f"{path}: neither RSS 2.0 nor Atom (root <{root.tag}>)")


def _rss_item(item: ET.Element, config: ImportConfig) -> SourceItem:
    link = _text(item, "link")
    guid = item.find("guid")
    guid_text = (guid.text or "").strip() if guid is not None else ""
    urls = [link] if link else []
    permalink = guid is not None and guid.get("isPermaLink", "true") != "false"
    if permalink and guid_text.startswith(("http://", "https://")) and guid_text != link:
        urls.append(guid_text)
    description = _text(item, "description")
    content = _text(item, f"{CONTENT}encoded")
    cover, attachments = None, []
    for enclosure in item.iter("enclosure"):
        ref = enclosure.get("url", "")
        if not ref:
            continue
        if enclosure.get("type", "").startswith("image/") and cover is None:
            cover = SourceFile(ref)
        else:
            attachments.append(SourceFile(ref))
    return SourceItem(
        external_id=guid_text or link,
        title=_text(item, "title"),
        body=content or description,
        summary=description if content else "",
        published_at=parse_date(_text(item, "pubDate"), config.timezone),
        categories=[(c.text or "").strip() for c in item.iter("category") if c.text],
        author=_text(item, f"{DC}creator") or _text(item, "author"),
        urls=urls,
        cover=cover,
        attachments=attachments,
    )


def _atom_content(entry: ET.Element, tag: str) -> str:
    element = entry.find(tag)
    if element is None:
        return ""
    if element.get("type") == "xhtml":
        # The content is the children of one <div>: keep them as markup.
        div = next(iter(element), None)
        if div is None:
            return ""
        inner = [div.text or ""]
        for child in div:
            inner.append(ET.tostring(child, encoding="unicode").replace("html:", ""))
        return "".join(inner).strip()
    return (element.text or "").strip()


def _atom_entry(entry: ET.Element, config: ImportConfig) -> SourceItem:
    links = [
        link.get("href", "")
        for link in entry.iter(f"{ATOM}link")
        if link.get("rel", "alternate") == "alternate" and link.get("href")
    ]
    files = [
        SourceFile(link.get("href", ""))
        for link in entry.iter(f"{ATOM}link")
        if link.get("rel") == "enclosure" and link.get("href")
    ]
    author = entry.find(f"{ATOM}author")
    content = _atom_content(entry, f"{ATOM}content")
    summary = _atom_content(entry, f"{ATOM}summary")
    return SourceItem(
        external_id=_text(entry, f"{ATOM}id") or (links[0] if links else ""),
        title=_atom_content(entry, f"{ATOM}title"),
        body=content or summary,
        summary=summary if content else "",
        published_at=parse_date(
            _text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated"), config.timezone
        ),
        modified_at=parse_date(_text(entry, f"{ATOM}updated"), config.timezone),
        categories=[
            c.get("label") or c.get("term") or ""
            for c in entry.iter(f"{ATOM}category")
            if c.get("term")
        ],
        author=_text(author, f"{ATOM}name"),
        urls=links,
        attachments=files,
    )
