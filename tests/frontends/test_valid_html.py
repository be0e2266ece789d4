"""Every page type of every demo portal, in both languages, is valid HTML.

The crawl starts at each portal's home pages (and the pages no menu links
to: search, a 404) and follows the portal's own links two steps deep,
keeping two pages of each type, so each article kind, category, document,
gazette edition, author and site map is seen. The Nu HTML checker then reads
them all in one run (one JVM start) and must report no error.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import httpx

from frontends.pages import article_path
from hub.models import Article, ContentStatus
from hub.seed.demo import seed_demo
from hub.seed.demo_data import TENANTS
from tests.frontends.html_checks import page_problems, vnu_errors

HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/media/", "/rss", "/atom", "/feed.json", "/en/rss", "/en/atom")
PER_TYPE = 2  # pages of one type kept per portal and language


def page_type(path: str) -> str:
    """A page's type from its address: `/x/` and `/x/y` shapes, documents, gazette…"""
    bare = path.split("?")[0]
    english = bare.startswith("/en/")
    bare = bare.removeprefix("/en")
    parts = [p for p in bare.split("/") if p]
    if not parts:
        shape = "home"
    elif parts[0] in {"van-ban", "documents", "cong-bao", "gazette", "tac-gia", "author"}:
        shape = f"{parts[0]}/{len(parts)}"
    elif "?" in path:
        shape = f"{parts[0]}?"
    else:
        shape = "section" if bare.endswith("/") else ("page" if len(parts) == 1 else "article")
    return ("en:" if english else "vi:") + shape


def host_of(slug: str, hostnames: list[str]) -> str:
    return hostnames[0] if hostnames else f"{slug}.thudo.gov.vn"


async def one_article_of_each_kind() -> dict[str, list[str]]:
    """Paths of one published article of every kind, per portal slug (the menus may
    not reach the video or the podcast within two steps)."""
    paths: dict[str, list[str]] = {}
    kinds: set[tuple[int, str, str]] = set()
    published = Article.unscoped().filter(status=ContentStatus.PUBLISHED)
    for a in await published.order_by("id").prefetch_related("category", "tenant"):
        if (a.tenant_id, a.kind, a.language) in kinds:
            continue
        kinds.add((a.tenant_id, a.kind, a.language))
        language = str(a.language).lower()
        category = {"slug": a.category.slug, "slugEn": a.category.slug_en} if a.category else None
        path = article_path({"slug": a.slug, "category": category}, language)
        paths.setdefault(a.tenant.slug, []).append(path)
    return paths


async def crawl(client: httpx.AsyncClient) -> dict[str, str]:
    """{"host path": html} of a few pages of every type on every demo portal."""
    pages: dict[str, str] = {}
    kinds = await one_article_of_each_kind()
    for spec in TENANTS:
        host = host_of(spec["slug"], spec["hostnames"])
        seeds = ["/", "/tim-kiem?q=ha+noi", "/khong-co-trang-nay/", *kinds.get(spec["slug"], [])]
        if spec["english_enabled"]:
            seeds += ["/en/", "/en/search?q=hanoi"]
        kept: Counter[str] = Counter()
        queue = [(path, 0) for path in seeds]
        seen = set(seeds)
        while queue:
            path, depth = queue.pop(0)
            kind = page_type(path)
            if kept[kind] >= PER_TYPE and depth > 0:
                continue
            response = await client.get(path, headers={"Host": host})
            assert response.status_code in (200, 404), (host, path, response.status_code)
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            kept[kind] += 1
            pages[f"{host} {path}"] = response.text
            if depth < 2:
                for link in HREF.findall(response.text):
                    link = link.replace("&amp;", "&")
                    if link not in seen and not link.startswith(SKIP) and "tai-ve=" not in link:
                        seen.add(link)
                        queue.append((link, depth + 1))
    return pages


async def test_every_demo_page_type_is_valid_html(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    await seed_demo(quiet=True)
    pages = await crawl(client)
    types = {page_type(key.split(" ", 1)[1]) for key in pages}
    # Home, sections, articles, site map, author, search, documents, gazette: both languages.
    assert len(pages) >= 60 and len(types) >= 16, sorted(types)
    problems = {key: p for key, html in pages.items() if (p := page_problems(html))}
    assert not problems, problems
    files = []
    for n, (_key, html) in enumerate(sorted(pages.items())):
        file = tmp_path / f"{n:03d}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)
    errors = vnu_errors(files)
    names = {f.name: key for f, key in zip(files, sorted(pages), strict=True)}
    readable = [re.sub(r"\"file:[^\"]+/(\d+\.html)\"", lambda m: names[m[1]], e) for e in errors]
    assert readable == [], "\n".join(readable[:60])
