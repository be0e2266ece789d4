"""``python -m bench documents``: 50,000 legal documents, then time the search tool's queries.

The tenant tree (the city ``hanoi`` and ``--communes`` communes) goes through
:func:`tenants.hierarchy.create_tenant`. Documents, signers, fields and
relations are bulk-inserted with Tortoise's ``bulk_create`` in batches, **not**
through :mod:`hub.services.documents` (no audit entries, events or citations);
each document's fields still pass :func:`~hub.services.documents.clean_fields`
and :func:`~hub.services.documents.apply_fields`, so ``number_key``,
``normative``, ``issued_year`` and ``search_text`` are what the service writes.
The load ends with ``ANALYZE``.

The queries run in-process: ``hub.graphql.schema.execute(query,
variable_values=…, context_value=make_context(Scope(viewer=ANONYMOUS)))``,
a fresh context per run (no tenant directory, so the tenant is looked up in
the database, as the loaders do without one), no HTTP. Each operation runs 3
times unmeasured, then 30 measured times; p50/p95/max in ms, plus the SQL
statements one run sends (counted from the ``tortoise.db_client`` logger, in
a separate run). Results: ``bench/results/<UTC timestamp>-documents.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import random
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rich.console import Console
from rich.table import Table
from tortoise import connections

from bench.dataset import bench_settings, is_postgres, prepare_database
from bench.http import RESULTS_DIR
from hub.context import make_context
from hub.db import close_database, migrate_database, open_database
from hub.models.base import ContentStatus, Language
from hub.models.documents import DocumentRelation, DocumentSigner, DocumentSubject, LegalDocument
from hub.models.documents import RelationKind as K
from hub.services.documents import DocumentFields, apply_fields, clean_fields
from hub.text.citations import DocumentType as T
from hub.text.folding import fold, slugify
from tenants.hierarchy import create_tenant
from tenants.models import Tenant, TenantLevel
from tenants.scope import ANONYMOUS, Scope

console = Console()

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thudo_bench_docs"
CITY_SHARE = 0.7
FIRST_YEAR, LAST_YEAR = 2005, 2026
COMMUNES = [
    "Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh", "Ba Vì", "Chương Mỹ", "Phúc Thọ",
    "Đan Phượng", "Hoài Đức", "Quốc Oai", "Thạch Thất", "Thanh Oai", "Thường Tín", "Phú Xuyên",
    "Ứng Hòa", "Mỹ Đức", "Sơn Đồng", "Kim Anh", "Nội Bài", "Yên Xuân", "Phù Đổng", "Tây Phương",
    "Hương Sơn", "Minh Châu",
]  # fmt: skip
# (type, symbol, carries the year in its number, body ("ubnd"/"hdnd"), weight)
TYPES = [
    (T.QUYET_DINH, "QĐ-UBND", True, "ubnd", 18),
    (T.QUYET_DINH, "QĐ-UBND", False, "ubnd", 26),
    (T.NGHI_QUYET, "NQ-HĐND", True, "hdnd", 7),
    (T.KE_HOACH, "KH-UBND", False, "ubnd", 12),
    (T.CHI_THI, "CT-UBND", True, "ubnd", 4),
    (T.CONG_VAN, "UBND-KT", False, "ubnd", 14),
    (T.THONG_BAO, "TB-UBND", False, "ubnd", 8),
    (T.BAO_CAO, "BC-UBND", False, "ubnd", 6),
    (T.HUONG_DAN, "HD-UBND", False, "ubnd", 3),
    (T.CHUONG_TRINH, "CTr-UBND", False, "ubnd", 2),
]
# Field (lĩnh vực) → subjects titles are about.
FIELDS = {
    "Giao thông - Vận tải": [
        "bảo đảm trật tự an toàn giao thông", "tổ chức giao thông khu vực nội đô",
        "đầu tư xây dựng tuyến đường sắt đô thị", "quản lý bến xe và điểm đỗ xe",
    ],
    "Đất đai": [
        "bồi thường, hỗ trợ và tái định cư khi Nhà nước thu hồi đất",
        "bảng giá đất trên địa bàn", "cấp giấy chứng nhận quyền sử dụng đất",
    ],
    "Xây dựng - Đô thị": [
        "quản lý trật tự xây dựng", "quy hoạch chi tiết tỷ lệ 1/500",
        "cải tạo, xây dựng lại chung cư cũ", "chiếu sáng công cộng",
    ],
    "Giáo dục - Đào tạo": [
        "tuyển sinh vào lớp 10 trung học phổ thông", "học phí các cơ sở giáo dục công lập",
        "kiên cố hóa trường, lớp học",
    ],
    "Y tế": [
        "phòng, chống dịch sốt xuất huyết", "tiêm chủng mở rộng", "an toàn thực phẩm",
    ],
    "Tài chính - Ngân sách": [
        "dự toán ngân sách nhà nước năm", "phân cấp nguồn thu, nhiệm vụ chi",
        "quản lý, sử dụng tài sản công",
    ],
    "Tài nguyên - Môi trường": [
        "thu gom, xử lý chất thải rắn sinh hoạt", "bảo vệ môi trường làng nghề",
        "phòng, chống thiên tai và tìm kiếm cứu nạn",
    ],
    "Văn hóa - Thể thao - Du lịch": [
        "tổ chức lễ hội truyền thống", "phát triển du lịch cộng đồng",
        "xây dựng gia đình văn hóa",
    ],
    "Công thương": ["phát triển chợ truyền thống", "bình ổn thị trường dịp Tết Nguyên đán"],
    "Tổ chức bộ máy": [
        "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức", "sắp xếp đơn vị hành chính cấp xã",
    ],
    "Lao động - Việc làm": ["giải quyết việc làm cho người lao động", "giáo dục nghề nghiệp"],
    "Khoa học - Công nghệ": ["chuyển đổi số", "phát triển chính quyền số"],
    "An ninh - Trật tự": [
        "phòng cháy, chữa cháy", "bảo đảm an ninh trật tự tại cơ sở",
    ],
    "Nông nghiệp - Nông thôn": [
        "xây dựng nông thôn mới", "phòng, chống dịch bệnh gia súc, gia cầm",
    ],
    "Cải cách hành chính": [
        "cải cách thủ tục hành chính", "cung cấp dịch vụ công trực tuyến toàn trình",
    ],
}  # fmt: skip
ACTS = {
    T.QUYET_DINH: ["Ban hành Quy định về", "Phê duyệt Đề án", "Về việc", "Sửa đổi Quy định về"],
    T.NGHI_QUYET: ["Quy định về", "Thông qua chủ trương", "Về"],
    T.KE_HOACH: ["Triển khai", "Thực hiện", "Tổ chức"],
    T.CHI_THI: ["Về tăng cường", "Về đẩy mạnh"],
    T.CONG_VAN: ["Về việc triển khai", "Về việc đôn đốc", "Về việc hướng dẫn"],
    T.THONG_BAO: ["Kết luận của Chủ tịch về", "Kết quả thực hiện"],
    T.BAO_CAO: ["Kết quả thực hiện", "Tình hình"],
    T.HUONG_DAN: ["Hướng dẫn thực hiện", "Hướng dẫn"],
    T.CHUONG_TRINH: ["Chương trình hành động về", "Chương trình"],
}
ABSTRACT = [
    "Văn bản quy định phạm vi điều chỉnh, đối tượng áp dụng và trách nhiệm của các cơ quan, "
    "đơn vị có liên quan.",
    "Giao các sở, ban, ngành và Ủy ban nhân dân các xã, phường tổ chức thực hiện, báo cáo kết "
    "quả định kỳ.",
    "Bảo đảm kinh phí từ nguồn ngân sách và huy động các nguồn lực xã hội hóa.",
    "Văn bản có hiệu lực kể từ ngày ký ban hành.",
    "Thủ trưởng các cơ quan, đơn vị và cá nhân liên quan chịu trách nhiệm thi hành.",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Sơn"]
TITLES = {"ubnd": ["Chủ tịch", "Phó Chủ tịch"], "hdnd": ["Chủ tịch HĐND", "Phó Chủ tịch HĐND"]}
# Relation kinds loaded (weights): what makes the status derivation work.
RELATIONS = [(K.AMENDS, 35), (K.REPLACES, 20), (K.REPEALS, 15), (K.BASIS, 30)]

CARD = "number type issuer title issuedOn validity signers { name jobTitle } fields"
LIST = (
    "documents(tenant: $tenant, filter: $filter, first: 20) { totalCount "
    f"pageInfo {{ hasNextPage endCursor }} edges {{ node {{ id {CARD} }} }} }}"
)
FACETS = (
    "documentFacets(tenant: $tenant, filter: $filter) { types { value label count } "
    "issuers { value label count } fields { value label count } "
    "years { value label count } statuses { value label count } }"
)
VARS = "($tenant: String!, $filter: DocumentFilterInput)"


@dataclass(frozen=True)
class Operation:
    name: str
    query: str
    filter: dict[str, Any] | None = None


OPERATIONS = [
    Operation("a list", f"query A{VARS} {{ {LIST} }}"),
    Operation(
        "b list type+year", f"query B{VARS} {{ {LIST} }}", {"types": ["quyet_dinh"], "year": 2023}
    ),
    Operation("c list in force", f"query C{VARS} {{ {LIST} }}", {"validity": "IN_FORCE"}),
    Operation("d list text", f"query D{VARS} {{ {LIST} }}", {"text": "giao thong"}),
    Operation("e list number", f"query E{VARS} {{ {LIST} }}", {"number": "123/2023"}),
    Operation("f facets", f"query F{VARS} {{ {FACETS} }}"),
    Operation("g facets type", f"query G{VARS} {{ {FACETS} }}", {"types": ["quyet_dinh"]}),
    Operation("h list+facets", f"query H{VARS} {{ {LIST} {FACETS} }}"),
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the ``documents`` subcommand's options."""
    parser.add_argument("--database-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    parser.add_argument("--documents", type=int, default=50_000, help="default 50000")
    parser.add_argument("--communes", type=int, default=20, help="communes under the city")
    parser.add_argument("--relations", type=int, default=5_000, help="default 5000")
    parser.add_argument("--batch-size", type=int, default=2_000, help="rows per bulk_create")
    parser.add_argument("--runs", type=int, default=30, help="measured runs per operation")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured runs per operation")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--reset", action="store_true", help="drop and recreate the database, then load it"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``python -m bench documents``."""
    if not is_postgres(args.database_url):
        console.print("[yellow]Measuring SQLite: the figures asked for are PostgreSQL's.")
    if args.documents < 100 or args.communes < 1 or args.runs < 2:
        console.print("[red]need --documents ≥ 100, --communes ≥ 1, --runs ≥ 2")
        return 2
    return asyncio.run(_run(args))


# --- the dataset --------------------------------------------------------------------------


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


async def create_tenants(communes: int) -> list[tuple[Tenant, str]]:
    """The city and its communes, each with its place name (for issuers and titles)."""
    city = await create_tenant(
        slug="hanoi", name="Thành phố Hà Nội", level=TenantLevel.CITY, hostnames=["thudo.gov.vn"]
    )
    out = [(city, "thành phố Hà Nội")]
    for i in range(communes):
        place = COMMUNES[i % len(COMMUNES)] + (f" {i // len(COMMUNES) + 1}" if i >= 25 else "")
        slug = f"xa-{slugify(place)}"
        tenant = await create_tenant(
            slug=slug,
            name=f"Xã {place}",
            level=TenantLevel.COMMUNE,
            parent=city,
            hostnames=[f"{slug}.thudo.gov.vn"],
        )
        out.append((tenant, f"xã {place}"))
    return out


def make_documents(
    rng: random.Random, tenants: list[tuple[Tenant, str]], total: int, today: date
) -> tuple[list[LegalDocument], list[list[tuple[str, str]]], list[list[str]]]:
    """Unsaved rows (oldest first), and each one's signers and fields."""
    weights = [w for *_, w in TYPES]
    first = date(FIRST_YEAR, 1, 1).toordinal()
    span = today.toordinal() - first
    plans = []
    for _ in range(total):
        owner = 0 if rng.random() < CITY_SHARE else rng.randrange(1, len(tenants))
        plans.append((date.fromordinal(first + rng.randrange(span + 1)), owner))
    plans.sort()
    serials: dict[tuple[int, int, str], int] = {}
    docs, signers, subjects = [], [], []
    for i, (issued, owner) in enumerate(plans):
        tenant, place = tenants[owner]
        doc_type, symbol, with_year, body, _ = rng.choices(TYPES, weights)[0]
        key = (owner, issued.year, symbol)
        serials[key] = serials.get(key, 0) + rng.randint(1, 2)
        serial = serials[key]
        number = f"{serial}/{issued.year}/{symbol}" if with_year else f"{serial}/{symbol}"
        chosen = rng.sample(list(FIELDS), rng.choice((1, 1, 2)))
        topic = rng.choice(FIELDS[chosen[0]])
        title = f"{rng.choice(ACTS[doc_type])} {topic} trên địa bàn {place}"
        abstract = " ".join(rng.sample(ABSTRACT, 2))
        start = issued + timedelta(days=rng.randint(0, 45)) if rng.random() < 0.7 else None
        until = None
        if rng.random() < 0.3:
            until = (start or issued) + timedelta(days=rng.randint(180, 8 * 365))
        issuer = f"{'HĐND' if body == 'hdnd' else 'UBND'} {place}"
        people = [
            (_name(rng), TITLES[body][0 if not j else 1]) for j in range(rng.choice((1, 1, 2)))
        ]
        fields = clean_fields(
            DocumentFields(
                number=number,
                doc_type=doc_type.value,
                issuer_name=issuer[0].upper() + issuer[1:],
                title=title,
                issued_on=issued,
                abstract=abstract,
                effective_from=start,
                effective_until=until,
                subjects=chosen,
            )
        )
        roll = rng.random()
        status = (
            ContentStatus.PUBLISHED
            if roll < 0.92
            else ContentStatus.DRAFT
            if roll < 0.96
            else ContentStatus.ARCHIVED
        )
        doc = LegalDocument(tenant_id=tenant.id, status=status, language=Language.VI)
        apply_fields(doc, fields)
        doc.slug = f"{slugify(f'{number} {title}', max_length=110)}-{i + 1}"
        doc.published_at = (
            datetime(issued.year, issued.month, issued.day, 9, tzinfo=UTC)
            if status != ContentStatus.DRAFT
            else None
        )
        docs.append(doc)
        signers.append(people)
        subjects.append(fields.subjects)
    return docs, signers, subjects


async def load(args: argparse.Namespace) -> dict[str, Any]:
    """Tenants, documents, signers, fields and relations; returns counts and timings."""
    rng = random.Random(args.seed)
    started = time.perf_counter()
    tenants = await create_tenants(args.communes)
    today = datetime.now(UTC).date()
    docs, signers, subjects = make_documents(rng, tenants, args.documents, today)
    generated = time.perf_counter()
    console.print(f"{len(docs):,} documents generated in {generated - started:.1f}s")
    for at in range(0, len(docs), args.batch_size):
        await LegalDocument.bulk_create(docs[at : at + args.batch_size])
    ids = dict(
        await LegalDocument.unscoped().all().values_list("slug", "id")  # type: ignore[arg-type]
    )
    for doc in docs:
        doc.id = ids[doc.slug]
    signer_rows = [
        DocumentSigner(document_id=d.id, name=n, job_title=t, position=p)
        for d, people in zip(docs, signers, strict=True)
        for p, (n, t) in enumerate(people)
    ]
    subject_rows = [
        DocumentSubject(document_id=d.id, name=s, key=fold(s))
        for d, names in zip(docs, subjects, strict=True)
        for s in names
    ]
    step = args.batch_size * 2
    for at in range(0, len(signer_rows), step):
        await DocumentSigner.bulk_create(signer_rows[at : at + step])
    for at in range(0, len(subject_rows), step):
        await DocumentSubject.bulk_create(subject_rows[at : at + step])
    # Relations: a newer document acts on an older one.
    kinds, weights = zip(*RELATIONS, strict=True)
    seen: set[tuple[int, str, str]] = set()
    relation_rows: list[DocumentRelation] = []
    while len(relation_rows) < args.relations:
        a, b = sorted(rng.sample(range(len(docs)), 2))
        target, source = docs[a], docs[b]
        kind = rng.choices(kinds, weights)[0]
        if (source.id, target.number_key, kind.value) in seen:
            continue
        seen.add((source.id, target.number_key, kind.value))
        relation_rows.append(
            DocumentRelation(
                source_id=source.id,
                target_id=target.id,
                target_number=target.number,
                target_key=target.number_key,
                kind=kind.value,
                partial=kind in (K.REPLACES, K.REPEALS) and rng.random() < 0.3,
            )
        )
    for at in range(0, len(relation_rows), args.batch_size):
        await DocumentRelation.bulk_create(relation_rows[at : at + args.batch_size])
    loaded = time.perf_counter()
    console.print(f"Rows inserted (bulk_create) in {loaded - generated:.1f}s")
    await connections.get("default").execute_script("ANALYZE")
    console.print(f"ANALYZE in {time.perf_counter() - loaded:.1f}s")
    return {
        "tenants": len(tenants),
        "documents": len(docs),
        "city_documents": sum(1 for d in docs if d.tenant_id == tenants[0][0].id),
        "signers": len(signer_rows),
        "subjects": len(subject_rows),
        "relations": len(relation_rows),
        "generate_seconds": round(generated - started, 1),
        "insert_seconds": round(loaded - generated, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
        "method": "Model.bulk_create in batches (not through hub.services.documents)",
    }


# --- timing -------------------------------------------------------------------------------


class SQLCounter(logging.Handler):
    """Counts the SQL statements Tortoise sends while attached (as tests/conftest.py does)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().lstrip().upper().startswith(("SELECT", "WITH")):
            self.count += 1


async def _execute(op: Operation) -> dict[str, Any]:
    from hub.graphql import schema

    result = await schema.execute(
        op.query,
        variable_values={"tenant": "hanoi", "filter": op.filter},
        context_value=make_context(Scope(viewer=ANONYMOUS)),
    )
    if result.errors:
        raise SystemExit(f"{op.name}: {result.errors}")
    return result.data or {}


async def _statements(op: Operation) -> int:
    logger = logging.getLogger("tortoise.db_client")
    counter, level = SQLCounter(), logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        await _execute(op)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
    return counter.count


def _percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(sorted(samples), n=100, method="inclusive")[q - 1]


async def time_operations(runs: int, warmup: int) -> list[dict[str, Any]]:
    rows = []
    for op in OPERATIONS:
        data: dict[str, Any] = {}
        for _ in range(warmup):
            data = await _execute(op)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            await _execute(op)
            samples.append((time.perf_counter() - start) * 1000)
        listing = data.get("documents")
        rows.append(
            {
                "name": op.name,
                "filter": op.filter,
                "total": listing["totalCount"] if listing else None,
                "page": len(listing["edges"]) if listing else None,
                "sql_statements": await _statements(op),
                "p50_ms": round(_percentile(samples, 50), 1),
                "p95_ms": round(_percentile(samples, 95), 1),
                "max_ms": round(max(samples), 1),
            }
        )
        console.print(f"  {op.name}: p50 {rows[-1]['p50_ms']} ms")
    return rows


async def _run(args: argparse.Namespace) -> int:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    load_before = os.getloadavg()
    await prepare_database(args.database_url, args.reset)
    settings = bench_settings(args.database_url)
    await migrate_database(settings)
    await open_database(settings)
    try:
        if await Tenant.exists():
            dataset: dict[str, Any] = {"reused": True}
            console.print("The database already holds tenants: measuring it as it is.")
        else:
            dataset = await load(args)
        dataset["rows"] = {
            "legal_document": await LegalDocument.unscoped().all().count(),
            "document_relation": await DocumentRelation.all().count(),
        }
        console.print("Timing (in-process schema.execute, anonymous viewer, tenant hanoi):")
        rows = await time_operations(args.runs, args.warmup)
    finally:
        await close_database()
    report = {
        "started_at": stamp,
        "method": "in-process hub.graphql.schema.execute(query, variable_values=…, "
        "context_value=make_context(Scope(viewer=ANONYMOUS))), a fresh context per run, "
        f"{args.warmup} warm-ups then {args.runs} measured runs; sql_statements from one more "
        "run with the tortoise.db_client DEBUG logger",
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "loadavg_before": load_before,
            "loadavg_after": os.getloadavg(),
        },
        "config": {k: v for k, v in vars(args).items() if k != "func"},
        "dataset": dataset,
        "operations": rows,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"{stamp}-documents.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    table = Table(title="documents (in-process schema.execute, anonymous, tenant hanoi)")
    for column in ("operation", "filter", "total", "SQL", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, justify="left" if column in ("operation", "filter") else "right")
    for row in rows:
        table.add_row(
            row["name"],
            json.dumps(row["filter"], ensure_ascii=False, separators=(",", ":"))
            if row["filter"]
            else "",
            "" if row["total"] is None else f"{row['total']:,}",
            str(row["sql_statements"]),
            f"{row['p50_ms']}",
            f"{row['p95_ms']}",
            f"{row['max_ms']}",
        )
    console.print(table)
    console.print(f"Results: {out}")
    return 0
