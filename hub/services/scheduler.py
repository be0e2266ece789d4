"""Publishes and unpublishes articles on time, exactly once across hub processes.

The same rounds send initiatives' reminders and escalations
(:mod:`hub.initiatives.deadlines`, claimed the same way).

Every hub process runs :func:`run_scheduler`. Each round lists what is due and
claims each article with a compare-and-set UPDATE (`… WHERE id = ? AND status =
'approved'`): the database lets exactly one process win a row, and only the
winner writes the audit entry. No lock table, no leader election; a crashed
process simply leaves the work to the next round of another.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.events.outbox import EventType
from hub.initiatives.deadlines import check_deadlines
from hub.models import Article, ContentStatus
from hub.services.journal import announce, audit
from hub.services.workflow import schedule_refused
from tenants.scope import Scope, Viewer

logger = logging.getLogger("thudo.scheduler")
SCHEDULER = Scope(viewer=Viewer(username="scheduler", is_superuser=True))
BATCH = 200


async def run_due(moment: datetime | None = None) -> list[int]:
    """One round: publish what is due, unpublish what has expired; the ids this process won."""
    moment = moment or now()
    won: list[int] = []
    due = (
        await Article.unscoped()
        .filter(status=ContentStatus.APPROVED, publish_at__lte=moment)
        .limit(BATCH)
    )
    for article in due:
        if await schedule_refused(article):
            await _drop_schedule(article, moment)
            continue
        async with in_transaction():
            claimed = (
                await Article.unscoped()
                .filter(id=article.id, status=ContentStatus.APPROVED, publish_at=article.publish_at)
                .update(
                    status=ContentStatus.PUBLISHED,
                    published_at=article.published_at or article.publish_at,
                    publish_at=None,
                    updated_at=moment,
                )
            )
            if claimed:
                await audit(
                    SCHEDULER,
                    article,
                    "publish",
                    from_status="approved",
                    to_status="published",
                    reason="scheduled",
                )
                await article.refresh_from_db()
                await announce(article, EventType.ARTICLE_PUBLISHED)
                won.append(article.id)
    expired = (
        await Article.unscoped()
        .filter(status=ContentStatus.PUBLISHED, unpublish_at__lte=moment)
        .limit(BATCH)
    )
    for article in expired:
        async with in_transaction():
            claimed = (
                await Article.unscoped()
                .filter(
                    id=article.id, status=ContentStatus.PUBLISHED, unpublish_at=article.unpublish_at
                )
                .update(status=ContentStatus.UNPUBLISHED, unpublish_at=None, updated_at=moment)
            )
            if claimed:
                await audit(
                    SCHEDULER,
                    article,
                    "unpublish",
                    from_status="published",
                    to_status="unpublished",
                    reason="scheduled",
                )
                await article.refresh_from_db()
                await announce(article, EventType.ARTICLE_UNPUBLISHED)
                won.append(article.id)
    return won


async def _drop_schedule(article: Article, moment: datetime) -> None:
    """The person who scheduled it has edited it since: it needs a second look first.

    Separation of duties (hub.services.workflow): publishing it now would put
    live an edit nobody else approved, so the schedule is dropped, audited, and
    the article waits, approved, for another approver.
    """
    async with in_transaction():
        claimed = (
            await Article.unscoped()
            .filter(id=article.id, status=ContentStatus.APPROVED, publish_at=article.publish_at)
            .update(publish_at=None, updated_at=moment)
        )
        if claimed:
            when = article.publish_at.isoformat() if article.publish_at else None
            await audit(
                SCHEDULER,
                article,
                "schedule",
                reason="self-approval: scheduled by its last editor",
                changes={"publish_at": [when, None]},
            )


async def run_scheduler(interval_seconds: float) -> None:
    """Run rounds forever (until cancelled); a failed round is logged, not fatal."""
    while True:
        try:
            done = await run_due()
            if done:
                logger.info("scheduler published/unpublished %s", done)
            reminded, escalated = await check_deadlines()
            if reminded or escalated:
                logger.info("initiatives: %s reminders, %s escalations", reminded, escalated)
        except Exception:  # a database hiccup must not stop scheduling for good
            logger.exception("scheduler round failed")
        await asyncio.sleep(interval_seconds)
