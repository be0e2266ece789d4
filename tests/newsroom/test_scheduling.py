"""Scheduled publication happens once, on time, even with several hub processes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

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


def _serve(settings: Settings, port: int, log: BinaryIO) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "THUDO_DATABASE_URL": settings.database_url,
        "THUDO_DATA_DIR": str(settings.data_dir),
        "THUDO_SCHEDULER_SECONDS": "0.3",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "hub.cli", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


async def test_two_hub_processes_publish_a_scheduled_article_once(
    settings: Settings, tmp_path: Path
) -> None:
    from tests.frontends.test_browser import _free_port

    article = await _approved("Công bố kết quả tuyển dụng")
    logs = [(tmp_path / f"hub{i}.log").open("wb") for i in range(2)]
    servers = [_serve(settings, _free_port(), log) for log in logs]
    try:
        at = now() + timedelta(seconds=2)
        await article_schedule(SYSTEM_SCOPE, article.id, at, None)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            await article.refresh_from_db()
            if article.status == ContentStatus.PUBLISHED:
                break
            await asyncio.sleep(0.2)
        published_seen = now()
        assert article.status == ContentStatus.PUBLISHED
        assert published_seen - at < timedelta(seconds=5)
        await asyncio.sleep(1.0)  # give the other process rounds to (not) publish it again
        entries = await AuditEntry.filter(object_id=article.id, action="publish")
        assert [e.actor_name for e in entries] == ["scheduler"]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)
        for log in logs:
            log.close()


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
