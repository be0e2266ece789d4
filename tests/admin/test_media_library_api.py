"""The media library's API for the workspace: where each file is used, filters, and delete."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from hub.app import create_app
from hub.auth.permissions import Role
from hub.initiatives.models import InitiativeAttachment
from hub.models import MediaAsset, MediaRendition
from hub.models.gazette import GazetteEdition
from hub.models.newsroom import AuditEntry
from hub.services import document_files
from hub.services.articles import ArticleChanges, article_create, article_update
from hub.services.documents import DocumentFields, Signer, document_create
from hub.services.media import media_upload
from hub.settings import Settings
from hub.storage import LocalStorage
from schema.common import encode_global_id
from tests.conftest import SQLCounter
from tests.documents.pdf_fixtures import build_pdf
from tests.factories import SYSTEM_SCOPE, Tree, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for
from tests.media.conftest import png, storage, stored_files  # noqa: F401

USAGES = """query($id: ID!) { node(id: $id) { ... on MediaAsset {
  usages { kind targetId title published } } } }"""
LIST = """query($tenant: String!, $kind: MediaKind, $text: String, $missing: Boolean! = false,
  $n: Int! = 50) {
  mediaAssets(tenant: $tenant, kind: $kind, text: $text, missingAltText: $missing, first: $n) {
    totalCount edges { node { originalFilename altText usages { kind title } } } } }"""
DELETE = """mutation($id: ID!) { mediaDelete(input: {id: $id}) {
  __typename ... on MediaDeleteSuccess { deletedId }
  ... on MediaError { code message usages { kind targetId title } } } }"""


def gid(asset: MediaAsset) -> str:
    return encode_global_id("MediaAsset", asset.id)


async def upload(tree: Tree, name: str, colour: tuple[int, int, int], **kw: Any) -> MediaAsset:
    kw.setdefault("alt_text", f"Ảnh {name}")
    return await media_upload(SYSTEM_SCOPE, tree.ward, name, png(40, 30, colour), **kw)


async def staff(tree: Tree) -> tuple[str, str]:
    await make_viewer("bientap.hoankiem", {tree.ward: [Role.EDITOR]})
    await make_viewer("bientap.hoangmai", {tree.other_ward: [Role.EDITOR]})
    return await token_for("bientap.hoankiem"), await token_for("bientap.hoangmai")


async def test_usages_list_every_use_and_the_public_sees_only_published_ones(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    tree = await make_tree()
    token, _ = await staff(tree)
    photo = await upload(tree, "anh.png", (200, 10, 10))
    # A draft's cover, a published article's gallery and a picture in its body.
    await article_create(
        SYSTEM_SCOPE,
        tree.ward,
        ArticleChanges(title="Bài nháp", body="<p>Nháp</p>", cover_ids=[photo.id]),
    )
    url = "/media/" + photo.storage_key
    live = await make_article(tree.ward, "Bài đã đăng", body=f'<p><img src="{url}" alt="A"></p>')
    await article_update(SYSTEM_SCOPE, live.id, ArticleChanges(gallery_ids=[photo.id]))
    # A draft decision's file, a draft gazette edition's PDF, a citizen's file.
    pdf = await media_upload(SYSTEM_SCOPE, tree.ward, "qd.pdf", build_pdf([["Quyet dinh"]]))
    decision = await document_create(
        SYSTEM_SCOPE,
        tree.ward,
        DocumentFields(
            number="12/QĐ-UBND",
            doc_type="quyet_dinh",
            issuer_name="UBND phường Hoàn Kiếm",
            title="Quyết định về chợ",
            issued_on=date(2026, 11, 1),
            signers=[Signer("Người ký", "Chủ tịch")],
        ),
    )
    await document_files.attach(SYSTEM_SCOPE, decision.id, pdf.id)
    edition = await GazetteEdition.create(
        tenant_id=tree.ward.id,
        year=2026,
        first_number=1,
        label="1",
        published_on=date(2026, 12, 1),
        pdf_id=pdf.id,
    )
    await InitiativeAttachment.create(initiative_id=7, asset_id=pdf.id)

    seen = (await gql(client, USAGES, {"id": gid(photo)}, token=token))["data"]["node"]
    live_id = encode_global_id("Article", live.id)
    assert sorted((u["kind"], u["title"], u["published"]) for u in seen["usages"]) == [
        ("ARTICLE_COVER", "Bài nháp", False),
        ("ARTICLE_GALLERY", "Bài đã đăng", True),
        ("ARTICLE_INLINE", "Bài đã đăng", True),
    ]
    assert {u["targetId"] for u in seen["usages"] if u["published"]} == {live_id}
    files = (await gql(client, USAGES, {"id": gid(pdf)}, token=token))["data"]["node"]
    assert sorted((u["kind"], u["targetId"]) for u in files["usages"]) == [
        ("DOCUMENT_FILE", encode_global_id("LegalDocument", decision.id)),
        ("GAZETTE_PDF", encode_global_id("GazetteEdition", edition.id)),
        ("INITIATIVE_ATTACHMENT", encode_global_id("Initiative", 7)),
    ]
    # Anonymous readers reach the photo (a published article shows it) but not the draft.
    public = (await gql(client, USAGES, {"id": gid(photo)}))["data"]["node"]
    assert sorted(u["kind"] for u in public["usages"]) == ["ARTICLE_GALLERY", "ARTICLE_INLINE"]


async def test_delete_is_refused_while_used_and_says_where(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    tree = await make_tree()
    token, _ = await staff(tree)
    photo = await upload(tree, "bia.png", (10, 200, 10))
    draft = await article_create(
        SYSTEM_SCOPE,
        tree.ward,
        ArticleChanges(title="Bài có ảnh bìa", body="<p>x</p>", cover_ids=[photo.id]),
    )
    before = stored_files(storage)
    result = (await gql(client, DELETE, {"id": gid(photo)}, token=token))["data"]["mediaDelete"]
    assert result["code"] == "IN_USE"
    assert result["usages"] == [
        {
            "kind": "ARTICLE_COVER",
            "targetId": encode_global_id("Article", draft.id),
            "title": "Bài có ảnh bìa",
        }
    ]
    assert await MediaAsset.filter(id=photo.id).exists()
    assert stored_files(storage) == before
    # A picture named only in a body's HTML is a use too.
    inline = await upload(tree, "trong-bai.png", (10, 10, 200))
    rendition = await MediaRendition.filter(asset_id=inline.id).first()
    assert rendition is not None
    body = f'<p><img src="/media/{rendition.storage_key}" alt="B"></p>'
    await article_update(SYSTEM_SCOPE, draft.id, ArticleChanges(body=body))
    result = (await gql(client, DELETE, {"id": gid(inline)}, token=token))["data"]["mediaDelete"]
    assert result["code"] == "IN_USE"
    assert [u["kind"] for u in result["usages"]] == ["ARTICLE_INLINE"]


async def test_deleting_an_unused_asset_removes_its_files_unless_another_row_holds_them(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    tree = await make_tree()
    token, other = await staff(tree)
    unused = await upload(tree, "thua.png", (120, 120, 0))
    keys = [unused.storage_key] + [
        r.storage_key for r in await MediaRendition.filter(asset_id=unused.id)
    ]
    assert len(keys) == 2 and all([await storage.exists(k) for k in keys])
    # The same bytes in another ward's library: one file on disk for both.
    twin = await media_upload(
        SYSTEM_SCOPE, tree.other_ward, "giong.png", png(40, 30, (120, 120, 0)), alt_text="Giống"
    )
    assert twin.storage_key == unused.storage_key
    lone = await upload(tree, "mot-minh.png", (0, 120, 120))
    lone_keys = [lone.storage_key] + [
        r.storage_key for r in await MediaRendition.filter(asset_id=lone.id)
    ]

    # Another ward's editor and anonymous clients: as if the file did not exist.
    for who in (other, None):
        result = (await gql(client, DELETE, {"id": gid(lone)}, token=who))["data"]
        assert result["mediaDelete"]["code"] == "NOT_FOUND"
    assert await MediaAsset.filter(id=lone.id).exists()

    result = (await gql(client, DELETE, {"id": gid(lone)}, token=token))["data"]["mediaDelete"]
    assert result == {"__typename": "MediaDeleteSuccess", "deletedId": gid(lone)}
    assert not await MediaAsset.filter(id=lone.id).exists()
    assert not await MediaRendition.filter(asset_id=lone.id).exists()
    assert not any([await storage.exists(k) for k in lone_keys])
    entry = await AuditEntry.get(object_type="MediaAsset", object_id=lone.id)
    assert entry.action == "delete" and entry.actor_name == "bientap.hoankiem"
    assert entry.changes["filename"] == "mot-minh.png" and entry.tenant_id == tree.ward.id

    result = (await gql(client, DELETE, {"id": gid(unused)}, token=token))["data"]["mediaDelete"]
    assert result["__typename"] == "MediaDeleteSuccess"
    assert all([await storage.exists(k) for k in keys])  # the twin still holds them
    again = (await gql(client, DELETE, {"id": gid(unused)}, token=token))["data"]["mediaDelete"]
    assert again["code"] == "NOT_FOUND"


async def test_filters_kind_folded_text_and_missing_alt_text(
    client: httpx.AsyncClient,
    storage: LocalStorage,  # noqa: F811
) -> None:
    tree = await make_tree()
    token, other = await staff(tree)
    await upload(tree, "Pho-co.png", (1, 2, 3), caption="Phố cổ Hà Nội về đêm")
    await upload(tree, "HOAN-KIEM.png", (4, 5, 6), alt_text="Hồ Gươm buổi sáng")
    bare = await upload(tree, "chua-mo-ta.png", (7, 8, 9))
    await MediaAsset.filter(id=bare.id).update(alt_text="")  # as an old import left it
    await media_upload(SYSTEM_SCOPE, tree.ward, "qd.pdf", build_pdf([["Ha Noi"]]))

    async def names(token: str | None = token, **variables: Any) -> list[str]:
        variables.setdefault("tenant", "hoankiem")
        result = await gql(client, LIST, variables, token=token)
        assets = result["data"]["mediaAssets"]
        assert assets["totalCount"] == len(assets["edges"])
        return [e["node"]["originalFilename"] for e in assets["edges"]]

    assert await names() == ["qd.pdf", "chua-mo-ta.png", "HOAN-KIEM.png", "Pho-co.png"]
    assert await names(kind="DOCUMENT") == ["qd.pdf"]
    assert await names(text="ha noi") == ["Pho-co.png"]
    assert await names(text="HÀ NỘI đêm") == ["Pho-co.png"]
    assert await names(text="hoan kiem") == ["HOAN-KIEM.png"]  # words, not the phrase
    assert await names(text="kiem hoan") == ["HOAN-KIEM.png"]
    assert await names(text="hoan nam") == []  # every word must be there
    assert await names(text="ho guom") == ["HOAN-KIEM.png"]
    assert await names(text="png") == ["chua-mo-ta.png", "HOAN-KIEM.png", "Pho-co.png"]
    assert await names(text="png", kind="DOCUMENT") == []
    assert await names(missing=True) == ["chua-mo-ta.png"]
    # Another ward's editor sees none of these files (none is public).
    assert await names(token=other) == []
    assert await names(token=other, text="png") == []
    # Paging through a text search.
    first = await gql(client, LIST, {"tenant": "hoankiem", "text": "png", "n": 2}, token=token)
    assert len(first["data"]["mediaAssets"]["edges"]) == 2
    assert first["data"]["mediaAssets"]["totalCount"] == 3


async def test_a_page_of_assets_with_usages_costs_a_fixed_number_of_statements(
    settings: Settings,
    storage: LocalStorage,  # noqa: F811
    count_sql: SQLCounter,
) -> None:
    app = create_app(settings, manage_database=False)
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://thudo.gov.vn"
    )
    tree = await make_tree()
    token, _ = await staff(tree)
    assets = [await upload(tree, f"{i}.png", (i * 4, 100, 200 - i * 3)) for i in range(55)]
    live = await make_article(tree.ward, "Bài có ảnh")
    await article_update(
        SYSTEM_SCOPE,
        live.id,
        ArticleChanges(cover_ids=[assets[-1].id], gallery_ids=[a.id for a in assets[:40]]),
    )
    query = """query($n: Int!) { mediaAssets(tenant: "hoankiem", first: $n) { totalCount
      edges { node { id originalFilename srcset usages { kind targetId title published } } } } }"""
    await gql(client, "{ __typename }", token=token)
    counts = {}
    for n in (5, 50):
        count_sql.statements.clear()
        result = await gql(client, query, {"n": n}, token=token)
        edges = result["data"]["mediaAssets"]["edges"]
        assert len(edges) == n
        assert edges[0]["node"]["usages"][0]["kind"] == "ARTICLE_COVER"
        counts[n] = len(count_sql.statements)
    # The viewer (token, its last use, roles, user: 4), the page, its renditions, the
    # total, and the usages: article links, documents, gazette, placement covers,
    # citizens' files, renditions' keys, article bodies (7).
    assert counts[5] == counts[50] == 14, count_sql.statements
    await client.aclose()
