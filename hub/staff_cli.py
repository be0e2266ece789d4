"""`thudo user list|reset-password|reactivate` and `thudo role grant|revoke`.

The operators' side of the staff screens: the same service functions
(`hub/services/staff.py`) as the API's `staff…` and `role…` mutations, run
as the system (a superuser), so the same audit entries are written (actor
`system`) and the same sessions end.
"""

from __future__ import annotations

import argparse
from typing import Any

from hub.settings import Settings

ROLE_NAMES = ["reporter", "editor", "approver", "admin"]


def _scope() -> Any:
    from tenants.scope import SYSTEM, Scope

    return Scope(viewer=SYSTEM)


async def _tenant(slug: str) -> Any:
    from hub.services.errors import ServiceError
    from hub.services.staff import StaffErrorCode
    from tenants.models import Tenant

    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is None:
        raise ServiceError(StaffErrorCode.NOT_FOUND, f"no such tenant: {slug}")
    return tenant


def cmd_user_list(args: argparse.Namespace, settings: Settings) -> int:
    from hub.cli import _run_user_change
    from hub.services.staff import staff_list

    async def listing() -> str:
        members = await staff_list(_scope(), await _tenant(args.tenant))
        for m in members:  # tab-separated on stdout, for scripts
            state = "active" if m.user.is_active else "deactivated"
            roles = ",".join(r.value for r in m.roles)
            print(f"{m.user.username}\t{roles}\t{state}\t{m.user.full_name}")
        return f"{len(members)} users hold roles in {args.tenant}"

    return _run_user_change(settings, listing)


def cmd_user_reset_password(args: argparse.Namespace, settings: Settings) -> int:
    from hub.cli import _run_user_change
    from hub.services.staff import staff_password_reset

    async def reset() -> str:
        change = await staff_password_reset(_scope(), None, args.username)
        # On stdout alone, so a script can pipe it on; the note goes to stderr.
        print(change.temporary_password)
        return f"new temporary password for {args.username}; their sessions have ended"

    return _run_user_change(settings, reset)


def cmd_user_set_active(args: argparse.Namespace, settings: Settings) -> int:
    from hub.cli import _run_user_change
    from hub.services.staff import staff_set_active

    active = args.user_command == "reactivate"

    async def change() -> str:
        await staff_set_active(_scope(), None, args.username, active)
        if active:
            return f"reactivated {args.username}"
        return f"deactivated {args.username}; their sessions have ended"

    return _run_user_change(settings, change)


def cmd_role(args: argparse.Namespace, settings: Settings) -> int:
    from hub.cli import _run_user_change
    from hub.services.staff import role_grant, role_revoke

    grant = args.role_command == "grant"

    async def change() -> str:
        tenant = await _tenant(args.tenant)
        step = role_grant if grant else role_revoke
        result = await step(_scope(), tenant, args.username, args.role)
        assert result.member is not None
        roles = ", ".join(r.value for r in result.member.roles) or "none"
        return f"{args.username} in {args.tenant}: {roles}"

    return _run_user_change(settings, change)


def add_staff_commands(sub: Any, user: Any) -> None:
    """Add the commands to `thudo` (``sub``) and to `thudo user` (``user``)."""
    listing = user.add_parser("list", help="the users holding roles in a portal")
    listing.add_argument("--tenant", required=True, help="the portal's slug")
    listing.set_defaults(func=cmd_user_list)
    reset = user.add_parser(
        "reset-password",
        help="give a user a new temporary password (printed once); ends their sessions",
    )
    reset.add_argument("username")
    reset.set_defaults(func=cmd_user_reset_password)
    reactivate = user.add_parser("reactivate", help="let a deactivated user sign in again")
    reactivate.add_argument("username")
    reactivate.set_defaults(func=cmd_user_set_active)
    role = sub.add_parser("role", help="grant and revoke roles in a portal").add_subparsers(
        dest="role_command", required=True
    )
    for name, text in (("grant", "give a user a role"), ("revoke", "take a role away")):
        p = role.add_parser(name, help=f"{text} in a portal")
        p.add_argument("username")
        p.add_argument("role", choices=ROLE_NAMES)
        p.add_argument("--tenant", required=True, help="the portal's slug")
        p.set_defaults(func=cmd_role)
