"""The backend contract, on every backend: index, remove, scope, filters, facets, pages, marks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from hub.search import SearchBackend, SearchEntry, SearchQuery, SearchResults, Segment
from hub.search.backend import SearchEntryError
from tests.search.conftest import NOW, entry

CITY, WARD_A, WARD_B = 1, 2, 3
THIS_YEAR, LAST_YEAR = NOW.year, NOW.year - 1  # entries 400 days old are from last year


def keys(results: SearchResults) -> list[str]:
    return [hit.key for hit in results.hits]


async def search(backend: SearchBackend, text: str = "", **filters: Any) -> SearchResults:
    filters.setdefault("tenant_ids", [CITY, WARD_A, WARD_B])
    return await backend.search(SearchQuery(text=text, **filters))


async def test_index_count_replace_remove_and_clear(backend: SearchBackend) -> None:
    await backend.index(
        [
            entry("article:1", "Khai trương phố đi bộ Trịnh Công Sơn"),
            entry("article:2", "Lễ hội hoa tulip tại công viên Thống Nhất"),
            entry("document:3", "Quyết định về phố đi bộ", number="12/QĐ-UBND", tenant=WARD_A),
        ]
    )
    assert await backend.count() == 3

    # The same key again replaces the entry: the outbox may deliver an event twice.
    await backend.index([entry("article:1", "Phố đi bộ Trịnh Công Sơn mở rộng sang đường Yên Phụ")])
    assert await backend.count() == 3
    assert keys(await search(backend, "yen phu")) == ["article:1"]
    assert keys(await search(backend, "khai truong")) == []

    await backend.optimize()
    assert keys(await search(backend, "yen phu")) == ["article:1"]
    await backend.remove(["article:1", "article:999"])  # unknown keys are ignored
    assert await backend.count() == 2
    assert keys(await search(backend, "pho di bo")) == ["document:3"]

    await backend.clear(tenant_id=WARD_A)
    assert await backend.count() == 1
    await backend.clear()
    assert await backend.count() == 0
    assert (await search(backend, "le hoi")).total == 0


async def test_a_tenant_scope_never_shows_another_tenants_own_content(
    backend: SearchBackend,
) -> None:
    await backend.index(
        [
            entry("article:1", "Phường A tổ chức ngày hội đọc sách", tenant=WARD_A),
            entry("article:2", "Phường B tổ chức ngày hội đọc sách", tenant=WARD_B),
            # Published down by the city to ward B only (a placement).
            entry("article:3", "Thành phố phát động ngày hội đọc sách", visible=(WARD_B,)),
        ]
    )
    in_a = await search(backend, "ngay hoi doc sach", tenant_ids=[WARD_A], facets=True)
    assert keys(in_a) == ["article:1"]
    assert in_a.total == 1
    assert in_a.facets.tenant == {WARD_A: 1}
    in_b = await search(backend, "ngay hoi doc sach", tenant_ids=[WARD_B])
    assert sorted(keys(in_b)) == ["article:2", "article:3"]
    # Listing without words is scoped the same way.
    listed = await search(backend, "", tenant_ids=[WARD_A], kinds=["article"])
    assert keys(listed) == ["article:1"]
    everywhere = await search(backend, "ngay hoi doc sach", tenant_ids=[CITY, WARD_A, WARD_B])
    assert everywhere.total == 3


async def test_filters_by_kind_date_year_category_and_language(backend: SearchBackend) -> None:
    await backend.index(
        [
            entry("article:1", "Bản tin giao thông sáng", days_ago=1, category="giao-thong"),
            entry("article:2", "Bản tin giao thông chiều", days_ago=400, category="giao-thong"),
            entry("article:3", "Traffic bulletin giao thong", days_ago=2, language="en"),
            entry("document:4", "Quy định giao thông", number="5/QĐ-UBND", year=LAST_YEAR),
            entry("gazette:5", "Công báo: quy định giao thông", days_ago=3, category="cong-bao"),
        ]
    )
    assert sorted(keys(await search(backend, "giao thong", kinds=["document", "gazette"]))) == [
        "document:4",
        "gazette:5",
    ]
    recent = await search(
        backend,
        "giao thong",
        published_from=NOW - timedelta(days=2),
        published_to=NOW - timedelta(hours=1),
    )
    assert sorted(keys(recent)) == ["article:1", "article:3"]  # from inclusive, to exclusive
    assert sorted(keys(await search(backend, "giao thong", year=LAST_YEAR))) == [
        "article:2",
        "document:4",  # a document's year is its year of issue
    ]
    assert keys(await search(backend, "giao thong", year=THIS_YEAR, kinds=["document"])) == []
    assert keys(await search(backend, "", year=LAST_YEAR, kinds=["document"])) == ["document:4"]
    assert sorted(keys(await search(backend, "giao thong", category="giao-thong"))) == [
        "article:1",
        "article:2",
    ]
    assert keys(await search(backend, "giao thong", language="en")) == ["article:3"]


async def test_facets_count_the_whole_result_set(backend: SearchBackend) -> None:
    entries = [
        entry(f"article:{i}", f"Tiêm chủng mở rộng đợt {i}", tenant=WARD_A, category="y-te")
        for i in range(1, 5)
    ]
    entries += [
        entry("article:10", "Tiêm chủng vắc xin sởi", tenant=WARD_B, days_ago=400),
        entry("document:11", "Kế hoạch tiêm chủng", number="88/KH-UBND", category="van-ban"),
        entry("article:12", "Lễ hội mùa xuân", tenant=WARD_B),  # does not match
    ]
    await backend.index(entries)
    results = await search(backend, "tiem chung", facets=True, page_size=2)
    assert results.total == 6
    assert len(results.hits) == 2
    facets = results.facets
    assert facets.kind == {"article": 5, "document": 1}
    assert facets.tenant == {WARD_A: 4, CITY: 1, WARD_B: 1}
    assert facets.category == {"y-te": 4, "van-ban": 1}
    assert facets.year == {THIS_YEAR: 5, LAST_YEAR: 1}
    assert list(facets.tenant) == [WARD_A, CITY, WARD_B]  # largest first
    assert (await search(backend, "tiem chung")).facets is None


async def test_pages_are_disjoint_and_cover_everything(backend: SearchBackend) -> None:
    await backend.index(
        [
            entry(f"article:{i}", f"Thông báo số {i} về lịch cắt điện", days_ago=i)
            for i in range(1, 24)
        ]
    )
    seen: list[str] = []
    for page in (1, 2, 3):
        results = await search(backend, "lich cat dien", page=page, page_size=10)
        assert results.total == 23
        assert results.pages == 3
        seen += keys(results)
    assert len(seen) == len(set(seen)) == 23
    past_the_end = await search(backend, "lich cat dien", page=4, page_size=10)
    assert past_the_end.hits == []
    assert past_the_end.total == 23
    capped = await search(backend, "lich cat dien", page_size=500)
    assert capped.page_size == 50
    assert len(capped.hits) == 23
    # Listing without words: newest first.
    listed = await search(backend, "", kinds=["article"], page_size=3)
    assert keys(listed) == ["article:1", "article:2", "article:3"]


async def test_highlights_mark_the_words_as_written(backend: SearchBackend) -> None:
    body = (
        "Sáng nay, UBND thành phố Hà Nội tổ chức hội nghị. "
        + "Nội dung hội nghị bàn về nhiều việc của các sở, ngành. " * 12
        + "Theo Nghị định 42/2022/NĐ-CP, thủ tục được làm trực tuyến."
    )
    await backend.index(
        [
            entry(
                "article:1",
                "Hà Nội đẩy mạnh dịch vụ công trực tuyến",
                summary="Tóm tắt không chứa từ khóa.",
                body=body,
            )
        ]
    )
    hit = (await search(backend, "ha noi")).hits[0]
    assert hit.title_highlight[0] == Segment("Hà Nội", True)
    assert "".join(s.text for s in hit.title_highlight) == "Hà Nội đẩy mạnh dịch vụ công trực tuyến"
    assert Segment("Hà Nội", True) in hit.snippet

    hit = (await search(backend, "42/2022/nd-cp truc tuyen")).hits[0]
    marked = [s.text for s in hit.snippet if s.is_match]
    assert "42/2022/NĐ-CP" in marked
    assert "trực tuyến" in marked
    assert hit.snippet[0] == Segment("… ", False)  # a passage from the middle of the body


async def test_a_one_letter_typo_in_a_long_word_still_finds_it(backend: SearchBackend) -> None:
    await backend.index(
        [
            entry("article:1", "Khánh thành cầu vượt nút giao Mai Dịch"),
            entry("article:2", "Hội nghị tổng kết công tác năm"),
        ]
    )
    results = await search(backend, "khanh thanhh cau vuot")
    assert keys(results)[:1] == ["article:1"]
    # The word it was corrected to is marked in the original text.
    assert Segment("Khánh thành cầu vượt", True) in results.hits[0].title_highlight


def test_entries_are_normalised_and_checked() -> None:
    made = entry("article:1", "Tiêu đề\x00 lạ\ud800", visible=(5, 1, 5), tenant=3)
    assert made.visible_in == (1, 3, 5)  # the owner is always there
    assert "\x00" not in made.title
    made.title.encode("utf-8")
    assert made.year == NOW.year
    with pytest.raises(SearchEntryError):
        SearchEntry(
            key="thing:1",
            kind="thing",
            tenant_id=1,
            title="x",
            published_at=NOW,
            url_path="/",
        )
