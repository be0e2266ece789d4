"""Reminders before an initiative's deadline and escalation after it, each sent once.

Run by the scheduler every few seconds in every hub process. Each firing is
claimed by a conditional UPDATE (``reminded_at IS NULL``, ``escalated_at IS
NULL``): whichever process wins writes the log line and the mail, the others
find nothing to do. The deadline is the end of a working day in Hà Nội
(:mod:`hub.working_days`); the reminder comes on the working day before it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.events.outbox import EventType, emit
from hub.initiatives.models import Initiative, InitiativeStatus, InitiativeStep
from hub.mail import queue_mail
from hub.working_days import local_date, vietnamese_date, working_days_between
from tenants.models import Tenant

OPEN = (InitiativeStatus.RECEIVED, InitiativeStatus.SCREENED, InitiativeStatus.ASSIGNED)
# The reminder comes when at most this many working days are left.
REMIND_WITHIN = 1
# Pre-filter in SQL: no calendar gap between a working day and the next is longer.
LONGEST_GAP = timedelta(days=12)


def responsible_unit(initiative: Initiative) -> int:
    """The unit the deadline binds: the assigned one, else the receiving portal."""
    return initiative.assigned_tenant_id or initiative.tenant_id


async def check_deadlines(moment: datetime | None = None) -> tuple[int, int]:
    """Send due reminders and escalations; how many of each this call fired."""
    moment = moment or now()
    reminded = escalated = 0
    soon = await Initiative.filter(
        status__in=OPEN, reminded_at__isnull=True, due_at__lte=moment + LONGEST_GAP
    ).order_by("id")
    for initiative in soon:
        left = working_days_between(local_date(moment), local_date(initiative.due_at))
        if left <= REMIND_WITHIN and await _remind(initiative, moment):
            reminded += 1
    late = await Initiative.filter(
        status__in=OPEN, escalated_at__isnull=True, due_at__lt=moment
    ).order_by("id")
    for initiative in late:
        if await _escalate(initiative, moment):
            escalated += 1
    return reminded, escalated


async def _remind(initiative: Initiative, moment: datetime) -> bool:
    async with in_transaction():
        claimed = await Initiative.filter(
            id=initiative.id, reminded_at__isnull=True, due_at=initiative.due_at
        ).update(reminded_at=moment)
        if not claimed:
            return False
        unit = await Tenant.get(id=responsible_unit(initiative))
        await _log(initiative, "reminded", unit.id)
        await _mail_unit(unit, "initiative_reminder", initiative)
    return True


async def _escalate(initiative: Initiative, moment: datetime) -> bool:
    async with in_transaction():
        unit = await Tenant.get(id=responsible_unit(initiative))
        # The unit above answers for the late one; the city has no one above it.
        above_id = unit.parent_id or unit.id  # type: ignore[attr-defined]
        claimed = await Initiative.filter(
            id=initiative.id, escalated_at__isnull=True, due_at=initiative.due_at
        ).update(escalated_at=moment, escalated_tenant_id=above_id)
        if not claimed:
            return False
        above = await Tenant.get(id=above_id)
        await _log(initiative, "escalated", above.id)
        await emit(
            EventType.INITIATIVE_CHANGED,
            tenant_id=initiative.tenant_id,
            object_type="Initiative",
            object_id=initiative.id,
            payload={"status": initiative.status.value, "action": "escalated", "unit": above.id},
        )
        await _mail_unit(above, "initiative_escalated", initiative, late_unit=unit.name)
    return True


async def _log(initiative: Initiative, action: str, unit_id: int) -> None:
    await InitiativeStep.create(
        initiative_id=initiative.id,
        action=action,
        from_status=initiative.status.value,
        to_status=initiative.status.value,
        tenant_id=unit_id,
    )


async def _mail_unit(unit: Tenant, template: str, initiative: Initiative, **extra: str) -> None:
    # A unit without an official address still gets the log line and the workspace queue.
    if not unit.email:
        return
    await queue_mail(
        template,
        to=unit.email,
        context={
            "unit": unit.name,
            "title": initiative.title,
            "due": vietnamese_date(initiative.due_at),
            "id": initiative.id,
            **extra,
        },
        purpose=f"initiative.{template.removeprefix('initiative_')}",
        tenant_id=unit.id,
        object_type="Initiative",
        object_id=initiative.id,
    )
