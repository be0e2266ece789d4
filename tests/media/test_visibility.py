"""Which files anonymous clients may list: only those of published content (issue 14, item 8).

Before, ``mediaAssets`` listed every file of a portal to anyone, so the
signed PDF of a decision still in draft could be found (and downloaded)
before its publication. ``MediaAsset.public_filter`` now says what is public.
"""

from __future__ import annotations

from datetime import date

import httpx

from hub.auth.permissions import Role
from hub.services import document_files
from hub.services.articles import ArticleChanges, article_create, article_update
from hub.services.documents import DocumentFields, Signer, document_create, document_step
from hub.services.media import media_upload
from hub.storage import LocalStorage
from schema.common import encode_global_id
from tests.documents.pdf_fixtures import build_pdf
from tests.factories import SYSTEM_SCOPE, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for
from tests.media.conftest import png

LIST = """{ mediaAssets(tenant: "hanoi", first: 50) {
  totalCount edges { node { originalFilename } } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on MediaAsset { originalFilename } } }"


def fields(number: str) -> DocumentFields:
    return DocumentFields(
        number=number,
        doc_type="quyet_dinh",
        issuer_name="UBND Thành phố Hà Nội",
        title=f"Quyết định {number}",
        issued_on=date(2026, 11, 1),
        signers=[Signer("Người ký", "Chủ tịch")],
    )


async def listed(client: httpx.AsyncClient, token: str | None = None) -> set[str]:
    result = await gql(client, LIST, token=token)
    assets = result["data"]["mediaAssets"]
    names = {e["node"]["originalFilename"] for e in assets["edges"]}
    assert assets["totalCount"] == len(names)
    return names


async def test_anonymous_clients_list_only_files_of_published_content(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    tree = await make_tree()
    city = tree.city

    async def upload(name: str, data: bytes) -> int:
        return (await media_upload(SYSTEM_SCOPE, city, name, data, alt_text=name)).id

    # A decision in draft with its signed PDF, and a published one with its own.
    draft_doc = await document_create(SYSTEM_SCOPE, city, fields("99/QĐ-UBND"))
    draft_pdf = await upload("du-thao.pdf", build_pdf([["Ban du thao"]]))
    await document_files.attach(SYSTEM_SCOPE, draft_doc.id, draft_pdf)
    issued = await document_create(SYSTEM_SCOPE, city, fields("98/QĐ-UBND"))
    issued_pdf = await upload("da-ban-hanh.pdf", build_pdf([["Da ban hanh"]]))
    await document_files.attach(SYSTEM_SCOPE, issued.id, issued_pdf)
    await document_step(SYSTEM_SCOPE, issued.id, "publish")
    # A draft article's cover, a published article's gallery, an upload nothing uses.
    await article_create(
        SYSTEM_SCOPE,
        city,
        ArticleChanges(
            title="Bài chưa đăng",
            body="<p>Nháp</p>",
            cover_ids=[await upload("bia-nhap.png", png(40, 30, (200, 0, 0)))],
        ),
    )
    live = await make_article(city, "Bài đã đăng")
    gallery = await upload("anh-da-dang.png", png(40, 30, (0, 200, 0)))
    await article_update(SYSTEM_SCOPE, live.id, ArticleChanges(gallery_ids=[gallery]))
    await upload("chua-dung.png", png(40, 30, (0, 0, 200)))

    public = {"da-ban-hanh.pdf", "anh-da-dang.png"}
    assert await listed(client) == public
    hidden = await gql(client, NODE, {"id": encode_global_id("MediaAsset", draft_pdf)})
    assert hidden["data"]["node"] is None
    shown = await gql(client, NODE, {"id": encode_global_id("MediaAsset", issued_pdf)})
    assert shown["data"]["node"] == {"originalFilename": "da-ban-hanh.pdf"}

    # The portal's editors still see their whole library; another ward's do not.
    await make_viewer("bientap", {city: [Role.EDITOR]})
    await make_viewer("phuong", {tree.ward: [Role.EDITOR]})
    assert await listed(client, await token_for("bientap")) == public | {
        "du-thao.pdf",
        "bia-nhap.png",
        "chua-dung.png",
    }
    assert await listed(client, await token_for("phuong")) == public

    # Publishing the decision makes its file public.
    await document_step(SYSTEM_SCOPE, draft_doc.id, "publish")
    assert "du-thao.pdf" in await listed(client)
