"""The workspace's initiative screens refuse what the viewer may not do."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.initiatives.models import Initiative, InitiativeStatus
from schema.common import encode_global_id
from tests.admin.helpers import sign_in
from tests.citizens.test_initiative_pages import fields, post_form
from tests.factories import make_tree, make_viewer

REFORM = {"Host": "caicachhanhchinh.hanoi.gov.vn"}
WARD = {"Host": "hoankiem.thudo.gov.vn"}


async def test_only_handlers_reach_the_screens_and_only_allowed_steps_run(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("kiemduyet", {tree.site: [Role.EDITOR]})
    await make_viewer("phongvien.hk", {tree.ward: [Role.REPORTER]})
    await post_form(client, fields("w" * 32))
    initiative = await Initiative.get()
    gid = encode_global_id("Initiative", initiative.id)

    # A reporter of a ward has no initiative screens, and cannot open this one.
    await sign_in(client, "phongvien.hk")
    assert (await client.get("/quan-tri/sang-kien", headers=WARD)).status_code == 403
    other = await client.get(f"/quan-tri/sang-kien/{gid}", headers=WARD)
    assert other.status_code == 404
    client.cookies.clear()

    await sign_in(client, "kiemduyet")
    queue = await client.get("/quan-tri/sang-kien", headers=REFORM)
    assert queue.status_code == 200 and "Lắp thêm đèn chiếu sáng ngõ 12" in queue.text
    page = await client.get(f"/quan-tri/sang-kien/{gid}", headers=REFORM)
    assert "hoa.nguyen@example.vn" in page.text  # the moderator sees the contact
    step = f"/quan-tri/sang-kien/{gid}/buoc"
    # Answering is the unit's, not the moderator's: refused before any mutation.
    refused = await client.post(step, data={"buoc": "answer", "tra-loi": "x"}, headers=REFORM)
    assert refused.status_code == 400
    cross = await client.post(
        step,
        data={"buoc": "screen"},
        headers={**REFORM, "Origin": "https://evil.example"},
    )
    assert cross.status_code == 403
    empty = await client.post(step, data={"buoc": "reject", "ly-do": " "}, headers=REFORM)
    assert empty.status_code == 400 and "Xin điền mục này." in empty.text
    assert (await Initiative.get(id=initiative.id)).status == InitiativeStatus.RECEIVED
    routed = await client.post(
        step, data={"buoc": "assign", "don-vi": "hoankiem", "ghi-chu": ""}, headers=REFORM
    )
    assert routed.status_code == 303
    assert (await Initiative.get(id=initiative.id)).status == InitiativeStatus.ASSIGNED
