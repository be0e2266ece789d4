"""``python -m bench syndication``: placements, the merged ward feed, and the event stream.

On the bench dataset (``python -m bench dataset``) this measures what
syndication costs a province-sized deployment:

1. **setup** — 10,000 placements of city articles (descendants filtered to
   communes, children, and self on one commune), each made by the real
   service :func:`hub.services.syndication.publish_down` as a city admin;
2. **feed** — a ward's merged list (own + placed articles): GraphQL
   ``articles(tenant: "xa-001", first: 20)`` and its rendered home page, under
   ``thudo serve --workers 2`` loaded with wrk (page cache off by default);
3. **publish-down** — the latency of the ``articlePublishDown`` mutation
   (city → every commune) over HTTP with a bearer token, one request at a
   time, and the rows it writes (placement and outbox rows before/after);
4. **events** — 100 ``graphql-transport-ws`` subscribers to ``contentEvents``
   (the city with its descendants) on ``thudo serve --workers 1``, while this
   process commits events through :func:`hub.events.outbox.emit` (one
   transaction each, so ``NOTIFY`` crosses processes as in production):
   delivery throughput and commit-to-receipt latency.

The subscribers run in a child process (``multiprocessing`` spawn) so that
parsing their 200,000 messages does not delay the emitter's commit stamps.
Every measurement also records who used the (shared) CPU meanwhile: the
server, PostgreSQL, this process and wrk, the subscribers, and everyone else
(:class:`CpuMeter`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import multiprocessing
import os
import platform
import random
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, cast

import httpx
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from tortoise import connections
from tortoise.transactions import in_transaction

from bench import DEFAULT_DATA_DIR
from bench.cpu import CpuMeter
from bench.dataset import bench_settings, is_postgres
from bench.http import (
    HOST,
    RESULTS_DIR,
    BenchError,
    Scenario,
    dataset_counts,
    free_port,
    print_table,
    running_server,
    server_errors,
    verify,
)
from bench.newsroom import BENCH_PASSWORD
from bench.wrk import WrkResult, lua_script, parse_seconds, run_wrk
from hub.auth.identity import issue_api_token, viewer_for_user_id
from hub.auth.permissions import Role
from hub.db import close_database, open_database
from hub.events.models import Event
from hub.events.outbox import EventType, emit
from hub.models import Article, ContentStatus, User
from hub.models.syndication import Placement, PlacementReceipt, Reach, placements_reaching
from hub.services.syndication import publish_down
from hub.services.users import user_create
from hub.settings import Settings
from schema.common import decode_global_id, encode_global_id
from tenants.models import Tenant, TenantLevel
from tenants.scope import Scope

console = Console()

CITY_SLUG = "hanoi"
CITY_HOST = "thudo.gov.vn"
WARD_SLUG = "xa-001"
WARD_HOST = "xa-001.thudo.gov.vn"
ADMIN_USERNAME = "bench.syndication"
PAGE_SIZE = 20
PHASES = ("feed", "publish-down", "events")

# (name, reach, receiver levels, target, share of the placements).
PLACEMENT_MIX: tuple[tuple[str, Reach, tuple[TenantLevel, ...], str, float], ...] = (
    ("descendants-communes", Reach.DESCENDANTS, (TenantLevel.COMMUNE,), "city", 0.5),
    ("children", Reach.CHILDREN, (), "city", 0.2),
    ("self-commune", Reach.SELF, (), "a commune", 0.3),
)

WARD_FEED_QUERY = """query WardFeedBench($tenant: String!) {
  articles(tenant: $tenant, first: 20) {
    edges {
      node {
        id title slug summary publishedAt
        category { name slug }
        tenant { name slug }
      }
    }
  }
}"""

PUBLISH_DOWN_MUTATION = """mutation PublishDownBench($input: PublishDownInput!) {
  articlePublishDown(input: $input) {
    __typename
    ... on PlacementSuccess { placement { id reach onlyLevels target { slug } } }
    ... on PlacementError { code message }
  }
}"""

SUBSCRIPTION = """subscription EventsBench($after: String) {
  contentEvents(tenant: "hanoi", includeDescendants: true, after: $after) {
    cursor type tenant objectId payload createdAt
  }
}"""


# --------------------------------------------------------------------------- options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the ``syndication`` subcommand's options."""
    parser.add_argument("--database-url", required=True, help="the bench dataset (PostgreSQL)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="the server's THUDO_DATA_DIR: the dataset's --data-dir (default ./var/bench)",
    )
    parser.add_argument(
        "--placements", type=int, default=10_000, help="placements to create (default 10000)"
    )
    parser.add_argument(
        "--reuse-placements",
        action="store_true",
        help="keep the placements already in the database if there are exactly --placements "
        "(default: delete every placement and create them anew)",
    )
    parser.add_argument(
        "--setup-concurrency", type=int, default=4, help="publish_down calls in flight (setup)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=PHASES,
        help="run only these phases after the setup (repeatable; default all)",
    )
    parser.add_argument("--workers", type=int, default=2, help="workers for feed/publish-down")
    parser.add_argument("--duration", default="20s", help="measured wrk run per feed scenario")
    parser.add_argument("--warmup", default="3s", help="unmeasured wrk run first (default 3s)")
    parser.add_argument(
        "--connections",
        type=int,
        default=8,
        help="wrk connections (default 8: the merged feed answers a few requests a second, "
        "and 32 would queue past wrk's timeout)",
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--timeout", default="10s", help="wrk per-request timeout")
    parser.add_argument("--wrk", default="wrk", help="the wrk executable")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="serve the feed phase with the whole-page cache on (default off: uncached figures)",
    )
    parser.add_argument(
        "--mutation-runs", type=int, default=200, help="measured publish-down mutations"
    )
    parser.add_argument(
        "--mutation-warmup", type=int, default=10, help="unmeasured mutations first (default 10)"
    )
    parser.add_argument("--subscribers", type=int, default=100, help="WebSocket subscribers")
    parser.add_argument(
        "--events", type=int, default=2_000, help="events committed flat out (burst run)"
    )
    parser.add_argument(
        "--paced-events", type=int, default=200, help="events of the paced run (0: skip it)"
    )
    parser.add_argument(
        "--paced-rate", type=float, default=20.0, help="events/s of the paced run (default 20)"
    )
    parser.add_argument(
        "--events-workers", type=int, default=1, help="workers of the events server (default 1)"
    )
    parser.add_argument(
        "--events-timeout", type=float, default=600.0, help="give up waiting for deliveries (s)"
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.set_defaults(func=run)


# --------------------------------------------------------------------------- helpers


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) of ``values``, linearly interpolated; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(values_ms: Sequence[float]) -> dict[str, float | int | None]:
    """Count, mean, p50/p90/p95/p99 and max of millisecond samples (rounded to µs)."""

    def r(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    return {
        "count": len(values_ms),
        "mean": r(sum(values_ms) / len(values_ms)) if values_ms else None,
        "min": r(min(values_ms)) if values_ms else None,
        "p50": r(percentile(values_ms, 50)),
        "p90": r(percentile(values_ms, 90)),
        "p95": r(percentile(values_ms, 95)),
        "p99": r(percentile(values_ms, 99)),
        "max": r(max(values_ms)) if values_ms else None,
    }


async def _row_counts() -> dict[str, int]:
    """Rows of the tables a publish-down may write (through the open Tortoise connection)."""
    return {
        "placement": await Placement.all().count(),
        "placement_receipt": await PlacementReceipt.all().count(),
        "event": await Event.all().count(),
    }


# Idle PostgreSQL backends flush their table statistics within 10 s (PGSTAT_IDLE_INTERVAL).
STATS_SETTLE_SECONDS = 11.0


async def _table_writes() -> dict[str, tuple[int, int, int]]:
    """Rows inserted, updated and deleted so far per table (``pg_stat_user_tables``)."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables"
    )
    return {r["relname"]: (r["n_tup_ins"], r["n_tup_upd"], r["n_tup_del"]) for r in rows}


def _writes_per_run(
    before: dict[str, tuple[int, int, int]], after: dict[str, tuple[int, int, int]], runs: int
) -> dict[str, dict[str, float]]:
    """Per table that changed, rows inserted/updated/deleted per run."""
    out: dict[str, dict[str, float]] = {}
    for table, values in sorted(after.items()):
        delta = [a - b for a, b in zip(values, before.get(table, (0, 0, 0)), strict=True)]
        if any(delta):
            out[table] = {
                kind: round(d / runs, 2)
                for kind, d in zip(("inserted", "updated", "deleted"), delta, strict=True)
                if d
            }
    return out


async def _max_event_id() -> int:
    last = await Event.all().order_by("-id").first()
    return int(last.id) if last else 0


def wait_idle(meter: CpuMeter, limit: float = 120.0, quiet: float = 0.1) -> None:
    """Wait until our server and PostgreSQL are idle (at most ``limit`` seconds).

    When wrk stops, the server still works through the requests it had
    accepted (seconds of them when the feed is slow), and a fresh server's
    outbox consumers (webhooks, search) first catch up on the events the
    setup wrote; the next measurement must not start on top of that.
    """
    started = time.monotonic()
    while time.monotonic() - started < limit:
        before = meter.sample()
        time.sleep(0.5)
        cores = meter.since(before)["cores"]
        if cores.get("server", 0.0) < quiet and cores.get("postgres", 0.0) < quiet:
            break
    waited = time.monotonic() - started
    if waited > 1.0:
        console.print(f"  (waited {waited:.1f}s for the server and PostgreSQL to go idle)")


# --------------------------------------------------------------------------- setup


@dataclass
class SetupResult:
    """What the later phases need from the setup, and what it measured."""

    token: str
    admin_id: int
    mutation_article_ids: list[int]
    placements_by_kind: dict[str, int] = field(default_factory=dict)
    created: bool = False
    seconds: float = 0.0
    ward: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures (the token is left out)."""
        total = sum(self.placements_by_kind.values())
        return {
            "placements": total,
            "by_kind": self.placements_by_kind,
            "created_now": self.created,
            "seconds": round(self.seconds, 2),
            "placements_per_sec": round(total / self.seconds, 1)
            if self.created and self.seconds
            else None,
            "through": "hub.services.syndication.publish_down (city admin scope)",
            "ward": self.ward,
        }


async def ensure_admin(city: Tenant) -> User:
    """The bench's city admin, created through :func:`user_create` on first use."""
    user = await User.get_or_none(username=ADMIN_USERNAME)
    if user is None:
        user = await user_create(
            ADMIN_USERNAME,
            BENCH_PASSWORD,
            full_name="Quản trị Benchmark",
            roles={city: [Role.ADMIN]},
        )
    return user


def placement_plan(
    rng: random.Random, article_ids: Sequence[int], city: Tenant, communes: Sequence[Tenant]
) -> list[tuple[int, str, Reach, tuple[TenantLevel, ...], Tenant]]:
    """``(article, kind, reach, levels, target)`` per placement, in ``PLACEMENT_MIX`` shares."""
    total = len(article_ids)
    counts = [round(total * share) for *_, share in PLACEMENT_MIX]
    counts[0] += total - sum(counts)
    kinds = [i for i, n in enumerate(counts) for _ in range(n)]
    rng.shuffle(kinds)
    plan = []
    for article_id, index in zip(article_ids, kinds, strict=True):
        name, reach, levels, target, _share = PLACEMENT_MIX[index]
        tenant = city if target == "city" else rng.choice(communes)
        plan.append((article_id, name, reach, levels, tenant))
    return plan


async def create_placements(
    scope: Scope,
    plan: Sequence[tuple[int, str, Reach, tuple[TenantLevel, ...], Tenant]],
    concurrency: int,
) -> None:
    """Run ``publish_down`` for every planned placement, ``concurrency`` at a time."""
    items = iter(plan)
    progress = Progress(
        TextColumn("[bold]Placements"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )

    async def worker(task: Any) -> None:
        for article_id, _name, reach, levels, target in items:
            await publish_down(scope, article_id, target, reach, levels=levels)
            progress.advance(task)

    with progress:
        task = progress.add_task("placements", total=len(plan))
        await asyncio.gather(*(worker(task) for _ in range(max(1, concurrency))))


async def setup(args: argparse.Namespace, settings: Settings) -> SetupResult:
    """Admin user and token, ``--placements`` placements (made anew unless reused)."""
    await open_database(settings)
    try:
        city = await Tenant.get_or_none(slug=CITY_SLUG)
        ward = await Tenant.get_or_none(slug=WARD_SLUG)
        if city is None or ward is None:
            raise BenchError(
                f"no {CITY_SLUG!r}/{WARD_SLUG!r} tenant: build the dataset first with "
                "`python -m bench dataset --reset …`"
            )
        communes = await Tenant.filter(level=TenantLevel.COMMUNE).order_by("id")
        admin = await ensure_admin(city)
        token = await issue_api_token(admin, "bench-syndication")
        pool = await (
            Article.filter(tenant_id=city.id, status=ContentStatus.PUBLISHED, language="vi")
            .order_by("id")
            .values_list("id", flat=True)
        )
        mutations = args.mutation_warmup + args.mutation_runs
        if len(pool) < args.placements + mutations:
            raise BenchError(
                f"the city has {len(pool)} published Vietnamese articles; need "
                f"{args.placements + mutations} (placements + mutation runs)"
            )
        rng = random.Random(args.seed)
        # values_list(flat=True) gives the ids themselves (Tortoise types them as tuples).
        picks = rng.sample(cast(list[int], pool), args.placements + mutations)
        plan = placement_plan(rng, picks[: args.placements], city, communes)
        result = SetupResult(
            token=token, admin_id=admin.id, mutation_article_ids=picks[args.placements :]
        )
        result.placements_by_kind = dict(Counter(name for _, name, *_ in plan))
        existing = await Placement.all().count()
        started = time.perf_counter()
        if args.reuse_placements and existing == args.placements:
            console.print(f"Reusing the {existing:,} placements in the database")
        else:
            if existing:
                await PlacementReceipt.all().delete()
                await Placement.all().delete()
                console.print(f"Deleted the {existing:,} placements already in the database")
            scope = Scope(viewer=await viewer_for_user_id(admin.id))
            await create_placements(scope, plan, args.setup_concurrency)
            result.created = True
            result.seconds = time.perf_counter() - started
            console.print(
                f"{len(plan):,} placements through publish_down in {result.seconds:.1f}s "
                f"({len(plan) / result.seconds:.0f}/s): {result.placements_by_kind}"
            )
        # A live database's autovacuum would have analysed the new rows; do it now.
        await connections.get("default").execute_script(
            "VACUUM (ANALYZE) placement, placement_receipt, event"
        )
        result.ward = {
            "slug": ward.slug,
            "own_published": await Article.filter(
                tenant_id=ward.id, status=ContentStatus.PUBLISHED
            ).count(),
            "placements_reaching": await placements_reaching(ward.id, ward.level.value).count(),
        }
        console.print(
            f"Ward {ward.slug}: {result.ward['own_published']:,} own published articles, "
            f"{result.ward['placements_reaching']:,} placements reach it"
        )
        return result
    finally:
        await close_database()


# --------------------------------------------------------------------------- feed


def _check_ward_feed(response: httpx.Response, _client: httpx.Client, *, placed: bool) -> str:
    """A full page of the ward's list; with placements, some of them placed by the city."""
    payload = response.json()
    if payload.get("errors"):
        raise BenchError(f"GraphQL errors: {json.dumps(payload['errors'], ensure_ascii=False)}")
    edges = (payload.get("data") or {}).get("articles", {}).get("edges", [])
    if len(edges) != PAGE_SIZE:
        raise BenchError(f"expected {PAGE_SIZE} edges, got {len(edges)}: {payload!r:.500}")
    owners = Counter(edge["node"]["tenant"]["slug"] for edge in edges)
    if placed and not owners.get(CITY_SLUG):
        raise BenchError(f"no placed (city) article on the ward's first page: {dict(owners)}")
    if set(owners) - {WARD_SLUG, CITY_SLUG}:
        raise BenchError(f"articles of unexpected portals on the ward's page: {dict(owners)}")
    return (
        f"{len(edges)} edges: {owners.get(WARD_SLUG, 0)} own, {owners.get(CITY_SLUG, 0)} "
        f"placed; newest {edges[0]['node']['publishedAt']}"
    )


def _check_ward_home(response: httpx.Response, _client: httpx.Client, *, placed: bool) -> str:
    """The ward's HTML home page; with placements, cards that name their source."""
    kind = response.headers.get("content-type", "")
    if not kind.startswith("text/html"):
        raise BenchError(f"expected HTML, got {kind!r}")
    sources = response.text.count('class="card-source"')
    if placed and not sources:
        raise BenchError("no placed article (card-source) on the ward's home page")
    return f"HTML, {len(response.content):,} bytes, {sources} cards of placed articles"


def feed_scenarios(placed: bool) -> list[Scenario]:
    """The ward's merged list through GraphQL and its rendered home page."""
    body = {"query": WARD_FEED_QUERY, "variables": {"tenant": WARD_SLUG}}
    return [
        Scenario(
            name="ward-feed-graphql",
            description=f"POST /graphql: articles(tenant: {WARD_SLUG!r}, first: 20), own + placed",
            method="POST",
            path="/graphql",
            host=WARD_HOST,
            body=json.dumps(body, separators=(",", ":")),
            content_type="application/json",
            check=functools.partial(_check_ward_feed, placed=placed),
        ),
        Scenario(
            name="ward-feed-home",
            description=f"GET / on {WARD_HOST}: the ward's rendered home page, own + placed",
            method="GET",
            path="/",
            host=WARD_HOST,
            check=functools.partial(_check_ward_home, placed=placed),
        ),
    ]


def measure_feed(
    args: argparse.Namespace, client: httpx.Client, base: str, placed: bool, meter: CpuMeter
) -> list[dict[str, Any]]:
    """Check each feed scenario once, then wrk: warm-up, measured run."""
    seconds, warmup = parse_seconds(args.duration), parse_seconds(args.warmup)
    options: dict[str, Any] = {"connections": args.connections, "threads": args.threads}
    options |= {"timeout": parse_seconds(args.timeout), "wrk": args.wrk}
    measured = []
    with tempfile.TemporaryDirectory(prefix="thudo-wrk-") as scripts:
        for scenario in feed_scenarios(placed):
            console.print(f"[bold]{scenario.name}[/bold]: {scenario.description}")
            wait_idle(meter)
            console.print(f"  check: {verify(client, scenario)}")
            script = Path(scripts) / f"{scenario.name}.lua"
            script.write_text(lua_script(scenario.method, scenario.headers, scenario.body))
            url = base + scenario.path
            if warmup > 0:
                warm = run_wrk(url, script, seconds=warmup, **options)
                console.print(f"  warm-up: {warm.requests_per_sec:.1f} req/s")
            before = meter.sample()
            result: WrkResult = run_wrk(url, script, seconds=seconds, **options)
            cpu = meter.since(before)
            pct = result.percentiles_ms
            console.print(
                f"  {result.requests_per_sec:.1f} req/s, p50 {pct.get('p50')} ms, "
                f"p99 {pct.get('p99')} ms, statuses {result.status_counts}"
            )
            measured.append(
                {
                    "name": scenario.name,
                    "description": scenario.description,
                    "request": {
                        "method": scenario.method,
                        "path": scenario.path,
                        "host": scenario.host,
                    },
                    "wrk": result.as_dict(),
                    "cpu": cpu,
                }
            )
    return measured


# --------------------------------------------------------------------------- publish-down


async def measure_publish_down(
    settings: Settings, base: str, prepared: SetupResult, warmup: int, meter: CpuMeter
) -> dict[str, Any]:
    """``articlePublishDown`` (city → descendants, communes only) one request at a time.

    Counts the placement, receipt and outbox rows before and after, checks that
    the last placement reaches every commune (and nothing else), then deletes
    the placements the runs made so later runs see the same ``--placements``.
    """
    await open_database(settings)
    try:
        city = await Tenant.get(slug=CITY_SLUG)
        before = await _row_counts()
        last_before = await Placement.all().order_by("-id").first()
        first_new_id = (last_before.id if last_before else 0) + 1
        headers = {"Host": CITY_HOST, "Authorization": f"Bearer {prepared.token}"}
        latencies: list[float] = []
        placement_id = 0
        stats_before = await _table_writes()
        cpu_start = meter.sample()
        async with httpx.AsyncClient(base_url=base, timeout=30, headers=headers) as client:
            for run, article_id in enumerate(prepared.mutation_article_ids):
                variables = {
                    "input": {
                        "article": encode_global_id("Article", article_id),
                        "target": CITY_SLUG,
                        "reach": "DESCENDANTS",
                        "levels": ["COMMUNE"],
                    }
                }
                payload = {"query": PUBLISH_DOWN_MUTATION, "variables": variables}
                started = time.perf_counter()
                response = await client.post("/graphql", json=payload)
                elapsed_ms = (time.perf_counter() - started) * 1000.0
                answer = response.json() if response.status_code == 200 else {}
                outcome = (answer.get("data") or {}).get("articlePublishDown") or {}
                if outcome.get("__typename") != "PlacementSuccess":
                    raise BenchError(
                        f"articlePublishDown run {run}: HTTP {response.status_code} "
                        f"{response.text[:800]}"
                    )
                placement_id = decode_global_id(outcome["placement"]["id"])[1]
                if run + 1 == warmup:
                    cpu_start = meter.sample()
                if run >= warmup:
                    latencies.append(elapsed_ms)
        cpu = meter.since(cpu_start)
        after = await _row_counts()
        runs = len(prepared.mutation_article_ids)
        # Everything the database wrote meanwhile: the mutations and what the server's
        # outbox consumers (webhooks, search, …) did about their events.
        await asyncio.sleep(STATS_SETTLE_SECONDS)
        database_writes = _writes_per_run(stats_before, await _table_writes(), runs)
        # Who sees the last placement, asked the way a portal's list asks.
        tenants = await Tenant.all()
        receivers: Counter[str] = Counter()
        for t in tenants:
            if await placements_reaching(t.id, t.level.value).filter(id=placement_id).exists():
                receivers[str(t.level.value)] += 1
        communes = sum(1 for t in tenants if t.level == TenantLevel.COMMUNE)
        if dict(receivers) != {"commune": communes}:
            raise BenchError(f"the last placement reaches {dict(receivers)}, not every commune")
        deleted = await Placement.filter(
            id__gte=first_new_id, created_by=prepared.admin_id, target_id=city.id
        ).delete()
    finally:
        await close_database()
    written = {table: after[table] - before[table] for table in before}
    summary = latency_summary(latencies)
    console.print(
        f"[bold]publish-down[/bold]: {len(latencies)} runs, p50 {summary['p50']} ms, "
        f"p95 {summary['p95']} ms, p99 {summary['p99']} ms; rows per mutation "
        + ", ".join(f"{t} {n / runs:g}" for t, n in written.items())
        + f"; last placement reaches {communes} communes"
    )
    console.print(f"  database writes per mutation (pg_stat_user_tables): {database_writes}")
    return {
        "transport": "HTTP POST /graphql to the `thudo serve` process (httpx, keep-alive)",
        "mutation": "articlePublishDown(input: {article, target: hanoi, reach: DESCENDANTS, "
        "levels: [COMMUNE]})",
        "runs": runs,
        "warmup_runs": warmup,
        "latency_ms": summary,
        "cpu": cpu,
        "rows_before": before,
        "rows_after": after,
        "rows_written": written,
        "rows_per_mutation": {table: n / runs for table, n in written.items()},
        "database_writes_per_mutation": database_writes,
        "receivers_of_last_placement": dict(receivers),
        "placements_deleted_after": deleted,
    }


# --------------------------------------------------------------------------- events


def subscriber_process(
    pipe: Connection,
    url: str,
    host: str,
    subscribers: int,
    after: int,
    run_id: str,
    phases: list[tuple[str, int]],
    timeout: float,
) -> None:
    """Child process: open the subscriptions, report each phase's receipts over ``pipe``."""
    try:
        asyncio.run(_subscribe_all(pipe, url, host, subscribers, after, run_id, phases, timeout))
    except Exception as exc:  # reported to the parent, which fails loudly
        pipe.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        pipe.close()


async def _open_subscription(url: str, host: str, after: int) -> Any:
    from websockets.asyncio.client import connect

    ws = await connect(
        url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        additional_headers={"Host": host},
        max_size=2**22,
        open_timeout=30,
    )
    await ws.send(json.dumps({"type": "connection_init"}))
    ack = json.loads(await asyncio.wait_for(ws.recv(), 30))
    if ack.get("type") != "connection_ack":
        raise RuntimeError(f"expected connection_ack, got {ack!r}")
    await ws.send(
        json.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": SUBSCRIPTION, "variables": {"after": str(after)}},
            }
        )
    )
    return ws


async def _subscribe_all(
    pipe: Connection,
    url: str,
    host: str,
    subscribers: int,
    after: int,
    run_id: str,
    phases: list[tuple[str, int]],
    limit_seconds: float,
) -> None:
    started = time.perf_counter()
    gate = asyncio.Semaphore(20)

    async def opened(_: int) -> Any:
        async with gate:
            return await _open_subscription(url, host, after)

    sockets = await asyncio.gather(*(opened(i) for i in range(subscribers)))
    pipe.send(("ready", len(sockets), time.perf_counter() - started))
    expected = dict(phases)
    # receipts[phase][subscriber] = [(event id, receipt time), …]
    receipts: dict[str, list[list[tuple[int, float]]]] = {
        name: [[] for _ in sockets] for name, _ in phases
    }
    complete = Counter[str]()

    async def read(index: int, ws: Any) -> None:
        remaining = {name: count for name, count in phases}
        while any(remaining.values()):
            raw = await ws.recv()
            at = time.time()
            message = json.loads(raw)
            kind = message.get("type")
            if kind == "ping":
                await ws.send(json.dumps({"type": "pong"}))
                continue
            if kind != "next":
                raise RuntimeError(f"subscriber {index}: {message!r:.500}")
            event = message["payload"]["data"]["contentEvents"]
            payload = event["payload"]
            if payload.get("bench") != run_id:
                continue  # someone else's event
            phase = payload["phase"]
            receipts[phase][index].append((int(event["cursor"]), at))
            remaining[phase] -= 1
            if remaining[phase] == 0:
                complete[phase] += 1
                if complete[phase] == len(sockets):
                    pipe.send(("phase", phase, receipts[phase]))
                    receipts[phase] = []

    try:
        await asyncio.wait_for(
            asyncio.gather(*(read(i, ws) for i, ws in enumerate(sockets))), limit_seconds
        )
    except TimeoutError:
        got = {
            name: sorted(len(r) for r in receipts[name])[:3] if receipts[name] else "done"
            for name in expected
        }
        pipe.send(("timeout", f"not every subscriber got every event in {limit_seconds}s: {got}"))
    finally:
        for ws in sockets:
            with contextlib.suppress(Exception):
                await ws.close()


def _receive(pipe: Connection, timeout: float) -> tuple[Any, ...]:
    """The child's next message, or :class:`BenchError` after ``timeout`` seconds."""
    if not pipe.poll(timeout):
        raise BenchError(f"the subscriber process said nothing for {timeout:.0f}s")
    message: tuple[Any, ...] = pipe.recv()
    if message[0] in ("error", "timeout"):
        raise BenchError(f"subscribers: {message[1]}")
    return message


async def emit_events(
    targets: Sequence[Article], count: int, rate: float, run_id: str, phase: str
) -> tuple[dict[int, float], float]:
    """Commit ``count`` ``article.updated`` events, one transaction each; their commit times.

    ``rate`` > 0 spaces them at that many per second; 0 commits them back to back.
    Only outbox rows are written: the articles themselves do not change.
    """
    commits: dict[int, float] = {}
    started = time.perf_counter()
    for seq in range(count):
        if rate > 0:
            await asyncio.sleep(max(0.0, started + seq / rate - time.perf_counter()))
        article = targets[seq % len(targets)]
        async with in_transaction():
            event = await emit(
                EventType.ARTICLE_UPDATED,
                tenant_id=article.tenant_id,
                object_type="Article",
                object_id=article.id,
                payload={
                    "slug": article.slug,
                    "language": "vi",
                    "title": article.title,
                    "status": "published",
                    "bench": run_id,
                    "phase": phase,
                    "seq": seq,
                },
            )
        commits[int(event.id)] = time.time()
    return commits, time.perf_counter() - started


def delivery_figures(
    commits: dict[int, float], receipts: list[list[tuple[int, float]]], emit_seconds: float
) -> dict[str, Any]:
    """Throughput and commit-to-receipt latency of one phase, checking order and completeness."""
    expected = sorted(commits)
    problems = 0
    latencies: list[float] = []
    per_subscriber_rate: list[float] = []
    first_commit = min(commits.values())
    last_receipt = 0.0
    for got in receipts:
        ids = [event_id for event_id, _ in got]
        if ids != expected:
            problems += 1
        latencies += [(at - commits[event_id]) * 1000.0 for event_id, at in got]
        done = max(at for _, at in got)
        last_receipt = max(last_receipt, done)
        per_subscriber_rate.append(len(got) / (done - first_commit))
    span = last_receipt - first_commit
    messages = sum(len(got) for got in receipts)
    return {
        "events": len(commits),
        "subscribers": len(receipts),
        "messages": messages,
        "subscribers_out_of_order_or_incomplete": problems,
        "emit_seconds": round(emit_seconds, 3),
        "emitted_per_sec": round(len(commits) / emit_seconds, 1),
        "delivery_seconds": round(span, 3),
        "events_per_sec_per_subscriber": {
            "min": round(min(per_subscriber_rate), 1),
            "median": round(percentile(per_subscriber_rate, 50) or 0.0, 1),
            "max": round(max(per_subscriber_rate), 1),
        },
        "messages_per_sec": round(messages / span, 1),
        "latency_ms": latency_summary(latencies),
    }


async def measure_events(
    args: argparse.Namespace, settings: Settings, address: str, meter: CpuMeter
) -> dict[str, Any]:
    """100 subscribers in a child process; events committed here; figures per phase."""
    phases = [("burst", args.events)]
    if args.paced_events > 0:
        phases.append(("paced", args.paced_events))
    await open_database(settings)
    process = None
    try:
        city = await Tenant.get(slug=CITY_SLUG)
        below = await Tenant.filter(ancestor_links__ancestor_id=city.id).values_list(
            "id", flat=True
        )
        # One published article per portal of the subtree (city included): events go round.
        targets = []
        for tenant_id in sorted(set(below) | {city.id}):
            article = await Article.filter(
                tenant_id=tenant_id, status=ContentStatus.PUBLISHED, language="vi"
            ).first()
            if article is not None:
                targets.append(article)
        after = await _max_event_id()
        run_id = uuid.uuid4().hex
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(
            target=subscriber_process,
            args=(
                child,
                f"ws://{address}/graphql",
                CITY_HOST,
                args.subscribers,
                after,
                run_id,
                phases,
                args.events_timeout,
            ),
            daemon=True,
        )
        process.start()
        child.close()
        meter.watch("subscribers", process.pid or 0)
        _, connected, connect_seconds = await asyncio.to_thread(_receive, parent, 120)
        console.print(
            f"{connected} subscribers connected in {connect_seconds:.1f}s "
            f"(after cursor {after}); {len(targets)} portals' articles in the events"
        )
        await asyncio.sleep(2.0)  # every subscription has read its starting position
        figures: dict[str, Any] = {}
        for name, count in phases:
            rate = 0.0 if name == "burst" else args.paced_rate
            cpu_start = meter.sample()
            commits, emit_seconds = await emit_events(targets, count, rate, run_id, name)
            message = await asyncio.to_thread(_receive, parent, args.events_timeout + 30)
            cpu = meter.since(cpu_start)
            if message[:2] != ("phase", name):
                raise BenchError(f"unexpected message from the subscribers: {message[:2]}")
            figures[name] = delivery_figures(commits, message[2], emit_seconds)
            figures[name]["emit_rate_target"] = rate or "flat out"
            figures[name]["cpu"] = cpu
            f = figures[name]
            console.print(
                f"[bold]events/{name}[/bold]: {count} events in {emit_seconds:.1f}s "
                f"({f['emitted_per_sec']}/s); delivered to {connected} subscribers in "
                f"{f['delivery_seconds']}s: {f['messages_per_sec']} msg/s, "
                f"{f['events_per_sec_per_subscriber']['median']} events/s per subscriber; "
                f"latency p50 {f['latency_ms']['p50']} ms, p95 {f['latency_ms']['p95']} ms"
            )
            if f["subscribers_out_of_order_or_incomplete"]:
                raise BenchError(
                    f"{f['subscribers_out_of_order_or_incomplete']} subscribers got the {name} "
                    "events out of order, twice or not at all"
                )
        meter.forget("subscribers")
        process.join(timeout=30)
    finally:
        if process is not None and process.is_alive():
            process.terminate()
            process.join(timeout=10)
        await close_database()
    return {
        "emitter": "hub.events.outbox.emit in this bench process, one transaction per event "
        "(article.updated outbox rows; NOTIFY to the server's LISTEN connection on commit)",
        "subscription": "contentEvents(tenant: hanoi, includeDescendants: true, after: "
        "<cursor before the run>) over graphql-transport-ws, one connection per subscriber, "
        "in a child process",
        "latency": "receipt time (after ws.recv, child process) minus commit time (after the "
        "transaction returned, emitter); the same host clock",
        "subscribers": connected,
        "connect_seconds": round(connect_seconds, 3),
        "phases": figures,
    }


# --------------------------------------------------------------------------- report


def _ms(value: Any) -> str:
    return "–" if value is None else f"{value:.1f}"


def print_summary(report: dict[str, Any]) -> None:
    """The feed table (as ``bench http``), then publish-down and events."""
    if report.get("feed"):
        print_table(report["feed"])
    table = Table(
        title="publish-down and events (latency in ms)",
        box=box.SIMPLE_HEAD,
        padding=(0, 0),
        show_edge=False,
    )
    for column in ("measure", "throughput", "p50", "p95", "p99", "max", "notes"):
        table.add_column(column, justify="left" if column in ("measure", "notes") else "right")
    if pd := report.get("publish_down"):
        lat = pd["latency_ms"]
        per = pd["rows_per_mutation"]
        table.add_row(
            "articlePublishDown",
            f"{lat['count']} runs",
            _ms(lat["p50"]),
            _ms(lat["p95"]),
            _ms(lat["p99"]),
            _ms(lat["max"]),
            f"rows/mutation: placement {per['placement']:g}, event {per['event']:g}, "
            f"receipt {per['placement_receipt']:g}; reaches "
            f"{sum(pd['receivers_of_last_placement'].values())} communes",
        )
    if ev := report.get("events"):
        for name, f in ev["phases"].items():
            lat = f["latency_ms"]
            per = f["events_per_sec_per_subscriber"]
            table.add_row(
                f"events/{name}",
                f"{f['messages_per_sec']:,.0f} msg/s",
                _ms(lat["p50"]),
                _ms(lat["p95"]),
                _ms(lat["p99"]),
                _ms(lat["max"]),
                f"{f['events']} events × {f['subscribers']} subs; {per['median']}/s per sub "
                f"(min {per['min']}); emitted {f['emitted_per_sec']}/s",
            )
    if table.row_count:
        console.print(table)
    print_cpu(report)


def _cpu_rows(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = [(item["name"], item["cpu"]) for item in report.get("feed") or []]
    if pd := report.get("publish_down"):
        rows.append(("articlePublishDown", pd["cpu"]))
    if ev := report.get("events"):
        rows += [(f"events/{name}", f["cpu"]) for name, f in ev["phases"].items()]
    return rows


def print_cpu(report: dict[str, Any]) -> None:
    """Cores used during each measurement, by whom (the host has ``os.cpu_count()``)."""
    rows = _cpu_rows(report)
    if not rows:
        return
    groups = ("server", "postgres", "bench", "subscribers")
    table = Table(
        title=f"CPU during each measurement (cores used, of {os.cpu_count()})",
        box=box.SIMPLE_HEAD,
        padding=(0, 0),
        show_edge=False,
    )
    table.add_column("measure", no_wrap=True)
    for column in ("host", *groups, "others"):
        table.add_column(column, justify="right")
    for name, cpu in rows:
        cores = cpu["cores"]
        table.add_row(
            name,
            f"{cpu['host_busy_cores']:.2f}",
            *(f"{cores[g]:.2f}" if g in cores else "–" for g in groups),
            f"{cpu['other_processes_cores']:.2f}",
        )
    console.print(table)
    console.print(
        "bench = this process and wrk; postgres = every PostgreSQL process on the host; "
        "others = the host's busy time not accounted to these.",
        style="dim",
    )


def _code_state() -> dict[str, Any]:
    """The commit measured, and the files changed on top of it (the work tree is shared)."""

    def git(*argv: str) -> str:
        done = subprocess.run(["git", *argv], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    return {
        "commit": git("rev-parse", "HEAD"),
        "uncommitted": [line[3:] for line in git("status", "--short").splitlines()],
    }


def _machine(load_before: tuple[float, float, float]) -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
    }


def run(args: argparse.Namespace) -> int:
    """Entry point of ``python -m bench syndication``: a failed check or step exits 1."""
    if not is_postgres(args.database_url):
        console.print("[red]the syndication benchmark needs PostgreSQL (LISTEN/NOTIFY)")
        return 2
    if args.placements < 0 or args.mutation_runs < 1 or args.subscribers < 1 or args.events < 1:
        console.print("[red]need --placements ≥ 0, --mutation-runs, --subscribers, --events ≥ 1")
        return 2
    try:
        return _run(args)
    except (BenchError, RuntimeError, subprocess.TimeoutExpired, httpx.HTTPError) as exc:
        console.print(f"[bold red]Benchmark aborted:[/bold red] {type(exc).__name__}")
        console.print(str(exc), markup=False, highlight=False)
        return 1


def _run(args: argparse.Namespace) -> int:
    phases = set(args.only or PHASES)
    stamp = datetime.now().astimezone().strftime("%Y%m%dT%H%M%S")
    args.results_dir.mkdir(parents=True, exist_ok=True)
    settings = bench_settings(args.database_url, args.data_dir)
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    load_before = os.getloadavg()
    prepared = asyncio.run(setup(args, settings))
    meter = CpuMeter()
    report: dict[str, Any] = {
        "started_at": started,
        "config": {
            "database_url": args.database_url,
            "data_dir": str(args.data_dir.resolve()),
            "placements": args.placements,
            "placement_mix": {name: share for name, *_, share in PLACEMENT_MIX},
            "workers": args.workers,
            "page_cache": args.page_cache,
            "duration_s": parse_seconds(args.duration),
            "warmup_s": parse_seconds(args.warmup),
            "connections": args.connections,
            "threads": args.threads,
            "mutation_runs": args.mutation_runs,
            "mutation_warmup": args.mutation_warmup,
            "subscribers": args.subscribers,
            "events": args.events,
            "paced_events": args.paced_events,
            "paced_rate": args.paced_rate,
            "events_workers": args.events_workers,
            "seed": args.seed,
        },
        "setup": prepared.as_dict(),
        "server_logs": {},
        "server_errors": {},
    }
    failed = 0
    if phases & {"feed", "publish-down"}:
        log_path = args.results_dir / f"{stamp}-syndication-server.log"
        port = free_port()
        base = f"http://{HOST}:{port}"
        with (
            running_server(
                args.database_url, args.data_dir, port, args.workers, log_path, args.page_cache
            ) as server,
            httpx.Client(base_url=base, timeout=30) as client,
        ):
            meter.watch("server", server.pid)
            if "feed" in phases:
                report["feed"] = measure_feed(
                    args, client, base, placed=args.placements > 0, meter=meter
                )
                failed += sum(item["wrk"]["non_2xx"] for item in report["feed"])
                failed += sum(sum(item["wrk"]["socket_errors"].values()) for item in report["feed"])
            if "publish-down" in phases:
                wait_idle(meter)
                report["publish_down"] = asyncio.run(
                    measure_publish_down(settings, base, prepared, args.mutation_warmup, meter)
                )
        report["server_logs"]["feed_publish_down"] = str(log_path)
        report["server_errors"]["feed_publish_down"] = server_errors(log_path)
    if "events" in phases:
        log_path = args.results_dir / f"{stamp}-syndication-events-server.log"
        port = free_port()
        with running_server(
            args.database_url, args.data_dir, port, args.events_workers, log_path
        ) as server:
            meter.watch("server", server.pid)
            report["events"] = asyncio.run(measure_events(args, settings, f"{HOST}:{port}", meter))
        report["server_logs"]["events"] = str(log_path)
        report["server_errors"]["events"] = server_errors(log_path)
    report["machine"] = _machine(load_before)
    report["code"] = _code_state()
    report["dataset"] = dataset_counts(args.database_url) | {
        "placement": report["setup"]["placements"]
    }
    out = args.results_dir / f"{stamp}-syndication.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_summary(report)
    console.print(f"Results: {out}")
    tracebacks = sum(e["tracebacks"] for e in report["server_errors"].values())
    if failed or tracebacks:
        console.print(
            f"[red]Errors: {failed} non-2xx/socket errors, {tracebacks} server tracebacks "
            f"(see {', '.join(report['server_logs'].values())}).[/red]"
        )
        for errors in report["server_errors"].values():
            if errors["first_traceback"]:
                console.print(errors["first_traceback"], markup=False, highlight=False)
        return 1
    return 0
