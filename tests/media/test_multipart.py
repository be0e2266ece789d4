"""Uploads through `/graphql` as GraphQL multipart requests, end to end over HTTP."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from hub.auth.identity import SESSION_COOKIE, SessionSigner
from hub.auth.permissions import Role
from hub.models import MediaKind, User
from hub.services import media as service
from hub.settings import Settings
from hub.storage import LocalStorage
from tests.factories import make_tree, make_viewer
from tests.graphql.helpers import token_for
from tests.media.conftest import assert_nothing_written, jpeg_with_exif, png

UPLOAD = """mutation Upload($input: MediaUploadInput!) {
  mediaUpload(input: $input) {
    __typename
    ... on MediaSuccess { asset { id kind contentType originalFilename width height altText
      url srcset renditions { width height url } tenant { slug } } }
    ... on MediaError { code message field }
  }
}"""


def operations(query: str = UPLOAD, **input_: Any) -> str:
    variables = {"input": {"tenant": "hanoi", "file": None, "altText": "Ảnh", **input_}}
    return json.dumps({"query": query, "variables": variables})


async def send(
    client: httpx.AsyncClient,
    *,
    ops: str | None = None,
    mapping: str = '{"0": ["variables.input.file"]}',
    files: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    if files is None:
        files = {"0": ("Ảnh hội nghị.jpg", jpeg_with_exif(1200, 900), "image/png")}
    return await client.post(
        "/graphql",
        data={"operations": ops or operations(), "map": mapping},
        files=files,
        headers={"Host": "thudo.gov.vn", **(headers or {})},
    )


async def reporter_token() -> str:
    tree = await make_tree()
    await make_viewer("phongvien", {tree.city: [Role.REPORTER]})
    return await token_for("phongvien")


async def test_an_image_uploads_end_to_end(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    token = await reporter_token()
    response = await send(client, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    result = response.json()["data"]["mediaUpload"]
    assert result["__typename"] == "MediaSuccess", result
    asset = result["asset"]
    # The declared image/png was ignored: the bytes are a JPEG.
    assert (asset["kind"], asset["contentType"]) == ("IMAGE", "image/jpeg")
    assert (asset["width"], asset["height"]) == (900, 1200)
    assert asset["originalFilename"] == "Ảnh hội nghị.jpg"
    assert asset["tenant"]["slug"] == "hanoi"
    assert [r["width"] for r in asset["renditions"]] == [320, 640]
    srcset = ", ".join(f"{r['url']} {r['width']}w" for r in asset["renditions"])
    assert asset["srcset"] == srcset
    image = await client.get(asset["url"], headers={"Host": "thudo.gov.vn"})
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"


async def test_a_refused_file_is_an_error_result(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    token = await reporter_token()
    files = {"0": ("shell.jpg", b"<?php echo 1; ?>", "image/jpeg")}
    response = await send(client, files=files, headers={"Authorization": f"Bearer {token}"})
    result = response.json()["data"]["mediaUpload"]
    assert result == {
        "__typename": "MediaError",
        "code": "UNSUPPORTED_TYPE",
        "message": result["message"],
        "field": "file",
    }
    await assert_nothing_written(storage)


@pytest.mark.parametrize(
    ("mapping", "ops"),
    [
        ("{not json", None),
        ('["variables.input.file"]', None),
        ('{"0": ["variables.input.nothere"]}', None),
        ('{"0": ["variables.input.tenant"]}', None),  # not a null placeholder
        ('{"0": ["query"]}', None),
        ('{"0": []}', None),
        ('{"1": ["variables.input.file"]}', None),  # no such file part
        ("{}", None),  # a file nobody mapped
        ('{"0": ["variables.input.file"]}', "{broken"),
        ('{"0": ["variables.input.file"]}', "[]"),
    ],
)
async def test_malformed_map_or_operations_is_400(
    client: httpx.AsyncClient, storage: LocalStorage, mapping: str, ops: str | None
) -> None:
    token = await reporter_token()
    response = await send(
        client, ops=ops, mapping=mapping, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400, response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] in {"MAP_INVALID", "OPERATIONS_INVALID"}
    assert " / " in error["message"]  # Vietnamese / English
    await assert_nothing_written(storage)


async def test_a_session_cookie_alone_cannot_upload(
    client: httpx.AsyncClient, storage: LocalStorage, settings: Settings
) -> None:
    await reporter_token()
    user = await User.get(username="phongvien")
    cookie = SessionSigner(str(settings.secret_key)).dumps(user.id)
    client.cookies.set(SESSION_COOKIE, cookie, domain="thudo.gov.vn")
    try:
        refused = await send(client)
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "UPLOAD_PREFLIGHT_REQUIRED"
        await assert_nothing_written(storage)
        # A header no cross-site form can send makes the browser ask first (CORS).
        allowed = await send(client, headers={"GraphQL-Require-Preflight": "1"})
        assert allowed.json()["data"]["mediaUpload"]["__typename"] == "MediaSuccess"
    finally:
        client.cookies.clear()


async def test_anonymous_upload_is_forbidden(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    await make_tree()
    response = await send(client, headers={"X-Thudo-Upload": "1"})
    assert response.json()["data"]["mediaUpload"]["code"] == "FORBIDDEN"
    await assert_nothing_written(storage)


async def test_queries_are_not_accepted_as_multipart(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    token = await reporter_token()
    ops = json.dumps({"query": "query($f: Upload) { __typename }", "variables": {"f": None}})
    response = await send(
        client,
        ops=ops,
        mapping='{"0": ["variables.f"]}',
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "MULTIPART_MUTATIONS_ONLY"


async def test_more_than_ten_files_is_400(client: httpx.AsyncClient, storage: LocalStorage) -> None:
    token = await reporter_token()
    files = {str(i): (f"{i}.png", png(10, 10), "image/png") for i in range(11)}
    mapping = json.dumps({str(i): ["variables.input.file"] for i in range(11)})
    response = await send(
        client, mapping=mapping, files=files, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_FILES"


async def test_a_body_over_the_media_limits_is_413(
    client: httpx.AsyncClient, storage: LocalStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await reporter_token()
    for kind in MediaKind:
        monkeypatch.setitem(service.MAX_BYTES, kind, 1_000)
    monkeypatch.setattr("hub.graphql_http.MULTIPART_FIELD_BYTES", 10_000)
    files = {"0": ("big.png", b"\0" * 40_000, "image/png")}
    response = await send(client, files=files, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "UPLOAD_TOO_LARGE"
    await assert_nothing_written(storage)


async def test_a_file_variable_sent_as_json_is_refused(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    token = await reporter_token()
    response = await client.post(
        "/graphql",
        json={
            "query": UPLOAD,
            "variables": {"input": {"tenant": "hanoi", "file": "x", "altText": "A"}},
        },
        headers={"Host": "thudo.gov.vn", "Authorization": f"Bearer {token}"},
    )
    result = response.json()["data"]["mediaUpload"]
    assert (result["code"], result["field"]) == ("INVALID_INPUT", "file")


async def test_a_streamed_body_over_the_limit_is_cut_off_at_413(
    client: httpx.AsyncClient, storage: LocalStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await reporter_token()
    for kind in MediaKind:
        monkeypatch.setitem(service.MAX_BYTES, kind, 1_000)
    monkeypatch.setattr("hub.graphql_http.MULTIPART_FIELD_BYTES", 10_000)
    boundary = "thudo-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        f"{operations()}\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        '{"0": ["variables.input.file"]}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="0"; filename="big.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()

    async def body() -> Any:  # no Content-Length: only counting the stream can stop it
        yield head
        for _ in range(100):
            yield b"\0" * 1_000

    response = await client.post(
        "/graphql",
        content=body(),
        headers={
            "Host": "thudo.gov.vn",
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    assert response.status_code == 413
    await assert_nothing_written(storage)


async def test_long_transcripts_travel_in_a_multipart_request_without_files(
    client: httpx.AsyncClient, storage: LocalStorage
) -> None:
    token = await reporter_token()
    uploaded = await send(client, headers={"Authorization": f"Bearer {token}"})
    asset_id = uploaded.json()["data"]["mediaUpload"]["asset"]["id"]
    transcript = "Xin chào các đồng chí. " * 5_000  # ~115,000 characters, past the JSON cap
    query = """mutation($input: MediaUpdateInput!) { mediaUpdate(input: $input) {
      ... on MediaSuccess { asset { transcript } } ... on MediaError { code } } }"""
    ops = json.dumps(
        {"query": query, "variables": {"input": {"id": asset_id, "transcript": transcript}}}
    )
    body = b"".join(
        f'--b\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in (("operations", ops), ("map", "{}"))
    )
    response = await client.post(
        "/graphql",
        content=body + b"--b--\r\n",
        headers={
            "Host": "thudo.gov.vn",
            "Authorization": f"Bearer {token}",
            "Content-Type": "multipart/form-data; boundary=b",
        },
    )
    assert response.status_code == 200, response.text
    saved = response.json()["data"]["mediaUpdate"]["asset"]["transcript"]
    assert saved == transcript.strip()
