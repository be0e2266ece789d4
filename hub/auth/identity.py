"""Who is asking: a signed session cookie (browsers) or a bearer token (integrators).

Both end in the same :class:`~tenants.scope.Viewer`, loaded with its roles.

**Sessions can be ended on the server.** A cookie carries the user's session
generation (``user.session_generation``) as it was at sign-in. Sign-out, a
password change and deactivation raise the number, and the check rides on
the user row every signed-in request loads anyway: no session table, no
extra statement, and anonymous requests (no cookie) never reach the database.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Sequence

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import HTTPConnection
from tortoise.expressions import F
from tortoise.timezone import now

from hub.auth.passwords import check_password
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

    def dumps(self, user_id: int, generation: int = 0) -> str:
        return self._serializer.dumps({"uid": user_id, "gen": generation})

    def read(self, cookie: str) -> tuple[int, int] | None:
        """``(user id, session generation)`` of a valid cookie, else None.

        A cookie signed before generations existed counts as generation 0,
        which every user starts with, so the upgrade signs no one out.
        """
        try:
            data = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        uid, generation = data.get("uid"), data.get("gen", 0)
        if not isinstance(uid, int) or not isinstance(generation, int):
            return None
        return uid, generation

    def loads(self, cookie: str) -> int | None:
        """The user id of a valid cookie (its generation unchecked), else None."""
        claim = self.read(cookie)
        return claim[0] if claim else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_api_token(user: User, name: str) -> str:
    """Create a token for ``user``; the plain token is returned once, never stored."""
    token = "thd_" + secrets.token_urlsafe(32)
    await ApiToken.create(user=user, name=name, token_hash=hash_token(token))
    return token


async def authenticate_password(username: str, password: str) -> User | None:
    """The active user with this password, else None, after the same Argon2 work either way."""
    user = await User.get_or_none(username=username, is_active=True)
    if not await check_password(user.password_hash if user else None, password):
        return None
    return user


async def end_sessions(user_id: int, generation: int | None = None) -> None:
    """End every session of a user at once: their cookies stop working on the next request.

    With ``generation`` (sign-out) only if the cookie is still current, so
    replaying an old cookie's sign-out does nothing more.
    """
    query = User.filter(id=user_id)
    if generation is not None:
        query = query.filter(session_generation=generation)
    await query.update(session_generation=F("session_generation") + 1)


async def viewer_for_user_id(user_id: int, generation: int | None = None) -> Viewer:
    """The viewer for an active user, with every role.

    ``generation`` is the session cookie's: a cookie from before a sign-out,
    a password change or a deactivation no longer matches and is anonymous.
    """
    rows = await Membership.filter(user_id=user_id, user__is_active=True).values_list(
        "tenant_id", "role"
    )
    user = await User.get_or_none(id=user_id, is_active=True)
    if user is None or (generation is not None and user.session_generation != generation):
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
    return await viewer_for_credentials(
        conn.headers.get("authorization", ""), conn.cookies.get(SESSION_COOKIE), signer
    )


async def viewer_for_credentials(
    authorization: str, session_cookie: str | None, signer: SessionSigner
) -> Viewer:
    """The viewer of an ``Authorization`` value or a session cookie (HTTP headers,
    or a WebSocket's `connectionParams`); anything unrecognised is anonymous."""
    if authorization.lower().startswith("bearer "):
        token = await ApiToken.get_or_none(
            token_hash=hash_token(authorization[7:].strip()), revoked=False
        )
        if token is None:
            return ANONYMOUS
        await ApiToken.filter(id=token.id).update(last_used_at=now())
        return await viewer_for_user_id(token.user_id)
    if session_cookie:
        claim = signer.read(session_cookie)
        if claim is not None:
            return await viewer_for_user_id(*claim)
    return ANONYMOUS
