"""GraphQL types of portal administration: settings, hostnames, sections, the tree."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub.services.categories import CategoryErrorCode as _CategoryCode
from hub.services.portal_settings import PortalErrorCode as _PortalCode
from schema.content import CategoryType
from schema.tenants import TenantLevel, TenantType
from tenants import models as m

PortalErrorCode = strawberry.enum(
    _PortalCode, name="PortalErrorCode", description="Why a portal administration change failed."
)
CategoryErrorCode = strawberry.enum(
    _CategoryCode, name="CategoryErrorCode", description="Why a section change failed."
)


@strawberry.type(description="A portal's settings as its admins see and change them.")
class PortalSettings:
    name: str = strawberry.field(description="Vietnamese name.")
    name_en: str = strawberry.field(description="English name (may be empty).")
    description: str = strawberry.field(description="A sentence or two about the unit.")
    address: str = strawberry.field(description="Postal address of the agency.")
    phone: str = strawberry.field(description="Switchboard telephone.")
    fax: str = strawberry.field(description="Fax number, if any.")
    email: str = strawberry.field(description="Official e-mail address.")
    info_officer_name: str = strawberry.field(description="Information focal point: name.")
    info_officer_title: str = strawberry.field(description="Information focal point: title.")
    info_officer_phone: str = strawberry.field(description="Information focal point: phone.")
    info_officer_email: str = strawberry.field(description="Information focal point: e-mail.")
    english_enabled: bool = strawberry.field(description="Whether the English edition is on.")
    self_approval_allowed: bool = strawberry.field(
        description="Whether one person may approve or publish an article they wrote or "
        "last edited (one-person units); off by default (separation of duties)."
    )
    hostnames: list[str] = strawberry.field(
        description="Hostnames that serve this portal besides `<slug>.<base domain>`."
    )
    tenant: TenantType = strawberry.field(description="The portal these settings belong to.")

    @classmethod
    def of(cls, tenant: m.Tenant, hostnames: list[str]) -> PortalSettings:
        """The settings of a tenant row."""
        t: Any = tenant
        return cls(
            name=t.name,
            name_en=t.name_en,
            description=t.description,
            address=t.address,
            phone=t.phone,
            fax=t.fax,
            email=t.email,
            info_officer_name=t.info_officer_name,
            info_officer_title=t.info_officer_title,
            info_officer_phone=t.info_officer_phone,
            info_officer_email=t.info_officer_email,
            english_enabled=t.english_enabled,
            self_approval_allowed=t.self_approval_allowed,
            hostnames=hostnames,
            tenant=t,
        )


@strawberry.input(description="Settings to change; a field left out keeps its value.")
class PortalSettingsInput:
    name: str | None = strawberry.field(default=None, description="Vietnamese name (required).")
    name_en: str | None = strawberry.field(default=None, description="English name.")
    description: str | None = strawberry.field(default=None, description="About the unit.")
    address: str | None = strawberry.field(default=None, description="Postal address.")
    phone: str | None = strawberry.field(default=None, description="Telephone.")
    fax: str | None = strawberry.field(default=None, description="Fax.")
    email: str | None = strawberry.field(
        default=None, description="Official e-mail (checked like every address the hub mails)."
    )
    info_officer_name: str | None = strawberry.field(
        default=None, description="Information focal point: name."
    )
    info_officer_title: str | None = strawberry.field(
        default=None, description="Information focal point: title."
    )
    info_officer_phone: str | None = strawberry.field(
        default=None, description="Information focal point: phone."
    )
    info_officer_email: str | None = strawberry.field(
        default=None, description="Information focal point: e-mail."
    )
    english_enabled: bool | None = strawberry.field(
        default=None, description="Turn the English edition on or off."
    )
    self_approval_allowed: bool | None = strawberry.field(
        default=None,
        description="Allow one person to approve and publish their own articles (audited).",
    )


@strawberry.type(description="The portal's settings after the change.")
class PortalSuccess:
    settings: PortalSettings = strawberry.field(description="The settings as they now stand.")


@strawberry.type(description="The portal change failed; nothing was written.")
class PortalError:
    code: PortalErrorCode = strawberry.field(description="Stable machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


PortalResult = Annotated[
    PortalSuccess | PortalError,
    strawberry.union("PortalResult", description="Outcome of a portal settings change."),
]


@strawberry.type(description="The portal in the tree after the change.")
class TenantTreeSuccess:
    tenant: TenantType = strawberry.field(description="The new or moved portal.")


TenantTreeResult = Annotated[
    TenantTreeSuccess | PortalError,
    strawberry.union("TenantTreeResult", description="Outcome of a change to the tree."),
]


@strawberry.input(description="A new portal, filled from its level's template.")
class TenantCreateInput:
    parent: str = strawberry.field(description="Slug of the unit above it.")
    slug: str = strawberry.field(description="Short name: lower-case letters, digits, hyphens.")
    name: str = strawberry.field(description="Vietnamese name.")
    level: TenantLevel = strawberry.field(description="Department, commune, site…")
    name_en: str = strawberry.field(default="", description="English name.")
    hostnames: list[str] = strawberry.field(
        default_factory=list, description="Extra hostnames it answers on."
    )


@strawberry.type(description="The section after the change.")
class CategorySuccess:
    category: CategoryType = strawberry.field(description="The section.")


@strawberry.type(description="The sections in their new order.")
class CategoryOrderSuccess:
    categories: list[CategoryType] = strawberry.field(description="Every section, in menu order.")


@strawberry.type(description="The section change failed; nothing was written.")
class CategoryError:
    code: CategoryErrorCode = strawberry.field(description="Stable machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


CategoryResult = Annotated[
    CategorySuccess | CategoryError,
    strawberry.union("CategoryResult", description="Outcome of creating or renaming a section."),
]
CategoryOrderResult = Annotated[
    CategoryOrderSuccess | CategoryError,
    strawberry.union("CategoryOrderResult", description="Outcome of reordering sections."),
]


def settings_of(info: Info, tenant: m.Tenant, hostnames: list[str]) -> PortalSettings:
    """Settings of ``tenant``, the row primed for the request's loaders."""
    info.context.loaders.prime_tenant(tenant)
    return PortalSettings.of(tenant, hostnames)
