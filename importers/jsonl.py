"""JSON Lines exports: one JSON object per line, keys named by the column map."""

from __future__ import annotations

import json
from pathlib import Path

from hub.text.legacy import decode_bytes
from importers.config import ImportConfig
from importers.source import SourceError, SourceItem
from importers.tabular import item_from_row


def read_jsonl(path: Path, config: ImportConfig) -> list[SourceItem]:
    """Every object of the file as a source item (blank lines are ignored)."""
    text = decode_bytes(path.read_bytes())
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise SourceError(f"{path}:{number}: each line must be a JSON object")
        items.append(item_from_row(row, config))
    return items
