"""The `thudo` command, run as a user would run it, on a fresh SQLite data folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def thudo(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "THUDO_DATA_DIR": str(data_dir)}
    env.pop("THUDO_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "hub.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "var"


def test_migrate_seed_and_create_user(data_dir: Path) -> None:
    assert thudo(data_dir, "migrate").returncode == 0
    seeded = thudo(data_dir, "seed-demo")
    assert seeded.returncode == 0, seeded.stderr
    db = sqlite3.connect(data_dir / "thudo.sqlite3")
    slugs = {row[0] for row in db.execute("SELECT slug FROM tenant")}
    assert {"hanoi", "soxaydung", "sonoivu", "hoankiem", "caicachhanhchinh"} <= slugs
    assert db.execute("SELECT COUNT(*) FROM article WHERE status = 'published'").fetchone()[0] > 100
    again = thudo(data_dir, "seed-demo")
    assert "nothing seeded" in again.stderr
    created = thudo(
        data_dir,
        "user",
        "create",
        "phongvien.a",
        "--tenant",
        "hoankiem",
        "--role",
        "reporter",
        "--password-stdin",
        stdin="mat-khau-du-dai\n",
    )
    assert created.returncode == 0, created.stderr
    short = thudo(data_dir, "user", "create", "ngan", "--password-stdin", stdin="ngan\n")
    assert short.returncode == 1 and "at least" in short.stderr
    nowhere = thudo(
        data_dir, "user", "create", "lac.duong", "--tenant", "khong-co", "--role", "reporter",
        "--password-stdin", stdin="mat-khau-du-dai\n",
    )  # fmt: skip
    assert nowhere.returncode == 1 and "no such tenant: khong-co" in nowhere.stderr
    row = db.execute(
        "SELECT m.role, t.slug, u.password_hash FROM membership m JOIN tenant t ON t.id = m.tenant_id"
        " JOIN user u ON u.id = m.user_id WHERE u.username = 'phongvien.a'"
    ).fetchone()
    assert row[:2] == ("reporter", "hoankiem") and row[2].startswith("$argon2id$")
    token = thudo(data_dir, "user", "token", "phongvien.a", "--name", "tich-hop")
    assert token.returncode == 0 and token.stdout.startswith("thd_")
    # A new password and a deactivation each end the user's sessions (generation up).
    changed = thudo(
        data_dir, "user", "password", "phongvien.a", "--password-stdin", stdin="mat-khau-moi-hon\n"
    )
    assert changed.returncode == 0 and "sessions have ended" in changed.stderr
    assert thudo(data_dir, "user", "deactivate", "phongvien.a").returncode == 0
    active, generation = db.execute(
        "SELECT is_active, session_generation FROM user WHERE username = 'phongvien.a'"
    ).fetchone()
    assert (active, generation) == (0, 2)
    assert thudo(data_dir, "user", "deactivate", "khong-co").returncode == 1


def test_purge_personal_data_keeps_what_is_recent(data_dir: Path) -> None:
    assert thudo(data_dir, "migrate").returncode == 0
    assert thudo(data_dir, "seed-demo").returncode == 0
    db = sqlite3.connect(data_dir / "thudo.sqlite3")
    # The demo's published initiative, closed "long ago".
    db.execute("UPDATE initiative SET updated_at = '2020-01-01 00:00:00+00:00'")
    db.commit()
    purged = thudo(data_dir, "purge-personal-data", "--days", "365")
    assert purged.returncode == 0, purged.stderr
    assert "Erased the contact data of 1 closed initiatives" in purged.stderr + purged.stdout
    emails = [r[0] for r in db.execute("SELECT contact_email FROM initiative ORDER BY id")]
    assert emails == ["", "nguoidan2@example.vn", "nguoidan3@example.vn"]
    bad = thudo(data_dir, "purge-personal-data", "--days", "0")
    assert (
        bad.returncode == 2 and "at least one day" in bad.stderr and "Traceback" not in bad.stderr
    )
