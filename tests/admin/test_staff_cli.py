"""`thudo role grant|revoke` and `thudo user list|reset-password|deactivate|reactivate`,
run as an operator runs them, against the test database (SQLite or PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import sys

from hub.auth.passwords import verify_password
from hub.models import Membership, User
from hub.models.newsroom import AuditEntry
from hub.settings import Settings
from tests.admin.helpers import make_staff
from tests.factories import make_tree


async def thudo(settings: Settings, *args: str) -> tuple[int, str, str]:
    env = {
        **os.environ,
        "THUDO_DATABASE_URL": settings.database_url,
        "THUDO_DATA_DIR": str(settings.data_dir),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "hub.cli",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_operators_manage_staff_from_the_command_line(settings: Settings) -> None:
    tree = await make_tree()
    await make_staff(tree)

    code, _, err = await thudo(
        settings, "role", "grant", "reporter.hoankiem", "editor", "--tenant", "hoankiem"
    )
    assert code == 0 and "reporter.hoankiem in hoankiem: reporter, editor" in err
    roles = await Membership.filter(user__username="reporter.hoankiem").values_list(
        "role", flat=True
    )
    assert sorted(roles) == ["editor", "reporter"]
    code, _, err = await thudo(
        settings, "role", "revoke", "reporter.hoankiem", "reporter", "--tenant", "hoankiem"
    )
    assert code == 0 and "in hoankiem: editor" in err
    code, _, err = await thudo(settings, "role", "grant", "ai.do", "editor", "--tenant", "hoankiem")
    assert code == 1 and "no such user" in err
    code, _, err = await thudo(
        settings, "role", "grant", "editor.hoankiem", "editor", "--tenant", "khong-co"
    )
    assert code == 1 and "no such tenant: khong-co" in err

    code, out, err = await thudo(settings, "user", "list", "--tenant", "hoangmai")
    assert code == 0 and "3 users hold roles in hoangmai" in err
    assert "editor.hoangmai\teditor\tactive\t\n" in out

    code, out, err = await thudo(settings, "user", "reset-password", "editor.hoangmai")
    password = out.strip()
    assert code == 0 and "sessions have ended" in err and len(password) == 19
    user = await User.get(username="editor.hoangmai")
    assert verify_password(user.password_hash, password) and user.session_generation == 1

    assert (await thudo(settings, "user", "deactivate", "editor.hoangmai"))[0] == 0
    assert not (await User.get(username="editor.hoangmai")).is_active
    assert (await thudo(settings, "user", "reactivate", "editor.hoangmai"))[0] == 0
    assert (await User.get(username="editor.hoangmai")).is_active

    # Each change is in the audit log of the portal concerned, by `system`.
    entries = (
        await AuditEntry.filter(object_type="User")
        .order_by("id")
        .values_list("tenant_id", "action", "actor_name")
    )
    assert entries == [
        (tree.ward.id, "role_grant", "system"),
        (tree.ward.id, "role_revoke", "system"),
        (tree.other_ward.id, "password_reset", "system"),
        (tree.other_ward.id, "deactivate", "system"),
        (tree.other_ward.id, "reactivate", "system"),
    ]
