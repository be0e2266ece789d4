"""Bad input gives results or a SearchQueryError with a code, never a database error."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from hub.search import SearchBackend, SearchErrorCode, SearchQuery, SearchQueryError
from tests.search.conftest import NOW, entry

SCOPE = [1]

# Text that means something to FTS5, tsquery, Typesense or SQL: each must be plain words here.
HOSTILE = [
    '"',
    '"ha noi',
    "*",
    "ha*",
    "NEAR",
    "NEAR(ha noi)",
    "ha NEAR/2 noi",
    "-",
    "-ha noi",
    ":",
    "title:ha",
    "(",
    "(ha OR noi",
    "ha AND OR NOT noi",
    "ha & | ! noi",
    "'; DROP TABLE search_entry; --",
    "' OR 1=1 --",
    "%_\\",
    "`ha`",
    "ha^2 noi~",
    "\ud800",
    "ha \udfff noi",
    "ha\x00noi",
    "🙂 ha noi",
    "河内",
    "   ",
]


@pytest.fixture
async def indexed(backend: SearchBackend) -> SearchBackend:
    await backend.index(
        [
            entry("article:1", "Hà Nội thông xe cầu Vĩnh Tuy 2", body="Cầu nối quận Hai Bà Trưng."),
            # Stored text with the same troublemakers must index and read back intact.
            entry(
                "article:2",
                'Hỏi "đáp" NEAR (thủ tục) -: *; DROP TABLE x;\x00 \ud800',
                body="Tiêu đề có ký tự lạ.",
            ),
        ]
    )
    return backend


async def run(backend: SearchBackend, **fields: Any) -> Any:
    fields.setdefault("tenant_ids", SCOPE)
    return await backend.search(SearchQuery(**fields))


@pytest.mark.parametrize("text", HOSTILE)
async def test_operators_quotes_and_odd_characters_are_just_text(
    indexed: SearchBackend, text: str
) -> None:
    try:
        results = await run(indexed, text=text)
    except SearchQueryError as error:
        # Only text without any word may be refused, and only as empty.
        assert error.code is SearchErrorCode.QUERY_EMPTY
        return
    assert results.total >= 0
    for hit in results.hits:
        "".join(s.text for s in hit.title_highlight).encode("utf-8")
    # The index is intact afterwards.
    assert await indexed.count() == 2


async def test_words_inside_operators_still_match(indexed: SearchBackend) -> None:
    for text in ['"ha noi"', "(ha noi)", "ha* noi", "-ha -noi", "title:ha noi", "ha\x00noi"]:
        assert [h.key for h in (await run(indexed, text=text)).hits] == ["article:1"], text
    hit = (await run(indexed, text="thu tuc drop table")).hits[0]
    assert hit.key == "article:2"
    assert hit.title.startswith('Hỏi "đáp" NEAR (thủ tục)')


async def test_empty_query_needs_a_filter(indexed: SearchBackend) -> None:
    for text in ["", "   ", "\ud800", "!!! ..."]:
        with pytest.raises(SearchQueryError) as raised:
            await run(indexed, text=text)
        assert raised.value.code is SearchErrorCode.QUERY_EMPTY
    listed = await run(indexed, text="", kinds=["article"])
    assert listed.total == 2


async def test_long_queries_are_refused_with_a_code(indexed: SearchBackend) -> None:
    ten_kb = "Hà Nội " * 1500
    with pytest.raises(SearchQueryError) as raised:
        await run(indexed, text=ten_kb)
    assert raised.value.code is SearchErrorCode.QUERY_TOO_LONG
    with pytest.raises(SearchQueryError) as raised:
        await run(indexed, text=" ".join(f"w{i}" for i in range(40)))
    assert raised.value.code is SearchErrorCode.QUERY_TOO_LONG
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"tenant_ids": []}, SearchErrorCode.NO_TENANT),
        ({"kinds": ["article", "initiative"]}, SearchErrorCode.INVALID_FILTER),
        (
            {"published_from": NOW, "published_to": NOW - timedelta(days=1)},
            SearchErrorCode.INVALID_FILTER,
        ),
        ({"year": -5}, SearchErrorCode.INVALID_FILTER),
        ({"category": "a`b"}, SearchErrorCode.INVALID_FILTER),
        ({"category": "x" * 500}, SearchErrorCode.INVALID_FILTER),
        ({"page": 0}, SearchErrorCode.INVALID_PAGE),
        ({"page": 10_000}, SearchErrorCode.INVALID_PAGE),
        ({"page_size": 0}, SearchErrorCode.INVALID_PAGE),
    ],
)
async def test_bad_filters_and_pages_have_codes(
    indexed: SearchBackend, fields: dict[str, Any], code: SearchErrorCode
) -> None:
    with pytest.raises(SearchQueryError) as raised:
        await run(indexed, text="ha noi", **fields)
    assert raised.value.code is code


async def test_odd_but_valid_filters_just_find_nothing(indexed: SearchBackend) -> None:
    for fields in [
        {"category": "'; DROP TABLE search_entry; --"},
        {"language": "\ud800"},
        {"tenant_ids": [999_999]},
        {"tenant_ids": list(range(1, 5001))},
        {"year": 9999},
    ]:
        results = await run(indexed, text="ha noi", **fields)
        assert results.total == len(results.hits)
    assert await indexed.count() == 2
