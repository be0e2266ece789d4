"""The workspace's gazette screens over HTTP: the edition builder from an empty draft to a
published edition, its errors, URL guessing, and the intake register."""

from __future__ import annotations

import asyncio
import re
from datetime import date

import httpx

from hub.auth.permissions import Role
from hub.models.documents import LegalDocument
from hub.models.gazette import GazetteEdition, GazetteItem, GazetteSubmission
from hub.seed.demo_pdf import build_pdf, make_identity, sign_pdf
from hub.services.documents import DocumentFields, Signer, document_create, document_step
from hub.services.gazette import create_edition
from schema.common import encode_global_id
from tenants.models import Tenant
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.factories import SYSTEM_SCOPE, make_tree, make_viewer

WARD = "/_t/hoankiem/quan-tri"


async def published_document(tenant: Tenant, number: str) -> LegalDocument:
    fields = DocumentFields(
        number=number,
        doc_type="quyet_dinh",
        issuer_name=f"UBND {tenant.name}",
        title=f"Quyết định {number}",
        issued_on=date(2026, 10, 1),
        signers=[Signer("Nguyễn Văn A", "Chủ tịch")],
    )
    doc = await document_create(SYSTEM_SCOPE, tenant, fields)
    return await document_step(SYSTEM_SCOPE, doc.id, "publish")


def item_ids(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'name="muc" value="([^"]+)"', html)))


async def test_an_edition_is_built_and_published_by_a_second_person(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    first = await published_document(tree.ward, "10/2026/QĐ-UBND")
    second = await published_document(tree.ward, "11/2026/QĐ-UBND")
    third = await published_document(tree.ward, "13/2026/QĐ-UBND")
    await sign_in(client, "editor.hoankiem")
    listing = await client.get(f"{WARD}/cong-bao", headers=HOST)
    assert listing.status_code == 200 and "Chưa có số công báo nào." in listing.text

    bad = {"year": "2026", "numbers": "59, 61", "publishedOn": "31/11/2026"}
    refused = await client.post(f"{WARD}/cong-bao", data=bad, headers=HOST)
    assert refused.status_code == 400 and 'id="publishedOn-error"' in refused.text
    assert 'value="59, 61"' in refused.text
    bad["publishedOn"] = "01/12/2026"
    refused = await client.post(f"{WARD}/cong-bao", data=bad, headers=HOST)
    assert refused.status_code == 400 and 'id="numbers-error"' in refused.text
    assert await GazetteEdition.all().count() == 0
    created = await client.post(
        f"{WARD}/cong-bao",
        data={"year": "2026", "numbers": "59, 60", "publishedOn": "01/12/2026"},
        headers=HOST,
    )
    assert created.status_code == 303
    url = f"{WARD}/cong-bao/2026/59"
    assert created.headers["location"] == f"{url}?xong=created"
    assert (await client.get(f"{WARD}/cong-bao/2026/60", headers=HOST)).status_code == 200
    taken = await client.post(
        f"{WARD}/cong-bao",
        data={"year": "2026", "numbers": "60", "publishedOn": "02/12/2026"},
        headers=HOST,
    )
    assert taken.status_code == 400 and "đã được dùng" in taken.text

    # Contents: two documents with their pages, a page error, a move and a removal.
    for doc, pages in ((first, ("1", "4")), (second, ("5", "9"))):
        added = await client.post(
            f"{url}/muc",
            data={"document": encode_global_id("LegalDocument", doc.id), "pageFrom": pages[0],
                  "pageTo": pages[1]},
            headers=HOST,
        )  # fmt: skip
        assert added.status_code == 303, added.text
    wrong_pages = await client.post(
        f"{url}/muc",
        data={"document": encode_global_id("LegalDocument", third.id), "pageFrom": "9",
              "pageTo": "2"},
        headers=HOST,
    )  # fmt: skip
    assert wrong_pages.status_code == 400 and 'id="pageFrom-error"' in wrong_pages.text
    assert 'value="9"' in wrong_pages.text  # the typed pages are kept
    twice = await client.post(
        f"{url}/muc",
        data={"document": encode_global_id("LegalDocument", first.id), "pageFrom": "10",
              "pageTo": "12"},
        headers=HOST,
    )  # fmt: skip
    assert twice.status_code == 400 and "đã có trong số công báo" in twice.text
    page = await client.get(url, headers=HOST)
    assert page.text.index("10/2026/QĐ-UBND") < page.text.index("11/2026/QĐ-UBND")
    ids = item_ids(page.text)
    moved = await client.post(
        f"{url}/muc/sua", data={"muc": ids[1], "di-chuyen": "len"}, headers=HOST
    )
    assert moved.status_code == 303
    page = await client.get(url, headers=HOST)
    contents = page.text[page.text.index('id="contents-title"') :]
    assert contents.index("11/2026/QĐ-UBND") < contents.index("10/2026/QĐ-UBND")
    repaged = await client.post(
        f"{url}/muc/sua", data={"muc": ids[0], "pageFrom": "3", "pageTo": "6"}, headers=HOST
    )
    assert repaged.status_code == 303
    assert await GazetteItem.filter(page_from=3, page_to=6).exists()
    removed = await client.post(f"{url}/muc/xoa", data={"muc": ids[0]}, headers=HOST)
    assert removed.status_code == 303
    assert await GazetteItem.all().count() == 1

    # Publishing is refused without the PDF, and the editor has no publish right anyway.
    page = await client.get(url, headers=HOST)
    assert "Phát hành số công báo" not in page.text
    signed = await asyncio.to_thread(sign_pdf, build_pdf(), make_identity())
    attached = await client.post(
        f"{url}/pdf", files={"tai-len": ("cong-bao-59-60.pdf", signed, "application/pdf")},
        headers=HOST,
    )  # fmt: skip
    assert attached.status_code == 303, attached.text
    page = await client.get(url, headers=HOST)
    assert "cong-bao-59-60.pdf" in page.text and "Chữ ký số hợp lệ" in page.text
    assert "<script" not in page.text and "style=" not in page.text
    assert page.headers["cache-control"] == "private, no-store"
    forbidden = await client.post(f"{url}/phat-hanh", headers=HOST)
    assert forbidden.status_code == 400 and "không cho phép" in forbidden.text

    client.cookies.clear()
    await sign_in(client, "approver.hoankiem")
    published = await client.post(f"{url}/phat-hanh", headers=HOST)
    assert published.status_code == 303
    edition = await GazetteEdition.get(tenant_id=tree.ward.id)
    assert edition.status == "published"
    # Once published it never changes: the builder says so, and the forms are gone.
    late = await client.post(f"{url}/muc/xoa", data={"muc": ids[1]}, headers=HOST)
    assert late.status_code == 400 and "đã phát hành, không thể thay đổi" in late.text
    page = await client.get(url, headers=HOST)
    assert 'action="' + url + '/muc"' not in page.text
    public = await client.get("/_t/hoankiem/cong-bao/2026/59", headers=HOST)
    assert public.status_code == 200 and "11/2026/QĐ-UBND" in public.text
    assert "10/2026/QĐ-UBND" not in public.text


async def test_another_wards_draft_edition_is_not_found_by_a_guessed_url(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await create_edition(SYSTEM_SCOPE, tree.other_ward, 2026, [7], date(2026, 12, 1))
    await sign_in(client, "editor.hoankiem")
    for path in ("/cong-bao/2026/7", "/cong-bao/2026/8"):
        assert (await client.get(WARD + path, headers=HOST)).status_code == 404
    posted = await client.post(f"{WARD}/cong-bao/2026/7/phat-hanh", headers=HOST)
    assert posted.status_code == 404
    english = await client.get(f"{WARD}/en/cong-bao", headers=HOST)
    assert english.status_code == 200 and "Intake register" in english.text
    other = await client.get("/_t/hoangmai/quan-tri/cong-bao/2026/7", headers=HOST)
    assert other.status_code == 403  # no role in that ward at all
    client.cookies.clear()
    await sign_in(client, "reporter.hoankiem")
    assert (await client.get(f"{WARD}/cong-bao", headers=HOST)).status_code == 403


async def test_the_intake_register_registers_accepts_and_flags(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    doc = await published_document(tree.ward, "12/2026/QĐ-UBND")
    await sign_in(client, "editor.hoankiem")
    register = f"{WARD}/cong-bao/so-tiep-nhan"
    bad = await client.post(
        register, data={"sender": "", "senderEmail": "khong-phai-thu", "receivedAt": ""},
        headers=HOST,
    )  # fmt: skip
    assert bad.status_code == 400 and 'id="sender-error"' in bad.text
    assert await GazetteSubmission.all().count() == 0
    for sender in ("Văn phòng UBND phường", "Phòng Kinh tế"):
        done = await client.post(
            register,
            data={"sender": sender, "senderEmail": "vanphong@hoankiem.example",
                  "document": encode_global_id("LegalDocument", doc.id),
                  "receivedAt": "01/12/2026"},
            headers=HOST,
        )  # fmt: skip
        assert done.status_code == 303, done.text
    page = await client.get(register, headers=HOST)
    assert "12/2026/QĐ-UBND" in page.text and "Phòng Kinh tế" in page.text
    lines = re.findall(r'name="dong" value="([^"]+)"', page.text)
    accepted = await client.post(
        f"{register}/buoc", data={"dong": lines[0], "buoc": "accept"}, headers=HOST
    )
    assert accepted.status_code == 303
    no_problem = await client.post(
        f"{register}/buoc", data={"dong": lines[-1], "buoc": "flag", "loi": ""}, headers=HOST
    )
    assert no_problem.status_code == 400 and 'id="problem-error"' in no_problem.text
    flagged = await client.post(
        f"{register}/buoc",
        data={"dong": lines[-1], "buoc": "flag", "loi": "Thiếu chữ ký số trên tệp PDF."},
        headers=HOST,
    )
    assert flagged.status_code == 303
    statuses = sorted(s.status for s in await GazetteSubmission.all())
    assert statuses == ["accepted", "rejected"]
    page = await client.get(register, headers=HOST)
    assert "Thiếu chữ ký số trên tệp PDF." in page.text and "Đã báo lỗi" in page.text
    forged = await client.post(
        f"{register}/buoc", data={"dong": "abc", "buoc": "accept"}, headers=HOST
    )
    assert forged.status_code == 404


async def test_the_city_gazette_carries_a_wards_document_found_by_its_number(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("bientap.hanoi", {tree.city: [Role.EDITOR]})
    ward_doc = await published_document(tree.ward, "21/2026/QĐ-UBND")
    edition = await create_edition(SYSTEM_SCOPE, tree.city, 2026, [3], date(2026, 12, 1))
    await sign_in(client, "bientap.hanoi")
    url = "/_t/hanoi/quan-tri/cong-bao/2026/3"
    page = await client.get(url, params={"don-vi": "hoankiem", "tim": "21/2026"}, headers=HOST)
    doc_id = encode_global_id("LegalDocument", ward_doc.id)
    assert page.status_code == 200 and f'name="document" value="{doc_id}"' in page.text
    # A portal outside the city's subtree is not searched: the city's own list instead.
    elsewhere = await client.get(url, params={"don-vi": "nowhere", "tim": "21/2026"}, headers=HOST)
    assert f'value="{doc_id}"' not in elsewhere.text
    added = await client.post(
        f"{url}/muc", data={"document": doc_id, "pageFrom": "1", "pageTo": "3"}, headers=HOST
    )
    assert added.status_code == 303
    assert await GazetteItem.filter(edition_id=edition.id, document_id=ward_doc.id).exists()
