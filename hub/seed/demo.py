"""Load the Hanoi pilot demo (sample data) through the same services as the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.progress import Progress
from tortoise.timezone import now

from hub.auth.permissions import Role
from hub.models import Article, ArticleKind, Category, Language, MediaAsset
from hub.seed.demo_data import TENANTS, articles_for, categories_for
from hub.seed.demo_documents import seed_documents
from hub.seed.demo_gazette import seed_gazette
from hub.seed.demo_initiatives import seed_initiatives
from hub.seed.demo_media import sample_file, sample_picture
from hub.seed.demo_participation import seed_participation
from hub.seed.demo_reform import seed_reform
from hub.services.articles import ArticleChanges, article_create
from hub.services.categories import category_create
from hub.services.media import media_upload
from hub.services.users import user_create
from hub.services.workflow import take_step
from tenants.hierarchy import create_tenant
from tenants.models import Tenant
from tenants.scope import SYSTEM, Scope

# Development-only hostnames of the city, so `thudo demo` answers on 127.0.0.1.
DEV_HOSTS = ["localhost", "127.0.0.1"]
DEMO_PASSWORD = "thudo-demo-2026"


# How many sample pictures each portal's library gets (the city's feed a gallery).
PICTURES = {"hanoi": 8, "caicachhanhchinh": 4}


async def _publish(scope: Scope, tenant: Tenant, changes: ArticleChanges, **kw: Any) -> Article:
    article = await article_create(scope, tenant, changes, **kw)
    return await take_step(scope, article.id, "publish")


async def _seed_multimedia(scope: Scope, tenants: dict[str, Tenant]) -> int:
    """A photo story, a video, a podcast and one translated article (sample data)."""
    city, reform = tenants["hanoi"], tenants["caicachhanhchinh"]
    news = await Category.get(tenant_id=city.id, slug="tin-tuc")
    photos = await MediaAsset.filter(tenant_id=city.id).order_by("id")
    await _publish(
        scope,
        city,
        ArticleChanges(
            title="Ảnh: Sắc thu Hà Nội qua ống kính người dân",
            summary="Những khoảnh khắc mùa thu trên phố phường Thủ đô (ảnh minh họa, dữ liệu mẫu).",
            body="<p>Bộ ảnh giới thiệu cảnh sắc mùa thu Hà Nội do người dân gửi về.</p>",
            kind=ArticleKind.GALLERY,
            category_id=news.id,
            featured=True,
            cover_ids=[photos[0].id],
            gallery_ids=[p.id for p in photos[:6]],
            tags=["Mùa thu", "Du lịch Hà Nội"],
        ),
    )
    clip = await media_upload(
        scope,
        city,
        "phong-su.mp4",
        sample_file("clip.mp4"),
        caption="Phóng sự mẫu (dữ liệu mẫu)",
        transcript="Đây là bản ghi lời của đoạn video mẫu dùng cho bản chạy thử.",
    )
    await _publish(
        scope,
        city,
        ArticleChanges(
            title="Video: Toàn cảnh phiên họp thường kỳ UBND Thành phố",
            summary="Phóng sự ghi lại các nội dung chính của phiên họp (video mẫu).",
            body="<p>Xem thêm trên kênh YouTube của Thành phố:</p>"
            '<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ"></iframe>',
            kind=ArticleKind.VIDEO,
            category_id=news.id,
            attachment_ids=[clip.id],
            cover_ids=[photos[1].id],
        ),
    )
    tone = await media_upload(
        scope,
        reform,
        "podcast.mp3",
        sample_file("tone.mp3"),
        caption="Podcast cải cách hành chính, số 1 (dữ liệu mẫu)",
        transcript="Bản ghi lời của số podcast mẫu về dịch vụ công trực tuyến.",
    )
    reform_news = await Category.get(tenant_id=reform.id, slug="tin-cai-cach-hanh-chinh")
    await _publish(
        scope,
        reform,
        ArticleChanges(
            title="Podcast: Làm thủ tục hành chính trên điện thoại",
            summary="Hướng dẫn nộp hồ sơ trực tuyến qua Cổng Dịch vụ công (âm thanh mẫu).",
            body="<p>Số podcast đầu tiên của chuyên trang cải cách hành chính.</p>",
            kind=ArticleKind.AUDIO,
            category_id=reform_news.id,
            attachment_ids=[tone.id],
        ),
    )
    original = await _publish(
        scope,
        city,
        ArticleChanges(
            title="Hà Nội mở thêm tuyến xe buýt điện kết nối các khu đô thị",
            summary="Tuyến mới giúp người dân đi lại thuận tiện, giảm phát thải (tin mẫu).",
            body="<p>Thành phố đưa vào vận hành tuyến xe buýt điện mới từ tháng tới.</p>",
            category_id=news.id,
        ),
    )
    await _publish(
        scope,
        city,
        ArticleChanges(
            title="Hanoi opens a new electric bus route linking urban areas",
            summary="The new route makes travel easier and cuts emissions (sample news).",
            body="<p>The city will run the new electric bus route from next month.</p>",
            category_id=news.id,
        ),
        language=Language.EN,
        translation_of=original.id,
    )
    return 5


async def is_seeded() -> bool:
    return await Tenant.exists()


#: Portals whose demo staff `thudo demo` creates: the city, a ward, a department.
DEMO_STAFF_PORTALS = ("hanoi", "hoankiem", "soxaydung")
#: Username prefix, role and title of each demo staff member of those portals.
DEMO_STAFF_ROLES = (
    ("phongvien", Role.REPORTER, "Phóng viên"),
    ("bientap", Role.EDITOR, "Biên tập viên"),
    ("pheduyet", Role.APPROVER, "Người phê duyệt"),
    ("quantri", Role.ADMIN, "Quản trị cổng"),
)


async def seed_demo(*, dev_hosts: bool = True, quiet: bool = False) -> dict[str, int]:
    """Create the demo tree, sections, articles and users; returns counts."""
    scope = Scope(viewer=SYSTEM)
    tenants: dict[str, Tenant] = {}
    counts = {"tenants": 0, "categories": 0, "articles": 0, "users": 0}
    with Progress(disable=quiet, transient=True) as progress:
        task = progress.add_task("Seeding demo", total=len(TENANTS))
        for spec in TENANTS:
            fields = {
                k: v
                for k, v in spec.items()
                if k not in {"slug", "name", "level", "parent", "hostnames"}
            }
            hostnames = list(spec["hostnames"])
            if dev_hosts and spec["parent"] is None:
                hostnames += DEV_HOSTS
            tenant = await create_tenant(
                slug=spec["slug"],
                name=spec["name"],
                level=spec["level"],
                parent=tenants.get(spec["parent"]) if spec["parent"] else None,
                hostnames=hostnames,
                **fields,
            )
            tenants[tenant.slug] = tenant
            counts["tenants"] += 1
            categories = {}
            for cat in categories_for(spec):
                categories[cat["slug"]] = await category_create(scope, tenant, **cat)
                counts["categories"] += 1
            pictures = [
                await media_upload(
                    scope,
                    tenant,
                    f"{tenant.slug}-{n}.jpg",
                    sample_picture(f"{tenant.slug}-{n}"),
                    alt_text=f"Ảnh minh họa {n} của {tenant.name} (dữ liệu mẫu)",
                    caption=f"Ảnh minh họa – {tenant.name}",
                    credit="Dữ liệu mẫu",
                )
                for n in range(1, PICTURES.get(tenant.slug, 3) + 1)
            ]
            for number, item in enumerate(articles_for(tenant.slug)):
                # Featured and every fourth article get a cover picture.
                with_cover = item["featured"] or number % 4 == 0
                article = await article_create(
                    scope,
                    tenant,
                    ArticleChanges(
                        title=item["title"],
                        summary=item["summary"],
                        body=item["body"],
                        category_id=categories[item["category"]].id,
                        featured=item["featured"],
                        cover_ids=[pictures[number % len(pictures)].id] if with_cover else None,
                    ),
                    Language(item["language"]),
                )
                if item["status"] == "published":
                    await take_step(
                        scope,
                        article.id,
                        "publish",
                        published_at=now() - timedelta(days=item["days_ago"], hours=article.id % 9),
                    )
                counts["articles"] += 1
            progress.advance(task)
    counts["articles"] += await _seed_multimedia(scope, tenants)
    # The reform site's and sub-sites' gathering rules, and reform news from the units.
    counts["articles"] += await seed_reform(scope, tenants)
    documents = await seed_documents(scope, tenants["hanoi"])
    counts["documents"] = len(documents)
    counts["gazette_editions"] = await seed_gazette(scope, tenants["hanoi"], documents)
    await user_create(
        "admin", DEMO_PASSWORD, full_name="Quản trị hệ thống (demo)", is_superuser=True
    )
    # A reporter, an editor and an approver in the city, a ward and a department:
    # every workspace role can be tried on every level (README, demo sign-in).
    for slug in DEMO_STAFF_PORTALS:
        for prefix, role, title in DEMO_STAFF_ROLES:
            await user_create(
                f"{prefix}.{slug}",
                DEMO_PASSWORD,
                full_name=f"{title} – {tenants[slug].name} (demo)",
                roles={tenants[slug]: [role]},
            )
    # The reform site's moderator of citizens' initiatives (docs/citizens.md).
    await user_create(
        "kiemduyet.caicachhanhchinh",
        DEMO_PASSWORD,
        full_name="Kiểm duyệt sáng kiến – Cải cách hành chính (demo)",
        roles={tenants["caicachhanhchinh"]: [Role.EDITOR]},
    )
    counts["users"] = 2 + len(DEMO_STAFF_PORTALS) * len(DEMO_STAFF_ROLES)
    counts["initiatives"] = await seed_initiatives(scope, tenants)
    counts.update(await seed_participation(scope, tenants))
    return counts
