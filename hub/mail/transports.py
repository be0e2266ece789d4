"""Where mail goes: the city's SMTP server, or a folder of .eml files (offline demo).

A transport opens a session per sending round; the session delivers one
message at a time and says what the server answered, or raises
:class:`DeliveryError` (permanent when retrying cannot help).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Protocol

import aiosmtplib

from hub.settings import Settings

SECURITY_MODES = {"none": 25, "starttls": 587, "tls": 465}
SMTP_TIMEOUT = 30.0  # per SMTP command; a whole try is bounded by the sender's lease


class DeliveryError(Exception):
    """A try failed; ``permanent`` when the server refused this message for good."""

    def __init__(self, reply: str, *, permanent: bool = False) -> None:
        super().__init__(reply)
        self.reply = reply
        self.permanent = permanent


class Session(Protocol):
    async def deliver(self, message: EmailMessage, sender: str, recipient: str) -> str:
        """Hand over one message; returns the server's reply (or where it was saved)."""
        ...


class Transport(Protocol):
    name: str

    def session(self) -> AbstractAsyncContextManager[Session]:
        """A session for one sending round (one SMTP connection, opened on first use)."""
        ...


class SmtpTransport:
    """SMTP with STARTTLS, implicit TLS or neither; logs in when a user is set."""

    name = "smtp"

    def __init__(
        self,
        host: str,
        port: int = 0,
        security: str = "starttls",
        user: str = "",
        password: str = "",
        ca_file: str = "",
    ) -> None:
        if security not in SECURITY_MODES:
            raise ValueError(f"THUDO_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}")
        if security == "none" and (user or password):
            # Fails closed: a password must never cross the network in the clear.
            raise ValueError("THUDO_SMTP_USER needs THUDO_SMTP_SECURITY=starttls or tls")
        self.host = host
        self.port = port or SECURITY_MODES[security]
        self.security = security
        self.user = user
        self.password = password
        self.ca_file = ca_file

    def client(self) -> aiosmtplib.SMTP:
        return aiosmtplib.SMTP(
            hostname=self.host,
            port=self.port,
            use_tls=self.security == "tls",
            # True: the server must offer STARTTLS, or the try fails (no silent plain text).
            start_tls=self.security == "starttls",
            username=self.user or None,
            password=self.password or None,
            cert_bundle=self.ca_file or None,
            timeout=SMTP_TIMEOUT,
        )

    @asynccontextmanager
    async def session(self) -> AsyncIterator[Session]:
        session = _SmtpSession(self)
        try:
            yield session
        finally:
            await session.close()


class _SmtpSession:
    def __init__(self, transport: SmtpTransport) -> None:
        self.transport = transport
        self.client: aiosmtplib.SMTP | None = None

    async def deliver(self, message: EmailMessage, sender: str, recipient: str) -> str:
        try:
            if self.client is None:
                self.client = self.transport.client()
                await self.client.connect()
            _errors, reply = await self.client.send_message(
                message, sender=sender, recipients=[recipient]
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            await self.close()
            codes = [r.code for r in exc.recipients]
            text = "; ".join(f"{r.code} {r.message}" for r in exc.recipients)
            raise DeliveryError(text, permanent=all(c >= 500 for c in codes)) from exc
        except aiosmtplib.SMTPResponseException as exc:
            await self.close()
            # Only the message's own refusal is final; a refused sender, login or
            # greeting is the configuration's or the server's, and may be fixed.
            permanent = isinstance(exc, aiosmtplib.SMTPDataError) and exc.code >= 500
            raise DeliveryError(f"{exc.code} {exc.message}", permanent=permanent) from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            await self.close()
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        return f"250 {reply}".strip()

    async def close(self) -> None:
        client, self.client = self.client, None
        if client is not None and client.is_connected:
            with contextlib.suppress(aiosmtplib.SMTPException, OSError):
                await client.quit()
            client.close()


class FolderTransport:
    """Each mail as an .eml file under one folder: what would have been sent."""

    name = "folder"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @asynccontextmanager
    async def session(self) -> AsyncIterator[Session]:
        yield self

    async def deliver(self, message: EmailMessage, sender: str, recipient: str) -> str:
        # Named by the queue time and the Message-ID, both fixed: a resend after a
        # crash overwrites the same file, and `ls` lists mails in the order queued.
        queued = parsedate_to_datetime(str(message["Date"])).astimezone(UTC)
        stem = re.sub(r"[^A-Za-z0-9]+", "-", str(message["Message-ID"])).strip("-")
        path = self.folder / f"{queued:%Y%m%dT%H%M%S}-{stem}.eml"
        try:
            await asyncio.to_thread(_write_atomically, path, message.as_bytes())
        except OSError as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        return f"saved to {path}"


def _write_atomically(path: Path, data: bytes) -> None:
    # A reader (or a crash) never sees half a file: write aside, then rename.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def transport_for(settings: Settings) -> Transport:
    """SMTP when a host is configured, else the folder ``<data_dir>/mail``."""
    if not settings.smtp_host:
        return FolderTransport(settings.data_dir / "mail")
    return SmtpTransport(
        settings.smtp_host,
        settings.smtp_port,
        settings.smtp_security,
        settings.smtp_user,
        str(settings.smtp_password),
        settings.smtp_ca_file,
    )
