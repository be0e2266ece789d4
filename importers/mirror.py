"""A local HTML mirror of an old portal (as ``wget --mirror`` saves it), read with a selector map.

The mirror keeps one folder per host (``<root>/<host>/<path>``), so each page
file gives back its old address. The map's ``[mirror]`` table says which files
are article pages and where each field is on them, as XPath expressions (old
portals are tables and divs with ids; XPath reaches them without a CSS
selector library)::

    [mirror]
    include = ["*/tin-tuc/*", "*/thong-bao/*"]   # globs on the path under the root
    exclude = ["*/tin-tuc/index.html"]

    [mirror.selectors]
    title = "//h1[@class='title']"
    date = "//span[@class='date']"               # the first dd/mm/yyyy [HH:MM] in its text
    summary = "//div[@class='sapo']"
    body = "//div[@id='noidung']"                 # kept as HTML (the sanitiser cleans it)
    category = "//div[@class='breadcrumb']//a[last()]"
    author = "//p[@class='tacgia']"
    attachments = "//div[@class='tepdinhkem']//a/@href"

A page on which the title selector finds nothing is not an article (a list,
a menu page) and is left out. Pages are parsed with lxml's HTML parser, which
reads broken markup the way browsers do and honours each page's declared
charset; legacy Vietnamese is then converted like any other source.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from importers.config import ImportConfig
from importers.source import SourceError, SourceFile, SourceItem, parse_date

_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:[ ,]+\d{1,2}:\d{2}(?::\d{2})?)?")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?")


def _matches(relative: str, patterns: list[str]) -> bool:
    return any(fnmatch(relative, pattern) for pattern in patterns)


def _text(found: list[Any]) -> str:
    if not found:
        return ""
    first = found[0]
    if isinstance(first, str):  # an attribute or text() result
        return " ".join(first.split())
    return " ".join(first.text_content().split())


def _inner_html(found: list[Any]) -> str:
    if not found or isinstance(found[0], str):
        return ""
    element = found[0]
    parts = [element.text or ""]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts).strip()


def _values(found: list[Any]) -> list[str]:
    return [
        " ".join((f if isinstance(f, str) else f.text_content()).split())
        for f in found
        if (f if isinstance(f, str) else f.text_content()).strip()
    ]


def page_date(text: str, config: ImportConfig) -> Any:
    """The first date written in ``text`` (Vietnamese pages put a weekday before it)."""
    match = _DATE.search(text) or _ISO.search(text)
    return parse_date(match.group(0).replace(",", " "), config.timezone) if match else None


def read_mirror(root: Path, config: ImportConfig) -> list[SourceItem]:
    """The article pages of a mirror folder, as source items (in path order)."""
    if not root.is_dir():
        raise SourceError(f"{root}: a mirror is a folder (one sub-folder per host)")
    if not config.mirror_selectors.get("title"):
        raise SourceError("the map's [mirror.selectors] needs at least `title`")
    try:
        selectors = {n: etree.XPath(x) for n, x in config.mirror_selectors.items()}
    except etree.XPathSyntaxError as exc:
        raise SourceError(f"[mirror.selectors]: {exc}") from exc
    items = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if "/" not in relative or not _matches(relative, config.mirror_include or ["*"]):
            continue
        if _matches(relative, config.mirror_exclude):
            continue
        item = _page(path, relative, selectors, config)
        if item is not None:
            items.append(item)
    return items


def _page(
    path: Path, relative: str, selectors: dict[str, etree.XPath], config: ImportConfig
) -> SourceItem | None:
    data = path.read_bytes()
    if not data.strip():
        return None
    try:
        document = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return None

    def find(name: str) -> list[Any]:
        selector = selectors.get(name)
        return list(selector(document)) if selector is not None else []

    title = _text(find("title"))
    if not title:
        return None
    host, _, rest = relative.partition("/")
    url = f"http://{host}/{rest}"
    category = _text(find("category"))
    return SourceItem(
        external_id=rest,
        title=title,
        body=_inner_html(find("body")),
        summary=_text(find("summary")),
        published_at=page_date(_text(find("date")), config),
        categories=[category] if category else [],
        author=_text(find("author")),
        urls=[url],
        attachments=[SourceFile(urljoin(url, href)) for href in _values(find("attachments"))],
    )
