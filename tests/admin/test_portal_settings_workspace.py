"""Portal administration screens over HTTP: settings, hostnames, sections, webhooks, tree.

Only the portal's own admins (sections: its editors; the tree: superusers)
reach them, by link or by guessed URL; bad input comes back in Vietnamese
beside its field with what was typed, and nothing changes.
"""

from __future__ import annotations

import base64
import re

import httpx

from hub.auth.permissions import Role
from hub.models import Article, Category, ContentStatus
from hub.models.newsroom import AuditEntry
from hub.services.users import user_create
from hub.webhooks.models import WebhookEndpoint
from tenants.models import Tenant, TenantHost
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.factories import PASSWORD, make_category, make_tree, make_viewer

WARD = "/_t/hoankiem/quan-tri"
OTHER_WARD = "/_t/hoangmai/quan-tri"
SETTINGS = {
    "name": "Phường Hoàn Kiếm",
    "nameEn": "Hoan Kiem Ward",
    "description": "",
    "address": "126 Hàng Trống",
    "phone": "024 3825 1234",
    "fax": "",
    "email": "vanphong@hoankiem.hanoi.gov.vn",
    "infoOfficerName": "Trần Thị B",
    "infoOfficerTitle": "Chánh Văn phòng",
    "infoOfficerPhone": "",
    "infoOfficerEmail": "",
}


def global_id(kind: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{pk}".encode()).decode().rstrip("=")


async def _people(tree: object) -> None:
    await make_staff(tree)  # type: ignore[arg-type]
    await make_viewer("quantri.hoankiem", {tree.ward: [Role.ADMIN]})  # type: ignore[attr-defined]
    await make_viewer("quantri.hoangmai", {tree.other_ward: [Role.ADMIN]})  # type: ignore[attr-defined]


async def test_a_ward_admin_edits_the_settings_with_errors_beside_the_fields(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await _people(tree)
    await sign_in(client, "quantri.hoankiem")
    page = await client.get(f"{WARD}/cai-dat", headers=HOST)
    assert page.status_code == 200
    assert page.headers["cache-control"] == "private, no-store"
    html = page.text
    assert "Cài đặt cổng thông tin" in html and 'value="Phường Hoàn Kiếm"' in html
    assert "Cho phép tự phê duyệt" in html and "người thứ hai" in html
    assert "<script>" not in html and "style=" not in html
    assert 'href="/_t/hoankiem/quan-tri/cai-dat"' in html  # the nav link

    bad = await client.post(
        f"{WARD}/cai-dat",
        data=SETTINGS | {"email": "van phong@hanoi", "selfApprovalAllowed": "1"},
        headers=HOST,
    )
    assert bad.status_code == 400
    assert 'href="#email"' in bad.text and 'id="email-error"' in bad.text
    assert "Nhập địa chỉ thư điện tử" in bad.text
    assert 'value="van phong@hanoi"' in bad.text and 'value="126 Hàng Trống"' in bad.text
    assert re.search(r'id="selfApprovalAllowed"[^>]*checked', bad.text)
    ward = await Tenant.get(slug="hoankiem")
    assert (ward.address, ward.self_approval_allowed) == ("", False)

    cross = await client.post(
        f"{WARD}/cai-dat", data=SETTINGS, headers={**HOST, "Sec-Fetch-Site": "cross-site"}
    )
    assert cross.status_code == 403
    assert (await Tenant.get(slug="hoankiem")).address == ""

    saved = await client.post(
        f"{WARD}/cai-dat", data=SETTINGS | {"selfApprovalAllowed": "1"}, headers=HOST
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"{WARD}/cai-dat?xong=saved"
    ward = await Tenant.get(slug="hoankiem")
    assert (ward.address, ward.name_en, ward.self_approval_allowed) == (
        "126 Hàng Trống",
        "Hoan Kiem Ward",
        True,
    )
    entry = await AuditEntry.get(object_type="Tenant", tenant_id=ward.id)
    assert entry.actor_name == "quantri.hoankiem"
    assert entry.changes["self_approval_allowed"] == [False, True]
    after = await client.get(saved.headers["location"], headers=HOST)
    assert "Đã lưu cài đặt." in after.text
    english = await client.get(f"{WARD}/en/cai-dat", headers=HOST)
    assert english.status_code == 200 and "Allow self-approval" in english.text


async def test_hostnames_through_the_settings_screen(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await _people(tree)
    await sign_in(client, "quantri.hoankiem")
    bad = await client.post(
        f"{WARD}/cai-dat/ten-mien", data={"hostname": "https://x.vn/a"}, headers=HOST
    )
    assert bad.status_code == 400
    assert 'id="hostname-error"' in bad.text and 'value="https://x.vn/a"' in bad.text
    taken = await client.post(
        f"{WARD}/cai-dat/ten-mien", data={"hostname": "thudo.gov.vn"}, headers=HOST
    )
    assert taken.status_code == 400 and "Một cổng khác đã dùng tên miền này" in taken.text
    added = await client.post(
        f"{WARD}/cai-dat/ten-mien", data={"hostname": "hoankiem.hanoi.gov.vn"}, headers=HOST
    )
    assert added.status_code == 303
    assert await TenantHost.exists(hostname="hoankiem.hanoi.gov.vn", tenant_id=tree.ward.id)
    page = await client.get(f"{WARD}/cai-dat", headers=HOST)
    assert "hoankiem.hanoi.gov.vn" in page.text
    # Removing the city's hostname through the ward's screen finds nothing to remove.
    other = await client.post(
        f"{WARD}/cai-dat/ten-mien/xoa", data={"hostname": "thudo.gov.vn"}, headers=HOST
    )
    assert other.status_code == 400
    assert await TenantHost.exists(hostname="thudo.gov.vn", tenant_id=tree.city.id)
    removed = await client.post(
        f"{WARD}/cai-dat/ten-mien/xoa", data={"hostname": "hoankiem.hanoi.gov.vn"}, headers=HOST
    )
    assert removed.status_code == 303
    assert not await TenantHost.exists(tenant_id=tree.ward.id)


async def test_nobody_reaches_another_wards_or_a_higher_roles_screens(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await _people(tree)
    theirs = await Category.unscoped().get(tenant_id=tree.other_ward.id)
    await WebhookEndpoint.create(
        tenant_id=tree.other_ward.id, url="https://bi-mat.example.vn/hook", secret="whsec_x"
    )
    await sign_in(client, "quantri.hoankiem")
    for path in (
        "/cai-dat",
        "/chuyen-muc",
        "/webhook",
        f"/chuyen-muc/{global_id('Category', theirs.id)}",
    ):
        response = await client.get(OTHER_WARD + path, headers=HOST)
        assert response.status_code == 403, path
        assert (
            "bi-mat.example.vn" not in response.text
            and theirs.name not in response.text.split("<main", 1)[1]
        )
    for path, data in (
        ("/cai-dat", SETTINGS),
        ("/cai-dat/ten-mien", {"hostname": "chiem.hanoi.gov.vn"}),
        ("/chuyen-muc", {"slug": "chiem", "name": "Chiếm"}),
        ("/webhook", {"url": "https://chiem.example.vn"}),
    ):
        response = await client.post(OTHER_WARD + path, data=data, headers=HOST)
        assert response.status_code == 403, path
    # Another ward's section guessed through this ward's own screens: not found.
    guessed = await client.get(
        f"{WARD}/chuyen-muc/{global_id('Category', theirs.id)}", headers=HOST
    )
    assert guessed.status_code == 404
    renamed = await client.post(
        f"{WARD}/chuyen-muc/{global_id('Category', theirs.id)}",
        data={"name": "Chiếm"},
        headers=HOST,
    )
    assert renamed.status_code == 404
    # The tree is for superusers only.
    assert (await client.get(f"{WARD}/cong-thong-tin", headers=HOST)).status_code == 403
    await theirs.refresh_from_db()
    assert theirs.name == "Tin tức"
    assert await Tenant.get(slug="hoangmai").values_list("address", flat=True) == ""
    assert not await TenantHost.exists(hostname="chiem.hanoi.gov.vn")
    assert await WebhookEndpoint.filter(tenant_id=tree.other_ward.id).count() == 1

    # An editor manages sections but not the settings or webhooks.
    client.cookies.clear()
    await sign_in(client, "editor.hoankiem")
    home = await client.get(f"{WARD}/", headers=HOST)
    assert "/quan-tri/chuyen-muc" in home.text and "/quan-tri/cai-dat" not in home.text
    assert (await client.get(f"{WARD}/cai-dat", headers=HOST)).status_code == 403
    assert (await client.get(f"{WARD}/webhook", headers=HOST)).status_code == 403
    posted = await client.post(f"{WARD}/cai-dat", data=SETTINGS, headers=HOST)
    assert posted.status_code == 403
    assert (await Tenant.get(slug="hoankiem")).address == ""
    assert (await client.get(f"{WARD}/chuyen-muc", headers=HOST)).status_code == 200
    client.cookies.clear()
    await sign_in(client, "reporter.hoankiem")
    assert (await client.get(f"{WARD}/chuyen-muc", headers=HOST)).status_code == 403


async def test_sections_are_created_renamed_and_moved_on_screen(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await _people(tree)
    await sign_in(client, "editor.hoankiem")
    bad = await client.post(
        f"{WARD}/chuyen-muc", data={"name": "Thông báo", "slug": "Thông báo"}, headers=HOST
    )
    assert bad.status_code == 400 and 'id="slug-error"' in bad.text
    assert 'value="Thông báo"' in bad.text
    made = await client.post(
        f"{WARD}/chuyen-muc",
        data={"name": "Thông báo", "slug": "thong-bao", "nameEn": "Notices", "slugEn": "notices"},
        headers=HOST,
    )
    assert made.status_code == 303
    notices = await Category.unscoped().get(tenant_id=tree.ward.id, slug="thong-bao")
    news = await Category.unscoped().get(tenant_id=tree.ward.id, slug="tin-tuc")
    listing = await client.get(f"{WARD}/chuyen-muc", headers=HOST)
    assert listing.text.index("Tin tức") < listing.text.index("Thông báo")

    up = await client.post(
        f"{WARD}/chuyen-muc/thu-tu",
        data={"id": global_id("Category", notices.id), "huong": "len"},
        headers=HOST,
    )
    assert up.status_code == 303
    await notices.refresh_from_db()
    await news.refresh_from_db()
    assert (notices.position, news.position) == (1, 2)

    edit = f"{WARD}/chuyen-muc/{global_id('Category', news.id)}"
    assert (await client.get(edit, headers=HOST)).status_code == 200
    empty = await client.post(edit, data={"name": " ", "nameEn": "News"}, headers=HOST)
    assert empty.status_code == 400 and 'id="name-error"' in empty.text
    renamed = await client.post(
        edit, data={"name": "Tin hoạt động", "nameEn": "Activities", "slugEn": "news"}, headers=HOST
    )
    assert renamed.status_code == 303
    await news.refresh_from_db()
    assert (news.name, news.name_en, news.slug) == ("Tin hoạt động", "Activities", "tin-tuc")


async def test_webhooks_screen_registers_and_shows_the_secret_once(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await _people(tree)
    await sign_in(client, "quantri.hoankiem")
    empty = await client.get(f"{WARD}/webhook", headers=HOST)
    assert empty.status_code == 200 and "Chưa đăng ký webhook nào." in empty.text
    bad = await client.post(f"{WARD}/webhook", data={"url": "ftp://x.vn"}, headers=HOST)
    assert bad.status_code == 400 and 'id="url-error"' in bad.text
    assert 'value="ftp://x.vn"' in bad.text
    made = await client.post(
        f"{WARD}/webhook",
        data={"url": "https://he-thong.example.vn/thudo", "types": "article.published"},
        headers=HOST,
    )
    assert made.status_code == 200
    endpoint = await WebhookEndpoint.get(tenant_id=tree.ward.id)
    assert endpoint.secret in made.text and "article.published" in made.text
    again = await client.get(f"{WARD}/webhook", headers=HOST)
    assert "he-thong.example.vn" in again.text and endpoint.secret not in again.text


async def test_a_superuser_makes_and_moves_portals_on_screen(client: httpx.AsyncClient) -> None:
    await make_tree()
    await user_create("vanhanh", PASSWORD, is_superuser=True)
    await sign_in(client, "vanhanh")
    page = await client.get(f"{WARD}/cong-thong-tin", headers=HOST)
    assert page.status_code == 200 and "Phường Hoàng Mai" in page.text
    bad = await client.post(
        f"{WARD}/cong-thong-tin/moi",
        data={"parent": "hanoi", "level": "COMMUNE", "name": "Phường Mới", "slug": "Phường Mới"},
        headers=HOST,
    )
    assert bad.status_code == 400 and 'id="slug-error"' in bad.text
    assert 'value="Phường Mới"' in bad.text
    made = await client.post(
        f"{WARD}/cong-thong-tin/moi",
        data={"parent": "hanoi", "level": "COMMUNE", "name": "Phường Mới", "slug": "phuongmoi"},
        headers=HOST,
    )
    assert made.status_code == 303
    new = await Tenant.get(slug="phuongmoi")
    assert (
        await Article.unscoped().filter(tenant_id=new.id, status=ContentStatus.DRAFT).count() == 3
    )
    cycle = await client.post(
        f"{WARD}/cong-thong-tin/chuyen",
        data={"unit": "soxaydung", "newParent": "soxaydung"},
        headers=HOST,
    )
    assert cycle.status_code == 400 and 'id="newParent-error"' in cycle.text
    moved = await client.post(
        f"{WARD}/cong-thong-tin/chuyen",
        data={"unit": "phuongmoi", "newParent": "soxaydung"},
        headers=HOST,
    )
    assert moved.status_code == 303
    assert (await Tenant.get(slug="phuongmoi")).depth == 2


async def test_approving_ones_own_article_on_screen_says_why_in_vietnamese(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_category(tree.ward)
    await make_viewer("approver.hoankiem", {tree.ward: [Role.APPROVER]})
    await sign_in(client, "approver.hoankiem")
    created = await client.post(
        f"{WARD}/bai-viet/moi", data={"title": "Bài tự duyệt", "body": "<p>x</p>"}, headers=HOST
    )
    assert created.status_code == 303
    article = await Article.get(title="Bài tự duyệt")
    step = f"{WARD}/bai-viet/{global_id('Article', article.id)}/buoc"
    assert (await client.post(step, data={"buoc": "submit"}, headers=HOST)).status_code == 303
    refused = await client.post(step, data={"buoc": "approve"}, headers=HOST)
    assert refused.status_code == 400
    assert "một người phê duyệt khác phải duyệt và đăng bài" in refused.text
    await article.refresh_from_db()
    assert article.status == ContentStatus.SUBMITTED
