"""The workspace's sharing screens over HTTP: the tree picker's count is what publishing
does, other portals' articles and placements stay out of reach by guessed URL, and a
receiver's choices change its own public pages only."""

from __future__ import annotations

import re

import httpx

from hub.auth.permissions import Role
from hub.models import Article, ContentStatus
from hub.models.syndication import Placement, PlacementPolicy, PlacementReceipt, Reach
from schema.common import encode_global_id
from tenants.hierarchy import create_tenant
from tenants.models import Tenant, TenantLevel
from tests.admin.helpers import sign_in
from tests.factories import (
    Tree,
    make_article,
    make_category,
    make_image,
    make_tree,
    make_viewer,
    place_down,
)
from tests.graphql.helpers import gql

CITY = {"Host": "thudo.gov.vn"}
WARD = {"Host": "hoankiem.thudo.gov.vn"}
OTHER_WARD = {"Host": "hoangmai.thudo.gov.vn"}
LIST = "query($t: String!) { articles(tenant: $t, first: 50) { edges { node { title } } } }"
OWNERS = """query($t: String!) {
  articles(tenant: $t, first: 50) { edges { node { title tenant { slug } } } } }"""


def gid(kind: str, pk: int) -> str:
    return encode_global_id(kind, pk)


async def bigger_tree() -> tuple[Tree, Tenant]:
    """The test tree plus a third commune and a sub-site below the reform site."""
    tree = await make_tree()
    await create_tenant(
        slug="longbien", name="Phường Long Biên", level=TenantLevel.COMMUNE, parent=tree.city
    )
    subsite = await create_tenant(
        slug="chuyendoiso", name="Chuyển đổi số", level=TenantLevel.SITE, parent=tree.site
    )
    return tree, subsite


async def portals_showing(client: httpx.AsyncClient, title: str) -> set[str]:
    """Slugs of the portals other than the owner whose public list shows ``title``."""
    found = set()
    for tenant in await Tenant.exclude(slug="hanoi"):
        result = await gql(client, LIST, {"t": tenant.slug})
        if title in {e["node"]["title"] for e in result["data"]["articles"]["edges"]}:
            found.add(tenant.slug)
    return found


async def test_the_count_shown_before_publishing_is_the_number_of_portals_reached(
    client: httpx.AsyncClient,
) -> None:
    tree, _ = await bigger_tree()
    await make_viewer("pheduyet.hanoi", {tree.city: [Role.APPROVER]})
    article = await make_article(tree.city, "Thành phố phát động Tết trồng cây")
    page_url = f"/quan-tri/bai-viet/{gid('Article', article.id)}/dang-xuong"
    await sign_in(client, "pheduyet.hanoi")

    picker = await client.get(page_url, headers=CITY)
    assert picker.status_code == 200
    assert picker.headers["cache-control"] == "private, no-store"
    assert "Xã, phường (3)" in picker.text and "Phường Long Biên" in picker.text
    # The reform site has a sub-site: it offers a branch box.
    assert 'name="nhanh" value="caicachhanhchinh"' in picker.text
    english = await client.get(page_url.replace("/quan-tri/", "/quan-tri/en/"), headers=CITY)
    assert english.status_code == 200 and "Count the portals" in english.text

    # Every commune, one of them ticked again, and the reform site's branch.
    selection = {
        "cap": "COMMUNE",
        "don-vi": "hoankiem",
        "nhanh": "caicachhanhchinh",
        "cach": "MANDATORY",
    }
    counted = await client.post(page_url, data={**selection, "buoc": "count"}, headers=CITY)
    assert counted.status_code == 200
    assert "Lựa chọn này đến 5 cổng." in counted.text
    # The boxes stay ticked for the next press.
    assert re.search(r'value="COMMUNE"\s+checked', counted.text)
    assert await Placement.all().count() == 0  # counting writes nothing

    published = await client.post(page_url, data={**selection, "buoc": "publish"}, headers=CITY)
    assert published.status_code == 303
    shown = await portals_showing(client, article.title)
    assert len(shown) == 5
    assert shown == {"hoankiem", "hoangmai", "longbien", "caicachhanhchinh", "chuyendoiso"}
    # The single commune inside "every commune" made no second placement.
    assert await Placement.filter(article_id=article.id).count() == 3

    after = await client.get(published.headers["location"], headers=CITY)
    assert "Đã đăng xuống." in after.text
    assert "3 cổng" in after.text  # the commune-level placement's reach

    again = await client.post(page_url, data={**selection, "buoc": "count"}, headers=CITY)
    assert "Lựa chọn này đến 5 cổng." in again.text and "0 cổng trong số đó" in again.text
    refused = await client.post(page_url, data={**selection, "buoc": "publish"}, headers=CITY)
    assert refused.status_code == 400 and "ws-error-summary" in refused.text
    assert await Placement.filter(article_id=article.id).count() == 3

    # Nothing ticked: an error beside the picker, not a 500.
    empty = await client.post(page_url, data={"buoc": "count"}, headers=CITY)
    assert empty.status_code == 400 and 'id="chon-error"' in empty.text

    # Revoked from the same page: gone from every commune at once.
    levels = await Placement.get(article_id=article.id, levels=",commune,")
    revoked = await client.post(
        page_url.replace("dang-xuong", "thu-hoi"),
        data={"vi-tri": gid("Placement", levels.id)},
        headers=CITY,
    )
    assert revoked.status_code == 303
    assert await portals_showing(client, article.title) == {"caicachhanhchinh", "chuyendoiso"}

    # A cross-site form is refused before anything is written.
    cross = await client.post(
        page_url,
        data={**selection, "buoc": "publish"},
        headers={**CITY, "Origin": "https://evil.example"},
    )
    assert cross.status_code == 403


async def test_a_ward_proposes_to_the_city_and_sees_the_decision(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("pheduyet.hoankiem", {tree.ward: [Role.APPROVER]})
    await make_viewer("pheduyet.hanoi", {tree.city: [Role.APPROVER]})
    article = await make_article(tree.ward, "Phường ra mắt tổ công nghệ số cộng đồng")
    page_url = f"/quan-tri/bai-viet/{gid('Article', article.id)}/dang-xuong"
    await sign_in(client, "pheduyet.hoankiem")
    page = await client.get(page_url, headers=WARD)
    # A ward has no portal below it: no picker, only proposals.
    assert page.status_code == 200 and 'name="cap"' not in page.text
    assert '<option value="hanoi">' in page.text
    # The reform site gathers nothing yet: proposing there is refused with a reason.
    refused = await client.post(
        page_url.replace("dang-xuong", "de-xuat"), data={"den": "caicachhanhchinh"}, headers=WARD
    )
    assert refused.status_code == 400 and 'id="den-error"' in refused.text
    proposed = await client.post(
        page_url.replace("dang-xuong", "de-xuat"), data={"den": "hanoi"}, headers=WARD
    )
    assert proposed.status_code == 303
    waiting = await client.get(proposed.headers["location"], headers=WARD)
    assert "Đang chờ cổng đó quyết định" in waiting.text

    client.cookies.clear()
    await sign_in(client, "pheduyet.hanoi")
    received = await client.get("/quan-tri/tin-tiep-nhan", headers=CITY)
    assert "Phường Hoàn Kiếm" in received.text and article.title in received.text
    assert "Bài chào mời chờ bạn quyết định" in received.text
    english = await client.get("/quan-tri/en/tin-tiep-nhan", headers=CITY)
    assert "News received from other portals" in english.text
    assert "Offer waiting for your decision" in english.text
    placement = await Placement.get(article_id=article.id)
    accepted = await client.post(
        f"/quan-tri/tin-tiep-nhan/{gid('Placement', placement.id)}/chon",
        data={"viec": "accept", "ve": "danh-sach"},
        headers=CITY,
    )
    assert accepted.status_code == 303
    assert article.title in {
        e["node"]["title"]
        for e in (await gql(client, LIST, {"t": "hanoi"}))["data"]["articles"]["edges"]
    }

    client.cookies.clear()
    await sign_in(client, "pheduyet.hoankiem")
    decided = await client.get(page_url, headers=WARD)
    assert "Đã nhận: đang hiện ở đó" in decided.text


async def test_a_ward_reaches_no_other_portals_article_or_placement_by_guessed_url(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    for role in (Role.EDITOR, Role.APPROVER):
        await make_viewer(f"{role.value}.hoankiem", {tree.ward: [role]})
    city_article = await make_article(tree.city, "Tin riêng của phường Hoàng Mai từ thành phố")
    only_other = await place_down(city_article, tree.other_ward, reach=Reach.SELF)
    city_url = f"/quan-tri/bai-viet/{gid('Article', city_article.id)}/dang-xuong"
    placement_url = f"/quan-tri/tin-tiep-nhan/{gid('Placement', only_other.id)}"

    for username in ("editor.hoankiem", "approver.hoankiem"):
        client.cookies.clear()
        await sign_in(client, username)
        # The city article through the ward's workspace: the same 404 as a missing one.
        for response in (
            await client.get(city_url, headers=WARD),
            await client.post(city_url, data={"cap": "COMMUNE", "buoc": "publish"}, headers=WARD),
            await client.post(
                city_url.replace("dang-xuong", "thu-hoi"),
                data={"vi-tri": gid("Placement", only_other.id)},
                headers=WARD,
            ),
            await client.get(placement_url, headers=WARD),
            await client.post(f"{placement_url}/chon", data={"viec": "hide"}, headers=WARD),
        ):
            assert response.status_code == 404, (username, response.request.url)
            assert city_article.title not in response.text
        # And on the city's or the other ward's host the ward's staff have no role.
        assert (await client.get(city_url, headers=CITY)).status_code == 403
        other = await client.get(placement_url, headers=OTHER_WARD)
        assert other.status_code == 403 and city_article.title not in other.text
    # Editors do not publish: no sharing screens at all.
    client.cookies.clear()
    await sign_in(client, "editor.hoankiem")
    assert (await client.get("/quan-tri/tin-tiep-nhan", headers=WARD)).status_code == 403
    assert (await client.get("/quan-tri/chia-se", headers=WARD)).status_code == 403
    assert 'href="/quan-tri/chia-se"' not in (await client.get("/quan-tri/", headers=WARD)).text
    # The approver's received list does not show what reaches the other ward only.
    client.cookies.clear()
    await sign_in(client, "approver.hoankiem")
    received = await client.get("/quan-tri/tin-tiep-nhan", headers=WARD)
    assert received.status_code == 200 and city_article.title not in received.text
    assert await Placement.filter(revoked_at__isnull=True).count() == 1
    assert await PlacementReceipt.all().count() == 0


async def test_a_receivers_choices_change_its_own_public_pages_only(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("pheduyet.hoankiem", {tree.ward: [Role.APPROVER]})
    ward_news = await make_category(tree.ward, slug="tin-phuong", name="Tin phường")
    picture = await make_image(tree.ward, "bia-phuong.jpg")
    await make_article(tree.ward, "Tin mới nhất của phường", days_ago=0.1)
    hidden = await make_article(tree.city, "Thông báo lịch cắt điện toàn thành phố", days_ago=1)
    offer = await make_article(tree.city, "Hội chợ xuân thành phố mời các phường", days_ago=2)
    pinned = await make_article(tree.city, "Hướng dẫn nộp thuế trực tuyến", days_ago=5)
    communes = {"reach": Reach.DESCENDANTS, "levels": [TenantLevel.COMMUNE]}
    placed = {a.id: await place_down(a, tree.city, **communes) for a in (hidden, pinned)} | {
        offer.id: await place_down(offer, tree.city, policy=PlacementPolicy.OFFERED, **communes)
    }
    await sign_in(client, "pheduyet.hoankiem")

    async def choose(article: Article, what: str, **fields: str) -> httpx.Response:
        url = f"/quan-tri/tin-tiep-nhan/{gid('Placement', placed[article.id].id)}/chon"
        return await client.post(url, data={"viec": what, **fields}, headers=WARD)

    async def home(headers: dict[str, str]) -> str:
        response = await client.get("/", headers=headers)
        assert response.status_code == 200
        return response.text

    listing = await client.get("/quan-tri/tin-tiep-nhan", headers=WARD)
    assert listing.status_code == 200
    assert "1 tin chào mời đang chờ bạn quyết định" in listing.text
    assert listing.text.count("Thành phố Hà Nội") >= 3  # the source of each row
    assert offer.title not in await home(WARD)
    # The dashboard's queue of offers names it and links to its page.
    dashboard = (await client.get("/quan-tri/", headers=WARD)).text
    offers = dashboard.split('id="q-offers"', 1)[1].split("</section>", 1)[0]
    assert offer.title in offers and hidden.title not in offers
    assert gid("Placement", placed[offer.id].id) in offers

    # Accept the offer, hide another: only this ward's home page changes.
    assert (await choose(offer, "accept", ve="danh-sach")).status_code == 303
    dashboard = (await client.get("/quan-tri/", headers=WARD)).text
    assert "Chưa có cổng nào chào mời tin." in dashboard
    assert (await choose(hidden, "hide")).status_code == 303
    ward_home, other_home = await home(WARD), await home(OTHER_WARD)
    assert offer.title in ward_home and hidden.title not in ward_home
    assert hidden.title in other_home and offer.title not in other_home
    # Declining after all takes it down again.
    assert (await choose(offer, "decline")).status_code == 303
    assert offer.title not in await home(WARD)

    # Pinned: first on the ward's home page, above the ward's own newer article.
    assert (await choose(pinned, "pin")).status_code == 303
    ward_home = await home(WARD)
    assert ward_home.index(pinned.title) < ward_home.index("Tin mới nhất của phường")
    other_home = await home(OTHER_WARD)
    assert other_home.index(hidden.title) < other_home.index(pinned.title)

    # Own title, category and cover: typed input kept on a bad title, then saved.
    too_long = await choose(pinned, "override", **{"tieu-de": "x" * 301, "tom-tat": "Tóm tắt"})
    assert too_long.status_code == 400 and 'id="tieu-de-error"' in too_long.text
    assert 'value="' + "x" * 301 + '"' in too_long.text
    own_title = "Phường hướng dẫn nộp thuế trực tuyến"
    saved = await choose(pinned, "override", **{"tieu-de": own_title, "tom-tat": ""})
    assert saved.status_code == 303
    assert own_title in await home(WARD) and own_title not in await home(OTHER_WARD)
    filed = await choose(pinned, "categorize", **{"chuyen-muc": gid("Category", ward_news.id)})
    assert filed.status_code == 303
    category_page = await client.get("/tin-phuong/", headers=WARD)
    assert category_page.status_code == 200 and own_title in category_page.text
    other_library = await make_image(tree.other_ward, "cua-phuong-khac.jpg")
    wrong = await choose(pinned, "cover", **{"anh-dai-dien": gid("MediaAsset", other_library.id)})
    assert wrong.status_code == 400 and 'id="anh-dai-dien-error"' in wrong.text
    cover = await choose(pinned, "cover", **{"anh-dai-dien": gid("MediaAsset", picture.id)})
    detail = await client.get(cover.headers["location"], headers=WARD)
    assert "Đã lưu ảnh đại diện." in detail.text and "bia-phuong.jpg" in detail.text
    assert 'name="viec" value="unpin"' in detail.text  # the choices follow its state

    # Fork: the ward's own published copy, with its title; the other ward keeps the link.
    forked = await choose(pinned, "fork")
    assert forked.status_code == 303
    copy = await Article.get(tenant_id=tree.ward.id, forked_from_id=pinned.id)
    assert copy.status == ContentStatus.PUBLISHED and copy.title == own_title
    ward_list = await gql(client, OWNERS, {"t": "hoankiem"})
    shown = [e["node"] for e in ward_list["data"]["articles"]["edges"]]
    assert [n["tenant"]["slug"] for n in shown if n["title"] == own_title] == ["hoankiem"]
    assert (await home(WARD)).count(f">{own_title}</a>") == 1
    after_fork = await client.get(forked.headers["location"], headers=WARD)
    assert 'name="viec" value="relink"' in after_fork.text
    assert 'name="viec" value="fork"' not in after_fork.text
    # Re-link: the copy is archived, the linked original (with the ward's title) is back.
    assert (await choose(pinned, "relink")).status_code == 303
    assert (await Article.get(id=copy.id)).status == ContentStatus.ARCHIVED
    assert own_title in await home(WARD)
    # A choice the placement's state does not offer is refused before any mutation.
    assert (await choose(pinned, "relink")).status_code == 400
