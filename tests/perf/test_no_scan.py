"""Every statement a public page runs is served by an index, at a realistic size.

A test database of a few rows lets PostgreSQL scan everything, and its plans
say nothing about production. Here the benchmark's own generator loads 50,000
articles (bulk, as `python -m bench dataset` does) and `ANALYZE` runs, so the
planner chooses as it would on a real portal. Every public page type and the
public GraphQL lists are then requested anonymously; each statement they send
is `EXPLAIN`ed with its own parameters, and a sequential scan of a large table
fails the test with the page, the statement and its plan.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from tortoise import Tortoise

from bench.dataset import create_tenants, load_articles, prepare_newsroom
from bench.newsroom import load_links
from frontends.admin.client import WORKSPACE_OPERATIONS
from hub.auth.permissions import Role
from hub.models import Article, Category
from hub.services.users import token_issue, user_create
from hub.settings import Settings
from tenants.models import Tenant
from tests.factories import PASSWORD

pytestmark = pytest.mark.postgres

ARTICLES = 50_000
# A table is large when the planner would rather not read it whole for one page.
LARGE_ROWS = 5_000


class Statements(logging.Handler):
    """The SQL statements Tortoise sends, with their parameters."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sent: list[tuple[str, tuple[Any, ...]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args
        if isinstance(args, tuple) and len(args) == 2 and isinstance(args[0], str):
            query, values = args
            if query.lstrip().upper().startswith(("SELECT", "WITH")):
                self.sent.append((query, tuple(values or ())))


@contextmanager
def statements() -> Iterator[Statements]:
    logger = logging.getLogger("tortoise.db_client")
    handler, level = Statements(), logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def scans(plan: dict[str, Any], large: set[str]) -> Iterator[str]:
    """The large tables a plan reads whole."""
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in large:
        yield plan["Relation Name"]
    for child in plan.get("Plans", ()):
        yield from scans(child, large)


def sorts(plan: dict[str, Any]) -> Iterator[str]:
    """Sorts of many rows: a long list is read in its index's order (a small set, such as
    a portal's drafts, may be sorted: the planner knows best there)."""
    if plan.get("Node Type") in ("Sort", "Incremental Sort"):
        rows = max((child.get("Plan Rows", 0) for child in plan.get("Plans", ())), default=0)
        if rows > LARGE_ROWS:
            yield f"{plan['Node Type']} of ~{rows} rows"
    for child in plan.get("Plans", ()):
        yield from sorts(child)


def counts_articles(query: str) -> bool:
    """A count over the article table: its cost grows with the portal's archive."""
    return "COUNT(" in query.upper() and '"article"' in query


async def build_portal(settings: Settings) -> None:
    rng = random.Random(16)
    plans = await create_tenants(rng, total=24, departments=4, categories=6)
    options = argparse.Namespace(authors=4, images=1, tags=20, upload_concurrency=2)
    newsroom = await prepare_newsroom(rng, plans, options, True, settings.data_dir)
    await load_articles(rng, plans, newsroom, ARTICLES, 10_000, 3.0, settings.database_url)
    await load_links(rng, newsroom, True, 10_000)
    await Tortoise.get_connection("default").execute_script("ANALYZE")


async def large_tables() -> set[str]:
    rows = await Tortoise.get_connection("default").execute_query_dict(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= $1", [LARGE_ROWS]
    )
    return {row["relname"] for row in rows}


async def public_paths() -> list[tuple[str, str]]:
    """(host, path) of every page type a reader opens, on real rows of the dataset."""
    city = await Tenant.get(slug="hanoi")
    ward = await Tenant.filter(level="commune").order_by("id").first()
    department = await Tenant.filter(level="department").order_by("id").first()
    assert ward is not None and department is not None
    section = await Category.filter(tenant_id=city.id).order_by("id").first()
    assert section is not None
    article = (
        await Article.unscoped()
        .filter(tenant_id=city.id, status="published", language="vi", category_id=section.id)
        .order_by("-published_at")
        .offset(500)
        .first()
    )
    assert article is not None
    author = await Article.unscoped().filter(author_id__not_isnull=True).first()
    assert author is not None
    city_host, ward_host = "thudo.gov.vn", f"{ward.slug}.thudo.gov.vn"
    department_host = f"{department.slug}.thudo.gov.vn"
    return [
        (city_host, "/"),
        (ward_host, "/"),
        (department_host, "/"),
        (city_host, f"/{section.slug}/"),
        (city_host, f"/{section.slug}/{article.slug}"),
        (city_host, f"/tac-gia/{author.author_id}"),
        (city_host, "/so-do-trang"),
        (city_host, "/rss"),
        (city_host, f"/rss/{section.slug}"),
        (city_host, "/tim-kiem?q=n%C3%B4ng+d%C3%A2n"),
        (city_host, "/van-ban/"),
        (city_host, "/cong-bao/"),
        (city_host, "/en/"),
    ]


# The public lists an integrator reads anonymously.
GRAPHQL_LISTS = (
    '{ articles(tenant: "hanoi", first: 20) { edges { node { title } } } }',
    '{ mediaAssets(tenant: "hanoi", first: 20) { edges { node { id } } } }',
)


async def plan_findings(
    where: str, sent: list[tuple[str, tuple[Any, ...]]], large: set[str], *, sorted_: bool = False
) -> list[str]:
    """What is wrong with the plans of the statements one request sent."""
    conn = Tortoise.get_connection("default")
    found = []
    for query, values in sent:
        rows = await conn.execute_query_dict(f"EXPLAIN (FORMAT JSON) {query}", list(values))
        plan = rows[0]["QUERY PLAN"]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        if counts_articles(query):
            found.append(f"{where} counts articles:\n  {query}\n  {values}")
        found += [
            f"{where} reads {table} whole:\n  {query}\n  {values}"
            for table in scans(plan[0]["Plan"], large)
        ]
        if sorted_ and '"article"' in query:
            found += [
                f"{where} sorts articles ({node}):\n  {query}\n  {values}"
                for node in sorts(plan[0]["Plan"])
            ]
    return found


async def later_pages(client: httpx.AsyncClient, host: str, path: str, count: int) -> list[str]:
    """The next `count` pages of a list, by following its own "next" links."""
    found = []
    for _ in range(count):
        page = await client.get(path, headers={"Host": host})
        link = re.search(r'href="([^"]*\?(?:[^"]*&amp;)?sau=[^"]+)"', page.text)
        if link is None:
            break
        path = link.group(1).replace("&amp;", "&")
        found.append(path)
    return found


async def test_public_pages_read_no_large_table_whole(
    settings: Settings, client: httpx.AsyncClient
) -> None:
    await build_portal(settings)
    large = await large_tables()
    assert {"article", "article_tag"} <= large, large
    paths = await public_paths()
    host, section = paths[3]
    paths += [(host, p) for p in await later_pages(client, host, section, 4)]
    assert len(paths) == 17, "the section page lost its next links"
    found: list[str] = []
    for host, path in paths:
        with statements() as sent:
            response = await client.get(path, headers={"Host": host})
        assert response.status_code == 200, (host, path, response.status_code)
        found += await plan_findings(host + path, sent.sent, large)
    for query in GRAPHQL_LISTS:
        with statements() as sent:
            response = await client.post("/graphql", json={"query": query})
        assert response.status_code == 200 and "errors" not in response.json(), response.text
        found += await plan_findings(f"GraphQL {query}", sent.sent, large)
    assert not found, "\n".join(found)


async def workspace_lists(city: Tenant) -> list[tuple[str, dict[str, Any]]]:
    """The workspace's article list with each filter its screen offers."""
    section = await Category.filter(tenant_id=city.id).order_by("id").first()
    assert section is not None
    today = date.today()
    base: dict[str, Any] = {"tenant": city.slug}
    return [
        ("no filter", base),
        ("drafts", base | {"status": "DRAFT"}),
        ("a category", base | {"status": "PUBLISHED", "category": section.slug}),
        ("a title word", base | {"text": "ha noi"}),
        ("30 days", base | {"changedFrom": str(today - timedelta(30)), "changedTo": str(today)}),
    ]


async def test_workspace_article_list_walks_an_index(
    settings: Settings, client: httpx.AsyncClient
) -> None:
    """An editor's article list at 50,000 articles: no table read whole, no sort of the
    portal's articles, and no count of them (the count stops at its bound)."""
    await build_portal(settings)
    large = await large_tables()
    city = await Tenant.get(slug="hanoi")
    await user_create("bientap.hanoi", PASSWORD, roles={city: [Role.EDITOR]})
    token = await token_issue("bientap.hanoi", "plans")
    document = WORKSPACE_OPERATIONS.load("ArticleList")
    found: list[str] = []
    for name, variables in await workspace_lists(city):
        with statements() as sent:
            response = await client.post(
                "/graphql",
                json={"query": document, "variables": variables},
                headers={"Authorization": f"Bearer {token}", "Host": "thudo.gov.vn"},
            )
        data = response.json()
        assert "errors" not in data, data
        assert data["data"]["articleList"]["edges"], name
        found += await plan_findings(f"article list, {name}", sent.sent, large, sorted_=True)
    assert not found, "\n".join(found)
