"""Test fixtures: a real database (SQLite or PostgreSQL), migrated with the real migrations.

Pick the database with ``THUDO_TEST_DATABASE_URL`` (one pytest process per
database; Tortoise cannot switch dialect inside one process). A PostgreSQL
URL names a server: the session creates its own database there and drops it
at the end.
"""

from __future__ import annotations

import logging
import os
import secrets
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from playwright.async_api import Browser, async_playwright
from tortoise import Tortoise

from hub.app import create_app
from hub.db import close_database, migrate_database, open_database
from hub.settings import Settings, load_settings
from hub.storage import configure_storage, storage_for
from hub.third_party_warnings import IGNORED
from tests.frontends.test_browser import CHROMIUM, CHROMIUM_ARGS


def _testing_postgres() -> bool:
    return os.environ.get("THUDO_TEST_DATABASE_URL", "").startswith(
        ("postgres://", "postgresql://")
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A test of one database itself (PostgreSQL's planner and snapshots, SQLite's
    # single writer) runs in that database's process and is deselected, not
    # skipped, in the other: nothing is left untested, since run-tests runs both.
    other = "sqlite" if _testing_postgres() else "postgres"
    deselected = [item for item in items if item.get_closest_marker(other)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(other)]


def pytest_configure(config: pytest.Config) -> None:
    # The suite turns every warning into an error (pyproject.toml) except the
    # third-party ones the hub silences everywhere, listed once with their reasons.
    for entry in IGNORED:
        config.addinivalue_line("filterwarnings", entry.pytest_filter())
    # The hub refuses to start without a strong signing key. Each session makes
    # its own, before any fixture loads settings, so the `settings` fixture and
    # every `thudo serve` a test starts share it; the developer's own key is
    # never used, nor any previous key (tests/auth sets those itself).
    os.environ["THUDO_SECRET_KEY"] = secrets.token_urlsafe(48)
    os.environ.pop("THUDO_SECRET_KEY_PREVIOUS", None)


def _database_url(tmp: Path) -> tuple[str, str | None]:
    url = os.environ.get("THUDO_TEST_DATABASE_URL", "")
    if not _testing_postgres():
        return f"sqlite://{tmp / 'test.sqlite3'}", None
    name = f"thudo_test_{uuid.uuid4().hex[:10]}"
    server = url.rstrip("/").rsplit("/", 1)[0] if url.count("/") > 2 else url
    return f"{server}/{name}", name


async def _admin(url: str, sql: str) -> None:
    server = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1)
    conn = await asyncpg.connect(f"{server}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    tmp = tmp_path_factory.mktemp("thudo")
    url, _ = _database_url(tmp)
    return replace(load_settings(env_file=None), data_dir=tmp, database_url=url)


@pytest.fixture(scope="session")
def is_postgres(settings: Settings) -> bool:
    return not settings.is_sqlite


@pytest.fixture(scope="session", autouse=True)
async def database(settings: Settings) -> AsyncIterator[None]:
    name = settings.database_url.rsplit("/", 1)[1] if not settings.is_sqlite else None
    if name:
        await _admin(settings.database_url, f'CREATE DATABASE "{name}"')
    await migrate_database(settings)
    await open_database(settings)
    # Media written by any test land under the session's own data folder.
    configure_storage(storage_for(settings))
    yield
    await close_database()
    if name:
        await _admin(settings.database_url, f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
async def clean_tables(database: None, is_postgres: bool) -> AsyncIterator[None]:
    yield
    conn = Tortoise.get_connection("default")
    models = list(Tortoise.apps["models"].values())
    # Many-to-many link tables (article_tag…) are no models of their own: without
    # them, SQLite kept an earlier test's links, which tagged this test's articles
    # once the ids restarted (PostgreSQL's TRUNCATE … CASCADE emptied them anyway).
    links = {
        model._meta.fields_map[name].through  # type: ignore[attr-defined]
        for model in models
        for name in model._meta.m2m_fields
    }
    tables = [f'"{t}"' for t in [*(m._meta.db_table for m in models), *sorted(links)]]
    if is_postgres:
        await conn.execute_script(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    else:
        # The tenant tree references itself: switch FK checks off while emptying.
        statements = ["PRAGMA foreign_keys = OFF", *(f"DELETE FROM {t}" for t in tables)]
        statements.append("DELETE FROM sqlite_sequence")  # ids restart, as on PostgreSQL
        await conn.execute_script("; ".join([*statements, "PRAGMA foreign_keys = ON"]))


@pytest.fixture
async def app(settings: Settings) -> Any:
    # No page cache here: tests change data between requests without an event follower.
    return create_app(
        replace(settings, tenant_cache_seconds=0, page_cache_entries=0), manage_database=False
    )


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://thudo.gov.vn") as c:
        yield c


class ManualClock:
    """Stands in for the ``time`` module of a module under test: time moves when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def manual_clock() -> ManualClock:
    """A clock for expiry tests; patch it in as the module's ``time``, never globally."""
    return ManualClock()


class SQLCounter(logging.Handler):
    """Counts the SQL statements Tortoise sends while active."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
            self.statements.append(message)


@pytest.fixture
def count_sql() -> Iterator[SQLCounter]:
    logger = logging.getLogger("tortoise.db_client")
    counter = SQLCounter()
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    yield counter
    logger.removeHandler(counter)
    logger.setLevel(old_level)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's chromium through Playwright (never a downloaded browser)."""
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()
