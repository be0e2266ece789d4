"""The media library through GraphQL: the scoped list, `mediaUpdate`, and the SQL bill."""

from __future__ import annotations

import httpx

from hub.app import create_app
from hub.auth.permissions import Role
from hub.models import ArticleMedia, MediaAsset, MediaRole
from hub.services.media import media_upload
from hub.settings import Settings
from hub.storage import LocalStorage
from schema.common import encode_global_id
from tenants.models import Tenant
from tests.conftest import SQLCounter
from tests.factories import SYSTEM_SCOPE, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for
from tests.media.conftest import fixture_bytes, png

LIST = """query($n: Int!, $kind: MediaKind) {
  mediaAssets(tenant: "hanoi", first: $n, kind: $kind) {
    totalCount
    edges { node { id kind altText url srcset durationSeconds tenant { name }
      renditions { width height url } } }
  }
}"""
UPDATE = """mutation($input: MediaUpdateInput!) { mediaUpdate(input: $input) {
  ... on MediaSuccess { asset { altText caption credit focalX focalY transcript captions } }
  ... on MediaError { code field } } }"""


async def in_published_article(tenant: Tenant, assets: list[MediaAsset]) -> None:
    """Use the files in a published article: only then are they public."""
    article = await make_article(tenant, "Bài có tệp")
    await ArticleMedia.bulk_create(
        [
            ArticleMedia(article_id=article.id, asset_id=a.id, role=MediaRole.GALLERY, position=i)
            for i, a in enumerate(assets)
        ]
    )


async def test_the_library_lists_newest_first_and_filters_by_kind(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    tree = await make_tree()
    image = await media_upload(SYSTEM_SCOPE, tree.city, "a.png", png(700, 500), alt_text="Ảnh A")
    audio = await media_upload(SYSTEM_SCOPE, tree.city, "b.mp3", fixture_bytes("tone.mp3"))
    await media_upload(SYSTEM_SCOPE, tree.ward, "c.png", png(50, 50), alt_text="Của phường")
    await in_published_article(tree.city, [image, audio])
    # Anonymous readers see the portal's files of published content (test_visibility.py).
    everything = (await gql(client, LIST, {"n": 10}))["data"]["mediaAssets"]
    assert everything["totalCount"] == 2
    nodes = [e["node"] for e in everything["edges"]]
    assert [n["kind"] for n in nodes] == ["AUDIO", "IMAGE"]
    audio, image = nodes
    assert audio["renditions"] == [] and audio["srcset"] is None
    assert audio["durationSeconds"] > 0.9
    assert [r["width"] for r in image["renditions"]] == [320, 640]
    assert image["srcset"].endswith(" 640w") and image["tenant"]["name"] == "Thành phố Hà Nội"
    images = (await gql(client, LIST, {"n": 10, "kind": "IMAGE"}))["data"]["mediaAssets"]
    assert [e["node"]["altText"] for e in images["edges"]] == ["Ảnh A"]


async def test_media_update_changes_the_text_and_keeps_the_rules(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    tree = await make_tree()
    await make_viewer("bientap", {tree.city: [Role.EDITOR]})
    await make_viewer("phuong", {tree.ward: [Role.EDITOR]})
    asset = await media_upload(SYSTEM_SCOPE, tree.city, "a.png", png(60, 40), alt_text="Cũ")
    asset_id = encode_global_id("MediaAsset", asset.id)
    token = await token_for("bientap")
    changes = {
        "id": asset_id,
        "altText": "Mới",
        "caption": "Chú thích",
        "focalX": 0.1,
        "captions": "WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào",
    }
    result = (await gql(client, UPDATE, {"input": changes}, token=token))["data"]["mediaUpdate"]
    assert result["asset"] == {
        "altText": "Mới",
        "caption": "Chú thích",
        "credit": "",
        "focalX": 0.1,
        "focalY": 0.5,
        "transcript": None,
        "captions": changes["captions"],
    }
    cleared = {"id": asset_id, "altText": ""}
    result = (await gql(client, UPDATE, {"input": cleared}, token=token))["data"]["mediaUpdate"]
    assert result == {"code": "ALT_TEXT_REQUIRED", "field": "alt_text"}
    other = await token_for("phuong")
    result = (await gql(client, UPDATE, {"input": changes}, token=other))["data"]["mediaUpdate"]
    # A file no published content uses is not public: to another portal it does
    # not exist, as another portal's draft article (test_visibility.py).
    assert result["code"] == "NOT_FOUND"
    missing = {"id": encode_global_id("MediaAsset", asset.id + 99)}
    result = (await gql(client, UPDATE, {"input": missing}, token=token))["data"]["mediaUpdate"]
    assert result["code"] == "NOT_FOUND"
    wrong = await gql(client, UPDATE, {"input": {"id": encode_global_id("Article", 1)}})
    assert wrong["errors"][0]["extensions"]["code"] == "INVALID_ID"


async def test_media_list_statement_count_is_constant(
    settings: Settings, storage: LocalStorage, count_sql: SQLCounter
) -> None:
    app = create_app(settings, manage_database=False)
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://thudo.gov.vn"
    )
    tree = await make_tree()
    assets = []
    for i in range(60):
        if i % 10 == 0:
            assets.append(
                await media_upload(SYSTEM_SCOPE, tree.city, f"{i}.mp3", fixture_bytes("tone.mp3"))
            )
            continue
        data = png(330 + i, 200, (i * 4, 100, 200 - i * 3))
        assets.append(
            await media_upload(SYSTEM_SCOPE, tree.city, f"{i}.png", data, alt_text=f"Ảnh {i}")
        )
    await in_published_article(tree.city, assets)
    counts = {}
    await gql(client, "{ __typename }", host="hoankiem.thudo.gov.vn")
    for n in (5, 50):
        count_sql.statements.clear()
        result = await gql(client, LIST, {"n": n}, host="hoankiem.thudo.gov.vn")
        edges = result["data"]["mediaAssets"]["edges"]
        assert len(edges) == n
        assert all(e["node"]["renditions"] for e in edges if e["node"]["kind"] == "IMAGE")
        counts[n] = len(count_sql.statements)
    # the page, its renditions, the total (the tenant comes from the directory cache).
    assert counts[5] == counts[50] <= 4, count_sql.statements
    await client.aclose()
