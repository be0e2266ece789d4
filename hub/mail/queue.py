"""Queueing a mail: :func:`queue_mail`, inside the transaction that made the change."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from tortoise.timezone import now

from hub.mail.addresses import normalise_address
from hub.mail.message import new_message_id
from hub.mail.models import MailMessage
from hub.mail.templates import render

_PURPOSE = re.compile(r"^[a-z0-9_.-]{1,64}$")
_OBJECT_TYPE = re.compile(r"^[A-Za-z0-9_.-]{0,32}$")  # as events name them: "Article"

# In-process senders told of each queued mail (run_mail registers itself).
_local_wakeups: list[Callable[[], None]] = []


def on_queue(callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback()`` on every mail queued in this process; returns the unregister.

    It runs before the writer's transaction commits: a sender woken by it may
    find nothing yet, and finds the mail on its next poll.
    """
    _local_wakeups.append(callback)
    return lambda: _local_wakeups.remove(callback)


async def queue_mail(
    template: str,
    *,
    to: str,
    language: str = "vi",
    context: Mapping[str, Any],
    purpose: str,
    tenant_id: int | None = None,
    object_type: str = "",
    object_id: int = 0,
) -> MailMessage:
    """Render ``template`` now and queue the mail; call it inside the change's transaction.

    The row is written on the caller's connection, so it commits or rolls back
    with the change: the mail exists if and only if the change happened. Public
    events are not touched (a mail row holds personal data; events must not).
    Raises :class:`ValueError` for a bad address, purpose or template.
    """
    recipient = normalise_address(to)
    if not _PURPOSE.match(purpose):
        raise ValueError(f"a purpose is a short dotted name, not {purpose[:80]!r}")
    if not _OBJECT_TYPE.match(object_type):
        raise ValueError(f"not an object type: {object_type[:80]!r}")
    rendered = render(template, language, context)
    mail = await MailMessage.create(
        tenant_id=tenant_id,
        recipient=recipient,
        language=rendered.language,
        template=template,
        subject=rendered.subject,
        text_body=rendered.text,
        purpose=purpose,
        object_type=object_type,
        object_id=object_id,
        message_id=new_message_id(),
        next_attempt_at=now(),
    )
    for wake in _local_wakeups:
        wake()
    return mail
