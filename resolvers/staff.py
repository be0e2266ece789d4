"""A portal's staff: the list for its admins, and the mutations that change accounts and roles.

Thin: every rule (who may, the safe rule for shared accounts, the audit
entries, ending sessions) is in `hub/services/staff.py`, which the
`thudo user …` and `thudo role …` commands call too.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Role
from hub.services import staff as service
from hub.services.errors import ServiceError
from resolvers.pagination import TenantSlugArg
from resolvers.tenants import require_tenant
from schema.common import BadUserInput
from schema.staff import (
    PortalRole,
    StaffCreateInput,
    StaffError,
    StaffErrorCode,
    StaffMemberType,
    StaffResult,
    StaffSuccess,
)

UsernameArg = Annotated[str, strawberry.argument(description="The user's sign-in name.")]
RoleArg = Annotated[PortalRole, strawberry.argument(description="The role in this portal.")]  # type: ignore[valid-type]


def member_type(member: service.StaffMember) -> StaffMemberType:
    return StaffMemberType(
        username=member.user.username,
        full_name=member.user.full_name,
        email=member.user.email,
        is_active=member.user.is_active,
        roles=list(member.roles),
        manageable=member.manageable,
    )


async def _result(call: Awaitable[service.StaffChange]) -> StaffResult:
    try:
        change = await call
    except ServiceError as exc:
        return StaffError(code=StaffErrorCode(exc.code), message=exc.message, field=exc.field)
    assert change.member is not None  # the API always names a portal
    return StaffSuccess(
        member=member_type(change.member), temporary_password=change.temporary_password
    )


def _refused(exc: ServiceError) -> BadUserInput:
    return BadUserInput(exc.message, str(exc.code))


@strawberry.type
class StaffQuery:
    @strawberry.field(
        description="Everyone holding a role in a portal, active or not, by username, with "
        "their roles there; for the portal's admins and superusers (others get a FORBIDDEN "
        "error). The hub keeps no record of sign-ins, so none is shown."
    )
    async def staff(
        self,
        info: Info,
        tenant: TenantSlugArg,
        role: Annotated[
            PortalRole | None,  # type: ignore[valid-type]
            strawberry.argument(description="Only those holding this role here."),
        ] = None,
    ) -> list[StaffMemberType]:
        owner = await require_tenant(info, tenant)
        try:
            members = await service.staff_list(info.context.scope, owner, role)
        except ServiceError as exc:
            raise _refused(exc) from None
        return [member_type(m) for m in members]

    @strawberry.field(
        description="One user holding a role in a portal, for its admins; null for a name "
        "that holds no role there (the same as no such user)."
    )
    async def staff_member(
        self, info: Info, tenant: TenantSlugArg, username: UsernameArg
    ) -> StaffMemberType | None:
        owner = await require_tenant(info, tenant)
        try:
            member = await service.staff_member(info.context.scope, owner, username)
        except ServiceError as exc:
            raise _refused(exc) from None
        return member_type(member) if member is not None else None


@strawberry.type
class StaffMutation:
    @strawberry.mutation(
        description="Create an account with roles in a portal (its admins). The answer "
        "carries a temporary password, shown once."
    )
    async def staff_create(
        self,
        info: Info,
        input: Annotated[StaffCreateInput, strawberry.argument(description="The new account.")],
    ) -> StaffResult:
        owner = await require_tenant(info, input.tenant)
        return await _result(
            service.staff_create(
                info.context.scope,
                owner,
                username=input.username,
                full_name=input.full_name,
                email=input.email,
                roles=[Role(r) for r in input.roles],
            )
        )

    @strawberry.mutation(description="Give an existing user a role in a portal (its admins).")
    async def role_grant(
        self, info: Info, tenant: TenantSlugArg, username: UsernameArg, role: RoleArg
    ) -> StaffResult:
        owner = await require_tenant(info, tenant)
        return await _result(service.role_grant(info.context.scope, owner, username, Role(role)))

    @strawberry.mutation(
        description="Take a role in a portal away from a user (its admins; not one's own "
        "admin role)."
    )
    async def role_revoke(
        self, info: Info, tenant: TenantSlugArg, username: UsernameArg, role: RoleArg
    ) -> StaffResult:
        owner = await require_tenant(info, tenant)
        return await _result(service.role_revoke(info.context.scope, owner, username, Role(role)))

    @strawberry.mutation(
        description="Give a user a new temporary password (shown once) and end their "
        "sessions; see `StaffMember.manageable` for who may."
    )
    async def staff_password_reset(
        self, info: Info, tenant: TenantSlugArg, username: UsernameArg
    ) -> StaffResult:
        owner = await require_tenant(info, tenant)
        return await _result(service.staff_password_reset(info.context.scope, owner, username))

    @strawberry.mutation(
        description="Stop a user signing in anywhere; their sessions and API tokens stop "
        "working at once. See `StaffMember.manageable` for who may."
    )
    async def staff_deactivate(
        self, info: Info, tenant: TenantSlugArg, username: UsernameArg
    ) -> StaffResult:
        owner = await require_tenant(info, tenant)
        return await _result(
            service.staff_set_active(info.context.scope, owner, username, active=False)
        )

    @strawberry.mutation(
        description="Let a deactivated user sign in again (sessions ended by the "
        "deactivation stay ended)."
    )
    async def staff_reactivate(
        self, info: Info, tenant: TenantSlugArg, username: UsernameArg
    ) -> StaffResult:
        owner = await require_tenant(info, tenant)
        return await _result(
            service.staff_set_active(info.context.scope, owner, username, active=True)
        )
