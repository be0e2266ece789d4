"""Which portals receive placements: asked on every list request, answered from memory.

Whether any live placement shows articles on a portal decides between the
plain, index-ordered list and the merged one (:func:`hub.models.content.feed_of`).
The query (:func:`~hub.models.syndication.placements_reaching`) is cheap for
the database but not for Python: building its nested SQL cost ~22% of a
worker's CPU for ``articles(tenant:, first: 20)``. The answer changes only
when a placement is created or revoked or a receiver acts on one (accept,
hide, fork, re-link), and each of these emits a ``placement.*`` event, so
each process keeps the answers and forgets them all when such an event is
written here (:meth:`PlacementReach.hold`) or seen on the outbox
(:meth:`PlacementReach.forget`); the wiring is in :mod:`hub.events.follower`.
Answers also expire after ``ttl_seconds`` (``THUDO_TENANT_CACHE_SECONDS``),
for changes that emit no event (a portal moved in the tree or changing level).
"""

from __future__ import annotations

import time

from hub.models.syndication import placements_reaching
from tenants.models import Tenant


class PlacementReach:
    """Per-process memory of :func:`receives_placements`, per portal."""

    def __init__(self, ttl_seconds: float) -> None:
        self.ttl_seconds = ttl_seconds
        self._answers: dict[int, tuple[bool, float]] = {}
        # Bumped by every forget: an answer read before it is not stored after it.
        self._generation = 0
        # The stream position (xact, id) of a placement event this process wrote
        # that the follower has not yet passed (hub.events.stream.Position).
        self._held_for: tuple[int, int] | None = None
        self._held_until = float("-inf")

    def forget(self) -> None:
        """Drop every answer (a placement or a receipt changed somewhere)."""
        self._answers.clear()
        self._generation += 1

    def hold(self, position: tuple[int, int]) -> None:
        """This process is writing the placement event at ``position``, not committed yet.

        Forget now, and keep nothing until the outbox follower has passed that
        event (or ``ttl_seconds`` have gone by, should its transaction roll
        back with no later event): an answer read between the emit and the
        commit would miss the change, and this process must see its own
        writes on the very next request.
        """
        self.forget()
        self._held_for = position if self._held_for is None else max(self._held_for, position)
        self._held_until = time.monotonic() + self.ttl_seconds

    def passed(self, position: tuple[int, int]) -> None:
        """The follower has read every committed event up to stream ``position``."""
        if self._held_for is not None and position >= self._held_for:
            self._held_for = None

    def _holding(self, at: float) -> bool:
        return self._held_for is not None and at < self._held_until

    async def receives(self, tenant: Tenant) -> bool:
        """The remembered answer if fresh, else the database's (kept unless a change
        arrived while it was read)."""
        started = time.monotonic()
        if not self._holding(started):
            known = self._answers.get(tenant.id)
            if known is not None and started - known[1] < self.ttl_seconds:
                return known[0]
        generation = self._generation
        answer = await _ask_database(tenant)
        if generation == self._generation and not self._holding(time.monotonic()):
            self._answers[tenant.id] = (answer, started)
        return answer

    @property
    def remembered(self) -> int:
        """How many portals' answers are kept."""
        return len(self._answers)


async def receives_placements(tenant: Tenant, memory: PlacementReach | None = None) -> bool:
    """Whether any live placement shows articles on this portal.

    From the process's memory when there is one (``HubServices.placement_reach``),
    else one indexed query.
    """
    if memory is None or memory.ttl_seconds <= 0:
        return await _ask_database(tenant)
    return await memory.receives(tenant)


async def _ask_database(tenant: Tenant) -> bool:
    return await placements_reaching(tenant.id, tenant.level.value).exists()  # type: ignore[no-any-return]
