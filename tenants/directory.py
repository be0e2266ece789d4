"""Host → tenant resolution, with a short-lived in-process copy of the tree.

A province has hundreds of portals, not millions: the whole directory fits in
memory and is reloaded every few seconds (``THUDO_TENANT_CACHE_SECONDS``), so
resolving a request's tenant costs no query on the hot path. Tenant rows are
public data (names, contacts), so sharing them across requests leaks nothing.
"""

from __future__ import annotations

import asyncio
import time

from tenants.models import Tenant, TenantHost


class TenantDirectory:
    """Finds the tenant for a hostname or a slug."""

    def __init__(self, base_domain: str, ttl_seconds: float = 5.0) -> None:
        self.base_domain = base_domain.lower().strip(".")
        self.ttl_seconds = ttl_seconds
        self._by_slug: dict[str, Tenant] = {}
        self._by_id: dict[int, Tenant] = {}
        self._by_host: dict[str, Tenant] = {}
        self._loaded_at = float("-inf")
        self._lock = asyncio.Lock()

    def invalidate(self) -> None:
        """Forget the copy; the next lookup reloads it."""
        self._loaded_at = float("-inf")

    async def by_id(self, tenant_id: int) -> Tenant | None:
        await self._ensure_fresh()
        return self._by_id.get(tenant_id)

    async def by_slug(self, slug: str) -> Tenant | None:
        await self._ensure_fresh()
        return self._by_slug.get(slug)

    async def by_host(self, host: str) -> Tenant | None:
        """Exact extra hostnames first, then `<slug>.<base domain>`."""
        await self._ensure_fresh()
        hostname = _strip_port(host).lower().rstrip(".")
        tenant = self._by_host.get(hostname)
        if tenant is not None:
            return tenant
        suffix = "." + self.base_domain
        if hostname.endswith(suffix):
            label = hostname[: -len(suffix)]
            if "." not in label:
                return self._by_slug.get(label)
        return None

    async def _ensure_fresh(self) -> None:
        if time.monotonic() - self._loaded_at < self.ttl_seconds:
            return
        async with self._lock:
            if time.monotonic() - self._loaded_at < self.ttl_seconds:
                return
            tenants = {t.id: t for t in await Tenant.all()}
            hosts = await TenantHost.all().values_list("hostname", "tenant_id")
            self._by_slug = {t.slug: t for t in tenants.values()}
            self._by_id = tenants
            self._by_host = {h: tenants[tid] for h, tid in hosts if tid in tenants}
            self._loaded_at = time.monotonic()


def _strip_port(host: str) -> str:
    if host.startswith("["):  # [::1]:8000
        return host[1 : host.index("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
