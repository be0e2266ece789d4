"""One import run: every item once, in its own transaction, with a report.

- **Idempotent.** Each item is known by (portal, source, external id). An item
  whose fingerprint is unchanged is skipped; a changed one updates the article
  it became; a new one is created. Nothing is ever created twice.
- **Resumable.** The item, its bookkeeping row and its old addresses commit
  together (the services' own transactions nest as savepoints), so a run
  killed anywhere restarts with the first item not committed.
- **Dry run.** Reads the bookkeeping and writes nothing: the report says what
  would be created, updated, skipped, and why.
- **Links.** A body that links an item of the export not imported yet is
  marked; the link pass at the end (of this run, or of the next one after a
  crash) points it at the new page.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from tortoise.transactions import in_transaction

from hub.models.imports import ImportRecord
from hub.old_addresses import address_key
from hub.services.errors import ServiceError
from importers import links
from importers.config import ImportConfig
from importers.source import SourceItem
from importers.writer import (
    RunState,
    external_key,
    resolve_pending_links,
    section_id,
    write_article,
)
from tenants.models import Tenant


@dataclass
class Outcome:
    """What happened to one item (or would, in a dry run)."""

    external_id: str
    action: str  # created, updated, skipped, failed
    reason: str = ""
    title: str = ""
    article_id: int | None = None


@dataclass
class Report:
    """The run's result, written as JSON by the CLI."""

    kind: str
    source: str
    portal: str
    dry_run: bool
    started_at: str = ""
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    legacy_text: dict[str, int] = field(default_factory=dict)  # encoding → items converted
    sections_created: list[str] = field(default_factory=list)
    links_rewritten_later: int = 0
    not_in_source: list[str] = field(default_factory=list)  # imported before, absent now
    warnings: list[str] = field(default_factory=list)
    items: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.items.append(outcome)
        self.counts[outcome.action] = self.counts.get(outcome.action, 0) + 1

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    def write(self, path: Path) -> None:
        path.write_text(self.to_json() + "\n", encoding="utf-8")


ProgressHook = Callable[[Outcome], None]


async def run_import(
    kind: str,
    items: Sequence[SourceItem],
    tenant: Tenant,
    config: ImportConfig,
    *,
    dry_run: bool = False,
    since: datetime | None = None,
    roots: Sequence[Path] = (),
    on_item: ProgressHook | None = None,
) -> Report:
    """Import ``items`` into ``tenant``; ``on_item`` is called after each item is done."""
    source = config.source or kind
    report = Report(kind, source, tenant.slug, dry_run, datetime.now(UTC).isoformat())
    started = time.monotonic()
    state = RunState(tenant, source, config, [Path(r) for r in roots])
    if config.media_root is not None:
        state.roots.append(config.media_root)
    state.hosts = set(config.old_hosts)
    for item in items:
        for url in item.urls:
            absolute = links.absolute(url, config.base_url)
            state.export_addresses.add(address_key(absolute))
            if host := urlsplit(absolute).hostname:
                state.hosts.add(host)
    legacy: Counter[str] = Counter()
    seen: dict[str, str] = {}
    # Every article record of this source at once: a run that skips is one query.
    known = {
        r.external_id: r
        for r in await ImportRecord.filter(
            tenant_id=tenant.id, source=source, object_type="article"
        )
    }
    for item in items:
        outcome = await _one(state, item, known, seen, legacy, dry_run=dry_run, since=since)
        report.add(outcome)
        if on_item is not None:
            on_item(outcome)
    if not dry_run:
        report.links_rewritten_later = await resolve_pending_links(state)
    if since is None:
        report.not_in_source = sorted(set(known) - {external_key(i.external_id) for i in items})
    report.legacy_text = dict(legacy)
    report.sections_created = state.sections_created
    report.warnings = state.warnings
    report.seconds = round(time.monotonic() - started, 3)
    return report


async def _one(
    state: RunState,
    item: SourceItem,
    known: dict[str, ImportRecord],
    seen: dict[str, str],
    legacy: Counter[str],
    *,
    dry_run: bool,
    since: datetime | None,
) -> Outcome:
    outcome = Outcome(item.external_id, "skipped", title=item.title[:120])
    if not item.external_id:
        outcome.action, outcome.reason = "failed", "no external id"
        return outcome
    if not item.published:
        outcome.reason = "not published on the old portal"
        return outcome
    changed_at = item.modified_at or item.published_at
    if since is not None and changed_at is not None and changed_at < since:
        outcome.reason = "not changed since --since"
        return outcome
    legacy.update(item.convert_legacy_text())
    outcome.title = item.title[:120]
    fingerprint = item.fingerprint()
    if seen.get(item.external_id) == fingerprint:
        outcome.reason = "duplicate of an earlier item of this export"
        return outcome
    seen[item.external_id] = fingerprint
    record = known.get(external_key(item.external_id))
    if record is not None and record.fingerprint == fingerprint:
        outcome.reason, outcome.article_id = "unchanged", record.object_id
        return outcome
    if not item.title.strip():
        outcome.action, outcome.reason = "failed", "no title"
        return outcome
    if dry_run:
        try:
            await section_id(state, item.categories, dry_run=True)
        except ServiceError as exc:
            outcome.action, outcome.reason = "failed", f"{exc.code}: {exc.message}"
            return outcome
        outcome.action = "created" if record is None else "updated"
        outcome.article_id = record.object_id if record else None
        return outcome
    try:
        async with in_transaction():
            written = await write_article(state, item, record, fingerprint)
    except ServiceError as exc:
        state.forget()  # what the rolled-back transaction created is gone again
        where = f" ({exc.field})" if exc.field else ""
        outcome.action, outcome.reason = "failed", f"{exc.code}{where}: {exc.message}"
        return outcome
    except Exception as exc:  # one bad item must not stop two thousand others
        state.forget()
        outcome.action, outcome.reason = "failed", f"{type(exc).__name__}: {exc}"
        return outcome
    known[written.external_id] = written  # only once committed
    outcome.action = "created" if record is None else "updated"
    outcome.article_id = written.object_id
    return outcome
