"""The document-management system's inbound API: idempotent, authenticated, all or nothing."""

from __future__ import annotations

import json
from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.models.documents import DocumentAttachment, DocumentSigner, LegalDocument
from hub.models.media import MediaAsset
from tests.documents.pdf_fixtures import build_pdf
from tests.factories import make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

IMPORT = """
mutation($input: DocumentImportInput!) {
  documentImport(input: $input) {
    __typename
    ... on DocumentImportSuccess { created document { number title status validity
        signers { name jobTitle } fields attachments { sha256 } } }
    ... on DocumentError { code message field }
  }
}"""


def payload(**document: Any) -> dict[str, Any]:
    doc = {
        "number": "1628/QĐ-UBND",
        "type": "quyet_dinh",
        "issuer": "UBND Thành phố Hà Nội",
        "title": "Quyết định phê duyệt Kế hoạch thử nghiệm Cổng thông tin điện tử",
        "issuedOn": "2024-03-15",
        "abstract": "Phê duyệt kế hoạch thử nghiệm.",
        "signers": [{"name": "Hà Minh Hải", "jobTitle": "Phó Chủ tịch"}],
        "fields": ["Công nghệ thông tin"],
        **document,
    }
    return {
        "tenant": "hanoi",
        "sourceSystem": "qlvb-hanoi",
        "sourceId": "VB-2024-000123",
        "document": doc,
        "files": [],
        "publish": True,
    }


async def send(
    client: httpx.AsyncClient, token: str, input_: dict[str, Any], files: list[bytes]
) -> dict[str, Any]:
    """A GraphQL multipart request as the sending system makes it (plain JSON without files)."""
    if not files:
        result = await gql(client, IMPORT, {"input": input_}, token)
        return result["data"]["documentImport"]  # type: ignore[no-any-return]
    input_ = {**input_, "files": [None] * len(files)}
    operations = json.dumps({"query": IMPORT, "variables": {"input": input_}})
    mapping = json.dumps({str(i): [f"variables.input.files.{i}"] for i in range(len(files))})
    response = await client.post(
        "/graphql",
        data={"operations": operations, "map": mapping},
        files={
            str(i): (f"van-ban-{i}.pdf", data, "application/pdf") for i, data in enumerate(files)
        },
        headers={"Host": "thudo.gov.vn", "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]["documentImport"]
    return result


async def importer() -> str:
    tree = await make_tree()
    await make_viewer("qlvb", {tree.city: [Role.ADMIN]})
    return await token_for("qlvb")


async def test_sending_twice_gives_one_document(client: httpx.AsyncClient) -> None:
    token = await importer()
    pdf = build_pdf((("Quyết định số 1628/QĐ-UBND",),))
    first = await send(client, token, payload(), [pdf])
    assert first["__typename"] == "DocumentImportSuccess", first
    assert first["created"] is True
    assert first["document"]["status"] == "PUBLISHED"
    assert first["document"]["signers"] == [{"name": "Hà Minh Hải", "jobTitle": "Phó Chủ tịch"}]
    again = await send(client, token, payload(title="Tiêu đề đã sửa"), [pdf])
    assert again["__typename"] == "DocumentImportSuccess", again
    assert again["created"] is False
    assert again["document"]["title"] == "Tiêu đề đã sửa"
    assert await LegalDocument.all().count() == 1
    assert await DocumentAttachment.all().count() == 1
    assert await DocumentSigner.all().count() == 1
    attachment = await DocumentAttachment.get()
    assert "1628/QĐ-UBND" in attachment.text  # extracted for search


async def test_bad_payloads_write_nothing(client: httpx.AsyncClient) -> None:
    token = await importer()
    cases = [
        (payload(number="không phải số"), [], "INVALID_NUMBER"),
        (payload(type="van_ban_la"), [], "INVALID_TYPE"),
        (payload(effectiveFrom="2024-05-01", effectiveUntil="2024-01-01"), [], "INVALID_DATES"),
        ({**payload(), "sourceId": ""}, [], "INVALID_INPUT"),
        (payload(), [b"%PDF-1.7 this is not really a pdf"], "INVALID_FILE"),
        (payload(), [b"MZ\x90\x00 an executable"], "INVALID_FILE"),
    ]
    for input_, files, code in cases:
        result = await send(client, token, input_, files)
        assert result["__typename"] == "DocumentError", (code, result)
        assert result["code"] == code, result
        assert await LegalDocument.all().count() == 0
        assert await DocumentSigner.all().count() == 0
    # A good file after a bad one: the bad one left no media row behind either.
    assert await MediaAsset.all().count() == 0


async def test_a_bad_resend_keeps_the_accepted_document(client: httpx.AsyncClient) -> None:
    token = await importer()
    first = await send(client, token, payload(), [])
    assert first["created"] is True
    broken = await send(client, token, payload(title="Mới", issuedOn="2024-03-15"), [b"garbage"])
    assert broken["code"] == "INVALID_FILE"
    doc = await LegalDocument.get()
    assert doc.title.startswith("Quyết định phê duyệt")  # not half-updated


async def test_only_importers_may_send(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("phongvien", {tree.city: [Role.EDITOR]})
    result = await send(client, await token_for("phongvien"), payload(), [])
    assert result["code"] == "FORBIDDEN"
    anonymous = await gql(client, IMPORT, {"input": payload()})
    assert anonymous["data"]["documentImport"]["code"] == "FORBIDDEN"
    assert await LegalDocument.all().count() == 0
