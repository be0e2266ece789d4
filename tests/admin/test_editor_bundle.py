"""The rich-text editor's bundle: built from the lock, listed in the manifest,
within the page-weight budget, and included by the article form only when built."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from frontends.admin import bundles
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.factories import make_tree

WARD = "/_t/hoankiem/quan-tri"
ADMIN = Path(bundles.__file__).resolve().parent


def test_the_editor_packages_are_pinned_exactly_and_locked() -> None:
    package = json.loads((ADMIN / "package.json").read_text("utf-8"))
    lock = json.loads((ADMIN / "package-lock.json").read_text("utf-8"))
    tiptap = {name: v for name, v in package["dependencies"].items() if name.startswith("@tiptap/")}
    assert {"@tiptap/core", "@tiptap/pm", "@tiptap/starter-kit"} <= set(tiptap)
    for name, version in tiptap.items():
        assert version[0].isdigit(), f"{name} is not pinned exactly: {version}"
        locked = lock["packages"][f"node_modules/{name}"]
        assert locked["version"] == version
        assert locked["integrity"].startswith("sha512-")
        assert locked.get("license") == "MIT"


def test_the_manifest_lists_the_editor_and_the_editor_page_weighs_under_300_kb() -> None:
    assert {"editor.js", "editor.css", "editor.js.LICENSES.txt"} <= bundles.built_files(), (
        "run npm run build"
    )
    notices = (bundles.BUILD_DIR / "editor.js.LICENSES.txt").read_text("utf-8")
    assert "@tiptap/core 3.35.0 (MIT)" in notices and "prosemirror-view" in notices
    assert bundles.editor_built()
    weight = bundles.editor_page_weight()
    assert set(weight) == {"workspace.css", "editor.js", "editor.css"}
    total = sum(weight.values())
    print(f"editor page, gzipped: {weight} = {total / 1024:.1f} KB")
    assert total <= bundles.EDITOR_PAGE_BUDGET
    # Minified: long lines (newlines remain only inside template strings).
    script = (bundles.BUILD_DIR / "editor.js").read_text("utf-8")
    assert len(script) / (script.count("\n") + 1) > 1000
    # No CDN and no stylesheet injected at run time (CSP style-src 'self').
    assert "cdn." not in script and "unpkg" not in script and "jsdelivr" not in script


async def test_the_article_form_loads_the_editor_when_built_and_is_plain_otherwise(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    await make_staff(await make_tree())
    await sign_in(client, "reporter.hoankiem")
    page = await client.get(f"{WARD}/bai-viet/moi", headers=HOST)
    assert page.status_code == 200
    assert '<script src="/_t/hoankiem/quan-tri/static/build/editor.js" defer></script>' in page.text
    assert 'href="/_t/hoankiem/quan-tri/static/build/editor.css"' in page.text
    assert "data-rich-text" in page.text
    assert "<script>" not in page.text and "style=" not in page.text
    script = await client.get("/_t/hoankiem/quan-tri/static/build/editor.js", headers=HOST)
    assert script.status_code == 200
    assert script.headers["content-type"].startswith(("text/javascript", "application/javascript"))

    # A build without the editor (an older one) or none at all: the plain textarea only.
    old = tmp_path / "manifest.json"
    old.write_text(json.dumps({"files": ["graphiql.js", "graphiql.css"]}), "utf-8")
    for manifest in (old, tmp_path / "never-built.json"):
        monkeypatch.setattr(bundles, "MANIFEST", manifest)
        assert not bundles.editor_built()
        plain = await client.get(f"{WARD}/bai-viet/moi", headers=HOST)
        assert plain.status_code == 200
        assert "editor.js" not in plain.text and "editor.css" not in plain.text
        assert 'name="body"' in plain.text
