"""`thudo demo` gives every workspace role to try on every level of the tree."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.seed.demo import DEMO_PASSWORD, DEMO_STAFF_PORTALS, DEMO_STAFF_ROLES, seed_demo
from hub.seed.demo_data import TENANTS
from tests.admin.helpers import HOST


def test_the_demo_has_staff_of_every_role_in_a_city_ward_and_department() -> None:
    levels = {t["slug"]: t["level"] for t in TENANTS}
    assert {levels[slug] for slug in DEMO_STAFF_PORTALS} == {"city", "commune", "department"}
    assert {role for _, role, _ in DEMO_STAFF_ROLES} == {
        Role.REPORTER,
        Role.EDITOR,
        Role.APPROVER,
        Role.ADMIN,
    }
    names = {f"{prefix}.{slug}" for slug in DEMO_STAFF_PORTALS for prefix, _, _ in DEMO_STAFF_ROLES}
    # The accounts the README and the editors' guide name.
    assert {"bientap.hoankiem", "pheduyet.hanoi", "phongvien.hoankiem"} <= names


async def test_each_demo_staff_member_opens_their_portals_workspace(
    client: httpx.AsyncClient,
) -> None:
    await seed_demo(quiet=True)
    for slug in DEMO_STAFF_PORTALS:
        for prefix, _, title in DEMO_STAFF_ROLES:
            client.cookies.clear()
            signed_in = await client.post(
                f"/_t/{slug}/dang-nhap",
                data={"username": f"{prefix}.{slug}", "password": DEMO_PASSWORD},
                headers=HOST,
            )
            assert signed_in.headers["location"] == f"/_t/{slug}/quan-tri/"
            page = await client.get(f"/_t/{slug}/quan-tri/", headers=HOST)
            assert page.status_code == 200 and f"{title} – " in page.text
