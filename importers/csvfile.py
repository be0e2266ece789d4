"""CSV exports: a header row, then one article per row, columns named by the column map.

The bytes may be UTF-8 (with or without a BOM) or a legacy 8-bit encoding;
the delimiter is sniffed (comma, semicolon or tab, as spreadsheets write them).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hub.text.legacy import decode_bytes
from importers.config import ImportConfig
from importers.source import SourceError, SourceItem
from importers.tabular import item_from_row

# Bodies of old articles are long: the csv module's default field limit is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)


def read_rows(path: Path) -> list[dict[str, str]]:
    """Every row of the file as a dict keyed by the header."""
    text = decode_bytes(path.read_bytes())
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:4096], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        return list(reader)
    except csv.Error as exc:
        raise SourceError(f"{path}:{reader.line_num}: {exc}") from exc


def read_csv(path: Path, config: ImportConfig) -> list[SourceItem]:
    """Every row of the file as a source item."""
    return [item_from_row(row, config) for row in read_rows(path)]
