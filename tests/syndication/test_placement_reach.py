"""Whether placements reach a portal: answered from each process's memory, never stale
for longer than the outbox follower's wake-up (hub/models/placement_reach.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import httpx
import pytest

from hub.app import create_app
from hub.events import outbox
from hub.models import placement_reach
from hub.models.placement_reach import PlacementReach, receives_placements
from hub.services.receiver_choices import decide
from hub.settings import Settings
from tests.conftest import SQLCounter
from tests.factories import SYSTEM_SCOPE, make_article, make_tree, place_down
from tests.graphql.helpers import gql

FEED = '{ articles(tenant: "hoankiem", first: 20) { edges { node { title } } } }'
CITY_NEWS = "Lịch tiếp công dân của Chủ tịch UBND Thành phố"


def cached_app(settings: Settings, seconds: float = 60.0) -> Any:
    """An app that remembers (as in production), without the page cache."""
    return create_app(
        replace(settings, tenant_cache_seconds=seconds, page_cache_entries=0),
        manage_database=False,
    )


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan running (so its outbox follower too)."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://x") as client:
            yield client


async def ward_titles(client: httpx.AsyncClient) -> list[str]:
    result = await gql(client, FEED)
    return [e["node"]["title"] for e in result["data"]["articles"]["edges"]]


def asks_placements(counter: SQLCounter) -> bool:
    """Any statement about placements (the reach check or a merged list)."""
    return any('"placement"' in statement for statement in counter.statements)


def asks_reach(counter: SQLCounter) -> bool:
    """The reach check itself: `placements_reaching(...).exists()`."""
    return any(s.startswith('SELECT 1 FROM "placement"') for s in counter.statements)


async def until(check: Any, seconds: float = 60.0) -> None:
    """Wait for ``check()``; the generous bound only stops a broken follower hanging the suite."""
    deadline = time.monotonic() + seconds
    while not await check():
        assert time.monotonic() < deadline, "not within the deadline"
        await asyncio.sleep(0.05)


async def test_a_portal_without_placements_is_answered_from_memory(
    settings: Settings, app: Any, count_sql: SQLCounter
) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Tin riêng của phường")
    async with serving(cached_app(settings)) as client:
        assert await ward_titles(client) == ["Tin riêng của phường"]
        count_sql.statements.clear()
        assert await ward_titles(client) == ["Tin riêng của phường"]
        assert not asks_placements(count_sql), count_sql.statements
        assert count_sql.statements  # the list itself
    # THUDO_TENANT_CACHE_SECONDS=0 (the tests' `app`): the database every time.
    assert app.state.placement_reach is None
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://x") as client:
        await ward_titles(client)
        count_sql.statements.clear()
        await ward_titles(client)
        assert asks_reach(count_sql)


async def test_publishing_down_shows_on_the_next_request_of_the_same_process(
    settings: Settings,
) -> None:
    tree = await make_tree()
    article = await make_article(tree.city, CITY_NEWS)
    # No lifespan, so no follower: the in-process emit alone must make the change seen.
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=cached_app(settings)), base_url="http://x"
    )
    assert await ward_titles(client) == []  # remembered: nothing reaches the ward
    await place_down(article, tree.city)
    assert await ward_titles(client) == [CITY_NEWS]
    await client.aclose()


async def test_a_placement_made_in_another_process_shows_once_the_follower_runs(
    settings: Settings, count_sql: SQLCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = await make_tree()
    article = await make_article(tree.city, CITY_NEWS)
    async with serving(cached_app(settings)) as client:
        assert await ward_titles(client) == []
        # Another process: the same rows and NOTIFY, but none of this process's hooks.
        with monkeypatch.context() as patch:
            patch.setattr(outbox, "_local_wakeups", [])
            await place_down(article, tree.city)

        async def shown() -> bool:
            return await ward_titles(client) == [CITY_NEWS]

        await until(shown)
        # The new answer is remembered in turn.
        count_sql.statements.clear()
        assert await ward_titles(client) == [CITY_NEWS]
        assert asks_placements(count_sql) and not asks_reach(count_sql)


async def test_hiding_the_only_placement_returns_the_ward_to_no_placements(
    settings: Settings, count_sql: SQLCounter
) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Tin riêng của phường")
    article = await make_article(tree.city, CITY_NEWS)
    placement = await place_down(article, tree.city)
    app = cached_app(settings)
    async with serving(app) as client:
        assert CITY_NEWS in await ward_titles(client)
        await decide(SYSTEM_SCOPE, placement.id, tree.ward, hidden=True)
        assert await ward_titles(client) == ["Tin riêng của phường"]  # at once, here
        assert await receives_placements(tree.ward, app.state.placement_reach) is False

        async def plain_list_from_memory() -> bool:
            count_sql.statements.clear()
            titles = await ward_titles(client)
            return titles == ["Tin riêng của phường"] and not asks_placements(count_sql)

        await until(plain_list_from_memory)


async def test_an_answer_read_across_a_change_is_not_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tree = await make_tree()
    memory = PlacementReach(60)
    asked = 0
    real = placement_reach._ask_database

    async def ask(tenant: Any) -> bool:
        nonlocal asked
        asked += 1
        answer = await real(tenant)
        if asked == 1:
            memory.forget()  # a placement event arrived while the query ran
        return answer

    monkeypatch.setattr(placement_reach, "_ask_database", ask)
    assert await receives_placements(tree.ward, memory) is False
    assert memory.remembered == 0  # read before the change: not kept
    await receives_placements(tree.ward, memory)
    await receives_placements(tree.ward, memory)
    assert asked == 2  # kept from the second answer on
    memory.hold((0, 41))  # this process is writing event 41, not committed yet
    await receives_placements(tree.ward, memory)
    await receives_placements(tree.ward, memory)
    assert asked == 4 and memory.remembered == 0
    memory.passed((0, 41))  # the follower saw it committed
    await receives_placements(tree.ward, memory)
    await receives_placements(tree.ward, memory)
    assert asked == 5
