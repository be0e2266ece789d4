"""A receiver's remaining choices on a placed article: its own category, pin, cover,
fork and re-link, each on its own portal only."""

from __future__ import annotations

from typing import Any

import httpx

from hub.app import create_app
from hub.auth.permissions import Role
from hub.events.models import Event
from hub.models import Article, ContentStatus, MediaAsset
from hub.models.newsroom import AuditEntry
from hub.models.syndication import PlacementReceipt
from hub.services.articles import ArticleChanges, article_update
from hub.services.receiver_choices import categorize, decide, pin, set_cover
from hub.settings import Settings
from schema.common import decode_global_id, encode_global_id
from tests.conftest import SQLCounter
from tests.factories import (
    SYSTEM_SCOPE,
    make_article,
    make_category,
    make_image,
    make_tree,
    make_viewer,
    place_down,
)
from tests.graphql.helpers import gql, token_for

RESULT = "__typename ... on PlacementSuccess { placement { id } } ... on PlacementError { code }"
COPY = (
    "__typename ... on PlacementCopySuccess { copy { id title body status tenant { slug } "
    "forkedFrom { id } } } ... on PlacementError { code }"
)
LIST = """query($t: String!, $c: String) { articles(tenant: $t, category: $c, first: 50) {
  edges { node { title pinned tenant { slug } category { slug name } cover { url } } } } }"""
PAGE = """query($t: String!, $s: String!) { article(tenant: $t, slug: $s) {
  title body tenant { slug } category { slug } cover { url } } }"""


def gid(kind: str, pk: int) -> str:
    return encode_global_id(kind, pk)


async def nodes(client: httpx.AsyncClient, tenant: str, category: str | None = None) -> list[Any]:
    result = await gql(client, LIST, {"t": tenant, "c": category})
    return [e["node"] for e in result["data"]["articles"]["edges"]]


async def titles(client: httpx.AsyncClient, tenant: str, category: str | None = None) -> list[str]:
    return [n["title"] for n in await nodes(client, tenant, category)]


async def page(client: httpx.AsyncClient, tenant: str, slug: str) -> Any:
    return (await gql(client, PAGE, {"t": tenant, "s": slug}))["data"]["article"]


async def act(
    client: httpx.AsyncClient, mutation: str, args: str, token: str | None, shape: str = RESULT
) -> Any:
    result = await gql(client, "mutation { %s(%s) { %s } }" % (mutation, args, shape), token=token)
    assert "errors" not in result, result
    return result["data"][mutation]


async def setup(client: httpx.AsyncClient) -> Any:
    """The city places one article on its wards; an approver in each side, a ward reporter."""
    tree = await make_tree()
    await make_viewer("thanhpho", {tree.city: [Role.ADMIN]})
    await make_viewer("phuong", {tree.ward: [Role.APPROVER]})
    await make_viewer("phuong2", {tree.other_ward: [Role.APPROVER]})
    await make_viewer("phongvien", {tree.ward: [Role.REPORTER]})
    city_news = await make_category(tree.city, "tin-tuc", name="Tin thành phố")
    article = await make_article(
        tree.city, "Thành phố ra quân", category=city_news, body="<p>Bản đầu.</p>"
    )
    placement = await place_down(article, tree.city)
    tokens = {name: await token_for(name) for name in ("thanhpho", "phuong", "phuong2")}
    tokens["phongvien"] = await token_for("phongvien")
    return tree, article, placement, tokens


async def test_a_receiver_files_a_placed_article_under_its_own_category(
    client: httpx.AsyncClient,
) -> None:
    tree, article, placement, tokens = await setup(client)
    ward_news = await make_category(tree.ward, "tin-phuong", name="Tin phường")
    await make_category(tree.ward, "tin-tuc", name="Tin tức phường")
    city_cat = await Article.get(id=article.id).values_list("category_id", flat=True)
    pid = gid("Placement", placement.id)
    # Before: the article shows under the city's category slug, on the ward too.
    assert "Thành phố ra quân" in await titles(client, "hoankiem", "tin-tuc")

    filed = await act(
        client,
        "placementCategorize",
        f'id: "{pid}", tenant: "hoankiem", category: "{gid("Category", ward_news.id)}"',
        tokens["phuong"],
    )
    assert filed["__typename"] == "PlacementSuccess"
    assert "Thành phố ra quân" in await titles(client, "hoankiem", "tin-phuong")
    assert "Thành phố ra quân" not in await titles(client, "hoankiem", "tin-tuc")
    [card] = [n for n in await nodes(client, "hoankiem") if n["title"] == "Thành phố ra quân"]
    assert card["category"] == {"slug": "tin-phuong", "name": "Tin phường"}
    assert card["tenant"]["slug"] == "hanoi"  # still the city's article, still linked

    # The source and the other receivers keep the city's category.
    assert (await page(client, "hanoi", article.slug))["category"]["slug"] == "tin-tuc"
    assert "Thành phố ra quân" in await titles(client, "hanoi", "tin-tuc")
    [other] = [n for n in await nodes(client, "hoangmai") if n["title"] == "Thành phố ra quân"]
    assert other["category"]["name"] == "Tin thành phố"
    assert (await Article.get(id=article.id)).category_id == city_cat

    # The ward's pages: the category page lists it, its address is under that category.
    ward = {"Host": "hoankiem.thudo.gov.vn"}
    listing = await client.get("/tin-phuong/", headers=ward)
    assert listing.status_code == 200 and "Thành phố ra quân" in listing.text
    assert "Nguồn: Thành phố Hà Nội" in listing.text
    assert f'href="/tin-phuong/{article.slug}"' in listing.text
    shown = await client.get(f"/tin-phuong/{article.slug}", headers=ward)
    assert shown.status_code == 200 and "Bản đầu." in shown.text
    moved = await client.get(f"/tin-tuc/{article.slug}", headers=ward)
    assert moved.status_code == 301 and moved.headers["location"].endswith(
        f"/tin-phuong/{article.slug}"
    )
    city = await client.get(f"/tin-tuc/{article.slug}", headers={"Host": "thudo.gov.vn"})
    assert city.status_code == 200

    # Without a category it follows the source's again.
    back = await act(
        client, "placementCategorize", f'id: "{pid}", tenant: "hoankiem"', tokens["phuong"]
    )
    assert back["__typename"] == "PlacementSuccess"
    assert "Thành phố ra quân" in await titles(client, "hoankiem", "tin-tuc")
    assert "Thành phố ra quân" not in await titles(client, "hoankiem", "tin-phuong")


async def test_only_the_receiver_picks_its_category_and_only_its_own(
    client: httpx.AsyncClient,
) -> None:
    tree, _article, placement, tokens = await setup(client)
    ward_news = await make_category(tree.ward, "tin-phuong", name="Tin phường")
    other_ward_news = await make_category(tree.other_ward, "tin-phuong", name="Tin phường")
    city_cat = await make_category(tree.city, "thong-bao", name="Thông báo")
    pid = gid("Placement", placement.id)

    def args(tenant: str, category_id: int) -> str:
        return f'id: "{pid}", tenant: "{tenant}", category: "{gid("Category", category_id)}"'

    # The source cannot pick a receiver's category, nor can another receiver or a reporter.
    for token in (tokens["thanhpho"], tokens["phuong2"], tokens["phongvien"], None):
        denied = await act(client, "placementCategorize", args("hoankiem", ward_news.id), token)
        assert denied == {"__typename": "PlacementError", "code": "FORBIDDEN"}
    # A receiver files only under its own categories.
    for category_id in (other_ward_news.id, city_cat.id, 999_999):
        refused = await act(
            client, "placementCategorize", args("hoankiem", category_id), tokens["phuong"]
        )
        assert refused == {"__typename": "PlacementError", "code": "INVALID_CATEGORY"}
    # The city is not a receiver of its own placement.
    nowhere = await act(
        client, "placementCategorize", args("hanoi", city_cat.id), tokens["thanhpho"]
    )
    assert nowhere["code"] == "NOT_FOUND"
    assert not await PlacementReceipt.exists()
    # A wrongly typed ID is a clear GraphQL error, never a 500.
    wrong = await gql(
        client,
        'mutation { placementCategorize(id: "%s", tenant: "hoankiem", category: "%s") { %s } }'
        % (pid, gid("MediaAsset", ward_news.id), RESULT),
        token=tokens["phuong"],
    )
    assert wrong["errors"][0]["extensions"]["code"] == "INVALID_ID"


async def test_pinned_items_come_first_on_the_receiver_only(client: httpx.AsyncClient) -> None:
    tree, _article, _placement, tokens = await setup(client)  # "Thành phố ra quân", 1 day ago
    ward_news = await make_category(tree.ward, "tin-phuong", name="Tin phường")
    await make_article(tree.ward, "Phường A", days_ago=0.5, category=ward_news)
    ward_b = await make_article(tree.ward, "Phường B", days_ago=3, category=ward_news)
    older = await make_article(tree.city, "Thành phố tin cũ", days_ago=6)
    oldest = await make_article(tree.city, "Thành phố tin rất cũ", days_ago=9)
    older_placement = await place_down(older, tree.city)
    await place_down(oldest, tree.city)
    await categorize(SYSTEM_SCOPE, older_placement.id, tree.ward, ward_news.id)
    by_date = ["Phường A", "Thành phố ra quân", "Phường B", "Thành phố tin cũ"]
    assert (await titles(client, "hoankiem"))[:4] == by_date

    pinned = await act(
        client,
        "placementPin",
        f'id: "{gid("Placement", older_placement.id)}", tenant: "hoankiem"',
        tokens["phuong"],
    )
    assert pinned["__typename"] == "PlacementSuccess"
    # The ward's own pinned flag counts on its merged list too; pinned newest first.
    await article_update(SYSTEM_SCOPE, ward_b.id, ArticleChanges(pinned=True))
    listed = await nodes(client, "hoankiem")
    assert [n["title"] for n in listed] == [
        "Phường B",
        "Thành phố tin cũ",
        "Phường A",
        "Thành phố ra quân",
        "Thành phố tin rất cũ",
    ]
    assert [n["pinned"] for n in listed] == [True, True, False, False, False]
    # A category page orders the same way.
    assert await titles(client, "hoankiem", "tin-phuong") == [
        "Phường B",
        "Thành phố tin cũ",
        "Phường A",
    ]
    # Nobody else is affected.
    assert await titles(client, "hoangmai") == [
        "Thành phố ra quân",
        "Thành phố tin cũ",
        "Thành phố tin rất cũ",
    ]

    # The owner's own pin reorders the owner's list (no placements reach the city)…
    await article_update(SYSTEM_SCOPE, oldest.id, ArticleChanges(pinned=True))
    assert await titles(client, "hanoi") == [
        "Thành phố tin rất cũ",
        "Thành phố ra quân",
        "Thành phố tin cũ",
    ]
    # …but does not travel with the placement: on the wards only their own pins count.
    last = (await nodes(client, "hoangmai"))[-1]
    assert (last["title"], last["pinned"]) == ("Thành phố tin rất cũ", False)

    unpinned = await act(
        client,
        "placementPin",
        f'id: "{gid("Placement", older_placement.id)}", tenant: "hoankiem", pinned: false',
        tokens["phuong"],
    )
    assert unpinned["__typename"] == "PlacementSuccess"
    assert (await titles(client, "hoankiem"))[:3] == ["Phường B", "Phường A", "Thành phố ra quân"]

    # The home page shows the same order.
    home = await client.get("/", headers={"Host": "hoankiem.thudo.gov.vn"})
    assert home.text.index("Phường B") < home.text.index("Phường A")
    assert home.text.count("Tin ghim") == 1  # cards of pinned items say so


async def test_a_receivers_cover_shows_on_its_portal_only(client: httpx.AsyncClient) -> None:
    tree, article, placement, tokens = await setup(client)
    city_cover = await make_image(tree.city, "thanhpho.jpg", (200, 30, 30))
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(cover_ids=[city_cover.id]))
    ward_cover = await make_image(tree.ward, "phuong.jpg", (30, 200, 30))
    other_ward_cover = await make_image(tree.other_ward, "phuong2.jpg", (30, 30, 200))
    pid = gid("Placement", placement.id)

    def args(tenant: str, asset: Any) -> str:
        return f'id: "{pid}", tenant: "{tenant}", cover: "{gid("MediaAsset", asset.id)}"'

    async def cover_url(tenant: str) -> str:
        [card] = [n for n in await nodes(client, tenant) if n["tenant"]["slug"] == "hanoi"]
        assert card["cover"]["url"] == (await page(client, tenant, article.slug))["cover"]["url"]
        return card["cover"]["url"]  # type: ignore[no-any-return]

    city_url = await cover_url("hoankiem")
    chosen = await act(client, "placementCover", args("hoankiem", ward_cover), tokens["phuong"])
    assert chosen["__typename"] == "PlacementSuccess"
    ward_url = await cover_url("hoankiem")
    assert ward_url != city_url and ward_url.endswith(ward_cover.storage_key)
    assert await cover_url("hoangmai") == city_url
    assert (await page(client, "hanoi", article.slug))["cover"]["url"] == city_url

    # Linked: the city's body edit still shows on the ward, under the ward's cover.
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(body="<p>Bản sửa.</p>"))
    shown = await page(client, "hoankiem", article.slug)
    assert shown["body"] == "<p>Bản sửa.</p>" and shown["cover"]["url"] == ward_url
    html = await client.get(f"/tin-tuc/{article.slug}", headers={"Host": "hoankiem.thudo.gov.vn"})
    assert ward_cover.storage_key in html.text and city_cover.storage_key not in html.text
    home = await client.get("/", headers={"Host": "hoangmai.thudo.gov.vn"})
    assert city_cover.storage_key in home.text and ward_cover.storage_key not in home.text

    # Only an image of the ward's own library.
    for asset in (other_ward_cover, city_cover):
        refused = await act(client, "placementCover", args("hoankiem", asset), tokens["phuong"])
        assert refused == {"__typename": "PlacementError", "code": "INVALID_MEDIA"}
    unknown = await act(
        client,
        "placementCover",
        f'id: "{pid}", tenant: "hoankiem", cover: "{gid("MediaAsset", 999_999)}"',
        tokens["phuong"],
    )
    assert unknown["code"] == "INVALID_MEDIA"
    other = await act(client, "placementCover", args("hoankiem", ward_cover), tokens["phuong2"])
    assert other["code"] == "FORBIDDEN"

    back = await act(client, "placementCover", f'id: "{pid}", tenant: "hoankiem"', tokens["phuong"])
    assert back["__typename"] == "PlacementSuccess"
    assert await cover_url("hoankiem") == city_url


async def test_fork_makes_a_local_copy_and_relink_brings_the_original_back(
    client: httpx.AsyncClient,
) -> None:
    tree, article, placement, tokens = await setup(client)
    cover = await make_image(tree.city, "thanhpho.jpg", (200, 30, 30))
    await article_update(
        SYSTEM_SCOPE, article.id, ArticleChanges(cover_ids=[cover.id], tags=["Thi đua"])
    )
    ward_news = await make_category(tree.ward, "tin-phuong", name="Tin phường")
    await categorize(SYSTEM_SCOPE, placement.id, tree.ward, ward_news.id)
    await decide(SYSTEM_SCOPE, placement.id, tree.ward, title="Phường ra quân")
    pid = gid("Placement", placement.id)
    events_before = await Event.all().count()

    forked = await act(
        client, "placementFork", f'id: "{pid}", tenant: "hoankiem"', tokens["phuong"], COPY
    )
    assert forked["__typename"] == "PlacementCopySuccess"
    copy = forked["copy"]
    assert copy["tenant"]["slug"] == "hoankiem" and copy["status"] == "PUBLISHED"
    assert copy["title"] == "Phường ra quân" and copy["body"] == "<p>Bản đầu.</p>"
    assert copy["forkedFrom"]["id"] == gid("Article", article.id)
    stored = await Article.get(tenant_id=tree.ward.id, forked_from_id=article.id)
    assert stored.slug == article.slug and stored.category_id == ward_news.id
    assert stored.published_at == article.published_at
    # Its picture became the ward's (the same stored file), its tags the ward's.
    [adopted] = await MediaAsset.filter(tenant_id=tree.ward.id)
    assert adopted.storage_key == cover.storage_key
    shown = await page(client, "hoankiem", article.slug)
    assert shown["tenant"]["slug"] == "hoankiem" and shown["cover"]["url"].endswith(
        cover.storage_key
    )
    tags = await gql(
        client, '{ article(tenant: "hoankiem", slug: "%s") { tags { name } } }' % article.slug
    )
    assert tags["data"]["article"]["tags"] == [{"name": "Thi đua"}]
    # Shown once on the ward: the copy, not the placement.
    listed = await nodes(client, "hoankiem")
    assert [(n["title"], n["tenant"]["slug"]) for n in listed] == [("Phường ra quân", "hoankiem")]
    fresh = [e.type for e in await Event.filter(id__gt=events_before).order_by("id")]
    assert fresh == ["article.published", "placement.receipt_changed"]
    assert {e.tenant_id for e in await Event.filter(id__gt=events_before)} == {tree.ward.id}

    # The copy follows nobody: the city's edit shows elsewhere, not on the ward.
    await article_update(
        SYSTEM_SCOPE,
        article.id,
        ArticleChanges(title="Thành phố ra quân (sửa)", body="<p>Sửa.</p>"),
    )
    assert (await page(client, "hoankiem", article.slug))["body"] == "<p>Bản đầu.</p>"
    assert (await page(client, "hoangmai", article.slug))["body"] == "<p>Sửa.</p>"
    again = await act(
        client, "placementFork", f'id: "{pid}", tenant: "hoankiem"', tokens["phuong"], COPY
    )
    assert again == {"__typename": "PlacementError", "code": "ALREADY_FORKED"}
    denied = await act(
        client, "placementRelink", f'id: "{pid}", tenant: "hoankiem"', tokens["phuong2"], COPY
    )
    assert denied["code"] == "FORBIDDEN"

    relinked = await act(
        client, "placementRelink", f'id: "{pid}", tenant: "hoankiem"', tokens["phuong"], COPY
    )
    assert relinked["__typename"] == "PlacementCopySuccess"
    assert relinked["copy"]["status"] == "ARCHIVED"
    kept = await Article.get(id=stored.id)
    assert kept.status == ContentStatus.ARCHIVED and kept.body == "<p>Bản đầu.</p>"  # not lost
    back = await page(client, "hoankiem", article.slug)
    assert back["tenant"]["slug"] == "hanoi" and back["body"] == "<p>Sửa.</p>"
    assert back["title"] == "Phường ra quân"  # the ward's other choices stay
    listed = await nodes(client, "hoankiem")
    assert [(n["title"], n["tenant"]["slug"]) for n in listed] == [("Phường ra quân", "hanoi")]
    html = await client.get(
        f"/tin-phuong/{article.slug}", headers={"Host": "hoankiem.thudo.gov.vn"}
    )
    assert html.status_code == 200 and "Sửa." in html.text
    not_forked = await act(
        client, "placementRelink", f'id: "{pid}", tenant: "hoankiem"', tokens["phuong"], COPY
    )
    assert not_forked["code"] == "NOT_FORKED"

    # Each choice is in the ward's audit log, none in the city's.
    actions = await AuditEntry.filter(tenant_id=tree.ward.id, object_type="Placement").values_list(
        "action", flat=True
    )
    assert actions == ["categorize", "override", "fork", "relink"]
    copy_log = await AuditEntry.filter(object_type="Article", object_id=stored.id).values_list(
        "action", flat=True
    )
    assert copy_log == ["create", "fork", "archive"]
    assert not await AuditEntry.filter(tenant_id=tree.city.id, object_type="Placement").exists()


async def test_forking_needs_a_shown_placement(client: httpx.AsyncClient) -> None:
    from hub.models.syndication import PlacementPolicy

    tree, _article, placement, tokens = await setup(client)
    offer = await place_down(
        await make_article(tree.city, "Gợi ý"), tree.city, policy=PlacementPolicy.OFFERED
    )
    pending = await act(
        client,
        "placementFork",
        f'id: "{gid("Placement", offer.id)}", tenant: "hoankiem"',
        tokens["phuong"],
        COPY,
    )
    assert pending == {"__typename": "PlacementError", "code": "INVALID_INPUT"}
    unknown = await act(
        client,
        "placementFork",
        f'id: "{gid("Placement", 999_999)}", tenant: "hoankiem"',
        tokens["phuong"],
        COPY,
    )
    assert unknown["code"] == "NOT_FOUND"
    reporter = await act(
        client,
        "placementFork",
        f'id: "{gid("Placement", placement.id)}", tenant: "hoankiem"',
        tokens["phongvien"],
        COPY,
    )
    assert reporter["code"] == "FORBIDDEN"
    assert not await Article.filter(tenant_id=tree.ward.id).exists()


async def test_a_receiver_sees_what_reaches_it_and_what_it_chose(
    client: httpx.AsyncClient,
) -> None:
    tree, _article, placement, tokens = await setup(client)
    ward_news = await make_category(tree.ward, "tin-phuong", name="Tin phường")
    await pin(SYSTEM_SCOPE, placement.id, tree.ward, True)
    await categorize(SYSTEM_SCOPE, placement.id, tree.ward, ward_news.id)
    query = """{ placementsReceived(tenant: "hoankiem") { totalCount edges { node {
      id article { title } choices(tenant: "hoankiem") {
        pinned hidden accepted titleOverride category { slug } cover { url } localCopy { id } }
    } } } }"""
    received = await gql(client, query, token=tokens["phuong"])
    [edge] = received["data"]["placementsReceived"]["edges"]
    assert edge["node"]["article"]["title"] == "Thành phố ra quân"
    assert edge["node"]["choices"] == {
        "pinned": True,
        "hidden": False,
        "accepted": None,
        "titleOverride": "",
        "category": {"slug": "tin-phuong"},
        "cover": None,
        "localCopy": None,
    }
    denied = await gql(client, query, token=tokens["phuong2"])
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # Another portal's editors do not see the ward's choices.
    other = await gql(
        client,
        '{ placementsReceived(tenant: "hoangmai") { edges { node { '
        'choices(tenant: "hoankiem") { pinned } } } } }',
        token=tokens["phuong2"],
    )
    assert other["data"]["placementsReceived"]["edges"] == [{"node": {"choices": None}}]


async def test_a_receivers_list_costs_the_same_statements_for_5_or_50_items(
    settings: Settings, count_sql: SQLCounter
) -> None:
    tree = await make_tree()
    city_news = await make_category(tree.city, "tin-tuc", name="Tin thành phố")
    ward_cats = [await make_category(tree.ward, f"muc-{i}", name=f"Mục {i}") for i in range(3)]
    city_cover = await make_image(tree.city, "thanhpho.jpg", (200, 30, 30))
    ward_covers = [await make_image(tree.ward, f"p{i}.jpg", (30, 40 * i, 30)) for i in range(3)]
    for i in range(8):
        await make_article(tree.ward, f"Tin phường {i}", days_ago=i + 0.5)
    for i in range(60):
        article = await make_article(
            tree.city, f"Tin thành phố {i}", category=city_news, days_ago=i
        )
        await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(cover_ids=[city_cover.id]))
        placement = await place_down(article, tree.city)
        if i % 3 == 0:
            await pin(SYSTEM_SCOPE, placement.id, tree.ward, True)
            await set_cover(SYSTEM_SCOPE, placement.id, tree.ward, ward_covers[(i // 3) % 3].id)
        if i % 2 == 0:
            await categorize(SYSTEM_SCOPE, placement.id, tree.ward, ward_cats[i % 3].id)
        if i % 5 == 0:
            await decide(SYSTEM_SCOPE, placement.id, tree.ward, title=f"Phường đặt tên {i}")
    app = create_app(settings, manage_database=False)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x")
    query = """query($n: Int!) { articles(tenant: "hoankiem", first: $n) { totalCount edges {
      node { title pinned tenant { name } category { name } cover { url srcset renditions { width } } }
    } } }"""
    # Warm, as in production: the tenant directory, and the process's memory of which
    # portals receive placements (hub.models.placement_reach).
    await gql(client, query, {"n": 1}, host="hoankiem.thudo.gov.vn")
    counts = {}
    for n in (5, 50):
        count_sql.statements.clear()
        result = await gql(client, query, {"n": n}, host="hoankiem.thudo.gov.vn")
        edges = [e["node"] for e in result["data"]["articles"]["edges"]]
        assert len(edges) == n and all(e["pinned"] for e in edges[:5])
        assert edges[0]["cover"]["url"].endswith(ward_covers[0].storage_key)
        assert edges[0]["title"] == "Phường đặt tên 0" and edges[0]["category"]["name"] == "Mục 0"
        counts[n] = len(count_sql.statements)
    await client.aclose()
    # The page's candidates (own, placed, pinned here), page, total, overrides,
    # categories, media links, assets + renditions, the receiver's covers + renditions:
    # fixed, whatever n (whether placements reach the ward is answered from memory).
    # The first five are the pinned ones with the ward's own covers: their page asks no
    # media links. The fifty also show the owners' covers: links, then those pictures
    # and renditions (the ward's own pictures are held in memory by then).
    assert counts[5] == 9 and counts[50] == 10, count_sql.statements


async def test_paging_a_merged_list_matches_one_full_sort(client: httpx.AsyncClient) -> None:
    """The page is sorted from a window of candidates: every page must still be exact."""
    tree = await make_tree()
    expected = []
    for i in range(7):
        own = await make_article(tree.ward, f"Tin phường {i}", days_ago=2 * i + 1)
        placed = await make_article(tree.city, f"Tin thành phố {i}", days_ago=2 * i + 0.5)
        await place_down(placed, tree.city)
        expected += [placed.id, own.id]
    hidden_pin = await make_article(tree.city, "Tin cũ được ghim", days_ago=90)
    placement = await place_down(hidden_pin, tree.city)
    await pin(SYSTEM_SCOPE, placement.id, tree.ward, True)
    expected.insert(0, hidden_pin.id)  # pinned here: first, however old
    query = """query($after: String) { articles(tenant: "hoankiem", first: 3, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    seen: list[int] = []
    after = None
    while True:
        result = (await gql(client, query, {"after": after}))["data"]["articles"]
        assert result["totalCount"] == len(expected)
        seen += [decode_global_id(e["node"]["id"])[1] for e in result["edges"]]
        if not result["pageInfo"]["hasNextPage"]:
            break
        after = result["pageInfo"]["endCursor"]
    assert seen == expected
