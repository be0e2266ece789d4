"""Scheduled publication happens once, on time, even with several hub processes."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from pathlib import Path

import pytest
from tortoise.timezone import now

from hub.models import Article, ContentStatus
from hub.models.newsroom import AuditEntry
from hub.services.errors import ServiceError
from hub.services.scheduler import run_due
from hub.services.workflow import article_schedule, take_step
from hub.settings import Settings
from tenants.models import Tenant
from tests.factories import SYSTEM_SCOPE, make_article, make_tree
from tests.hub_process import hub_processes


async def _approved(title: str, tenant: Tenant | None = None) -> Article:
    tenant = tenant or (await make_tree()).city
    article = await make_article(tenant, title, published=False)
    await take_step(SYSTEM_SCOPE, article.id, "submit")
    return await take_step(SYSTEM_SCOPE, article.id, "approve")


async def test_due_articles_are_claimed_exactly_once() -> None:
    article = await _approved("Thông báo có hẹn giờ")
    at = now() + timedelta(hours=1)
    await article_schedule(SYSTEM_SCOPE, article.id, at, at + timedelta(days=1))
    assert await run_due(now()) == []  # not yet
    later = at + timedelta(minutes=1)
    # Several rounds racing at once: one wins the row, the others find it taken.
    rounds = await asyncio.gather(*(run_due(later) for _ in range(4)))
    assert sorted(i for won in rounds for i in won) == [article.id]
    await article.refresh_from_db()
    assert article.status == ContentStatus.PUBLISHED and article.published_at == at
    assert await AuditEntry.filter(action="publish", actor_name="scheduler").count() == 1
    # The embargo's end takes it down, once.
    assert await run_due(at + timedelta(days=2)) == [article.id]
    await article.refresh_from_db()
    assert article.status == ContentStatus.UNPUBLISHED


async def test_schedule_rules() -> None:
    article = await _approved("Lịch không hợp lệ")
    with pytest.raises(ServiceError) as past:
        await article_schedule(SYSTEM_SCOPE, article.id, now() - timedelta(minutes=1), None)
    assert past.value.code == "INVALID_INPUT"
    at = now() + timedelta(hours=1)
    with pytest.raises(ServiceError) as backwards:
        await article_schedule(SYSTEM_SCOPE, article.id, at, at - timedelta(minutes=5))
    assert backwards.value.field == "unpublishAt"
    draft = await make_article(
        await article.tenant,
        "Bản nháp",
        published=False,  # type: ignore[arg-type]
    )
    with pytest.raises(ServiceError) as not_approved:
        await article_schedule(SYSTEM_SCOPE, draft.id, at, None)
    assert not_approved.value.code == "INVALID_TRANSITION"


async def _until_published(article: Article, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        await article.refresh_from_db()
        if article.status == ContentStatus.PUBLISHED:
            return
        assert time.monotonic() < deadline, "the scheduler never published the article"
        await asyncio.sleep(0.1)


async def test_two_hub_processes_publish_a_scheduled_article_once(
    settings: Settings, tmp_path: Path
) -> None:
    article = await _approved("Công bố kết quả tuyển dụng")
    with hub_processes(settings, tmp_path, 2, THUDO_SCHEDULER_SECONDS="0.3"):
        at = now() + timedelta(seconds=1)
        await article_schedule(SYSTEM_SCOPE, article.id, at, None)
        # How late it comes depends on the machine's load: that figure is the
        # scheduler benchmark's; this test pins the behaviour. The bound only
        # keeps a broken scheduler from hanging the suite.
        await _until_published(article, seconds=120)
        entries = await AuditEntry.filter(object_id=article.id, action="publish")
        assert len(entries) == 1 and entries[0].actor_name == "scheduler"
        assert entries[0].at >= at, "published before its time"
        # Both processes keep running their rounds; neither may publish it again.
        await asyncio.sleep(3 * 0.3 + 1)
    entries = await AuditEntry.filter(object_id=article.id, action="publish")
    assert [e.actor_name for e in entries] == ["scheduler"]


async def test_schedules_use_utc_and_end_with_the_state_they_were_made_for() -> None:
    from datetime import timezone

    article = await _approved("Lịch theo giờ Hà Nội")
    hanoi = timezone(timedelta(hours=7))
    at = (now() + timedelta(hours=2)).astimezone(hanoi)
    await article_schedule(SYSTEM_SCOPE, article.id, at, None)
    await article.refresh_from_db()
    assert article.publish_at == at  # same instant…
    assert await run_due(now() + timedelta(hours=1)) == []  # …not 7 hours early or late
    assert await run_due(now() + timedelta(hours=2, minutes=1)) == [article.id]

    # Returning an approved article drops its publish time.
    second = await _approved("Bị trả lại sau khi hẹn giờ", await article.tenant)
    await article_schedule(SYSTEM_SCOPE, second.id, now() + timedelta(hours=1), None)
    await take_step(SYSTEM_SCOPE, second.id, "return", reason="Sai số liệu")
    await second.refresh_from_db()
    assert second.publish_at is None
    # Unpublishing by hand drops the end time, so a later republish is not taken down.
    await article.refresh_from_db()
    await article_schedule(SYSTEM_SCOPE, article.id, None, now() + timedelta(days=1))
    await take_step(SYSTEM_SCOPE, article.id, "unpublish")
    await article.refresh_from_db()
    assert article.unpublish_at is None
