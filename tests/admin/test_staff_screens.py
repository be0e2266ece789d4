"""The Users and roles screens (`/quan-tri/nguoi-dung`) over HTTP: for a portal's
admins only, another ward's user is a 404 whatever the URL, forms keep what was
typed and say what is wrong in Vietnamese, and each change reaches the database."""

from __future__ import annotations

import re

import httpx

from hub.auth.permissions import Role
from hub.models import Membership, User
from hub.models.newsroom import AuditEntry
from tests.admin.helpers import make_staff, sign_in
from tests.factories import make_tree, make_viewer

WARD = {"Host": "hoankiem.thudo.gov.vn"}
USERS = "/quan-tri/nguoi-dung"


async def setup() -> None:
    tree = await make_tree()
    await make_staff(tree)
    await make_viewer("quantri.hk", {tree.ward: [Role.ADMIN]})


async def test_only_admins_reach_the_screens_and_see_their_own_ward(
    client: httpx.AsyncClient,
) -> None:
    await setup()
    await sign_in(client, "editor.hoankiem")
    dashboard = await client.get("/quan-tri/", headers=WARD)
    assert dashboard.status_code == 200 and USERS not in dashboard.text
    for path in (USERS, f"{USERS}/moi", f"{USERS}/reporter.hoankiem"):
        response = await client.get(path, headers=WARD)
        assert response.status_code == 403, path
        assert "approver.hoankiem" not in response.text  # no one's data
    refused = await client.post(
        f"{USERS}/reporter.hoankiem/trang-thai", data={"buoc": "deactivate"}, headers=WARD
    )
    assert refused.status_code == 403
    client.cookies.clear()

    await sign_in(client, "quantri.hk")
    listing = await client.get(USERS, headers=WARD)
    assert listing.status_code == 200
    assert listing.headers["cache-control"] == "private, no-store"
    assert "Người dùng và vai trò" in listing.text and f'href="{USERS}"' in listing.text
    assert "editor.hoankiem" in listing.text and "hoangmai" not in listing.text
    editors = await client.get(USERS, params={"vai-tro": "editor"}, headers=WARD)
    assert "editor.hoankiem" in editors.text and "reporter.hoankiem" not in editors.text
    english = await client.get("/quan-tri/en/nguoi-dung", headers=WARD)
    assert "Users and roles" in english.text and "Roles in this portal" in english.text

    # Guessing another ward's user by URL learns nothing and changes nothing.
    missing = await client.get(f"{USERS}/khong-co-ai", headers=WARD)
    guessed = await client.get(f"{USERS}/editor.hoangmai", headers=WARD)
    assert guessed.status_code == missing.status_code == 404
    assert guessed.text.replace("editor.hoangmai", "khong-co-ai") == missing.text
    for step, data in (
        ("trang-thai", {"buoc": "deactivate"}),
        ("mat-khau", {}),
        ("vai-tro", {"role-admin": "1"}),
    ):
        posted = await client.post(f"{USERS}/editor.hoangmai/{step}", data=data, headers=WARD)
        assert posted.status_code == 404, step
    other = await User.get(username="editor.hoangmai")
    assert other.is_active and other.session_generation == 0
    roles = await Membership.filter(user_id=other.id).values_list("role", flat=True)
    assert roles == ["editor"]
    assert not await AuditEntry.exists(object_type="User")


async def test_the_new_user_form_keeps_input_and_shows_the_password_once(
    client: httpx.AsyncClient,
) -> None:
    await setup()
    await sign_in(client, "quantri.hk")
    form = await client.get(f"{USERS}/moi", headers=WARD)
    assert form.status_code == 200 and 'name="role-reporter"' in form.text
    bad = {
        "username": "Nguyễn Văn",
        "fullName": "Nguyễn Văn Bình",
        "email": "binh@",
        "role-editor": "1",
    }
    refused = await client.post(f"{USERS}/moi", data=bad, headers=WARD)
    assert refused.status_code == 400
    assert 'class="ws-error-summary"' in refused.text and 'href="#username"' in refused.text
    assert "Dùng từ 1 đến 150 ký tự" in refused.text  # the username's error, in Vietnamese
    assert 'value="Nguyễn Văn"' in refused.text and 'value="Nguyễn Văn Bình"' in refused.text
    assert 'name="role-editor" value="1" checked' in refused.text
    no_email = await client.post(f"{USERS}/moi", data={**bad, "username": "binh.nv"}, headers=WARD)
    assert no_email.status_code == 400 and "Nhập địa chỉ thư điện tử" in no_email.text
    no_role = {"username": "binh.nv", "fullName": "Nguyễn Văn Bình", "email": ""}
    no_role_page = await client.post(f"{USERS}/moi", data=no_role, headers=WARD)
    assert no_role_page.status_code == 400 and "Chọn ít nhất một vai trò." in no_role_page.text
    taken = await client.post(
        f"{USERS}/moi",
        data={**no_role, "username": "editor.hoangmai", "role-reporter": "1"},
        headers=WARD,
    )
    assert taken.status_code == 400 and "Tên đăng nhập này đã có người dùng" in taken.text
    cross = await client.post(
        f"{USERS}/moi",
        data={**no_role, "role-reporter": "1"},
        headers={**WARD, "Origin": "https://evil.example"},
    )
    assert cross.status_code == 403
    assert not await User.exists(username="binh.nv")

    created = await client.post(
        f"{USERS}/moi",
        data={**no_role, "email": "binh@hoankiem.gov.vn", "role-reporter": "1", "role-editor": "1"},
        headers=WARD,
    )
    assert created.status_code == 200 and "Đã tạo tài khoản." in created.text
    password = re.search(r'<p class="ws-secret">([^<]+)</p>', created.text)
    assert password is not None and len(password.group(1)) == 19
    user = await User.get(username="binh.nv")
    roles = await Membership.filter(user_id=user.id).values_list("role", flat=True)
    assert sorted(roles) == ["editor", "reporter"]
    # The user's page never shows the password again.
    page = await client.get(f"{USERS}/binh.nv", headers=WARD)
    assert page.status_code == 200 and password.group(1) not in page.text


async def test_roles_reset_and_deactivation_from_the_users_page(
    client: httpx.AsyncClient,
) -> None:
    await setup()
    await sign_in(client, "quantri.hk")
    page = f"{USERS}/reporter.hoankiem"
    saved = await client.post(
        f"{page}/vai-tro", data={"role-editor": "1", "role-approver": "1"}, headers=WARD
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?xong=roles")
    user = await User.get(username="reporter.hoankiem")
    roles = await Membership.filter(user_id=user.id).values_list("role", flat=True)
    assert sorted(roles) == ["approver", "editor"]
    shown = await client.get(page + "?xong=roles", headers=WARD)
    assert "Đã lưu vai trò." in shown.text
    assert 'id="role-editor" name="role-editor" value="1" checked' in shown.text
    assert 'id="role-reporter" name="role-reporter" value="1">' in shown.text

    reset = await client.post(f"{page}/mat-khau", headers=WARD)
    assert reset.status_code == 200 and "Mật khẩu tạm thời" in reset.text
    assert (await User.get(id=user.id)).session_generation == 1

    off = await client.post(f"{page}/trang-thai", data={"buoc": "deactivate"}, headers=WARD)
    assert off.status_code == 303
    assert not (await User.get(id=user.id)).is_active
    shown = await client.get(page + "?xong=deactivate", headers=WARD)
    assert "Đã khóa tài khoản" in shown.text and "Mở khóa tài khoản" in shown.text
    on = await client.post(f"{page}/trang-thai", data={"buoc": "reactivate"}, headers=WARD)
    assert on.status_code == 303 and (await User.get(id=user.id)).is_active
    odd = await client.post(f"{page}/trang-thai", data={"buoc": "xoa"}, headers=WARD)
    assert odd.status_code == 400

    # One's own account: refused with a sentence, not a 500; and no buttons for it.
    own = await client.get(f"{USERS}/quantri.hk", headers=WARD)
    assert own.status_code == 200 and "/quantri.hk/trang-thai" not in own.text
    self_off = await client.post(
        f"{USERS}/quantri.hk/trang-thai", data={"buoc": "deactivate"}, headers=WARD
    )
    assert self_off.status_code == 400 and "Bạn không thể tự thay đổi tài khoản" in self_off.text
    assert (await User.get(username="quantri.hk")).is_active

    # Taking every role away: the person leaves this portal's list.
    gone = await client.post(f"{page}/vai-tro", data={}, headers=WARD)
    assert gone.status_code == 303 and gone.headers["location"].endswith("?xong=removed")
    assert not await Membership.exists(user_id=user.id)
    assert (await client.get(page, headers=WARD)).status_code == 404
    actions = (
        await AuditEntry.filter(object_type="User").order_by("id").values_list("action", flat=True)
    )
    assert actions == [
        "role_grant",
        "role_grant",
        "role_revoke",
        "password_reset",
        "deactivate",
        "reactivate",
        "role_revoke",
        "role_revoke",
    ]
