"""Workspace test helpers: staff of the test tree and signing them in."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from tests.factories import PASSWORD, Tree, make_category, make_viewer

HOST = {"Host": "thudo.gov.vn"}


async def make_staff(tree: Tree) -> None:
    """A reporter, an editor and an approver in each ward; a category per ward."""
    for tenant in (tree.ward, tree.other_ward):
        await make_category(tenant)
        for role in (Role.REPORTER, Role.EDITOR, Role.APPROVER):
            await make_viewer(f"{role.value}.{tenant.slug}", {tenant: [role]})


async def sign_in(client: httpx.AsyncClient, username: str) -> None:
    """Sign in through the real form; the client keeps the session cookie."""
    response = await client.post(
        "/dang-nhap", data={"username": username, "password": PASSWORD}, headers=HOST
    )
    assert response.status_code == 303, response.text
    assert "thudo_session" in client.cookies
