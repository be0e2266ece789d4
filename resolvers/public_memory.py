"""Public lists that change rarely, answered from the process's memory for readers.

Every portal page shows the portal's sections (its menu), and the city's home
page lists its departments and special sites: two statements on every page,
for answers that change a few times a year. For anonymous readers the process
keeps each such answer for ``ttl_seconds`` (``THUDO_TENANT_CACHE_SECONDS``,
like the tenant directory the same rows come from), so a new section or unit
reaches the public pages of every process within that time, without a restart.
Signed-in viewers (editors, integrators with a token) always get the
database's answer, so whoever just created a section sees it at once.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from strawberry.types import Info

T = TypeVar("T")


class PublicAnswers:
    """Answers by key, each kept for ``ttl_seconds``; at most ``max_entries`` of them."""

    def __init__(self, ttl_seconds: float, max_entries: int = 2048) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._answers: OrderedDict[Hashable, tuple[Any, float]] = OrderedDict()

    def forget(self) -> None:
        """Drop every answer held (an event said some changed)."""
        self._answers.clear()

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        """The kept answer for ``key`` while fresh, else ``compute()``'s (then kept)."""
        held = self._answers.get(key)
        now = time.monotonic()
        if held is not None and now - held[1] < self.ttl_seconds:
            self._answers.move_to_end(key)
            return held[0]  # type: ignore[no-any-return]
        answer = await compute()
        self._answers[key] = (answer, now)
        self._answers.move_to_end(key)
        while len(self._answers) > self.max_entries:
            self._answers.popitem(last=False)
        return answer


async def for_readers(info: Info, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
    """``compute()``'s answer, from the process's memory when the viewer is anonymous."""
    memory: PublicAnswers | None = info.context.services.public_answers
    if memory is None or info.context.scope.viewer.is_authenticated:
        return await compute()
    return await memory.get(key, compute)
