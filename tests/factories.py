"""Builders of test data, written through the same services the API uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from tortoise.timezone import now

from hub.auth.identity import viewer_for_user_id
from hub.auth.permissions import Role
from hub.models import Article, Category, Language
from hub.services.articles import ArticleChanges, article_create
from hub.services.categories import category_create
from hub.services.users import user_create
from hub.services.workflow import take_step
from tenants.hierarchy import create_tenant
from tenants.models import Tenant, TenantLevel
from tenants.scope import SYSTEM, Scope, Viewer

SYSTEM_SCOPE = Scope(viewer=SYSTEM)
PASSWORD = "correct-horse-battery"


@dataclass
class Tree:
    """City `hanoi` → department `soxaydung`, wards `hoankiem` and `hoangmai`, site `caicach`."""

    city: Tenant
    department: Tenant
    ward: Tenant
    other_ward: Tenant
    site: Tenant


async def make_tree() -> Tree:
    city = await create_tenant(
        slug="hanoi",
        name="Thành phố Hà Nội",
        name_en="Hanoi City",
        level=TenantLevel.CITY,
        hostnames=["thudo.gov.vn", "www.thudo.gov.vn"],
        english_enabled=True,
        address="79 Đinh Tiên Hoàng, Hoàn Kiếm, Hà Nội",
        info_officer_name="Nguyễn Văn A",
    )
    department = await create_tenant(
        slug="soxaydung", name="Sở Xây dựng", level=TenantLevel.DEPARTMENT, parent=city
    )
    ward = await create_tenant(
        slug="hoankiem", name="Phường Hoàn Kiếm", level=TenantLevel.COMMUNE, parent=city
    )
    other_ward = await create_tenant(
        slug="hoangmai", name="Phường Hoàng Mai", level=TenantLevel.COMMUNE, parent=city
    )
    site = await create_tenant(
        slug="caicachhanhchinh",
        name="Cải cách hành chính",
        level=TenantLevel.SITE,
        parent=city,
        hostnames=["caicachhanhchinh.hanoi.gov.vn"],
    )
    return Tree(city, department, ward, other_ward, site)


async def make_category(tenant: Tenant, slug: str = "tin-tuc", **kw: Any) -> Category:
    kw.setdefault("name", "Tin tức")
    kw.setdefault("name_en", "News")
    kw.setdefault("slug_en", "news")
    return await category_create(SYSTEM_SCOPE, tenant, slug=slug, **kw)


async def make_article(
    tenant: Tenant,
    title: str,
    *,
    category: Category | None = None,
    published: bool = True,
    language: Language = Language.VI,
    featured: bool = False,
    days_ago: float = 1,
    body: str = "<p>Nội dung bài viết.</p>",
) -> Article:
    article = await article_create(
        SYSTEM_SCOPE,
        tenant,
        ArticleChanges(
            title=title,
            summary=f"Tóm tắt: {title}",
            body=body,
            category_id=category.id if category else None,
            featured=featured,
        ),
        language,
    )
    if published:
        article = await take_step(
            SYSTEM_SCOPE, article.id, "publish", published_at=now() - timedelta(days=days_ago)
        )
    return article


async def make_viewer(username: str, roles: dict[Tenant, list[Role]]) -> Viewer:
    user = await user_create(username, PASSWORD, roles=roles)
    return await viewer_for_user_id(user.id)


def jpeg_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (800, 600)) -> bytes:
    """A small JPEG of one colour (different colours: different files)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


async def make_image(
    tenant: Tenant, name: str = "anh.jpg", colour: tuple[int, int, int] = (40, 80, 120)
) -> Any:
    """An image in ``tenant``'s media library (with its renditions)."""
    from hub.services.media import media_upload

    return await media_upload(
        SYSTEM_SCOPE, tenant, name, jpeg_bytes(colour), alt_text=f"Ảnh {name}"
    )


async def place_down(article: Article, target: Tenant, **kw: Any) -> Any:
    """Publish ``article`` down to ``target``'s children (or ``reach=``), as the system."""
    from hub.models.syndication import Reach
    from hub.services.syndication import publish_down

    reach = kw.pop("reach", Reach.CHILDREN)
    return await publish_down(SYSTEM_SCOPE, article.id, target, reach, **kw)
