"""A portal's own settings: names, contact, English edition, self-approval, hostnames.

Portal admins (``TENANT_MANAGE`` in that portal) change them; superusers
anywhere. Every change is audited (``Tenant`` entries in the portal's audit
log, with each field's old and new value) and, when readers can see it,
announced as ``tenant.changed`` through the one outbox function, so the page
cache drops the pages that show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.events.outbox import EventType, emit
from hub.mail.addresses import normalise_address
from hub.services.errors import ServiceError
from hub.services.journal import audit_tenant
from hub.text.folding import nfc
from tenants.models import Tenant, TenantHost
from tenants.scope import Scope


class PortalErrorCode(StrEnum):
    """Why a portal administration mutation failed."""

    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_HOSTNAME = "INVALID_HOSTNAME"
    HOSTNAME_TAKEN = "HOSTNAME_TAKEN"
    DUPLICATE_SLUG = "DUPLICATE_SLUG"
    INVALID_PARENT = "INVALID_PARENT"


@dataclass
class PortalChanges:
    """Settings a portal admin may set; ``None`` leaves a setting as it is."""

    name: str | None = None
    name_en: str | None = None
    description: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    info_officer_name: str | None = None
    info_officer_title: str | None = None
    info_officer_phone: str | None = None
    info_officer_email: str | None = None
    english_enabled: bool | None = None
    self_approval_allowed: bool | None = None


# Field → (API field name, longest value). Lengths are the columns'.
TEXTS = {
    "name": ("name", 200),
    "name_en": ("nameEn", 200),
    "description": ("description", 2_000),
    "address": ("address", 300),
    "info_officer_name": ("infoOfficerName", 200),
    "info_officer_title": ("infoOfficerTitle", 200),
}
PHONES = {"phone": "phone", "fax": "fax", "info_officer_phone": "infoOfficerPhone"}
EMAILS = {"email": "email", "info_officer_email": "infoOfficerEmail"}
# Settings readers never see: changing them leaves every cached page as it is.
PRIVATE = frozenset({"self_approval_allowed"})
PHONE_RULE = re.compile(r"[0-9+() .\-]{0,50}")
# One label: letters, digits, hyphens inside, at most 63 (RFC 1035 / 1123).
LABEL_RULE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def require_manage(scope: Scope, tenant: Tenant) -> None:
    """FORBIDDEN unless the viewer administers ``tenant``."""
    try:
        require(scope.viewer, Permission.TENANT_MANAGE, tenant.id)
    except PermissionDenied as exc:
        raise ServiceError(PortalErrorCode.FORBIDDEN, str(exc)) from exc


def _invalid(message: str, field: str) -> ServiceError:
    return ServiceError(PortalErrorCode.INVALID_INPUT, message, field)


def _clean(name: str, value: Any) -> Any:
    """The value as stored, or INVALID_INPUT naming the API field."""
    if isinstance(value, bool):
        return value
    text = " ".join(nfc(str(value)).split()) if name != "description" else nfc(value).strip()
    if name in TEXTS:
        field, limit = TEXTS[name]
        if name == "name" and not text:
            raise _invalid("the portal needs a Vietnamese name", field)
        if len(text) > limit:
            raise _invalid(f"at most {limit} characters", field)
        return text
    if name in PHONES:
        if not PHONE_RULE.fullmatch(text):
            raise _invalid("a telephone number has digits, spaces and + ( ) . -", PHONES[name])
        return text
    if name in EMAILS:
        if not text:
            return ""
        try:
            return normalise_address(text)
        except ValueError as exc:
            raise _invalid(str(exc), EMAILS[name]) from exc
    raise AssertionError(name)


async def announce_tenant(tenant_id: int, what: str, object_type: str = "Tenant") -> None:
    """Emit ``tenant.changed`` (inside the caller's transaction) for the page cache."""
    await emit(
        EventType.TENANT_CHANGED,
        tenant_id=tenant_id,
        object_type=object_type,
        object_id=tenant_id,
        payload={"what": what},
    )


async def tenant_update(scope: Scope, tenant: Tenant, changes: PortalChanges) -> Tenant:
    """Change ``tenant``'s settings: all valid or nothing written."""
    require_manage(scope, tenant)
    tenant = await Tenant.get(id=tenant.id)  # the directory's copy may be seconds old
    wanted = {
        f.name: _clean(f.name, getattr(changes, f.name))
        for f in fields(changes)
        if getattr(changes, f.name) is not None
    }
    changed = {
        name: [getattr(tenant, name), value]
        for name, value in wanted.items()
        if getattr(tenant, name) != value
    }
    if not changed:
        return tenant
    for name, (_, value) in changed.items():
        setattr(tenant, name, value)
    async with in_transaction():
        await tenant.save(update_fields=[*changed, "updated_at"])
        await audit_tenant(scope, tenant.id, "settings", changed)
        if set(changed) - PRIVATE:
            await announce_tenant(tenant.id, "settings")
    return tenant


def check_hostname(hostname: str) -> str:
    """``hostname`` as stored (lower-case ASCII, IDN as punycode) or INVALID_HOSTNAME.

    Strict on purpose: no port, scheme, path, wildcard, IP address or single
    label, since the tenant middleware matches the Host header exactly.
    """
    text = nfc(hostname).strip().lower().rstrip(".")
    try:
        text = text.encode("idna").decode("ascii") if not text.isascii() else text
    except UnicodeError as exc:
        raise ServiceError(PortalErrorCode.INVALID_HOSTNAME, "not a host name", "hostname") from exc
    labels = text.split(".")
    if (
        len(text) > 253
        or len(labels) < 2
        or not all(LABEL_RULE.fullmatch(label) for label in labels)
        or labels[-1].isdigit()  # 10.0.0.1 is an address, not a name
    ):
        raise ServiceError(
            PortalErrorCode.INVALID_HOSTNAME,
            "a host name is labels of letters, digits and hyphens joined by dots",
            "hostname",
        )
    return text


async def tenant_host_add(scope: Scope, tenant: Tenant, hostname: str) -> TenantHost:
    """Let ``tenant`` also answer on ``hostname`` (refused if another portal has it)."""
    require_manage(scope, tenant)
    name = check_hostname(hostname)
    owner = await TenantHost.filter(hostname=name).first()
    if owner is not None:
        raise ServiceError(
            PortalErrorCode.HOSTNAME_TAKEN,
            "this portal already has that hostname"
            if owner.tenant_id == tenant.id  # type: ignore[attr-defined]
            else "another portal uses that hostname",
            "hostname",
        )
    try:
        async with in_transaction():
            host = await TenantHost.create(tenant_id=tenant.id, hostname=name)
            await audit_tenant(scope, tenant.id, "hostname_add", {"hostname": [None, name]})
            await announce_tenant(tenant.id, "hostnames")
    except IntegrityError as exc:  # added by someone else a moment ago
        raise ServiceError(
            PortalErrorCode.HOSTNAME_TAKEN, "another portal uses that hostname", "hostname"
        ) from exc
    return host


async def tenant_host_remove(scope: Scope, tenant: Tenant, hostname: str) -> None:
    """Stop serving ``tenant`` on ``hostname`` (NOT_FOUND unless it is the portal's)."""
    require_manage(scope, tenant)
    name = hostname.strip().lower().rstrip(".")
    async with in_transaction():
        removed = await TenantHost.filter(tenant_id=tenant.id, hostname=name).delete()
        if not removed:
            raise ServiceError(
                PortalErrorCode.NOT_FOUND, "this portal has no such hostname", "hostname"
            )
        await audit_tenant(scope, tenant.id, "hostname_remove", {"hostname": [name, None]})
        await announce_tenant(tenant.id, "hostnames")
