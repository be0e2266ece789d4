"""``python -m bench initiatives``: submissions per second; the public list at 100,000.

1. The database (PostgreSQL by default) gets the city, the reform site and
   ``--communes`` wards, and ``--count`` initiatives bulk-inserted in a
   realistic mix of states (published, answered, assigned, received,
   rejected), then ``ANALYZE``.
2. ``thudo serve`` runs on it, its page cache off, mail to the folder
   transport (every mail is queued in the submit's transaction and sent by the
   server's mail loop, as in production, only written to files).
3. wrk sends ``initiativeSubmit`` mutations for ``--seconds``: each request a
   new idempotency key and its own client address (``X-Forwarded-For``, which
   uvicorn trusts from 127.0.0.1 as from a reverse proxy), so the sender
   limits do not cut the run short. Submissions per second are counted from
   the rows written, and the mails queued and sent are reported.
4. wrk reads the public list: the `/sang-kien` page, the GraphQL
   `initiatives` query, a filtered list (field and unit) and a deep page.

Results: ``bench/results/<timestamp>-initiatives.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import random
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from tortoise import connections

from bench.dataset import DEFAULT_DATA_DIR, bench_settings, is_postgres, prepare_database
from bench.http import HOST, RESULTS_DIR, free_port, running_server
from bench.wrk import _LUA_FOOTER, lua_script, lua_string, run_wrk
from hub.db import close_database, migrate_database, open_database
from hub.initiatives.models import Initiative, InitiativeStatus, InitiativeTopic
from hub.mail import MailMessage
from tenants.hierarchy import create_tenant
from tenants.models import TenantLevel

console = Console()
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thudo_bench_initiatives"
REFORM_HOST = "caicachhanhchinh.thudo.gov.vn"
# State → share of the initiatives (a portal a few years into the service).
MIX = [
    (InitiativeStatus.PUBLISHED, 0.45),
    (InitiativeStatus.ANSWERED, 0.10),
    (InitiativeStatus.ASSIGNED, 0.20),
    (InitiativeStatus.SCREENED, 0.05),
    (InitiativeStatus.RECEIVED, 0.10),
    (InitiativeStatus.REJECTED, 0.10),
]
SUBMIT = (
    'mutation { initiativeSubmit(tenant: "caicachhanhchinh", idempotencyKey: '
    '"bench-submit-@N@", input: {title: "Sáng kiến số @N@ về cải cách thủ tục", content: '
    '"Đề nghị rút ngắn thời gian giải quyết hồ sơ và công khai tiến độ trên cổng thông '
    'tin.", topic: ADMINISTRATIVE_PROCEDURES, contactName: "Người gửi @N@", contactEmail: '
    '"nguoigui@N@@example.vn", consent: true}) { __typename } }'
)  # @N@: the request's number (a new key, contact and title each time)
LIST_QUERY = (
    "query($after: String, $topic: InitiativeTopic, $unit: String) { initiatives(tenant: "
    '"caicachhanhchinh", first: 20, after: $after, topic: $topic, unit: $unit) { edges { node '
    "{ id title topic receivedAt assignedUnit { name } } } pageInfo { endCursor } } }"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--count", type=int, default=100_000, help="initiatives to load")
    parser.add_argument("--communes", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=15.0, help="each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-reset", action="store_true", help="keep an existing dataset")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.set_defaults(func=run)


async def load(url: str, count: int, communes: int, data_dir: Path) -> None:
    """Tenants and ``count`` initiatives, bulk-inserted (not through the service)."""
    await prepare_database(url, reset=True)
    settings = bench_settings(url, data_dir)
    await migrate_database(settings)
    await open_database(settings)
    try:
        city = await create_tenant(slug="hanoi", name="Thành phố Hà Nội", level=TenantLevel.CITY)
        reform = await create_tenant(
            slug="caicachhanhchinh",
            name="Cải cách hành chính",
            level=TenantLevel.SITE,
            parent=city,
            hostnames=[REFORM_HOST],
        )
        wards = [
            await create_tenant(
                slug=f"phuong-{n:03d}", name=f"Phường {n}", level=TenantLevel.COMMUNE, parent=city
            )
            for n in range(1, communes + 1)
        ]
        rng = random.Random(20261206)
        states = [s for s, _ in MIX]
        weights = [w for _, w in MIX]
        topics = list(InitiativeTopic)
        start = datetime.now(UTC) - timedelta(days=730)
        started = time.perf_counter()
        batch: list[Initiative] = []
        for n in range(count):
            status = rng.choices(states, weights)[0]
            received = start + timedelta(minutes=n * 730 * 24 * 60 / count)
            routed = status not in (InitiativeStatus.RECEIVED, InitiativeStatus.SCREENED)
            batch.append(
                Initiative(
                    tenant_id=reform.id,
                    assigned_tenant_id=rng.choice(wards).id if routed else None,
                    topic=rng.choice(topics),
                    title=f"Sáng kiến {n}: đề nghị cải thiện dịch vụ công tại phường",
                    content="Nội dung sáng kiến mẫu cho phép đo. " * 8,
                    status=status,
                    tracking_code=f"SK-B{n:07d}",
                    idempotency_key=f"bench-load-{n:012d}",
                    fingerprint="0" * 64,
                    contact_name=f"Người gửi {n}",
                    contact_email=f"nguoigui{n}@example.vn",
                    consent_text="đồng ý",
                    sender_key=f"{n % 5000:064d}",
                    contact_key=f"{n:064d}",
                    received_at=received,
                    due_at=received + timedelta(days=14),
                    answer="<p>Trả lời mẫu.</p>"
                    if status in (InitiativeStatus.PUBLISHED, InitiativeStatus.ANSWERED)
                    else "",
                    published_at=received + timedelta(days=10)
                    if status == InitiativeStatus.PUBLISHED
                    else None,
                )
            )
            if len(batch) == 5000:
                await Initiative.bulk_create(batch)
                batch = []
        if batch:
            await Initiative.bulk_create(batch)
        if is_postgres(url):
            await connections.get("default").execute_script("ANALYZE")
        console.print(f"Loaded {count:,} initiatives in {time.perf_counter() - started:.1f} s")
    finally:
        await close_database()


def submit_script() -> str:
    """wrk Lua: a new idempotency key, contact and client address on every request."""
    body = json.dumps({"query": SUBMIT}).replace("@N@", "%d")
    counting = _LUA_FOOTER[_LUA_FOOTER.index("function response") :]
    return f"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Host"] = {lua_string(REFORM_HOST)}
local threads = {{}}
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end
function init(args)
  statuses = {{}}
  tid = wrk.thread:get("tid")
  counter = 0
end
function request()
  counter = counter + 1
  local n = tid * 10000000 + counter
  local address = string.format("10.%d.%d.%d", tid % 250, math.floor(n / 250) % 250, n % 250)
  wrk.headers["X-Forwarded-For"] = address
  return wrk.format(nil, nil, nil, string.format({lua_string(body)}, n, n, n, n))
end
{counting}"""


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def read_scenarios(unit: str) -> list[tuple[str, str, str, str | None]]:
    """(name, method, path, body) of the reading runs."""

    def graphql(variables: dict[str, Any]) -> str:
        return json.dumps({"query": LIST_QUERY, "variables": variables}, ensure_ascii=False)

    return [
        ("list page /sang-kien", "GET", "/sang-kien", None),
        ("list page, field filter", "GET", "/sang-kien?linh-vuc=giao-thong", None),
        ("GraphQL initiatives, first page", "POST", "/graphql", graphql({})),
        (
            "GraphQL initiatives, field + unit",
            "POST",
            "/graphql",
            graphql({"topic": "TRANSPORT", "unit": unit}),
        ),
        (
            "GraphQL initiatives, page 250 (offset 5,000)",
            "POST",
            "/graphql",
            graphql({"after": _cursor(4999)}),
        ),
    ]


async def _counts(url: str, data_dir: Path) -> dict[str, int]:
    await open_database(bench_settings(url, data_dir))
    try:
        return {
            "initiatives": await Initiative.all().count(),
            "mails_queued": await MailMessage.all().count(),
            "mails_sent": await MailMessage.filter(state="sent").count(),
        }
    finally:
        await close_database()


def run(args: argparse.Namespace) -> int:
    url: str = args.database_url
    if not args.no_reset:
        asyncio.run(load(url, args.count, args.communes, args.data_dir))
    before = asyncio.run(_counts(url, args.data_dir))
    stamp = datetime.now().astimezone().strftime("%Y%m%dT%H%M%S")
    args.results_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://{HOST}:{port}"
    results: list[dict[str, Any]] = []
    log_path = args.results_dir / f"{stamp}-initiatives-server.log"
    options = {"connections": args.connections, "threads": 2, "timeout": 30.0}
    with (
        tempfile.TemporaryDirectory(prefix="thudo-wrk-") as scripts,
        running_server(url, args.data_dir, port, args.workers, log_path),
        httpx.Client(base_url=base, timeout=30, headers={"Host": REFORM_HOST}) as client,
    ):
        check = client.post("/graphql", content=SUBMIT_CHECK, headers=JSON)
        assert "InitiativeReceived" in check.text, check.text[:500]
        submit = Path(scripts) / "submit.lua"
        submit.write_text(submit_script())
        started = time.monotonic()
        outcome = run_wrk(base + "/graphql", submit, seconds=args.seconds, **options)
        elapsed = time.monotonic() - started
        after = asyncio.run(_counts(url, args.data_dir))
        made = after["initiatives"] - before["initiatives"] - 1  # minus the check
        results.append(
            {
                "name": "initiativeSubmit (mail through the outbox)",
                "submissions_per_sec": made / outcome.seconds if outcome.seconds else 0.0,
                "wrk": asdict(outcome) | {"raw_output": ""},
                "mails_queued": after["mails_queued"] - before["mails_queued"],
                "mails_sent_by_end": after["mails_sent"] - before["mails_sent"],
                "wall_seconds": elapsed,
            }
        )
        console.print(
            f"submit: {made} initiatives in {outcome.seconds:.1f} s = "
            f"{results[-1]['submissions_per_sec']:.1f}/s, p50 "
            f"{outcome.percentiles_ms.get('p50')} ms, p99 {outcome.percentiles_ms.get('p99')} ms, "
            f"statuses {outcome.status_counts}"
        )
        for name, method, path, body in read_scenarios("phuong-001"):
            script = Path(scripts) / "read.lua"
            headers = {"Host": REFORM_HOST}
            if body is not None:
                headers["Content-Type"] = "application/json"
            script.write_text(lua_script(method, headers, body))
            probe = client.request(method, path, content=body, headers=headers)
            assert probe.status_code == 200 and "errors" not in probe.text[:200], probe.text[:500]
            result = run_wrk(base + path, script, seconds=args.seconds, **options)
            results.append({"name": name, "wrk": asdict(result) | {"raw_output": ""}})
            console.print(
                f"{name}: {result.requests_per_sec:.1f} req/s, p50 "
                f"{result.percentiles_ms.get('p50')} ms, p99 {result.percentiles_ms.get('p99')} ms"
            )
    table = Table(title=f"Initiatives ({args.count:,} loaded, {url.split('@')[-1]})")
    for column in ("scenario", "per second", "p50 ms", "p99 ms"):
        table.add_column(column)
    for r in results:
        pct = r["wrk"]["percentiles_ms"]
        rate = r.get("submissions_per_sec", r["wrk"]["requests_per_sec"])
        table.add_row(r["name"], f"{rate:.1f}", str(pct.get("p50")), str(pct.get("p99")))
    console.print(table)
    out = args.results_dir / f"{stamp}-initiatives.json"
    out.write_text(json.dumps({"database": url, "count": args.count, "results": results}, indent=2))
    console.print(f"Results: {out}")
    return 0


JSON = {"Content-Type": "application/json", "Host": REFORM_HOST}
SUBMIT_CHECK = json.dumps({"query": SUBMIT.replace("@N@", "0000000000000000")})
