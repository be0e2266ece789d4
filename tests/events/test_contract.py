"""Consumers by contract: every consumer states what it does with every event type."""

from __future__ import annotations

import hub.app  # noqa: F401  (imports every module that consumes the outbox)
from hub.events.contract import declared, missing, nothing
from hub.events.outbox import EventType
from hub.search import db_backend
from hub.services.gathering import gathering_consumer
from hub.services.search_index import REREADS, search_consumer
from hub.webhooks.service import WEBHOOK_CONSUMER

# Every reader of the outbox. A new one must be added here and declare its contract.
CONSUMERS = {
    "search",
    "webhooks",
    "page-cache",
    "placement-reach",
    "subscriptions",
    "gathering",
}


def test_every_consumer_states_what_it_does_with_every_event_type() -> None:
    contracts = declared()
    assert set(contracts) == CONSUMERS, "a consumer without a contract, or an unlisted one"
    gaps = {name: missing(contract) for name, contract in contracts.items()}
    assert {name: types for name, types in gaps.items() if types} == {}
    # The list the contracts are checked against is the one list of event types.
    assert {t.value for t in EventType} >= {
        "article.published",
        "placement.receipt_changed",
        "document.updated",
        "gazette.published",
    }


def test_a_missing_entry_is_reported_by_type() -> None:
    contract = {t: "handled" for t in EventType if t is not EventType.GAZETTE_PUBLISHED}
    contract[EventType.ARTICLE_UPDATED] = "  "  # an empty promise is no entry either
    assert missing(contract) == [EventType.ARTICLE_UPDATED, EventType.GAZETTE_PUBLISHED]
    assert nothing("x").startswith("nothing, because")


async def test_the_running_consumers_carry_their_contracts() -> None:
    # The indexer acts through its table of re-reads: one entry per event type, no default.
    assert set(REREADS) == set(EventType)
    assert search_consumer(db_backend()).contract == declared()["search"]
    assert WEBHOOK_CONSUMER.contract == declared()["webhooks"]
    assert gathering_consumer().contract == declared()["gathering"]
