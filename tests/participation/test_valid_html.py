"""Every participation page, with and without errors, is valid HTML (the Nu checker)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import httpx

from hub.participation import consultations as cons
from hub.participation import disclosures as disc
from hub.participation.models import CommentState
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree
from tests.frontends.html_checks import page_problems, vnu_errors

HOST = {"Host": "hoankiem.thudo.gov.vn"}
POST = {**HOST, "Sec-Fetch-Site": "same-origin"}


async def test_participation_pages_are_valid_html(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    tree = await make_tree()
    news = await make_category(tree.ward)
    await make_article(tree.ward, "Tin phường", category=news)
    fields = cons.ConsultationFields(
        "Dự thảo Quy định",
        "<p>Điều 1.</p>",
        date.today() + timedelta(days=3),
        "Văn phòng",
        [("Dự thảo", "/media/du-thao.pdf")],
    )
    consultation = await cons.consultation_open(SYSTEM_SCOPE, tree.ward, fields)
    comment = await cons.comment_submit(
        tree.ward, consultation.id, cons.CommentFields("Lan", "Ý kiến\nhai dòng", True)
    )
    await cons.comment_moderate(SYSTEM_SCOPE, comment.id, CommentState.SHOWN)
    await disc.disclosure_item_add(
        SYSTEM_SCOPE,
        tree.ward,
        disc.DisclosureFields("Dự toán", "/van-ban/x", "Cổng", "Tháng 1", "1 năm"),
    )
    pages: dict[str, str] = {}
    for path in (
        "/gop-y-du-thao",
        f"/gop-y-du-thao/{consultation.id}",
        "/yeu-cau-cung-cap-thong-tin",
        "/yeu-cau-cung-cap-thong-tin/tra-cuu",
        "/danh-muc-thong-tin-cong-khai",
        "/danh-gia?trang=/tin-tuc/tin-phuong",
        "/tin-tuc/tin-phuong",
    ):
        response = await client.get(path, headers=HOST)
        assert response.status_code == 200, path
        pages[path] = response.text
    posts = {
        "comment errors": (f"/gop-y-du-thao/{consultation.id}", {"ho-ten": "", "y-kien": ""}),
        "request errors": ("/yeu-cau-cung-cap-thong-tin", {"ho-ten": "A"}),
        "receipt": (
            "/yeu-cau-cung-cap-thong-tin",
            {
                "ho-ten": "Bình",
                "dia-chi": "Hà Nội",
                "so-cccd": "001190012345",
                "email": "b@example.vn",
                "thong-tin": "Quy hoạch",
                "muc-dich": "Tìm hiểu",
                "hinh-thuc": "dien-tu",
                "cach-thuc": "email",
                "dong-y": "1",
            },
        ),
        "status unknown": ("/yeu-cau-cung-cap-thong-tin/tra-cuu", {"ma": "AAAA-BBBB-CCCC"}),
        "cross-site": ("/danh-gia", {}),
    }
    for name, (path, data) in posts.items():
        headers = {**HOST, "Sec-Fetch-Site": "cross-site"} if name == "cross-site" else POST
        pages[name] = (await client.post(path, data=data, headers=headers)).text
    code = pages["receipt"].split('class="tracking-code">', 1)[1].split("<", 1)[0]
    status = await client.post(
        "/yeu-cau-cung-cap-thong-tin/tra-cuu", data={"ma": code}, headers=POST
    )
    assert status.status_code == 200
    pages["status"] = status.text
    problems = {key: p for key, html in pages.items() if (p := page_problems(html))}
    assert not problems, problems
    files = []
    for n, (_key, html) in enumerate(sorted(pages.items())):
        file = tmp_path / f"{n:03d}.html"
        file.write_text(html, encoding="utf-8")
        files.append(file)
    errors = vnu_errors(files)
    names = {f.name: key for f, key in zip(files, sorted(pages), strict=True)}
    readable = [e.replace(f"file:{tmp_path}/", "") for e in errors]
    assert readable == [], "\n".join(readable[:40]) + f"\n{names}"
