"""Signed deliveries to a real HTTP receiver: retried while it is down, resumed after a crash."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from tortoise.timezone import now

from hub.events.dispatcher import consume_once
from hub.settings import Settings
from hub.webhooks.models import WebhookDelivery
from hub.webhooks.service import (
    SIGNATURE_HEADER,
    WEBHOOK_CONSUMER,
    send_due,
    verify,
    webhook_create,
)
from tests.factories import SYSTEM_SCOPE, make_article, make_tree
from tests.hub_process import READY_SECONDS, free_port, hub_environment


class Receiver:
    """A tiny HTTP server on 127.0.0.1 that records what it is sent."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.arrived = asyncio.Event()
        self.server: asyncio.Server | None = None

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")[1:]
        headers = {
            k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines if line)
        }
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.received.append((headers, body))
        self.arrived.set()
        writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    r = Receiver(free_port())
    yield r
    await r.stop()


async def test_signed_deliveries_are_retried_until_the_receiver_is_back(
    receiver: Receiver,
) -> None:
    tree = await make_tree()
    endpoint, secret = await webhook_create(
        SYSTEM_SCOPE, tree.city, f"http://127.0.0.1:{receiver.port}/hook", ["article.published"]
    )
    dead, _ = await webhook_create(SYSTEM_SCOPE, tree.city, f"http://127.0.0.1:{free_port()}/x")
    await make_article(tree.city, "Tin gửi đi")
    await make_article(tree.ward, "Tin của phường: không gửi")
    await consume_once(WEBHOOK_CONSUMER)
    assert await WebhookDelivery.filter(endpoint_id=endpoint.id).count() == 1
    async with httpx.AsyncClient(timeout=2) as client:
        assert await send_due(client) == 2  # the receiver is down: both fail
        pending = await WebhookDelivery.get(endpoint_id=endpoint.id)
        assert (pending.state, pending.attempts) == ("pending", 1)
        assert pending.next_attempt_at > now()  # backing off
        await receiver.start()
        await WebhookDelivery.all().update(next_attempt_at=now() - timedelta(seconds=1))
        await send_due(client)
    delivered = await WebhookDelivery.get(endpoint_id=endpoint.id)
    assert (delivered.state, delivered.attempts, delivered.last_status) == ("delivered", 2, 204)
    assert (await WebhookDelivery.get(endpoint_id=dead.id)).state == "pending"  # still retrying
    [(headers, body)] = receiver.received
    assert verify(secret, headers[SIGNATURE_HEADER.lower()], body)
    assert b'"type": "article.published"' in body and "Tin gửi đi".encode() in body
    tampered = body.replace("Tin gửi đi".encode(), "Tin giả mạo".encode())
    assert not verify(secret, headers[SIGNATURE_HEADER.lower()], tampered)
    assert not verify("whsec_other", headers[SIGNATURE_HEADER.lower()], body)


async def until_ready(base: str, proc: asyncio.subprocess.Process) -> None:
    """Wait for the hub's /healthz (it follows the outbox from then on); fail if it never comes."""
    deadline = asyncio.get_running_loop().time() + READY_SECONDS
    async with httpx.AsyncClient(timeout=1) as client:
        while proc.returncode is None:
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert asyncio.get_running_loop().time() < deadline, "the hub never became ready"
            await asyncio.sleep(0.1)
    raise AssertionError(f"the hub exited with {proc.returncode}")


async def test_an_event_committed_while_the_hub_is_killed_is_delivered_after_restart(
    receiver: Receiver, settings: Settings, tmp_path: Path
) -> None:
    tree = await make_tree()
    await receiver.start()
    _, secret = await webhook_create(SYSTEM_SCOPE, tree.city, f"http://127.0.0.1:{receiver.port}/")
    port = free_port()
    command = [sys.executable, "-m", "hub.cli", "serve", "--port", str(port)]
    env = hub_environment(settings, THUDO_SCHEDULER_SECONDS="0")
    log = (tmp_path / "hub.log").open("wb")

    async def start() -> asyncio.subprocess.Process:
        return await asyncio.create_subprocess_exec(*command, env=env, stdout=log, stderr=log)

    try:
        first = await start()
        await until_ready(f"http://127.0.0.1:{port}", first)  # up and following the outbox
        first.send_signal(signal.SIGKILL)  # dies before it can dispatch anything
        await first.wait()
        await make_article(tree.city, "Đăng khi hệ thống đang sập")  # committed, not dispatched
        second = await start()
        try:
            # Generous: a loaded machine starts Python slowly; the bound only
            # keeps a hub that never delivers from hanging the suite.
            await asyncio.wait_for(receiver.arrived.wait(), READY_SECONDS + 60)
        finally:
            second.terminate()
            await second.wait()
    finally:
        log.close()
    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    assert verify(secret, headers[SIGNATURE_HEADER.lower()], body)
    assert "Đăng khi hệ thống đang sập".encode() in body
