"""The outbox: events written with the change, handed out in order, resumed from cursors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tortoise.timezone import now

from hub.events.dispatcher import Consumer, consume_once, contiguous
from hub.events.models import ConsumerCursor, Event
from hub.services.articles import ArticleChanges, article_update
from hub.services.errors import ServiceError
from hub.services.workflow import take_step
from tests.factories import SYSTEM_SCOPE, make_article, make_tree


async def test_visible_changes_emit_events_in_the_same_transaction() -> None:
    tree = await make_tree()
    draft = await make_article(tree.city, "Nháp chưa đăng", published=False)
    await article_update(SYSTEM_SCOPE, draft.id, ArticleChanges(summary="Sửa nháp"))
    assert await Event.all().count() == 0  # drafts are nobody's business yet
    await take_step(SYSTEM_SCOPE, draft.id, "publish")
    await article_update(SYSTEM_SCOPE, draft.id, ArticleChanges(title="Đã đăng và sửa"))
    other = await make_article(tree.city, "Bài khác")
    with pytest.raises(ServiceError):  # a duplicate slug rolls the whole save back…
        await article_update(SYSTEM_SCOPE, draft.id, ArticleChanges(slug=other.slug))
    await take_step(SYSTEM_SCOPE, draft.id, "unpublish")
    events = await Event.filter(object_id=draft.id).order_by("id")
    # …including its event: no "updated" for a change that never happened.
    assert [e.type for e in events] == [
        "article.published",
        "article.updated",
        "article.unpublished",
    ]
    assert events[1].payload["title"] == "Đã đăng và sửa"
    assert {e.tenant_id for e in events} == {tree.city.id}


async def test_consumers_get_everything_once_in_order_and_again_after_a_failure() -> None:
    tree = await make_tree()
    for i in range(5):
        await make_article(tree.city, f"Bài {i}")
    seen: list[int] = []
    fail = {"now": True}

    async def handle(events: list[Event]) -> None:
        if fail["now"]:
            fail["now"] = False
            raise RuntimeError("the consumer crashed before finishing")
        seen.extend(e.id for e in events)

    consumer = Consumer("test", handle)
    with pytest.raises(RuntimeError):
        await consume_once(consumer)
    assert (await ConsumerCursor.get(name="test")).last_event_id == 0  # nothing acknowledged
    assert await consume_once(consumer) == 5
    assert await consume_once(consumer) == 0
    ids = [e.id for e in await Event.all().order_by("id")]
    assert seen == ids
    await make_article(tree.city, "Bài mới")
    assert await consume_once(consumer) == 1
    assert seen[-1] == (await Event.all().order_by("-id").first()).id  # type: ignore[union-attr]


async def test_a_young_gap_holds_the_stream_and_an_old_one_is_skipped() -> None:
    tree = await make_tree()
    await make_article(tree.city, "Một")
    first = await Event.all().order_by("id").first()
    assert first is not None
    # An event whose predecessor's transaction has not committed (yet).
    later = await Event.create(
        id=first.id + 2,
        type="article.updated",
        tenant_id=tree.city.id,
        object_type="Article",
        object_id=1,
    )
    assert [e.id for e in contiguous([first, later], first.id - 1)] == [first.id]
    later.created_at = now() - timedelta(seconds=30)  # that transaction surely rolled back
    assert [e.id for e in contiguous([first, later], first.id - 1)] == [first.id, later.id]
