"""Tenant, its hostnames, and the closure table that makes tree reads one query."""

from __future__ import annotations

import re
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


class PlainRow:
    """Mixin for models that GraphQL resolvers return as roots: instances are not awaitable.

    Tortoise makes every model instance awaitable (``await obj`` gives ``obj``),
    so graphql-core would await each row returned from a resolver: a task and
    an event-loop round per object. Hiding ``__await__`` from instances lets a
    list of rows complete synchronously (profiled: most of a list's cost).
    """

    @property
    def __await__(self) -> None:  # type: ignore[override]
        raise AttributeError("model rows are plain values, not awaitables")


class TenantLevel(StrEnum):
    """What kind of unit a portal belongs to; picks the front end's template set."""

    CITY = "city"
    DEPARTMENT = "department"
    DISTRICT = "district"  # kept for history: district level ended on 1/7/2025
    COMMUNE = "commune"
    SITE = "site"


class Tenant(PlainRow, Model):
    """One portal or site. Levels and parents are data: units merge and move."""

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=200, default="")
    level = fields.CharEnumField(TenantLevel, max_length=16)
    parent: fields.ForeignKeyNullableRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    depth = fields.IntField(default=0)
    english_enabled = fields.BooleanField(default=False)
    description = fields.TextField(default="")
    # Contact data every portal must publish (Decree 42 Art. 4(1)(e); Law 104 Art. 19(1)(đ)).
    address = fields.CharField(max_length=300, default="")
    phone = fields.CharField(max_length=50, default="")
    fax = fields.CharField(max_length=50, default="")
    email = fields.CharField(max_length=200, default="")
    info_officer_name = fields.CharField(max_length=200, default="")
    info_officer_title = fields.CharField(max_length=200, default="")
    info_officer_phone = fields.CharField(max_length=50, default="")
    info_officer_email = fields.CharField(max_length=200, default="")
    # Whether one person may approve or publish an article they wrote or last
    # edited (one-person units); off by default (separation of duties).
    self_approval_allowed = fields.BooleanField(default=False, db_default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    hosts: fields.ReverseRelation[TenantHost]

    class Meta:
        table = "tenant"
        ordering = ["depth", "name"]

    def __str__(self) -> str:
        return self.slug


class TenantHost(Model):
    """An extra hostname that serves a tenant, e.g. `caicachhanhchinh.hanoi.gov.vn`."""

    id = fields.IntField(primary_key=True)
    hostname = fields.CharField(max_length=253, unique=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="hosts", on_delete=fields.CASCADE
    )

    class Meta:
        table = "tenant_host"


class TenantClosure(Model):
    """One row per (ancestor, descendant) pair, itself included at depth 0.

    "All descendants of X" and "all ancestors of Y" are then single indexed
    equality lookups, on SQLite and PostgreSQL alike, whatever the tree depth.
    """

    id = fields.IntField(primary_key=True)
    ancestor: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="descendant_links", on_delete=fields.CASCADE
    )
    descendant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="ancestor_links", on_delete=fields.CASCADE
    )
    distance = fields.IntField()

    class Meta:
        table = "tenant_closure"
        unique_together = (("ancestor", "descendant"),)
        indexes = (("descendant_id", "distance"),)
