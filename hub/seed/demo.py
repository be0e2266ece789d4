"""Load the Hanoi pilot demo (sample data) through the same services as the API."""

from __future__ import annotations

from datetime import timedelta

from rich.progress import Progress
from tortoise.timezone import now

from hub.auth.permissions import Role
from hub.models import Language
from hub.seed.demo_data import CATEGORIES, TENANTS, articles_for
from hub.services.articles import ArticleChanges, article_create
from hub.services.categories import category_create
from hub.services.users import user_create
from hub.services.workflow import take_step
from tenants.hierarchy import create_tenant
from tenants.models import Tenant
from tenants.scope import SYSTEM, Scope

# Development-only hostnames of the city, so `thudo demo` answers on 127.0.0.1.
DEV_HOSTS = ["localhost", "127.0.0.1"]
DEMO_PASSWORD = "thudo-demo-2026"


async def is_seeded() -> bool:
    return await Tenant.exists()


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
            for cat in CATEGORIES[spec["level"]]:
                categories[cat["slug"]] = await category_create(scope, tenant, **cat)
                counts["categories"] += 1
            for item in articles_for(tenant.slug):
                article = await article_create(
                    scope,
                    tenant,
                    ArticleChanges(
                        title=item["title"],
                        summary=item["summary"],
                        body=item["body"],
                        category_id=categories[item["category"]].id,
                        featured=item["featured"],
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
    await user_create(
        "admin", DEMO_PASSWORD, full_name="Quản trị hệ thống (demo)", is_superuser=True
    )
    await user_create(
        "bientap.hoankiem",
        DEMO_PASSWORD,
        full_name="Biên tập viên phường Hoàn Kiếm (demo)",
        roles={tenants["hoankiem"]: [Role.EDITOR]},
    )
    await user_create(
        "pheduyet.hanoi",
        DEMO_PASSWORD,
        full_name="Người phê duyệt thành phố (demo)",
        roles={tenants["hanoi"]: [Role.APPROVER]},
    )
    counts["users"] = 3
    return counts
