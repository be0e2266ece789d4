"""Every user-facing string has a Vietnamese translation in the catalogue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from hub.i18n import LOCALE_DIR

ROOT = Path(__file__).resolve().parent.parent


def test_vietnamese_catalogue_covers_every_string(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-k",
            "gettext:2",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    with (LOCALE_DIR / "vi" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        translated = {m.id for m in read_po(f) if m.id and m.string}
    assert wanted - translated == set()
