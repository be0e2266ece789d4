"""Sign-in with a session cookie, bearer tokens, and what each lets a viewer see."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from tests.factories import PASSWORD, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

DRAFTS = '{ articles(tenant: "hoankiem", status: DRAFT) { totalCount } }'


async def test_session_cookie_lets_an_editor_see_drafts(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Nháp", published=False)
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    form = await client.get("/dang-nhap", headers={"Host": "thudo.gov.vn"})
    assert form.status_code == 200 and 'name="password"' in form.text
    wrong = await client.post(
        "/dang-nhap",
        data={"username": "bientap", "password": "sai-mat-khau"},
        headers={"Host": "thudo.gov.vn"},
    )
    assert wrong.status_code == 401 and "Sai tên đăng nhập" in wrong.text
    assert "thudo_session" not in wrong.cookies
    assert (await gql(client, DRAFTS))["data"]["articles"]["totalCount"] == 0
    ok = await client.post(
        "/dang-nhap",
        data={"username": "bientap", "password": PASSWORD},
        headers={"Host": "thudo.gov.vn"},
    )
    assert ok.status_code == 303
    assert "httponly" in ok.headers["set-cookie"].lower()
    assert (await gql(client, DRAFTS))["data"]["articles"]["totalCount"] == 1
    await client.post("/dang-xuat", headers={"Host": "thudo.gov.vn"})
    assert (await gql(client, DRAFTS))["data"]["articles"]["totalCount"] == 0


async def test_bearer_tokens_and_forged_cookies(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.ward, "Nháp", published=False)
    await make_viewer("tichhop", {tree.ward: [Role.REPORTER]})
    token = await token_for("tichhop")
    assert (await gql(client, DRAFTS, token=token))["data"]["articles"]["totalCount"] == 1
    assert (await gql(client, DRAFTS, token="thd_forged"))["data"]["articles"]["totalCount"] == 0
    client.cookies.set("thudo_session", "eyJ1aWQiOjF9.forged.signature")
    assert (await gql(client, DRAFTS))["data"]["articles"]["totalCount"] == 0
