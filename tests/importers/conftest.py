"""Fixtures of the importer tests: a portal with an old host, an export, a way to run it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from hub.events.models import Event
from hub.models import Article, Category, ImportRecord, MediaAsset, OldAddress, Tag
from hub.models.newsroom import AuditEntry, Revision
from importers.cli import READERS
from importers.config import load_config
from importers.core import ProgressHook, Report, run_import
from tenants.models import Tenant, TenantHost
from tests.factories import make_category, make_tree
from tests.importers.export import OLD_HOST, mirror

Importer = Callable[..., Awaitable[Report]]


@pytest.fixture
async def portal() -> Tenant:
    """Phường Hoàn Kiếm, also answering on its old host, with the section the map names."""
    tree = await make_tree()
    await TenantHost.create(hostname=OLD_HOST, tenant=tree.ward)
    await make_category(tree.ward, "tin-tuc")
    return tree.ward


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """The old site's pictures and files (a `wget --mirror` folder)."""
    return mirror(tmp_path)


@pytest.fixture
def do_import(files: Path) -> Importer:
    """Run one importer kind on an export file, as `thudo import` does."""

    async def run(
        kind: str,
        path: Path,
        tenant: Tenant,
        *,
        dry_run: bool = False,
        on_item: ProgressHook | None = None,
        **kw: Any,
    ) -> Report:
        config = load_config(path.parent / "map.toml")
        items = READERS[kind](path, config)
        return await run_import(
            kind, items, tenant, config, dry_run=dry_run, roots=[files], on_item=on_item, **kw
        )

    return run


async def counts(tenant: Tenant) -> dict[str, int]:
    """Rows of everything an import writes, for one portal."""
    return {
        "articles": await Article.unscoped().filter(tenant_id=tenant.id).count(),
        "revisions": await Revision.filter(article__tenant_id=tenant.id).count(),
        "audit": await AuditEntry.filter(tenant_id=tenant.id).count(),
        "events": await Event.filter(tenant_id=tenant.id).count(),
        "records": await ImportRecord.filter(tenant_id=tenant.id).count(),
        "old_addresses": await OldAddress.filter(tenant_id=tenant.id).count(),
        "media": await MediaAsset.unscoped().filter(tenant_id=tenant.id).count(),
        "tags": await Tag.unscoped().filter(tenant_id=tenant.id).count(),
        "categories": await Category.unscoped().filter(tenant_id=tenant.id).count(),
    }


async def articles(tenant: Tenant) -> list[dict[str, Any]]:
    """What readers get of a portal's imported articles, ids left out."""
    return await (
        Article.unscoped()
        .filter(tenant_id=tenant.id)
        .order_by("slug")
        .values(
            "slug",
            "title",
            "summary",
            "body",
            "status",
            "kind",
            "byline",
            "published_at",
            "category__slug",
        )
    )
