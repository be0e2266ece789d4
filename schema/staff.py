"""Types of a portal's staff administration: members, their roles, the mutations' outcomes."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.auth.permissions import Role
from hub.services.staff import StaffErrorCode as _StaffErrorCode

PortalRole = strawberry.enum(
    Role,
    name="PortalRole",
    description="A role in one portal: `REPORTER` writes, `EDITOR` edits and returns, "
    "`APPROVER` approves and publishes, `ADMIN` does all and manages the portal and its staff.",
)

StaffErrorCode = strawberry.enum(
    _StaffErrorCode,
    name="StaffErrorCode",
    description="Why a staff mutation failed: `INVALID_INPUT` (see `field`), "
    "`DUPLICATE_USERNAME`, `NOT_FOUND` (no such user in this portal), `FORBIDDEN` (not an "
    "admin of this portal, or the user also works in portals the viewer does not manage, "
    "or is a superuser), `SELF_CHANGE` (one's own account or admin role).",
)


@strawberry.type(name="StaffMember", description="A user holding roles in one portal.")
class StaffMemberType:
    username: str = strawberry.field(description="The sign-in name.")
    full_name: str = strawberry.field(description="The display name.")
    email: str = strawberry.field(description="The e-mail address (may be empty).")
    is_active: bool = strawberry.field(
        description="False once deactivated: the user cannot sign in anywhere."
    )
    roles: list[PortalRole] = strawberry.field(  # type: ignore[valid-type]
        description="The user's roles in this portal (roles elsewhere are not shown)."
    )
    manageable: bool = strawberry.field(
        description="Whether the viewer may reset this user's password, deactivate or "
        "reactivate them: only when every role they hold is in a portal the viewer manages "
        "and they are neither a superuser nor the viewer (superusers: anyone but themselves)."
    )


@strawberry.type(description="The change was made.")
class StaffSuccess:
    member: StaffMemberType = strawberry.field(description="The user as they now stand here.")
    temporary_password: str | None = strawberry.field(
        description="After `staffCreate` and `staffPasswordReset` only: the new temporary "
        "password, shown this once and never again (only its hash is kept). Pass it on; "
        "the user signs in with it."
    )


@strawberry.type(description="The staff mutation failed; nothing was written.")
class StaffError:
    code: StaffErrorCode = strawberry.field(  # type: ignore[valid-type]
        description="Stable machine-readable reason."
    )
    message: str = strawberry.field(description="Human-readable explanation (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")


StaffResult = Annotated[
    StaffSuccess | StaffError,
    strawberry.union("StaffResult", description="Outcome of a staff mutation."),
]


@strawberry.input(description="A new account with roles in one portal.")
class StaffCreateInput:
    tenant: str = strawberry.field(description="Slug of the portal.")
    username: str = strawberry.field(
        description="Sign-in name: 1 to 150 of a-z, 0-9, '.', '_', '-', starting and ending "
        "with a letter or digit (stored lower-case)."
    )
    full_name: str = strawberry.field(description="The display name (required).")
    email: str = strawberry.field(
        default="", description="E-mail address for the hub's notices (may be empty)."
    )
    roles: list[PortalRole] = strawberry.field(  # type: ignore[valid-type]
        description="At least one role in this portal."
    )
