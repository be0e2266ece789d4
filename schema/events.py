"""GraphQL types of the event stream."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON


@strawberry.type(description="A change the public can see, from the transactional outbox.")
class ContentEvent:
    cursor: str = strawberry.field(
        description="Position in the stream; pass it as `after` to resume after this event."
    )
    type: str = strawberry.field(
        description="`article.published`, `article.updated`, `article.unpublished`, "
        "`article.archived`…"
    )
    tenant: str = strawberry.field(description="Slug of the portal the change belongs to.")
    object_type: str = strawberry.field(description="What changed (`Article`, …).")
    object_id: strawberry.ID = strawberry.field(description="Global ID of what changed.")
    payload: JSON = strawberry.field(description="A summary of the change (slug, title…).")
    created_at: datetime = strawberry.field(description="When it was committed (UTC).")
