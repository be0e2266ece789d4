"""Each portal's canonical host, the one place that chooses it.

A portal answers on several hosts: `<slug>.<base domain>` always, plus the
extra hostnames of its tenant (the city's `thudo.gov.vn` and
`www.thudo.gov.vn`, the reform site's `caicachhanhchinh.hanoi.gov.vn`, the
demo's `127.0.0.1`). Links between portals, `<link rel="canonical">`,
OpenGraph URLs, `robots.txt` and the sitemaps all name one of them, chosen by
:func:`canonical_host`. The hostnames come from the API (`PortalHosts`), read
for every portal at once and remembered for ``ttl_seconds``, as long as the
hub's own tenant directory keeps them: one request in that time pays two
statements, the others none.
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from typing import Any

from starlette.requests import Request

from frontends.client import HubClient


def is_public_hostname(host: str) -> bool:
    """A real host name, not `localhost` nor an IP literal: a portal's address on the
    web, which canonical links and redirects may name."""
    if "." not in host or ":" in host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True
    return False


def canonical_host(slug: str, hostnames: list[str], base_domain: str) -> str:
    """The host a portal is known by.

    The base domain itself when the portal has it (the city: `thudo.gov.vn`,
    never `hanoi.thudo.gov.vn` or `www.`); else its first extra public
    hostname that is not a `www.` alias (an address chosen for it, such as
    `caicachhanhchinh.hanoi.gov.vn`); else `<slug>.<base domain>`.
    """
    public = [h for h in hostnames if is_public_hostname(h)]
    if base_domain in public:
        return base_domain
    chosen = [h for h in public if not h.startswith("www.")]
    return min(chosen) if chosen else f"{slug}.{base_domain}"


class PortalHosts:
    """Slug → canonical host of every portal, refreshed at most every ``ttl_seconds``."""

    def __init__(self, client: HubClient, base_domain: str, ttl_seconds: float) -> None:
        self.client = client
        self.base_domain = base_domain
        self.ttl = ttl_seconds
        self._hosts: dict[str, str] = {}
        self._read_at = float("-inf")
        self._lock = asyncio.Lock()

    def host(self, slug: str) -> str:
        return self._hosts.get(slug) or f"{slug}.{self.base_domain}"

    async def refresh(self, request: Request) -> None:
        """Read every portal's hostnames again when the copy is older than the TTL."""
        if time.monotonic() - self._read_at < self.ttl:
            return
        async with self._lock:
            if time.monotonic() - self._read_at < self.ttl:
                return  # another request read them meanwhile
            hosts: dict[str, str] = {}
            after: str | None = None
            while True:
                data: dict[str, Any] = await self.client.run(
                    "PortalHosts", {"after": after}, request
                )
                page = data["tenants"]
                for edge in page["edges"]:
                    node = edge["node"]
                    hosts[node["slug"]] = canonical_host(
                        node["slug"], node["hostnames"], self.base_domain
                    )
                if not page["pageInfo"]["hasNextPage"]:
                    break
                after = page["pageInfo"]["endCursor"]
            self._hosts = hosts
            self._read_at = time.monotonic()
