"""The participation services on a real database: clocks, moderation, the list, ratings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from tortoise.timezone import now

from hub.auth.permissions import Role
from hub.events.models import Event
from hub.mail.models import MailMessage
from hub.participation import consultations as cons
from hub.participation import disclosures as disc
from hub.participation import inforequests as req
from hub.participation.codes import format_code, normalise_code
from hub.participation.models import (
    CommentState,
    Consultation,
    ConsultationState,
    InfoRequestStep,
    RequestState,
    Satisfaction,
)
from hub.participation.ratings import rating_statistics, rating_submit
from hub.seed.demo_participation import seed_participation
from hub.services.errors import ServiceError
from hub.working_days import VIETNAM
from tenants.scope import Scope
from tests.factories import SYSTEM_SCOPE, make_tree, make_viewer

PERSONAL = ("Nguyễn Thị Bình", "001190012345", "0912345678", "binh@example.vn", "Số 5 Hàng Bài")


def hanoi(*args: int) -> datetime:
    return datetime(*args, tzinfo=VIETNAM)


def request_fields(**kw: object) -> req.RequestFields:
    values: dict[str, object] = {
        "full_name": PERSONAL[0],
        "address": PERSONAL[4],
        "id_number": PERSONAL[1],
        "information": "Quyết định phê duyệt quy hoạch phường",
        "purpose": "Tìm hiểu quy hoạch nơi ở",
        "receive_form": "electronic",
        "receive_means": "email",
        "consent": True,
        "phone": PERSONAL[2],
        "email": PERSONAL[3],
    }
    values.update(kw)
    return req.RequestFields(**values)  # type: ignore[arg-type]


def draft(deadline: date, **kw: object) -> cons.ConsultationFields:
    values: dict[str, object] = {
        "title": "Dự thảo Quy định quản lý vỉa hè",
        "body": "<p>Điều 1. Phạm vi</p><script>alert(1)</script>",
        "deadline": deadline,
        "contact": "Văn phòng UBND phường, 024 3825 0000",
        "files": [("Toàn văn dự thảo", "https://example.vn/du-thao.pdf")],
    }
    values.update(kw)
    return cons.ConsultationFields(**values)  # type: ignore[arg-type]


async def test_a_comment_after_the_deadline_is_refused_and_moderation_decides_what_shows() -> None:
    tree = await make_tree()
    opened = hanoi(2026, 3, 2, 9)
    consultation = await cons.consultation_open(
        SYSTEM_SCOPE, tree.ward, draft(date(2026, 3, 20)), moment=opened
    )
    assert "<script>" not in consultation.body
    assert consultation.deadline == hanoi(2026, 3, 20, 23, 59, 59)
    comment = cons.CommentFields(name="Lan", body="Nên giữ lối đi 1,5 m.", consent=True)
    on_time = await cons.comment_submit(
        tree.ward, consultation.id, comment, moment=hanoi(2026, 3, 20, 23, 59)
    )
    with pytest.raises(ServiceError) as late:
        await cons.comment_submit(
            tree.ward, consultation.id, comment, moment=hanoi(2026, 3, 21, 0, 0, 1)
        )
    assert late.value.code == "DEADLINE_PASSED"
    with pytest.raises(ServiceError) as no_consent:
        await cons.comment_submit(
            tree.ward,
            consultation.id,
            cons.CommentFields(name="Lan", body="x", consent=False),
            moment=opened,
        )
    assert no_consent.value.code == "CONSENT_REQUIRED"
    with pytest.raises(ServiceError) as elsewhere:
        await cons.comment_submit(tree.other_ward, consultation.id, comment, moment=opened)
    assert elsewhere.value.code == "NOT_FOUND"
    anonymous = Scope(tenant=tree.ward)
    assert await cons.comments_of(anonymous, consultation) == []
    reporter = await make_viewer("pv", {tree.ward: [Role.REPORTER]})
    with pytest.raises(ServiceError) as forbidden:
        await cons.comment_moderate(Scope(viewer=reporter), on_time.id, CommentState.SHOWN)
    assert forbidden.value.code == "FORBIDDEN"
    editor = await make_viewer("btv", {tree.ward: [Role.EDITOR]})
    await cons.comment_moderate(Scope(viewer=editor), on_time.id, CommentState.SHOWN)
    assert [c.id for c in await cons.comments_of(anonymous, consultation)] == [on_time.id]
    # Closing: not before the deadline the public was promised; with a summary after it.
    with pytest.raises(ServiceError) as early:
        await cons.consultation_close(
            Scope(viewer=editor), consultation.id, "<p>Tổng hợp</p>", moment=opened
        )
    assert early.value.code == "STILL_OPEN"
    closed = await cons.consultation_close(
        Scope(viewer=editor), consultation.id, "<p>Tổng hợp: 1 ý kiến.</p>"
    )
    assert closed.state == ConsultationState.CLOSED and "1 ý kiến" in closed.summary
    types = await Event.filter(object_type="Consultation").values_list("type", flat=True)
    assert sorted(types) == ["consultation.changed", "consultation.changed", "consultation.opened"]


async def test_an_information_request_clock_across_a_weekend_and_a_holiday() -> None:
    tree = await make_tree()
    # Received on Friday 24/4/2026. Not working days: the weekend, Monday 27/4 (the
    # Hùng Kings' day, Sunday 26/4, moved), Thursday 30/4 and Friday 1/5. The three
    # working days are Tuesday 28/4, Wednesday 29/4 and Monday 4/5.
    received = hanoi(2026, 4, 24, 16, 30)
    request = await req.inforequest_submit(tree.ward, request_fields(), moment=received)
    assert request.due_at == hanoi(2026, 5, 4, 23, 59, 59)
    assert len(request.tracking_code) == 12 and normalise_code(format_code(request.tracking_code))
    editor = await make_viewer("btv", {tree.ward: [Role.EDITOR]})
    scope = Scope(viewer=editor)
    # Complex: 15 working days from receipt (28/4 … 20/5).
    request = await req.inforequest_classify(scope, request.id, True, "Cần tổng hợp nhiều hồ sơ")
    assert request.due_at == hanoi(2026, 5, 20, 23, 59, 59)
    # One extension of 15 working days from that deadline (21/5 … 10/6), with a reason.
    with pytest.raises(ServiceError) as no_reason:
        await req.inforequest_extend(scope, request.id, "  ")
    assert no_reason.value.code == "INVALID_INPUT"
    request = await req.inforequest_extend(scope, request.id, "Phải xin ý kiến Sở Xây dựng")
    assert request.due_at == hanoi(2026, 6, 10, 23, 59, 59)
    with pytest.raises(ServiceError) as twice:
        await req.inforequest_extend(scope, request.id, "Lần nữa")
    assert twice.value.code == "ALREADY_EXTENDED"
    request = await req.inforequest_answer(scope, request.id, "Quyết định số 12/QĐ-UBND.")
    assert request.state == RequestState.ANSWERED
    with pytest.raises(ServiceError) as closed:
        await req.inforequest_refuse(scope, request.id, "Muộn")
    assert closed.value.code == "ALREADY_CLOSED"
    steps = await InfoRequestStep.filter(request_id=request.id)
    assert [s.kind.value for s in steps] == ["received", "classified", "extended", "answered"]
    assert steps[2].note == "Phải xin ý kiến Sở Xây dựng"
    # Events carry ids, states and dates: nothing the requester typed.
    for event in await Event.filter(object_type="InfoRequest"):
        text = str(event.payload)
        assert not any(p in text for p in PERSONAL), text
    # The receipt and the answer, queued for the requester through the mail module.
    mails = await MailMessage.filter(object_type="inforequest", object_id=request.id).order_by("id")
    assert [m.template for m in mails] == ["inforequest_receipt", "inforequest_answer"]
    assert all(m.recipient == PERSONAL[3] for m in mails)
    assert format_code(request.tracking_code) in mails[0].text_body
    assert "04/05/2026" in mails[0].text_body
    assert "Quyết định số 12/QĐ-UBND." in mails[1].text_body
    assert await req.inforequest_by_code(tree.ward, format_code(request.tracking_code).lower())
    assert await req.inforequest_by_code(tree.other_ward, request.tracking_code) is None


async def test_a_request_over_tet_and_an_extension_of_a_simple_one() -> None:
    tree = await make_tree()
    # Received on Friday 13/2/2026, the last working day before Tết (16–20/2/2026):
    # due on Wednesday 25/2; extended by 15 working days to Wednesday 18/3.
    request = await req.inforequest_submit(
        tree.ward, request_fields(), moment=hanoi(2026, 2, 13, 10)
    )
    assert request.due_at == hanoi(2026, 2, 25, 23, 59, 59)
    request = await req.inforequest_extend(SYSTEM_SCOPE, request.id, "Cần thêm thời gian")
    assert request.due_at == hanoi(2026, 3, 18, 23, 59, 59)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"id_number": "12345"}, "INVALID_INPUT"),
        ({"phone": "", "email": ""}, "INVALID_INPUT"),
        ({"receive_form": "fax"}, "INVALID_INPUT"),
        ({"email": "", "receive_means": "email"}, "INVALID_INPUT"),
        ({"purpose": " "}, "INVALID_INPUT"),
        ({"full_name": "x" * 101}, "INVALID_INPUT"),
        ({"consent": False}, "CONSENT_REQUIRED"),
    ],
)
async def test_the_form_of_article_24_is_required(change: dict[str, object], code: str) -> None:
    tree = await make_tree()
    with pytest.raises(ServiceError) as refused:
        await req.inforequest_submit(tree.ward, request_fields(**change))
    assert refused.value.code == code


async def test_the_disclosure_list_is_kept_by_its_editors() -> None:
    tree = await make_tree()
    fields = disc.DisclosureFields(
        title="Dự toán ngân sách năm 2026",
        address="/van-ban/du-toan-2026",
        form="Đăng trên cổng thông tin điện tử",
        disclosure_time="Chậm nhất 5 ngày làm việc kể từ ngày tạo ra thông tin",
        duration="Ít nhất 1 năm",
        position=2,
    )
    reporter = await make_viewer("pv", {tree.ward: [Role.REPORTER]})
    with pytest.raises(ServiceError) as forbidden:
        await disc.disclosure_item_add(Scope(viewer=reporter), tree.ward, fields)
    assert forbidden.value.code == "FORBIDDEN"
    editor = Scope(viewer=await make_viewer("btv", {tree.ward: [Role.EDITOR]}))
    second = await disc.disclosure_item_add(editor, tree.ward, fields)
    fields.title, fields.position = "Cơ cấu tổ chức", 1
    first = await disc.disclosure_item_add(editor, tree.ward, fields)
    assert [i.id for i in await disc.disclosure_items(tree.ward)] == [first.id, second.id]
    fields.address = "javascript:alert(1)"
    with pytest.raises(ServiceError):
        await disc.disclosure_item_update(editor, first.id, fields)
    await disc.disclosure_item_delete(editor, first.id)
    assert [i.id for i in await disc.disclosure_items(tree.ward)] == [second.id]
    assert await disc.disclosure_items(tree.other_ward) == []
    assert await Event.filter(type="disclosure.changed").count() == 3


async def test_ratings_are_counted_per_page_and_period() -> None:
    tree = await make_tree()
    for score in (Satisfaction.SATISFIED, Satisfaction.SATISFIED, Satisfaction.UNSATISFIED):
        await rating_submit(tree.ward, "/tin-tuc/bai-a", score)
    await rating_submit(tree.ward, "/tin-tuc/bai-b?x=1#y", Satisfaction.NEUTRAL)
    await rating_submit(tree.other_ward, "/tin-tuc/bai-a", Satisfaction.NEUTRAL)
    with pytest.raises(ServiceError):
        await rating_submit(tree.ward, "https://example.com/", Satisfaction.NEUTRAL)
    editor = Scope(viewer=await make_viewer("btv", {tree.ward: [Role.EDITOR]}))
    stats = await rating_statistics(editor, tree.ward)
    assert (stats.overall.satisfied, stats.overall.neutral, stats.overall.unsatisfied) == (2, 1, 1)
    assert [(p.path, p.total) for p in stats.pages] == [
        ("/tin-tuc/bai-a", 3),
        ("/tin-tuc/bai-b", 1),
    ]
    today = now().astimezone(VIETNAM).date()
    later = await rating_statistics(editor, tree.ward, since=today + timedelta(days=1))
    assert later.overall.total == 0
    with pytest.raises(ServiceError):
        await rating_statistics(Scope(), tree.ward)


async def test_the_demo_content_seeds() -> None:
    tree = await make_tree()
    counts = await seed_participation(SYSTEM_SCOPE, {"hanoi": tree.city, "hoankiem": tree.ward})
    assert counts == {"consultations": 2, "disclosure_items": 10}
    open_ones = [c for c in await Consultation.filter(tenant_id=tree.city.id) if cons.is_open(c)]
    assert len(open_ones) == 1
    assert len(await cons.comments_of(Scope(tenant=tree.city), open_ones[0])) == 2
