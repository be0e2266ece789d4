"""The request scope: which tenant, which viewer, which language.

Pure data, no database access. Every request (and every CLI command) builds
one :class:`Scope` and passes it explicitly: to the GraphQL context, to the
services, and to the content models' one scoped query helper, which fails
closed when no tenant is bound (:class:`NoTenantBound`). Passing it rather
than reading a context variable keeps every read's tenant visible in code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tenants.models import Tenant


# Keys under which the tenant middleware stamps the ASGI scope of a request.
TENANT_KEY = "thudo.tenant"
TENANT_SLUG_KEY = "thudo.tenant_slug"
TENANT_LEVEL_KEY = "thudo.tenant_level"


class NoTenantBound(LookupError):
    """A tenant-owned read was attempted with no tenant in scope."""


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a user (with roles per tenant id) or nobody."""

    user_id: int | None = None
    username: str = ""
    is_superuser: bool = False
    roles: Mapping[int, frozenset[str]] = field(default_factory=dict)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def roles_in(self, tenant_id: int) -> frozenset[str]:
        return self.roles.get(tenant_id, frozenset())


ANONYMOUS = Viewer()
# The actor of CLI commands, seeding and importers: every permission, no user row.
SYSTEM = Viewer(username="system", is_superuser=True)


@dataclass(frozen=True)
class Scope:
    """Tenant, viewer and language of one request (or one CLI command)."""

    tenant: Tenant | None = None
    viewer: Viewer = ANONYMOUS
    language: str = "vi"
    # The sender's network address, for limits on what anonymous people may send.
    client_address: str = ""

    def require_tenant(self) -> Tenant:
        """The bound tenant, or :class:`NoTenantBound` — scoping fails closed."""
        if self.tenant is None:
            raise NoTenantBound("no tenant is bound to this scope")
        return self.tenant

    def for_tenant(self, tenant: Tenant) -> Scope:
        """The same viewer and language, reading another tenant's content."""
        return replace(self, tenant=tenant)
