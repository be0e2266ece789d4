"""The search page (`/tim-kiem`, `/en/search`) and the search box in every page's header."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from playwright.async_api import async_playwright

from hub.search.backend import SearchBackend
from hub.services.search import SearchService
from hub.services.search_index import reindex
from tests.factories import make_article, make_category, make_tree
from tests.frontends.test_browser import CHROMIUM, CHROMIUM_ARGS, server  # noqa: F401
from tests.frontends.test_legal_pages import fields, get, published, text_of


@pytest.fixture
async def index() -> AsyncIterator[SearchBackend]:
    backend = await SearchService().backend()
    await backend.clear()
    yield backend
    await backend.clear()
    await backend.close()


def hits(page: str) -> list[str]:
    """The titles of the hits, in order, as a reader sees them."""
    return [
        text_of(t).strip()
        for t in re.findall(r'<h3 class="card-title"><a href="[^"]*">(.*?)</a></h3>', page)
    ]


async def test_words_without_accents_find_the_article_with_the_words_marked(
    client: httpx.AsyncClient, index: SearchBackend
) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    await make_article(tree.city, "Hà Nội mở rộng không gian đi bộ Hồ Gươm", category=news)
    await make_article(tree.city, "Bản nháp về Hà Nội đi bộ", published=False)
    await make_article(tree.city, "Khánh thành cầu Tứ Liên")
    await reindex(index)

    page = await get(client, "/tim-kiem?q=ha+noi")
    assert page.status_code == 200, page.text
    assert hits(page.text) == ["Hà Nội mở rộng không gian đi bộ Hồ Gươm"]
    assert "<mark>Hà</mark> <mark>Nội</mark>" in page.text or "<mark>Hà Nội</mark>" in page.text
    assert "Bản nháp" not in page.text  # drafts never show
    assert 'href="/tin-tuc/' in page.text  # the hit's own address
    reader = text_of(page.text)
    assert "1 kết quả" in reader and "Bài viết" in reader
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", reader)  # dd/mm/yyyy
    assert 'href="?q=ha+noi&amp;loai=bai-viet"' in page.text  # facet link adds a filter
    assert page.headers["cache-control"].startswith("private")  # kept out of the page cache

    english = await get(client, "/en/search?q=ha+noi")
    assert english.status_code == 200
    assert "1 results" in text_of(english.text)
    assert (await get(client, "/en/search", "hoankiem.thudo.gov.vn")).status_code == 404


async def test_a_document_number_puts_that_document_first(
    client: httpx.AsyncClient, index: SearchBackend
) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Triển khai Nghị định 42/2022/NĐ-CP về cổng thông tin")
    await published(
        tree.city, fields("42/2022/NĐ-CP", "Quy định về cung cấp thông tin", doc_type="nghi_dinh")
    )
    await published(tree.city, fields("15/2024/QĐ-UBND", "Quy định về giao thông đô thị"))
    await reindex(index)

    for query in ("42/2022/ND-CP", "42%2F2022%2Fn%C4%91-cp"):
        page = await get(client, f"/tim-kiem?q={query}")
        assert page.status_code == 200, page.text
        assert hits(page.text)[0] == "Quy định về cung cấp thông tin"
        assert '<span class="doc-number">42/2022/NĐ-CP</span>' in page.text
    only_documents = await get(client, "/tim-kiem?q=quy+dinh&loai=van-ban")
    assert sorted(hits(only_documents.text)) == [
        "Quy định về cung cấp thông tin",
        "Quy định về giao thông đô thị",
    ]


async def test_the_city_searches_the_portals_below_when_asked(
    client: httpx.AsyncClient, index: SearchBackend
) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Phường Hoàn Kiếm ra quân dọn vệ sinh")
    await reindex(index)
    city = await get(client, "/tim-kiem?q=don+ve+sinh")
    assert hits(city.text) == [] and 'name="duoi"' in city.text
    below = await get(client, "/tim-kiem?q=don+ve+sinh&duoi=1")
    assert hits(below.text) == ["Phường Hoàn Kiếm ra quân dọn vệ sinh"]
    assert 'href="/_t/hoankiem/' in below.text or "https://hoankiem." in below.text
    ward = await get(client, "/tim-kiem", "hoankiem.thudo.gov.vn")
    assert ward.status_code == 200 and 'name="duoi"' not in ward.text


async def test_an_empty_query_shows_the_form_and_a_hint(client: httpx.AsyncClient) -> None:
    await make_tree()
    for path in ("/tim-kiem", "/tim-kiem?q=", "/tim-kiem?q=+++"):
        page = await get(client, path)
        assert page.status_code == 200, page.text
        assert '<form class="site-search" role="search" action="/tim-kiem" method="get"' in (
            page.text
        )
        assert '<label for="s-q">' in page.text
        assert "Nhập vài từ" in page.text and 'role="alert"' not in page.text


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "x" * 10_000,
        "q=%ED%A0%80",  # a lone surrogate, UTF-8 encoded
        "q=%22",
        "q=*",
        "q=NEAR",
        "q=-",
        "q=%3A",
        "q=(",
        "q=ha+noi+NEAR(x+y)+-z+%22a%22+*:",
        "q=%27%3B+DROP+TABLE+article%3B+--",
        "q=ha+noi&loai=khac",
        "q=ha+noi&nam=abc",
        "q=ha+noi&nam=1800",
        "q=ha+noi&trang=0",
        "q=ha+noi&trang=99999999999999999999",
        "q=ha+noi&chuyen-muc=%3Cscript%3E",
        "q=%3Cscript%3Ealert(1)%3C/script%3E",
    ],
)
async def test_bad_input_never_fails_the_server(
    client: httpx.AsyncClient, index: SearchBackend, query: str
) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Hà Nội mở rộng không gian đi bộ")
    await reindex(index)
    page = await get(client, "/tim-kiem?" + query)
    assert page.status_code in (200, 400), page.text
    assert "<script>" not in page.text
    if page.status_code == 400:
        assert 'role="alert"' in page.text
        assert '<p lang="vi">' in page.text and '<p lang="en">' in page.text


async def test_every_page_has_the_search_box_in_its_header(client: httpx.AsyncClient) -> None:
    await make_tree()
    for path, action in (("/", "/tim-kiem"), ("/en/", "/en/search")):
        page = await get(client, path)
        assert page.status_code == 200
        header = page.text.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert f'<form class="header-search" role="search" action="{action}" method="get">' in (
            header
        )
        assert '<label for="hop-tim-kiem"' in header and 'id="hop-tim-kiem" name="q"' in header


@pytest.mark.browser
async def test_reader_on_a_phone_searches_from_the_header(
    server: str,  # noqa: F811
    index: SearchBackend,
) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Hà Nội mở rộng không gian đi bộ Hồ Gươm")
    await published(
        tree.city, fields("42/2022/NĐ-CP", "Quy định về cung cấp thông tin", doc_type="nghi_dinh")
    )
    await reindex(index)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 320, "height": 640})
            page.set_default_timeout(10_000)

            async def overflow() -> int:
                return int(
                    await page.evaluate(
                        "document.documentElement.scrollWidth"
                        " - document.documentElement.clientWidth"
                    )
                )

            await page.goto(f"{server}/_t/hanoi/")
            assert await overflow() <= 0, "the home page scrolls sideways at 320 px"
            box = page.locator("header").get_by_role(
                "searchbox", name="Tìm kiếm trên cổng thông tin"
            )
            await box.fill("ha noi di bo")
            await box.press("Enter")
            await page.wait_for_url("**/tim-kiem?q=*")
            results = page.locator(".search-hit")
            assert await results.count() == 1
            assert await results.first.locator("mark").count() >= 2
            assert await overflow() <= 0, "the search results scroll sideways at 320 px"
            await page.get_by_role("link", name="Hà Nội mở rộng không gian đi bộ Hồ Gươm").click()
            await page.wait_for_url("**/tin-tuc/*")
        finally:
            await browser.close()
