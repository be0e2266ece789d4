"""The outbox never skips an event and a cursor never goes backwards, with real transactions.

Every reader here is the hub's own: a stored-cursor consumer (``consume_once``),
the per-process follower (``follow_outbox``) and the ``contentEvents``
subscription run through the real schema. Waits are event-driven with
generous timeouts: the machine running the suite may be slow.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.context import HubServices, make_context
from hub.events.dispatcher import Consumer, consume_once
from hub.events.follower import follow_outbox
from hub.events.models import ConsumerCursor, Event
from hub.events.notifier import EventNotifier
from hub.events.outbox import EventType, emit
from hub.graphql import schema
from hub.settings import Settings
from tenants.models import Tenant
from tenants.scope import Scope
from tests.factories import make_tree
from tests.hub_process import hub_environment

OLD_GRACE = timedelta(seconds=5)  # the grace period after which readers used to step over gaps
HOLD_BEYOND = timedelta(seconds=4)  # how far past it the long transaction stays open
OTHERS = 100
PATIENCE = 120.0  # seconds: an upper bound for a loaded machine, never a speed claim

SUBSCRIBE = """subscription($after: String) {
  contentEvents(tenant: "hanoi", after: $after) { cursor }
}"""


async def emit_committed(tenant: Tenant, n: int) -> Event:
    """One event in its own committed transaction."""
    async with in_transaction():
        return await emit(
            EventType.ARTICLE_UPDATED,
            tenant_id=tenant.id,
            object_type="Article",
            object_id=n,
            payload={"n": n},
        )


async def until(condition: Callable[[], Awaitable[bool]], what: str) -> None:
    """Wait until ``condition()`` holds, checking often; fail after PATIENCE seconds."""
    deadline = asyncio.get_running_loop().time() + PATIENCE
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, f"gave up waiting: {what}"
        await asyncio.sleep(0.05)


class Readers:
    """A consumer with a stored cursor, the follower and a subscription, each recording ids."""

    def __init__(self, notifier: EventNotifier) -> None:
        self.notifier = notifier
        self.consumed: list[int] = []
        self.followed: list[int] = []
        self.subscribed: list[int] = []
        self.consumer = Consumer("order-test", self._consume)
        self._tasks: list[asyncio.Task[None]] = []

    async def _consume(self, events: Sequence[Event]) -> None:
        self.consumed.extend(e.id for e in events)

    async def _follow(self, events: list[Event]) -> None:
        self.followed.extend(e.id for e in events)

    async def _subscribe(self, after: int) -> None:
        context = make_context(Scope(), HubServices(notifier=self.notifier))
        stream: Any = await schema.subscribe(
            SUBSCRIBE, variable_values={"after": str(after)}, context_value=context
        )
        async for result in stream:
            assert not result.errors, result.errors
            self.subscribed.append(int(result.data["contentEvents"]["cursor"]))

    async def start(self, tenant: Tenant) -> None:
        """Start every reader, all positioned just after one committed warm-up event."""
        self._tasks.append(asyncio.create_task(follow_outbox([self._follow], self.notifier, 0.2)))
        # The follower starts after whatever is committed when it starts: write
        # warm-up events until it has handed one out, so it surely runs.
        warm_up = await emit_committed(tenant, -100)
        for _ in range(int(PATIENCE)):
            if self.followed:
                break
            await asyncio.wait_for(self.notifier.wait(1.0), PATIENCE)
            if not self.followed:
                warm_up = await emit_committed(tenant, -100)
        await until(self._followed(warm_up.id), "the follower to start")
        await consume_once(self.consumer)
        self._tasks.append(asyncio.create_task(self._subscribe(warm_up.id)))
        self.followed.clear()
        self.consumed.clear()

    def _followed(self, event_id: int) -> Callable[[], Awaitable[bool]]:
        async def seen() -> bool:
            return event_id in self.followed

        return seen

    async def all_reached(self, event_id: int) -> bool:
        """Whether every reader has handed out ``event_id`` (the consumer is run here)."""
        await consume_once(self.consumer)
        for task in self._tasks:
            if task.done():
                task.result()  # a reader that died fails the test with its own error
        return all(event_id in seen for seen in (self.consumed, self.followed, self.subscribed))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


@pytest.fixture
async def readers(settings: Settings) -> AsyncIterator[Readers]:
    notifier = EventNotifier(settings.database_url)
    await notifier.start()
    group = Readers(notifier)
    yield group
    await group.stop()
    await notifier.stop()


@pytest.mark.postgres  # SQLite has one writer at a time: see the serialisation test below
async def test_an_open_transaction_is_waited_for_never_skipped(readers: Readers) -> None:
    tree = await make_tree()
    await readers.start(tree.city)

    # One transaction writes an event and stays open…
    long_ids: list[int] = []
    written, release = asyncio.Event(), asyncio.Event()

    async def long_transaction() -> None:
        async with in_transaction():
            long_ids.append((await emit_inside(tree.city, -1)).id)
            written.set()
            await release.wait()

    holder = asyncio.create_task(long_transaction())
    await asyncio.wait_for(written.wait(), PATIENCE)
    # …while others commit many events after it.
    others = [(await emit_committed(tree.city, n)).id for n in range(OTHERS)]
    first_other = await Event.get(id=others[0])

    # Keep it open until the first later event is older than the old grace period
    # (by the database's own clock), with the readers reading all along.
    async def old_enough() -> bool:
        await consume_once(readers.consumer)
        return now() - first_other.created_at > OLD_GRACE + HOLD_BEYOND

    await until(old_enough, "the later events to age past the old grace period")
    await consume_once(readers.consumer)
    handed_out_while_open = list(readers.consumed)

    release.set()
    await holder
    # An event committed after the long one: once every reader has handed it out,
    # the long transaction's event has either come before it or been lost for good.
    closing = await emit_committed(tree.city, OTHERS)
    await until(lambda: readers.all_reached(closing.id), "every reader to reach the end")

    expected = long_ids + others + [closing.id]
    assert readers.consumed == expected
    assert readers.followed == expected
    assert readers.subscribed == expected
    # Nothing was handed out that the open transaction could still have preceded.
    assert handed_out_while_open == []


async def emit_inside(tenant: Tenant, n: int) -> Event:
    """An event in the caller's open transaction."""
    return await emit(
        EventType.ARTICLE_UPDATED,
        tenant_id=tenant.id,
        object_type="Article",
        object_id=n,
        payload={"n": n},
    )


async def stored(name: str) -> tuple[int, int]:
    cursor = await ConsumerCursor.get(name=name)
    return (getattr(cursor, "last_xact_id", 0), cursor.last_event_id)


async def test_a_slow_worker_never_moves_the_shared_cursor_back() -> None:
    """Two workers ("processes") run one consumer; the slow one finishes last."""
    tree = await make_tree()
    early = [(await emit_committed(tree.city, n)).id for n in range(10)]
    inside, fast_done = asyncio.Event(), asyncio.Event()
    slow_seen: list[int] = []
    fast_seen: list[int] = []

    async def slow(events: Sequence[Event]) -> None:
        slow_seen.extend(e.id for e in events)
        inside.set()
        await fast_done.wait()  # the other worker overtakes it meanwhile

    async def fast(events: Sequence[Event]) -> None:
        fast_seen.extend(e.id for e in events)

    slow_worker = asyncio.create_task(consume_once(Consumer("shared", slow)))
    await asyncio.wait_for(inside.wait(), PATIENCE)
    assert slow_seen == early  # it holds the first batch, not yet acknowledged
    late = [(await emit_committed(tree.city, n)).id for n in range(10, 30)]
    await consume_once(Consumer("shared", fast))
    assert fast_seen == early + late
    overtaken = await stored("shared")
    last = await Event.get(id=late[-1])
    assert overtaken == (getattr(last, "xact_id", 0), last.id)

    fast_done.set()
    await asyncio.wait_for(slow_worker, PATIENCE)
    assert await stored("shared") >= overtaken  # the slow one's older batch lost the race
    # And it went on from where the other stood: nothing new, nothing twice.
    assert slow_seen == early


async def test_concurrent_workers_only_move_the_cursor_forwards() -> None:
    """Three workers on one consumer while events commit; a watcher samples the cursor."""
    tree = await make_tree()
    await ConsumerCursor.create(name="busy")
    samples: list[tuple[int, int]] = []
    writing_done = asyncio.Event()

    async def handle(events: Sequence[Event]) -> None:
        await asyncio.sleep(0)  # let the other workers interleave

    async def worker() -> None:
        consumer = Consumer("busy", handle)
        while not writing_done.is_set():
            await consume_once(consumer)
            await asyncio.sleep(0.01)
        await consume_once(consumer)

    async def watcher() -> None:
        while not writing_done.is_set():
            samples.append(await stored("busy"))
            await asyncio.sleep(0.005)

    tasks = [asyncio.create_task(worker()) for _ in range(3)]
    tasks.append(asyncio.create_task(watcher()))
    ids = [(await emit_committed(tree.city, n)).id for n in range(60)]
    writing_done.set()
    await asyncio.wait_for(asyncio.gather(*tasks), PATIENCE)
    samples.append(await stored("busy"))
    assert samples == sorted(samples), "the cursor went backwards"
    last = await Event.get(id=ids[-1])
    assert samples[-1] == (getattr(last, "xact_id", 0), last.id)


ROOT = Path(__file__).resolve().parents[2]


def start_workers(
    settings: Settings, name: str, ready: list[Path], stop: Path
) -> list[subprocess.Popen[bytes]]:
    """One worker process of consumer ``name`` per ``ready`` file (tests/events/cursor_worker)."""
    return [
        subprocess.Popen(
            [sys.executable, "-m", "tests.events.cursor_worker", name, str(r), str(stop)],
            env=hub_environment(settings),
            cwd=ROOT,
        )
        for r in ready
    ]


async def test_two_processes_on_one_consumer_only_move_its_cursor_forwards(
    settings: Settings, tmp_path: Path
) -> None:
    """Two real worker processes run one consumer while events commit; a watcher samples."""
    tree = await make_tree()
    stop = tmp_path / "stop"
    ready = [tmp_path / f"ready-{i}" for i in range(2)]
    workers = start_workers(settings, "procs", ready, stop)
    samples: list[tuple[int, int]] = []
    try:

        async def both_ready() -> bool:
            assert all(w.poll() is None for w in workers), "a worker died on start"
            return all(r.exists() for r in ready)

        await until(both_ready, "both worker processes to start")
        ids: list[int] = []
        for n in range(80):
            ids.append((await emit_committed(tree.city, n)).id)
            if await ConsumerCursor.exists(name="procs"):
                samples.append(await stored("procs"))
        stop.touch()
        for worker in workers:
            assert await asyncio.to_thread(worker.wait, PATIENCE) == 0
    finally:
        stop.touch()
        for worker in workers:
            if worker.poll() is None:  # only our own children, by handle
                worker.kill()
                worker.wait()
    samples.append(await stored("procs"))
    assert samples == sorted(samples), "the cursor went backwards"
    last = await Event.get(id=ids[-1])
    assert samples[-1] == (getattr(last, "xact_id", 0), last.id)


async def replay(after: str) -> list[Any]:
    """What a subscription without a notifier (replay only) hands out after ``after``."""
    context = make_context(Scope(), HubServices())
    stream: Any = await schema.subscribe(
        SUBSCRIBE, variable_values={"after": after}, context_value=context
    )
    return [result async for result in stream]


async def test_a_subscription_cursor_names_an_event() -> None:
    tree = await make_tree()
    first, second = await emit_committed(tree.city, 1), await emit_committed(tree.city, 2)

    def cursors(results: list[Any]) -> list[int]:
        assert all(not r.errors for r in results), results
        return [int(r.data["contentEvents"]["cursor"]) for r in results]

    assert cursors(await replay("0")) == [first.id, second.id]  # "0": from the start
    assert cursors(await replay(str(first.id))) == [second.id]
    assert cursors(await replay(str(second.id))) == []
    (refused,) = await replay(str(second.id + 1000))  # names no event: where would it resume?
    assert refused.errors[0].extensions["code"] == "INVALID_CURSOR"
