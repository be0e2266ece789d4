"""The reform site's gathering rules and reform news from the units (sample data).

Rules are set and articles published through the same services as the API;
the gathering consumer then runs once, as a serving hub would on its next
events, so the demo's reform site and sub-sites open with gathered news.
"""

from __future__ import annotations

from hub.events.dispatcher import consume_once
from hub.models import Category
from hub.models.syndication import GatheringPolicy
from hub.seed.demo_data import REFORM_SECTION
from hub.services.articles import ArticleChanges, article_create
from hub.services.gathering import gathering_consumer, rule_set
from hub.services.workflow import take_step
from tenants.models import Tenant, TenantLevel
from tenants.scope import Scope

# (site, category slug or None, tag or None, policy, the site's section to file under)
RULES = (
    (
        "caicachhanhchinh",
        REFORM_SECTION,
        None,
        GatheringPolicy.AUTOMATIC,
        "tin-cai-cach-hanh-chinh",
    ),
    ("chuyendoiso", None, "Chuyển đổi số", GatheringPolicy.AUTOMATIC, "chuyen-doi-so"),
    ("dean06", None, "Đề án 06", GatheringPolicy.AFTER_ACCEPTANCE, "de-an-06"),
)

# Reform news a unit files under its own reform section: (title, summary), {unit} filled in.
REFORM_NEWS = (
    (
        "{unit} rút ngắn thời gian giải quyết thủ tục hành chính",
        "{unit} công khai quy trình, giảm thời gian giải quyết hồ sơ so với quy định (tin mẫu).",
    ),
    (
        "{unit} đánh giá sự hài lòng của người dân tại bộ phận một cửa",
        "Người dân chấm điểm cán bộ tiếp nhận hồ sơ ngay tại bộ phận một cửa (tin mẫu).",
    ),
    (
        "{unit} rà soát, đơn giản hóa thủ tục hành chính nội bộ",
        "Nhiều thủ tục được cắt giảm thành phần hồ sơ, thời gian giải quyết (tin mẫu).",
    ),
)
# Tagged news: (unit, title, tag) in the unit's first news section.
TAGGED_NEWS = (
    ("soxaydung", "Sở Xây dựng cấp giấy phép xây dựng hoàn toàn trực tuyến", "Chuyển đổi số"),
    ("hoankiem", "Phường Hoàn Kiếm làm sạch dữ liệu dân cư theo Đề án 06", "Đề án 06"),
)
UNIT_LEVELS = {TenantLevel.CITY, TenantLevel.DEPARTMENT, TenantLevel.COMMUNE}


async def seed_reform(scope: Scope, tenants: dict[str, Tenant]) -> int:
    """Set the sites' gathering rules, publish reform news from the units, gather it;
    returns how many articles were published."""
    for site_slug, category, tag, policy, section in RULES:
        site = tenants[site_slug]
        file_under = await Category.get(tenant_id=site.id, slug=section)
        await rule_set(
            scope, site, category=category, tag=tag, policy=policy, file_under_id=file_under.id
        )
    published = 0
    units = [t for t in tenants.values() if t.level in UNIT_LEVELS]
    for number, unit in enumerate(units):
        title, summary = REFORM_NEWS[number % len(REFORM_NEWS)]
        reform = await Category.get(tenant_id=unit.id, slug=REFORM_SECTION)
        await _publish(
            scope,
            unit,
            ArticleChanges(
                title=title.format(unit=unit.name),
                summary=summary.format(unit=unit.name),
                body=f"<p>{summary.format(unit=unit.name)}</p>",
                category_id=reform.id,
            ),
        )
        published += 1
    for unit_slug, title, tag in TAGGED_NEWS:
        unit = tenants[unit_slug]
        first = await Category.filter(tenant_id=unit.id).order_by("position", "id").first()
        await _publish(
            scope,
            unit,
            ArticleChanges(
                title=title,
                summary=f"{title} (tin mẫu).",
                body=f"<p>{title}.</p>",
                category_id=first.id if first else None,
                tags=[tag],
            ),
        )
        published += 1
    # What a serving hub's consumer does on these events, done now for the demo.
    await consume_once(gathering_consumer())
    return published


async def _publish(scope: Scope, unit: Tenant, changes: ArticleChanges) -> None:
    article = await article_create(scope, unit, changes)
    await take_step(scope, article.id, "publish")
