"""Findable portals: robots.txt, sitemaps, icons, canonical hosts, share cards, JSON-LD."""

from __future__ import annotations

import html
import json
import logging
import re
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest

from frontends import sitemaps
from frontends.legal_pages import document_path, edition_path
from frontends.pages import article_path
from hub.auth.permissions import Role
from hub.models import Article, ContentStatus, Language
from hub.models.documents import LegalDocument
from hub.services.articles import ArticleChanges, article_create, article_update
from schema.common import encode_global_id
from tests.factories import (
    SYSTEM_SCOPE,
    make_article,
    make_category,
    make_image,
    make_tree,
    make_viewer,
)
from tests.frontends.test_legal_pages import fields, make_gazette, published
from tests.graphql.helpers import gql, token_for

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))?$")
CANONICAL = {"thudo.gov.vn", "caicachhanhchinh.hanoi.gov.vn"}


async def get(client: httpx.AsyncClient, path: str, host: str = "thudo.gov.vn") -> httpx.Response:
    return await client.get(path, headers={"Host": host})


def json_ld(page: str) -> list[dict[str, Any]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(b) for b in blocks]


def of_type(page: str, kind: str) -> dict[str, Any]:
    found = [b for b in json_ld(page) if b["@type"] == kind]
    assert len(found) == 1, json_ld(page)
    return found[0]


def meta(page: str, name: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else None


async def sitemap_urls(client: httpx.AsyncClient, host: str) -> dict[str, str | None]:
    """Every address the portal's sitemaps list, with its lastmod; checks their shape."""
    index = await get(client, "/sitemap.xml", host)
    assert index.status_code == 200, index.text
    assert index.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(index.content)
    assert root.tag == f"{NS}sitemapindex"
    urls: dict[str, str | None] = {}
    for entry in root.findall(f"{NS}sitemap"):
        loc = entry.findtext(f"{NS}loc") or ""
        lastmod = entry.findtext(f"{NS}lastmod")
        assert lastmod is None or W3C.match(lastmod), lastmod
        assert loc.startswith(f"https://{host}/sitemaps/"), loc
        part = await get(client, loc.removeprefix(f"https://{host}"), host)
        assert part.status_code == 200, loc
        urlset = ElementTree.fromstring(part.content)
        assert urlset.tag == f"{NS}urlset"
        for url in urlset.findall(f"{NS}url"):
            assert [child.tag for child in url][:1] == [f"{NS}loc"]
            address = url.findtext(f"{NS}loc") or ""
            modified = url.findtext(f"{NS}lastmod")
            assert modified is None or W3C.match(modified), modified
            assert address not in urls, address  # listed once
            urls[address] = modified
    return urls


# --- robots.txt, sitemaps, icons ---------------------------------------------------------------


async def test_robots_txt_names_the_portals_sitemap_at_its_canonical_host(
    client: httpx.AsyncClient,
) -> None:
    await make_tree()
    for host, origin in (
        ("thudo.gov.vn", "https://thudo.gov.vn"),
        ("www.thudo.gov.vn", "https://thudo.gov.vn"),
        ("hanoi.thudo.gov.vn", "https://thudo.gov.vn"),
        ("hoankiem.thudo.gov.vn", "https://hoankiem.thudo.gov.vn"),
        ("caicachhanhchinh.thudo.gov.vn", "https://caicachhanhchinh.hanoi.gov.vn"),
    ):
        robots = await get(client, "/robots.txt", host)
        assert robots.status_code == 200, (host, robots.status_code)
        assert robots.headers["content-type"].startswith("text/plain")
        assert f"Sitemap: {origin}/sitemap.xml" in robots.text.splitlines()
        assert "Disallow: /xem-truoc/" in robots.text and "User-agent: *" in robots.text
    assert (await get(client, "/robots.txt", "khong-ton-tai.example.org")).status_code == 404
    dev = await get(client, "/_t/hoankiem/robots.txt", "127.0.0.1:8000")
    assert "Sitemap: http://127.0.0.1:8000/_t/hoankiem/sitemap.xml" in dev.text


async def test_sitemaps_list_exactly_the_portals_published_items(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    city_article = await make_article(tree.city, "Tin của thành phố", category=news)
    await make_article(tree.city, "Bản nháp chưa đăng", category=news, published=False)
    english = await make_article(tree.city, "City news", category=news, language=Language.EN)
    await make_article(tree.ward, "Tin của phường")
    document = await published(tree.city, fields("15/2024/QĐ-UBND"))
    from hub.services.documents import document_create

    await document_create(SYSTEM_SCOPE, tree.city, fields("16/2024/QĐ-UBND"))  # a draft
    await make_gazette(tree)
    urls = await sitemap_urls(client, "thudo.gov.vn")
    base = "https://thudo.gov.vn"
    expected_items = {
        base + article_path({"slug": city_article.slug, "category": {"slug": "tin-tuc"}}, "vi"),
        base + article_path({"slug": english.slug, "category": {"slugEn": "news"}}, "en"),
        *(
            base + document_path({"slug": d.slug}, "vi")
            for d in await LegalDocument.filter(tenant_id=tree.city.id, status="published")
        ),
        # The three published editions (2025 no. 1, 2026 no. 1, 2026 no. 59 + 60), not the draft.
        *(base + edition_path(y, n, "vi") for y, n in ((2025, 1), (2026, 1), (2026, 59))),
    }
    static = ["/", "/en/", "/so-do-trang", "/en/site-map", "/tin-tuc/", "/en/news/"]
    static += ["/van-ban/", "/en/documents/", "/cong-bao/", "/en/gazette/"]
    pages = {base + p for p in static}
    assert set(urls) == expected_items | pages, sorted(set(urls) ^ (expected_items | pages))
    assert base + document_path({"slug": document.slug}, "vi") in urls
    assert not any("ban-nhap" in u or "16-2024" in u for u in urls)  # the drafts
    assert all(urls[u] for u in expected_items)  # every item has its lastmod
    # The ward lists its own article only: not the city's, at its own host.
    ward = await sitemap_urls(client, "hoankiem.thudo.gov.vn")
    # (No English edition, no sections, no gazette.)
    assert set(ward) == {
        f"https://hoankiem.thudo.gov.vn{p}"
        for p in ("/", "/so-do-trang", "/van-ban/", "/tin-tuc/tin-cua-phuong")
    }


async def test_large_lists_are_paged_into_several_sitemaps(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitemaps, "SITEMAP_SIZE", 4)
    monkeypatch.setattr(sitemaps, "API_PAGE", 2)
    tree = await make_tree()
    for i in range(9):
        await make_article(tree.ward, f"Tin số {i}", days_ago=i + 1)
    index = await get(client, "/sitemap.xml", "hoankiem.thudo.gov.vn")
    parts = re.findall(r"<loc>https://hoankiem.thudo.gov.vn(/sitemaps/[^<]+)</loc>", index.text)
    assert [p for p in parts if "articles" in p] == [
        "/sitemaps/articles-vi-1.xml",
        "/sitemaps/articles-vi-2.xml",
        "/sitemaps/articles-vi-3.xml",
    ]
    counts = []
    for part in parts:
        counts.append((await get(client, part, "hoankiem.thudo.gov.vn")).text.count("<url>"))
    assert counts[1:4] == [4, 4, 1]
    urls = await sitemap_urls(client, "hoankiem.thudo.gov.vn")
    assert sum("/tin-tuc/" in u for u in urls) == 9
    for missing in (
        "/sitemaps/articles-vi-4.xml",
        "/sitemaps/nothing.xml",
        "/sitemaps/pages-2.xml",
    ):
        assert (await get(client, missing, "hoankiem.thudo.gov.vn")).status_code == 404
    english = await get(client, "/sitemaps/articles-en-1.xml", "hoankiem.thudo.gov.vn")
    assert english.status_code == 404  # the ward has no English edition


async def test_favicon_and_app_icons_on_every_host(client: httpx.AsyncClient) -> None:
    await make_tree()
    for host in ("thudo.gov.vn", "hoankiem.thudo.gov.vn", "khong-ton-tai.example.org"):
        icon = await get(client, "/favicon.ico", host)
        assert icon.status_code == 200 and icon.content[:4] == b"\x00\x00\x01\x00", host
        touch = await get(client, "/apple-touch-icon.png", host)
        assert touch.status_code == 200 and touch.content[:4] == b"\x89PNG"
    svg = await get(client, "/static/favicon.svg")
    assert svg.status_code == 200 and "<svg" in svg.text
    home = await get(client, "/")
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in home.text


# --- canonical addresses ---------------------------------------------------------------


async def test_no_cross_portal_link_uses_a_non_canonical_host(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Tin thành phố")
    pages = []
    for host in (
        "hoankiem.thudo.gov.vn",
        "caicachhanhchinh.hanoi.gov.vn",
        "soxaydung.thudo.gov.vn",
        "thudo.gov.vn",
        "www.thudo.gov.vn",
    ):
        for path in ("/", "/so-do-trang"):
            response = await get(client, path, host)
            assert response.status_code == 200
            pages.append(response.text)
    hosts = {h for page in pages for h in re.findall(r'href="https://([^/"]+)', page)}
    assert "thudo.gov.vn" in hosts and "soxaydung.thudo.gov.vn" in hosts
    wrong = {h for h in hosts if h not in CANONICAL and not h.endswith(".thudo.gov.vn")}
    wrong |= {"hanoi.thudo.gov.vn", "www.thudo.gov.vn", "caicachhanhchinh.thudo.gov.vn"} & hosts
    assert not wrong, wrong


async def test_every_page_names_its_canonical_address_and_languages(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    original = await make_article(tree.city, "Lễ hội mùa thu", category=news)
    translated = await article_create(
        SYSTEM_SCOPE,
        tree.city,
        ArticleChanges(title="Autumn festival", summary="S", body="<p>B</p>", category_id=news.id),
        Language.EN,
        translation_of=original.id,
    )
    from hub.services.workflow import take_step

    await take_step(SYSTEM_SCOPE, translated.id, "publish")
    vi_url = "https://thudo.gov.vn/tin-tuc/" + original.slug
    en_url = "https://thudo.gov.vn/en/news/" + translated.slug
    for host in ("thudo.gov.vn", "www.thudo.gov.vn", "hanoi.thudo.gov.vn"):
        page = (await get(client, "/tin-tuc/" + original.slug, host)).text
        assert f'<link rel="canonical" href="{vi_url}">' in page
        assert f'<link rel="alternate" hreflang="vi" href="{vi_url}">' in page
        assert f'<link rel="alternate" hreflang="en" href="{en_url}">' in page
        # The language switch leads to the translation, not to the English home page.
        assert f'<a href="/en/news/{translated.slug}" lang="en" hreflang="en">' in page
    english = (await get(client, "/en/news/" + translated.slug)).text
    assert f'<a href="/tin-tuc/{original.slug}" lang="vi" hreflang="vi">' in english
    assert f'<link rel="canonical" href="{en_url}">' in english
    assert f'<link rel="alternate" hreflang="vi" href="{vi_url}">' in english
    home = (await get(client, "/")).text
    assert '<link rel="canonical" href="https://thudo.gov.vn/">' in home
    assert '<link rel="alternate" hreflang="en" href="https://thudo.gov.vn/en/">' in home
    section = (await get(client, "/tin-tuc/")).text
    assert '<link rel="alternate" hreflang="en" href="https://thudo.gov.vn/en/news/">' in section
    ward = (await get(client, "/", "hoankiem.thudo.gov.vn")).text
    assert '<link rel="canonical" href="https://hoankiem.thudo.gov.vn/">' in ward
    assert "hreflang=" not in ward.split("</head>")[0]  # no English edition
    for page in (home, section, ward, english):
        assert "<script>" not in page and " onclick=" not in page


# --- share cards and JSON-LD -----------------------------------------------------------


async def test_article_page_has_a_share_card_and_a_news_article(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    article = await make_article(
        tree.city, 'Khai mạc "Lễ hội" </script><script>alert(1)</script> & hơn thế', category=news
    )
    cover = await make_image(tree.city, "bia.jpg")
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(cover_ids=[cover.id]))
    article = await Article.get(id=article.id)
    page = (await get(client, "/tin-tuc/" + article.slug)).text
    image = meta(page, "og:image")
    assert image and image.startswith("https://thudo.gov.vn/media/"), image
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == "https://thudo.gov.vn/tin-tuc/" + article.slug
    assert meta(page, "og:title") == article.title
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "article:published_time")
    # The title's </script> cannot end the data block: it is escaped, and reads back whole.
    assert page.count("</script>") == page.count("<script")
    story = of_type(page, "NewsArticle")
    assert story["@context"] == "https://schema.org"
    assert story["headline"] == article.title[:110]
    assert story["datePublished"] and story["dateModified"] >= story["datePublished"]
    assert story["author"]["name"] and story["publisher"]["name"] == "Thành phố Hà Nội"
    assert story["publisher"]["logo"]["url"].startswith("https://thudo.gov.vn/static/")
    assert story["image"] == [image]
    assert story["mainEntityOfPage"] == "https://thudo.gov.vn/tin-tuc/" + article.slug
    trail = of_type(page, "BreadcrumbList")["itemListElement"]
    assert [i["name"] for i in trail] == ["Trang chủ", "Tin tức", article.title]
    assert trail[0]["item"] == "https://thudo.gov.vn/"
    # No cover: the portal's icon, as a small card.
    plain = await make_article(tree.city, "Tin không ảnh", category=news)
    page = (await get(client, "/tin-tuc/" + plain.slug)).text
    assert meta(page, "twitter:card") == "summary"
    assert meta(page, "og:image") == "https://thudo.gov.vn/static/icon-512.png"


async def test_document_page_reads_as_legislation_and_home_as_an_organisation(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    document = await published(tree.city, fields("15/2024/QĐ-UBND", "Quy định về giao thông"))
    page = (await get(client, document_path({"slug": document.slug}, "vi"))).text
    law = of_type(page, "Legislation")
    assert law["legislationIdentifier"] == "15/2024/QĐ-UBND"
    assert law["name"] == "Quy định về giao thông"
    assert law["legislationDate"] == "2020-05-04"
    assert law["legislationDateOfApplicability"] == "2020-05-04"
    assert law["legislationPassedBy"]["name"] == "UBND Thành phố Hà Nội"
    assert law["legislationLegalForce"] == "https://schema.org/InForce"
    assert law["url"] == "https://thudo.gov.vn" + document_path({"slug": document.slug}, "vi")
    assert of_type(page, "BreadcrumbList")["itemListElement"][1]["name"] == "Văn bản"
    home = (await get(client, "/", "hoankiem.thudo.gov.vn")).text
    unit = of_type(home, "GovernmentOrganization")
    assert unit["name"] == "Phường Hoàn Kiếm" and unit["url"] == "https://hoankiem.thudo.gov.vn/"
    assert unit["parentOrganization"] == {
        "@type": "GovernmentOrganization",
        "name": "Thành phố Hà Nội",
        "url": "https://thudo.gov.vn/",
    }
    city = of_type((await get(client, "/")).text, "GovernmentOrganization")
    assert city["address"].startswith("79 Đinh Tiên Hoàng")


async def test_previews_have_no_canonical_address_nor_structured_data(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    draft = await make_article(tree.city, "Bản nháp", published=False)
    await make_viewer("admin", {tree.city: [Role.ADMIN]})
    ask = 'mutation { articlePreviewLink(id: "%s") { ... on PreviewLink { path } } }'
    answer = await gql(
        client, ask % encode_global_id("Article", draft.id), token=await token_for("admin")
    )
    page = await get(client, answer["data"]["articlePreviewLink"]["path"])
    assert page.status_code == 200, page.status_code
    assert "Bản nháp" in page.text
    assert 'rel="canonical"' not in page.text and "application/ld+json" not in page.text
    assert await Article.filter(status=ContentStatus.PUBLISHED).count() == 0


async def test_paths_no_page_can_have_answer_404_without_an_error_logged(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    await make_tree()
    caplog.set_level(logging.INFO)
    for path in ("/wp-login.php", "/ads.txt/", "/tin-tuc/x.php", "/en/news/a.b"):
        response = await client.get(path, headers={"Host": "thudo.gov.vn"}, follow_redirects=True)
        assert response.status_code == 404, path
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
