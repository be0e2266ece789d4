"""Sign-in throttling per account name and per client address, with growing delays.

Each failed sign-in counts against two keys: the account name that was tried
(whether or not it exists, so the throttle tells nothing about which names
are real) and the client's address. Past a number of free failures, each
further one makes that key wait twice as long as the last, up to
``MAX_DELAY``; while a key waits, sign-in is refused **without checking the
password** (429, with ``Retry-After``), so a flood costs neither Argon2 work
nor guesses. A success clears the account's count, never the address's (an
attacker with one account of their own must not reset it). A key with no
failure for ``FORGET_AFTER`` starts again from zero.

Counts live in the `login_throttle` table, so every hub process shares them.
The address allows more free failures than an account: a ward office signs
in from behind one NAT address.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from hub.models import LoginThrottle

ACCOUNT_FREE_FAILURES = 5
ADDRESS_FREE_FAILURES = 20
BASE_DELAY = 1.0  # seconds, after the first failure past the free ones
MAX_DELAY = 15 * 60.0
FORGET_AFTER = 60 * 60.0


@dataclass(frozen=True)
class Keys:
    account: str
    address: str


def keys_for(username: str, address: str | None) -> Keys:
    """The two throttle keys of an attempt (names are compared as users are stored)."""
    return Keys(f"user:{username.strip().lower()[:150]}", f"addr:{(address or 'unknown')[:100]}")


def delay_after(failures: int, free: int) -> float:
    """Seconds to wait after ``failures`` failures when ``free`` of them cost nothing."""
    if failures <= free:
        return 0.0
    return min(BASE_DELAY * 2 ** (failures - free - 1), MAX_DELAY)


async def seconds_to_wait(keys: Keys) -> float:
    """How long this attempt must still wait (0: it may proceed); one query."""
    rows: list[Any] = await LoginThrottle.filter(key__in=(keys.account, keys.address)).values_list(
        "blocked_until", flat=True
    )
    now = time.time()
    return max((float(until) - now for until in rows), default=0.0)


async def record_failure(keys: Keys) -> None:
    """Count a failed sign-in against both keys and set their next delays."""
    await _count(keys.account, ACCOUNT_FREE_FAILURES)
    await _count(keys.address, ADDRESS_FREE_FAILURES)


async def record_success(keys: Keys) -> None:
    """The account signed in: its own count starts again (the address's does not)."""
    await LoginThrottle.filter(key=keys.account).delete()


async def _count(key: str, free: int) -> None:
    for _ in range(2):  # a second round when another process created the row first
        now = time.time()
        try:
            async with in_transaction():
                row = await LoginThrottle.filter(key=key).select_for_update().first()
                if row is None:
                    await LoginThrottle.create(
                        key=key,
                        failures=1,
                        last_failure=now,
                        blocked_until=now + delay_after(1, free),
                    )
                    return
                failures = 1 if now - row.last_failure > FORGET_AFTER else row.failures + 1
                await LoginThrottle.filter(id=row.id).update(
                    failures=failures,
                    last_failure=now,
                    blocked_until=now + delay_after(failures, free),
                )
                return
        except IntegrityError:
            continue
