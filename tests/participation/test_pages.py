"""The public participation pages through the app: forms, refusals, no personal data."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import httpx

from hub.participation import consultations as cons
from hub.participation import disclosures as disc
from hub.participation.models import (
    CommentState,
    ConsultationComment,
    InfoRequest,
    SatisfactionRating,
)
from hub.working_days import local_date
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree

HOST = "hoankiem.thudo.gov.vn"
SAME_ORIGIN = {"Host": HOST, "Sec-Fetch-Site": "same-origin"}
PERSONAL = ("Nguyễn Thị Bình", "001190012345", "0912345678", "binh@example.vn", "Số 5 Hàng Bài")


def form(**values: str) -> dict[str, str]:
    return {"website": "", **values}


async def post(client: httpx.AsyncClient, path: str, data: dict[str, str], **headers: str) -> Any:
    return await client.post(path, data=data, headers={**SAME_ORIGIN, **headers})


async def get(client: httpx.AsyncClient, path: str) -> httpx.Response:
    return await client.get(path, headers={"Host": HOST})


def request_form(**change: str) -> dict[str, str]:
    values = {
        "ho-ten": PERSONAL[0],
        "dia-chi": PERSONAL[4],
        "so-cccd": PERSONAL[1],
        "dien-thoai": PERSONAL[2],
        "email": PERSONAL[3],
        "thong-tin": "Quyết định phê duyệt quy hoạch chi tiết phường",
        "muc-dich": "Tìm hiểu quy hoạch nơi ở",
        "hinh-thuc": "dien-tu",
        "cach-thuc": "email",
        "dong-y": "1",
    }
    values.update(change)
    return form(**values)


async def open_consultation(tenant: Any, deadline: date, **kw: Any) -> Any:
    fields = cons.ConsultationFields(
        title=kw.pop("title", "Dự thảo Quy định quản lý vỉa hè"),
        body="<p>Điều 1. Vỉa hè dành cho người đi bộ.</p>",
        deadline=deadline,
        contact="Văn phòng UBND phường, 024 3825 0000",
        files=[("Toàn văn dự thảo (PDF)", "https://hoankiem.thudo.gov.vn/media/du-thao.pdf")],
    )
    return await cons.consultation_open(SYSTEM_SCOPE, tenant, fields, **kw)


async def test_a_consultation_takes_comments_until_its_deadline_and_shows_moderated_ones(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    today = date.today()
    current = await open_consultation(tree.ward, today + timedelta(days=10))
    past = await open_consultation(
        tree.ward,
        today - timedelta(days=3),
        title="Dự thảo Kế hoạch chợ đêm",
        moment=cons.end_of(today - timedelta(days=20)),
    )
    listing = await get(client, "/gop-y-du-thao")
    assert listing.status_code == 200
    html = listing.text
    assert html.index("Đang lấy ý kiến") < html.index("Dự thảo Quy định quản lý vỉa hè")
    assert html.index("Đã kết thúc") < html.index("Dự thảo Kế hoạch chợ đêm")
    deadline = (today + timedelta(days=10)).strftime("%d/%m/%Y")
    assert deadline in html

    page = await get(client, f"/gop-y-du-thao/{current.id}")
    assert page.status_code == 200
    assert "Vỉa hè dành cho người đi bộ" in page.text and "024 3825 0000" in page.text
    assert "Toàn văn dự thảo (PDF)" in page.text and 'name="y-kien"' in page.text

    comment = form(**{"ho-ten": "Trần Lan", "lien-he": PERSONAL[3], "y-kien": "Giữ lối 1,5 m."})
    missing = await post(client, f"/gop-y-du-thao/{current.id}", comment)
    assert missing.status_code == 400  # no consent
    assert "Hãy đánh dấu" in missing.text and "Tick the box" in missing.text
    assert missing.headers["cache-control"] == "no-store"
    assert "Giữ lối 1,5 m." in missing.text  # the input is kept
    sent = await post(client, f"/gop-y-du-thao/{current.id}", {**comment, "dong-y": "1"})
    assert sent.status_code == 303
    assert sent.headers["location"].endswith(f"/gop-y-du-thao/{current.id}?da-gui=1#gop-y")
    stored = await ConsultationComment.get(consultation_id=current.id)
    after = await get(client, f"/gop-y-du-thao/{current.id}?da-gui=1")
    assert "Cảm ơn" in after.text and "Giữ lối 1,5 m." not in after.text  # not moderated yet
    await cons.comment_moderate(SYSTEM_SCOPE, stored.id, CommentState.SHOWN)
    shown = await get(client, f"/gop-y-du-thao/{current.id}")
    assert "Giữ lối 1,5 m." in shown.text and "Trần Lan" in shown.text
    assert PERSONAL[3] not in shown.text  # the contact is for moderators only

    # After the deadline: no form, and a post is refused in both languages.
    closed_page = await get(client, f"/gop-y-du-thao/{past.id}")
    assert 'name="y-kien"' not in closed_page.text
    late = await post(client, f"/gop-y-du-thao/{past.id}", {**comment, "dong-y": "1"})
    assert late.status_code == 409
    assert "Đã hết hạn góp ý" in late.text and "The deadline for comments" in late.text
    assert await ConsultationComment.filter(consultation_id=past.id).count() == 0

    # Another portal's consultation, a bad number, a bot, another site: never a 500.
    assert (
        await client.get(f"/gop-y-du-thao/{current.id}", headers={"Host": "hoangmai.thudo.gov.vn"})
    ).status_code == 404
    assert (await get(client, "/gop-y-du-thao/abc")).status_code == 404
    assert (await get(client, "/gop-y-du-thao/99999999999")).status_code == 404
    bot = await post(
        client, f"/gop-y-du-thao/{current.id}", {**comment, "dong-y": "1", "website": "x"}
    )
    assert bot.status_code == 303
    assert await ConsultationComment.filter(consultation_id=current.id).count() == 1
    forged = await post(
        client,
        f"/gop-y-du-thao/{current.id}",
        {**comment, "dong-y": "1"},
        **{"Sec-Fetch-Site": "cross-site"},
    )
    assert forged.status_code == 403 and "another site" in forged.text
    huge = await post(client, f"/gop-y-du-thao/{current.id}", {**comment, "y-kien": "x" * 40_000})
    assert huge.status_code == 413


async def test_an_information_request_gets_a_tracking_code_and_its_status_hides_the_requester(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    blank = await get(client, "/yeu-cau-cung-cap-thong-tin")
    assert blank.status_code == 200
    for name in (
        "ho-ten",
        "dia-chi",
        "so-cccd",
        "dien-thoai",
        "email",
        "thong-tin",
        "muc-dich",
        "hinh-thuc",
        "cach-thuc",
        "dong-y",
    ):
        assert f'name="{name}"' in blank.text, name
    wrong = await post(
        client, "/yeu-cau-cung-cap-thong-tin", request_form(**{"so-cccd": "12", "muc-dich": ""})
    )
    assert wrong.status_code == 400
    assert 'href="#f-muc-dich"' in wrong.text  # the summary links to the field
    assert PERSONAL[0] in wrong.text  # the input is kept
    wrong = await post(client, "/yeu-cau-cung-cap-thong-tin", request_form(**{"so-cccd": "12"}))
    assert wrong.status_code == 400 and 'href="#f-so-cccd"' in wrong.text
    assert await InfoRequest.all().count() == 0

    receipt = await post(client, "/yeu-cau-cung-cap-thong-tin", request_form())
    assert receipt.status_code == 200 and receipt.headers["cache-control"] == "no-store"
    code = re.search(r'class="tracking-code">([0-9A-Z-]+)<', receipt.text).group(1)  # type: ignore[union-attr]
    assert len(code.replace("-", "")) == 12
    request = await InfoRequest.get(tenant_id=tree.ward.id)
    assert request.full_name == PERSONAL[0] and request.id_number == PERSONAL[1]

    status = await post(client, "/yeu-cau-cung-cap-thong-tin/tra-cuu", {"ma": code.lower()})
    assert status.status_code == 200
    assert "Đã tiếp nhận" in status.text
    assert local_date(request.due_at).strftime("%d/%m/%Y") in status.text  # the clock
    for personal in PERSONAL:
        assert personal not in status.text
    unknown = await post(client, "/yeu-cau-cung-cap-thong-tin/tra-cuu", {"ma": "AAAA-BBBB-CCCC"})
    assert unknown.status_code == 404 and "No request with this tracking code" in unknown.text
    elsewhere = await client.post(
        "/yeu-cau-cung-cap-thong-tin/tra-cuu",
        data={"ma": code},
        headers={"Host": "hoangmai.thudo.gov.vn", "Sec-Fetch-Site": "same-origin"},
    )
    assert elsewhere.status_code == 404


async def test_the_disclosure_list_page(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await disc.disclosure_item_add(
        SYSTEM_SCOPE,
        tree.ward,
        disc.DisclosureFields(
            title="Dự toán ngân sách phường năm 2026",
            address="/van-ban/du-toan-2026",
            form="Đăng trên cổng thông tin điện tử",
            disclosure_time="Chậm nhất 5 ngày làm việc kể từ ngày tạo ra thông tin",
            duration="Ít nhất 1 năm",
        ),
    )
    page = await get(client, "/danh-muc-thong-tin-cong-khai")
    assert page.status_code == 200
    for text in (
        "Danh mục thông tin phải công khai",
        "Dự toán ngân sách phường năm 2026",
        'href="/van-ban/du-toan-2026"',
        "Hình thức công khai",
        "Thời điểm công khai",
        "Thời hạn công khai",
        "Ít nhất 1 năm",
    ):
        assert text in page.text, text
    other = await client.get(
        "/danh-muc-thong-tin-cong-khai", headers={"Host": "hoangmai.thudo.gov.vn"}
    )
    assert "Dự toán ngân sách phường" not in other.text


async def test_a_rating_from_an_article_page_is_counted_once_per_browser(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    news = await make_category(tree.ward)
    await make_article(tree.ward, "Phường ra mắt tổ dân phố số", category=news)
    path = "/tin-tuc/phuong-ra-mat-to-dan-pho-so"
    article = await get(client, path)
    assert article.status_code == 200
    assert 'action="/danh-gia"' in article.text and f'value="{path}"' in article.text
    rated = await post(client, "/danh-gia", {"trang": path, "muc-do": "hai-long"})
    assert rated.status_code == 303 and rated.headers["location"].startswith("/danh-gia?trang=")
    assert "danh-gia=" in rated.headers["set-cookie"]
    again = await post(client, "/danh-gia", {"trang": path, "muc-do": "khong-hai-long"})
    assert again.status_code == 303
    rows = await SatisfactionRating.all()
    assert [(r.path, r.score, r.tenant_id) for r in rows] == [(path, 3, tree.ward.id)]
    thanks = await client.get(rated.headers["location"], headers={"Host": HOST})
    assert thanks.status_code == 200 and f'href="{path}"' in thanks.text
    bad = await post(client, "/danh-gia", {"trang": "https://evil.example/", "muc-do": "hai-long"})
    assert bad.status_code == 400 and "This page cannot be rated." in bad.text
    bad = await post(client, "/danh-gia", {"trang": path, "muc-do": "tuyet-voi"})
    assert bad.status_code == 400
    assert await SatisfactionRating.all().count() == 1
