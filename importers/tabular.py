"""Rows of a table (a CSV line, a JSON Lines object) made into source items by the column map.

The map (``[columns]`` of the config file) says which column holds which hub
field; lists (sections, tags, old URLs, attachments) are one cell split by
``list_separator`` or, in JSON, an array.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from importers.config import ImportConfig
from importers.source import SourceFile, SourceItem, parse_date

# Status words of old CMSs that mean "readers saw it" (compared in lower case).
PUBLISHED_WORDS = {"", "1", "true", "yes", "publish", "published", "da-dang", "đã đăng", "active"}


def _text(row: Mapping[str, Any], config: ImportConfig, name: str) -> str:
    value = row.get(config.column(name))
    if value is None:
        return ""
    return str(value).strip() if not isinstance(value, str) else value.strip()


def _list(row: Mapping[str, Any], config: ImportConfig, name: str) -> list[str]:
    value = row.get(config.column(name))
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(config.list_separator) if part.strip()]


def item_from_row(row: Mapping[str, Any], config: ImportConfig) -> SourceItem:
    """One source item from one row, through the column map."""
    cover = _text(row, config, "cover")
    return SourceItem(
        external_id=_text(row, config, "id"),
        title=_text(row, config, "title"),
        body=_text(row, config, "body"),
        summary=_text(row, config, "summary"),
        published_at=parse_date(_text(row, config, "published_at"), config.timezone),
        modified_at=parse_date(_text(row, config, "modified_at"), config.timezone),
        categories=_list(row, config, "categories"),
        tags=_list(row, config, "tags"),
        author=_text(row, config, "author"),
        urls=_list(row, config, "url"),
        kind=_text(row, config, "kind").lower() or "news",
        slug=_text(row, config, "slug"),
        published=_text(row, config, "status").lower() in PUBLISHED_WORDS,
        cover=SourceFile(cover, alt=_text(row, config, "cover_alt")) if cover else None,
        attachments=[SourceFile(ref) for ref in _list(row, config, "attachments")],
    )
