"""Creating users, granting roles, issuing API tokens (CLI and admin API alike)."""

from __future__ import annotations

from enum import StrEnum

from tortoise.transactions import in_transaction

from hub.auth.identity import issue_api_token
from hub.auth.passwords import MIN_PASSWORD_LENGTH, hash_password
from hub.auth.permissions import Role
from hub.models import Membership, User
from hub.services.errors import ServiceError
from hub.text.folding import nfc
from tenants.models import Tenant


class UserErrorCode(StrEnum):
    INVALID_INPUT = "INVALID_INPUT"
    DUPLICATE_USERNAME = "DUPLICATE_USERNAME"
    NOT_FOUND = "NOT_FOUND"


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
    username = username.strip().lower()
    if (
        not username
        or len(username) > 150
        or not username.replace(".", "").replace("_", "").isalnum()
    ):
        raise ServiceError(UserErrorCode.INVALID_INPUT, "invalid username", "username")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(
            UserErrorCode.INVALID_INPUT,
            f"password must have at least {MIN_PASSWORD_LENGTH} characters",
            "password",
        )
    if await User.exists(username=username):
        raise ServiceError(UserErrorCode.DUPLICATE_USERNAME, "username is taken", "username")
    async with in_transaction():
        user = await User.create(
            username=username,
            full_name=nfc(full_name),
            email=email,
            password_hash=hash_password(password),
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
