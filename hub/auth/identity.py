"""Who is asking: a signed session cookie (browsers) or a bearer token (integrators).

Both end in the same :class:`~tenants.scope.Viewer`, loaded with its roles in
one query.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Sequence

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import HTTPConnection
from tortoise.timezone import now

from hub.auth.passwords import verify_password
from hub.models import ApiToken, Membership, User
from tenants.scope import ANONYMOUS, Viewer

SESSION_COOKIE = "thudo_session"
SESSION_MAX_AGE = 12 * 3600  # one working day


class SessionSigner:
    """Signs and reads the session cookie (user id + issue time).

    ``secret_key`` may be a list, oldest first: every key verifies, the last
    one signs. That is how a key is rotated without signing everyone out
    (``THUDO_SECRET_KEY_PREVIOUS``).
    """

    def __init__(self, secret_key: str | Sequence[str]) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="thudo.session")

    def dumps(self, user_id: int) -> str:
        return self._serializer.dumps({"uid": user_id})

    def loads(self, cookie: str) -> int | None:
        try:
            data = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        uid = data.get("uid") if isinstance(data, dict) else None
        return uid if isinstance(uid, int) else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_api_token(user: User, name: str) -> str:
    """Create a token for ``user``; the plain token is returned once, never stored."""
    token = "thd_" + secrets.token_urlsafe(32)
    await ApiToken.create(user=user, name=name, token_hash=hash_token(token))
    return token


async def authenticate_password(username: str, password: str) -> User | None:
    user = await User.get_or_none(username=username, is_active=True)
    if user is None or not verify_password(user.password_hash, password):
        return None
    return user


async def viewer_for_user_id(user_id: int) -> Viewer:
    """The viewer for an active user, with every role, in one query."""
    rows = await Membership.filter(user_id=user_id, user__is_active=True).values_list(
        "tenant_id", "role"
    )
    user = await User.get_or_none(id=user_id, is_active=True)
    if user is None:
        return ANONYMOUS
    roles: dict[int, set[str]] = defaultdict(set)
    for tenant_id, role in rows:
        roles[tenant_id].add(str(role))
    return Viewer(
        user_id=user.id,
        username=user.username,
        is_superuser=user.is_superuser,
        roles={tid: frozenset(r) for tid, r in roles.items()},
    )


async def viewer_for_request(conn: HTTPConnection, signer: SessionSigner) -> Viewer:
    """Resolve the viewer of a request; anything unrecognised is anonymous."""
    auth = conn.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        token = await ApiToken.get_or_none(token_hash=hash_token(auth[7:].strip()), revoked=False)
        if token is None:
            return ANONYMOUS
        await ApiToken.filter(id=token.id).update(last_used_at=now())
        return await viewer_for_user_id(token.user_id)
    cookie = conn.cookies.get(SESSION_COOKIE)
    if cookie:
        user_id = signer.loads(cookie)
        if user_id is not None:
            return await viewer_for_user_id(user_id)
    return ANONYMOUS
