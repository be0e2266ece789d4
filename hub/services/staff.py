"""A portal's staff: listing them, creating accounts, granting and revoking roles,
resetting passwords, deactivating and reactivating (API, workspace and CLI alike).

Who may do what (the safe rule, docs/workspace.md):

- **Roles** are per portal. Whoever holds ``TENANT_MANAGE`` in a portal (its
  admins, and superusers) may grant and revoke roles *there*, to any existing
  user, and list the portal's staff. No one grants superuser here: that stays
  with the operators' command line (``thudo user create --superuser``).
- **An account** (password, active or not) is shared by every portal where
  its holder works, so a portal admin may reset, deactivate or reactivate it
  only when *every* role the user holds is in a portal that admin manages,
  and never a superuser's. Otherwise the admin of one ward could take over
  (or lock out) a city editor who also reports for that ward. Superusers may
  do it for anyone.
- Nobody changes their own account or takes their own admin role away here
  (no one locks themselves out by mistake; another admin does it).

New accounts and resets get a **temporary password** made by the hub, shown
once in the answer (as API tokens are) and never stored in the clear; the
admin passes it on. Every change is one audit entry per portal concerned
(object type ``User``), written in the change's transaction by the journal's
one ``audit`` function. Deactivation and a reset end the user's open sessions
(their session generation goes up, `hub/auth/identity.py`).
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from hub.auth.passwords import hash_password_async
from hub.auth.permissions import Permission, PermissionDenied, Role, can, require
from hub.mail.addresses import normalise_address
from hub.models import Membership, TenantOwned, User
from hub.services.errors import ServiceError
from hub.services.journal import audit
from hub.services.users import check_username, user_create
from hub.text.folding import nfc
from tenants.models import Tenant
from tenants.scope import Scope

MAX_FULL_NAME = 200
# No look-alikes (0/O, 1/l/I): the password is read out or copied by hand.
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_PASSWORD_GROUPS = 4  # 4 × 4 characters of 56: about 93 bits


class StaffErrorCode(StrEnum):
    INVALID_INPUT = "INVALID_INPUT"
    DUPLICATE_USERNAME = "DUPLICATE_USERNAME"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    SELF_CHANGE = "SELF_CHANGE"


@dataclass(frozen=True)
class StaffMember:
    """A user as one portal's admins see them: their roles in that portal only."""

    user: User
    tenant_id: int
    roles: tuple[Role, ...]
    # Whether the viewer may reset, deactivate or reactivate the account.
    manageable: bool


@dataclass(frozen=True)
class StaffChange:
    """The outcome of a change: the member as they now stand, and a temporary
    password when one was just made (shown once)."""

    member: StaffMember | None  # None from the command line (no portal)
    temporary_password: str | None = None


class _AuditedUser:
    """A user filed under one portal in the audit log.

    The journal's ``audit`` files an item under its ``tenant_id`` and names it
    by its class; a user belongs to no portal, so the entry goes under the
    portal where the change was made (and every portal the user works in).
    """

    def __init__(self, user_id: int, tenant_id: int) -> None:
        self.pk = user_id
        self.tenant_id = tenant_id


_AuditedUser.__name__ = "User"  # the entry's object_type, as for any other user row


def temporary_password() -> str:
    """A random password in groups (``abcd-efgh-…``), easy to pass on by hand."""
    groups = (
        "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4))
        for _ in range(_PASSWORD_GROUPS)
    )
    return "-".join(groups)


def _denied(exc: PermissionDenied) -> ServiceError:
    return ServiceError(StaffErrorCode.FORBIDDEN, str(exc))


def _require_manager(scope: Scope, tenant: Tenant) -> None:
    try:
        require(scope.viewer, Permission.TENANT_MANAGE, tenant.id)
    except PermissionDenied as exc:
        raise _denied(exc) from None


async def _roles_by_tenant(user_id: int) -> dict[int, set[Role]]:
    rows = await Membership.filter(user_id=user_id).values_list("tenant_id", "role")
    roles: dict[int, set[Role]] = defaultdict(set)
    for tenant_id, role in rows:
        roles[tenant_id].add(Role(role))
    return roles


def _may_manage_account(scope: Scope, user: User, portals: set[int]) -> bool:
    """The safe rule for account-wide changes (see the module's docstring)."""
    viewer = scope.viewer
    if viewer.is_superuser:
        return True
    if user.is_superuser or user.id == viewer.user_id:
        return False
    return all(can(viewer, Permission.TENANT_MANAGE, tenant_id) for tenant_id in portals)


def _member(scope: Scope, user: User, tenant: Tenant, roles: dict[int, set[Role]]) -> StaffMember:
    return StaffMember(
        user=user,
        tenant_id=tenant.id,
        roles=tuple(sorted(roles.get(tenant.id, set()), key=list(Role).index)),
        manageable=user.id != scope.viewer.user_id and _may_manage_account(scope, user, set(roles)),
    )


async def _record(
    scope: Scope,
    user: User,
    tenants: set[int],
    action: str,
    changes: dict[str, Any] | None = None,
) -> None:
    for tenant_id in sorted(tenants):
        subject = cast(TenantOwned, _AuditedUser(user.id, tenant_id))
        await audit(scope, subject, action, changes={"username": user.username, **(changes or {})})


def _clean_roles(roles: list[Role] | list[str]) -> list[Role]:
    try:
        cleaned = {Role(role) for role in roles}
    except ValueError:
        raise ServiceError(StaffErrorCode.INVALID_INPUT, "unknown role", "roles") from None
    return sorted(cleaned, key=list(Role).index)


def _clean_full_name(full_name: str) -> str:
    text = " ".join(nfc(full_name).split())
    if not text or len(text) > MAX_FULL_NAME:
        raise ServiceError(
            StaffErrorCode.INVALID_INPUT,
            f"a full name of 1 to {MAX_FULL_NAME} characters is needed",
            "fullName",
        )
    return text


def _clean_email(email: str) -> str:
    """The mail module's one rule; an empty address is allowed (no mail is sent)."""
    if not email.strip():
        return ""
    try:
        return normalise_address(email)
    except ValueError as exc:
        raise ServiceError(StaffErrorCode.INVALID_INPUT, str(exc), "email") from None


async def staff_list(scope: Scope, tenant: Tenant, role: Role | None = None) -> list[StaffMember]:
    """Everyone holding a role in ``tenant`` (active or not), by username; for its admins.

    Three statements whatever the number of people: the portal's memberships,
    their users, and every role those users hold anywhere (for ``manageable``).
    """
    _require_manager(scope, tenant)
    here = Membership.filter(tenant_id=tenant.id)
    if role is not None:
        here = here.filter(role=role)
    user_ids = set(await here.values_list("user_id", flat=True))
    if not user_ids:
        return []
    users = await User.filter(id__in=user_ids).order_by("username").prefetch_related("memberships")
    members = []
    for user in users:
        roles: dict[int, set[Role]] = defaultdict(set)
        for membership in user.memberships:
            roles[membership.tenant_id].add(Role(membership.role))
        members.append(_member(scope, user, tenant, roles))
    return members


async def staff_member(scope: Scope, tenant: Tenant, username: str) -> StaffMember | None:
    """One user holding a role in ``tenant``, for its admins; None for anyone else,
    so a name from another portal looks the same as a missing one."""
    _require_manager(scope, tenant)
    user = await User.get_or_none(username=username.strip().lower())
    if user is None:
        return None
    roles = await _roles_by_tenant(user.id)
    if tenant.id not in roles:
        return None
    return _member(scope, user, tenant, roles)


async def staff_create(
    scope: Scope,
    tenant: Tenant,
    *,
    username: str,
    full_name: str,
    email: str,
    roles: list[Role] | list[str],
) -> StaffChange:
    """A new active account with roles in ``tenant`` and a temporary password."""
    _require_manager(scope, tenant)
    username = check_username(username)
    cleaned_name = _clean_full_name(full_name)
    cleaned_email = _clean_email(email)
    granted = _clean_roles(roles)
    if not granted:
        raise ServiceError(StaffErrorCode.INVALID_INPUT, "choose at least one role", "roles")
    password = temporary_password()
    async with in_transaction():
        try:
            user = await user_create(
                username,
                password,
                full_name=cleaned_name,
                email=cleaned_email,
                roles={tenant: granted},
            )
        except ServiceError as exc:
            raise ServiceError(StaffErrorCode(exc.code), exc.message, exc.field) from None
        await _record(
            scope, user, {tenant.id}, "staff_create", {"roles": [[], [r.value for r in granted]]}
        )
    member = _member(scope, user, tenant, {tenant.id: set(granted)})
    return StaffChange(member, password)


async def _target(username: str) -> tuple[User, dict[int, set[Role]]]:
    user = await User.get_or_none(username=username.strip().lower())
    if user is None:
        raise ServiceError(StaffErrorCode.NOT_FOUND, "no such user", "username")
    return user, await _roles_by_tenant(user.id)


async def role_grant(scope: Scope, tenant: Tenant, username: str, role: Role | str) -> StaffChange:
    """Give an existing user a role in ``tenant`` (nothing changes if they hold it)."""
    _require_manager(scope, tenant)
    [granted] = _clean_roles([role])
    user, roles = await _target(username)
    before = sorted(r.value for r in roles.get(tenant.id, set()))
    if granted not in roles.get(tenant.id, set()):
        async with in_transaction():
            await Membership.get_or_create(user_id=user.id, tenant_id=tenant.id, role=granted)
            roles[tenant.id].add(granted)
            after = sorted(r.value for r in roles[tenant.id])
            await _record(scope, user, {tenant.id}, "role_grant", {"roles": [before, after]})
    return StaffChange(_member(scope, user, tenant, roles))


async def role_revoke(scope: Scope, tenant: Tenant, username: str, role: Role | str) -> StaffChange:
    """Take a role in ``tenant`` away (nothing changes if they do not hold it).

    The user keeps their account and any roles elsewhere; their next request
    already runs without this role (roles are read on every request).
    """
    _require_manager(scope, tenant)
    [revoked] = _clean_roles([role])
    user, roles = await _target(username)
    if tenant.id not in roles:
        raise ServiceError(StaffErrorCode.NOT_FOUND, "no such user in this portal", "username")
    if revoked is Role.ADMIN and user.id == scope.viewer.user_id and not scope.viewer.is_superuser:
        raise ServiceError(
            StaffErrorCode.SELF_CHANGE, "another admin must take your admin role away", "role"
        )
    before = sorted(r.value for r in roles[tenant.id])
    if revoked in roles[tenant.id]:
        async with in_transaction():
            await Membership.filter(user_id=user.id, tenant_id=tenant.id, role=revoked).delete()
            roles[tenant.id].discard(revoked)
            after = sorted(r.value for r in roles[tenant.id])
            await _record(scope, user, {tenant.id}, "role_revoke", {"roles": [before, after]})
    return StaffChange(_member(scope, user, tenant, roles))


async def _account_target(
    scope: Scope, tenant: Tenant | None, username: str
) -> tuple[User, dict[int, set[Role]]]:
    """The user of an account-wide change, after the safe rule.

    ``tenant`` is the portal the change is made from; ``None`` (the command
    line) is for superusers only.
    """
    if tenant is None:
        if not scope.viewer.is_superuser:
            raise ServiceError(StaffErrorCode.FORBIDDEN, "not allowed: tenant_manage")
    else:
        _require_manager(scope, tenant)
    user, roles = await _target(username)
    if tenant is not None and tenant.id not in roles:
        raise ServiceError(StaffErrorCode.NOT_FOUND, "no such user in this portal", "username")
    if user.id == scope.viewer.user_id:
        raise ServiceError(
            StaffErrorCode.SELF_CHANGE, "another admin must change your account", "username"
        )
    if not _may_manage_account(scope, user, set(roles)):
        raise ServiceError(
            StaffErrorCode.FORBIDDEN,
            "the user holds roles in portals you do not manage (or is a superuser)",
            "username",
        )
    return user, roles


async def _portals_to_tell(tenant: Tenant | None, roles: dict[int, set[Role]]) -> set[int]:
    """Every portal the user works in hears of an account change (and the acting one)."""
    portals = set(roles) | ({tenant.id} if tenant is not None else set())
    if not portals:  # a user with no role left: filed under the top of the tree
        root = await Tenant.filter(parent_id=None).order_by("id").first()
        portals = {root.id} if root is not None else set()
    return portals


async def staff_password_reset(scope: Scope, tenant: Tenant | None, username: str) -> StaffChange:
    """A new temporary password (in the answer, once); the user's sessions end.

    ``tenant`` None is the operators' command line (superusers only).
    """
    user, roles = await _account_target(scope, tenant, username)
    password = temporary_password()
    password_hash = await hash_password_async(password)
    async with in_transaction():
        await User.filter(id=user.id).update(
            password_hash=password_hash, session_generation=F("session_generation") + 1
        )
        await _record(scope, user, await _portals_to_tell(tenant, roles), "password_reset")
    return StaffChange(_after(scope, user, tenant, roles), password)


def _after(
    scope: Scope, user: User, tenant: Tenant | None, roles: dict[int, set[Role]]
) -> StaffMember | None:
    return _member(scope, user, tenant, roles) if tenant is not None else None


async def staff_set_active(
    scope: Scope, tenant: Tenant | None, username: str, active: bool
) -> StaffChange:
    """Deactivate (the user can no longer sign in, their sessions and API tokens
    stop working at once) or reactivate an account. Sessions ended by a
    deactivation stay ended after a reactivation."""
    user, roles = await _account_target(scope, tenant, username)
    if user.is_active != active:
        async with in_transaction():
            update: dict[str, Any] = {"is_active": active}
            if not active:
                update["session_generation"] = F("session_generation") + 1
            await User.filter(id=user.id).update(**update)
            await _record(
                scope,
                user,
                await _portals_to_tell(tenant, roles),
                "reactivate" if active else "deactivate",
                {"is_active": [user.is_active, active]},
            )
        user.is_active = active
    return StaffChange(_after(scope, user, tenant, roles))
