"""Accounts that resist attack (issue 14, finding 7): throttling, no enumeration,
Argon2 off the event loop, CSRF on the forms, sessions ended on the server."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from hub.auth import passwords, throttle
from hub.auth.permissions import Role
from hub.services.users import user_deactivate, user_set_password
from tests.factories import PASSWORD, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql

HOST = {"Host": "thudo.gov.vn"}
DRAFTS = '{ articles(tenant: "hoankiem", status: DRAFT) { totalCount } }'


class WallClock:
    """Stands in for the throttle module's ``time``: wall-clock seconds, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> WallClock:
    wall = WallClock()
    monkeypatch.setattr(throttle, "time", wall)
    return wall


class CountingHasher:
    """Argon2's hasher, counting verifications and the threads they ran on."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.verified = 0
        self.threads: set[str] = set()

    def verify(self, password_hash: str, password: str) -> bool:
        self.verified += 1
        self.threads.add(threading.current_thread().name)
        return bool(self.real.verify(password_hash, password))

    def hash(self, password: str) -> str:
        return str(self.real.hash(password))


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    counting = CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", counting)
    return counting


async def sign_in(
    client: httpx.AsyncClient, username: str, password: str, **headers: str
) -> httpx.Response:
    return await client.post(
        "/dang-nhap", data={"username": username, "password": password}, headers={**HOST, **headers}
    )


async def drafts_seen(client: httpx.AsyncClient) -> int:
    return int((await gql(client, DRAFTS))["data"]["articles"]["totalCount"])


async def test_a_login_flood_is_throttled_with_growing_delays(
    client: httpx.AsyncClient, clock: WallClock, hasher: CountingHasher
) -> None:
    tree = await make_tree()
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    statuses = [(await sign_in(client, "bientap", f"sai-{i}")).status_code for i in range(20)]
    # The free failures are answered as wrong; then the account waits.
    assert statuses[: throttle.ACCOUNT_FREE_FAILURES + 1] == [401] * (
        throttle.ACCOUNT_FREE_FAILURES + 1
    )
    assert set(statuses[throttle.ACCOUNT_FREE_FAILURES + 1 :]) == {429}
    # Refused attempts cost no Argon2 work.
    assert hasher.verified == throttle.ACCOUNT_FREE_FAILURES + 1

    refused = await sign_in(client, "bientap", PASSWORD)
    assert refused.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in refused.text and "Too many failed" in refused.text
    assert "thudo_session" not in refused.cookies
    first_wait = int(refused.headers["retry-after"])

    # Once the delay has passed one more wrong password makes the next delay longer.
    clock.advance(first_wait + 1)
    assert (await sign_in(client, "bientap", "van-sai-mat-khau")).status_code == 401
    again = await sign_in(client, "bientap", PASSWORD)
    assert again.status_code == 429
    assert int(again.headers["retry-after"]) > first_wait

    clock.advance(int(again.headers["retry-after"]) + 1)
    assert (await sign_in(client, "bientap", PASSWORD)).status_code == 303
    assert await drafts_seen(client) == 0  # no drafts exist; the session works
    # A success clears the account's count: the next mistake is free again.
    client.cookies.clear()
    assert (await sign_in(client, "bientap", "sai-lan-nua")).status_code == 401


async def test_one_address_trying_many_names_is_throttled(
    client: httpx.AsyncClient, clock: WallClock
) -> None:
    tree = await make_tree()
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    for i in range(throttle.ADDRESS_FREE_FAILURES + 1):
        assert (await sign_in(client, f"ten-{i}", "mat-khau-doan")).status_code == 401
    # Even a right password of another account waits now, from this address.
    assert (await sign_in(client, "bientap", PASSWORD)).status_code == 429
    clock.advance(throttle.MAX_DELAY)
    assert (await sign_in(client, "bientap", PASSWORD)).status_code == 303


async def test_unknown_user_and_wrong_password_do_the_same_argon2_work(
    client: httpx.AsyncClient, clock: WallClock, hasher: CountingHasher
) -> None:
    tree = await make_tree()
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    assert (await sign_in(client, "bientap", "sai-mat-khau")).status_code == 401
    wrong_password = hasher.verified
    assert (await sign_in(client, "khong-ton-tai", "sai-mat-khau")).status_code == 401
    unknown_user = hasher.verified - wrong_password
    assert wrong_password == unknown_user == 1
    # Argon2 ran on the hub's small executor, never on the event loop's thread.
    assert hasher.threads and all(name.startswith("argon2") for name in hasher.threads)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://ke-xau.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://ke-xau.example"},
        # A sibling portal is the same site but another origin.
        {"Sec-Fetch-Site": "same-site", "Origin": "https://hoankiem.thudo.gov.vn"},
    ],
)
async def test_cross_site_sign_in_and_sign_out_are_refused(
    client: httpx.AsyncClient, clock: WallClock, headers: dict[str, str]
) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Nháp", published=False)
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    refused = await sign_in(client, "bientap", PASSWORD, **headers)
    assert refused.status_code == 403
    assert "trang khác" in refused.text and "another site" in refused.text
    assert "thudo_session" not in refused.cookies

    same = await sign_in(
        client,
        "bientap",
        PASSWORD,
        Origin="http://thudo.gov.vn",
        **{"Sec-Fetch-Site": "same-origin"},
    )
    assert same.status_code == 303
    assert await drafts_seen(client) == 1
    # A foreign page cannot sign the editor out either.
    out = await client.post("/dang-xuat", headers={**HOST, **headers})
    assert out.status_code == 403 and "another site" in out.text
    assert await drafts_seen(client) == 1


async def test_a_signed_out_cookie_no_longer_works(
    client: httpx.AsyncClient, clock: WallClock
) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Nháp", published=False)
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    assert (await sign_in(client, "bientap", PASSWORD)).status_code == 303
    stolen = client.cookies["thudo_session"]
    assert await drafts_seen(client) == 1
    await client.post("/dang-xuat", headers=HOST)
    client.cookies.set("thudo_session", stolen, domain="thudo.gov.vn")
    assert await drafts_seen(client) == 0
    # Signing in again gives a new session that works.
    assert (await sign_in(client, "bientap", PASSWORD)).status_code == 303
    assert await drafts_seen(client) == 1


async def test_password_change_and_deactivation_end_sessions(
    client: httpx.AsyncClient, clock: WallClock
) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Nháp", published=False)
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    assert (await sign_in(client, "bientap", PASSWORD)).status_code == 303
    assert await drafts_seen(client) == 1
    await user_set_password("bientap", "mat-khau-moi-2026")
    assert await drafts_seen(client) == 0
    assert (await sign_in(client, "bientap", "mat-khau-moi-2026")).status_code == 303
    old_session = client.cookies["thudo_session"]
    assert await drafts_seen(client) == 1
    await user_deactivate("bientap")
    assert await drafts_seen(client) == 0
    # Reactivated later, the account's old cookies stay dead.
    from hub.models import User

    await User.filter(username="bientap").update(is_active=True)
    client.cookies.set("thudo_session", old_session, domain="thudo.gov.vn")
    assert await drafts_seen(client) == 0


async def test_malformed_sign_in_forms_get_a_bilingual_400(
    client: httpx.AsyncClient, clock: WallClock
) -> None:
    with_file = await client.post("/dang-nhap", files={"username": ("a.txt", b"x")}, headers=HOST)
    many = await client.post("/dang-nhap", data={f"f{i}": "x" for i in range(10)}, headers=HOST)
    broken = await client.post(
        "/dang-nhap",
        content=b"--zz\r\nnot a part",
        headers={**HOST, "Content-Type": "multipart/form-data; boundary=zz"},
    )
    for response in (with_file, many, broken):
        assert response.status_code == 400, response.text
        assert (
            "Yêu cầu không hợp lệ" in response.text or "/ The request is not valid" in response.text
        )
