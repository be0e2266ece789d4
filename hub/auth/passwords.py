"""Password hashing with Argon2id (argon2-cffi's recommended parameters).

Argon2 is deliberately slow (tens of milliseconds of CPU and 64 MiB of memory
per hash), so the hub never runs it on the event loop: :func:`check_password`
and :func:`hash_password_async` hand it to a small executor of its own.
Small on purpose: a flood of sign-ins then queues there instead of taking
every core and ``threads × 64 MiB`` of memory, and page requests keep the
event loop. argon2-cffi releases the GIL while it hashes.
"""

from __future__ import annotations

import asyncio
import secrets
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10
# Two threads: enough for sign-ins to proceed side by side, never all cores.
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="argon2")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; a malformed or empty hash never matches."""
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    """A hash of a random password nobody knows, made once per process."""
    return _hasher.hash(secrets.token_urlsafe(32))


async def hash_password_async(password: str) -> str:
    """:func:`hash_password`, off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(_executor, hash_password, password)


async def check_password(password_hash: str | None, password: str) -> bool:
    """Verify off the event loop, doing the same Argon2 work whether or not the user exists.

    ``password_hash`` is None for an unknown or inactive user: the password is
    then verified against a dummy hash with the same parameters, and refused,
    so the answer takes as long as a wrong password's (no user enumeration by
    timing).
    """

    def work() -> bool:
        if password_hash:
            return verify_password(password_hash, password)
        verify_password(_dummy_hash(), password)
        return False

    return await asyncio.get_running_loop().run_in_executor(_executor, work)
