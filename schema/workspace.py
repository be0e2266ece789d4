"""Types of the editors' workspace: who is signed in, where, and the article queues."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from schema.common import load_now
from schema.tenants import TenantType


@strawberry.enum(
    description="A list of articles the workspace's dashboard shows one portal's staff."
)
class ArticleQueue(Enum):
    MY_DRAFTS = strawberry.enum_value("my_drafts", description="Drafts the viewer wrote.")
    RETURNED_TO_ME = strawberry.enum_value(
        "returned_to_me",
        description="The viewer's articles sent back for changes (see `Article.returnReason`).",
    )
    TO_REVIEW = strawberry.enum_value(
        "to_review",
        description="Submitted articles waiting for review or approval (editors, approvers).",
    )
    TO_PUBLISH = strawberry.enum_value(
        "to_publish", description="Approved articles with no schedule yet (approvers)."
    )
    SCHEDULED = strawberry.enum_value(
        "scheduled", description="Approved articles that go live at their `publishAt`."
    )
    RECENTLY_PUBLISHED = strawberry.enum_value(
        "recently_published", description="Published articles, newest publication first."
    )


@strawberry.type(description="The viewer's roles in one portal.")
class Membership:
    tenant_id: strawberry.Private[int]
    roles: list[str] = strawberry.field(
        description="Role names: `reporter`, `editor`, `approver`, `admin`."
    )
    permissions: list[str] = strawberry.field(
        description="What those roles allow there (e.g. `article_review`), sorted."
    )

    @strawberry.field(description="The portal.")
    def tenant(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.tenant_id)  # type: ignore[no-any-return]


@strawberry.type(name="Viewer", description="The signed-in user, as the workspace shows them.")
class ViewerType:
    username: str = strawberry.field(description="The sign-in name.")
    full_name: str = strawberry.field(description="The display name (may be empty).")
    is_superuser: bool = strawberry.field(
        description="May do everything in every portal (operators)."
    )
    memberships: list[Membership] = strawberry.field(
        description="The portals where the user holds roles, in portal-name order."
    )
