"""`thudo serve` in processes of its own, for tests that need real servers.

Such tests exercise what only a whole process has: its outbox followers, its
page cache, its scheduler, several processes on one database. A server that
does not answer `/healthz` within `READY_SECONDS` fails the test with the
tail of its log, instead of letting the test run against nothing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from hub.settings import Settings

# Generous: a loaded 2-core machine can take several seconds to start Python.
READY_SECONDS = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hub_environment(settings: Settings, **overrides: str) -> dict[str, str]:
    """The environment of a hub process on the test database and data folder."""
    return {
        **os.environ,
        "THUDO_DATABASE_URL": settings.database_url,
        "THUDO_DATA_DIR": str(settings.data_dir),
        **overrides,
    }


def wait_until_ready(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Return once `base` answers `/healthz`; raise if the process dies or stays silent."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    tail = log.read_bytes()[-2000:].decode(errors="replace")
    raise RuntimeError(f"the hub at {base} never became ready; its log ends:\n{tail}")


@contextmanager
def hub_process(settings: Settings, log: Path, **env: str) -> Iterator[str]:
    """One `thudo serve` on a free port; yields its base URL once it is ready."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "hub.cli", "serve", "--port", str(port)],
            env=hub_environment(settings, **env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_ready(base, proc, log)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def hub_processes(settings: Settings, log_dir: Path, count: int, **env: str) -> Iterator[list[str]]:
    """`count` hub processes on the same database; yields their base URLs."""
    with ExitStack() as stack:
        yield [
            stack.enter_context(hub_process(settings, log_dir / f"hub{i}.log", **env))
            for i in range(count)
        ]
