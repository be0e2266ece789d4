"""Kinds, tags, sources, related articles and translations."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.models import Language
from hub.services.articles import ArticleChanges, article_create, article_update
from schema.common import encode_global_id
from tests.factories import SYSTEM_SCOPE, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

FIELDS = """kind byline sourceName sourceUrl pinned tags { slug name }
  related { title } translationOf { title } translations { title language } translationStale"""


async def test_fields_tags_and_related_round_trip(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    other = await make_article(tree.city, "Bài liên quan")
    foreign = await make_article(tree.ward, "Bài phường")
    await make_viewer("bientap", {tree.city: [Role.APPROVER]})
    token = await token_for("bientap")
    result = await gql(
        client,
        """mutation($rel: [ID!]) { articleCreate(input: {tenant: "hanoi", title: "Ảnh: Lễ hội",
            kind: GALLERY, byline: "Nhóm phóng viên", sourceName: "Báo Hà Nội Mới",
            sourceUrl: "https://hanoimoi.vn/le-hoi", pinned: true,
            tags: ["Lễ hội", "lễ hội", "Văn hóa"], related: $rel}) {
          ... on ArticleSuccess { article { %s } } ... on ArticleError { code field } } }"""
        % FIELDS,
        {"rel": [encode_global_id("Article", other.id)]},
        token=token,
    )
    article = result["data"]["articleCreate"]["article"]
    assert article["kind"] == "GALLERY" and article["pinned"] is True
    assert article["sourceUrl"] == "https://hanoimoi.vn/le-hoi"
    assert article["tags"] == [
        {"slug": "le-hoi", "name": "Lễ hội"},
        {"slug": "van-hoa", "name": "Văn hóa"},
    ]
    assert article["related"] == [{"title": "Bài liên quan"}]

    for bad, field in (
        ('sourceUrl: "javascript:alert(1)"', "sourceUrl"),
        ("kind: LINK", "sourceUrl"),
        ('related: ["%s"]' % encode_global_id("Article", foreign.id), "related"),
    ):
        refused = await gql(
            client,
            'mutation { articleCreate(input: {tenant: "hanoi", title: "Sai", %s}) '
            "{ ... on ArticleError { code field } } }" % bad,
            token=token,
        )
        assert refused["data"]["articleCreate"] == {"code": "INVALID_INPUT", "field": field}


async def test_translation_goes_stale_when_the_original_changes(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    source = await make_article(tree.city, "Hà Nội khai trương tuyến buýt điện")
    english = await article_create(
        SYSTEM_SCOPE,
        tree.city,
        ArticleChanges(title="Hanoi opens an electric bus line"),
        Language.EN,
        translation_of=source.id,
    )
    query = '{ article(tenant: "hanoi", slug: "%s", language: %s) { %s } }'
    await make_viewer("bientap", {tree.city: [Role.EDITOR]})
    token = await token_for("bientap")
    fresh = (await gql(client, query % (english.slug, "EN", FIELDS), token=token))["data"][
        "article"
    ]
    assert fresh["translationOf"] == {"title": "Hà Nội khai trương tuyến buýt điện"}
    assert fresh["translationStale"] is False
    await article_update(SYSTEM_SCOPE, source.id, ArticleChanges(summary="Thêm 3 tuyến mới"))
    stale = (await gql(client, query % (english.slug, "EN", FIELDS), token=token))["data"][
        "article"
    ]
    assert stale["translationStale"] is True
    await article_update(SYSTEM_SCOPE, english.id, ArticleChanges(summary="Three new lines"))
    synced = (await gql(client, query % (english.slug, "EN", FIELDS), token=token))["data"][
        "article"
    ]
    assert synced["translationStale"] is False
    original = (await gql(client, query % (source.slug, "VI", FIELDS)))["data"]["article"]
    assert original["translations"] == []  # the English draft is not public yet
    duplicate = await gql(
        client,
        'mutation { articleCreate(input: {tenant: "hanoi", title: "Again", language: EN, '
        'translationOf: "%s"}) { ... on ArticleError { code field } } }'
        % encode_global_id("Article", source.id),
        token=token,
    )
    assert duplicate["data"]["articleCreate"] == {"code": "INVALID_INPUT", "field": "translationOf"}
