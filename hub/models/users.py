"""Users, their roles per tenant, and API tokens for integrators."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from hub.auth.permissions import Role


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=150, unique=True)
    email = fields.CharField(max_length=254, default="")
    full_name = fields.CharField(max_length=200, default="")
    # Shown on the author's public page (blog writers).
    bio = fields.TextField(default="", db_default="")
    password_hash = fields.CharField(max_length=255, default="")
    is_superuser = fields.BooleanField(default=False)
    is_active = fields.BooleanField(default=True)
    # Raised by sign-out, a password change and deactivation; a session cookie
    # carries the value of its sign-in and stops working once they differ.
    session_generation = fields.IntField(default=0, db_default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    memberships: fields.ReverseRelation[Membership]

    class Meta:
        table = "user"


class Membership(Model):
    """One role of one user in one tenant."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE
    )
    tenant: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Tenant", related_name="memberships", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(Role, max_length=16)

    user_id: int
    tenant_id: int

    class Meta:
        table = "membership"
        unique_together = (("user", "tenant", "role"),)


class ApiToken(Model):
    """A bearer token for an integrator, stored only as its SHA-256."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="api_tokens", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked = fields.BooleanField(default=False)

    user_id: int

    class Meta:
        table = "api_token"


class LoginThrottle(Model):
    """Failed sign-ins of one account name or one client address (`hub/auth/throttle.py`).

    Shared by every hub process through the database. Times are Unix seconds
    (floats), compared in Python, the same on SQLite and PostgreSQL.
    """

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=200, unique=True)  # "user:<name>" or "addr:<ip>"
    failures = fields.IntField(default=0)
    last_failure = fields.FloatField(default=0)
    blocked_until = fields.FloatField(default=0)

    class Meta:
        table = "login_throttle"
