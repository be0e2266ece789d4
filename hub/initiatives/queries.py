"""Reading initiatives: the public list, the moderators' queue, the citizen's status, statistics."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.timezone import now

from hub.auth.permissions import Permission, can, tenants_where
from hub.initiatives.models import Initiative, InitiativeStatus, InitiativeStep
from hub.initiatives.submission import normalise_tracking_code
from tenants.scope import Viewer

# The steps a citizen's status page shows; reminders and escalations are internal.
PUBLIC_STEPS = ("received", "screened", "assigned", "answered", "published", "rejected")


def listed(
    viewer: Viewer,
    portal_id: int,
    *,
    status: InitiativeStatus | None = None,
    topic: str | None = None,
    unit_id: int | None = None,
) -> QuerySet[Initiative]:
    """A portal's initiatives, newest first: published ones, or every one for its handlers.

    Handlers are the portal's moderators, and a unit's people for what is
    assigned to that unit; everyone else sees only what is published.
    """
    qs = Initiative.filter(tenant_id=portal_id)
    if not can(viewer, Permission.INITIATIVE_MODERATE, portal_id):
        mine = (
            list(tenants_where(viewer, Permission.INITIATIVE_ANSWER))
            if viewer.is_authenticated
            else []
        )
        visible = Q(status=InitiativeStatus.PUBLISHED)
        if mine:
            visible |= Q(assigned_tenant_id__in=mine)
        qs = qs.filter(visible)
    if status is not None:
        qs = qs.filter(status=status)
    if topic:
        qs = qs.filter(topic=topic)
    if unit_id is not None:
        qs = qs.filter(assigned_tenant_id=unit_id)
    return qs.order_by("-id")


def queue(
    viewer: Viewer, portal_id: int, status: InitiativeStatus | None = None
) -> QuerySet[Initiative]:
    """What a portal's people handle, newest first: what it received, if they moderate
    there, and what was routed (or escalated) to it, if they answer or read contacts there."""
    parts = Q(pk__in=[])  # nothing, unless a permission below adds to it
    if can(viewer, Permission.INITIATIVE_MODERATE, portal_id):
        parts |= Q(tenant_id=portal_id)
    if can(viewer, Permission.INITIATIVE_ANSWER, portal_id) or can(
        viewer, Permission.CITIZEN_CONTACT_VIEW, portal_id
    ):
        parts |= Q(assigned_tenant_id=portal_id) | Q(escalated_tenant_id=portal_id)
    qs = Initiative.filter(parts)
    if status is not None:
        qs = qs.filter(status=status)
    return qs.order_by("-id")


async def by_tracking_code(code: str) -> Initiative | None:
    """The initiative a citizen's code opens (None for a wrong or malformed code)."""
    normal = normalise_tracking_code(code)
    return await Initiative.get_or_none(tracking_code=normal) if normal else None


async def public_steps(initiative: Initiative) -> list[InitiativeStep]:
    """Its log as the citizen sees it: the status changes, oldest first."""
    return await InitiativeStep.filter(
        initiative_id=initiative.id, action__in=PUBLIC_STEPS
    ).order_by("id")


@dataclass(frozen=True)
class UnitStatistics:
    """How one unit dealt with the initiatives routed to it."""

    unit_id: int
    received: int  # routed to it, in any state since
    answered_on_time: int
    answered_late: int
    open: int  # assigned and not answered yet
    overdue: int  # of the open ones, past their deadline


async def statistics(portal_id: int) -> list[UnitStatistics]:
    """Per unit that was assigned initiatives of this portal, most initiatives first."""
    rows = (
        await Initiative.filter(tenant_id=portal_id, assigned_tenant_id__isnull=False)
        .group_by("assigned_tenant_id", "status", "answered_late")
        .annotate(n=Count("id"))
        .values("assigned_tenant_id", "status", "answered_late", "n")
    )
    overdue_rows = (
        await Initiative.filter(
            tenant_id=portal_id, status=InitiativeStatus.ASSIGNED, due_at__lt=now()
        )
        .group_by("assigned_tenant_id")
        .annotate(n=Count("id"))
        .values("assigned_tenant_id", "n")
    )
    overdue = {row["assigned_tenant_id"]: row["n"] for row in overdue_rows}
    units: dict[int, dict[str, int]] = {}
    done = (InitiativeStatus.ANSWERED, InitiativeStatus.PUBLISHED)
    for row in rows:
        counts = units.setdefault(
            row["assigned_tenant_id"], {"received": 0, "on_time": 0, "late": 0, "open": 0}
        )
        counts["received"] += row["n"]
        if row["status"] in done:
            counts["late" if row["answered_late"] else "on_time"] += row["n"]
        elif row["status"] == InitiativeStatus.ASSIGNED:
            counts["open"] += row["n"]
    stats = [
        UnitStatistics(
            unit_id=unit,
            received=c["received"],
            answered_on_time=c["on_time"],
            answered_late=c["late"],
            open=c["open"],
            overdue=overdue.get(unit, 0),
        )
        for unit, c in units.items()
    ]
    return sorted(stats, key=lambda s: (-s.received, s.unit_id))
