"""Consumers by contract: every consumer says what it does with every event type.

:class:`hub.events.outbox.EventType` is the one list of event types. Each
consumer of the outbox declares, beside its code, a :data:`Contract`: for
every type, what it does with it, or "nothing, because …". A consumer
that meets a new type it never thought about is a bug waiting to happen
(receivers' choices once never reached the search index), so
``tests/events/test_contract.py`` fails while any declared consumer lacks an
entry for any type, and names the pair.
"""

from __future__ import annotations

from collections.abc import Mapping

from hub.events.outbox import EventType

Contract = Mapping[EventType, str]

_declared: dict[str, Contract] = {}


def declare(consumer: str, contract: Contract) -> Contract:
    """Record what ``consumer`` does with each event type; returns the contract."""
    _declared[consumer] = dict(contract)
    return contract


def declared() -> dict[str, Contract]:
    """Every contract declared by the modules imported so far, by consumer name."""
    return dict(_declared)


def missing(contract: Contract) -> list[EventType]:
    """The event types a contract says nothing about."""
    return [event_type for event_type in EventType if not contract.get(event_type, "").strip()]


def nothing(because: str) -> str:
    """An entry for a type the consumer deliberately ignores, with the reason."""
    return f"nothing, because {because}"
