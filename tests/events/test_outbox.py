"""The outbox: events written with the change, handed out in order, resumed from cursors."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest
from tortoise.transactions import in_transaction

from hub.events.dispatcher import Consumer, consume_once
from hub.events.models import ConsumerCursor, Event
from hub.events.outbox import EventType, emit
from hub.events.stream import HORIZON_SQL, START, head, position_of, read_after
from hub.services.articles import ArticleChanges, article_update
from hub.services.errors import ServiceError
from hub.services.workflow import take_step
from hub.settings import Settings
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


@pytest.mark.sqlite  # PostgreSQL orders the stream by transaction: see the next test
async def test_sqlite_has_one_writer_so_ids_are_given_in_commit_order(settings: Settings) -> None:
    """The claim the SQLite stream rests on (id order is commit order), checked."""
    tree = await make_tree()
    path = settings.database_url.removeprefix("sqlite://")
    opened, release = asyncio.Event(), asyncio.Event()

    async def writer() -> int:
        async with in_transaction():
            event = await emit(
                EventType.ARTICLE_UPDATED,
                tenant_id=tree.city.id,
                object_type="Article",
                object_id=1,
            )
            opened.set()
            await release.wait()
        return event.id

    task = asyncio.create_task(writer())
    await opened.wait()
    # Another process can neither write an event now nor see the uncommitted one…
    other = sqlite3.connect(path, timeout=0.2, check_same_thread=False)
    try:
        assert other.execute("SELECT count(*) FROM event").fetchone() == (0,)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await asyncio.to_thread(_insert_event, other, tree.city.id)
        # …and in this process every statement waits behind the open transaction.
        reader = asyncio.create_task(read_after(START, 10))
        await asyncio.sleep(0.3)
        assert not reader.done()
        release.set()
        first = await task
        assert [e.id for e in await reader] == [first]
        # Once it has committed, the other process writes the next id.
        later = await asyncio.to_thread(_insert_event, other, tree.city.id)
    finally:
        release.set()  # never leave the transaction open: every later statement would wait
        other.close()
    assert later > first
    assert [e.id for e in await read_after(START, 10)] == [first, later]


def _insert_event(connection: sqlite3.Connection, tenant_id: int) -> int:
    cursor = connection.execute(
        "INSERT INTO event (type, tenant_id, object_type, object_id, payload, created_at, xact_id)"
        " VALUES ('article.updated', ?, 'Article', 2, '{}', '2026-01-01T00:00:00+00:00', 0)",
        (tenant_id,),
    )
    connection.commit()
    return int(cursor.lastrowid or 0)


@pytest.mark.postgres  # SQLite orders the stream by id: see the previous test
async def test_postgres_orders_the_stream_by_writing_transaction() -> None:
    tree = await make_tree()

    async def one(n: int) -> Event:
        return await emit(
            EventType.ARTICLE_UPDATED, tenant_id=tree.city.id, object_type="Article", object_id=n
        )

    async with in_transaction():
        a, b = await one(1), await one(2)
    async with in_transaction():
        c = await one(3)
    with pytest.raises(RuntimeError):
        async with in_transaction():
            await one(4)
            raise RuntimeError("rolled back: its event never existed")
    assert a.xact_id == b.xact_id < c.xact_id  # stamped by the server, returned on insert
    stream = await read_after(START, 10)
    assert [position_of(e) for e in stream] == [position_of(e) for e in (a, b, c)]
    assert [e.id for e in await read_after(position_of(b), 10)] == [c.id]
    # The head is past everything settled: nothing is read after it until new events come.
    assert await read_after(await head(), 10) == []
    d = await emit_alone(tree.city.id)
    assert [e.id for e in await read_after(position_of(c), 10)] == [d.id]


async def emit_alone(tenant_id: int) -> Event:
    """An emit outside any explicit transaction still gets its transaction stamped."""
    return await emit(
        EventType.ARTICLE_UPDATED, tenant_id=tenant_id, object_type="Article", object_id=9
    )


@pytest.mark.postgres
async def test_only_this_databases_open_transactions_hold_the_stream(
    settings: Settings,
) -> None:
    """Another database's open transaction (same server) holds nothing back; ours does."""
    tree = await make_tree()
    server = settings.database_url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1)
    elsewhere = await asyncpg.connect(f"{server}/postgres")
    try:
        async with elsewhere.transaction():
            await elsewhere.execute("SELECT pg_current_xact_id()")  # it now holds an xid
            event = await emit_alone(tree.city.id)
            assert [e.id for e in await read_after(START, 10)] == [event.id]
    finally:
        await elsewhere.close()
    here = await asyncpg.connect(settings.database_url.replace("postgres://", "postgresql://", 1))
    try:
        async with here.transaction():
            await here.execute("SELECT pg_current_xact_id()")
            later = await emit_alone(tree.city.id)
            assert [e.id for e in await read_after(position_of(event), 10)] == []
        assert [e.id for e in await read_after(position_of(event), 10)] == [later.id]
    finally:
        await here.close()


@pytest.mark.postgres
async def test_a_role_that_cannot_see_other_sessions_falls_back_to_the_server_xmin(
    settings: Settings,
) -> None:
    url = settings.database_url.replace("postgres://", "postgresql://", 1)
    role = f"thudo_reader_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(url)
    try:
        await admin.execute(f'CREATE ROLE "{role}" LOGIN')
        scheme, rest = url.split("://", 1)
        reader = await asyncpg.connect(f"{scheme}://{role}@{rest.split('@', 1)[-1]}")
        try:
            # The admin session is in this database and hidden from the new role.
            row = await reader.fetchrow(HORIZON_SQL)
            assert row["hidden"] is True
        finally:
            await reader.close()
        assert (await admin.fetchrow(HORIZON_SQL))["hidden"] is False
    finally:
        await admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        await admin.close()


ROOT = Path(__file__).resolve().parents[2]


async def test_events_older_than_the_upgrade_are_not_handed_out_again(
    settings: Settings, is_postgres: bool, tmp_path: Path
) -> None:
    """Migration 0014 on a database whose outbox and cursors already hold rows."""
    if is_postgres:
        url = settings.database_url.rsplit("/", 1)[0] + f"/thudo_upgrade_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(
            settings.database_url.replace("postgres://", "postgresql://", 1)
        )
        await admin.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
    else:
        url = f"sqlite://{tmp_path / 'upgrade.sqlite3'}"
    try:
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "tests.events.outbox_upgrade", url],
            capture_output=True,
            cwd=ROOT,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr.decode()[-3000:]
        seen = json.loads(done.stdout.decode().strip().splitlines()[-1])
    finally:
        if is_postgres:
            await admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
            await admin.close()
    assert seen["old_xact"] == 0 and seen["cursor"] == [0, 1]  # existing rows: the start
    # New events are stamped by the server (0 on SQLite) and come after every old one.
    assert (seen["new_xact"] > 0) is is_postgres
    assert seen["after_cursor"] == [seen["new_id"]]
