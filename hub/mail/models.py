"""The mail outbox: one row per message, written in the transaction that caused it.

A row holds the whole rendered message (a later template change never alters
a queued mail) and the recipient's address, which is personal data: rows are
purged after the retention period (docs/mail.md).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from tenants.models import PlainRow


class MailState(StrEnum):
    QUEUED = "queued"  # waiting for its first or next try
    SENDING = "sending"  # claimed by one process until its lease (next_attempt_at) runs out
    SENT = "sent"  # the server accepted it
    FAILED = "failed"  # refused for good, or too many tries


class MailMessage(PlainRow, Model):
    """One message to one recipient, with its delivery state."""

    id = fields.BigIntField(primary_key=True)
    # The portal it is sent for (its admins read the log); None for the hub itself.
    tenant_id = fields.IntField(null=True)
    recipient = fields.CharField(max_length=254)
    language = fields.CharField(max_length=8)
    template = fields.CharField(max_length=100)
    subject = fields.CharField(max_length=500)
    text_body = fields.TextField()
    purpose = fields.CharField(max_length=64)
    object_type = fields.CharField(max_length=32, default="")
    object_id = fields.BigIntField(default=0)
    # RFC 5322 Message-ID, fixed at queue time: a resend carries the same one, so a
    # receiving server can drop the duplicate.
    message_id = fields.CharField(max_length=200, unique=True)
    state = fields.CharField(max_length=12, default=MailState.QUEUED.value)
    attempts = fields.IntField(default=0)
    # When queued: the next try. When sending: the end of the sender's lease.
    next_attempt_at = fields.DatetimeField()
    last_error = fields.CharField(max_length=500, default="")
    sent_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    log: fields.ReverseRelation[MailAttempt]

    class Meta:
        table = "mail_message"
        indexes = (
            Index(fields=("state", "next_attempt_at"), name="mail_due"),
            Index(fields=("tenant_id", "id"), name="mail_by_tenant"),
            Index(fields=("object_type", "object_id"), name="mail_by_object"),
            Index(fields=("created_at",), name="mail_by_age"),
        )


class MailAttempt(PlainRow, Model):
    """One try at sending a message: when, how it ended, and what the server said."""

    id = fields.BigIntField(primary_key=True)
    mail: fields.ForeignKeyRelation[MailMessage] = fields.ForeignKeyField(
        "models.MailMessage", related_name="log", on_delete=fields.CASCADE
    )
    at = fields.DatetimeField()
    outcome = fields.CharField(max_length=12)  # sent, retry, failed
    reply = fields.CharField(max_length=500, default="")

    mail_id: int

    class Meta:
        table = "mail_attempt"
        indexes = (Index(fields=("mail_id", "id"), name="mail_attempt_by_mail"),)
