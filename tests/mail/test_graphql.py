"""The delivery log in GraphQL: a portal's admins only, newest first, each try listed."""

from __future__ import annotations

from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.mail import queue_mail
from hub.mail.sender import send_due
from hub.mail.transports import FolderTransport
from hub.services.users import user_create
from hub.settings import Settings
from tests.factories import PASSWORD, make_tree
from tests.graphql.helpers import gql, token_for

LOG = """
query Log($tenant: String!, $after: String) {
  mailDeliveries(tenant: $tenant, first: 1, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { to subject purpose objectType objectId state attempts messageId sentAt
                   log { outcome reply } } }
  }
}
"""
CONTEXT = {"writer": "Hằng", "title": "Tết", "portal": "Hà Nội", "reviewer": "Đức"} | {
    "reason": "Thiếu ảnh."
}


def error_codes(result: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


async def test_the_delivery_log_is_for_the_portals_admins(
    client: httpx.AsyncClient, settings: Settings, tmp_path: Any
) -> None:
    tree = await make_tree()
    await user_create("quantri", PASSWORD, roles={tree.city: [Role.ADMIN]})
    await user_create("bientap", PASSWORD, roles={tree.city: [Role.EDITOR]})
    await user_create("phuong", PASSWORD, roles={tree.ward: [Role.ADMIN]})
    for i, tenant in enumerate((tree.city, tree.city, tree.ward)):
        await queue_mail(
            "article_returned",
            to=f"nguoi{i}@hanoi.gov.vn",
            context=CONTEXT,
            purpose="article.returned",
            tenant_id=tenant.id,
            object_type="article",
            object_id=100 + i,
        )
    await send_due(FolderTransport(tmp_path), settings=settings)

    admin = await token_for("quantri")
    first = await gql(client, LOG, {"tenant": "hanoi"}, token=admin)
    log = first["data"]["mailDeliveries"]
    assert log["totalCount"] == 2 and log["pageInfo"]["hasNextPage"]
    node = log["edges"][0]["node"]
    assert node["to"] == "nguoi1@hanoi.gov.vn"  # newest first; admins see contacts
    assert (node["purpose"], node["objectType"], node["objectId"]) == (
        "article.returned",
        "article",
        101,
    )
    assert (node["state"], node["attempts"], node["subject"]) == (
        "SENT",
        1,
        "Bài viết được trả lại: Tết",
    )
    assert node["sentAt"] and node["messageId"].startswith("<")
    assert [entry["outcome"] for entry in node["log"]] == ["sent"]
    after = log["pageInfo"]["endCursor"]
    second = await gql(client, LOG, {"tenant": "hanoi", "after": after}, token=admin)
    assert second["data"]["mailDeliveries"]["edges"][0]["node"]["to"] == "nguoi0@hanoi.gov.vn"

    # Anyone else: refused, whatever else they may do.
    for token in (None, await token_for("bientap"), await token_for("phuong")):
        refused = await gql(client, LOG, {"tenant": "hanoi"}, token=token)
        assert error_codes(refused) == ["FORBIDDEN"] and refused["data"] is None
    ward = await gql(client, LOG, {"tenant": "hoankiem"}, token=await token_for("phuong"))
    assert [e["node"]["to"] for e in ward["data"]["mailDeliveries"]["edges"]] == [
        "nguoi2@hanoi.gov.vn"
    ]
