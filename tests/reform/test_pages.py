"""The reform site's rendered pages: gathered news with its source, and its sub-sites."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.models.syndication import Placement
from hub.services.articles import ArticleChanges, article_update
from hub.services.workflow import take_step
from schema.common import encode_global_id
from tests.factories import SYSTEM_SCOPE, make_article, make_category, make_viewer
from tests.graphql.helpers import gql, token_for
from tests.reform.helpers import SITE, SITE_HOST, category_id, gather, make_reform_tree, set_rule

SOURCE = "Nguồn: Phường Hoàn Kiếm"


async def test_the_reform_site_shows_a_wards_reform_news_with_its_source(
    client: httpx.AsyncClient,
) -> None:
    r = await make_reform_tree()
    await set_rule(
        client, r.admin_token, category="cai-cach-hanh-chinh", fileUnder=category_id(r.site_news)
    )
    article = await make_article(
        r.tree.ward, "Phường Hoàn Kiếm trả kết quả thủ tục tại nhà", category=r.ward_reform
    )
    await gather()

    home = await client.get("/", headers=SITE_HOST)
    assert home.status_code == 200
    assert article.title in home.text and SOURCE in home.text
    section = await client.get("/tin-cai-cach-hanh-chinh/", headers=SITE_HOST)
    assert article.title in section.text and SOURCE in section.text
    # The article's page on the reform site, under the site's own section, names its source.
    path = f"/tin-cai-cach-hanh-chinh/{article.slug}"
    page = await client.get(path, headers=SITE_HOST)
    assert page.status_code == 200
    assert f"<h1>{article.title}</h1>" in page.text and SOURCE in page.text
    # The ward's own page shows no source line: it is the ward's article.
    own = await client.get(
        f"/cai-cach-hanh-chinh/{article.slug}", headers={"Host": "hoankiem.thudo.gov.vn"}
    )
    assert own.status_code == 200 and "Nguồn:" not in own.text

    await take_step(SYSTEM_SCOPE, article.id, "unpublish")
    assert article.title not in (await client.get("/", headers=SITE_HOST)).text
    assert (await client.get(path, headers=SITE_HOST)).status_code == 404


async def test_after_acceptance_the_page_shows_it_only_once_accepted(
    client: httpx.AsyncClient,
) -> None:
    r = await make_reform_tree()
    await set_rule(client, r.admin_token, tag="Cải cách hành chính", policy="AFTER_ACCEPTANCE")
    article = await make_article(r.tree.ward, "Phường tổ chức đối thoại về thủ tục đất đai")
    await article_update(SYSTEM_SCOPE, article.id, ArticleChanges(tags=["Cải cách hành chính"]))
    await gather()
    assert article.title not in (await client.get("/", headers=SITE_HOST)).text
    placement = await Placement.get(article_id=article.id)
    await make_viewer("pheduyet.cchc", {r.tree.site: [Role.APPROVER]})
    accepted = await gql(
        client,
        'mutation { placementAccept(id: "%s", tenant: "%s") { __typename } }'
        % (encode_global_id("Placement", placement.id), SITE),
        token=await token_for("pheduyet.cchc"),
    )
    assert accepted["data"]["placementAccept"]["__typename"] == "PlacementSuccess"
    home = (await client.get("/", headers=SITE_HOST)).text
    assert article.title in home and SOURCE in home


async def test_the_sub_sites_list_their_own_content_under_the_reform_site(
    client: httpx.AsyncClient,
) -> None:
    r = await make_reform_tree()
    digital_news = await make_category(r.digital, "chuyen-doi-so", name="Tin chuyển đổi số")
    project_news = await make_category(r.project06, "de-an-06", name="Tin Đề án 06")
    digital = await make_article(r.digital, "Ra mắt nền tảng số dùng chung", category=digital_news)
    project = await make_article(r.project06, "Mở rộng tiện ích VNeID", category=project_news)
    reform = await make_article(r.tree.site, "Công bố chỉ số cải cách", category=r.site_news)

    digital_host = {"Host": "chuyendoiso.caicachhanhchinh.hanoi.gov.vn"}
    home = await client.get("/", headers=digital_host)
    assert home.status_code == 200
    assert digital.title in home.text
    assert project.title not in home.text and reform.title not in home.text
    assert "Nguồn:" not in home.text  # its own content, no source line
    # Under the reform site in the tree: the page links up to it.
    assert "Cải cách hành chính" in home.text
    section = await client.get("/chuyen-doi-so/", headers=digital_host)
    assert section.status_code == 200 and digital.title in section.text
    # The same sub-site by path, in development.
    by_path = await client.get("/_t/dean06/", headers={"Host": "127.0.0.1:8000"})
    assert project.title in by_path.text and digital.title not in by_path.text
    assert 'href="/_t/dean06/de-an-06/' in by_path.text

    # The reform site's home lists its sub-sites at their own hosts.
    on_base = {"Host": "caicachhanhchinh.thudo.gov.vn"}
    site_home = (await client.get("/", headers=on_base)).text
    assert "Chuyên trang" in site_home
    assert 'href="https://chuyendoiso.caicachhanhchinh.hanoi.gov.vn/"' in site_home
    assert 'href="https://dean06.caicachhanhchinh.hanoi.gov.vn/"' in site_home
    assert reform.title in site_home and digital.title not in site_home

    # Through the API: the tree and each sub-site's own list.
    tree = await gql(
        client,
        '{ tenant(slug: "%s") { children { slug hostnames } } '
        'chuyendoiso: articles(tenant: "chuyendoiso") { edges { node { title } } } '
        'dean06: articles(tenant: "dean06") { edges { node { title } } } }' % SITE,
    )
    assert tree["data"]["tenant"]["children"] == [
        {"slug": "chuyendoiso", "hostnames": ["chuyendoiso.caicachhanhchinh.hanoi.gov.vn"]},
        {"slug": "dean06", "hostnames": ["dean06.caicachhanhchinh.hanoi.gov.vn"]},
    ]
    assert [e["node"]["title"] for e in tree["data"]["chuyendoiso"]["edges"]] == [digital.title]
    assert [e["node"]["title"] for e in tree["data"]["dean06"]["edges"]] == [project.title]
