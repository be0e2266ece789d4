"""Deadlines on the real calendar: Tết is skipped; the reminder and the escalation fire once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hub.auth.permissions import Role
from hub.initiatives import moderation
from hub.initiatives.deadlines import check_deadlines
from hub.initiatives.models import Initiative, InitiativeStep
from hub.initiatives.submission import SCREENING_DAYS, InitiativeDraft, submit_initiative
from hub.mail import MailMessage
from hub.working_days import local_date
from tenants.scope import Scope
from tests.factories import make_tree, make_viewer


def hanoi(day: date, hour: int) -> datetime:
    """``hour`` o'clock in Hà Nội on ``day``, as UTC (Hà Nội is UTC+7)."""
    return datetime(day.year, day.month, day.day, hour - 7, tzinfo=UTC)


async def test_received_on_the_last_working_day_before_tet_2026() -> None:
    tree = await make_tree()
    tree.site.email = "caicach@hanoi.gov.vn"
    tree.ward.email = "ubnd@hoankiem.hanoi.gov.vn"
    tree.city.email = "vpubnd@hanoi.gov.vn"
    for tenant in (tree.site, tree.ward, tree.city):
        await tenant.save()
    reform = Scope(viewer=await make_viewer("kiemduyet", {tree.site: [Role.EDITOR]}))
    # Friday 13/02/2026, 16:00 in Hà Nội; 14–22/02 are a weekend, Tết and a weekend.
    received = hanoi(date(2026, 2, 13), 16)
    done = await submit_initiative(
        tree.site,
        InitiativeDraft(
            title="Kéo dài giờ tiếp dân dịp Tết",
            content="…",
            topic="thu-tuc-hanh-chinh",
            contact_name="Lê Văn Cường",
            contact_email="cuong@example.vn",
            consent=True,
        ),
        idempotency_key="tet-2026-initiative",
        sender_address="203.0.113.9",
        received_at=received,
    )
    initiative = done.initiative
    # Screening: 3 working days after 13/02 are 23, 24 and 25/02 (not 18/02).
    assert SCREENING_DAYS == 3
    assert local_date(initiative.due_at) == date(2026, 2, 25)
    # Routed the same afternoon: 10 working days are 23/02 … 06/03.
    await moderation.assign(reform, initiative.id, tree.ward, at=received)
    initiative = await Initiative.get(id=initiative.id)
    assert local_date(initiative.due_at) == date(2026, 3, 6)

    # During Tết, and on Wednesday 04/03 (two working days left): nothing fires.
    assert await check_deadlines(hanoi(date(2026, 2, 18), 9)) == (0, 0)
    assert await check_deadlines(hanoi(date(2026, 3, 4), 9)) == (0, 0)
    # Thursday 05/03, one working day left: the reminder, once, however often it is asked.
    assert await check_deadlines(hanoi(date(2026, 3, 5), 9)) == (1, 0)
    assert await check_deadlines(hanoi(date(2026, 3, 5), 10)) == (0, 0)
    # Still in time on the last evening; past midnight of 06/03 it is late.
    assert await check_deadlines(hanoi(date(2026, 3, 6), 23)) == (0, 0)
    assert await check_deadlines(hanoi(date(2026, 3, 7), 8)) == (0, 1)
    assert await check_deadlines(hanoi(date(2026, 3, 9), 8)) == (0, 0)

    initiative = await Initiative.get(id=initiative.id)
    assert initiative.escalated_tenant_id == tree.city.id  # the ward's parent
    steps = await InitiativeStep.filter(initiative_id=initiative.id).order_by("id")
    assert [s.action for s in steps] == ["received", "assigned", "reminded", "escalated"]
    reminder = await MailMessage.filter(purpose="initiative.reminder")
    escalation = await MailMessage.filter(purpose="initiative.escalated")
    assert [m.recipient for m in reminder] == ["ubnd@hoankiem.hanoi.gov.vn"]
    assert [m.recipient for m in escalation] == ["vpubnd@hanoi.gov.vn"]
    assert "06/03/2026" in reminder[0].text_body


async def test_routing_again_gives_a_new_deadline_its_own_reminder() -> None:
    tree = await make_tree()
    reform = Scope(viewer=await make_viewer("kiemduyet", {tree.site: [Role.EDITOR]}))
    received = hanoi(date(2026, 12, 1), 9)  # a Tuesday
    done = await submit_initiative(
        tree.site,
        InitiativeDraft(
            title="Thêm cây xanh",
            content="…",
            topic="moi-truong",
            contact_name="Phạm Dung",
            contact_email="dung@example.vn",
            consent=True,
        ),
        idempotency_key="reroute-initiative-1",
        sender_address="203.0.113.10",
        received_at=received,
    )
    await moderation.assign(reform, done.initiative.id, tree.ward, at=received)
    assert await check_deadlines(hanoi(date(2026, 12, 14), 9)) == (1, 0)
    # Re-routed to the other ward: a fresh deadline, reminded again when it comes.
    await moderation.assign(
        reform, done.initiative.id, tree.other_ward, at=hanoi(date(2026, 12, 14), 10)
    )
    assert await check_deadlines(hanoi(date(2026, 12, 14), 11)) == (0, 0)
    assert await check_deadlines(hanoi(date(2026, 12, 25), 9)) == (1, 0)
