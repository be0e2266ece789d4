"""A portal's staff through the API: who may list and change them, validation,
the audit trail, and that a deactivated user is out at once."""

from __future__ import annotations

from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.models import Membership, User
from hub.models.newsroom import AuditEntry
from hub.services.staff import staff_list
from hub.services.users import user_create
from tenants.scope import Scope
from tests.admin.helpers import make_staff, sign_in
from tests.conftest import SQLCounter
from tests.factories import PASSWORD, Tree, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

STAFF = """query($t: String!, $role: PortalRole) {
  staff(tenant: $t, role: $role) { username fullName email isActive roles manageable } }"""
OUTCOME = """... on StaffSuccess { member { username roles isActive manageable } temporaryPassword }
  ... on StaffError { code field message }"""
CREATE = f"""mutation($input: StaffCreateInput!) {{ staffCreate(input: $input) {{ {OUTCOME} }} }}"""
GRANT = f"""mutation($t: String!, $u: String!, $r: PortalRole!) {{
  roleGrant(tenant: $t, username: $u, role: $r) {{ {OUTCOME} }} }}"""
REVOKE = f"""mutation($t: String!, $u: String!, $r: PortalRole!) {{
  roleRevoke(tenant: $t, username: $u, role: $r) {{ {OUTCOME} }} }}"""
ACCOUNT = (
    """mutation($t: String!, $u: String!) {{ {name}(tenant: $t, username: $u) {{ {outcome} }} }}"""
)


def account(name: str) -> str:
    return ACCOUNT.format(name=name, outcome=OUTCOME)


async def setup(tree: Tree) -> dict[str, str]:
    """Staff of both wards, an admin of each, and a superuser; their API tokens."""
    await make_staff(tree)
    await make_viewer("quantri.hk", {tree.ward: [Role.ADMIN]})
    await make_viewer("quantri.hm", {tree.other_ward: [Role.ADMIN]})
    await user_create("vanhanh", PASSWORD, is_superuser=True)
    names = ("quantri.hk", "quantri.hm", "vanhanh", "editor.hoankiem")
    return {name: await token_for(name) for name in names}


async def run(client: httpx.AsyncClient, query: str, token: str, **variables: Any) -> Any:
    result = await gql(client, query, variables, token=token)
    assert "errors" not in result, result
    return next(iter(result["data"].values()))


async def test_only_a_portals_admins_and_superusers_see_its_staff(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await setup(tree)
    listed = await run(client, STAFF, tokens["quantri.hk"], t="hoankiem")
    assert [m["username"] for m in listed] == [
        "approver.hoankiem",
        "editor.hoankiem",
        "quantri.hk",
        "reporter.hoankiem",
    ]
    assert listed[0]["roles"] == ["APPROVER"] and listed[0]["manageable"] is True
    assert listed[2]["manageable"] is False  # oneself
    editors = await run(client, STAFF, tokens["quantri.hk"], t="hoankiem", role="EDITOR")
    assert [m["username"] for m in editors] == ["editor.hoankiem"]
    # Another ward's admin, an editor and an anonymous caller are refused, with no data.
    for token in (tokens["quantri.hm"], tokens["editor.hoankiem"], None):
        refused = await gql(client, STAFF, {"t": "hoankiem"}, token=token)
        assert refused["data"] is None
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    everyone = await run(client, STAFF, tokens["vanhanh"], t="hoangmai")
    assert "quantri.hm" in [m["username"] for m in everyone]
    # One member: another ward's user is null, as a missing one.
    one = "query($t: String!, $u: String!) { staffMember(tenant: $t, username: $u) { username } }"
    assert await run(client, one, tokens["quantri.hk"], t="hoankiem", u="editor.hoangmai") is None
    assert await run(client, one, tokens["quantri.hk"], t="hoankiem", u="editor.hoankiem") == {
        "username": "editor.hoankiem"
    }


async def test_create_gives_a_temporary_password_once_and_writes_the_audit_log(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await setup(tree)
    new = {
        "tenant": "hoankiem",
        "username": " PhongVien.Moi ",
        "fullName": "  Nguyễn   Thị Mới ",
        "email": "moi@Phuong.HoanKiem.Gov.VN",
        "roles": ["REPORTER", "EDITOR"],
    }
    created = await run(client, CREATE, tokens["quantri.hk"], input=new)
    member, password = created["member"], created["temporaryPassword"]
    assert member == {
        "username": "phongvien.moi",
        "roles": ["REPORTER", "EDITOR"],
        "isActive": True,
        "manageable": True,
    }
    assert len(password) == 19 and password.count("-") == 3
    user = await User.get(username="phongvien.moi")
    assert user.full_name == "Nguyễn Thị Mới" and user.email == "moi@phuong.hoankiem.gov.vn"
    assert user.password_hash.startswith("$argon2id$") and password not in user.password_hash
    entry = await AuditEntry.get(object_type="User", object_id=user.id)
    assert (entry.tenant_id, entry.action, entry.actor_name) == (
        tree.ward.id,
        "staff_create",
        "quantri.hk",
    )
    assert entry.changes["roles"] == [[], ["reporter", "editor"]]
    # The password works at the sign-in form.
    signed_in = await client.post(
        "/dang-nhap",
        data={"username": "phongvien.moi", "password": password},
        headers={"Host": "thudo.gov.vn"},
    )
    assert signed_in.status_code == 303
    # Nothing of the kind is readable afterwards: the type has no password field.
    fields = await gql(client, '{ __type(name: "StaffMember") { fields { name } } }')
    names = {f["name"] for f in fields["data"]["__type"]["fields"]}
    assert not any("password" in name.lower() for name in names)


async def test_validation_errors_name_the_field(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    tokens = await setup(tree)
    good = {"tenant": "hoankiem", "username": "moi", "fullName": "Người Mới", "roles": ["EDITOR"]}
    cases = [
        ({"username": "nguyễn"}, "INVALID_INPUT", "username"),
        ({"username": ".cham"}, "INVALID_INPUT", "username"),
        ({"username": "editor.hoangmai"}, "DUPLICATE_USERNAME", "username"),
        ({"fullName": "   "}, "INVALID_INPUT", "fullName"),
        ({"email": "không@mail.vn"}, "INVALID_INPUT", "email"),
        ({"email": "a@b"}, "INVALID_INPUT", "email"),
        ({"roles": []}, "INVALID_INPUT", "roles"),
    ]
    for change, code, field in cases:
        result = await run(client, CREATE, tokens["quantri.hk"], input={**good, **change})
        assert (result["code"], result["field"]) == (code, field), change
    # Another ward, an editor: refused before anything is checked or written.
    elsewhere = await run(client, CREATE, tokens["quantri.hm"], input=good)
    assert elsewhere["code"] == "FORBIDDEN"
    editor = await run(client, CREATE, tokens["editor.hoankiem"], input=good)
    assert editor["code"] == "FORBIDDEN"
    assert not await User.exists(username="moi")
    assert not await AuditEntry.exists(object_type="User")


async def test_grants_stay_in_the_admins_portal_and_shared_accounts_are_protected(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await setup(tree)
    admin = tokens["quantri.hk"]
    # A ward admin cannot grant in another ward, nor can an editor in their own.
    other = await run(client, GRANT, admin, t="hoangmai", u="reporter.hoankiem", r="EDITOR")
    assert other["code"] == "FORBIDDEN"
    by_editor = await run(
        client, GRANT, tokens["editor.hoankiem"], t="hoankiem", u="reporter.hoankiem", r="ADMIN"
    )
    assert by_editor["code"] == "FORBIDDEN"
    assert await run(client, GRANT, admin, t="hoankiem", u="nobody", r="EDITOR") == {
        "code": "NOT_FOUND",
        "field": "username",
        "message": "no such user",
    }
    # Granting in one's own portal to someone of another ward is allowed …
    granted = await run(client, GRANT, admin, t="hoankiem", u="editor.hoangmai", r="REPORTER")
    assert granted["member"]["roles"] == ["REPORTER"]
    assert granted["member"]["manageable"] is False
    # … but their account is shared with a ward this admin does not manage.
    for name in ("staffPasswordReset", "staffDeactivate"):
        refused = await run(client, account(name), admin, t="hoankiem", u="editor.hoangmai")
        assert refused["code"] == "FORBIDDEN", name
    assert (await User.get(username="editor.hoangmai")).is_active
    # The superuser may.
    reset = await run(
        client, account("staffPasswordReset"), tokens["vanhanh"], t="hoankiem", u="editor.hoangmai"
    )
    assert reset["temporaryPassword"]
    # A grant held already changes nothing; a revoke takes the role away again.
    again = await run(client, GRANT, admin, t="hoankiem", u="editor.hoangmai", r="REPORTER")
    assert again["member"]["roles"] == ["REPORTER"]
    revoked = await run(client, REVOKE, admin, t="hoankiem", u="editor.hoangmai", r="REPORTER")
    assert revoked["member"]["roles"] == []
    gone = await gql(client, STAFF, {"t": "hoankiem"}, token=admin)
    assert "editor.hoangmai" not in [m["username"] for m in gone["data"]["staff"]]
    actions = (
        await AuditEntry.filter(object_type="User")
        .order_by("id")
        .values_list("tenant_id", "action", "actor_name")
    )
    assert actions == [
        (tree.ward.id, "role_grant", "quantri.hk"),
        (tree.ward.id, "password_reset", "vanhanh"),  # filed in both wards
        (tree.other_ward.id, "password_reset", "vanhanh"),
        (tree.ward.id, "role_revoke", "quantri.hk"),
    ]
    # Nobody locks themselves out: not one's own admin role, not one's own account.
    self_revoke = await run(client, REVOKE, admin, t="hoankiem", u="quantri.hk", r="ADMIN")
    assert (self_revoke["code"], self_revoke["field"]) == ("SELF_CHANGE", "role")
    self_off = await run(client, account("staffDeactivate"), admin, t="hoankiem", u="quantri.hk")
    assert self_off["code"] == "SELF_CHANGE"
    # Superusers are operators: no portal admin resets or deactivates one.
    await run(client, GRANT, admin, t="hoankiem", u="vanhanh", r="REPORTER")
    boss = await run(client, account("staffDeactivate"), admin, t="hoankiem", u="vanhanh")
    assert boss["code"] == "FORBIDDEN"


async def test_a_deactivated_user_is_out_at_once_and_can_come_back(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    tokens = await setup(tree)
    reporter_token = await token_for("reporter.hoankiem")
    viewer = "{ viewer { username } }"
    await sign_in(client, "reporter.hoankiem")  # an open browser session
    assert (await gql(client, viewer))["data"]["viewer"] == {"username": "reporter.hoankiem"}

    admin = tokens["quantri.hk"]
    off = await run(client, account("staffDeactivate"), admin, t="hoankiem", u="reporter.hoankiem")
    assert off["member"]["isActive"] is False
    # The open session and the API token stop working; signing in again is refused.
    assert (await gql(client, viewer))["data"]["viewer"] is None
    assert (await gql(client, viewer, token=reporter_token))["data"]["viewer"] is None
    client.cookies.clear()
    refused = await client.post(
        "/dang-nhap",
        data={"username": "reporter.hoankiem", "password": PASSWORD},
        headers={"Host": "thudo.gov.vn"},
    )
    assert refused.status_code == 401
    listed = await run(client, STAFF, admin, t="hoankiem")
    assert {m["username"]: m["isActive"] for m in listed}["reporter.hoankiem"] is False

    on = await run(client, account("staffReactivate"), admin, t="hoankiem", u="reporter.hoankiem")
    assert on["member"]["isActive"] is True
    await sign_in(client, "reporter.hoankiem")
    assert (await gql(client, viewer))["data"]["viewer"] == {"username": "reporter.hoankiem"}
    actions = (
        await AuditEntry.filter(object_type="User").order_by("id").values_list("action", "changes")
    )
    assert actions == [
        ("deactivate", {"username": "reporter.hoankiem", "is_active": [True, False]}),
        ("reactivate", {"username": "reporter.hoankiem", "is_active": [False, True]}),
    ]


async def test_a_password_reset_ends_the_users_sessions(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    tokens = await setup(tree)
    await sign_in(client, "editor.hoankiem")
    viewer = "{ viewer { username } }"
    assert (await gql(client, viewer))["data"]["viewer"] is not None
    reset = await run(
        client,
        account("staffPasswordReset"),
        tokens["quantri.hk"],
        t="hoankiem",
        u="editor.hoankiem",
    )
    assert (await gql(client, viewer))["data"]["viewer"] is None
    client.cookies.clear()
    old = await client.post(
        "/dang-nhap",
        data={"username": "editor.hoankiem", "password": PASSWORD},
        headers={"Host": "thudo.gov.vn"},
    )
    assert old.status_code == 401
    new = await client.post(
        "/dang-nhap",
        data={"username": "editor.hoankiem", "password": reset["temporaryPassword"]},
        headers={"Host": "thudo.gov.vn"},
    )
    assert new.status_code == 303


async def test_the_staff_list_costs_a_fixed_number_of_statements(count_sql: SQLCounter) -> None:
    tree = await make_tree()
    admin = await make_viewer("quantri.hk", {tree.ward: [Role.ADMIN]})
    scope = Scope(viewer=admin)
    counts = []
    for n in (2, 8):
        while await Membership.filter(tenant_id=tree.ward.id).count() < n:
            number = await User.all().count()
            await make_viewer(f"nv{number}", {tree.ward: [Role.REPORTER], tree.city: [Role.EDITOR]})
        count_sql.statements.clear()
        members = await staff_list(scope, tree.ward)
        assert len(members) == n
        counts.append(len(count_sql.statements))
    # The portal's memberships, their users, every role those users hold.
    assert counts == [3, 3], count_sql.statements
