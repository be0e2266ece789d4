"""The `search` query end to end: outbox → indexer → backend → GraphQL, on the db backend."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from hub.events.dispatcher import consume_once
from hub.search.backend import SearchBackend
from hub.services.documents import document_create, document_step
from hub.services.search import SearchService
from hub.services.search_index import reindex, search_consumer
from hub.services.workflow import take_step
from tests.documents.test_documents import fields
from tests.factories import SYSTEM_SCOPE, make_article, make_tree
from tests.graphql.helpers import gql

SEARCH = """
query($tenant: String!, $text: String!, $below: Boolean! = false) {
  search(tenant: $tenant, text: $text, includeDescendants: $below, facets: true) {
    total
    hits { kind title urlPath tenantSlug number titleHighlight { text match } }
    facets { kinds { value count } }
  }
}"""


@pytest.fixture
async def index() -> AsyncIterator[SearchBackend]:
    backend = await SearchService().backend()
    await backend.clear()
    yield backend
    await backend.clear()
    await backend.close()


async def titles(
    client: httpx.AsyncClient, text: str, tenant: str = "hanoi", below: bool = False
) -> list[str]:
    result = await gql(client, SEARCH, {"tenant": tenant, "text": text, "below": below})
    assert "errors" not in result, result
    return [h["title"] for h in result["data"]["search"]["hits"]]


async def test_published_items_are_found_and_unpublished_ones_vanish_at_once(
    client: httpx.AsyncClient, index: SearchBackend
) -> None:
    tree = await make_tree()
    consumer = search_consumer(index)
    article = await make_article(tree.city, "Hà Nội mở rộng không gian đi bộ Hồ Gươm")
    draft = await make_article(tree.city, "Bản nháp về phố đi bộ", published=False)
    doc = await document_create(
        SYSTEM_SCOPE,
        tree.city,
        fields("42/2022/NĐ-CP", "Quy định về cung cấp thông tin", doc_type="nghi_dinh"),
    )
    await document_step(SYSTEM_SCOPE, doc.id, "publish")
    assert await consume_once(consumer) > 0
    assert await titles(client, "ha noi di bo") == ["Hà Nội mở rộng không gian đi bộ Hồ Gươm"]
    assert draft.title not in await titles(client, "ban nhap pho di bo")
    assert await titles(client, "nghị định 42/2022") == ["Quy định về cung cấp thông tin"]

    await take_step(SYSTEM_SCOPE, article.id, "unpublish")
    # Gone before the indexer has seen the event: hits are checked against the database.
    assert await titles(client, "ha noi di bo") == []
    await consume_once(consumer)
    assert await index.count() == 1


async def test_scope_follows_the_tree_and_placements_not_other_portals(
    client: httpx.AsyncClient, index: SearchBackend
) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Phường Hoàn Kiếm ra quân dọn vệ sinh")
    await make_article(tree.other_ward, "Phường Hoàng Mai ra quân dọn vệ sinh")
    written = await reindex(index)
    assert written == 2
    assert await titles(client, "ra quan don ve sinh", "hoankiem") == [
        "Phường Hoàn Kiếm ra quân dọn vệ sinh"
    ]
    assert await titles(client, "ra quan don ve sinh", "hanoi") == []
    assert len(await titles(client, "ra quan don ve sinh", "hanoi", below=True)) == 2


@pytest.mark.parametrize(
    "text",
    ["", "x" * 10_000, '"', "*", "NEAR", "-", ":", "(", "'; DROP TABLE article; --", "\ud800"],
)
async def test_bad_input_never_fails_the_server(
    client: httpx.AsyncClient, index: SearchBackend, text: str
) -> None:
    await make_tree()
    response = await client.post(
        "/graphql",
        content=(
            '{"query": "query($t: String!) { search(tenant: \\"hanoi\\", text: $t) { total } }", '
            '"variables": {"t": ' + json.dumps(text) + "}}"
        ).encode("utf-8", "surrogatepass"),
        headers={"Host": "thudo.gov.vn", "Content-Type": "application/json"},
    )
    assert response.status_code in (200, 400), response.text
    body = response.json()
    if "errors" in body:
        assert body["errors"][0].get("extensions", {}).get("code"), body
    else:
        assert body["data"]["search"]["total"] >= 0
