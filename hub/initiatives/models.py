"""Citizens' initiatives (sáng kiến, kiến nghị), their moderation log and supports.

An initiative belongs to the portal that received it (usually the reform
site); the unit that must answer is ``assigned_tenant_id``, anywhere in the
tree. The citizen's name and contact live on the row, in ``contact_*``
fields that only :data:`hub.auth.permissions.Permission.CITIZEN_CONTACT_VIEW`
reads (docs/citizens.md: what is kept, for how long, who sees it).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from hub.models.newsroom import AppendOnly
from tenants.models import PlainRow


class InitiativeStatus(StrEnum):
    """Where an initiative stands; the public sees only published ones."""

    RECEIVED = "received"  # sent by a citizen, not yet read
    SCREENED = "screened"  # read by the moderators: admissible
    ASSIGNED = "assigned"  # routed to the unit that must answer, with a deadline
    ANSWERED = "answered"  # the unit's official answer is written
    PUBLISHED = "published"  # shown to the public with its answer
    REJECTED = "rejected"  # not admissible; the reason is told to the citizen


class InitiativeTopic(StrEnum):
    """The field of public life an initiative is about (lĩnh vực)."""

    ADMINISTRATIVE_PROCEDURES = "thu-tuc-hanh-chinh"
    DIGITAL_TRANSFORMATION = "chuyen-doi-so"
    URBAN_PLANNING = "do-thi-xay-dung"
    TRANSPORT = "giao-thong"
    ENVIRONMENT = "moi-truong"
    HEALTH = "y-te"
    EDUCATION = "giao-duc"
    ECONOMY = "kinh-te"
    SOCIETY = "van-hoa-xa-hoi"
    OTHER = "khac"


class Initiative(PlainRow, Model):
    """One citizen's initiative or recommendation to the city."""

    id = fields.IntField(primary_key=True)
    tenant_id = fields.IntField()  # the portal that received it (its moderators screen it)
    place_tenant_id = fields.IntField(null=True)  # the unit the citizen says it concerns
    assigned_tenant_id = fields.IntField(null=True)  # the unit that must answer
    topic = fields.CharEnumField(InitiativeTopic, max_length=32)  # lĩnh vực
    title = fields.CharField(max_length=300)
    content = fields.TextField()
    status = fields.CharEnumField(
        InitiativeStatus, max_length=16, default=InitiativeStatus.RECEIVED
    )
    # The citizen's key to the status page: random, shown once and mailed.
    tracking_code = fields.CharField(max_length=20, unique=True)
    # A double submit or a retry carries the same key and finds this row.
    idempotency_key = fields.CharField(max_length=80, unique=True)
    fingerprint = fields.CharField(max_length=64)  # of what was sent, to spot a reused key
    # Personal data (Decree 13/2023): read only through the contact permission.
    contact_name = fields.CharField(max_length=200)
    contact_email = fields.CharField(max_length=254)
    contact_phone = fields.CharField(max_length=30, default="")
    contact_address = fields.CharField(max_length=300, default="")
    consent_text = fields.TextField()  # the purpose the citizen agreed to, word for word
    # Keyed hashes for the rate limits, never the address or e-mail themselves.
    sender_key = fields.CharField(max_length=64)
    contact_key = fields.CharField(max_length=64)
    language = fields.CharField(max_length=2, default="vi")
    received_at = fields.DatetimeField(auto_now_add=True)
    due_at = fields.DatetimeField(null=True)  # the current step's deadline
    reminded_at = fields.DatetimeField(null=True)  # the reminder for due_at, sent once
    escalated_at = fields.DatetimeField(null=True)  # the escalation for due_at, once
    escalated_tenant_id = fields.IntField(null=True)
    answer = fields.TextField(default="")  # sanitised HTML, the unit's official answer
    answered_at = fields.DatetimeField(null=True)
    answered_late = fields.BooleanField(default=False)
    rejection_reason = fields.TextField(default="")
    published_at = fields.DatetimeField(null=True)
    support_count = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "initiative"
        indexes = (
            Index(fields=("tenant_id", "status", "id"), name="initiative_by_portal"),
            Index(fields=("assigned_tenant_id", "status"), name="initiative_by_unit"),
            Index(fields=("status", "due_at"), name="initiative_due"),
            Index(fields=("sender_key", "received_at"), name="initiative_by_sender"),
            Index(fields=("contact_key", "received_at"), name="initiative_by_contact"),
        )


class InitiativeAttachment(Model):
    """A file sent with an initiative, kept as a media asset of the receiving portal."""

    id = fields.IntField(primary_key=True)
    initiative_id = fields.IntField(db_index=True)
    asset_id = fields.IntField()

    class Meta:
        table = "initiative_attachment"


class InitiativeStep(AppendOnly):
    """One line of an initiative's log: who moved it, from what to what, and why."""

    id = fields.IntField(primary_key=True)
    initiative_id = fields.IntField(db_index=True)
    action = fields.CharField(max_length=20)  # received, screened, assigned, reminded, …
    from_status = fields.CharField(max_length=16, default="")
    to_status = fields.CharField(max_length=16, default="")
    actor_id = fields.IntField(null=True)  # a user; None for the citizen or the hub itself
    tenant_id = fields.IntField(null=True)  # the unit concerned (assigned, escalated to)
    note = fields.TextField(default="")  # public: what the citizen's status page shows
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "initiative_step"


class InitiativeSupport(Model):
    """One "ủng hộ": counted when the supporter confirms from the mail it was sent."""

    id = fields.IntField(primary_key=True)
    initiative_id = fields.IntField()
    email_key = fields.CharField(max_length=64)  # a keyed hash: once per e-mail address
    sender_key = fields.CharField(max_length=64, default="")  # for the limit per address
    token = fields.CharField(max_length=64, unique=True)  # the code mailed to confirm
    confirmed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "initiative_support"
        unique_together = (("initiative_id", "email_key"),)
        indexes = (Index(fields=("sender_key", "created_at"), name="support_by_sender"),)
