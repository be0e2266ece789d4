"""Initiatives through their services: submit once, limits, moderation, routing, answers."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from tortoise.timezone import now

from hub.auth.permissions import Role
from hub.events.models import Event
from hub.initiatives import moderation
from hub.initiatives.models import Initiative, InitiativeStatus, InitiativeStep
from hub.initiatives.retention import erase_personal_data
from hub.initiatives.submission import (
    PER_ADDRESS,
    InitiativeDraft,
    normalise_tracking_code,
    submit_initiative,
)
from hub.mail import MailMessage
from hub.services.errors import ServiceError
from hub.working_days import local_date
from tenants.scope import Scope
from tests.factories import Tree, jpeg_bytes, make_tree, make_viewer


def draft(**changes: Any) -> InitiativeDraft:
    values: dict[str, Any] = {
        "title": "Mở thêm điểm tiếp nhận hồ sơ buổi tối",
        "content": "Người đi làm không kịp nộp hồ sơ trong giờ hành chính.",
        "topic": "thu-tuc-hanh-chinh",
        "contact_name": "Trần Thị Bình",
        "contact_email": "binh@example.vn",
        "consent": True,
        "contact_phone": "0912 345 678",
    }
    values.update(changes)
    return InitiativeDraft(**values)


async def send(tree: Tree, key: str = "k" * 20, address: str = "203.0.113.5", **kw: Any) -> Any:
    return await submit_initiative(
        tree.site, draft(**kw), idempotency_key=key, sender_address=address
    )


async def test_a_submission_is_stored_logged_announced_and_receipted() -> None:
    tree = await make_tree()
    done = await send(tree)
    initiative = done.initiative
    assert done.created and initiative.status == InitiativeStatus.RECEIVED
    assert normalise_tracking_code(initiative.tracking_code.lower()) == initiative.tracking_code
    assert initiative.due_at is not None and initiative.due_at > initiative.received_at
    steps = await InitiativeStep.filter(initiative_id=initiative.id)
    assert [s.action for s in steps] == ["received"]
    mails = await MailMessage.filter(object_type="Initiative", object_id=initiative.id)
    assert len(mails) == 1
    assert mails[0].recipient == "binh@example.vn"
    assert initiative.tracking_code in mails[0].text_body
    assert initiative.tracking_code not in mails[0].subject  # the delivery log shows subjects
    assert "Trần Thị Bình" in mails[0].text_body
    # The public event names the initiative, never the citizen.
    event = await Event.get(type="initiative.received", object_id=initiative.id)
    flat = repr(event.payload)
    for private in ("Bình", "binh@", "0912", initiative.tracking_code):
        assert private not in flat


async def test_one_idempotency_key_makes_one_initiative() -> None:
    tree = await make_tree()
    first = await send(tree)
    again = await send(tree)
    assert again.created is False
    assert again.initiative.id == first.initiative.id
    assert again.initiative.tracking_code == first.initiative.tracking_code
    assert await Initiative.all().count() == 1
    assert await MailMessage.filter(object_type="Initiative").count() == 1
    with pytest.raises(ServiceError) as reused:
        await send(tree, title="Một sáng kiến khác")
    assert reused.value.code == "IDEMPOTENCY_KEY_REUSED"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"consent": False}, "CONSENT_REQUIRED", "consent"),
        ({"contact_email": "không phải thư"}, "INVALID_INPUT", "contactEmail"),
        ({"title": "   "}, "INVALID_INPUT", "title"),
        ({"title": "x" * 301}, "INVALID_INPUT", "title"),
        ({"topic": "khong-co"}, "INVALID_INPUT", "topic"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_written(
    changes: dict[str, Any], code: str, field: str
) -> None:
    tree = await make_tree()
    with pytest.raises(ServiceError) as refused:
        await send(tree, **changes)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert await Initiative.all().count() == 0
    assert await MailMessage.all().count() == 0


async def test_an_attachment_goes_through_the_media_checks() -> None:
    tree = await make_tree()
    picture = ("anh.jpg", io.BytesIO(jpeg_bytes((200, 30, 30))))
    done = await send(tree, files=[picture])
    assert done.created
    with pytest.raises(ServiceError) as refused:
        await send(tree, key="j" * 20, files=[("virus.exe", io.BytesIO(b"MZ\x90\x00" * 100))])
    assert refused.value.code == "INVALID_ATTACHMENT"
    assert await Initiative.all().count() == 1  # the refused one left nothing behind


async def test_one_address_is_limited_and_others_are_not() -> None:
    tree = await make_tree()
    most = PER_ADDRESS[0]
    for n in range(most):
        await send(tree, key=f"flood-{n:016d}", contact_email=f"a{n}@example.vn")
    with pytest.raises(ServiceError) as limited:
        await send(tree, key="flood-over-the-limit", contact_email="late@example.vn")
    assert limited.value.code == "RATE_LIMITED"
    other = await send(tree, key="another-citizen-01", address="198.51.100.7")
    assert other.created
    assert await Initiative.all().count() == most + 1


async def moderators(tree: Tree) -> tuple[Scope, Scope, Scope, Scope]:
    """The reform site's editor, the ward's approver and editor, the other ward's approver."""
    tree.ward.email = "ubnd@hoankiem.hanoi.gov.vn"
    await tree.ward.save()
    reform = await make_viewer("kiemduyet", {tree.site: [Role.EDITOR]})
    ward = await make_viewer("pheduyet.hk", {tree.ward: [Role.APPROVER]})
    ward_editor = await make_viewer("bientap.hk", {tree.ward: [Role.EDITOR]})
    other = await make_viewer("pheduyet.hm", {tree.other_ward: [Role.APPROVER]})
    return Scope(viewer=reform), Scope(viewer=ward), Scope(viewer=ward_editor), Scope(viewer=other)


async def test_moderated_routed_answered_published_with_mails_at_each_step() -> None:
    tree = await make_tree()
    reform, ward, ward_editor, other = await moderators(tree)
    initiative = (await send(tree)).initiative
    # A ward cannot moderate the reform site's initiatives (nor see them before routing).
    with pytest.raises(ServiceError) as hidden:
        await moderation.screen(ward, initiative.id)
    assert hidden.value.code == "NOT_FOUND"
    await moderation.screen(reform, initiative.id)
    routed = await moderation.assign(reform, initiative.id, tree.ward, "Đề nghị phường trả lời")
    assert routed.status == InitiativeStatus.ASSIGNED and routed.assigned_tenant_id == tree.ward.id
    # Only the assigned unit's approvers answer; an editor may read, not answer.
    for scope in (other, ward_editor, reform):
        with pytest.raises(ServiceError):
            await moderation.answer(scope, initiative.id, "<p>Không phải đơn vị mình</p>")
    answered = await moderation.answer(
        ward, initiative.id, "<p>Phường sẽ mở điểm tiếp nhận đến 20 giờ.</p><script>x</script>"
    )
    assert "<script>" not in answered.answer and "20 giờ" in answered.answer
    assert answered.answered_late is False
    with pytest.raises(ServiceError) as twice:
        await moderation.answer(ward, initiative.id, "<p>Lần hai</p>")
    assert twice.value.code == "WRONG_STATUS"
    published = await moderation.publish(reform, initiative.id)
    assert published.status == InitiativeStatus.PUBLISHED
    purposes = [
        m.purpose
        for m in await MailMessage.filter(
            object_type="Initiative", object_id=initiative.id
        ).order_by("id")
    ]
    assert purposes == [
        "initiative.receipt",
        "initiative.assigned",
        "initiative.to_unit",
        "initiative.answered",
    ]
    actions = await InitiativeStep.filter(initiative_id=initiative.id).order_by("id")
    assert [s.action for s in actions] == [
        "received",
        "screened",
        "assigned",
        "answered",
        "published",
    ]
    events = await Event.filter(object_type="Initiative").order_by("id").values_list("type")
    assert [e[0] for e in events][-1] == "initiative.published"


async def test_a_rejection_needs_a_reason_and_tells_the_citizen() -> None:
    tree = await make_tree()
    reform, *_ = await moderators(tree)
    initiative = (await send(tree)).initiative
    with pytest.raises(ServiceError) as bare:
        await moderation.reject(reform, initiative.id, "  ")
    assert bare.value.field == "reason"
    rejected = await moderation.reject(reform, initiative.id, "Nội dung không thuộc thẩm quyền.")
    assert rejected.status == InitiativeStatus.REJECTED
    mail = await MailMessage.get(purpose="initiative.rejected")
    assert "không thuộc thẩm quyền" in mail.text_body


async def test_an_answer_after_the_deadline_is_counted_late() -> None:
    tree = await make_tree()
    reform, ward, *_ = await moderators(tree)
    initiative = (await send(tree)).initiative
    long_ago = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    await moderation.assign(reform, initiative.id, tree.ward, at=long_ago)
    answered = await moderation.answer(ward, initiative.id, "<p>Muộn</p>")
    assert answered.answered_late is True
    assert local_date(answered.due_at) == date(2026, 3, 16)  # 10 working days after 2/3


async def test_contact_data_is_erased_after_the_retention_period() -> None:
    tree = await make_tree()
    reform, *_ = await moderators(tree)
    closed = (await send(tree)).initiative
    still_open = (
        await send(tree, key="open-initiative-01", contact_email="o@example.vn")
    ).initiative
    await moderation.reject(reform, closed.id, "Không thuộc thẩm quyền.")
    old = now() - timedelta(days=400)
    await Initiative.filter(id__in=[closed.id, still_open.id]).update(updated_at=old)
    assert await erase_personal_data(365) == 1
    assert await erase_personal_data(365) == 0  # once
    erased = await Initiative.get(id=closed.id)
    assert (erased.contact_name, erased.contact_email, erased.contact_phone) == ("", "", "")
    assert erased.title and erased.rejection_reason  # the record itself stays
    kept = await Initiative.get(id=still_open.id)
    assert kept.contact_email == "o@example.vn"  # still being handled: kept
    assert (
        await InitiativeStep.filter(initiative_id=closed.id).order_by("-id").first()
    ).action == "erased"
