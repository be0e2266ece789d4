"""`thudo`: the hub's one console command.

Every subcommand calls the same service functions as the GraphQL API.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any

from rich.console import Console
from starlette.datastructures import Secret

from hub.portal_cli import add_portal_commands
from hub.settings import (
    InsecureSecretKey,
    Settings,
    demo_secret_key,
    load_settings,
    require_strong_secrets,
)
from hub.staff_cli import add_staff_commands, cmd_user_set_active

console = Console(stderr=True)


# uvicorn's WebSocket frame limit (its default is 16 MiB).
WS_MAX_FRAME = 1024 * 1024


def _run_with_db(settings: Settings, job: Callable[[], Awaitable[Any]]) -> Any:
    from hub.db import close_database, open_database

    async def main() -> Any:
        await open_database(settings)
        try:
            return await job()
        finally:
            await close_database()

    return asyncio.run(main())


def _run_user_change(settings: Settings, change: Callable[[], Awaitable[str]]) -> int:
    """Run a user-account change: its success message in green (exit 0), or the
    service's refusal in red (exit 1)."""
    from hub.services.errors import ServiceError

    async def job() -> tuple[bool, str]:
        try:
            return True, await change()
        except ServiceError as exc:
            return False, exc.message

    ok, message = _run_with_db(settings, job)
    console.print(("[green]" if ok else "[red]") + message)
    return 0 if ok else 1


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from hub.db import migrate_database

    asyncio.run(migrate_database(settings))
    console.print("[green]Database is up to date.[/green]")
    return 0


def cmd_seed_demo(args: argparse.Namespace, settings: Settings) -> int:
    from hub.seed.demo import is_seeded, seed_demo

    async def job() -> dict[str, int] | None:
        if await is_seeded():
            return None
        return await seed_demo()

    counts = _run_with_db(settings, job)
    if counts is None:
        console.print("The database already holds tenants; nothing seeded.")
    else:
        console.print(f"[green]Seeded demo data:[/green] {counts}")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    # Refuse before uvicorn starts: one clear line instead of a worker's traceback
    # (create_app checks again, for servers started without this command).
    try:
        require_strong_secrets(settings)
    except InsecureSecretKey as exc:
        console.print(f"[red]Not starting: {exc}")
        return 2
    uvicorn.run(
        "hub.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        access_log=args.access_log,
        log_level="info",
        # Frames far beyond the document cap are dropped by the protocol layer
        # (close 1009) before the hub buffers them; the hub refuses the rest (4400).
        ws_max_size=max(WS_MAX_FRAME, settings.max_query_bytes * 2),
    )
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    if not str(settings.secret_key):
        # The demo's own key, kept in its data folder (0600) so sign-ins survive a
        # restart; through the environment, uvicorn's workers load the same one.
        key = demo_secret_key(settings.data_dir)
        os.environ["THUDO_SECRET_KEY"] = key
        settings = replace(settings, secret_key=Secret(key))
    try:
        require_strong_secrets(settings)  # a weak key set by hand: refuse before any work
    except InsecureSecretKey as exc:
        console.print(f"[red]Not starting: {exc}")
        return 2
    cmd_migrate(args, settings)
    cmd_seed_demo(args, settings)
    console.print(
        f"Portal: http://{args.host}:{args.port}/  ·  a ward: "
        f"http://{args.host}:{args.port}/_t/hoankiem/  ·  API: http://{args.host}:{args.port}/graphql"
    )
    return cmd_serve(args, settings)


def cmd_user_create(args: argparse.Namespace, settings: Settings) -> int:
    from hub.auth.permissions import Role
    from hub.services.errors import ServiceError
    from hub.services.users import UserErrorCode, user_create
    from tenants.models import Tenant

    if args.role and not args.tenant:
        console.print("[red]--role needs --tenant (roles are granted per tenant)")
        return 2
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass()

    async def create() -> str:
        roles = {}
        if args.tenant:
            tenant = await Tenant.get_or_none(slug=args.tenant)
            if tenant is None:
                raise ServiceError(UserErrorCode.NOT_FOUND, f"no such tenant: {args.tenant}")
            roles[tenant] = [Role(r) for r in args.role]
        user = await user_create(
            args.username,
            password,
            full_name=args.full_name,
            email=args.email,
            is_superuser=args.superuser,
            roles=roles,
        )
        return f"created user {user.username} (id {user.id})"

    return _run_user_change(settings, create)


def cmd_user_password(args: argparse.Namespace, settings: Settings) -> int:
    from hub.services.users import user_set_password

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass()

    async def change() -> str:
        await user_set_password(args.username, password)
        return f"password changed for {args.username}; their sessions have ended"

    return _run_user_change(settings, change)


def cmd_user_token(args: argparse.Namespace, settings: Settings) -> int:
    from hub.services.errors import ServiceError
    from hub.services.users import token_issue

    async def job() -> str | None:
        try:
            return await token_issue(args.username, args.name)
        except ServiceError as exc:
            console.print(f"[red]{exc.message}")
            return None

    token = _run_with_db(settings, job)
    if token is None:
        return 1
    print(token)
    return 0


def cmd_schema_export(args: argparse.Namespace, settings: Settings) -> int:
    from hub.graphql import SDL_PATH, export_sdl

    SDL_PATH.write_text(export_sdl(), encoding="utf-8")
    console.print(f"Wrote {SDL_PATH}")
    return 0


def cmd_search_reindex(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild the search index from the database while the site keeps serving."""
    from rich.progress import Progress

    from hub.services.search import SearchService
    from hub.services.search_index import reindex
    from tenants.models import Tenant

    async def job() -> int | None:
        tenant_id = None
        if args.tenant:
            tenant = await Tenant.get_or_none(slug=args.tenant)
            if tenant is None:
                console.print(f"[red]No such portal: {args.tenant}")
                return None
            tenant_id = tenant.id
        service = SearchService(settings.search_backend)
        backend = await service.backend()
        try:
            with Progress(console=console) as progress:
                tasks: dict[str, Any] = {}

                def report(kind: str, done: int, total: int) -> None:
                    if kind not in tasks:
                        tasks[kind] = progress.add_task(kind, total=total)
                    progress.update(tasks[kind], completed=done)

                return await reindex(backend, tenant_id, report)
        finally:
            await service.close()

    written = _run_with_db(settings, job)
    if written is None:
        return 1
    console.print(f"[green]Indexed {written} items.[/green]")
    return 0


def cmd_purge_personal_data(args: argparse.Namespace, settings: Settings) -> int:
    """Erase citizens' contact data and old mail past their retention (docs/citizens.md)."""
    from hub.initiatives.retention import erase_personal_data
    from hub.mail.retention import purge_mail

    if args.days < 1 or args.mail_days < 1:
        console.print("[red]Keep personal data for at least one day (--days, --mail-days).")
        return 2

    async def job() -> tuple[int, int]:
        return await erase_personal_data(args.days), await purge_mail(args.mail_days)

    erased, purged = _run_with_db(settings, job)
    console.print(
        f"[green]Erased the contact data of {erased} closed initiatives; "
        f"deleted {purged} old mails.[/green]"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thudo", description="Thủ Đô Hub")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    sub.add_parser(
        "seed-demo", help="load the Hanoi demo data into an empty database"
    ).set_defaults(func=cmd_seed_demo)
    for name, func, workers in (("serve", cmd_serve, 1), ("demo", cmd_demo, 1)):
        p = sub.add_parser(name, help="run the hub" if name == "serve" else "migrate, seed and run")
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=workers)
        p.add_argument("--access-log", action="store_true", help="log every request")
        p.set_defaults(func=func)
    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_command", required=True
    )
    create = user.add_parser("create", help="create a user (password asked, or read from stdin)")
    create.add_argument("username")
    create.add_argument("--full-name", default="")
    create.add_argument("--email", default="")
    create.add_argument("--tenant", help="slug of the tenant to grant roles in")
    create.add_argument(
        "--role", action="append", default=[], choices=["reporter", "editor", "approver", "admin"]
    )
    create.add_argument("--superuser", action="store_true")
    create.add_argument("--password-stdin", action="store_true")
    create.set_defaults(func=cmd_user_create)
    password = user.add_parser(
        "password", help="set a new password (asked, or read from stdin); ends their sessions"
    )
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    password.set_defaults(func=cmd_user_password)
    deactivate = user.add_parser("deactivate", help="stop a user signing in; ends their sessions")
    deactivate.add_argument("username")
    deactivate.set_defaults(func=cmd_user_set_active)
    token = user.add_parser("token", help="issue an API token (printed once)")
    token.add_argument("username")
    token.add_argument("--name", default="integration")
    token.set_defaults(func=cmd_user_token)
    schema = sub.add_parser("schema", help="GraphQL schema tools").add_subparsers(
        dest="schema_command", required=True
    )
    schema.add_parser("export", help="write schema/schema.graphql").set_defaults(
        func=cmd_schema_export
    )
    search = sub.add_parser("search", help="search index tools").add_subparsers(
        dest="search_command", required=True
    )
    reindex = search.add_parser("reindex", help="rebuild the search index (the site stays up)")
    reindex.add_argument("--tenant", help="only this portal's items (its slug)")
    reindex.set_defaults(func=cmd_search_reindex)
    purge = sub.add_parser(
        "purge-personal-data",
        help="erase citizens' contact data and mails kept past their retention (run daily)",
    )
    purge.add_argument(
        "--days", type=int, default=365, help="after an initiative is closed (default 365)"
    )
    purge.add_argument(
        "--mail-days", type=int, default=90, help="after a mail was sent or given up (default 90)"
    )
    purge.set_defaults(func=cmd_purge_personal_data)
    add_staff_commands(sub, user)  # `thudo role …` and more `thudo user …` (the staff screens')
    add_portal_commands(sub)  # `thudo portal …` and `thudo category …` (portal administration)
    from importers.cli import add_import_command  # the importers keep their command themselves

    add_import_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args, load_settings()))


if __name__ == "__main__":
    raise SystemExit(main())
