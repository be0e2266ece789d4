"""JSON Lines exports: one JSON object per line, keys named by the column map."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hub.text.legacy import decode_bytes
from importers.config import ImportConfig
from importers.source import SourceError, SourceItem
from importers.tabular import item_from_row


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Every object of the file (blank lines are ignored)."""
    text = decode_bytes(path.read_bytes())
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise SourceError(f"{path}:{number}: each line must be a JSON object")
        rows.append(row)
    return rows


def read_jsonl(path: Path, config: ImportConfig) -> list[SourceItem]:
    """Every object of the file as a source item."""
    return [item_from_row(row, config) for row in read_rows(path)]
