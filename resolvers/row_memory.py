"""Public rows by id, kept per process for as long as the tenant directory.

Every article card shows its section, and most show a cover picture: every list
asked the database for the sections of its page (one statement in three on the
portal's article list, ~12% of a worker's CPU) and for the cover assets with
their renditions (two more). Such rows are public (a section's name and slug, a
picture's files, size, alternative text and credit), few, and rarely change. A
:class:`RowMemory` keeps each row it read for ``ttl_seconds``
(``THUDO_TENANT_CACHE_SECONDS``), as the tenant directory keeps tenants, so an
edit reaches every process within that time. A new row needs no invalidation:
nothing refers to its id before it exists. Which rows may be served from memory,
and to whom, is decided where the memory is used (see the loaders).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

from hub.models import Category, MediaAsset

Row = TypeVar("Row")


class RowMemory(Generic[Row]):
    """Rows by id, each kept for ``ttl_seconds`` after ``fetch`` read it."""

    def __init__(
        self, fetch: Callable[[list[int]], Awaitable[Sequence[Row]]], ttl_seconds: float
    ) -> None:
        self.fetch = fetch
        self.ttl_seconds = ttl_seconds
        self._rows: dict[int, tuple[Row, float]] = {}

    def forget(self) -> None:
        """Drop every row held (an event said some changed)."""
        self._rows.clear()

    async def by_ids(self, ids: Sequence[int]) -> list[Row | None]:
        """The rows for ``ids`` (``None`` for an unknown id), fetching only those not held."""
        now = time.monotonic()
        found: dict[int, Row] = {}
        missing: list[int] = []
        for row_id in ids:
            held = self._rows.get(row_id)
            if held is not None and now - held[1] < self.ttl_seconds:
                found[row_id] = held[0]
            else:
                missing.append(row_id)
        if missing:
            for row in await self.fetch(missing):
                row_id = row.id  # type: ignore[attr-defined]
                found[row_id] = row
                self._rows[row_id] = (row, now)
        return [found.get(i) for i in ids]


async def fetch_categories(ids: list[int]) -> Sequence[Category]:
    """Sections by id (public: they are read unscoped, by ids a scoped query gave)."""
    return await Category.unscoped().filter(id__in=ids)  # type: ignore[no-any-return]


async def fetch_media_assets(ids: list[int]) -> Sequence[MediaAsset]:
    """Pictures and files by id, with the renditions behind their ``srcset``."""
    found = MediaAsset.unscoped().filter(id__in=ids).prefetch_related("renditions")
    return await found  # type: ignore[no-any-return]
