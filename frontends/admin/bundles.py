"""The browser bundles `npm run build` wrote into `static/build/` (docs/workspace.md).

`build.mjs` writes `manifest.json` last, listing every file it produced. A
page includes a bundle only when the manifest lists it, so an install without
npm (or an older build) serves the plain forms and nothing that 404s. The
manifest is read on each call: a build done later counts without a restart.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
BUILD_DIR = STATIC_DIR / "build"
MANIFEST = BUILD_DIR / "manifest.json"
EDITOR_FILES = ("editor.js", "editor.css")
# What the article form may load, compressed (issue 13: ≤ 300 KB of JS+CSS).
EDITOR_PAGE_FILES = (STATIC_DIR / "workspace.css", *(BUILD_DIR / f for f in EDITOR_FILES))
EDITOR_PAGE_BUDGET = 300 * 1024


def built_files() -> frozenset[str]:
    """The files the last build listed in its manifest (none without a build)."""
    try:
        data = json.loads(MANIFEST.read_text("utf-8"))
    except (OSError, ValueError):
        return frozenset()
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return frozenset()
    return frozenset(name for name in files if isinstance(name, str))


def editor_built() -> bool:
    """Whether the rich-text editor's bundle is there to include on the article form."""
    listed = built_files()
    return all(name in listed and (BUILD_DIR / name).is_file() for name in EDITOR_FILES)


def gzip_size(path: Path) -> int:
    """Bytes of ``path`` once gzipped (level 9, as a server or proxy would send it)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def editor_page_weight() -> dict[str, int]:
    """Gzipped bytes of each JS/CSS file the article form loads, by file name."""
    return {path.name: gzip_size(path) for path in EDITOR_PAGE_FILES}
