"""Sections are served from the process's memory, and re-read once they are old."""

from __future__ import annotations

import pytest

from hub.models import Category
from resolvers import row_memory
from resolvers.row_memory import RowMemory, fetch_categories
from tests.conftest import ManualClock, SQLCounter
from tests.factories import make_category, make_tree


async def test_sections_are_held_for_their_time_then_read_again(
    count_sql: SQLCounter, manual_clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_memory, "time", manual_clock)
    tree = await make_tree()
    news = await make_category(tree.city, "tin-tuc", name="Tin tức")
    memory = RowMemory(fetch_categories, ttl_seconds=0.3)
    count_sql.statements.clear()
    first = await memory.by_ids([news.id, 999_999])
    assert [c.name if c else None for c in first] == ["Tin tức", None]
    assert len(count_sql.statements) == 1
    # Held: no statement, even after an edit made behind the hub's back.
    await Category.filter(id=news.id).update(name="Tin tức - Sự kiện")
    count_sql.statements.clear()
    held = await memory.by_ids([news.id])
    assert held[0] is not None and held[0].name == "Tin tức"
    assert count_sql.statements == []
    # The unknown id is asked again (it may exist by now); the held one is not.
    await memory.by_ids([news.id, 999_999])
    assert len(count_sql.statements) == 1
    assert count_sql.statements[0].rstrip().endswith("[999999]"), count_sql.statements
    manual_clock.advance(0.35)
    fresh = await memory.by_ids([news.id])
    assert fresh[0] is not None and fresh[0].name == "Tin tức - Sự kiện"
