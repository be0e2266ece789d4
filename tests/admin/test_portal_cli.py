"""`thudo portal …` and `thudo category …`, run as an operator runs them, against the
test database (SQLite or PostgreSQL): the same services, checks and audit as the API."""

from __future__ import annotations

import asyncio
import os
import sys

from hub.models import Article, Category
from hub.models.newsroom import AuditEntry
from hub.settings import Settings
from tenants.hierarchy import ancestors_of
from tenants.models import Tenant, TenantHost
from tests.factories import make_category, make_tree


async def thudo(settings: Settings, *args: str) -> tuple[int, str]:
    env = {
        **os.environ,
        "THUDO_DATABASE_URL": settings.database_url,
        "THUDO_DATA_DIR": str(settings.data_dir),
        "COLUMNS": "200",  # rich wraps long lines at the terminal's width
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
    _, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, err.decode()


async def test_operators_set_portals_and_sections_from_the_command_line(
    settings: Settings,
) -> None:
    tree = await make_tree()
    await make_category(tree.ward)

    code, err = await thudo(
        settings, "portal", "set", "hoankiem", "--email", "VP@HoanKiem.gov.vn",
        "--self-approval", "on", "--english", "on",
    )  # fmt: skip
    assert code == 0 and "settings of hoankiem saved" in err
    ward = await Tenant.get(slug="hoankiem")
    assert (ward.email, ward.self_approval_allowed, ward.english_enabled) == (
        "VP@hoankiem.gov.vn",
        True,
        True,
    )
    entry = await AuditEntry.get(object_type="Tenant", action="settings")
    assert entry.actor_name == "system"
    assert entry.changes["self_approval_allowed"] == [False, True]
    code, err = await thudo(settings, "portal", "set", "hoankiem", "--email", "khong hop le")
    assert code == 1 and "INVALID_INPUT" in err and "(email)" in err
    assert (await Tenant.get(slug="hoankiem")).email == "VP@hoankiem.gov.vn"

    code, err = await thudo(settings, "portal", "host-add", "hoankiem", "hk.hanoi.gov.vn")
    assert code == 0 and await TenantHost.exists(hostname="hk.hanoi.gov.vn", tenant_id=ward.id)
    code, err = await thudo(settings, "portal", "host-add", "hoangmai", "hk.hanoi.gov.vn")
    assert code == 1 and "HOSTNAME_TAKEN" in err
    code, err = await thudo(settings, "portal", "host-add", "hoangmai", "http://hm.vn")
    assert code == 1 and "INVALID_HOSTNAME" in err
    code, err = await thudo(settings, "portal", "host-remove", "hoankiem", "hk.hanoi.gov.vn")
    assert code == 0 and not await TenantHost.exists(hostname="hk.hanoi.gov.vn")

    code, err = await thudo(
        settings, "category", "add", "hoankiem", "thong-bao", "--name", "Thông báo",
        "--name-en", "Notices",
    )  # fmt: skip
    assert code == 0, err
    code, err = await thudo(
        settings, "category", "rename", "hoankiem", "tin-tuc", "--name", "Tin hoạt động"
    )
    assert code == 0, err
    code, err = await thudo(settings, "category", "order", "hoankiem", "thong-bao", "tin-tuc")
    assert code == 0, err
    sections = await Category.unscoped().filter(tenant_id=ward.id).order_by("position")
    assert [(c.slug, c.name) for c in sections] == [
        ("thong-bao", "Thông báo"),
        ("tin-tuc", "Tin hoạt động"),
    ]
    code, err = await thudo(settings, "category", "order", "hoankiem", "thong-bao")
    assert code == 1 and "INVALID_INPUT" in err

    code, err = await thudo(
        settings, "portal", "create", "phuongmoi", "--parent", "hanoi", "--name", "Phường Mới",
        "--level", "commune",
    )  # fmt: skip
    assert code == 0, err
    new = await Tenant.get(slug="phuongmoi")
    assert await Category.unscoped().filter(tenant_id=new.id).count() == 5
    assert await Article.unscoped().filter(tenant_id=new.id).count() == 3
    code, err = await thudo(settings, "portal", "move", "phuongmoi", "--parent", "soxaydung")
    assert code == 0, err
    assert [t.slug for t in await ancestors_of(new)] == ["hanoi", "soxaydung"]
    code, err = await thudo(settings, "portal", "move", "hanoi", "--parent", "phuongmoi")
    assert code == 1 and "INVALID_PARENT" in err
