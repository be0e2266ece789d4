"""Fixtures of the mail tests: a real SMTP server on a free port, and a portal."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.hub_process import free_port
from tests.mail.smtp_server import Recorder, SmtpServer


@pytest.fixture
async def recorder() -> Recorder:
    return Recorder(asyncio.get_running_loop())


@pytest.fixture
async def smtp(recorder: Recorder) -> AsyncIterator[SmtpServer]:
    """A plain SMTP server, not started: tests start it (or leave it down)."""
    server = SmtpServer(free_port(), recorder)
    yield server
    await server.stop()
