"""A receiver's choices reach the search index: what a portal hid, declined or forked
is no longer found on that portal, and only there. Real outbox, indexer and backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from hub.events.dispatcher import Consumer, consume_once
from hub.search.backend import SearchBackend
from hub.services.receiver_choices import decide, fork
from hub.services.search import SearchService
from hub.services.search_index import search_consumer
from hub.services.syndication import propose_up
from tests.factories import SYSTEM_SCOPE, make_article, make_tree, place_down
from tests.graphql.helpers import gql

SEARCH = """query($tenant: String!, $text: String!) {
  search(tenant: $tenant, text: $text) { hits { title tenantSlug } }
}"""
TEXT = "ra quan chong ngap"


@pytest.fixture
async def indexer() -> AsyncIterator[Consumer]:
    backend: SearchBackend = await SearchService().backend()
    await backend.clear()
    yield search_consumer(backend)
    await backend.clear()
    await backend.close()


async def found(client: httpx.AsyncClient, tenant: str) -> list[tuple[str, str]]:
    """(title, owner portal) of each hit for TEXT on ``tenant``'s search."""
    result = await gql(client, SEARCH, {"tenant": tenant, "text": TEXT})
    assert "errors" not in result, result
    return [(h["title"], h["tenantSlug"]) for h in result["data"]["search"]["hits"]]


async def test_a_hidden_placement_leaves_that_portals_search_only(
    client: httpx.AsyncClient, indexer: Consumer
) -> None:
    tree = await make_tree()
    article = await make_article(tree.city, "Thành phố ra quân chống ngập")
    placement = await place_down(article, tree.city)
    await consume_once(indexer)
    placed = [(article.title, "hanoi")]
    assert await found(client, "hoankiem") == placed
    assert await found(client, "hoangmai") == placed

    await decide(SYSTEM_SCOPE, placement.id, tree.ward, hidden=True)
    await consume_once(indexer)
    assert await found(client, "hoankiem") == []
    assert await found(client, "hoangmai") == placed  # the other ward chose nothing
    assert await found(client, "hanoi") == placed  # nor did the owner

    await decide(SYSTEM_SCOPE, placement.id, tree.ward, hidden=False)
    await consume_once(indexer)
    assert await found(client, "hoankiem") == placed


async def test_a_declined_offer_leaves_the_receivers_search(
    client: httpx.AsyncClient, indexer: Consumer
) -> None:
    tree = await make_tree()
    article = await make_article(tree.ward, "Phường ra quân chống ngập")
    offer = await propose_up(SYSTEM_SCOPE, article.id, tree.city)
    await consume_once(indexer)
    assert await found(client, "hanoi") == []  # an offer shows nowhere until accepted

    await decide(SYSTEM_SCOPE, offer.id, tree.city, accepted=True)
    await consume_once(indexer)
    assert await found(client, "hanoi") == [(article.title, "hoankiem")]

    await decide(SYSTEM_SCOPE, offer.id, tree.city, accepted=False)
    await consume_once(indexer)
    assert await found(client, "hanoi") == []
    assert await found(client, "hoankiem") == [(article.title, "hoankiem")]  # still its own


async def test_a_forked_placement_is_found_as_the_receivers_copy_only(
    client: httpx.AsyncClient, indexer: Consumer
) -> None:
    tree = await make_tree()
    article = await make_article(tree.city, "Thành phố ra quân chống ngập")
    placement = await place_down(article, tree.city)
    await consume_once(indexer)
    assert await found(client, "hoankiem") == [(article.title, "hanoi")]

    _, copy = await fork(SYSTEM_SCOPE, placement.id, tree.ward)
    await consume_once(indexer)
    # The ward finds its own copy, not the city's article beside it.
    assert await found(client, "hoankiem") == [(copy.title, "hoankiem")]
    assert await found(client, "hoangmai") == [(article.title, "hanoi")]
