"""Sections (categories) by id, kept per process for as long as the tenant directory.

Every article card shows its section, so every article list asked the database
for the sections of its page: one statement in three on the portal's article
list, ~12% of a worker's CPU. Sections are public (a name and a slug), few
(a few thousand in a province) and almost never change: the hub's services only
create them, and an edit made in the database directly shows within
``ttl_seconds`` (``THUDO_TENANT_CACHE_SECONDS``), as tenant edits do. A new
section needs no invalidation: nothing refers to its id before it exists.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from hub.models import Category


class CategoryMemory:
    """Category rows by id, each kept for ``ttl_seconds`` after it was read."""

    def __init__(self, ttl_seconds: float) -> None:
        self.ttl_seconds = ttl_seconds
        self._rows: dict[int, tuple[Category, float]] = {}

    async def by_ids(self, ids: Sequence[int]) -> list[Category | None]:
        """The rows for ``ids`` (``None`` for an unknown id), asking only for those not held."""
        now = time.monotonic()
        found: dict[int, Category] = {}
        missing: list[int] = []
        for category_id in ids:
            held = self._rows.get(category_id)
            if held is not None and now - held[1] < self.ttl_seconds:
                found[category_id] = held[0]
            else:
                missing.append(category_id)
        if missing:
            for row in await Category.unscoped().filter(id__in=missing):
                found[row.id] = row
                self._rows[row.id] = (row, now)
        return [found.get(i) for i in ids]

    def forget(self) -> None:
        """Drop every row (an operator changed sections in the database)."""
        self._rows.clear()
