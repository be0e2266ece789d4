"""Public pages of legal documents and the Official Gazette: search, document, gazette, feeds."""

from __future__ import annotations

import asyncio
import html
import re
from datetime import date, timedelta
from typing import Any

import feedparser
import httpx
import pytest
from playwright.async_api import async_playwright

from hub.models.documents import LegalDocument, RelationKind
from hub.models.gazette import GazetteEdition
from hub.services import gazette
from hub.services.document_files import attach
from hub.services.document_relations import relation_add
from hub.services.documents import DocumentFields, Signer, document_create, document_step
from hub.services.media import media_upload
from tenants.models import Tenant
from tests.documents.pdf_fixtures import build_pdf, gazette_identity, sign_pdf
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree
from tests.frontends.test_browser import CHROMIUM, CHROMIUM_ARGS, server  # noqa: F401

TODAY = date.today()
LONG_AGO = date(2020, 5, 4)
LABELS = (
    "Số ký hiệu",
    "Loại văn bản",
    "Cơ quan ban hành",
    "Người ký",
    "Chức danh",
    "Ngày ban hành",
    "Ngày có hiệu lực",
    "Ngày hết hiệu lực",
    "Ngày đăng công báo",
    "Lĩnh vực",
    "Tình trạng hiệu lực",
)


def fields(number: str, title: str = "Văn bản thử nghiệm", **kw: Any) -> DocumentFields:
    kw.setdefault("doc_type", "quyet_dinh")
    kw.setdefault("issuer_name", "UBND Thành phố Hà Nội")
    kw.setdefault("issued_on", LONG_AGO)
    kw.setdefault("signers", [Signer("Trần Sỹ Thanh", "Chủ tịch")])
    kw.setdefault("subjects", ["Giao thông"])
    return DocumentFields(number=number, title=title, **kw)


async def published(tenant: Tenant, f: DocumentFields) -> LegalDocument:
    doc = await document_create(SYSTEM_SCOPE, tenant, f)
    return await document_step(SYSTEM_SCOPE, doc.id, "publish")


async def get(client: httpx.AsyncClient, path: str, host: str = "thudo.gov.vn") -> httpx.Response:
    return await client.get(path, headers={"Host": host})


def text_of(page: str) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def result_numbers(page: str) -> list[str]:
    return re.findall(r'<span class="doc-number">([^<]+)</span>', page)


# --- the search tool ----------------------------------------------------------------------------


async def test_search_filters_by_number_type_and_status_and_counts_facets(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await published(tree.city, fields("15/2024/QĐ-UBND", "Quy định về giao thông đô thị"))
    await published(
        tree.city,
        fields(
            "02/2025/CT-UBND",
            "Chỉ thị về phòng cháy",
            doc_type="chi_thi",
            issued_on=date(2025, 1, 6),
            subjects=["Phòng cháy"],
            signers=[Signer("Nguyễn Văn Phong", "Phó Chủ tịch")],
        ),
    )
    await published(
        tree.city,
        fields(
            "40/2026/QĐ-UBND",
            "Quyết định chưa có hiệu lực",
            issued_on=TODAY - timedelta(days=3),
            effective_from=TODAY + timedelta(days=400),
        ),
    )
    await document_create(SYSTEM_SCOPE, tree.city, fields("99/2024/QĐ-UBND", "Bản nháp"))
    await published(tree.ward, fields("01/2024/QĐ-UBND", "Văn bản của phường"))

    everything = await get(client, "/van-ban/")
    assert everything.status_code == 200, everything.text
    assert sorted(result_numbers(everything.text)) == [
        "02/2025/CT-UBND",
        "15/2024/QĐ-UBND",
        "40/2026/QĐ-UBND",
    ]
    page = text_of(everything.text)
    assert "3 văn bản" in page
    assert "Quyết định (2)" in page and "Chỉ thị (1)" in page  # facet counts
    assert "Còn hiệu lực (2)" in page and "Chưa có hiệu lực (1)" in page
    assert "Giao thông (2)" in page and "Phòng cháy (1)" in page
    assert 'href="?loai=quyet_dinh"' in everything.text  # a facet adds its filter
    assert 'href="?tinh-trang=con-hieu-luc"' in everything.text
    assert "01/05/2020" not in page and "04/05/2020" in page  # dd/mm/yyyy
    assert '<link rel="alternate" type="application/atom+xml"' in everything.text
    assert 'href="/van-ban/atom.xml"' in everything.text
    for label in ("Số ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Lĩnh vực", "Người ký"):
        assert f">{label}</label>" in everything.text

    # A number in a folded spelling (no Đ, lower case) finds the document.
    by_number = await get(client, "/van-ban/?so=15%2F2024%2Fqd-ubnd")
    assert result_numbers(by_number.text) == ["15/2024/QĐ-UBND"]
    by_type = await get(client, "/van-ban/?loai=chi_thi")
    assert result_numbers(by_type.text) == ["02/2025/CT-UBND"]
    assert "selected>Chỉ thị</option>" in by_type.text  # the form keeps the choice
    by_status = await get(client, "/van-ban/?tinh-trang=chua-co-hieu-luc")
    assert result_numbers(by_status.text) == ["40/2026/QĐ-UBND"]
    chosen = text_of(by_status.text)
    # Each facet is counted without its own filter, so the other statuses stay offered.
    assert "Chưa có hiệu lực (1) bỏ chọn" in chosen and "Còn hiệu lực (2)" in chosen
    by_signer = await get(client, "/van-ban/?nguoi-ky=Phong")
    assert result_numbers(by_signer.text) == ["02/2025/CT-UBND"]
    by_field = await get(client, "/van-ban/?linh-vuc=phong+chay")
    assert result_numbers(by_field.text) == ["02/2025/CT-UBND"]
    by_dates = await get(client, "/van-ban/?tu-ngay=2024-12-01&den-ngay=06%2F01%2F2025")
    assert result_numbers(by_dates.text) == ["02/2025/CT-UBND"]
    by_year = await get(client, "/van-ban/?nam=2020&loai=quyet_dinh")
    assert result_numbers(by_year.text) == ["15/2024/QĐ-UBND"]
    by_words = await get(client, "/van-ban/?tu-khoa=giao+thong+do+thi")
    assert result_numbers(by_words.text) == ["15/2024/QĐ-UBND"]
    nothing = await get(client, "/van-ban/?so=77%2F2019%2FQĐ-UBND")
    assert "Không có văn bản nào phù hợp" in nothing.text

    # The ward's portal lists its own documents only.
    ward = await get(client, "/van-ban/", "hoankiem.thudo.gov.vn")
    assert result_numbers(ward.text) == ["01/2024/QĐ-UBND"]


async def test_search_pages_through_results_with_the_filters_kept(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    for i in range(23):
        await published(
            tree.city, fields(f"{i + 1}/2024/QĐ-UBND", issued_on=date(2024, 1, 1) + timedelta(i))
        )
    await published(tree.city, fields("5/2024/CT-UBND", doc_type="chi_thi"))
    first = await get(client, "/van-ban/?loai=quyet_dinh")
    assert len(result_numbers(first.text)) == 20
    next_link = re.search(r'rel="next" href="([^"]+)"', first.text)
    assert next_link is not None
    href = html.unescape(next_link.group(1))
    assert "loai=quyet_dinh" in href and "sau=" in href
    second = await get(client, "/van-ban/" + href)
    assert len(result_numbers(second.text)) == 3
    assert "5/2024/CT-UBND" not in result_numbers(second.text)
    assert "Trang đầu" in second.text


async def test_bad_filters_answer_400_in_both_languages_never_500(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await published(tree.city, fields("15/2024/QĐ-UBND"))
    cases = {
        "/van-ban/?nam=abc": "Năm phải là một số",
        "/van-ban/?nam=99999999999999999999": "The year must be a number",
        "/van-ban/?tu-ngay=2024-13-45": "Hãy ghi ngày",
        "/van-ban/?den-ngay=31%2F02%2F2024": "Write dates as",
        "/van-ban/?tinh-trang=khong-ro": "This validity status does not exist.",
        "/van-ban/?loai=%3Cscript%3E": "Loại văn bản này không tồn tại.",
        "/van-ban/?so=" + "1" * 300: "too long",
        "/van-ban/?sau=%21%21": "Trang kết quả này không tồn tại",
        "/van-ban/?sau=" + "A" * 200: "This page of results does not exist",
        "/en/documents/?nam=abc": "The year must be a number",
        "/cong-bao/?nam=abc": "Năm phải là một số từ 1945",
        "/cong-bao/?sau=%21%21": "This page of results does not exist",
    }
    for path, message in cases.items():
        response = await get(client, path)
        assert response.status_code == 400, (path, response.status_code)
        assert message in response.text, path
        assert 'lang="vi"' in response.text and 'lang="en"' in response.text
        assert "<form" in response.text or "/cong-bao/" in path  # the reader can fix it
    for path in (
        "/cong-bao/abc/1",
        "/cong-bao/2026/-1",
        "/cong-bao/2026/99999999999",
        "/cong-bao/2026/1/x",
        "/van-ban/KHONG_HOP_LE",
        "/van-ban/khong-co-van-ban",
    ):
        assert (await get(client, path)).status_code == 404, path


# --- the document page ----------------------------------------------------------------------


async def test_document_page_shows_the_metadata_and_the_status_by_dates(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    in_force = await published(
        tree.city,
        fields(
            "15/2024/QĐ-UBND",
            "Quy định quản lý vỉa hè",
            abstract="Ban hành quy định quản lý, sử dụng vỉa hè.",
            full_text="Điều 1. Phạm vi điều chỉnh\nĐiều 2. Đối tượng áp dụng",
            issued_on=date(2024, 3, 1),
            effective_from=date(2024, 3, 15),
            gazette_published_on=date(2024, 3, 10),
        ),
    )
    pdf = await media_upload(SYSTEM_SCOPE, tree.city, "15-2024-qd-ubnd.pdf", build_pdf())
    await attach(SYSTEM_SCOPE, in_force.id, pdf.id)
    future = await published(
        tree.city,
        fields(
            "41/2026/QĐ-UBND",
            issued_on=TODAY - timedelta(days=2),
            effective_from=TODAY + timedelta(days=365),
        ),
    )
    expired = await published(
        tree.city,
        fields("7/2019/QĐ-UBND", issued_on=date(2019, 1, 2), effective_until=date(2021, 1, 1)),
    )

    response = await get(client, f"/van-ban/{in_force.slug}")
    assert response.status_code == 200, response.text
    page = text_of(response.text)
    for label in LABELS:
        assert f'<th scope="row">{label}</th>' in response.text, label
    assert '<h1 lang="vi">Quy định quản lý vỉa hè</h1>' in response.text
    assert "Số ký hiệu 15/2024/QĐ-UBND" in page
    assert "Loại văn bản Quyết định" in page
    assert "Cơ quan ban hành UBND Thành phố Hà Nội" in page
    assert "Người ký Trần Sỹ Thanh" in page and "Chức danh Chủ tịch" in page
    assert "Ngày ban hành 01/03/2024" in page and "Ngày có hiệu lực 15/03/2024" in page
    assert "Ngày đăng công báo 10/03/2024" in page and "Ngày hết hiệu lực Không có" in page
    assert "Lĩnh vực Giao thông" in page
    assert "Tình trạng hiệu lực Còn hiệu lực" in page
    assert "Trích yếu Ban hành quy định quản lý, sử dụng vỉa hè." in page
    assert "Điều 1. Phạm vi điều chỉnh\nĐiều 2." in response.text  # full text, lines kept
    assert re.search(r'<a href="/media/[^"]+" download>15-2024-qd-ubnd\.pdf</a>', response.text)
    assert f"SHA-256: {pdf.sha256}" in page
    assert (
        'data-action="print"' in response.text
        and "/static/portal.js" in response.text
        and 'media="print"' in response.text
    )
    assert "In văn bản" in page
    etag = response.headers["etag"]
    assert response.headers["cache-control"].startswith("public")
    cached = await client.get(
        f"/van-ban/{in_force.slug}", headers={"Host": "thudo.gov.vn", "If-None-Match": etag}
    )
    assert cached.status_code == 304

    assert "Chưa có hiệu lực" in text_of((await get(client, f"/van-ban/{future.slug}")).text)
    assert "Hết hiệu lực toàn bộ" in text_of((await get(client, f"/van-ban/{expired.slug}")).text)


async def test_an_amendment_shows_on_both_documents_in_the_right_direction(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    target = await published(tree.city, fields("15/2020/QĐ-UBND", "Quy định gốc"))
    amending = await published(
        tree.city,
        fields("20/2024/QĐ-UBND", "Sửa đổi quy định", issued_on=date(2024, 5, 2)),
    )
    before = text_of((await get(client, f"/van-ban/{target.slug}")).text)
    assert "Còn hiệu lực" in before and "Được sửa đổi" not in before

    await relation_add(SYSTEM_SCOPE, amending.id, RelationKind.AMENDS, target_id=target.id)
    await relation_add(
        SYSTEM_SCOPE,
        amending.id,
        RelationKind.BASIS,
        target_number="72/2025/QH15",
        note="Luật Tổ chức chính quyền địa phương",
    )
    acted_on = await get(client, f"/van-ban/{target.slug}")
    page = text_of(acted_on.text)
    assert "Tình trạng hiệu lực Hết hiệu lực một phần" in page
    assert "Được sửa đổi, bổ sung bởi 20/2024/QĐ-UBND" in page
    assert f'href="/van-ban/{amending.slug}"' in acted_on.text
    assert "Văn bản khác tác động đến văn bản này" in page

    acting = await get(client, f"/van-ban/{amending.slug}")
    page = text_of(acting.text)
    assert "Sửa đổi, bổ sung 15/2020/QĐ-UBND" in page
    assert "Được sửa đổi, bổ sung bởi" not in page
    assert f'href="/van-ban/{target.slug}"' in acting.text
    assert "Căn cứ ban hành 72/2025/QH15" in page  # not held: the number, no link
    assert "Tình trạng hiệu lực Còn hiệu lực" in page

    # The English edition words it in English, still from the right side.
    english = text_of((await get(client, f"/en/documents/{target.slug}")).text)
    assert "Amended by 20/2024/QĐ-UBND" in english and "Validity status Partly expired" in english


async def test_partial_relations_other_portals_and_citations(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.other_ward)
    target = await published(
        tree.ward,
        fields("3/2025/QĐ-UBND", "Quyết định của phường", issuer_name="UBND phường Hoàn Kiếm"),
    )
    city_doc = await published(tree.city, fields("15/2020/QĐ-UBND", "Quy định của thành phố"))
    # The city, above the ward, repeals part of the ward's decision (a ward could
    # not do it to the city's: hub/services/document_authority.py).
    await relation_add(
        SYSTEM_SCOPE, city_doc.id, RelationKind.REPEALS, target_id=target.id, partial=True
    )
    # A neighbouring ward's article cites the decision.
    await make_article(
        tree.other_ward,
        "Phường bạn học tập kinh nghiệm",
        category=news,
        body="<p>Thực hiện Quyết định số 3/2025/QĐ-UBND của UBND phường Hoàn Kiếm.</p>",
    )
    ward = "hoankiem.thudo.gov.vn"
    response = await get(client, f"/van-ban/{target.slug}", ward)
    page = text_of(response.text)
    assert "Bị bãi bỏ bởi 15/2020/QĐ-UBND (một phần)" in page
    assert "Hết hiệu lực một phần" in page
    # Another portal's document is linked on its own portal.
    assert f'href="https://thudo.gov.vn/van-ban/{city_doc.slug}"' in response.text
    assert "Văn bản, bài viết dẫn chiếu văn bản này" in page
    assert "Phường bạn học tập kinh nghiệm" in page
    other = "https://hoangmai.thudo.gov.vn/tin-tuc/phuong-ban-hoc-tap-kinh-nghiem"
    assert f'href="{other}"' in response.text
    dev = await get(client, f"/_t/hoankiem/van-ban/{target.slug}", "127.0.0.1:8000")
    assert f'href="/_t/hanoi/van-ban/{city_doc.slug}"' in dev.text


async def test_drafts_are_not_public_and_the_english_edition_follows_the_portal(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    draft = await document_create(SYSTEM_SCOPE, tree.city, fields("99/2024/QĐ-UBND", "Bản nháp"))
    assert (await get(client, f"/van-ban/{draft.slug}")).status_code == 404
    assert "99/2024" not in (await get(client, "/van-ban/")).text
    assert "99/2024" not in (await get(client, "/van-ban/atom.xml")).text
    doc = await published(tree.ward, fields("1/2025/QĐ-UBND"))
    assert (await get(client, f"/van-ban/{doc.slug}")).status_code == 404  # another portal's
    ward = await get(client, f"/van-ban/{doc.slug}", "hoankiem.thudo.gov.vn")
    assert ward.status_code == 200
    assert (await get(client, "/en/documents/", "hoankiem.thudo.gov.vn")).status_code == 404
    assert (await get(client, "/van-ban/", "khong-ton-tai.example.org")).status_code == 404

    english = await get(client, "/en/documents/")
    assert english.status_code == 200 and '<html lang="en">' in english.text
    assert "Legal documents" in english.text and ">Number and symbol</label>" in english.text
    assert "Decision (0)" not in english.text
    home = await get(client, "/")
    assert 'href="/van-ban/"' in home.text and 'href="/cong-bao/"' in home.text
    ward_home = await get(client, "/", "hoankiem.thudo.gov.vn")
    assert 'href="/van-ban/"' in ward_home.text and 'href="/cong-bao/"' not in ward_home.text


# --- the gazette ----------------------------------------------------------------------------------


async def publish_edition(
    tenant: Tenant,
    year: int,
    numbers: list[int],
    published_on: date,
    items: list[gazette.ItemFields],
) -> GazetteEdition:
    """A published edition with its items and a signed PDF of its own."""
    pdf = build_pdf([[f"CONG BAO {year} SO {numbers[0]}"]])
    pdf = await asyncio.to_thread(sign_pdf, pdf, gazette_identity())
    edition = await gazette.create_edition(SYSTEM_SCOPE, tenant, year, numbers, published_on)
    for item in items:
        await gazette.add_item(SYSTEM_SCOPE, edition.id, item)
    asset = await media_upload(SYSTEM_SCOPE, tenant, f"cong-bao-{year}-{numbers[0]}.pdf", pdf)
    await gazette.attach_pdf(SYSTEM_SCOPE, edition.id, asset.id)
    return await gazette.publish_edition(SYSTEM_SCOPE, edition.id)


async def make_gazette(tree: Any) -> dict[str, Any]:
    """Three published editions (2025 no. 1, 2026 no. 1 and 59 + 60) and one draft."""
    resolution = await published(
        tree.city,
        fields(
            "05/2026/NQ-HĐND",
            "Nghị quyết về phí tham quan",
            doc_type="nghi_quyet",
            issuer_name="HĐND Thành phố Hà Nội",
            issued_on=date(2026, 5, 20),
        ),
    )
    old = await publish_edition(
        tree.city,
        2025,
        [1],
        date(2025, 1, 10),
        [gazette.ItemFields(1, 2, "Quyết định năm cũ", "UBND Thành phố Hà Nội", date(2025, 1, 2))],
    )
    first = await publish_edition(
        tree.city,
        2026,
        [1],
        date(2026, 1, 8),
        [gazette.ItemFields(1, 4, "Quyết định đầu năm", "UBND Thành phố Hà Nội", date(2026, 1, 2))],
    )
    combined = await publish_edition(
        tree.city,
        2026,
        [59, 60],
        date(2026, 6, 1),
        [
            gazette.ItemFields(
                1, 3, "Quyết định về giao thông", "UBND Thành phố Hà Nội", date(2026, 5, 2)
            ),
            gazette.ItemFields(4, 9, document_id=resolution.id),
        ],
    )
    draft = await gazette.create_edition(SYSTEM_SCOPE, tree.city, 2026, [61], date(2026, 6, 5))
    return {"old": old, "first": first, "combined": combined, "draft": draft, "doc": resolution}


async def test_gazette_by_year_and_the_edition_page(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    made = await make_gazette(tree)

    latest = await get(client, "/cong-bao/")
    assert latest.status_code == 200, latest.text
    page = text_of(latest.text)
    assert "2026 (2 số)" in page and "2025 (1 số)" in page
    assert "Công báo số 59 + 60 năm 2026" in page and "Công báo số 1 năm 2025" in page
    assert "61" not in re.findall(r"Công báo số ([\d +]+) năm", page)  # the draft stays hidden
    assert 'href="/cong-bao/atom.xml"' in latest.text
    year = await get(client, "/cong-bao/?nam=2025")
    page = text_of(year.text)
    assert "Các số năm 2025" in page and "Công báo số 1 năm 2025" in page
    assert "59 + 60" not in page

    edition = await get(client, "/cong-bao/2026/59")
    assert edition.status_code == 200, edition.text
    page = text_of(edition.text)
    assert "<h1>Công báo số 59 + 60 năm 2026</h1>" in edition.text
    assert "Ngày đăng 01/06/2026" in page
    assert f"SHA-256: {made['combined'].pdf_sha256}" in page
    assert "Chữ ký số: hợp lệ – người ký:" in page and "Hà Nội" in page
    assert re.search(r'<a href="/media/[^"]+" download="cong-bao-2026-59\.pdf">', edition.text)
    for heading in ("Cơ quan ban hành", "Ngày ban hành", "Tên văn bản", "Trang"):
        assert f'<th scope="col">{heading}</th>' in edition.text
    assert '<tr id="muc-1">' in edition.text and '<tr id="muc-2">' in edition.text
    assert "UBND Thành phố Hà Nội 02/05/2026 Quyết định về giao thông 1–3" in page
    doc = made["doc"]
    assert f'<a href="/van-ban/{doc.slug}">Nghị quyết về phí tham quan</a>' in edition.text
    assert "4–9" in page

    # The other number of a combined edition, and an item's permalink, lead to the edition.
    other = await get(client, "/cong-bao/2026/60")
    assert other.status_code == 301 and other.headers["location"] == "/cong-bao/2026/59"
    item = await get(client, "/cong-bao/2026/59/2")
    assert item.status_code == 301 and item.headers["location"] == "/cong-bao/2026/59#muc-2"
    assert (await get(client, "/cong-bao/2026/59/3")).status_code == 404
    assert (await get(client, "/cong-bao/2026/61")).status_code == 404  # draft
    assert (await get(client, "/cong-bao/2024/1")).status_code == 404

    # The document itself says where the gazette published it, and links there.
    own_page = await get(client, f"/van-ban/{doc.slug}")
    assert "Công báo số 59 + 60 năm 2026, trang 4–9" in text_of(own_page.text)
    assert 'href="/cong-bao/2026/59/2"' in own_page.text

    english = await get(client, "/en/gazette/2026/59")
    assert english.status_code == 200
    assert "Official Gazette no. 59 + 60 of 2026" in english.text
    assert (await get(client, "/en/gazette/", "hoankiem.thudo.gov.vn")).status_code == 404


# --- feeds ------------------------------------------------------------------------------------


async def atom(client: httpx.AsyncClient, path: str) -> Any:
    response = await get(client, path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert "etag" in response.headers
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id and parsed.feed.title and parsed.feed.updated
    for entry in parsed.entries:
        assert entry.id and entry.title and entry.updated and entry.link.startswith("http")
    return parsed


async def test_atom_feeds_of_documents_and_editions(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await published(
        tree.city,
        fields("15/2024/QĐ-UBND", "Quy định <vỉa hè> & lòng đường", abstract="Trích yếu ]]> <b>"),
    )
    await published(tree.city, fields("02/2025/CT-UBND", doc_type="chi_thi"))
    await make_gazette(tree)

    documents = await atom(client, "/van-ban/atom.xml")
    assert documents.feed.title == "Văn bản – Thành phố Hà Nội"
    titles = {e.title for e in documents.entries}
    assert "15/2024/QĐ-UBND – Quy định <vỉa hè> & lòng đường" in titles
    # The gazette's resolution is a published document too.
    assert len(documents.entries) == 3
    entry = next(e for e in documents.entries if e.title.startswith("15/2024"))
    assert entry.link.startswith("http://thudo.gov.vn/van-ban/")
    assert entry.summary == "Trích yếu ]]> <b>"
    assert entry.tags[0].term == "quyet_dinh" and entry.tags[0].label == "Quyết định"

    editions = await atom(client, "/cong-bao/atom.xml")
    assert editions.feed.title == "Công báo – Thành phố Hà Nội"
    assert [e.title for e in editions.entries] == [
        "Công báo số 59 + 60 năm 2026",
        "Công báo số 1 năm 2026",
        "Công báo số 1 năm 2025",
    ]
    assert editions.entries[0].link == "http://thudo.gov.vn/cong-bao/2026/59"
    assert "Nghị quyết về phí tham quan" in editions.entries[0].content[0].value
    assert 'href="http://thudo.gov.vn/van-ban/' in editions.entries[0].content[0].value

    english = await atom(client, "/en/gazette/atom.xml")
    assert english.entries[0].title == "Official Gazette no. 59 + 60 of 2026"
    await atom(client, "/en/documents/atom.xml")
    assert (await get(client, "/en/documents/atom.xml", "hoankiem.thudo.gov.vn")).status_code == 404
    empty = await get(client, "/cong-bao/atom.xml", "hoankiem.thudo.gov.vn")
    assert empty.status_code == 200 and feedparser.parse(empty.content).bozo == 0


# --- a real browser --------------------------------------------------------------------------


@pytest.mark.browser
async def test_reader_on_a_phone_searches_and_opens_a_document(server: str) -> None:  # noqa: F811
    tree = await make_tree()
    await published(tree.city, fields("15/2024/QĐ-UBND", "Quy định quản lý vỉa hè"))
    target = await published(
        tree.city, fields("02/2025/CT-UBND", "Chỉ thị về phòng cháy", doc_type="chi_thi")
    )
    amending = await published(tree.city, fields("30/2025/QĐ-UBND", "Sửa đổi chỉ thị"))
    await relation_add(SYSTEM_SCOPE, amending.id, RelationKind.AMENDS, target_id=target.id)
    item = gazette.ItemFields(1, 12, document_id=target.id)
    await publish_edition(tree.city, 2026, [59, 60], date(2026, 6, 1), [item])
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 320, "height": 640})
            page.set_default_timeout(10_000)

            async def overflow() -> int:
                return int(
                    await page.evaluate(
                        "document.documentElement.scrollWidth"
                        " - document.documentElement.clientWidth"
                    )
                )

            await page.goto(f"{server}/_t/hanoi/van-ban/")
            assert await overflow() <= 0, "the search page scrolls sideways at 320 px"
            await page.get_by_label("Số ký hiệu").fill("02/2025/ct-ubnd")
            await page.get_by_label("Loại văn bản").select_option("chi_thi")
            await page.get_by_role("button", name="Tìm văn bản").click()
            await page.wait_for_url("**/van-ban/?so=*")
            results = page.locator(".doc-item")
            assert await results.count() == 1
            assert await overflow() <= 0, "the results scroll sideways at 320 px"
            await page.get_by_role("link", name="02/2025/CT-UBND Chỉ thị về phòng cháy").click()
            await page.wait_for_url(f"**/van-ban/{target.slug}")
            heading = page.get_by_role("heading", level=1)
            assert await heading.inner_text() == "Chỉ thị về phòng cháy"
            assert await page.get_by_text("Hết hiệu lực một phần").first.is_visible()
            assert await page.get_by_text("Được sửa đổi, bổ sung bởi").is_visible()
            assert await page.get_by_role("button", name="In văn bản").is_visible()
            assert await overflow() <= 0, "the document page scrolls sideways at 320 px"

            await page.goto(f"{server}/_t/hanoi/cong-bao/2026/60")
            await page.wait_for_url("**/cong-bao/2026/59")
            assert await page.get_by_role("heading", level=1).inner_text() == (
                "Công báo số 59 + 60 năm 2026"
            )
            assert await page.get_by_role("link", name="Chỉ thị về phòng cháy").is_visible()
            assert await overflow() <= 0, "the gazette edition scrolls sideways at 320 px"
        finally:
            await browser.close()
