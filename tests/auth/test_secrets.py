"""Secrets fail closed (issue 14, item 2).

With ``THUDO_SECRET_KEY`` unset the hub used to sign sessions and preview
links with a fixed public string, so anyone could forge a superuser's
cookie. Now it refuses to start without a strong key, ``thudo demo`` keeps a
random key of its own in the data folder, and a rotated key keeps verifying
for a while through ``THUDO_SECRET_KEY_PREVIOUS``.
"""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from starlette.datastructures import Secret

from hub.app import create_app
from hub.auth.identity import SESSION_COOKIE, SessionSigner
from hub.auth.permissions import Role
from hub.services.preview import PreviewSigner
from hub.services.users import user_create
from hub.settings import (
    DEMO_SECRET_FILE,
    InsecureSecretKey,
    Settings,
    demo_secret_key,
    load_settings,
    secret_problem,
)
from tests.factories import PASSWORD, SYSTEM_SCOPE, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql

ROOT = Path(__file__).resolve().parents[2]
# The string the hub signed with when no key was set, public in its history.
OLD_DEFAULT = "thudo-dev-secret-change-me"
DRAFTS = '{ articles(tenant: "hoankiem", status: DRAFT) { totalCount } }'


def app_client(settings: Settings) -> httpx.AsyncClient:
    app = create_app(replace(settings, tenant_cache_seconds=0), manage_database=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://thudo.gov.vn")


async def drafts_seen(client: httpx.AsyncClient, cookie: str) -> int:
    client.cookies.set(SESSION_COOKIE, cookie, domain="thudo.gov.vn")
    result = await gql(client, DRAFTS)
    return int(result["data"]["articles"]["totalCount"])


async def test_a_cookie_forged_with_the_old_default_is_refused(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Nháp của phường", published=False)
    admin = await user_create("quantri", PASSWORD, is_superuser=True)
    assert await drafts_seen(client, SessionSigner(OLD_DEFAULT).dumps(admin.id)) == 0
    # The old default is refused as the key, and as a previous key too.
    for weak in (
        replace(settings, secret_key=Secret(OLD_DEFAULT)),
        replace(settings, previous_secret_keys=(Secret(OLD_DEFAULT),)),
    ):
        with pytest.raises(InsecureSecretKey):
            create_app(weak, manage_database=False)


def test_what_counts_as_a_strong_key() -> None:
    assert secret_problem("") == "is not set"
    assert secret_problem("x" * 31) is not None
    assert secret_problem("a" * 64) is not None  # long, but a pattern
    assert secret_problem("please-change-me-" + secrets.token_urlsafe(32)) is not None
    assert secret_problem(OLD_DEFAULT) is not None
    assert secret_problem(secrets.token_urlsafe(24)) is None  # 32 characters
    assert secret_problem(secrets.token_hex(32)) is None


def test_the_server_refuses_to_start_without_a_key(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(InsecureSecretKey, match="THUDO_SECRET_KEY is not set"):
        create_app(replace(settings, secret_key=Secret("")), manage_database=False)
    # `thudo serve` says so in one line and exits, before uvicorn starts.
    env = {k: v for k, v in os.environ.items() if not k.startswith("THUDO_")}
    env |= {"THUDO_DATA_DIR": str(tmp_path), "THUDO_SCHEDULER_SECONDS": "0"}
    env["PYTHONPATH"] = str(ROOT)  # this checkout's hub, whatever the venv points at
    try:
        done = subprocess.run(
            [sys.executable, "-m", "hub.cli", "serve", "--host", "127.0.0.1", "--port", "0"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the hub started serving without a secret key")
    assert done.returncode == 2, done.stderr
    assert "THUDO_SECRET_KEY is not set" in " ".join(done.stderr.split())


def test_the_demo_key_is_made_once_per_data_folder_and_kept(tmp_path: Path) -> None:
    first = demo_secret_key(tmp_path / "var")
    path = tmp_path / "var" / DEMO_SECRET_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_problem(first) is None
    # A restart reads the same key back: sign-ins survive it.
    assert demo_secret_key(tmp_path / "var") == first
    assert demo_secret_key(tmp_path / "other") != first
    # The environment of a demo (no key set) loads nothing else by itself.
    assert str(load_settings(env_file=None).secret_key) != first


async def test_an_old_key_still_verifies_after_rotation(settings: Settings) -> None:
    tree = await make_tree()
    draft = await make_article(tree.ward, "Nháp của phường", published=False)
    editor = await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    assert editor.user_id is not None
    old, new = secrets.token_urlsafe(48), secrets.token_urlsafe(48)
    cookie = SessionSigner(old).dumps(editor.user_id)
    preview, _ = await PreviewSigner(old).issue(SYSTEM_SCOPE, draft.id)

    rotated = replace(settings, secret_key=Secret(new), previous_secret_keys=(Secret(old),))
    async with app_client(rotated) as client:
        assert await drafts_seen(client, cookie) == 1
        page = await client.get(f"/xem-truoc/{preview}", headers={"Host": "hoankiem.thudo.gov.vn"})
        assert page.status_code == 200 and "Nháp của phường" in page.text
        # A new sign-in is signed with the new key only.
        client.cookies.clear()
        signed_in = await client.post(
            "/dang-nhap",
            data={"username": "bientap", "password": PASSWORD},
            headers={"Host": "thudo.gov.vn"},
        )
        fresh = signed_in.cookies[SESSION_COOKIE]
        assert SessionSigner(new).loads(fresh) == editor.user_id
        assert SessionSigner(old).loads(fresh) is None

    # Once the previous key is dropped, what it signed no longer opens anything.
    async with app_client(replace(settings, secret_key=Secret(new))) as client:
        assert await drafts_seen(client, cookie) == 0
        assert await drafts_seen(client, fresh) == 1
