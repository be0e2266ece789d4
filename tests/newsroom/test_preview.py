"""Signed, expiring preview links show a draft on its own portal, to whoever holds the link."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from itsdangerous import URLSafeTimedSerializer

from hub.auth.permissions import Role
from hub.services.errors import ServiceError
from hub.services.preview import PreviewSigner
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for


async def test_preview_link_opens_the_draft_and_nothing_else(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.ward)
    draft = await make_article(tree.ward, "Dự thảo thông báo", category=news, published=False)
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    await make_viewer("nguoingoai", {tree.other_ward: [Role.ADMIN]})
    from schema.common import encode_global_id

    ask = 'mutation { articlePreviewLink(id: "%s") { __typename ... on PreviewLink { path expiresAt } ... on ArticleError { code } } }'
    link = (
        await gql(
            client, ask % encode_global_id("Article", draft.id), token=await token_for("bientap")
        )
    )["data"]["articlePreviewLink"]
    assert link["path"].startswith("/xem-truoc/")
    outsider = (
        await gql(
            client, ask % encode_global_id("Article", draft.id), token=await token_for("nguoingoai")
        )
    )["data"]["articlePreviewLink"]
    assert outsider == {"__typename": "ArticleError", "code": "NOT_FOUND"}

    page = await client.get(link["path"], headers={"Host": "hoankiem.thudo.gov.vn"})
    assert page.status_code == 200
    assert "<h1>Dự thảo thông báo</h1>" in page.text and "Bản xem trước" in page.text
    assert page.headers["cache-control"] == "private, no-store"
    assert '<meta name="robots" content="noindex">' in page.text
    # The public article address still hides the draft; other portals do not show it.
    assert (
        await client.get("/tin-tuc/du-thao-thong-bao", headers={"Host": "hoankiem.thudo.gov.vn"})
    ).status_code == 404
    assert (
        await client.get(link["path"], headers={"Host": "hoangmai.thudo.gov.vn"})
    ).status_code == 404
    tampered = link["path"][:-3] + ("abc" if not link["path"].endswith("abc") else "xyz")
    assert (
        await client.get(tampered, headers={"Host": "hoankiem.thudo.gov.vn"})
    ).status_code == 404


async def test_expired_and_forged_tokens_open_nothing() -> None:
    tree = await make_tree()
    draft = await make_article(tree.ward, "Nháp", published=False)
    signer = PreviewSigner("secret", lifetime=timedelta(seconds=-1))
    token, _ = await signer.issue(SYSTEM_SCOPE, draft.id)
    assert await signer.open(token) is None  # already expired
    assert await PreviewSigner("secret").open(token) is not None
    forged = URLSafeTimedSerializer("other-secret", salt="thudo.preview").dumps({"a": draft.id})
    assert await PreviewSigner("secret").open(forged) is None
    with pytest.raises(ServiceError) as missing:
        await PreviewSigner("secret").issue(SYSTEM_SCOPE, 999_999)
    assert missing.value.code == "NOT_FOUND"
