"""The newsroom side of the bench dataset: images, authors, tags, kinds and bylines.

What the newsroom list query touches besides the article row itself:

- a few real images per tenant, uploaded through
  :func:`hub.services.media.media_upload` (so the stored files, sniffed types,
  dimensions and WebP renditions are exactly what the app makes);
- a few users (made by :func:`hub.services.users.user_create`) who author
  some of the articles;
- a pool of tags per tenant;
- the per-article picks: kind, byline, author, cover and tags.

Uploads and users go through the services (there are few of them); the
per-article link rows (``article_media`` covers, ``article_tag`` pairs) are
bulk-loaded like the articles: binary ``COPY`` on PostgreSQL, multi-row
inserts on SQLite.
"""

from __future__ import annotations

import asyncio
import functools
import io
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from tortoise import connections

from hub.auth.permissions import Role
from hub.models import Article, ArticleKind, ArticleMedia, MediaRole, Tag
from hub.services.media import media_upload
from hub.services.users import user_create
from hub.text.folding import slugify
from tenants.models import Tenant
from tenants.scope import SYSTEM, Scope

SYSTEM_SCOPE = Scope(viewer=SYSTEM)

IMAGE_SIZE = (800, 533)  # 3:2; renditions at 320 and 640 px
COVER_SHARE = 0.30  # of all articles
AUTHOR_SHARE = 0.20  # of all articles
BYLINE_SHARE = 0.35  # of articles without an author (authored ones always carry one)
TAGS_PER_ARTICLE = (2, 3, 4)  # drawn uniformly: ~3 on average
BENCH_PASSWORD = "bench-password-not-secret"  # a local benchmark database only

# (kind, weight): mostly news, as on a government portal.
KIND_WEIGHTS: list[tuple[ArticleKind, int]] = [
    (ArticleKind.NEWS, 76),
    (ArticleKind.ANNOUNCEMENT, 10),
    (ArticleKind.BLOG, 3),
    (ArticleKind.GALLERY, 4),
    (ArticleKind.VIDEO, 3),
    (ArticleKind.AUDIO, 1),
    (ArticleKind.PAGE, 1),
    (ArticleKind.LINK, 2),
]
LINK_SOURCES = [
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Báo Hànộimới", "https://hanoimoi.vn/"),
    ("Báo Nhân Dân", "https://nhandan.vn/"),
]
AUTHOR_NAMES = [
    "Nguyễn Thu Hà",
    "Trần Minh Đức",
    "Lê Thị Hồng Nhung",
    "Phạm Quốc Khánh",
    "Hoàng Thanh Tùng",
    "Vũ Ngọc Ánh",
    "Đặng Văn Hải",
    "Bùi Phương Thảo",
]
BYLINES = [
    "Phóng viên",
    "Ban Biên tập",
    "Văn phòng UBND",
    "Theo Báo Hànộimới",
    "Theo Cổng TTĐT Chính phủ",
    "Tổ thông tin",
    "Cộng tác viên",
]
TAG_NAMES = [
    "Chuyển đổi số", "Cải cách hành chính", "Dịch vụ công trực tuyến", "Đề án 06",
    "Phòng cháy chữa cháy", "An toàn giao thông", "Bảo vệ môi trường", "Nông thôn mới",
    "Chỉnh trang đô thị", "An sinh xã hội", "Y tế cơ sở", "Tiêm chủng", "Giáo dục",
    "Tuyển sinh", "Văn hóa", "Thể thao", "Du lịch", "Lễ hội", "Di tích", "Làng nghề",
    "Doanh nghiệp", "Thu ngân sách", "Đầu tư công", "Giải phóng mặt bằng", "Trật tự xây dựng",
    "Quy hoạch", "Giao thông", "Cấp nước", "Thoát nước", "Điện lực", "Khoa học công nghệ",
    "Khởi nghiệp", "Thanh niên", "Phụ nữ", "Cựu chiến binh", "Người cao tuổi", "Trẻ em",
    "Hộ nghèo", "Bảo hiểm xã hội", "Việc làm", "Phổ biến pháp luật", "Tiếp công dân",
    "Phòng chống tham nhũng", "Quốc phòng", "An ninh trật tự", "Công an xã", "Bầu cử",
    "Hội đồng nhân dân", "Mặt trận Tổ quốc", "Tết Nguyên đán", "Ngày hội đại đoàn kết",
    "Sốt xuất huyết", "An toàn thực phẩm", "Chợ dân sinh", "Căn cước", "Thời tiết",
]  # fmt: skip

console = Console()


@dataclass(frozen=True)
class NewsroomPlan:
    """What the article and link generators pick from, per tenant and overall."""

    assets: dict[int, list[int]]  # tenant id → its uploaded image asset ids
    tags: dict[int, list[int]]  # tenant id → its tag ids, most used first
    authors: list[tuple[int, str]]  # (user id, full name)


@dataclass(frozen=True)
class ArticleExtras:
    """Per-article newsroom columns: kind, byline, author, source (for links)."""

    kind: str
    byline: str
    author_id: int | None
    source_name: str
    source_url: str


def make_jpeg(rng: random.Random, size: tuple[int, int] = IMAGE_SIZE) -> bytes:
    """A small photo-like JPEG: colour gradients, a few shapes and some grain."""
    width, height = size
    ramp = Image.linear_gradient("L")
    k_red, k_green = rng.randint(60, 255), rng.randint(60, 255)
    red = ramp.resize(size).point(lambda v: v * k_red // 255)
    green = ramp.rotate(90).resize(size).point(lambda v: v * k_green // 255)
    blue = Image.new("L", size, rng.randint(40, 220))
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 7)):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randint(20, height // 3)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    # Grain, so the JPEG weighs what a photo of this size does: a crop of one shared tile.
    tile = _grain_tile(size)
    x, y = rng.randrange(tile.width - width + 1), rng.randrange(tile.height - height + 1)
    image = Image.blend(image, tile.crop((x, y, x + width, y + height)), 0.12)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


@functools.cache
def _grain_tile(size: tuple[int, int]) -> Image.Image:
    width, height = size
    return Image.effect_noise((width * 3 // 2, height * 3 // 2), 16).convert("RGB")


async def upload_images(
    rng: random.Random, tenant_ids: Sequence[int], per_tenant: int, concurrency: int
) -> dict[int, list[int]]:
    """``per_tenant`` distinct JPEGs per tenant through ``media_upload``; asset ids per tenant.

    Uploads run ``concurrency`` at a time (the image work happens in threads).
    The process's storage must be configured before.
    """
    if per_tenant <= 0:
        return {tid: [] for tid in tenant_ids}
    tenants = {t.id: t for t in await Tenant.filter(id__in=list(tenant_ids))}
    # The bytes are made up front, in order, so the seed alone decides them.
    jobs = [
        (tid, number, make_jpeg(rng)) for tid in tenant_ids for number in range(1, per_tenant + 1)
    ]
    assets: dict[int, list[int]] = {tid: [] for tid in tenant_ids}
    gate = asyncio.Semaphore(max(1, concurrency))
    progress = _progress("Images")
    task = progress.add_task("images", total=len(jobs))

    async def one(tid: int, number: int, data: bytes) -> tuple[int, int, int]:
        tenant = tenants[tid]
        async with gate:
            asset = await media_upload(
                SYSTEM_SCOPE,
                tenant,
                f"anh-minh-hoa-{tenant.slug}-{number}.jpg",
                data,
                alt_text=f"Ảnh minh họa {number} – {tenant.name}",
                caption=f"Hoạt động tại {tenant.name}",
                credit="Ảnh: Ban Biên tập",
            )
        progress.advance(task)
        return tid, number, asset.id

    with progress:
        done = await asyncio.gather(*(one(*job) for job in jobs))
    for tid, _number, asset_id in sorted(done):
        assets[tid].append(asset_id)
    return assets


async def create_authors(count: int, city_id: int) -> list[tuple[int, str]]:
    """``count`` reporters of the city, made by ``user_create``: (id, full name) each."""
    city = await Tenant.get(id=city_id)
    authors = []
    for number in range(count):
        name = AUTHOR_NAMES[number % len(AUTHOR_NAMES)]
        if number >= len(AUTHOR_NAMES):
            name = f"{name} {number // len(AUTHOR_NAMES) + 1}"
        user = await user_create(
            f"bench.pv{number + 1:02d}",
            BENCH_PASSWORD,
            full_name=name,
            email=f"pv{number + 1:02d}@thudo.gov.vn",
            roles={city: [Role.REPORTER]},
        )
        authors.append((user.id, user.full_name))
    return authors


async def create_tags(
    rng: random.Random, tenant_ids: Sequence[int], per_tenant: int
) -> dict[int, list[int]]:
    """A pool of ``per_tenant`` tags for each tenant (bulk insert); ids per tenant, in order."""
    per_tenant = min(per_tenant, len(TAG_NAMES))
    rows = []
    order: dict[tuple[int, str], int] = {}
    for tid in tenant_ids:
        for position, name in enumerate(rng.sample(TAG_NAMES, per_tenant)):
            slug = slugify(name, 120)
            order[(tid, slug)] = position
            rows.append(Tag(tenant_id=tid, slug=slug, name=name))
    await Tag.bulk_create(rows, batch_size=1000)
    pools: dict[int, list[tuple[int, int]]] = {tid: [] for tid in tenant_ids}
    for tag_id, tid, slug in await Tag.filter(tenant_id__in=list(tenant_ids)).values_list(
        "id", "tenant_id", "slug"
    ):
        pools[tid].append((order[(tid, slug)], tag_id))
    return {tid: [tag_id for _, tag_id in sorted(pool)] for tid, pool in pools.items()}


def article_extras(rng: random.Random, plan: NewsroomPlan, slug: str) -> ArticleExtras:
    """Kind, byline, author and source of one article."""
    kinds, weights = _KINDS
    kind = rng.choices(kinds, weights)[0]
    author_id: int | None = None
    byline = ""
    if plan.authors and rng.random() < AUTHOR_SHARE:
        author_id, byline = rng.choice(plan.authors)
    elif rng.random() < BYLINE_SHARE:
        byline = rng.choice(BYLINES)
    source_name = source_url = ""
    if kind == ArticleKind.LINK.value:
        source_name, base = rng.choice(LINK_SOURCES)
        source_url = f"{base}{slug}.htm"
    return ArticleExtras(kind, byline, author_id, source_name, source_url)


_KINDS: tuple[list[str], list[int]] = (
    [k.value for k, _ in KIND_WEIGHTS],
    [w for _, w in KIND_WEIGHTS],
)


def link_rows(
    rng: random.Random, plan: NewsroomPlan, articles: Sequence[tuple[int, int]]
) -> tuple[list[tuple[int, int, str, int]], list[tuple[int, int]]]:
    """Cover rows ``(article_id, asset_id, role, position)`` and ``(article_id, tag_id)`` pairs.

    ``articles`` are ``(id, tenant_id)``. ~30% get a cover from their tenant's
    images; each gets 2–4 distinct tags of its tenant, the first tags of the
    pool (a Zipf-like skew) more often than the last.
    """
    covers: list[tuple[int, int, str, int]] = []
    pairs: list[tuple[int, int]] = []
    weights_cache: dict[int, list[float]] = {}
    for article_id, tid in articles:
        images = plan.assets.get(tid)
        if images and rng.random() < COVER_SHARE:
            covers.append((article_id, rng.choice(images), MediaRole.COVER.value, 0))
        pool = plan.tags.get(tid)
        if not pool:
            continue
        weights = weights_cache.get(len(pool))
        if weights is None:
            weights = [1.0 / (rank + 1) ** 0.7 for rank in range(len(pool))]
            weights_cache[len(pool)] = weights
        wanted = min(rng.choice(TAGS_PER_ARTICLE), len(pool))
        picked: dict[int, None] = {}
        while len(picked) < wanted:
            for tag_id in rng.choices(pool, weights, k=wanted - len(picked)):
                picked[tag_id] = None
        pairs.extend((article_id, tag_id) for tag_id in picked)
    return covers, pairs


async def load_links(
    rng: random.Random, plan: NewsroomPlan, postgres: bool, batch_size: int
) -> tuple[int, int]:
    """Covers and tags for every article, bulk-loaded; returns (covers, tag links)."""
    articles: list[tuple[int, int]] = [
        (int(a), int(t))
        for a, t in await Article.unscoped().order_by("id").values_list("id", "tenant_id")
    ]
    covers, pairs = link_rows(rng, plan, articles)
    client: Any = connections.get("default")
    progress = _progress("Links")
    with progress:
        task = progress.add_task("links", total=len(covers) + len(pairs))
        for batch in _chunks(covers, batch_size * 4):
            if postgres:
                async with client.acquire_connection() as conn:
                    await conn.copy_records_to_table(
                        "article_media",
                        records=batch,
                        columns=["article_id", "asset_id", "role", "position"],
                    )
            else:
                await ArticleMedia.bulk_create(
                    [
                        ArticleMedia(
                            article_id=a, asset_id=m, role=MediaRole(role), position=position
                        )
                        for a, m, role, position in batch
                    ],
                    batch_size=1000,
                )
            progress.advance(task, len(batch))
        for batch in _chunks(pairs, batch_size * 4):
            if postgres:
                async with client.acquire_connection() as conn:
                    await conn.copy_records_to_table(
                        "article_tag", records=batch, columns=["article_id", "tag_id"]
                    )
            else:
                await client.execute_many(
                    "INSERT INTO article_tag (article_id, tag_id) VALUES (?, ?)",
                    [list(pair) for pair in batch],
                )
            progress.advance(task, len(batch))
    return len(covers), len(pairs)


def _chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _progress(label: str) -> Progress:
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )
