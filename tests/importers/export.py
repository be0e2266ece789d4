"""A small, realistic old-portal export, written in each format the importers read.

Seven articles of the old `hoankiem.hanoi.gov.vn` with what real exports have:
broken HTML, inline styles and a script, a table, a picture without alt text
(in a `wget --mirror` folder), a PDF attachment, links between articles (one
to an article that comes later in the file), an item repeated, a draft, a
TCVN3 article and a VNI one. :func:`write_export` writes it as JSON Lines,
CSV, RSS 2.0, Atom or WXR; the same items come out of every reader.
"""

from __future__ import annotations

import csv
import json
from copy import deepcopy
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tests.documents.pdf_fixtures import build_pdf
from tests.factories import jpeg_bytes

OLD_HOST = "hoankiem.hanoi.gov.vn"
BASE = f"http://{OLD_HOST}"

# "Hà Nội tổ chức hội nghị tổng kết công tác cải cách hành chính" in TCVN3 read as Latin-1.
TCVN3_TITLE = "Hµ Néi tæ chøc héi nghÞ tæng kÕt c«ng t¸c c¶i c¸ch hµnh chÝnh"
TCVN3_BODY = "<p>UBND ph­êng Hoµn KiÕm ®· tæ chøc héi nghÞ tæng kÕt.</p>"
# "Phường Hoàn Kiếm ra quân làm sạch đường phố" in VNI read as Latin-1.
VNI_TITLE = "Phöôøng Hoaøn Kieám ra quaân laøm saïch ñöôøng phoá"
VNI_BODY = '<p>Xem theâm <a href="/tin-tuc/2015/03/ra-quan-don-ve-sinh.html">baøi tröôùc</a>.</p>'

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "101",
        "title": "Ra quân dọn vệ sinh phố cổ",
        "summary": "Sáng 1/3, hàng trăm người dân tham gia.",
        "body": (
            '<p style="color:red;font-family:Arial">Sáng nay, <b>hàng trăm người<p>tham gia'
            '<script>alert(1)</script><img src="/uploads/2015/03/anh-ra-quan.jpg">'
            "<table border=1><tr><td>Tổ dân phố<td>Số người</tr><tr><td>1<td>120</table>"
            '<p>Xem <a href="http://hoankiem.hanoi.gov.vn/tin-tuc/2015/04/hoi-nghi.html">'
            "bài hội nghị</a> và <a href='/uploads/2015/03/ke-hoach.pdf'>kế hoạch</a>."
        ),
        "published_at": "2015-03-01T08:30:00+07:00",
        "categories": ["Tin hoạt động"],
        "tags": ["vệ sinh", "phố cổ"],
        "author": "Nguyễn Văn An",
        "url": f"{BASE}/tin-tuc/2015/03/ra-quan-don-ve-sinh.html",
        "slug": "ra-quan-don-ve-sinh",
    },
    {
        "id": "102",
        "title": TCVN3_TITLE,
        "summary": "",
        "body": TCVN3_BODY,
        "published_at": "2015-04-02T09:00:00+07:00",
        "categories": ["Tin hoạt động"],
        "tags": [],
        "author": "Trần Thị Bình",
        "url": f"{BASE}/tin-tuc/2015/04/hoi-nghi.html",
        "slug": "hoi-nghi",
    },
    {
        "id": "103",
        "title": VNI_TITLE,
        "summary": "",
        "body": VNI_BODY,
        "published_at": "2015-05-03T10:00:00+07:00",
        "categories": ["Thông báo"],
        "tags": ["ra quân"],
        "author": "",
        "url": f"{BASE}/thong-bao/lam-sach-duong-pho.aspx",
        "slug": "",
    },
    {
        "id": "104",
        "title": "Giới thiệu phường Hoàn Kiếm",
        "summary": "",
        "body": "<h1>Giới thiệu</h1><p>Phường nằm ở trung tâm Thủ đô.</p>",
        "published_at": "2014-01-01T00:00:00+07:00",
        "categories": [],
        "tags": [],
        "author": "",
        "url": f"{BASE}/gioi-thieu",
        "slug": "gioi-thieu",
        "kind": "page",
    },
    {
        "id": "105",
        "title": "Lịch tiếp công dân tháng 6",
        "summary": "Lịch tiếp công dân của lãnh đạo phường.",
        "body": "<div><p>Thứ Hai và thứ Năm hằng tuần.</div>",
        "published_at": "2015-06-01T07:00:00+07:00",
        "categories": ["Thông báo"],
        "tags": ["tiếp công dân"],
        "author": "Văn phòng",
        "url": f"{BASE}/thong-bao/lich-tiep-cong-dan-thang-6.aspx",
        "slug": "lich-tiep-cong-dan-thang-6",
    },
    {
        "id": "106",
        "title": "Bản nháp chưa đăng",
        "summary": "",
        "body": "<p>Không được đăng.</p>",
        "published_at": "2015-06-02T07:00:00+07:00",
        "categories": [],
        "tags": [],
        "author": "",
        "url": f"{BASE}/nhap/106",
        "slug": "ban-nhap",
        "status": "draft",
    },
]
# The old CMS exported article 105 twice.
ITEMS = [*ARTICLES[:5], ARTICLES[4], ARTICLES[5]]
PUBLISHED = 5  # articles that become pages


def mirror(root: Path) -> Path:
    """The old site's files as `wget --mirror` saved them."""
    folder = root / "mirror" / OLD_HOST / "uploads" / "2015" / "03"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "anh-ra-quan.jpg").write_bytes(jpeg_bytes((200, 30, 30), (400, 300)))
    (folder / "ke-hoach.pdf").write_bytes(build_pdf([["Kế hoạch ra quân dọn vệ sinh"]]))
    return root / "mirror"


MAP = """
source = "hoankiem-cu"
old_hosts = ["hoankiem.hanoi.gov.vn"]
base_url = "http://hoankiem.hanoi.gov.vn"
list_separator = "|"

[columns]
id = "ma"
title = "tieu_de"
summary = "sapo"
body = "noi_dung"
published_at = "ngay_dang"
categories = "chuyen_muc"
tags = "tu_khoa"
author = "tac_gia"
url = "dia_chi_cu"
slug = "slug"
kind = "loai"
status = "trang_thai"

[categories]
"Tin hoạt động" = "tin-tuc"
"""

_COLUMNS = {
    "id": "ma",
    "title": "tieu_de",
    "summary": "sapo",
    "body": "noi_dung",
    "published_at": "ngay_dang",
    "categories": "chuyen_muc",
    "tags": "tu_khoa",
    "author": "tac_gia",
    "url": "dia_chi_cu",
    "slug": "slug",
    "kind": "loai",
    "status": "trang_thai",
}


def _row(article: dict[str, Any]) -> dict[str, Any]:
    row = {column: article.get(name, "") for name, column in _COLUMNS.items()}
    row[_COLUMNS["status"]] = article.get("status", "published")
    return row


def write_export(kind: str, root: Path, items: list[dict[str, Any]] | None = None) -> Path:
    """The export of ``items`` (default: :data:`ITEMS`) as a ``kind`` file under ``root``."""
    items = deepcopy(ITEMS if items is None else items)
    root.mkdir(parents=True, exist_ok=True)
    (root / "map.toml").write_text(MAP, encoding="utf-8")
    path = root / f"export.{kind}"
    if kind == "jsonl":
        lines = [json.dumps(_row(a), ensure_ascii=False) for a in items]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(_COLUMNS.values()), delimiter=";")
            writer.writeheader()
            for a in items:
                row = _row(a)
                for key in ("chuyen_muc", "tu_khoa"):
                    row[key] = "|".join(row[key])
                writer.writerow(row)
    elif kind == "rss":
        path.write_text(_rss(items), encoding="utf-8")
    elif kind == "atom":
        path.write_text(_atom(items), encoding="utf-8")
    elif kind == "wxr":
        path.write_text(_wxr(items), encoding="utf-8")
    else:
        raise ValueError(kind)
    return path


def _date(value: str) -> str:
    from datetime import datetime

    return format_datetime(datetime.fromisoformat(value))


def _rss(items: list[dict[str, Any]]) -> str:
    # A feed has no status: its items are all published, so the draft is left out.
    entries = []
    for a in items:
        if a.get("status") == "draft":
            continue
        categories = "".join(f"<category>{escape(c)}</category>" for c in a["categories"])
        entries.append(
            f"<item><guid isPermaLink='false'>{a['id']}</guid><title>{escape(a['title'])}</title>"
            f"<link>{a['url']}</link><pubDate>{_date(a['published_at'])}</pubDate>"
            f"<dc:creator>{escape(a['author'])}</dc:creator>{categories}"
            f"<description>{escape(a['summary'])}</description>"
            f"<content:encoded>{escape(a['body'])}</content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Phường Hoàn Kiếm</title>'
        f"<link>{BASE}/</link>{''.join(entries)}</channel></rss>"
    )


def _atom(items: list[dict[str, Any]]) -> str:
    entries = []
    for a in items:
        if a.get("status") == "draft":
            continue
        categories = "".join(f'<category term="{escape(c)}"/>' for c in a["categories"])
        entries.append(
            f"<entry><id>urn:hoankiem:{a['id']}</id><title>{escape(a['title'])}</title>"
            f'<link rel="alternate" href="{a["url"]}"/><published>{a["published_at"]}</published>'
            f"<author><name>{escape(a['author'])}</name></author>{categories}"
            f'<summary type="html">{escape(a["summary"])}</summary>'
            f'<content type="html">{escape(a["body"])}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Phường Hoàn Kiếm</title><id>{BASE}/</id>{''.join(entries)}</feed>"
    )


def _wxr(items: list[dict[str, Any]]) -> str:
    wp = "http://wordpress.org/export/1.2/"
    authors = {a["author"] for a in items if a["author"]}
    author_xml = "".join(
        f"<wp:author><wp:author_login>u{n}</wp:author_login>"
        f"<wp:author_display_name>{escape(name)}</wp:author_display_name></wp:author>"
        for n, name in enumerate(sorted(authors))
    )
    logins = {name: f"u{n}" for n, name in enumerate(sorted(authors))}
    thumbnail = (
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        "<wp:meta_value>9001</wp:meta_value></wp:postmeta>"
    )
    entries = []
    for a in items:
        terms = "".join(
            f'<category domain="category" nicename="c{n}">{escape(c)}</category>'
            for n, c in enumerate(a["categories"])
        ) + "".join(f'<category domain="post_tag">{escape(t)}</category>' for t in a["tags"])
        status = "draft" if a.get("status") == "draft" else "publish"
        utc = a["published_at"]
        entries.append(
            f"<item><title>{escape(a['title'])}</title><link>{a['url']}</link>"
            f"<guid isPermaLink='false'>{BASE}/?p={a['id']}</guid>"
            f"<dc:creator>{logins.get(a['author'], '')}</dc:creator>"
            f"<content:encoded>{escape(a['body'])}</content:encoded>"
            f"<excerpt:encoded>{escape(a['summary'])}</excerpt:encoded>"
            f"<wp:post_id>{a['id']}</wp:post_id><wp:post_date>{utc[:19].replace('T', ' ')}"
            f"</wp:post_date><wp:post_name>{a['slug']}</wp:post_name>"
            f"<wp:status>{status}</wp:status>"
            f"<wp:post_type>{'page' if a.get('kind') == 'page' else 'post'}</wp:post_type>"
            f"{thumbnail if a['id'] == items[0]['id'] else ''}{terms}</item>"
        )
    # The first article's featured image, as WordPress exports it: an attachment item.
    entries.append(
        "<item><title>Ảnh ra quân</title>"
        f"<wp:post_id>9001</wp:post_id><wp:post_parent>{items[0]['id']}</wp:post_parent>"
        "<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
        f"<wp:attachment_url>{BASE}/uploads/2015/03/anh-ra-quan.jpg</wp:attachment_url>"
        "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
        "<wp:meta_value>Người dân ra quân dọn vệ sinh</wp:meta_value></wp:postmeta></item>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        f' xmlns:excerpt="{wp}excerpt/" xmlns:wp="{wp}"><channel><title>Hoàn Kiếm</title>'
        f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{BASE}</wp:base_site_url>"
        f"{author_xml}{''.join(entries)}</channel></rss>"
    )
