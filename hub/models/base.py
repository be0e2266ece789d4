"""What every tenant-owned row shares, and the one scoped read."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from hub.auth.permissions import Permission, can, tenants_where
from tenants.models import PlainRow, Tenant
from tenants.scope import Scope


class Language(StrEnum):
    VI = "vi"
    EN = "en"


class ContentStatus(StrEnum):
    """Where a piece of content is in the editorial workflow (see hub/services/workflow.py)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    ARCHIVED = "archived"


class TenantOwned(PlainRow, Model):
    """Abstract base of everything a tenant owns; holds the one scoped read."""

    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: int

    class Meta:
        abstract = True

    @classmethod
    def public_filter(cls) -> Q | None:
        """What a reader without draft rights may see: ``None`` is everything.

        The one place each model says what is public; :meth:`visible_q` and
        :meth:`readable_by` apply it.
        """
        return None

    @classmethod
    def visible(cls, scope: Scope) -> QuerySet[Self]:
        """The only read path for tenant content: the scope's tenant, as its viewer may see it.

        Fails closed: with no tenant bound it raises
        :class:`~tenants.scope.NoTenantBound` instead of reading everything.
        """
        return cls.filter(cls.visible_q(scope))

    @classmethod
    def visible_q(cls, scope: Scope) -> Q:
        """The condition behind :meth:`visible`, for combining (a portal's feed)."""
        tenant = scope.require_tenant()
        public = cls.public_filter()
        if public is None or can(scope.viewer, Permission.VIEW_DRAFTS, tenant.id):
            return Q(tenant_id=tenant.id)
        return Q(tenant_id=tenant.id) & public

    @classmethod
    def readable_by(cls, scope: Scope) -> QuerySet[Self]:
        """Rows of any tenant that the scope's viewer may read (for `node(id:)`)."""
        public = cls.public_filter()
        if scope.viewer.is_superuser or public is None:
            return cls.all()
        drafts_in = tenants_where(scope.viewer, Permission.VIEW_DRAFTS)
        return cls.filter(public | Q(tenant_id__in=list(drafts_in)))

    @classmethod
    def unscoped(cls) -> QuerySet[Self]:
        """The named escape hatch: every tenant's rows, drafts included.

        Only for code that is not answering a reader: loaders keyed by ids
        that a scoped query already produced, services checking uniqueness,
        benchmarks.
        """
        return cls.all()


class TenantContent(TenantOwned):
    """Abstract base of published content: adds a language and a workflow status."""

    language = fields.CharEnumField(Language, max_length=8, default=Language.VI)
    # A fixed description: the generated one lists the members, and every new
    # status would then need an AlterField, which SQLite runs as a table rebuild.
    status = fields.CharEnumField(
        ContentStatus, max_length=16, default=ContentStatus.DRAFT, description="Workflow status"
    )

    class Meta:
        abstract = True

    @classmethod
    def public_filter(cls) -> Q | None:
        return Q(status=ContentStatus.PUBLISHED)
