"""The workspace's legal-document screens over HTTP: the form and its errors, relations
(the authority rule's refusal included), files, workflow, validity and URL guessing."""

from __future__ import annotations

import re
from datetime import date

import httpx

from hub.auth.permissions import Role
from hub.models.documents import DocumentRelation, LegalDocument
from hub.seed.demo_pdf import build_pdf
from hub.services.documents import DocumentFields, Signer, document_create, document_step
from schema.common import encode_global_id
from tenants.models import Tenant
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.factories import SYSTEM_SCOPE, make_tree, make_viewer

WARD = "/_t/hoankiem/quan-tri"
OTHER_WARD = "/_t/hoangmai/quan-tri"


def gid(doc: LegalDocument) -> str:
    return encode_global_id("LegalDocument", doc.id)


async def make_document(
    tenant: Tenant, number: str, *, publish: bool = False, text: str = ""
) -> LegalDocument:
    fields = DocumentFields(
        number=number,
        doc_type="quyet_dinh",
        issuer_name=f"UBND {tenant.name}",
        title=f"Quyết định {number} về quản lý trật tự đô thị",
        issued_on=date(2024, 3, 1),
        full_text=text,
        signers=[Signer("Nguyễn Văn A", "Chủ tịch")],
    )
    doc = await document_create(SYSTEM_SCOPE, tenant, fields)
    return await document_step(SYSTEM_SCOPE, doc.id, "publish") if publish else doc


def document_form(**changes: str) -> dict[str, str]:
    form = {
        "number": "12/2025/QĐ-UBND",
        "type": "quyet_dinh",
        "issuer": "UBND phường Hoàn Kiếm",
        "title": "Quyết định ban hành quy chế quản lý vỉa hè",
        "issuedOn": "15/03/2025",
        "effectiveFrom": "25/03/2025",
        "effectiveUntil": "",
        "gazettePublishedOn": "",
        "signer-0": "Trần Thị B",
        "signer-title-0": "Chủ tịch",
        "fields": "Giao thông\nĐô thị",
        "abstract": "Quy chế quản lý, sử dụng tạm thời vỉa hè.",
        "fullText": "Căn cứ Quyết định số 6745/QĐ-UBND của UBND Thành phố.",
        "language": "VI",
        "slug": "",
    }
    form.update(changes)
    return form


async def test_a_bad_document_form_explains_each_field_keeps_the_input_and_saves_nothing(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await sign_in(client, "editor.hoankiem")
    page = await client.get(f"{WARD}/van-ban/moi", headers=HOST)
    assert page.status_code == 200 and "Số ký hiệu" in page.text
    assert "<script>" not in page.text and "style=" not in page.text
    bad = document_form(issuedOn="31/02/2025", effectiveFrom="hôm qua", title="Tiêu đề đã gõ")
    response = await client.post(f"{WARD}/van-ban/moi", data=bad, headers=HOST)
    assert response.status_code == 400
    html = response.text
    assert 'href="#issuedOn"' in html and 'href="#effectiveFrom"' in html
    assert 'id="issuedOn-error"' in html and 'aria-invalid="true"' in html
    assert 'value="Tiêu đề đã gõ"' in html and 'value="31/02/2025"' in html
    assert "Trần Thị B" in html and "Giao thông\nĐô thị" in html
    # The API's own refusal (an unknown type) comes back beside its field, in Vietnamese.
    response = await client.post(
        f"{WARD}/van-ban/moi", data=document_form(type="khong-co"), headers=HOST
    )
    assert response.status_code == 400
    assert 'id="type-error"' in response.text and "Chọn một loại văn bản" in response.text
    response = await client.post(
        f"{WARD}/van-ban/moi", data=document_form(effectiveUntil="01/01/2025"), headers=HOST
    )
    assert response.status_code == 400 and 'id="effectiveUntil-error"' in response.text
    assert await LegalDocument.unscoped().count() == 0
    english = await client.post(
        f"{WARD}/en/van-ban/moi", data=document_form(issuedOn=""), headers=HOST
    )
    assert english.status_code == 400 and "Enter the issue date as dd/mm/yyyy" in english.text


async def test_an_editor_enters_a_document_with_relations_and_a_file_and_an_approver_publishes(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    city_doc = await make_document(tree.city, "6745/QĐ-UBND", publish=True)
    await sign_in(client, "editor.hoankiem")
    created = await client.post(f"{WARD}/van-ban/moi", data=document_form(), headers=HOST)
    assert created.status_code == 303, created.text
    doc = await LegalDocument.unscoped().get(tenant_id=tree.ward.id)
    assert doc.issued_on == date(2025, 3, 15) and doc.effective_from == date(2025, 3, 25)
    url = f"{WARD}/van-ban/{gid(doc)}"
    assert created.headers["location"] == f"{url}?xong=created"
    page = await client.get(url, headers=HOST)
    assert page.status_code == 200
    assert 'value="15/03/2025"' in page.text and "Trần Thị B" in page.text
    # The citation check of the draft's text finds the city's decision in the hub.
    assert "6745/QĐ-UBND" in page.text and "có trong cơ sở dữ liệu" in page.text

    # The picker finds the city's document (an ancestor portal) by its number…
    picker = await client.get(url, params={"tim": "6745/QĐ-UBND"}, headers=HOST)
    assert f'name="dich" value="{gid(city_doc)}"' in picker.text
    # … and by words of its title, without accents.
    picker = await client.get(url, params={"tim": "trat tu do thi"}, headers=HOST)
    assert f'value="{gid(city_doc)}"' in picker.text
    added = await client.post(
        f"{url}/lien-quan",
        data={"dich": gid(city_doc), "loai-quan-he": "BASIS", "ghi-chu": "Điều 3"},
        headers=HOST,
    )
    assert added.status_code == 303 and added.headers["location"].endswith("xong=relation")
    relation = await DocumentRelation.get(source_id=doc.id)
    assert relation.target_id == city_doc.id and relation.kind == "basis"
    page = await client.get(url, headers=HOST)
    assert "Căn cứ ban hành" in page.text and "Điều 3" in page.text
    # A number the hub does not hold is recorded by number.
    by_number = await client.post(
        f"{url}/lien-quan",
        data={"so-van-ban": "99/2020/QĐ-UBND", "loai-quan-he": "REFERENCES"},
        headers=HOST,
    )
    assert by_number.status_code == 303
    assert await DocumentRelation.filter(source_id=doc.id).count() == 2
    # The same relation twice is refused beside the picker.
    again = await client.post(
        f"{url}/lien-quan", data={"dich": gid(city_doc), "loai-quan-he": "BASIS"}, headers=HOST
    )
    assert again.status_code == 400 and "đã được ghi nhận" in again.text
    removed = await client.post(
        f"{url}/lien-quan/xoa", data={"quan-he": str(relation.id)}, headers=HOST
    )
    assert removed.status_code == 303
    assert not await DocumentRelation.filter(id=relation.id).exists()
    # A relation id the document does not show is a 404, not a removal.
    other = await DocumentRelation.get(source_id=doc.id)
    forged = await client.post(
        f"{WARD}/van-ban/{gid(city_doc)}/lien-quan/xoa",
        data={"quan-he": str(other.id)},
        headers=HOST,
    )
    assert forged.status_code == 404
    assert await DocumentRelation.filter(id=other.id).exists()

    # A PDF uploaded in the page goes to the media library and is attached.
    pdf = build_pdf((("Quyết định 12/2025/QĐ-UBND",),))
    uploaded = await client.post(
        f"{url}/tep",
        data={"tep": ""},
        files={"tai-len": ("quyet-dinh.pdf", pdf, "application/pdf")},
        headers=HOST,
    )
    assert uploaded.status_code == 303, uploaded.text
    page = await client.get(url, headers=HOST)
    assert "quyet-dinh.pdf" in page.text
    attachment = re.search(r'name="dinh-kem" value="([^"]+)"', page.text)
    assert attachment is not None
    detached = await client.post(
        f"{url}/tep/xoa", data={"dinh-kem": attachment.group(1)}, headers=HOST
    )
    assert detached.status_code == 303
    # The editor submits; publishing is not among the editor's buttons.
    submitted = await client.post(f"{url}/buoc", data={"buoc": "submit"}, headers=HOST)
    assert submitted.status_code == 303
    page = await client.get(url, headers=HOST)
    assert 'data-step="publish"' not in page.text and 'data-step="approve"' not in page.text
    refused = await client.post(f"{url}/buoc", data={"buoc": "approve"}, headers=HOST)
    assert refused.status_code == 400 and "không cho phép" in refused.text

    client.cookies.clear()
    await sign_in(client, "approver.hoankiem")
    for step in ("approve", "publish"):
        response = await client.post(f"{url}/buoc", data={"buoc": step}, headers=HOST)
        assert response.status_code == 303, response.text
    doc = await LegalDocument.unscoped().get(id=doc.id)
    assert doc.status == "published"
    # A validity override needs its reason; with one it shows on the form.
    no_reason = await client.post(
        f"{url}/hieu-luc", data={"tinh-trang": "EXPIRED", "ly-do-hieu-luc": ""}, headers=HOST
    )
    assert no_reason.status_code == 400 and 'id="validityReason-error"' in no_reason.text
    reason = "Bị thay thế bởi Quyết định 20/2026/QĐ-UBND (công văn 12/UBND ngày 01/11/2026)."
    override = await client.post(
        f"{url}/hieu-luc", data={"tinh-trang": "EXPIRED", "ly-do-hieu-luc": reason}, headers=HOST
    )
    assert override.status_code == 303
    page = await client.get(url, headers=HOST)
    assert "Hết hiệu lực toàn bộ" in page.text and reason in page.text
    public = await client.get(f"/_t/hoankiem/van-ban/{doc.slug}", headers=HOST)
    assert public.status_code == 200 and "12/2025/QĐ-UBND" in public.text


async def test_a_ward_editor_may_not_repeal_a_city_document_and_reads_why(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    city_doc = await make_document(tree.city, "6745/QĐ-UBND", publish=True)
    ward_doc = await make_document(tree.ward, "3/2025/QĐ-UBND")
    await sign_in(client, "editor.hoankiem")
    url = f"{WARD}/van-ban/{gid(ward_doc)}"
    response = await client.post(
        f"{url}/lien-quan", data={"dich": gid(city_doc), "loai-quan-he": "REPEALS"}, headers=HOST
    )
    assert response.status_code == 400
    assert "Chỉ cổng ban hành văn bản hoặc cổng cấp trên" in response.text
    assert "Only the issuing portal" not in response.text  # the Vietnamese half only
    assert 'id="target-error"' in response.text
    assert not await DocumentRelation.filter(source_id=ward_doc.id).exists()
    english = await client.post(
        f"{WARD}/en/van-ban/{gid(ward_doc)}/lien-quan",
        data={"dich": gid(city_doc), "loai-quan-he": "REPEALS"},
        headers=HOST,
    )
    assert english.status_code == 400 and "Only the issuing portal" in english.text


async def test_another_wards_draft_document_is_not_found_by_a_guessed_url(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    other_draft = await make_document(tree.other_ward, "7/2025/QĐ-UBND")
    other_published = await make_document(tree.other_ward, "8/2025/QĐ-UBND", publish=True)
    await sign_in(client, "editor.hoankiem")
    missing = await client.get(f"{WARD}/van-ban/{gid(other_draft)}x", headers=HOST)
    assert missing.status_code == 404
    for doc in (other_draft, other_published):
        for base in (WARD, OTHER_WARD):
            page = await client.get(f"{base}/van-ban/{gid(doc)}", headers=HOST)
            expected = 403 if base == OTHER_WARD else 404  # no role there at all
            assert page.status_code == expected
            assert doc.number not in page.text and doc.title not in page.text
        posted = await client.post(
            f"{WARD}/van-ban/{gid(doc)}/buoc", data={"buoc": "submit"}, headers=HOST
        )
        assert posted.status_code == 404
    assert (await LegalDocument.unscoped().get(id=other_draft.id)).status == "draft"
    listing = await client.get(f"{WARD}/van-ban", headers=HOST)
    assert listing.status_code == 200 and "7/2025" not in listing.text


async def test_the_list_filters_by_status_type_year_and_folded_words(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    await make_document(tree.ward, "1/2024/QĐ-UBND", publish=True)
    draft = await make_document(tree.ward, "2/2024/QĐ-UBND")
    reporter = await make_viewer("phongvien.only", {tree.ward: [Role.REPORTER]})
    assert reporter is not None
    await sign_in(client, "editor.hoankiem")
    both = await client.get(f"{WARD}/van-ban", headers=HOST)
    assert "1/2024/QĐ-UBND" in both.text and "2/2024/QĐ-UBND" in both.text
    drafts = await client.get(f"{WARD}/van-ban", params={"trang-thai": "draft"}, headers=HOST)
    assert "2/2024/QĐ-UBND" in drafts.text and "1/2024/QĐ-UBND" not in drafts.text
    words = await client.get(
        f"{WARD}/van-ban", params={"q": "quan ly trat tu", "nam": "2024"}, headers=HOST
    )
    assert "1/2024/QĐ-UBND" in words.text
    none = await client.get(f"{WARD}/van-ban", params={"nam": "2023"}, headers=HOST)
    assert "1/2024" not in none.text
    bad = await client.get(f"{WARD}/van-ban", params={"nam": "abc"}, headers=HOST)
    assert bad.status_code == 400 and 'id="year-error"' in bad.text
    wrong_type = await client.get(f"{WARD}/van-ban", params={"loai": "khong-co"}, headers=HOST)
    assert wrong_type.status_code == 400
    # The API's new filter shows drafts to the portal's editors only.
    query = '{ documents(tenant: "hoankiem", filter: {workflowStatus: DRAFT}) { totalCount } }'
    as_editor = await client.post("/graphql", json={"query": query}, headers=HOST)
    assert as_editor.json()["data"]["documents"]["totalCount"] == 1
    anonymous = await httpx.AsyncClient(
        transport=client._transport, base_url=str(client.base_url)
    ).post("/graphql", json={"query": query}, headers=HOST)
    assert anonymous.json()["data"]["documents"]["totalCount"] == 0
    cross = await client.post(
        f"{WARD}/van-ban/moi",
        data=document_form(),
        headers={**HOST, "Origin": "https://evil.example"},
    )
    assert cross.status_code == 403
    client.cookies.clear()
    await sign_in(client, "phongvien.only")
    assert (await client.get(f"{WARD}/van-ban", headers=HOST)).status_code == 403
    assert (await client.get(f"{WARD}/van-ban/{gid(draft)}", headers=HOST)).status_code == 403
