"""The portals' feeds: RSS 2.0, Atom and JSON Feed, per portal, per category and in English."""

from __future__ import annotations

import asyncio
import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import httpx
import orjson
from PIL import Image

from frontends.feeds import Channel, Entry, cdata, feed_environment, xml_text
from hub.models import ArticleKind, Category, Language
from hub.services.articles import ArticleChanges, article_update
from hub.services.media import media_upload
from schema.common import encode_global_id
from tests.conftest import SQLCounter
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_tree

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
HOSTILE = "Tom & Jerry <script>alert(\"x\")</script> 'Hà Nội' ]]> <b>đậm</b>"


async def fetch(client: httpx.AsyncClient, path: str, host: str = "thudo.gov.vn") -> httpx.Response:
    return await client.get(path, headers={"Host": host})


async def rss(client: httpx.AsyncClient, path: str = "/rss", host: str = "thudo.gov.vn") -> Any:
    """The feed at ``path``, checked well-formed (ElementTree) and clean (feedparser)."""
    response = await fetch(client, path, host)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    return parsed


async def atom(client: httpx.AsyncClient, path: str = "/atom", host: str = "thudo.gov.vn") -> Any:
    response = await fetch(client, path, host)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


async def json_feed(
    client: httpx.AsyncClient, path: str = "/feed.json", host: str = "thudo.gov.vn"
) -> dict[str, Any]:
    """The JSON feed, with the fields JSON Feed 1.1 requires (feedparser 6.0 reads no JSON)."""
    response = await fetch(client, path, host)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/feed+json; charset=utf-8"
    feed: dict[str, Any] = orjson.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and isinstance(feed["items"], list)
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith("http") and item["content_html"]
        datetime.fromisoformat(item["date_published"])
        datetime.fromisoformat(item["date_modified"])
    return feed


async def test_portal_feeds_hold_the_latest_published_articles_newest_first(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    await make_article(tree.city, "Bài thứ hai", category=news, days_ago=2)
    await make_article(tree.city, "Bài mới nhất", category=news, days_ago=1)
    await make_article(tree.city, "Bài cũ nhất", days_ago=5)
    await make_article(tree.city, "Bản nháp chưa duyệt", category=news, published=False)
    await make_article(tree.city, "Hanoi in English", language=Language.EN)
    await make_article(tree.ward, "Tin của phường")
    expected = ["Bài mới nhất", "Bài thứ hai", "Bài cũ nhất"]

    feed = await rss(client)
    assert feed.feed.title == "Thành phố Hà Nội"
    assert feed.feed.link == "http://thudo.gov.vn/"
    assert feed.feed.subtitle == "Tin mới nhất của Thành phố Hà Nội"
    assert feed.feed.language == "vi"
    assert feed.feed.generator == "Thủ Đô Hub"
    assert any(
        link.rel == "self" and link.href == "http://thudo.gov.vn/rss" for link in feed.feed.links
    )
    assert [e.title for e in feed.entries] == expected
    first = feed.entries[0]
    assert first.link == "http://thudo.gov.vn/tin-tuc/bai-moi-nhat"
    assert re.fullmatch(r"tag:thudo\.gov\.vn,\d{4}-\d\d-\d\d:[A-Za-z0-9_-]+", first.id)
    assert first.guidislink is False
    assert first.summary == "Tóm tắt: Bài mới nhất"
    assert first.content[0].value == "<p>Nội dung bài viết.</p>"
    assert [t.term for t in first.tags] == ["Tin tức"]
    dates = [parsedate_to_datetime(e.published) for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert first.published.endswith("+0700")  # Hanoi time
    assert first.updated_parsed >= first.published_parsed
    assert feed.feed.updated_parsed == max(e.updated_parsed for e in feed.entries)

    feed_atom = await atom(client)
    assert feed_atom.feed.id == "tag:thudo.gov.vn,2026:feed/hanoi/vi"
    assert feed_atom.feed.title == "Thành phố Hà Nội"
    assert feed_atom.feed.updated
    assert {(link.rel, link.href) for link in feed_atom.feed.links} == {
        ("self", "http://thudo.gov.vn/atom"),
        ("alternate", "http://thudo.gov.vn/"),
    }
    assert feed_atom.feed.language == "vi"
    assert feed_atom.feed.author == "Thành phố Hà Nội"
    assert [e.title for e in feed_atom.entries] == expected
    entry = feed_atom.entries[0]
    assert entry.id == first.id  # the same article has the same id in every format
    assert entry.link == first.link and entry.updated and entry.published
    assert entry.content[0].type == "text/html"
    assert entry.content[0].value == "<p>Nội dung bài viết.</p>"
    assert entry.tags[0].term == "tin-tuc" and entry.tags[0].label == "Tin tức"

    feed_json = await json_feed(client)
    assert feed_json["title"] == "Thành phố Hà Nội" and feed_json["language"] == "vi"
    assert feed_json["home_page_url"] == "http://thudo.gov.vn/"
    assert feed_json["feed_url"] == "http://thudo.gov.vn/feed.json"
    assert [i["title"] for i in feed_json["items"]] == expected
    item = feed_json["items"][0]
    assert item["id"] == first.id and item["url"] == first.link
    assert item["content_html"] == "<p>Nội dung bài viết.</p>"
    assert item["summary"] == "Tóm tắt: Bài mới nhất" and item["tags"] == ["Tin tức"]
    published = [datetime.fromisoformat(i["date_published"]) for i in feed_json["items"]]
    assert published == sorted(published, reverse=True)

    # Other portals have their own feeds.
    ward = await rss(client, host="hoankiem.thudo.gov.vn")
    assert ward.feed.title == "Phường Hoàn Kiếm"
    assert [e.title for e in ward.entries] == ["Tin của phường"]
    assert ward.entries[0].link == "http://hoankiem.thudo.gov.vn/tin-tuc/tin-cua-phuong"


async def test_a_feed_holds_thirty_articles_for_a_constant_number_of_statements(
    client: httpx.AsyncClient, count_sql: SQLCounter
) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    for i in range(3):
        await make_article(tree.city, f"Tin số {i:02d}", category=news, days_ago=40 - i)
    await rss(client)
    count_sql.statements.clear()
    await rss(client)
    few = len(count_sql.statements)
    for i in range(3, 35):
        await make_article(tree.city, f"Tin số {i:02d}", category=news, days_ago=40 - i)
    count_sql.statements.clear()
    feed = await rss(client)
    assert len(count_sql.statements) == few, count_sql.statements
    assert len(feed.entries) == 30
    assert feed.entries[0].title == "Tin số 34" and feed.entries[-1].title == "Tin số 05"
    assert len((await json_feed(client))["items"]) == 30


async def test_category_feeds_hold_only_their_category(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    # No service sets a description yet; the admin will.
    await Category.filter(id=news.id).update(description="Tin tức hằng ngày của thành phố.")
    events = await make_category(tree.city, "su-kien", name="Sự kiện", slug_en="events")
    await make_article(tree.city, "Tin một", category=news)
    await make_article(tree.city, "Sự kiện một", category=events)
    await make_article(tree.city, "Không mục nào")

    feed = await rss(client, "/rss/tin-tuc")
    assert [e.title for e in feed.entries] == ["Tin một"]
    assert feed.feed.title == "Tin tức – Thành phố Hà Nội"
    assert feed.feed.link == "http://thudo.gov.vn/tin-tuc/"
    assert feed.feed.subtitle == "Tin tức hằng ngày của thành phố."
    feed_atom = await atom(client, "/atom/su-kien")
    assert [e.title for e in feed_atom.entries] == ["Sự kiện một"]
    category_id = encode_global_id("Category", events.id)
    assert feed_atom.feed.id == f"tag:thudo.gov.vn,2026:feed/hanoi/vi/{category_id}"
    feed_json = await json_feed(client, "/feed.json/su-kien")
    assert [i["title"] for i in feed_json["items"]] == ["Sự kiện một"]
    assert feed_json["description"] == "Tin mới nhất mục Sự kiện của Thành phố Hà Nội"
    # A category with nothing in it still has a valid feed.
    await make_category(tree.city, "trong", name="Trống", slug_en="empty")
    assert (await atom(client, "/atom/trong")).entries == []
    assert (await rss(client, "/rss/trong")).entries == []

    for path in ("/rss/khong-co", "/atom/khong-co", "/feed.json/khong-co", "/rss/KHONG_HOP_LE"):
        response = await fetch(client, path)
        assert response.status_code == 404, path
        assert "Không tìm thấy trang" in response.text
    # The English slug names a category in the English edition only.
    assert (await fetch(client, "/rss/events")).status_code == 404


async def test_english_feeds(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    await make_article(tree.city, "Hanoi opens new metro line", category=news, language=Language.EN)
    await make_article(tree.city, "Tin tiếng Việt", category=news)

    feed = await rss(client, "/en/rss")
    assert feed.feed.title == "Hanoi City" and feed.feed.language == "en"
    assert feed.feed.link == "http://thudo.gov.vn/en/"
    assert feed.feed.subtitle == "Latest news from Hanoi City"
    assert [e.title for e in feed.entries] == ["Hanoi opens new metro line"]
    assert feed.entries[0].link == "http://thudo.gov.vn/en/news/hanoi-opens-new-metro-line"
    assert [t.term for t in feed.entries[0].tags] == ["News"]
    feed_atom = await atom(client, "/en/atom/news")
    category_id = encode_global_id("Category", news.id)
    assert feed_atom.feed.id == f"tag:thudo.gov.vn,2026:feed/hanoi/en/{category_id}"
    assert feed_atom.feed.title == "News – Hanoi City"
    assert [e.title for e in feed_atom.entries] == ["Hanoi opens new metro line"]
    feed_json = await json_feed(client, "/en/feed.json")
    assert feed_json["language"] == "en" and feed_json["items"][0]["language"] == "en"
    assert [i["title"] for i in feed_json["items"]] == ["Hanoi opens new metro line"]
    assert (await fetch(client, "/en/rss/tin-tuc")).status_code == 404
    # Wards have no English edition, so no English feeds.
    for path in ("/en/rss", "/en/atom", "/en/feed.json", "/en/rss/tin-tuc"):
        response = await fetch(client, path, "hoankiem.thudo.gov.vn")
        assert response.status_code == 404, path


async def test_unknown_hosts_have_no_feeds(client: httpx.AsyncClient) -> None:
    await make_tree()
    for path in ("/rss", "/atom", "/feed.json", "/rss/tin-tuc", "/en/rss"):
        response = await fetch(client, path, "khong-ton-tai.example.org")
        assert response.status_code == 404, path
        assert "Không có cổng thông tin" in response.text


async def test_hostile_text_is_escaped_in_every_format(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city, name='Kinh tế & "Xã hội" <i>')
    article = await make_article(
        tree.city,
        HOSTILE,
        category=news,
        body="<p>A &amp; B &lt; C</p><script>alert(1)</script><p>]]&gt; đã xong</p>",
    )
    await article_update(
        SYSTEM_SCOPE, article.id, ArticleChanges(byline="Nguyễn Văn A & <Cộng sự>")
    )

    response = await fetch(client, "/rss")
    assert b"<script>" not in response.content and b"<b>" not in response.content
    root = ET.fromstring(response.content)
    item = root.find("channel/item")
    assert item is not None
    assert item.findtext("title") == HOSTILE
    assert item.findtext("category") == 'Kinh tế & "Xã hội" <i>'
    assert item.findtext("dc:creator", namespaces=NS) == "Nguyễn Văn A & <Cộng sự>"
    # Descriptions are read as HTML: plain text goes in escaped as HTML.
    summary = item.findtext("description") or ""
    assert "&lt;script&gt;" in summary and "<script>" not in summary
    content = item.findtext("content:encoded", namespaces=NS) or ""
    assert content.startswith("<p>A &amp; B &lt; C</p>") and "<script" not in content
    feed = await rss(client)
    assert feed.entries[0].title == HOSTILE
    assert feed.entries[0].author == "Nguyễn Văn A & <Cộng sự>"

    response = await fetch(client, "/atom")
    assert b"<script>" not in response.content
    entry = ET.fromstring(response.content).find("atom:entry", NS)
    assert entry is not None
    assert entry.findtext("atom:title", namespaces=NS) == HOSTILE
    assert entry.findtext("atom:summary", namespaces=NS) == "Tóm tắt: " + HOSTILE
    feed_atom = await atom(client)
    assert feed_atom.entries[0].title == HOSTILE
    assert feed_atom.entries[0].tags[0].label == 'Kinh tế & "Xã hội" <i>'

    feed_json = await json_feed(client)
    assert feed_json["items"][0]["title"] == HOSTILE
    assert feed_json["items"][0]["authors"] == [{"name": "Nguyễn Văn A & <Cộng sự>"}]
    assert "<script" not in feed_json["items"][0]["content_html"]


def test_cdata_and_forbidden_characters_cannot_break_the_xml() -> None:
    moment = datetime.fromisoformat("2026-11-25T13:00:00+07:00")
    body = "<p>x ]]> y</p>"
    entry = Entry(
        id="tag:thudo.gov.vn,2026-11-25:QXJ0aWNsZTox",
        url="http://thudo.gov.vn/tin-tuc/x",
        title=xml_text("Có ký tự \x00\x07\x1b lạ"),
        summary="",
        content_html=body,
        published=moment,
        updated=moment,
        author="",
        category="",
        category_term="",
        tags=[],
        image=None,
        external_url="",
    )
    channel = Channel(
        id="tag:thudo.gov.vn,2026:feed/hanoi/vi",
        title="T",
        description="D",
        publisher="P",
        language="vi",
        home_url="http://thudo.gov.vn/",
        self_url="http://thudo.gov.vn/rss",
        updated=moment,
        entries=[entry],
    )
    assert str(cdata("a]]>b")) == "a]]]]><![CDATA[>b"
    env = feed_environment()
    for name in ("rss", "atom"):
        xml = env.get_template(f"feeds/{name}.xml").render(feed=channel, generator="G")
        assert xml.startswith('<?xml version="1.0" encoding="utf-8"?>')
        root = ET.fromstring(xml.encode())
        texts = "".join(root.itertext())
        assert "Có ký tự  lạ" in texts
        parsed = feedparser.parse(xml.encode())
        assert parsed.bozo == 0
        assert parsed.entries[0].content[0].value == body


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 60)).save(out, "PNG")
    return out.getvalue()


async def test_cover_author_links_and_the_development_prefix(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.ward)
    asset = await media_upload(SYSTEM_SCOPE, tree.ward, "anh.png", png(80, 60), alt_text="Ảnh")
    article = await make_article(
        tree.ward,
        "Khánh thành nhà văn hóa",
        category=news,
        body='<p><img src="/media/khac.png" alt="Ảnh"> <a href="/tin-tuc/">Tin</a></p>',
    )
    await article_update(
        SYSTEM_SCOPE, article.id, ArticleChanges(cover_ids=[asset.id], byline="Phóng viên B")
    )
    link = await make_article(tree.ward, "Bài trên báo Hà Nội Mới", category=news, days_ago=2)
    await article_update(
        SYSTEM_SCOPE,
        link.id,
        ArticleChanges(kind=ArticleKind.LINK, source_url="https://hanoimoi.vn/bai-viet-1"),
    )
    host = "hoankiem.thudo.gov.vn"

    feed = await rss(client, host=host)
    first = feed.entries[0]
    [enclosure] = first.enclosures
    assert enclosure.href.startswith("http://hoankiem.thudo.gov.vn/media/")
    assert int(enclosure.length) == asset.size and enclosure.type == asset.content_type
    assert first.author == "Phóng viên B"
    content = first.content[0].value
    assert 'src="http://hoankiem.thudo.gov.vn/media/khac.png"' in content
    assert 'href="http://hoankiem.thudo.gov.vn/tin-tuc/"' in content
    assert feed.entries[1].enclosures == []

    feed_atom = await atom(client, host=host)
    enclosures = [x for x in feed_atom.entries[0].links if x.rel == "enclosure"]
    assert [x.href for x in enclosures] == [enclosure.href]
    assert feed_atom.entries[0].author == "Phóng viên B"
    related = [x.href for x in feed_atom.entries[1].links if x.rel == "related"]
    assert related == ["https://hanoimoi.vn/bai-viet-1"]

    feed_json = await json_feed(client, host=host)
    assert feed_json["items"][0]["image"] == enclosure.href
    assert feed_json["items"][0]["authors"] == [{"name": "Phóng viên B"}]
    assert feed_json["items"][1]["external_url"] == "https://hanoimoi.vn/bai-viet-1"
    assert "image" not in feed_json["items"][1]

    # In development the prefix stays in every link; the ids do not change.
    dev = await rss(client, "/_t/hoankiem/rss", "127.0.0.1:8000")
    assert dev.feed.link == "http://127.0.0.1:8000/_t/hoankiem/"
    assert any(x.href == "http://127.0.0.1:8000/_t/hoankiem/rss" for x in dev.feed.links)
    assert (
        dev.entries[0].link == "http://127.0.0.1:8000/_t/hoankiem/tin-tuc/khanh-thanh-nha-van-hoa"
    )
    assert [e.id for e in dev.entries] == [e.id for e in feed.entries]


async def test_ids_stay_and_dates_move_when_an_article_changes(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    events = await make_category(tree.city, "su-kien", name="Sự kiện", slug_en="events")
    article = await make_article(tree.city, "Lễ hội mùa thu", category=news, days_ago=3)
    before = (await json_feed(client))["items"][0]
    await article_update(
        SYSTEM_SCOPE,
        article.id,
        ArticleChanges(title="Lễ hội mùa thu 2026", body="<p>Mới.</p>", category_id=events.id),
    )
    after = (await json_feed(client))["items"][0]
    assert after["id"] == before["id"]
    assert after["date_published"] == before["date_published"]
    assert after["date_modified"] >= before["date_modified"]
    assert after["url"] == "http://thudo.gov.vn/su-kien/le-hoi-mua-thu"
    assert after["title"] == "Lễ hội mùa thu 2026" and after["content_html"] == "<p>Mới.</p>"


async def test_feeds_are_cached_with_an_etag(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_article(tree.city, "Tin có ETag")
    for path in ("/rss", "/atom", "/feed.json", "/en/rss"):
        response = await fetch(client, path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "public, max-age=300"
        etag = response.headers["etag"]
        again = await client.get(path, headers={"Host": "thudo.gov.vn", "If-None-Match": etag})
        assert again.status_code == 304 and again.headers["etag"] == etag
        assert again.content == b""
    head = await client.head("/rss", headers={"Host": "thudo.gov.vn"})
    assert head.status_code == 200 and head.headers["etag"]


async def test_pages_announce_their_feeds(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    news = await make_category(tree.city)
    await make_article(tree.city, "Tin mới", category=news)
    await make_article(tree.city, "City news", category=news, language=Language.EN)

    home = (await fetch(client, "/")).text
    head = home[: home.index("</head>")]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Thành phố Hà Nội (RSS)" '
        'href="/rss">' in head
    )
    assert 'type="application/atom+xml" title="Thành phố Hà Nội (Atom)" href="/atom"' in head
    assert 'type="application/feed+json" title="Thành phố Hà Nội (JSON Feed)"' in head
    assert "/rss/" not in head  # no category feed outside a category
    footer = home[home.index("<footer") :]
    assert '<a href="/rss" type="application/rss+xml">Kênh RSS</a>' in footer

    category = (await fetch(client, "/tin-tuc/")).text
    head = category[: category.index("</head>")]
    assert 'title="Tin tức – Thành phố Hà Nội (RSS)" href="/rss/tin-tuc"' in head
    assert 'href="/atom/tin-tuc"' in head and 'href="/feed.json/tin-tuc"' in head
    assert 'href="/rss"' in head

    english = (await fetch(client, "/en/news/")).text
    head = english[: english.index("</head>")]
    assert 'title="Hanoi City (RSS)" href="/en/rss"' in head
    assert 'title="News – Hanoi City (Atom)" href="/en/atom/news"' in head
    assert '<a href="/en/rss" type="application/rss+xml">RSS feed</a>' in english

    article = (await fetch(client, "/tin-tuc/tin-moi")).text
    assert 'href="/rss"' in article[: article.index("</head>")]
    dev = (await fetch(client, "/_t/hoankiem/", "127.0.0.1:8000")).text
    assert 'href="/_t/hoankiem/rss"' in dev

    # Every advertised feed answers.
    for page_html in (category, english):
        for href in re.findall(
            r'<link rel="alternate" type="[^"]+" title="[^"]*" href="([^"]+)"', page_html
        ):
            assert (await fetch(client, href)).status_code == 200, href


async def test_an_empty_feed_keeps_its_etag_from_one_second_to_the_next(
    client: httpx.AsyncClient,
) -> None:
    await make_tree()  # the city has an English edition and no English article
    first = await fetch(client, "/en/rss")
    assert "<item>" not in first.text
    await asyncio.sleep(1.1)  # across a second boundary: an empty feed once dated itself "now"
    again = await client.get(
        "/en/rss", headers={"Host": "thudo.gov.vn", "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
