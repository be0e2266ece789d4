"""A `wget --mirror` copy of an old portal, read with a selector map."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import httpx

from hub.models import Article
from importers.config import load_config
from importers.core import Report, run_import
from importers.mirror import read_mirror
from tenants.models import Tenant
from tests.factories import jpeg_bytes
from tests.importers.conftest import counts
from tests.importers.export import OLD_HOST

MIRROR_MAP = """
source = "hoankiem-web"

[mirror]
include = ["*.html", "*.aspx*"]
exclude = ["*/index.html"]

[mirror.selectors]
title = "//h1[@class='title']"
date = "//span[@class='date']"
summary = "//div[@class='sapo']"
body = "//div[@id='noidung']"
category = "//div[@class='breadcrumb']/a[last()]"
author = "//p[@class='tacgia']"
attachments = "//div[@class='tepdinhkem']//a/@href"

[categories]
"Tin hoạt động" = "tin-tuc"
"""


def _page(
    title: str,
    date: str,
    body: str,
    section: str,
    words: tuple[str, str, str] = ("Trang chủ", "Tóm tắt", "Văn phòng UBND"),
    charset: str = "utf-8",
) -> str:
    home, summary, author = words
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"</head><body><div id='menu'><a href='/'>{home}</a></div>"
        f"<div class='breadcrumb'><a href='/'>{home}</a> » <a href='#'>{section}</a></div>"
        f"<h1 class='title'>{title}</h1><span class='date'>{date}</span>"
        f"<div class='sapo'>{summary}: {title}</div><div id='noidung'>{body}</div>"
        f"<p class='tacgia'>{author}</p></body></html>"
    )


def make_mirror(root: Path) -> Path:
    site = root / "mirror" / OLD_HOST
    (site / "tin-tuc").mkdir(parents=True)
    (site / "uploads").mkdir()
    (site / "uploads" / "anh.jpg").write_bytes(jpeg_bytes((10, 120, 60), (320, 240)))
    body = (
        "<p style='font-size:14pt'>Sáng nay <b>hàng trăm người<p>tham gia."
        "<img src='../uploads/anh.jpg'><table><tr><td>Tổ 1<td>40</table>"
        "<p>Xem <a href='../thong-bao.aspx?id=7'>lịch tiếp dân</a>.</p>"
    )
    page = _page("Ra quân dọn vệ sinh", "Thứ Hai, 02/03/2015 08:30", body, "Tin hoạt động")
    (site / "tin-tuc" / "ra-quan.html").write_text(page, encoding="utf-8")
    # A page typed in TCVN3 (.VnTime), declared as Windows-1252 as such pages were.
    notice = _page(
        "Th«ng b¸o lÞch tiÕp c«ng d©n",
        "05/06/2015",
        "<p>Thø Hai h»ng tuÇn.</p>",
        "Th«ng b¸o",
        ("Trang chñ", "Tãm t¾t", "V¨n phßng UBND"),
        charset="windows-1252",
    )
    (site / "thong-bao.aspx?id=7").write_bytes(notice.encode("latin-1"))
    (site / "index.html").write_text("<html><body><h2>Trang chủ</h2></body></html>")
    (root / "mirror" / "map.toml").write_text(MIRROR_MAP, encoding="utf-8")
    return root / "mirror"


async def run(mirror: Path, tenant: Tenant) -> Report:
    config = load_config(mirror / "map.toml")
    return await run_import("mirror", read_mirror(mirror, config), tenant, config, roots=[mirror])


async def test_a_mirror_becomes_articles_and_its_addresses_redirect(
    tmp_path: Path, portal: Tenant, client: httpx.AsyncClient
) -> None:
    mirror = make_mirror(tmp_path)

    report = await run(mirror, portal)

    assert report.counts == {"created": 2}, report.items
    assert report.legacy_text == {"tcvn3": 1}
    rows = {a.title: a for a in await Article.unscoped().filter(tenant_id=portal.id)}
    notice = rows["Thông báo lịch tiếp công dân"]
    assert "Thứ Hai hằng tuần." in notice.body
    first = rows["Ra quân dọn vệ sinh"]
    assert first.published_at is not None
    assert first.published_at.isoformat() == "2015-03-02T01:30:00+00:00"
    assert first.byline == "Văn phòng UBND" and first.summary.startswith("Tóm tắt")
    assert 'src="/media/' in first.body and "<table>" in first.body and "style=" not in first.body
    assert f'href="/thong-bao/{notice.slug}"' in first.body
    assert "Trang chủ" not in first.body  # only the selected part of the page

    again = await run(mirror, portal)
    assert again.counts == {"skipped": 2}

    response = await client.get("/thong-bao.aspx?id=7", headers={"Host": OLD_HOST})
    assert response.status_code == 301
    target = urlsplit(response.headers["location"])
    page = await client.get(target.path, headers={"Host": target.hostname or ""})
    assert page.status_code == 200 and "Thông báo lịch tiếp công dân" in page.text
    # Both pages' addresses, and the picture's, which answers with its file under /media/.
    assert (await counts(portal))["old_addresses"] == 3
    picture = await client.get("/uploads/anh.jpg", headers={"Host": OLD_HOST})
    assert picture.status_code == 301
    assert urlsplit(picture.headers["location"]).path.startswith("/media/")
