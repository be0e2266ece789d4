"""The one `search` entry point: scope, backend call, and a check against the database.

Every hit is checked against the live rows before it is shown, so an item
unpublished a moment ago disappears from results at once, even before the
indexer's event has been handled (and on any backend).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace

from hub.models import Article, ContentStatus
from hub.models.documents import LegalDocument
from hub.models.gazette import EditionStatus, GazetteEdition
from hub.search.backend import SearchBackend, SearchQuery, SearchQueryError, SearchResults
from hub.search.factory import create_backend
from hub.services.document_status import VIETNAM
from hub.services.errors import ServiceError
from tenants.models import Tenant, TenantClosure

_LIVE = {
    "article": lambda ids: Article.unscoped().filter(id__in=ids, status=ContentStatus.PUBLISHED),
    "document": lambda ids: LegalDocument.unscoped().filter(
        id__in=ids, status=ContentStatus.PUBLISHED
    ),
    "gazette": lambda ids: GazetteEdition.unscoped().filter(
        id__in=ids, status=EditionStatus.PUBLISHED.value
    ),
}


__all__ = ["VIETNAM", "SearchScope", "SearchService", "search"]


class SearchService:
    """The process's search backend, made on first use (the database must be open by then)."""

    def __init__(self, spec: str = "db") -> None:
        self.spec = spec
        self._backend: SearchBackend | None = None
        self._lock = asyncio.Lock()

    async def backend(self) -> SearchBackend:
        """The backend, its storage prepared (tables or collection created if missing)."""
        if self._backend is None:
            async with self._lock:
                if self._backend is None:
                    backend = create_backend(self.spec)
                    await backend.prepare()
                    self._backend = backend
        return self._backend

    async def close(self) -> None:
        if self._backend is not None:
            await self._backend.close()
            self._backend = None


@dataclass(frozen=True)
class SearchScope:
    """Whose content: a portal, and optionally every portal below it."""

    tenant: Tenant
    include_descendants: bool = False


async def scope_ids(scope: SearchScope) -> list[int]:
    """The tenant ids a search covers (one indexed query for the subtree)."""
    if not scope.include_descendants:
        return [scope.tenant.id]
    below = await TenantClosure.filter(ancestor_id=scope.tenant.id).values_list(
        "descendant_id", flat=True
    )
    return sorted({scope.tenant.id, *below})


async def search(backend: SearchBackend, where: SearchScope, query: SearchQuery) -> SearchResults:
    """Published items matching ``query`` within ``where``; bad queries raise ServiceError."""
    query = replace(query, tenant_ids=await scope_ids(where))
    try:
        results = await backend.search(query)
    except SearchQueryError as exc:
        raise ServiceError(exc.code, str(exc), "text") from exc
    return await _only_live(results)


async def _only_live(results: SearchResults) -> SearchResults:
    wanted: dict[str, list[int]] = {}
    for hit in results.hits:
        kind, _, pk = hit.key.partition(":")
        if kind in _LIVE and pk.isdigit():
            wanted.setdefault(kind, []).append(int(pk))
    live: set[str] = set()
    for kind, ids in wanted.items():
        rows = await _LIVE[kind](ids).values_list("id", flat=True)
        live |= {f"{kind}:{pk}" for pk in rows}
    hits = [h for h in results.hits if h.key in live]
    dropped = len(results.hits) - len(hits)
    return replace(results, hits=hits, total=max(0, results.total - dropped))
