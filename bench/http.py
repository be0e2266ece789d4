"""``python -m bench http``: serve the hub with ``thudo serve`` and load it with wrk.

Everything runs on 127.0.0.1: the server on a free port, wrk against it. Each
scenario is first checked once with httpx (status, and for GraphQL the shape
of the answer) and the run aborts loudly if a check fails; then wrk warms it
up and measures it. The server's output goes to a log file next to the JSON
results, and the server is stopped by its PID whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import asyncpg
import httpx
from rich import box
from rich.console import Console
from rich.table import Table

from bench import DEFAULT_DATA_DIR, cpu
from bench.wrk import WrkResult, lua_script, parse_seconds, run_wrk

console = Console(width=None if Console().is_terminal else 120)  # logs keep the whole table

HOST = "127.0.0.1"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
CITY_HOST = "thudo.gov.vn"
WARD_HOST = "xa-001.thudo.gov.vn"
PAGE_SIZE = 20
MIN_COVERS = 2  # of PAGE_SIZE; ~30% of articles have one (P(fewer than 2) < 1%)

ARTICLES_QUERY = """query ArticlesBench($tenant: String!) {
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

NEWSROOM_QUERY = """query NewsroomBench($tenant: String!) {
  articles(tenant: $tenant, first: 20) {
    edges {
      node {
        id title slug summary publishedAt kind byline
        category { name slug }
        tenant { name slug }
        author { name }
        tags { name }
        cover { url srcset altText width height }
      }
    }
  }
}"""


class BenchError(RuntimeError):
    """A check or a step of the benchmark failed; the message says why."""


@dataclass(frozen=True)
class Scenario:
    """One request, sent over and over."""

    name: str
    description: str
    method: str
    path: str
    host: str
    body: str | None = None
    content_type: str | None = None
    # Given the answer and the client (to fetch what it points at); says what it saw.
    check: Callable[[httpx.Response, httpx.Client], str] | None = None

    @property
    def headers(self) -> dict[str, str]:
        """The request headers (``Host`` selects the tenant)."""
        headers = {"Host": self.host}
        if self.content_type:
            headers["Content-Type"] = self.content_type
        return headers


def _article_edges(response: httpx.Response) -> list[dict[str, Any]]:
    """The ``articles`` edges of a GraphQL answer: no errors, a full page, city nodes."""
    payload = response.json()
    if payload.get("errors"):
        raise BenchError(f"GraphQL errors: {json.dumps(payload['errors'], ensure_ascii=False)}")
    edges: list[dict[str, Any]] = (payload.get("data") or {}).get("articles", {}).get("edges", [])
    if len(edges) != PAGE_SIZE:
        raise BenchError(f"expected {PAGE_SIZE} edges, got {len(edges)}: {payload!r:.500}")
    node = edges[0]["node"]
    if not node.get("category") or node.get("tenant", {}).get("slug") != "hanoi":
        raise BenchError(f"unexpected first node: {node!r}")
    return edges


def _check_articles(response: httpx.Response, _client: httpx.Client) -> str:
    edges = _article_edges(response)
    return f"{len(edges)} edges, newest {edges[0]['node']['publishedAt']}"


def _check_newsroom(response: httpx.Response, client: httpx.Client) -> str:
    """A full page with at least ``MIN_COVERS`` covers whose files the server serves."""
    nodes = [edge["node"] for edge in _article_edges(response)]
    covers = [n["cover"] for n in nodes if n.get("cover")]
    if len(covers) < MIN_COVERS:
        raise BenchError(
            f"only {len(covers)} of {len(nodes)} articles have a cover (need {MIN_COVERS}); "
            "was the dataset made by this version of `bench dataset`?"
        )
    cover = covers[0]
    if not (cover.get("url") and cover.get("srcset") and cover.get("width") and cover["altText"]):
        raise BenchError(f"incomplete cover: {cover!r}")
    # The files must be where the server looks (THUDO_DATA_DIR = the dataset's --data-dir).
    rendition = cover["srcset"].split(",")[0].split()[0]
    for url in (cover["url"], rendition):
        got = client.get(url, headers={"Host": CITY_HOST})
        if got.status_code != 200 or not got.headers.get("content-type", "").startswith("image/"):
            raise BenchError(
                f"GET {url}: HTTP {got.status_code} {got.headers.get('content-type')!r}; "
                "is --data-dir the one the dataset was made with?"
            )
    tags = sum(len(n.get("tags") or []) for n in nodes)
    authors = sum(1 for n in nodes if n.get("author"))
    bylines = sum(1 for n in nodes if n.get("byline"))
    kinds = sorted({n["kind"] for n in nodes})
    return (
        f"{len(nodes)} edges: {len(covers)} covers (files served), {tags} tags, "
        f"{authors} authors, {bylines} bylines, kinds {', '.join(kinds)}"
    )


def _check_html(response: httpx.Response, _client: httpx.Client) -> str:
    kind = response.headers.get("content-type", "")
    if not kind.startswith("text/html"):
        raise BenchError(f"expected HTML, got {kind!r}")
    return f"HTML, {len(response.content):,} bytes"


SCENARIOS = [
    Scenario(
        name="graphql-articles",
        description="POST /graphql: latest 20 city articles with category and tenant",
        method="POST",
        path="/graphql",
        host=CITY_HOST,
        body=json.dumps(
            {"query": ARTICLES_QUERY, "variables": {"tenant": "hanoi"}}, separators=(",", ":")
        ),
        content_type="application/json",
        check=_check_articles,
    ),
    Scenario(
        name="graphql-newsroom",
        description=(
            "POST /graphql: latest 20 city articles with kind, byline, category, tenant, "
            "author, tags and cover"
        ),
        method="POST",
        path="/graphql",
        host=CITY_HOST,
        body=json.dumps(
            {"query": NEWSROOM_QUERY, "variables": {"tenant": "hanoi"}}, separators=(",", ":")
        ),
        content_type="application/json",
        check=_check_newsroom,
    ),
    Scenario(
        name="home-city",
        description="GET / on thudo.gov.vn: the rendered city home page",
        method="GET",
        path="/",
        host=CITY_HOST,
        check=_check_html,
    ),
    Scenario(
        name="home-ward",
        description="GET / on xa-001.thudo.gov.vn: a commune's rendered home page",
        method="GET",
        path="/",
        host=WARD_HOST,
        check=_check_html,
    ),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the ``http`` subcommand's options."""
    parser.add_argument("--database-url", required=True, help="the database to serve")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="the server's THUDO_DATA_DIR: the dataset's --data-dir (default ./var/bench)",
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (default 2)")
    parser.add_argument("--duration", default="20s", help="measured wrk run per scenario")
    parser.add_argument("--warmup", default="3s", help="unmeasured wrk run first (default 3s)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--timeout", default="10s", help="wrk per-request timeout")
    parser.add_argument(
        "--scenario",
        action="append",
        choices=[s.name for s in SCENARIOS],
        help="run only these scenarios (repeatable; default all)",
    )
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument("--wrk", default="wrk", help="the wrk executable")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="serve with the whole-page cache on (default off: uncached figures)",
    )
    parser.set_defaults(func=run)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def thudo_command() -> list[str]:
    """The ``thudo`` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "thudo"
    if script.exists():
        return [str(script)]
    found = shutil.which("thudo")
    return [found] if found else [sys.executable, "-m", "hub.cli"]


def _log_tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(errors="replace").splitlines()
    return "\n".join(text[-lines:])


@contextmanager
def running_server(
    database_url: str,
    data_dir: Path,
    port: int,
    workers: int,
    log_path: Path,
    page_cache: bool = False,
) -> Iterator[subprocess.Popen[bytes]]:
    """``thudo serve`` on 127.0.0.1:``port`` until the block ends; output to ``log_path``.

    ``data_dir`` (made absolute: the server runs in a scratch directory) is its
    ``THUDO_DATA_DIR``, where the dataset's uploaded media are. The whole-page
    cache is off unless ``page_cache``: the default figures are uncached.
    """
    workdir = Path(tempfile.mkdtemp(prefix="thudo-bench-"))
    env = dict(
        os.environ,
        THUDO_DATABASE_URL=database_url,
        THUDO_TENANT_CACHE_SECONDS="30",
        THUDO_BASE_DOMAIN="thudo.gov.vn",
        THUDO_DATA_DIR=str(data_dir.resolve()),
        THUDO_PAGE_CACHE_ENTRIES="5000" if page_cache else "0",
    )
    # The hub refuses to serve without a strong key; the benchmark signs nothing itself.
    env.setdefault("THUDO_SECRET_KEY", secrets.token_urlsafe(48))
    command = [*thudo_command(), "serve", "--workers", str(workers), "--host", HOST]
    command += ["--port", str(port)]
    log: IO[bytes] = log_path.open("wb")
    console.print(f"Starting: {' '.join(command)}  (log: {log_path})")
    # Its own session, so a Ctrl-C at the terminal reaches us, and we stop it in order.
    proc = subprocess.Popen(
        command,
        cwd=workdir,  # no stray `.env` is read
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_healthy(proc, port, log_path)
        yield proc
    finally:
        stop_server(proc)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_healthy(proc: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    url = f"http://{HOST}:{port}/healthz"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(
                f"server exited with {proc.returncode} before answering:\n{_log_tail(log_path)}"
            )
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise BenchError(f"server did not answer {url} within 60s:\n{_log_tail(log_path)}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server by its PID (uvicorn stops its workers), SIGKILL its group if stuck."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            console.print(f"[yellow]Server {proc.pid} ignored SIGTERM; killing its group.")
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    # Workers (and multiprocessing's resource tracker) carry the group id we created;
    # give them a moment to exit after the parent, then kill whatever is left.
    deadline = time.monotonic() + 10
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _group_alive(proc.pid):
        console.print(f"[yellow]Killing leftover processes of group {proc.pid}.")
        os.killpg(proc.pid, signal.SIGKILL)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def verify(client: httpx.Client, scenario: Scenario) -> str:
    """Send the scenario's request once; raise :class:`BenchError` unless it is a good 200."""
    response = client.request(
        scenario.method,
        scenario.path,
        headers=scenario.headers,
        content=scenario.body.encode() if scenario.body is not None else None,
    )
    if response.status_code != 200:
        raise BenchError(
            f"{scenario.name}: HTTP {response.status_code} from {scenario.method} "
            f"{scenario.host}{scenario.path}: {response.text[:800]}"
        )
    return scenario.check(response, client) if scenario.check else "ok"


def server_errors(log_path: Path) -> dict[str, Any]:
    """Tracebacks and error lines the server logged, with the first traceback."""
    text = log_path.read_text(errors="replace")
    first = ""
    if (start := text.find("Traceback (most recent call last)")) >= 0:
        first = "\n".join(text[start:].splitlines()[:60])
    return {
        "tracebacks": text.count("Traceback (most recent call last)"),
        "error_lines": len(re.findall(r"^ERROR", text, re.M)),
        "first_traceback": first,
    }


def dataset_counts(database_url: str) -> dict[str, int]:
    """Rows per table of the served database, for the record."""
    if database_url.startswith(("postgres://", "postgresql://")):
        return asyncio.run(_postgres_counts(database_url.split("?", 1)[0]))
    from bench.dataset import sqlite_path

    with sqlite3.connect(sqlite_path(database_url)) as db:
        return {t: int(db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in _TABLES}


_TABLES = (
    "tenant",
    "category",
    "article",
    "tag",
    "article_tag",
    "media_asset",
    "media_rendition",
    "article_media",
    "user",
)


async def _postgres_counts(dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        return {t: int(await conn.fetchval(f'SELECT count(*) FROM "{t}"')) for t in _TABLES}
    finally:
        await conn.close()


def _fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def print_table(results: list[dict[str, Any]]) -> None:
    """The measured figures as a rich table (latencies in milliseconds)."""
    table = Table(
        title="wrk on 127.0.0.1 (latency and CPU per request in ms)",
        box=box.SIMPLE_HEAD,
        padding=(0, 0),  # the box's blank dividers separate the columns
        show_edge=False,
    )
    table.add_column("scenario", no_wrap=True)
    columns = ("req/s", "p50", "p90", "p99", "max", "requests", "non-2xx", "sockerr")
    for column in (*columns, "cpu srv", "cpu pg"):
        table.add_column(column, justify="right", no_wrap=True)
    for item in results:
        w = item["wrk"]
        pct = w["percentiles_ms"]
        table.add_row(
            item["name"],
            f"{w['requests_per_sec']:.1f}",
            _fmt_ms(pct.get("p50")),
            _fmt_ms(pct.get("p90")),
            _fmt_ms(pct.get("p99")),
            _fmt_ms(w["latency_max_ms"]),
            f"{w['requests']:,}",
            str(w["non_2xx"]),
            str(sum(w["socket_errors"].values())),
            _fmt_ms((item.get("cpu_ms_per_request") or {}).get("server")),
            _fmt_ms((item.get("cpu_ms_per_request") or {}).get("postgres")),
        )
    console.print(table)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``python -m bench http``: a failed check or step exits 1, loudly."""
    try:
        return _run(args)
    except (BenchError, RuntimeError, subprocess.TimeoutExpired, httpx.HTTPError) as exc:
        console.print(f"[bold red]Benchmark aborted:[/bold red] {type(exc).__name__}")
        console.print(str(exc), markup=False, highlight=False)
        return 1


def _run(args: argparse.Namespace) -> int:
    seconds, warmup = parse_seconds(args.duration), parse_seconds(args.warmup)
    timeout = parse_seconds(args.timeout)
    scenarios = [s for s in SCENARIOS if not args.scenario or s.name in args.scenario]
    stamp = datetime.now().astimezone().strftime("%Y%m%dT%H%M%S")
    args.results_dir.mkdir(parents=True, exist_ok=True)
    log_path = args.results_dir / f"{stamp}-server.log"
    port = args.port or free_port()
    base = f"http://{HOST}:{port}"
    measured: list[dict[str, Any]] = []
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    load_before = os.getloadavg()
    with (
        tempfile.TemporaryDirectory(prefix="thudo-wrk-") as scripts,
        running_server(
            args.database_url, args.data_dir, port, args.workers, log_path, args.page_cache
        ) as server,
        httpx.Client(base_url=base, timeout=30) as client,
    ):
        meter = cpu.CpuMeter()
        meter.watch("server", server.pid)  # the uvicorn master and its workers
        for scenario in scenarios:
            console.print(f"[bold]{scenario.name}[/bold]: {scenario.description}")
            console.print(f"  check: {verify(client, scenario)}")
            script = Path(scripts) / f"{scenario.name}.lua"
            script.write_text(lua_script(scenario.method, scenario.headers, scenario.body))
            url = base + scenario.path
            options = {"connections": args.connections, "threads": args.threads}
            options |= {"timeout": timeout, "wrk": args.wrk}
            if warmup > 0:
                warm = run_wrk(url, script, seconds=warmup, **options)
                console.print(f"  warm-up: {warm.requests_per_sec:.1f} req/s")
            before = meter.sample()
            result: WrkResult = run_wrk(url, script, seconds=seconds, **options)
            cpu_ms = cpu.per_request_ms(before, meter.sample(), result.requests)
            pct = result.percentiles_ms
            console.print(
                f"  {result.requests_per_sec:.1f} req/s, p50 {_fmt_ms(pct.get('p50'))} ms, "
                f"p99 {_fmt_ms(pct.get('p99'))} ms, statuses {result.status_counts}, "
                f"CPU per request {cpu_ms} ms"
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
                    # Server (all workers) and PostgreSQL CPU per request: steadier than
                    # req/s when other work shares the machine.
                    "cpu_ms_per_request": cpu_ms,
                }
            )
    errors = server_errors(log_path)
    report = {
        "started_at": started,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            # Other work on the host skews the figures; these show whether there was any.
            "loadavg_before": load_before,
            "loadavg_after": os.getloadavg(),
        },
        "config": {
            "database_url": args.database_url,
            "data_dir": str(args.data_dir.resolve()),
            "workers": args.workers,
            "duration_s": seconds,
            "warmup_s": warmup,
            "connections": args.connections,
            "threads": args.threads,
            "timeout_s": timeout,
            "tenant_cache_seconds": 30,
            "page_cache": args.page_cache,
        },
        "dataset": dataset_counts(args.database_url),
        "scenarios": measured,
        "server_log": str(log_path),
        "server_errors": errors,
    }
    out = args.results_dir / f"{stamp}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_table(measured)
    console.print(f"Results: {out}")
    failed = sum(m["wrk"]["non_2xx"] + sum(m["wrk"]["socket_errors"].values()) for m in measured)
    if errors["tracebacks"] or failed:
        console.print(
            f"[red]Errors under load: {failed} non-2xx/socket errors, "
            f"{errors['tracebacks']} server tracebacks (see {log_path}).[/red]"
        )
        if errors["first_traceback"]:
            console.print(errors["first_traceback"], markup=False, highlight=False)
        return 1
    return 0
