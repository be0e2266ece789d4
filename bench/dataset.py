"""``python -m bench dataset``: a province-sized dataset, loaded fast.

The tenant tree goes through :func:`tenants.hierarchy.create_tenant` (so the
closure table and hostnames are exactly what the app writes), and so do the
few things that are cheap to make properly: bench users
(:func:`hub.services.users.user_create`) and a handful of images per tenant
(:func:`hub.services.media.media_upload`, stored under ``--data-dir``).
Categories, tags, articles and the per-article links (covers, tags) are
bulk-loaded, bypassing the per-article services: PostgreSQL gets them by binary
``COPY`` through the Tortoise connection's asyncpg pool, SQLite through bulk
inserts. See :mod:`bench.newsroom` for the newsroom part.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import random
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from tortoise import connections

from bench import DEFAULT_DATA_DIR
from bench.corpus import Corpus, article_slug
from bench.newsroom import (
    NewsroomPlan,
    article_extras,
    create_authors,
    create_tags,
    load_links,
    upload_images,
)
from hub.db import close_database, migrate_database, open_database
from hub.models import Article, ArticleKind, Category
from hub.settings import Settings, load_settings
from hub.storage import configure_storage, storage_for
from hub.text.folding import slugify
from tenants.hierarchy import create_tenant
from tenants.models import Tenant, TenantLevel

console = Console()

CITY_SLUG = "hanoi"
CITY_HOST = "thudo.gov.vn"
CITY_SHARE = 0.20  # of all articles
PUBLISHED_SHARE = 0.95
ENGLISH_SHARE = 0.05  # of all articles, placed in tenants with an English edition
FEATURED_SHARE = 0.02  # of published articles

DEPARTMENTS = [
    ("Sở Tài chính", "Department of Finance"),
    ("Sở Xây dựng", "Department of Construction"),
    ("Sở Y tế", "Department of Health"),
    ("Sở Giáo dục và Đào tạo", "Department of Education and Training"),
    ("Sở Nội vụ", "Department of Home Affairs"),
    ("Sở Tư pháp", "Department of Justice"),
    ("Sở Công Thương", "Department of Industry and Trade"),
    ("Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"),
    ("Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    ("Sở Văn hóa và Thể thao", "Department of Culture and Sports"),
    ("Sở Du lịch", "Department of Tourism"),
    ("Sở Quy hoạch – Kiến trúc", "Department of Planning and Architecture"),
    ("Sở Dân tộc và Tôn giáo", "Department of Ethnic and Religious Affairs"),
    ("Thanh tra thành phố", "City Inspectorate"),
    ("Văn phòng UBND thành phố", "Office of the City People's Committee"),
]
COMMUNE_SYLLABLES = [
    "An", "Bình", "Phú", "Minh", "Hòa", "Thạch", "Đông", "Tây", "Nam", "Bắc", "Thanh",
    "Quang", "Tiến", "Thịnh", "Hưng", "Long", "Mỹ", "Đức", "Tân", "Vĩnh", "Xuân", "Hồng",
    "Kim", "Ngọc", "Sơn", "Trung", "Yên", "Liên", "Phúc", "Thượng",
]  # fmt: skip
# (slug, name, name_en, slug_en, weight when articles pick a category)
CATEGORIES = [
    ("tin-tuc", "Tin tức", "News", "news", 40),
    ("thong-bao", "Thông báo", "Announcements", "announcements", 20),
    ("chinh-sach-moi", "Chính sách mới", "New policies", "new-policies", 12),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "Administrative procedures", "procedures", 8),
    ("van-ban-chi-dao", "Văn bản chỉ đạo", "Directives", "directives", 10),
    ("su-kien", "Sự kiện", "Events", "events", 10),
    ("hoi-dap", "Hỏi đáp", "Questions and answers", "questions", 5),
    ("du-lich", "Du lịch", "Tourism", "tourism", 5),
]
ARTICLE_COLUMNS = (
    "tenant_id",
    "category_id",
    "language",
    "status",
    "kind",
    "slug",
    "title",
    "summary",
    "body",
    "byline",
    "author_id",
    "source_name",
    "source_url",
    "featured",
    "published_at",
    "created_at",
    "updated_at",
    "text_updated_at",
)


@dataclass(frozen=True)
class TenantPlan:
    """What the article generator needs to know about one tenant."""

    id: int
    slug: str
    english: bool
    category_ids: list[int]
    category_weights: list[int]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the ``dataset`` subcommand's options."""
    parser.add_argument(
        "--database-url",
        required=True,
        help="postgres://user@127.0.0.1:5432/name or sqlite:///path/to/file.sqlite3",
    )
    parser.add_argument("--tenants", type=int, default=150, help="tenants in all (default 150)")
    parser.add_argument("--departments", type=int, default=15, help="departments (default 15)")
    parser.add_argument("--categories", type=int, default=6, help="categories per tenant")
    parser.add_argument("--articles", type=int, default=100_000, help="articles (default 100000)")
    parser.add_argument(
        "--city-share",
        type=float,
        default=CITY_SHARE,
        help=f"the city's share of the articles (default {CITY_SHARE})",
    )
    parser.add_argument("--batch-size", type=int, default=5_000, help="articles per load batch")
    parser.add_argument("--years", type=float, default=3.0, help="publication span in years")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="THUDO_DATA_DIR of the dataset: uploaded media go to <dir>/media "
        "(default ./var/bench; give `bench http` the same)",
    )
    parser.add_argument("--images", type=int, default=4, help="images per tenant (default 4)")
    parser.add_argument("--tags", type=int, default=40, help="tags per tenant (default 40)")
    parser.add_argument("--authors", type=int, default=8, help="bench users who author articles")
    parser.add_argument(
        "--upload-concurrency",
        type=int,
        default=4,
        help="image uploads in flight at once on PostgreSQL (SQLite: 1)",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database first")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``python -m bench dataset``."""
    if args.tenants < 2 or args.articles < 1 or not 1 <= args.categories <= len(CATEGORIES):
        console.print(
            f"[red]need --tenants ≥ 2, --articles ≥ 1, 1 ≤ --categories ≤ {len(CATEGORIES)}"
        )
        return 2
    if min(args.images, args.tags, args.authors) < 0:
        console.print("[red]--images, --tags and --authors cannot be negative")
        return 2
    return asyncio.run(generate(args))


def is_postgres(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database."""
    return url.startswith(("postgres://", "postgresql://"))


def sqlite_path(url: str) -> Path:
    """The file behind a ``sqlite://`` URL (``sqlite:///abs`` or ``sqlite://rel``)."""
    path = url.removeprefix("sqlite://").split("?", 1)[0]
    return Path(path).resolve()


def _server_dsn(url: str) -> tuple[str, str]:
    """The DSN of the server's ``postgres`` database, and the target database's name."""
    parts = urlsplit(url.replace("postgresql://", "postgres://", 1))
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit(f"no database name in {url!r}")
    return urlunsplit(parts._replace(path="/postgres", query="")), name


async def prepare_database(url: str, reset: bool) -> None:
    """Drop and recreate the database when ``reset``; create it when missing."""
    if not is_postgres(url):
        _prepare_sqlite(sqlite_path(url), reset)
        return
    dsn, name = _server_dsn(url)
    quoted = '"' + name.replace('"', '""') + '"'
    conn = await asyncpg.connect(dsn)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if reset and exists:
            await conn.execute(f"DROP DATABASE {quoted} WITH (FORCE)")
            exists = None
        if not exists:
            await conn.execute(f"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0")
    finally:
        await conn.close()


def _prepare_sqlite(path: Path, reset: bool) -> None:
    if reset:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)


def reset_media(data_dir: Path) -> None:
    """Remove ``<data_dir>/media``: its files belonged to the database just dropped."""
    media = data_dir / "media"
    if media.is_dir():
        shutil.rmtree(media)
        console.print(f"Removed {media}")


def bench_settings(url: str, data_dir: Path = DEFAULT_DATA_DIR) -> Settings:
    """The hub's settings, from defaults only (no `.env`), pointed at ``url`` and ``data_dir``."""
    return dataclasses.replace(
        load_settings(env_file=None), database_url=url, data_dir=data_dir.resolve()
    )


async def generate(args: argparse.Namespace) -> int:
    """Prepare, migrate and fill the database; prints timings."""
    started = time.perf_counter()
    url: str = args.database_url
    await prepare_database(url, args.reset)
    settings = bench_settings(url, args.data_dir)
    if args.reset:
        reset_media(settings.data_dir)
    await migrate_database(settings)
    console.print(f"Database ready and migrated in {time.perf_counter() - started:.1f}s")
    # media_upload writes through the process's store: the one the server will read.
    configure_storage(storage_for(settings))
    await open_database(settings)
    try:
        if await Tenant.exists():
            console.print("[red]The database already holds tenants; rerun with --reset.")
            return 1
        rng = random.Random(args.seed)
        phase = time.perf_counter()
        plans = await create_tenants(rng, args.tenants, args.departments, args.categories)
        console.print(
            f"{len(plans)} tenants and {sum(len(p.category_ids) for p in plans)} categories "
            f"in {time.perf_counter() - phase:.1f}s"
        )
        newsroom = await prepare_newsroom(rng, plans, args, is_postgres(url), settings.data_dir)
        phase = time.perf_counter()
        await load_articles(
            rng, plans, newsroom, args.articles, args.batch_size, args.years, url, args.city_share
        )
        console.print(f"{args.articles:,} articles in {time.perf_counter() - phase:.1f}s")
        phase = time.perf_counter()
        covers, tag_links = await load_links(rng, newsroom, is_postgres(url), args.batch_size)
        console.print(
            f"{covers:,} covers and {tag_links:,} article tags in "
            f"{time.perf_counter() - phase:.1f}s"
        )
        if is_postgres(url):
            phase = time.perf_counter()
            await connections.get("default").execute_script("VACUUM (ANALYZE)")
            console.print(f"VACUUM (ANALYZE) in {time.perf_counter() - phase:.1f}s")
    finally:
        await close_database()
    console.print(f"[green]Dataset ready in {time.perf_counter() - started:.1f}s[/green] ({url})")
    return 0


async def prepare_newsroom(
    rng: random.Random,
    plans: Sequence[TenantPlan],
    args: argparse.Namespace,
    postgres: bool,
    data_dir: Path,
) -> NewsroomPlan:
    """Authors, images and tag pools, before the articles that use them; prints timings."""
    tenant_ids = [p.id for p in plans]
    phase = time.perf_counter()
    authors = await create_authors(args.authors, plans[0].id)
    console.print(f"{len(authors)} authors in {time.perf_counter() - phase:.1f}s")
    phase = time.perf_counter()
    concurrency = args.upload_concurrency if postgres else 1
    assets = await upload_images(rng, tenant_ids, args.images, concurrency)
    console.print(
        f"{sum(map(len, assets.values())):,} images uploaded in "
        f"{time.perf_counter() - phase:.1f}s (files under {data_dir / 'media'})"
    )
    phase = time.perf_counter()
    tags = await create_tags(rng, tenant_ids, args.tags)
    console.print(f"{sum(map(len, tags.values())):,} tags in {time.perf_counter() - phase:.1f}s")
    return NewsroomPlan(assets=assets, tags=tags, authors=authors)


def _contact(slug: str, rng: random.Random) -> dict[str, Any]:
    phone = f"024 {rng.randint(3000, 3999)} {rng.randint(1000, 9999)}"
    return {
        "address": f"Số {rng.randint(1, 200)} phố Tràng Tiền, Hà Nội",
        "phone": phone,
        "email": f"{slug}@thudo.gov.vn",
        "info_officer_name": "Nguyễn Văn An",
        "info_officer_title": "Chánh Văn phòng",
        "info_officer_phone": phone,
        "info_officer_email": f"vanphong.{slug}@thudo.gov.vn",
    }


async def create_tenants(
    rng: random.Random, total: int, departments: int, categories: int
) -> list[TenantPlan]:
    """The city, its departments and communes, each with ``categories`` sections."""
    departments = max(0, min(departments, len(DEPARTMENTS), total - 1))
    city = await create_tenant(
        slug=CITY_SLUG,
        name="Thành phố Hà Nội",
        name_en="Hanoi",
        level=TenantLevel.CITY,
        hostnames=[CITY_HOST],
        english_enabled=True,
        description="Cổng thông tin điện tử thành phố Hà Nội (dữ liệu benchmark).",
        **_contact(CITY_SLUG, rng),
    )
    tenants: list[Tenant] = [city]
    for name, name_en in DEPARTMENTS[:departments]:
        slug = slugify(name, 64)
        tenants.append(
            await create_tenant(
                slug=slug,
                name=name,
                name_en=name_en,
                level=TenantLevel.DEPARTMENT,
                parent=city,
                english_enabled=True,
                **_contact(slug, rng),
            )
        )
    for number in range(1, total - departments):
        slug = f"xa-{number:03d}"
        kind = "Phường" if number % 3 == 0 else "Xã"
        name = f"{kind} {rng.choice(COMMUNE_SYLLABLES)} {rng.choice(COMMUNE_SYLLABLES)}"
        tenants.append(
            await create_tenant(
                slug=slug, name=name, level=TenantLevel.COMMUNE, parent=city, **_contact(slug, rng)
            )
        )
    rows = [
        Category(
            tenant_id=tenant.id,
            slug=slug,
            name=name,
            name_en=name_en,
            slug_en=slug_en,
            position=position,
            description=f"{name} của {tenant.name}",
        )
        for tenant in tenants
        for position, (slug, name, name_en, slug_en, _w) in enumerate(CATEGORIES[:categories])
    ]
    await Category.bulk_create(rows, batch_size=1000)
    weights = {c[0]: c[4] for c in CATEGORIES}
    by_tenant: dict[int, list[tuple[int, str]]] = {}
    for cid, tid, slug in (
        await Category.all().order_by("id").values_list("id", "tenant_id", "slug")
    ):
        by_tenant.setdefault(tid, []).append((cid, slug))
    return [
        TenantPlan(
            id=t.id,
            slug=t.slug,
            english=t.english_enabled,
            category_ids=[cid for cid, _ in by_tenant[t.id]],
            category_weights=[weights[slug] for _, slug in by_tenant[t.id]],
        )
        for t in tenants
    ]


def article_counts(
    rng: random.Random, plans: Sequence[TenantPlan], total: int, city_share: float = CITY_SHARE
) -> list[int]:
    """Articles per tenant: the city gets ``city_share``, the rest a Zipf-like skew, summing
    to ``total``."""
    city = round(total * city_share)
    others = len(plans) - 1
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(others)]
    rng.shuffle(weights)
    scale = (total - city) / sum(weights)
    counts = [city] + [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):  # hand out the rounding remainder
        counts[1 + i % others] += 1
    return counts


def article_rows(
    rng: random.Random,
    plans: Sequence[TenantPlan],
    newsroom: NewsroomPlan,
    total: int,
    years: float,
    city_share: float = CITY_SHARE,
) -> Iterator[tuple[Any, ...]]:
    """Rows in ``ARTICLE_COLUMNS`` order, oldest first, tenants interleaved as in real life."""
    counts = article_counts(rng, plans, total, city_share)
    owners = [i for i, n in enumerate(counts) for _ in range(n)]
    rng.shuffle(owners)
    now = datetime.now(UTC).replace(microsecond=0)
    span = years * 365 * 86400
    offsets = sorted((rng.random() * span for _ in range(total)), reverse=True)
    english_capable = sum(n for plan, n in zip(plans, counts, strict=True) if plan.english)
    p_english = min(0.5, ENGLISH_SHARE * total / english_capable) if english_capable else 0.0
    corpus = Corpus(seed=rng.randrange(1 << 30))
    for sequence, (owner, offset) in enumerate(zip(owners, offsets, strict=True), start=1):
        plan = plans[owner]
        language = "en" if plan.english and rng.random() < p_english else "vi"
        text = corpus.text(language)
        stamp = now - timedelta(seconds=offset)
        published = rng.random() < PUBLISHED_SHARE
        created = stamp - timedelta(minutes=rng.randint(5, 2 * 24 * 60)) if published else stamp
        category = rng.choices(plan.category_ids, plan.category_weights)[0]
        slug = article_slug(text.slug_stem, sequence)
        extras = article_extras(rng, newsroom, slug)
        yield (
            plan.id,
            category,
            language,
            "published" if published else "draft",
            extras.kind,
            slug,
            text.title,
            text.summary,
            text.body,
            extras.byline,
            extras.author_id,
            extras.source_name,
            extras.source_url,
            published and rng.random() < FEATURED_SHARE,
            stamp if published else None,
            created,
            stamp,
            stamp,
        )


def _batches(rows: Iterator[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


async def load_articles(
    rng: random.Random,
    plans: Sequence[TenantPlan],
    newsroom: NewsroomPlan,
    total: int,
    batch_size: int,
    years: float,
    url: str,
    city_share: float = CITY_SHARE,
) -> None:
    """Generate and insert ``total`` articles in batches, with a progress bar."""
    client: Any = connections.get("default")
    progress = Progress(
        TextColumn("[bold]Articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
    )
    with progress:
        task = progress.add_task("articles", total=total)
        rows = article_rows(rng, plans, newsroom, total, years, city_share)
        for batch in _batches(rows, batch_size):
            if is_postgres(url):
                async with client.acquire_connection() as conn:
                    await conn.copy_records_to_table(
                        "article", records=batch, columns=list(ARTICLE_COLUMNS)
                    )
            else:
                await Article.bulk_create([_article(row) for row in batch], batch_size=1000)
            progress.advance(task, len(batch))


def _article(row: tuple[Any, ...]) -> Article:
    """An unsaved :class:`Article` from a row in ``ARTICLE_COLUMNS`` order (SQLite path)."""
    values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    values["kind"] = ArticleKind(values["kind"])
    return Article(**values)
