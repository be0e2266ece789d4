"""`thudo portal create|move|set|host-add|host-remove` and `thudo category add|rename|order`.

The operators' side of the portal administration screens: the same service
functions (`hub/services/portal_settings.py`, `portal_tree.py`,
`categories.py`) as the API's `tenant…` and `category…` mutations, run as the
system (a superuser), so the same audit entries (actor `system`) and the same
`tenant.changed` events are written.
"""

from __future__ import annotations

import argparse
from typing import Any

from hub.settings import Settings

LEVELS = ["city", "department", "commune", "site"]
# `thudo portal set` options: --flag → PortalChanges field.
TEXT_OPTIONS = (
    "name",
    "name_en",
    "description",
    "address",
    "phone",
    "fax",
    "email",
    "info_officer_name",
    "info_officer_title",
    "info_officer_phone",
    "info_officer_email",
)
ON_OFF = {"on": True, "off": False}


def _scope() -> Any:
    from tenants.scope import SYSTEM, Scope

    return Scope(viewer=SYSTEM)


async def _tenant(slug: str) -> Any:
    from hub.services.errors import ServiceError
    from hub.services.portal_settings import PortalErrorCode
    from tenants.models import Tenant

    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is None:
        raise ServiceError(PortalErrorCode.NOT_FOUND, f"no such portal: {slug}")
    return tenant


def _refusal(exc: Any) -> str:
    return f"{exc.code}: {exc.message}" + (f" ({exc.field})" if exc.field else "")


def _run(settings: Settings, change: Any) -> int:
    """Run a change; its message in green (exit 0) or the refusal with its code (exit 1)."""
    from hub.cli import _run_with_db, console
    from hub.services.errors import ServiceError

    async def job() -> tuple[bool, str]:
        try:
            return True, await change()
        except ServiceError as exc:
            return False, _refusal(exc)

    ok, message = _run_with_db(settings, job)
    console.print(("[green]" if ok else "[red]") + message, highlight=False)
    return 0 if ok else 1


def cmd_portal_create(args: argparse.Namespace, settings: Settings) -> int:
    from hub.services.portal_tree import tenant_create_from_template

    async def create() -> str:
        tenant = await tenant_create_from_template(
            _scope(),
            await _tenant(args.parent),
            slug=args.slug,
            name=args.name,
            level=args.level,
            name_en=args.name_en,
            hostnames=args.host,
        )
        return f"created portal {tenant.slug} under {args.parent}"

    return _run(settings, create)


def cmd_portal_move(args: argparse.Namespace, settings: Settings) -> int:
    from hub.services.portal_tree import tenant_move

    async def move() -> str:
        tenant = await tenant_move(_scope(), await _tenant(args.slug), await _tenant(args.parent))
        return f"moved {tenant.slug} under {args.parent}"

    return _run(settings, move)


def cmd_portal_set(args: argparse.Namespace, settings: Settings) -> int:
    from hub.services.portal_settings import PortalChanges, tenant_update

    values: dict[str, Any] = {
        name: getattr(args, name) for name in TEXT_OPTIONS if getattr(args, name) is not None
    }
    if args.english is not None:
        values["english_enabled"] = ON_OFF[args.english]
    if args.self_approval is not None:
        values["self_approval_allowed"] = ON_OFF[args.self_approval]

    async def change() -> str:
        await tenant_update(_scope(), await _tenant(args.slug), PortalChanges(**values))
        return f"settings of {args.slug} saved"

    return _run(settings, change)


def cmd_portal_host(args: argparse.Namespace, settings: Settings) -> int:
    from hub.services.portal_settings import tenant_host_add, tenant_host_remove

    async def change() -> str:
        tenant = await _tenant(args.slug)
        if args.portal_command == "host-add":
            host = await tenant_host_add(_scope(), tenant, args.hostname)
            return f"{args.slug} now answers on {host.hostname}"
        await tenant_host_remove(_scope(), tenant, args.hostname)
        return f"{args.slug} no longer answers on {args.hostname}"

    return _run(settings, change)


def cmd_category(args: argparse.Namespace, settings: Settings) -> int:
    from hub.models import Category
    from hub.services import categories

    async def change() -> str:
        tenant = await _tenant(args.tenant)
        if args.category_command == "add":
            category = await categories.category_add(
                _scope(),
                tenant,
                slug=args.slug,
                name=args.name,
                name_en=args.name_en,
                slug_en=args.slug_en,
            )
            return f"added section {category.slug} to {args.tenant}"
        by_slug = {c.slug: c.id for c in await Category.unscoped().filter(tenant_id=tenant.id)}
        if args.category_command == "rename":
            await categories.category_update(
                _scope(),
                tenant,
                by_slug.get(args.slug, 0),
                name=args.name,
                name_en=args.name_en,
                slug_en=args.slug_en,
            )
            return f"renamed section {args.slug}"
        ids = [by_slug.get(slug, 0) for slug in args.slugs]
        await categories.category_reorder(_scope(), tenant, ids)
        return f"sections of {args.tenant}: {' '.join(args.slugs)}"

    return _run(settings, change)


def add_portal_commands(sub: Any) -> None:
    """Register `thudo portal …` and `thudo category …` on the top-level subparsers."""
    portal = sub.add_parser("portal", help="portal settings and the tree").add_subparsers(
        dest="portal_command", required=True
    )
    create = portal.add_parser("create", help="a new portal from its level's template")
    create.add_argument("slug")
    create.add_argument("--parent", required=True, help="slug of the unit above")
    create.add_argument("--name", required=True)
    create.add_argument("--name-en", default="")
    create.add_argument("--level", required=True, choices=LEVELS)
    create.add_argument("--host", action="append", default=[], help="an extra hostname")
    create.set_defaults(func=cmd_portal_create)
    move = portal.add_parser("move", help="move a portal (and its subtree) under another")
    move.add_argument("slug")
    move.add_argument("--parent", required=True, help="slug of the new parent")
    move.set_defaults(func=cmd_portal_move)
    settings = portal.add_parser("set", help="change a portal's settings (audited)")
    settings.add_argument("slug")
    for name in TEXT_OPTIONS:
        settings.add_argument("--" + name.replace("_", "-"), dest=name)
    settings.add_argument("--english", choices=sorted(ON_OFF), help="the English edition")
    settings.add_argument(
        "--self-approval", choices=sorted(ON_OFF), help="one person may approve their own"
    )
    settings.set_defaults(func=cmd_portal_set)
    for name, text in (("host-add", "answer on"), ("host-remove", "stop answering on")):
        host = portal.add_parser(name, help=f"let a portal {text} a hostname")
        host.add_argument("slug")
        host.add_argument("hostname")
        host.set_defaults(func=cmd_portal_host)
    category = sub.add_parser("category", help="a portal's sections").add_subparsers(
        dest="category_command", required=True
    )
    add = category.add_parser("add", help="a new section, last in the menu")
    rename = category.add_parser("rename", help="new names (the Vietnamese slug stays)")
    for parser in (add, rename):
        parser.add_argument("tenant", help="the portal's slug")
        parser.add_argument("slug", help="the section's Vietnamese slug")
        parser.add_argument("--name", required=parser is add, default=None)
        parser.add_argument("--name-en", default="" if parser is add else None)
        parser.add_argument("--slug-en", default="" if parser is add else None)
        parser.set_defaults(func=cmd_category)
    order = category.add_parser("order", help="the menu order: every section's slug")
    order.add_argument("tenant")
    order.add_argument("slugs", nargs="+")
    order.set_defaults(func=cmd_category)
