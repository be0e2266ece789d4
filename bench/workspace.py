"""``python -m bench workspace``: the editors' article list at 100,000 articles.

Issue 13 asks the workspace's article list of a portal holding 100,000
articles to answer its first page, with filters, in under 100 ms at the 95th
percentile of server time, and the editor page to load at most 300 KB of
compressed JavaScript and CSS.

1. The dataset (`bench dataset`) gets ``--articles`` articles with the city's
   share ``--city-share``, so the city portal holds ~100,000 of them
   (150,000 × 0.67 by default). ``--reuse`` keeps a database made before.
2. A city editor gets an API token (the workspace accepts bearer tokens as
   `/graphql` does), and ``thudo serve`` runs on the database, page cache off.
3. wrk sends, on ONE connection (so latency is server time plus a loopback
   round trip, not queueing), the workspace's own `ArticleList` operation (the
   text in `frontends/admin/operations/`) with each filter the screen offers,
   alone and combined, and GETs the article list screen itself.
4. The editor page (`/quan-tri/bai-viet/moi`) is fetched, and every script and
   stylesheet it links is fetched and gzip-compressed (level 6, as a server
   would) to weigh what a browser loads.

Results: ``bench/results/<timestamp>-workspace.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from rich.console import Console
from rich.table import Table
from tortoise import connections

from bench import dataset
from bench.dataset import DEFAULT_DATA_DIR, bench_settings
from bench.http import HOST, RESULTS_DIR, free_port, running_server
from bench.wrk import lua_script, run_wrk
from frontends.admin.client import WORKSPACE_OPERATIONS
from hub.auth.permissions import Role
from hub.db import close_database, open_database
from hub.models import Article, Category
from hub.services.users import token_issue, user_create
from tenants.models import Tenant

console = Console()
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thudo_bench_workspace"
EDITOR = "bench.bientap"
BUDGET_MS = 100.0
ASSET_BUDGET_BYTES = 300 * 1024
_ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="([^"]+)"')


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--articles", type=int, default=150_000, help="articles in all")
    parser.add_argument("--city-share", type=float, default=0.67, help="the city's share")
    parser.add_argument("--reuse", action="store_true", help="keep a database made before")
    parser.add_argument("--seconds", type=float, default=10.0, help="each measured wrk run")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.reuse:
        generated = asyncio.run(dataset.generate(_dataset_args(args)))
        if generated:
            return generated
    token, filters, city_articles = asyncio.run(_prepare(args))
    console.print(f"The city portal holds {city_articles:,} articles.")
    return _measure(args, token, filters, city_articles)


def _dataset_args(args: argparse.Namespace) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    dataset.add_arguments(parser)
    return parser.parse_args(
        [
            f"--database-url={args.database_url}",
            f"--data-dir={args.data_dir}",
            f"--articles={args.articles}",
            f"--city-share={args.city_share}",
            "--tenants=30",
            "--departments=5",
            "--reset",
        ]
    )


async def _prepare(args: argparse.Namespace) -> tuple[str, dict[str, str], int]:
    """The editor's token and filter values taken from the data (a category, a word)."""
    await open_database(bench_settings(args.database_url, args.data_dir))
    try:
        city = await Tenant.get(slug=dataset.CITY_SLUG)
        if not await _exists(EDITOR):
            await user_create(
                EDITOR,
                "bench-editor-password-2026",
                full_name="Biên tập viên (benchmark)",
                roles={city: [Role.EDITOR]},
            )
        token = await token_issue(EDITOR, f"bench {datetime.now():%Y%m%dT%H%M%S}")
        category = await Category.filter(tenant_id=city.id).order_by("position").first()
        assert category is not None
        # A word of a recent title: common enough to match, not in every title.
        recent = await Article.filter(tenant_id=city.id).order_by("-updated_at").first()
        assert recent is not None
        word = max(recent.slug.split("-")[:4], key=len)
        count = await Article.filter(tenant_id=city.id).count()
        await connections.get("default").execute_script("ANALYZE")
    finally:
        await close_database()
    today = datetime.now().date()
    return (
        token,
        {
            "category": category.slug,
            "word": word,
            "from": str(today - timedelta(30)),
            "to": str(today),
        },
        count,
    )


async def _exists(username: str) -> bool:
    from hub.models.users import User

    return await User.exists(username=username)


def _scenarios(filters: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """(name, variables) of the `ArticleList` operation, as the screen sends them."""
    tenant = {"tenant": dataset.CITY_SLUG}
    return [
        ("no filter", tenant),
        ("drafts", tenant | {"status": "DRAFT"}),
        (
            "published in a category",
            tenant | {"status": "PUBLISHED", "category": filters["category"]},
        ),
        ("title word", tenant | {"text": filters["word"]}),
        ("last 30 days", tenant | {"changedFrom": filters["from"], "changedTo": filters["to"]}),
        (
            "all filters",
            tenant
            | {
                "status": "PUBLISHED",
                "category": filters["category"],
                "text": filters["word"],
                "changedFrom": filters["from"],
                "changedTo": filters["to"],
            },
        ),
    ]


def _measure(
    args: argparse.Namespace, token: str, filters: dict[str, str], city_articles: int
) -> int:
    stamp = datetime.now().astimezone().strftime("%Y%m%dT%H%M%S")
    args.results_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://{HOST}:{port}"
    auth = {"Host": dataset.CITY_HOST, "Authorization": f"Bearer {token}"}
    document = WORKSPACE_OPERATIONS.load("ArticleList")
    rows: list[dict[str, Any]] = []
    with (
        tempfile.TemporaryDirectory(prefix="thudo-wrk-") as scripts,
        running_server(
            args.database_url, args.data_dir, port, 2, args.results_dir / f"{stamp}-server.log"
        ),
        httpx.Client(base_url=base, timeout=30, headers=auth) as client,
    ):
        requests: list[tuple[str, str, str, str | None, dict[str, str]]] = []
        for name, variables in _scenarios(filters):
            body = json.dumps(
                {"query": document, "operationName": "ArticleList", "variables": variables},
                ensure_ascii=False,
            )
            requests.append(
                (f"GraphQL: {name}", "POST", "/graphql", body, {"Content-Type": "application/json"})
            )
        screen = "/quan-tri/bai-viet?" + urlencode(
            {"trang-thai": "published", "chuyen-muc": filters["category"]}
        )
        requests.append(("screen: published in a category", "GET", screen, None, {}))
        for name, method, path, body, extra in requests:
            answer = client.request(method, path, content=body, headers=extra)
            seen = _check(answer, method)
            script = Path(scripts) / "s.lua"
            script.write_text(lua_script(method, auth | extra, body))
            options: dict[str, Any] = {"connections": 1, "threads": 1, "timeout": 10.0}
            if args.warmup > 0:
                run_wrk(base + path, script, seconds=args.warmup, **options)
            result = run_wrk(base + path, script, seconds=args.seconds, **options)
            if result.errors:
                raise RuntimeError(f"{name}: {result.status_counts} {result.socket_errors}")
            pct = result.percentiles_ms
            rows.append(
                {
                    "name": name,
                    "seen": seen,
                    "requests_per_sec": result.requests_per_sec,
                    "p50_ms": pct.get("p50"),
                    "p95_ms": pct.get("p95"),
                    "p99_ms": pct.get("p99"),
                    "wrk": result.as_dict(),
                }
            )
            console.print(f"{name}: {seen}; p95 {pct.get('p95')} ms")
        assets = _editor_assets(client)
    report = {
        "started_at": stamp,
        "machine": {"cpus": os.cpu_count(), "loadavg_after": os.getloadavg()},
        "city_articles": city_articles,
        "filters": filters,
        "budget_p95_ms": BUDGET_MS,
        "scenarios": rows,
        "editor_page_assets": assets,
    }
    out = args.results_dir / f"{stamp}-workspace.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    _print(rows, assets, city_articles)
    console.print(f"Results: {out}")
    over = [r["name"] for r in rows if (r["p95_ms"] or 0) >= BUDGET_MS]
    return 1 if over or assets["gzip_bytes"] > ASSET_BUDGET_BYTES else 0


def _check(answer: httpx.Response, method: str) -> str:
    """What the first answer held; a wrong answer stops the benchmark."""
    if answer.status_code != 200:
        raise RuntimeError(f"HTTP {answer.status_code}: {answer.text[:500]}")
    if method == "GET":
        return f"{answer.text.count('<tr') - 1} rows on the screen"
    data = answer.json()
    if data.get("errors"):
        raise RuntimeError(str(data["errors"])[:500])
    listing = data["data"]["articleList"]
    return f"{len(listing['edges'])} of {listing['totalCount']:,}"


def _editor_assets(client: httpx.Client) -> dict[str, Any]:
    """Every script and stylesheet the new-article page links, raw and gzipped."""
    page = client.get("/quan-tri/bai-viet/moi")
    page.raise_for_status()
    files = []
    for url in sorted(set(_ASSET.findall(page.text))):
        body = client.get(url).content
        files.append(
            {
                "url": url,
                "bytes": len(body),
                "gzip_bytes": len(gzip.compress(body, compresslevel=6)),
            }
        )
    return {
        "files": files,
        "bytes": sum(f["bytes"] for f in files),
        "gzip_bytes": sum(f["gzip_bytes"] for f in files),
        "budget_gzip_bytes": ASSET_BUDGET_BYTES,
    }


def _print(rows: list[dict[str, Any]], assets: dict[str, Any], city_articles: int) -> None:
    table = Table(title=f"Article list of a portal with {city_articles:,} articles (1 connection)")
    for column in ("request", "answer", "req/s", "p50 ms", "p95 ms", "p99 ms"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            r["name"],
            r["seen"],
            f"{r['requests_per_sec']:.0f}",
            *(f"{r[k]:.1f}" if r[k] is not None else "–" for k in ("p50_ms", "p95_ms", "p99_ms")),
        )
    console.print(table)
    console.print(
        f"Editor page: {len(assets['files'])} files, {assets['bytes'] / 1024:.0f} KB, "
        f"{assets['gzip_bytes'] / 1024:.0f} KB gzipped (budget 300 KB)"
    )
