"""``thudo import <kind> <path> --portal <slug>``: the importers' console command.

Registered by :func:`add_import_command` from ``hub/cli.py``; everything else
about importing lives in this package.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from hub.settings import Settings
from importers.config import ConfigError, ImportConfig, load_config
from importers.csvfile import read_csv
from importers.feeds import read_feed
from importers.jsonl import read_jsonl
from importers.mirror import read_mirror
from importers.source import SourceError, SourceItem, parse_date
from importers.wxr import read_wxr

console = Console(stderr=True)

READERS: dict[str, Callable[[Path, ImportConfig], list[SourceItem]]] = {
    "jsonl": read_jsonl,
    "csv": read_csv,
    "rss": read_feed,
    "atom": read_feed,
    "wxr": read_wxr,
    "mirror": read_mirror,
}


def add_import_command(sub: Any) -> None:
    """Add ``import`` to the ``thudo`` subcommands."""
    p = sub.add_parser("import", help="import an old portal's export (docs/migration.md)")
    p.add_argument("kind", choices=[*sorted(READERS), "documents"], help="what the export is")
    p.add_argument("path", type=Path, help="the export file (for `mirror`: the mirror's folder)")
    p.add_argument("--portal", required=True, help="slug of the portal to import into")
    p.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    p.add_argument("--map", type=Path, help="config file: columns, sections, hosts (TOML)")
    p.add_argument("--since", help="only items changed since this date (ISO 8601 or dd/mm/yyyy)")
    p.add_argument("--source", help="name of the old system (default: the map's, else the kind)")
    p.add_argument(
        "--media-root",
        type=Path,
        action="append",
        default=[],
        help="folder with the old pictures and files (a wget mirror); repeatable",
    )
    p.add_argument("--report", type=Path, help="where to write the JSON report")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from hub.db import close_database, open_database
    from hub.storage import configure_storage, storage_for
    from importers.core import run_import
    from importers.documents import DocumentItem, read_documents, run_document_import
    from tenants.models import Tenant

    try:
        config = load_config(args.map)
        if args.source:
            config.source = args.source
        documents: list[DocumentItem] = []
        items: list[SourceItem] = []
        legacy = None
        if args.kind == "documents":
            documents, legacy = read_documents(args.path, config)
        else:
            items = READERS[args.kind](args.path, config)
    except (ConfigError, SourceError, OSError) as exc:
        console.print(f"[red]{exc}")
        return 2
    since = parse_date(args.since, config.timezone) if args.since else None
    if args.since and since is None:
        console.print(f"[red]Unreadable --since date: {args.since}")
        return 2
    # The media service writes files through the configured store, as in the server.
    configure_storage(storage_for(settings))

    async def job() -> Any:
        await open_database(settings)
        try:
            tenant = await Tenant.get_or_none(slug=args.portal)
            if tenant is None:
                return None
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
            ) as progress:
                total = len(documents) if legacy is not None else len(items)
                task = progress.add_task(f"{args.kind} → {tenant.slug}", total=total)
                roots = args.media_root or [args.path if args.path.is_dir() else args.path.parent]
                advance = lambda _outcome: progress.advance(task)  # noqa: E731
                if legacy is not None:
                    report = await run_document_import(
                        documents,
                        tenant,
                        config,
                        dry_run=args.dry_run,
                        roots=roots,
                        on_item=advance,
                    )
                    report.legacy_text = dict(legacy)
                    return report
                return await run_import(
                    args.kind,
                    items,
                    tenant,
                    config,
                    dry_run=args.dry_run,
                    since=since,
                    roots=roots,
                    on_item=advance,
                )
        finally:
            await close_database()

    report = asyncio.run(job())
    if report is None:
        console.print(f"[red]No such portal: {args.portal}")
        return 2
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.report or Path(f"import-{args.kind}-{args.portal}-{stamp}.json")
    report.write(path)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(report.counts.items())) or "nothing"
    mode = "Dry run (nothing written)" if args.dry_run else "Imported"
    console.print(f"{mode}: {counts} in {report.seconds:.1f} s. Report: {path}")
    if report.legacy_text:
        converted = ", ".join(f"{k} {v}" for k, v in sorted(report.legacy_text.items()))
        console.print(f"Legacy Vietnamese text converted: {converted}")
    return 1 if report.counts.get("failed") else 0
