"""Moderating, routing, answering and publishing initiatives: every step checked and logged.

The receiving portal's moderators (``INITIATIVE_MODERATE`` there) screen an
initiative, route it to the unit that must answer (anywhere in the tree) or
reject it with a reason, and publish it once answered. The unit's approvers
(``INITIATIVE_ANSWER`` in the assigned unit, or in the unit above it after an
escalation) write the official answer. Each step is one transaction: the row,
its log line, the outbox event and the citizen's mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, can
from hub.events.outbox import EventType, emit
from hub.initiatives.models import Initiative, InitiativeStatus, InitiativeStep
from hub.initiatives.submission import InitiativeErrorCode
from hub.mail import queue_mail
from hub.services.errors import ServiceError
from hub.text.folding import nfc
from hub.text.html import html_to_text, sanitize_html
from hub.working_days import deadline_after, vietnamese_date
from tenants.models import Tenant
from tenants.scope import Scope, Viewer

# The unit answers within this many working days of being assigned.
ANSWER_DAYS = 10
MAX_REASON = 2_000
MAX_ANSWER = 50_000
S = InitiativeStatus


def may_moderate(viewer: Viewer, initiative: Initiative) -> bool:
    return can(viewer, Permission.INITIATIVE_MODERATE, initiative.tenant_id)


def may_answer(viewer: Viewer, initiative: Initiative) -> bool:
    units = (initiative.assigned_tenant_id, initiative.escalated_tenant_id)
    return any(
        unit is not None and can(viewer, Permission.INITIATIVE_ANSWER, unit) for unit in units
    )


def may_see_contact(viewer: Viewer, initiative: Initiative) -> bool:
    """Whether ``viewer`` may read the citizen's name and contact (personal data)."""
    units = (initiative.tenant_id, initiative.assigned_tenant_id, initiative.escalated_tenant_id)
    return any(
        unit is not None and can(viewer, Permission.CITIZEN_CONTACT_VIEW, unit) for unit in units
    )


def may_see(viewer: Viewer, initiative: Initiative) -> bool:
    """Published ones are public; the rest are for the people who handle them."""
    return (
        initiative.status == S.PUBLISHED
        or may_moderate(viewer, initiative)
        or may_answer(viewer, initiative)
        or may_see_contact(viewer, initiative)
    )


def _fail(code: InitiativeErrorCode, message: str, field: str | None = None) -> ServiceError:
    return ServiceError(code, message, field)


async def load_for(scope: Scope, initiative_id: int) -> Initiative:
    """The initiative, if the viewer may see it (otherwise NOT_FOUND: its existence is private)."""
    initiative = await Initiative.get_or_none(id=initiative_id)
    if initiative is None or not may_see(scope.viewer, initiative):
        raise _fail(InitiativeErrorCode.NOT_FOUND, "initiative not found")
    return initiative


def _expect(initiative: Initiative, allowed: Iterable[InitiativeStatus], step: str) -> None:
    if initiative.status not in set(allowed):
        raise _fail(
            InitiativeErrorCode.WRONG_STATUS,
            f"cannot {step} an initiative that is {initiative.status.value}",
        )


async def _record(
    initiative: Initiative,
    scope: Scope,
    action: str,
    to_status: InitiativeStatus,
    *,
    changed: list[str],
    note: str = "",
    unit: int | None = None,
    event: EventType = EventType.INITIATIVE_CHANGED,
) -> None:
    """Save the row, log the step and announce it (no personal data in the event)."""
    from_status = initiative.status
    initiative.status = to_status
    await initiative.save(update_fields=[*changed, "status", "updated_at"])
    await InitiativeStep.create(
        initiative_id=initiative.id,
        action=action,
        from_status=from_status.value,
        to_status=to_status.value,
        actor_id=scope.viewer.user_id,
        tenant_id=unit,
        note=note,
    )
    await emit(
        event,
        tenant_id=initiative.tenant_id,
        object_type="Initiative",
        object_id=initiative.id,
        payload={
            "status": to_status.value,
            "action": action,
            "unit": initiative.assigned_tenant_id,
        },
    )


async def _tell_citizen(initiative: Initiative, template: str, **context: object) -> None:
    await queue_mail(
        template,
        to=initiative.contact_email,
        language=initiative.language,
        context={
            "name": initiative.contact_name,
            "title": initiative.title,
            "code": initiative.tracking_code,
            **context,
        },
        purpose=f"initiative.{template.removeprefix('initiative_')}",
        tenant_id=initiative.tenant_id,
        object_type="Initiative",
        object_id=initiative.id,
    )


async def screen(scope: Scope, initiative_id: int) -> Initiative:
    """Mark a received initiative as read and admissible."""
    async with in_transaction():
        initiative = await _moderated(scope, initiative_id)
        _expect(initiative, [S.RECEIVED], "screen")
        await _record(initiative, scope, "screened", S.SCREENED, changed=[])
    return initiative


async def assign(
    scope: Scope, initiative_id: int, unit: Tenant, note: str = "", *, at: datetime | None = None
) -> Initiative:
    """Route it to the unit that must answer, with a deadline in working days.

    ``at`` is now, except for an importer bringing older initiatives.
    """
    async with in_transaction():
        initiative = await _moderated(scope, initiative_id)
        _expect(initiative, [S.RECEIVED, S.SCREENED, S.ASSIGNED], "assign")
        moment = at or now()
        initiative.assigned_tenant_id = unit.id
        initiative.due_at = deadline_after(moment, ANSWER_DAYS)
        # A new deadline gets its own reminder and escalation.
        initiative.reminded_at = initiative.escalated_at = None
        initiative.escalated_tenant_id = None
        changed = ["assigned_tenant_id", "due_at", "reminded_at", "escalated_at"]
        changed.append("escalated_tenant_id")
        await _record(
            initiative,
            scope,
            "assigned",
            S.ASSIGNED,
            changed=changed,
            note=_plain(note, MAX_REASON),
            unit=unit.id,
        )
        due = vietnamese_date(initiative.due_at)
        await _tell_citizen(initiative, "initiative_assigned", unit=unit.name, due=due)
        if unit.email:
            await queue_mail(
                "initiative_to_unit",
                to=unit.email,
                context={
                    "unit": unit.name,
                    "title": initiative.title,
                    "due": vietnamese_date(initiative.due_at),
                    "id": initiative.id,
                },
                purpose="initiative.to_unit",
                tenant_id=unit.id,
                object_type="Initiative",
                object_id=initiative.id,
            )
    return initiative


async def reject(scope: Scope, initiative_id: int, reason: str) -> Initiative:
    """Refuse an initiative that cannot be handled, telling the citizen why."""
    reason = _plain(reason, MAX_REASON)
    if not reason:
        raise _fail(InitiativeErrorCode.INVALID_INPUT, "a reason is required", "reason")
    async with in_transaction():
        initiative = await _moderated(scope, initiative_id)
        _expect(initiative, [S.RECEIVED, S.SCREENED, S.ASSIGNED], "reject")
        initiative.rejection_reason = reason
        await _record(
            initiative, scope, "rejected", S.REJECTED, changed=["rejection_reason"], note=reason
        )
        await _tell_citizen(initiative, "initiative_rejected", reason=reason)
    return initiative


async def answer(scope: Scope, initiative_id: int, text: str) -> Initiative:
    """The unit's official answer; the citizen receives it by mail."""
    body = sanitize_html(nfc(text or "").strip())
    if not body.strip() or len(body) > MAX_ANSWER:
        raise _fail(InitiativeErrorCode.INVALID_INPUT, "an answer is required", "answer")
    async with in_transaction():
        initiative = await _locked(initiative_id)
        if not may_answer(scope.viewer, initiative):
            raise _fail(InitiativeErrorCode.FORBIDDEN, "only the assigned unit may answer")
        _expect(initiative, [S.ASSIGNED], "answer")
        moment = now()
        initiative.answer, initiative.answered_at = body, moment
        initiative.answered_late = initiative.due_at is not None and moment > initiative.due_at
        await _record(
            initiative,
            scope,
            "answered",
            S.ANSWERED,
            changed=["answer", "answered_at", "answered_late"],
            unit=initiative.assigned_tenant_id,
        )
        await _tell_citizen(initiative, "initiative_answered", answer=html_to_text(body))
    return initiative


async def publish(scope: Scope, initiative_id: int) -> Initiative:
    """Show an answered initiative, with its answer, to the public (never the contact)."""
    async with in_transaction():
        initiative = await _moderated(scope, initiative_id)
        _expect(initiative, [S.ANSWERED], "publish")
        initiative.published_at = now()
        await _record(
            initiative,
            scope,
            "published",
            S.PUBLISHED,
            changed=["published_at"],
            event=EventType.INITIATIVE_PUBLISHED,
        )
    return initiative


async def _locked(initiative_id: int) -> Initiative:
    # FOR UPDATE on PostgreSQL: two moderators acting at once take turns.
    initiative = await Initiative.select_for_update().get_or_none(id=initiative_id)
    if initiative is None:
        raise _fail(InitiativeErrorCode.NOT_FOUND, "initiative not found")
    return initiative


async def _moderated(scope: Scope, initiative_id: int) -> Initiative:
    initiative = await _locked(initiative_id)
    if not may_moderate(scope.viewer, initiative):
        if may_see(scope.viewer, initiative):
            raise _fail(InitiativeErrorCode.FORBIDDEN, "only the portal's moderators may do this")
        raise _fail(InitiativeErrorCode.NOT_FOUND, "initiative not found")
    return initiative


def _plain(text: str, limit: int) -> str:
    return nfc(text or "").strip()[:limit]
