"""`thudo import`, run as the web team runs it, on a fresh SQLite data folder."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.importers.export import PUBLISHED, mirror, write_export
from tests.importers.test_documents import write_documents
from tests.test_cli import thudo


def test_import_command_dry_run_then_import_then_nothing_to_do(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    assert thudo(data_dir, "migrate").returncode == 0
    assert thudo(data_dir, "seed-demo").returncode == 0
    export = write_export("jsonl", tmp_path / "old")
    files = mirror(tmp_path / "old")
    args = ["import", "jsonl", str(export), "--portal", "hoankiem", "--map"]
    args += [str(export.parent / "map.toml"), "--media-root", str(files), "--report"]

    dry = thudo(data_dir, *args, str(tmp_path / "dry.json"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Dry run (nothing written)" in dry.stderr
    assert json.loads((tmp_path / "dry.json").read_text())["counts"]["created"] == PUBLISHED
    db = sqlite3.connect(data_dir / "thudo.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM import_record").fetchone()[0] == 0

    done = thudo(data_dir, *args, str(tmp_path / "run.json"))
    assert done.returncode == 0, done.stderr
    assert "Legacy Vietnamese text converted: tcvn3 1, vni 1" in done.stderr
    report = json.loads((tmp_path / "run.json").read_text())
    assert report["counts"]["created"] == PUBLISHED and not report["warnings"]
    imported = "SELECT COUNT(*) FROM import_record WHERE object_type = 'article'"
    assert db.execute(imported).fetchone()[0] == PUBLISHED

    again = thudo(data_dir, *args, str(tmp_path / "again.json"))
    assert again.returncode == 0
    assert set(json.loads((tmp_path / "again.json").read_text())["counts"]) == {"skipped"}

    documents = write_documents(tmp_path / "vbpl")
    args = ["import", "documents", str(documents), "--portal", "hoankiem", "--map"]
    args += [str(documents.parent / "map.toml"), "--media-root", str(files), "--report"]
    legal = thudo(data_dir, *args, str(tmp_path / "documents.json"))
    assert legal.returncode == 0, legal.stderr
    assert json.loads((tmp_path / "documents.json").read_text())["counts"] == {"created": 4}

    missing = thudo(data_dir, "import", "jsonl", str(export), "--portal", "khong-co")
    assert missing.returncode == 2 and "No such portal" in missing.stderr
