"""Per-request DataLoaders, named ``<thing>_by_<key>``.

They live on the request context, never at module level: a shared cache
would leak one tenant's or viewer's rows into another's response. Loaders
key by ids that a scoped query already returned, so they read unscoped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from strawberry.dataloader import DataLoader

from hub.models import Category, MediaAsset
from hub.models.newsroom import Revision
from hub.models.syndication import GatheringRule, PlacementReceipt
from hub.services.media_usage import MediaUsage, usages_of
from resolvers.article_loaders import ArticleLoaders
from resolvers.document_loaders import DocumentLoaders
from resolvers.row_memory import RowMemory
from tenants.directory import TenantDirectory
from tenants.models import Tenant, TenantHost
from tenants.scope import Scope


async def _tenants_by_id(ids: Sequence[int]) -> list[Tenant | None]:
    rows = {t.id: t for t in await Tenant.filter(id__in=list(ids))}
    return [rows.get(i) for i in ids]


async def _tenants_by_slug(slugs: Sequence[str]) -> list[Tenant | None]:
    rows = {t.slug: t for t in await Tenant.filter(slug__in=list(slugs))}
    return [rows.get(s) for s in slugs]


async def _tenant_children(ids: Sequence[int]) -> list[list[Tenant]]:
    grouped: dict[int, list[Tenant]] = defaultdict(list)
    for t in await Tenant.filter(parent_id__in=list(ids)).order_by("name"):
        grouped[t.parent_id].append(t)  # type: ignore[index]
    return [grouped[i] for i in ids]


async def _tenant_hostnames(ids: Sequence[int]) -> list[list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    rows = await TenantHost.filter(tenant_id__in=list(ids)).order_by("hostname")
    for host in rows:
        grouped[host.tenant_id].append(host.hostname)  # type: ignore[attr-defined]
    return [grouped[i] for i in ids]


async def _categories_by_id(ids: Sequence[int]) -> list[Category | None]:
    rows = {c.id: c for c in await Category.unscoped().filter(id__in=list(ids))}
    return [rows.get(i) for i in ids]


async def _revisions_by_article(ids: Sequence[int]) -> list[list[Revision]]:
    grouped: dict[int, list[Revision]] = defaultdict(list)
    for revision in await Revision.filter(article_id__in=list(ids)).order_by("-number"):
        grouped[revision.article_id].append(revision)
    return [grouped[i] for i in ids]


async def _receipts_by_placement(
    keys: Sequence[tuple[int, int]],
) -> list[PlacementReceipt | None]:
    rows = await PlacementReceipt.filter(
        placement_id__in={p for p, _ in keys}, tenant_id__in={t for _, t in keys}
    )
    found = {(r.placement_id, r.tenant_id): r for r in rows}
    return [found.get(key) for key in keys]


async def _gathering_rules_by_id(ids: Sequence[int]) -> list[GatheringRule | None]:
    rows = {r.id: r for r in await GatheringRule.filter(id__in=list(ids))}
    return [rows.get(i) for i in ids]


class Loaders(ArticleLoaders):
    """The loaders of one request, created on first use."""

    def __init__(
        self,
        scope: Scope,
        directory: TenantDirectory | None = None,
        categories: RowMemory[Category] | None = None,
        media_assets: RowMemory[MediaAsset] | None = None,
    ) -> None:
        super().__init__(scope, directory, media_assets)
        self.categories = categories

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """Small per-request answers that are not worth a DataLoader."""
        return {}

    def prime_tenant(self, tenant: Tenant) -> None:
        """Seed both tenant loaders with a row the request already holds."""
        self.tenant_by_id.prime(tenant.id, tenant)
        self.tenant_by_slug.prime(tenant.slug, tenant)

    @cached_property
    def tenant_by_id(self) -> DataLoader[int, Tenant | None]:
        directory = self.directory

        async def load(ids: Sequence[int]) -> list[Tenant | None]:
            # Tenant rows are public and held in memory by the process's directory.
            if directory is not None:
                return [await directory.by_id(i) for i in ids]
            return await _tenants_by_id(ids)

        return DataLoader(load_fn=load)

    @cached_property
    def tenant_by_slug(self) -> DataLoader[str, Tenant | None]:
        return DataLoader(load_fn=self._load_tenants_by_slug)

    async def _load_tenants_by_slug(self, slugs: Sequence[str]) -> list[Tenant | None]:
        found = await _tenants_by_slug(slugs)
        for tenant in found:
            if tenant is not None:
                self.tenant_by_id.prime(tenant.id, tenant)
        return found

    @cached_property
    def tenant_children(self) -> DataLoader[int, list[Tenant]]:
        return DataLoader(load_fn=_tenant_children)

    @cached_property
    def tenant_hostnames(self) -> DataLoader[int, list[str]]:
        return DataLoader(load_fn=_tenant_hostnames)

    @cached_property
    def revisions_by_article(self) -> DataLoader[int, list[Revision]]:
        return DataLoader(load_fn=_revisions_by_article)

    @cached_property
    def media_usages(self) -> DataLoader[MediaAsset, list[MediaUsage]]:
        """Where each asset of a page is used, in one batch (keyed by the asset row)."""

        async def load(assets: Sequence[MediaAsset]) -> list[list[MediaUsage]]:
            found = await usages_of(assets)
            return [found.get(a.id, []) for a in assets]

        return DataLoader(load_fn=load, cache_key_fn=lambda asset: asset.id)

    @cached_property
    def documents(self) -> DocumentLoaders:
        return DocumentLoaders()

    @cached_property
    def receipt_by_placement(self) -> DataLoader[tuple[int, int], PlacementReceipt | None]:
        """A receiving portal's choices, by (placement id, portal id)."""
        return DataLoader(load_fn=_receipts_by_placement)

    @cached_property
    def gathering_rule_by_id(self) -> DataLoader[int, GatheringRule | None]:
        """Sites' gathering rules (public rows), by id."""
        return DataLoader(load_fn=_gathering_rules_by_id)

    @cached_property
    def category_by_id(self) -> DataLoader[int, Category | None]:
        # Sections are public rows: the process's memory serves them when it has one.
        memory = self.categories
        return DataLoader(load_fn=memory.by_ids if memory is not None else _categories_by_id)
