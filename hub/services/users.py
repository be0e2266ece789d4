"""Creating users, granting roles, issuing API tokens (CLI and admin API alike).

Changing a password and deactivating a user end the user's sessions at once
(their session generation goes up; see `hub/auth/identity.py`).
"""

from __future__ import annotations

import re
from enum import StrEnum

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from hub.auth.identity import issue_api_token
from hub.auth.passwords import MIN_PASSWORD_LENGTH, hash_password_async
from hub.auth.permissions import Role
from hub.models import Membership, User
from hub.services.errors import ServiceError
from hub.text.folding import nfc
from tenants.models import Tenant


class UserErrorCode(StrEnum):
    INVALID_INPUT = "INVALID_INPUT"
    DUPLICATE_USERNAME = "DUPLICATE_USERNAME"
    NOT_FOUND = "NOT_FOUND"


# ASCII only: a name typed with a Vietnamese input method could come in several
# Unicode forms and fail to match at sign-in. Letters, digits, dots, underscores
# and hyphens, starting and ending with a letter or digit (e.g. `phongvien.hk`).
USERNAME_RULE = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,148}[a-z0-9])?")


def check_username(username: str) -> str:
    """``username`` as stored (trimmed, lower-case), or INVALID_INPUT on ``username``."""
    username = username.strip().lower()
    if not USERNAME_RULE.fullmatch(username):
        raise ServiceError(
            UserErrorCode.INVALID_INPUT,
            "a username has 1 to 150 characters: letters a-z, digits, '.', '_' or '-', "
            "starting and ending with a letter or digit",
            "username",
        )
    return username


async def user_create(
    username: str,
    password: str,
    *,
    full_name: str = "",
    email: str = "",
    is_superuser: bool = False,
    roles: dict[Tenant, list[Role]] | None = None,
) -> User:
    """A new active user with an Argon2 password hash and roles per tenant."""
    username = check_username(username)
    _check_password(password)
    if await User.exists(username=username):
        raise ServiceError(UserErrorCode.DUPLICATE_USERNAME, "username is taken", "username")
    async with in_transaction():
        user = await User.create(
            username=username,
            full_name=nfc(full_name),
            email=email,
            password_hash=await hash_password_async(password),
            is_superuser=is_superuser,
        )
        for tenant, tenant_roles in (roles or {}).items():
            for role in tenant_roles:
                await Membership.create(user=user, tenant=tenant, role=Role(role))
    return user


async def token_issue(username: str, name: str) -> str:
    """A new API token for ``username``; shown once."""
    user = await User.get_or_none(username=username, is_active=True)
    if user is None:
        raise ServiceError(UserErrorCode.NOT_FOUND, "no such user", "username")
    return await issue_api_token(user, name)


async def user_set_password(username: str, password: str) -> None:
    """A new password; every session the user had open ends at once."""
    _check_password(password)
    password_hash = await hash_password_async(password)
    changed = await User.filter(username=username).update(
        password_hash=password_hash, session_generation=F("session_generation") + 1
    )
    if not changed:
        raise ServiceError(UserErrorCode.NOT_FOUND, "no such user", "username")


async def user_deactivate(username: str) -> None:
    """The user can no longer sign in; their sessions end at once and stay ended
    if the account is activated again later."""
    changed = await User.filter(username=username).update(
        is_active=False, session_generation=F("session_generation") + 1
    )
    if not changed:
        raise ServiceError(UserErrorCode.NOT_FOUND, "no such user", "username")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(
            UserErrorCode.INVALID_INPUT,
            f"password must have at least {MIN_PASSWORD_LENGTH} characters",
            "password",
        )
