"""GraphQL types of the newsroom's records: revisions, diffs and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from hub.models import newsroom as m
from hub.services.journal import is_autosave
from schema.common import Node


@strawberry.type(name="Revision", description="A saved state of an article's text.")
class RevisionType(Node):
    number: int = strawberry.field(description="1 for the first save, then 2, 3…")
    author_name: str = strawberry.field(description="Who saved it.")
    created_at: datetime = strawberry.field(description="When (UTC).")
    note: str = strawberry.field(description="Why, when the save was not a plain edit.")
    data: JSON = strawberry.field(description="The saved fields (title, slug, summary, body…).")
    author_id: strawberry.Private[int | None]

    @strawberry.field(
        description="True for a working copy (autosaved, or a save refused because someone "
        "saved first): it never changed the article."
    )
    def autosave(self) -> bool:
        return is_autosave(self.note)

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.Revision)


@strawberry.type(description="How one field differs between two revisions.")
class FieldDiff:
    field: str = strawberry.field(description="The field's name.")
    diff: str = strawberry.field(description="A unified diff, old to new, line by line.")


@strawberry.type(name="AuditEntry", description="One step in the append-only audit log.")
class AuditEntryType(Node):
    actor_name: str = strawberry.field(
        description="Who acted: a username, `scheduler` for timed steps, `system` for commands."
    )
    action: str = strawberry.field(
        description="On articles: create, edit, restore, submit, return, approve, publish, "
        "unpublish, archive, schedule or fork. On placements (a receiving portal's choices): "
        "accept, decline, hide, unhide, override, categorize, pin, unpin, cover, fork or relink."
    )
    object_type: str = strawberry.field(description="What kind of object was acted on.")
    object_id: int = strawberry.field(description="Its database id.")
    from_status: str = strawberry.field(description="Status before a workflow step.")
    to_status: str = strawberry.field(description="Status after a workflow step.")
    reason: str = strawberry.field(description="Reason given (required when returning).")
    changes: JSON = strawberry.field(description="Changed fields as {field: [before, after]}.")
    at: datetime = strawberry.field(description="When (UTC).")

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.AuditEntry)
