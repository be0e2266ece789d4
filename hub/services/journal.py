"""The one place that writes revisions and audit entries.

Services call :func:`record_revision` after every save of an article and
:func:`audit` for every workflow step and edit, inside the same transaction
as the change, so the trail can never disagree with the data.
"""

from __future__ import annotations

import difflib
from enum import Enum
from typing import Any

from hub.events.outbox import EventType, emit
from hub.models import Article, TenantOwned
from hub.models.newsroom import AuditEntry, Revision
from tenants.scope import Scope

# What a revision keeps: the fields an editor writes.
REVISED_FIELDS = (
    "title",
    "slug",
    "summary",
    "body",
    "category_id",
    "featured",
    "kind",
    "byline",
    "source_name",
    "source_url",
    "seo_title",
    "seo_description",
    "pinned",
)


# A revision whose note starts so is someone's working copy (autosaved, or a save
# refused because another person saved first): it never changed the article, so
# it is not the article's current revision.
AUTOSAVE_NOTE = "autosave"


def is_autosave(note: str) -> bool:
    return note.startswith(AUTOSAVE_NOTE)


async def current_revision_number(article_id: int) -> int:
    """The number of the revision the article now stands at (autosaves aside); 0 if none."""
    last = (
        await Revision.filter(article_id=article_id)
        .exclude(note__startswith=AUTOSAVE_NOTE)
        .order_by("-number")
        .first()
    )
    return last.number if last else 0


def snapshot(article: Article) -> dict[str, Any]:
    # Enum members are stored by value so the JSON reads plainly.
    return {name: _plain(getattr(article, name)) for name in REVISED_FIELDS}


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``{field: [before, after]}`` for every field that differs."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def _actor(scope: Scope) -> tuple[int | None, str]:
    return scope.viewer.user_id, scope.viewer.username or "system"


async def record_revision(scope: Scope, article: Article, note: str = "") -> Revision:
    """Store the article as it now stands as its next revision."""
    last = await Revision.filter(article_id=article.id).order_by("-number").first()
    actor_id, actor_name = _actor(scope)
    return await Revision.create(
        article_id=article.id,
        number=(last.number + 1) if last else 1,
        author_id=actor_id,
        author_name=actor_name,
        data=snapshot(article),
        note=note,
    )


async def audit(
    scope: Scope,
    item: TenantOwned,
    action: str,
    *,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log (articles, documents, gazette editions)."""
    actor_id, actor_name = _actor(scope)
    return await AuditEntry.create(
        tenant_id=item.tenant_id,
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        object_type=type(item).__name__,
        object_id=item.pk,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        changes=changes or {},
    )


async def audit_tenant(
    scope: Scope, tenant_id: int, action: str, changes: dict[str, Any]
) -> AuditEntry:
    """Append one entry about a portal itself (settings, hostnames, place in the tree)."""
    actor_id, actor_name = _actor(scope)
    return await AuditEntry.create(
        tenant_id=tenant_id,
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        object_type="Tenant",
        object_id=tenant_id,
        changes=changes,
    )


def diff_revisions(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    """``(field, unified diff)`` for every field that differs between two snapshots."""
    out = []
    for name in REVISED_FIELDS:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        lines = difflib.unified_diff(
            str(a if a is not None else "").splitlines(),
            str(b if b is not None else "").splitlines(),
            fromfile=f"{name} (old)",
            tofile=f"{name} (new)",
            lineterm="",
        )
        out.append((name, "\n".join(lines)))
    return out


# Workflow steps that change what the public sees, and the event each emits.
STEP_EVENTS = {
    "publish": EventType.ARTICLE_PUBLISHED,
    "unpublish": EventType.ARTICLE_UNPUBLISHED,
    "archive": EventType.ARTICLE_ARCHIVED,
}


async def announce(article: Article, event_type: EventType) -> None:
    """Emit an article event (inside the caller's transaction)."""
    await emit(
        event_type,
        tenant_id=article.tenant_id,
        object_type="Article",
        object_id=article.id,
        payload={
            "slug": article.slug,
            "language": _plain(article.language),
            "title": article.title,
            "status": _plain(article.status),
        },
    )
