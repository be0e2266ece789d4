"""GraphQL types of the tenant tree."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from schema.common import Node, load_now
from tenants import models as m

TenantLevel = strawberry.enum(
    m.TenantLevel, name="TenantLevel", description="What kind of unit a portal belongs to."
)


@strawberry.type(description="Contact data a portal must publish (Decree 42/2022 Art. 4(1)(e)).")
class Contact:
    address: str = strawberry.field(description="Postal address of the agency.")
    phone: str = strawberry.field(description="Switchboard telephone.")
    fax: str = strawberry.field(description="Fax number, if any.")
    email: str = strawberry.field(description="Official e-mail address.")
    info_officer_name: str = strawberry.field(
        description="Information-request focal point (Law 104/2016): name."
    )
    info_officer_title: str = strawberry.field(description="Focal point's title.")
    info_officer_phone: str = strawberry.field(description="Focal point's telephone.")
    info_officer_email: str = strawberry.field(description="Focal point's e-mail.")


@strawberry.type(name="Tenant", description="One portal or site in the province's tree of portals.")
class TenantType(Node):
    slug: str = strawberry.field(description="Stable short name; the first label of its host.")
    name: str = strawberry.field(description="Vietnamese name.")
    name_en: str = strawberry.field(description="English name (may be empty).")
    level: TenantLevel = strawberry.field(description="City, department, commune, site…")
    depth: int = strawberry.field(description="Distance from the root of the tree (root = 0).")
    english_enabled: bool = strawberry.field(
        description="Whether this portal has an English edition."
    )
    description: str = strawberry.field(description="A sentence or two about the unit.")
    parent_id: strawberry.Private[int | None]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Tenant)

    @strawberry.field(description="Addresses and the information-request focal point.")
    def contact(self) -> Contact:
        t: Any = self
        return Contact(
            address=t.address,
            phone=t.phone,
            fax=t.fax,
            email=t.email,
            info_officer_name=t.info_officer_name,
            info_officer_title=t.info_officer_title,
            info_officer_phone=t.info_officer_phone,
            info_officer_email=t.info_officer_email,
        )

    @strawberry.field(description="The unit above this one; null for the root.")
    def parent(self, info: Info) -> TenantType | None:
        if self.parent_id is None:
            return None
        return load_now(info.context.loaders.tenant_by_id, self.parent_id)  # type: ignore[no-any-return]

    @strawberry.field(description="Units directly below this one.")
    def children(self, info: Info) -> list[TenantType]:
        return info.context.loaders.tenant_children.load(self.pk)  # type: ignore[attr-defined,no-any-return]

    @strawberry.field(
        description="Hostnames that serve this portal besides `<slug>.<base domain>`."
    )
    def hostnames(self, info: Info) -> list[str]:
        return info.context.loaders.tenant_hostnames.load(self.pk)  # type: ignore[attr-defined,no-any-return]
