"""Portal administration over the API: settings, hostnames, sections, webhooks, the tree.

Each change is its portal's admins' (sections: its editors'), validated with a
field to blame and nothing written on refusal, audited, and announced to the
page cache through the outbox.
"""

from __future__ import annotations

from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.events.models import Event
from hub.models import Article, Category, ContentStatus
from hub.models.newsroom import AuditEntry
from hub.page_cache import affected_tenants
from hub.services.users import user_create
from tenants.hierarchy import ancestors_of
from tenants.models import Tenant, TenantHost
from tests.factories import PASSWORD, make_category, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

SETTINGS = """
mutation($t: String!, $i: PortalSettingsInput!) { tenantUpdate(tenant: $t, input: $i) {
  __typename
  ... on PortalSuccess { settings { name nameEn email infoOfficerEmail phone englishEnabled
                                    selfApprovalAllowed hostnames } }
  ... on PortalError { code field } } }
"""
HOST = """
mutation($t: String!, $h: String!) { %s(tenant: $t, hostname: $h) {
  __typename ... on PortalSuccess { settings { hostnames } } ... on PortalError { code field } } }
"""
PUNY = "phường.hanoi.gov.vn".encode("idna").decode("ascii")
CATEGORY = "__typename ... on CategoryError { code field } "


async def _staff(tree: Any) -> dict[str, str]:
    await make_viewer("quantri.hk", {tree.ward: [Role.ADMIN]})
    await make_viewer("quantri.hm", {tree.other_ward: [Role.ADMIN]})
    await make_viewer("bientap.hk", {tree.ward: [Role.EDITOR]})
    await make_viewer("phongvien.hk", {tree.ward: [Role.REPORTER]})
    await user_create("vanhanh", PASSWORD, is_superuser=True)
    names = ("quantri.hk", "quantri.hm", "bientap.hk", "phongvien.hk", "vanhanh")
    return {name: await token_for(name) for name in names}


async def _update(client: httpx.AsyncClient, token: str, tenant: str, **values: Any) -> Any:
    data = await gql(client, SETTINGS, {"t": tenant, "i": values}, token=token)
    return data["data"]["tenantUpdate"]


async def test_a_portal_admin_changes_the_settings_audited_and_announced(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await _staff(tree)
    before = await Event.all().count()
    result = await _update(
        client,
        tokens["quantri.hk"],
        "hoankiem",
        name="  Phường   Hoàn Kiếm ",
        nameEn="Hoan Kiem Ward",
        email="VanPhong@HoanKiem.Hanoi.gov.vn",
        infoOfficerEmail="",
        phone="024 3825 1234",
        englishEnabled=True,
    )
    assert result["__typename"] == "PortalSuccess"
    assert result["settings"] | {"hostnames": []} == {
        "name": "Phường Hoàn Kiếm",
        "nameEn": "Hoan Kiem Ward",
        "email": "VanPhong@hoankiem.hanoi.gov.vn",  # the mail module's rule: domain lower-cased
        "infoOfficerEmail": "",
        "phone": "024 3825 1234",
        "englishEnabled": True,
        "selfApprovalAllowed": False,
        "hostnames": [],
    }
    entry = await AuditEntry.get(object_type="Tenant", tenant_id=tree.ward.id)
    assert (entry.actor_name, entry.action) == ("quantri.hk", "settings")
    assert entry.changes["name_en"] == ["", "Hoan Kiem Ward"]
    assert entry.changes["english_enabled"] == [False, True]
    # Readers see names and contacts: one event, which drops the ward's pages and
    # those of the city above it (its list of units names the ward).
    events = await Event.filter(id__gt=before)
    assert [(e.type, e.object_type, e.tenant_id) for e in events[-1:]] == [
        ("tenant.changed", "Tenant", tree.ward.id)
    ]
    assert await affected_tenants(list(events)) == {tree.ward.id, tree.city.id}
    # The public API shows the new name at once (this process's directory reloads).
    public = await gql(client, '{ tenant(slug: "hoankiem") { nameEn englishEnabled } }')
    assert public["data"]["tenant"] == {"nameEn": "Hoan Kiem Ward", "englishEnabled": True}

    # The self-approval setting shows on no public page: audited, not announced.
    count = await Event.all().count()
    assert (await _update(client, tokens["quantri.hk"], "hoankiem", selfApprovalAllowed=True))[
        "settings"
    ]["selfApprovalAllowed"] is True
    assert await Event.all().count() == count
    assert await AuditEntry.filter(object_type="Tenant", action="settings").count() == 2


async def test_only_the_portals_own_admins_change_or_read_its_settings(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await _staff(tree)
    for who in ("quantri.hm", "bientap.hk", "phongvien.hk"):
        refused = await _update(client, tokens[who], "hoankiem", name="Chiếm quyền")
        assert refused["code"] == "FORBIDDEN", who
        host = await gql(
            client,
            HOST % "tenantHostAdd",
            {"t": "hoankiem", "h": "x.hanoi.gov.vn"},
            token=tokens[who],
        )
        assert host["data"]["tenantHostAdd"]["code"] == "FORBIDDEN"
    query = '{ portalSettings(tenant: "hoankiem") { name selfApprovalAllowed } }'
    assert (await gql(client, query, token=tokens["quantri.hm"]))["data"]["portalSettings"] is None
    assert (await gql(client, query, token=tokens["bientap.hk"]))["data"]["portalSettings"] is None
    assert (await gql(client, query))["data"]["portalSettings"] is None
    own = await gql(client, query, token=tokens["quantri.hk"])
    assert own["data"]["portalSettings"] == {
        "name": "Phường Hoàn Kiếm",
        "selfApprovalAllowed": False,
    }
    # A superuser administers every portal.
    done = await _update(client, tokens["vanhanh"], "hoankiem", fax="024 3825 0000")
    assert done["__typename"] == "PortalSuccess"
    ward = await Tenant.get(slug="hoankiem")
    assert (ward.name, ward.fax) == ("Phường Hoàn Kiếm", "024 3825 0000")
    assert await TenantHost.filter(tenant_id=ward.id).count() == 0


async def test_bad_input_names_the_field_and_changes_nothing(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    tokens = await _staff(tree)
    token = tokens["quantri.hk"]
    cases = [
        ({"name": "Tên mới", "email": "khong-phai-thu"}, "email"),
        ({"name": "Tên mới", "infoOfficerEmail": "cán.bộ@hanoi.gov.vn"}, "infoOfficerEmail"),
        ({"name": "   "}, "name"),
        ({"nameEn": "x" * 201}, "nameEn"),
        ({"phone": "gọi 024"}, "phone"),
    ]
    for values, field in cases:
        refused = await _update(client, token, "hoankiem", **values)
        assert (refused["code"], refused["field"]) == ("INVALID_INPUT", field), values
    ward = await Tenant.get(slug="hoankiem")
    assert (ward.name, ward.email, ward.phone) == ("Phường Hoàn Kiếm", "", "")
    assert not await AuditEntry.filter(object_type="Tenant").exists()


async def test_hostnames_strictly_checked_and_never_shared(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    tokens = await _staff(tree)
    token = tokens["quantri.hk"]

    async def add(host: str, tenant: str = "hoankiem") -> Any:
        data = await gql(client, HOST % "tenantHostAdd", {"t": tenant, "h": host}, token=token)
        return data["data"]["tenantHostAdd"]

    for bad in (
        "http://hoankiem.hanoi.gov.vn",
        "hoankiem.hanoi.gov.vn:8000",
        "hoankiem.hanoi.gov.vn/tin-tuc",
        "*.hanoi.gov.vn",
        "localhost",
        "10.0.0.1",
        "-hk.hanoi.gov.vn",
        "hk..hanoi.gov.vn",
        "a" * 64 + ".gov.vn",
        "hk hanoi.gov.vn",
    ):
        refused = await add(bad)
        assert (refused["code"], refused["field"]) == ("INVALID_HOSTNAME", "hostname"), bad
    taken = await add("www.thudo.gov.vn")  # the city's
    assert (taken["code"], taken["field"]) == ("HOSTNAME_TAKEN", "hostname")
    assert await TenantHost.filter(tenant_id=tree.ward.id).count() == 0

    added = await add("HoanKiem.Hanoi.gov.vn.")
    assert added["settings"]["hostnames"] == ["hoankiem.hanoi.gov.vn"]
    assert (await add("phường.hanoi.gov.vn"))["settings"]["hostnames"] == [
        "hoankiem.hanoi.gov.vn",
        PUNY,
    ]
    assert (await add("hoankiem.hanoi.gov.vn"))["code"] == "HOSTNAME_TAKEN"
    # The host serves the ward at once, in this process.
    found = await gql(client, '{ tenant(host: "hoankiem.hanoi.gov.vn") { slug } }')
    assert found["data"]["tenant"] == {"slug": "hoankiem"}
    page = await client.get("/", headers={"Host": "hoankiem.hanoi.gov.vn"})
    assert page.status_code == 200 and "Hoàn Kiếm" in page.text

    # Another portal's hostname cannot be removed through this one.
    other = await gql(
        client, HOST % "tenantHostRemove", {"t": "hoankiem", "h": "thudo.gov.vn"}, token=token
    )
    assert other["data"]["tenantHostRemove"]["code"] == "NOT_FOUND"
    assert await TenantHost.exists(hostname="thudo.gov.vn", tenant_id=tree.city.id)
    removed = await gql(
        client,
        HOST % "tenantHostRemove",
        {"t": "hoankiem", "h": "hoankiem.hanoi.gov.vn"},
        token=token,
    )
    assert removed["data"]["tenantHostRemove"]["settings"]["hostnames"] == [PUNY]
    actions = (
        await AuditEntry.filter(object_type="Tenant")
        .order_by("id")
        .values_list("action", "changes")
    )
    assert actions == [
        ("hostname_add", {"hostname": [None, "hoankiem.hanoi.gov.vn"]}),
        ("hostname_add", {"hostname": [None, PUNY]}),
        ("hostname_remove", {"hostname": ["hoankiem.hanoi.gov.vn", None]}),
    ]


async def test_sections_created_renamed_and_reordered_by_the_portals_editors(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await _staff(tree)
    news = await make_category(tree.ward, position=1)
    theirs = await make_category(tree.other_ward)
    create = (
        "mutation($t: String!, $s: String!, $n: String!) { categoryCreate(tenant: $t, slug: $s, "
        'name: $n, nameEn: "Notices", slugEn: "notices") { %s ... on CategorySuccess '
        "{ category { id slug name position } } } }" % CATEGORY
    )

    async def run(query: str, token: str, **variables: Any) -> Any:
        data = await gql(client, query, variables, token=token)
        return next(iter(data["data"].values()))

    editor = tokens["bientap.hk"]
    made = await run(create, editor, t="hoankiem", s="thong-bao", n="Thông  báo")
    assert made["category"] | {"id": ""} == {
        "id": "",
        "slug": "thong-bao",
        "name": "Thông báo",
        "position": 2,
    }
    assert (await run(create, editor, t="hoankiem", s="thong-bao", n="X"))["code"] == (
        "DUPLICATE_SLUG"
    )
    assert (await run(create, editor, t="hoankiem", s="Thông báo", n="X"))["field"] == "slug"
    for who, tenant in (("phongvien.hk", "hoankiem"), ("bientap.hk", "hoangmai")):
        refused = await run(create, tokens[who], t=tenant, s="moi", n="Mới")
        assert refused["code"] == "FORBIDDEN", who

    rename = (
        "mutation($t: String!, $id: ID!, $n: String, $e: String) { categoryUpdate(tenant: $t, "
        "id: $id, name: $n, nameEn: $e) { %s ... on CategorySuccess { category { name nameEn "
        "slug } } } }" % CATEGORY
    )
    ids = {
        c["node"]["slug"]: c["node"]["id"]
        for c in (
            await gql(client, '{ categories(tenant: "hoankiem") { edges { node { id slug } } } }')
        )["data"]["categories"]["edges"]
    }
    renamed = await run(
        rename, editor, t="hoankiem", id=ids["tin-tuc"], n="Tin hoạt động", e="Activities"
    )
    assert renamed["category"] == {
        "name": "Tin hoạt động",
        "nameEn": "Activities",
        "slug": "tin-tuc",
    }
    assert (await run(rename, editor, t="hoankiem", id=ids["tin-tuc"], n=""))["field"] == "name"
    other_id = (await gql(client, '{ categories(tenant: "hoangmai") { edges { node { id } } } }'))[
        "data"
    ]["categories"]["edges"][0]["node"]["id"]
    # Another ward's section by its ID: as missing as one that never existed.
    assert (await run(rename, editor, t="hoankiem", id=other_id, n="Chiếm"))["code"] == "NOT_FOUND"
    assert (await run(rename, tokens["quantri.hm"], t="hoankiem", id=ids["tin-tuc"], n="X"))[
        "code"
    ] == "FORBIDDEN"
    await theirs.refresh_from_db()
    assert theirs.name == "Tin tức"

    reorder = (
        "mutation($t: String!, $ids: [ID!]!) { categoryReorder(tenant: $t, ids: $ids) { %s "
        "... on CategoryOrderSuccess { categories { slug position } } } }" % CATEGORY
    )
    assert (await run(reorder, editor, t="hoankiem", ids=[ids["thong-bao"]]))["field"] == "order"
    assert (await run(reorder, editor, t="hoankiem", ids=[ids["thong-bao"], other_id]))[
        "code"
    ] == "INVALID_INPUT"
    ordered = await run(reorder, editor, t="hoankiem", ids=[ids["thong-bao"], ids["tin-tuc"]])
    assert ordered["categories"] == [
        {"slug": "thong-bao", "position": 1},
        {"slug": "tin-tuc", "position": 2},
    ]
    await news.refresh_from_db()
    assert news.position == 2
    actions = (
        await AuditEntry.filter(object_type="Category")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["category_create", "category_update", "category_reorder"]
    assert await Event.filter(type="tenant.changed", object_type="Category").count() == 3


async def test_webhook_endpoints_are_listed_for_the_portals_admins_only(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await _staff(tree)
    made = await gql(
        client,
        'mutation { webhookCreate(tenant: "hoankiem", url: "https://hook.example.vn/a") '
        "{ __typename } }",
        token=tokens["quantri.hk"],
    )
    assert made["data"]["webhookCreate"]["__typename"] == "WebhookCreated"
    query = '{ webhookEndpoints(tenant: "hoankiem") { url active types } }'
    own = await gql(client, query, token=tokens["quantri.hk"])
    assert own["data"]["webhookEndpoints"] == [
        {"url": "https://hook.example.vn/a", "active": True, "types": []}
    ]
    for who in ("quantri.hm", "bientap.hk"):
        refused = await gql(client, query, token=tokens[who])
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_superusers_make_a_portal_from_its_template_and_move_units(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await _staff(tree)
    create = (
        "mutation($i: TenantCreateInput!) { tenantCreate(input: $i) { __typename "
        "... on TenantTreeSuccess { tenant { slug level depth parent { slug } } } "
        "... on PortalError { code field } } }"
    )
    new = {
        "parent": "hanoi",
        "slug": "phuongmoi",
        "name": "Phường Mới",
        "level": "COMMUNE",
        "hostnames": ["phuongmoi.hanoi.gov.vn"],
    }
    refused = await gql(client, create, {"i": new}, token=tokens["quantri.hk"])
    assert refused["data"]["tenantCreate"]["code"] == "FORBIDDEN"
    assert not await Tenant.exists(slug="phuongmoi")

    made = await gql(client, create, {"i": new}, token=tokens["vanhanh"])
    assert made["data"]["tenantCreate"]["tenant"] == {
        "slug": "phuongmoi",
        "level": "COMMUNE",
        "depth": 1,
        "parent": {"slug": "hanoi"},
    }
    ward = await Tenant.get(slug="phuongmoi")
    sections = await Category.unscoped().filter(tenant_id=ward.id).order_by("position")
    assert [c.slug for c in sections] == [
        "tin-tuc",
        "thong-bao",
        "an-ninh-trat-tu",
        "cai-cach-hanh-chinh",
        "gioi-thieu",
    ]
    pages = await Article.unscoped().filter(tenant_id=ward.id)
    assert {p.slug for p in pages} == {"gioi-thieu-chung", "chuc-nang-nhiem-vu", "co-cau-to-chuc"}
    assert {p.status for p in pages} == {ContentStatus.DRAFT}
    assert await TenantHost.exists(hostname="phuongmoi.hanoi.gov.vn", tenant_id=ward.id)
    assert (await gql(client, create, {"i": new}, token=tokens["vanhanh"]))["data"]["tenantCreate"][
        "code"
    ] == "DUPLICATE_SLUG"
    bad = new | {"slug": "phuong-khac", "hostnames": ["thudo.gov.vn"]}
    assert (await gql(client, create, {"i": bad}, token=tokens["vanhanh"]))["data"]["tenantCreate"][
        "code"
    ] == "HOSTNAME_TAKEN"
    assert not await Tenant.exists(slug="phuong-khac")

    move = (
        "mutation($t: String!, $p: String!) { tenantMove(tenant: $t, parent: $p) { __typename "
        "... on TenantTreeSuccess { tenant { depth parent { slug } } } "
        "... on PortalError { code field } } }"
    )
    assert (
        await gql(client, move, {"t": "phuongmoi", "p": "soxaydung"}, token=tokens["quantri.hk"])
    )["data"]["tenantMove"]["code"] == "FORBIDDEN"
    moved = await gql(client, move, {"t": "phuongmoi", "p": "soxaydung"}, token=tokens["vanhanh"])
    assert moved["data"]["tenantMove"]["tenant"] == {"depth": 2, "parent": {"slug": "soxaydung"}}
    assert [t.slug for t in await ancestors_of(ward)] == ["hanoi", "soxaydung"]
    cycle = await gql(client, move, {"t": "hanoi", "p": "phuongmoi"}, token=tokens["vanhanh"])
    assert cycle["data"]["tenantMove"]["code"] == "INVALID_PARENT"
    loop = await gql(client, move, {"t": "soxaydung", "p": "phuongmoi"}, token=tokens["vanhanh"])
    assert loop["data"]["tenantMove"]["code"] == "INVALID_PARENT"
    actions = (
        await AuditEntry.filter(object_type="Tenant")
        .order_by("id")
        .values_list("action", "actor_name")
    )
    assert actions == [("tenant_create", "vanhanh"), ("tenant_move", "vanhanh")]
