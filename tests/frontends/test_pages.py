"""Server-rendered portal pages, addressed by host or by the development prefix."""

from __future__ import annotations

import re

import httpx

from hub.models import Language
from hub.services.articles import ArticleChanges, article_update
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree


async def page(client: httpx.AsyncClient, path: str, host: str = "thudo.gov.vn") -> httpx.Response:
    return await client.get(path, headers={"Host": host})


async def test_each_host_gets_its_own_portal(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Phố đi bộ Hồ Gươm mở cửa lại", featured=True)
    await make_article(tree.city, "Phiên họp thường kỳ của UBND thành phố")
    ward = await page(client, "/", "hoankiem.thudo.gov.vn")
    assert ward.status_code == 200
    assert "Phường Hoàn Kiếm" in ward.text and "Phố đi bộ Hồ Gươm" in ward.text
    assert "Phiên họp thường kỳ" not in ward.text
    assert '<html lang="vi">' in ward.text
    city = await page(client, "/")
    assert "Thành phố Hà Nội" in city.text and "Phiên họp thường kỳ" in city.text
    site = await page(client, "/", "caicachhanhchinh.hanoi.gov.vn")
    assert "Cải cách hành chính" in site.text
    prefixed = await page(client, "/_t/hoankiem/", "127.0.0.1:8000")
    assert "Phố đi bộ Hồ Gươm" in prefixed.text
    assert 'href="/_t/hoankiem/' in prefixed.text  # links keep the prefix
    unknown = await page(client, "/", "khong-ton-tai.example.org")
    assert unknown.status_code == 404
    assert "Không có cổng thông tin" in unknown.text and "No portal" in unknown.text


async def test_category_pages_paginate_and_dates_are_vietnamese(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    for i in range(20):
        await make_article(tree.city, f"Thông tin số {i:02d}", category=news, days_ago=i + 1)
    first = await page(client, "/tin-tuc/")
    assert first.status_code == 200
    # No total: counting a whole section on every view is what a reader never needs
    # (tests/perf/test_no_scan.py).
    assert "bài viết" not in first.text
    assert first.text.count('class="card"') == 15
    assert re.search(r"<time datetime=\"[^\"]+\">\d{2}/\d{2}/\d{4}</time>", first.text)
    next_link = re.search(r'rel="next" href="([^"]+)"', first.text)
    assert next_link is not None
    second = await page(client, "/tin-tuc/" + next_link.group(1).replace("&amp;", "&"))
    assert second.text.count('class="card"') == 5
    assert "Thông tin số 19" in second.text and "Thông tin số 00" not in second.text
    assert (await page(client, "/khong-co-muc/")).status_code == 404
    assert (await page(client, "/tin-tuc/?sau=%21%21")).status_code == 404


async def test_article_page_print_redirect_and_etag(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    events = await make_category(tree.city, "su-kien", name="Sự kiện", slug_en="events")
    article = await make_article(tree.city, "Lễ hội mùa thu", category=news)
    response = await page(client, "/tin-tuc/le-hoi-mua-thu")
    assert response.status_code == 200
    assert "<h1>Lễ hội mùa thu</h1>" in response.text
    assert (
        'media="print"' in response.text
        and 'data-action="print"' in response.text
        and "/static/portal.js" in response.text
    )
    etag = response.headers["etag"]
    cached = await client.get(
        "/tin-tuc/le-hoi-mua-thu", headers={"Host": "thudo.gov.vn", "If-None-Match": etag}
    )
    assert cached.status_code == 304
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(category_id=events.id))
    moved = await page(client, "/tin-tuc/le-hoi-mua-thu")
    assert moved.status_code == 301 and moved.headers["location"] == "/su-kien/le-hoi-mua-thu"
    assert (await page(client, "/tin-tuc/khong-co-bai")).status_code == 404
    assert (await page(client, "/tin-tuc/KHONG_HOP_LE")).status_code == 404


async def test_english_edition(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    await make_article(tree.city, "Hanoi opens new metro line", category=news, language=Language.EN)
    await make_article(tree.city, "Tin tiếng Việt", category=news)
    home = await page(client, "/en/")
    assert home.status_code == 200
    assert '<html lang="en">' in home.text
    assert "Hanoi opens new metro line" in home.text and "Tin tiếng Việt" not in home.text
    assert "Latest news" in home.text
    article = await page(client, "/en/news/hanoi-opens-new-metro-line")
    assert article.status_code == 200 and "Hanoi City" in article.text
    assert (await page(client, "/en/news/")).status_code == 200
    # Wards have no English edition.
    assert (await page(client, "/en/", "hoankiem.thudo.gov.vn")).status_code == 404


async def test_languages_do_not_leak_between_pages(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Hanoi news", language=Language.EN)
    await make_article(tree.ward, "Tin phường")
    assert "Latest news" in (await page(client, "/en/")).text
    # The same templates rendered next in Vietnamese must not keep English strings.
    ward = await page(client, "/", "hoankiem.thudo.gov.vn")
    assert "Tin mới nhất" in ward.text and "Latest news" not in ward.text
    assert "Trang thành phần của" in ward.text


async def test_city_home_lists_components_and_site_map_lists_every_unit(
    client: httpx.AsyncClient,
) -> None:
    await make_tree()
    home = await page(client, "/")
    units = home.text[home.text.index("Trang thông tin thành phần") :]
    assert "Sở Xây dựng" in units and "Cải cách hành chính" in units
    assert "Phường Hoàn Kiếm" not in units  # wards are on the site map, not the home page
    assert 'href="https://soxaydung.thudo.gov.vn/"' in home.text
    site_map = await page(client, "/so-do-trang")
    assert site_map.status_code == 200
    assert "Phường, xã (2)" in site_map.text and "Phường Hoàng Mai" in site_map.text
    assert "Sở, ban, ngành (1)" in site_map.text
    ward = await page(client, "/", "hoankiem.thudo.gov.vn")
    assert "Trang thông tin thành phần" not in ward.text
    # The component links up to the city at its canonical host (docs/seo.md).
    assert 'href="https://thudo.gov.vn/"' in ward.text and "hanoi.thudo.gov.vn" not in ward.text


async def test_article_can_be_saved_as_a_clean_file(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    await make_article(tree.city, "Quyết định mới", category=news, body="<p>Điều 1. Nội dung.</p>")
    page_html = (await page(client, "/tin-tuc/quyet-dinh-moi")).text
    assert 'href="?tai-ve=html"' in page_html and "Lưu bài viết" in page_html
    saved = await page(client, "/tin-tuc/quyet-dinh-moi?tai-ve=html")
    assert saved.status_code == 200
    assert saved.headers["content-disposition"] == 'attachment; filename="quyet-dinh-moi.html"'
    assert "<p>Điều 1. Nội dung.</p>" in saved.text
    assert "http://thudo.gov.vn/tin-tuc/quyet-dinh-moi" in saved.text  # where it came from
    assert "<script" not in saved.text and "<nav" not in saved.text


async def test_embeds_render_as_click_to_load_players(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    await make_article(
        tree.city,
        "Video phóng sự",
        category=news,
        body='<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
    )
    html = (await page(client, "/tin-tuc/video-phong-su")).text
    assert 'data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert "Xem hoặc nghe (YouTube)" in html
    assert "<iframe" not in html  # nothing loads from the provider before a click


async def test_blog_author_page(client: httpx.AsyncClient) -> None:
    from hub.auth.permissions import Role
    from hub.models import ArticleKind, User
    from hub.services.articles import ArticleChanges, article_create
    from hub.services.workflow import take_step
    from tenants.scope import Scope
    from tests.factories import make_viewer

    tree = await make_tree()
    blog = await make_category(tree.city, "blog", name="Blog", slug_en="blog")
    viewer = await make_viewer("nguyenvana", {tree.city: [Role.ADMIN]})
    await User.filter(id=viewer.user_id).update(
        full_name="Nguyễn Văn A", bio="Phóng viên mảng đô thị."
    )
    scope = Scope(viewer=viewer)
    post = await article_create(
        scope,
        tree.city,
        ArticleChanges(title="Ghi chép phố cổ", category_id=blog.id, kind=ArticleKind.BLOG),
    )
    # A second person publishes it: nobody publishes their own (separation of duties).
    approver = await make_viewer("pheduyet", {tree.city: [Role.APPROVER]})
    await take_step(scope, post.id, "submit")
    await take_step(Scope(viewer=approver), post.id, "approve")
    await take_step(Scope(viewer=approver), post.id, "publish")
    article = await page(client, "/blog/ghi-chep-pho-co")
    assert f'href="/tac-gia/{viewer.user_id}-nguyen-van-a"' in article.text
    author = await page(client, f"/tac-gia/{viewer.user_id}-nguyen-van-a")
    assert author.status_code == 200
    assert "<h1>Nguyễn Văn A</h1>" in author.text and "Phóng viên mảng đô thị." in author.text
    assert "Ghi chép phố cổ" in author.text
    # Unknown writers and malformed slugs have no page.
    assert (await page(client, "/tac-gia/999999-x")).status_code == 404
    assert (await page(client, "/tac-gia/abc")).status_code == 404
