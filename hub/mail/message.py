"""Turning a queued row into the RFC 5322 message that is sent (or saved as .eml)."""

from __future__ import annotations

import email.policy
import functools
import uuid
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from hub.mail.addresses import normalise_address
from hub.mail.models import MailMessage
from hub.settings import Settings, load_settings


def mail_from(settings: Settings) -> tuple[str, str]:
    """(display name, address) the hub sends from: ``THUDO_MAIL_FROM`` or no-reply@<base>."""
    name, address = parseaddr(settings.mail_from or f"no-reply@{settings.base_domain}")
    try:
        return name, normalise_address(address)
    except ValueError as exc:
        raise ValueError(f"THUDO_MAIL_FROM is not a usable address: {exc}") from exc


@functools.cache
def _message_id_domain() -> str:
    # Read once per process: the right-hand side only has to be ours and stable.
    return mail_from(load_settings())[1].rpartition("@")[2]


def new_message_id() -> str:
    """A globally unique Message-ID, fixed when the mail is queued."""
    return f"<{uuid.uuid4().hex}@{_message_id_domain()}>"


def build_message(row: MailMessage, settings: Settings) -> EmailMessage:
    """The message for ``row``: UTF-8, its stable Message-ID, dated when it was queued."""
    # The SMTP policy: CRLF line ends, long headers folded, non-ASCII headers encoded.
    message = EmailMessage(policy=email.policy.SMTP)
    name, address = mail_from(settings)
    message["From"] = Address(display_name=name, addr_spec=address)
    message["To"] = row.recipient
    message["Subject"] = row.subject
    # The Date and Message-ID do not change between tries: a resend is the same message.
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = row.message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to this
    message.set_content(row.text_body, charset="utf-8")
    # After set_content, which replaces every Content-* header.
    message["Content-Language"] = row.language
    return message
