"""The editorial workflow: which step moves an article from which status, and who may take it.

    draft ─submit→ submitted ─approve→ approved ─publish→ published ─unpublish→ unpublished
      ↑               │ return (reason)    │ return          │ archive            │ submit/publish
      └── returned ←──┴────────────────────┘                 ↓                    ↓
                                                           archived ←───────────────

Every step checks its permission (hub/auth/permissions.py), moves the status,
and appends an audit entry in the same transaction. Admins (WORKFLOW_BYPASS)
may publish without the review steps; the audit log records that they did.

Separation of duties (REGULATIONS statement 25): approving, publishing and
scheduling a publication need a second person. Whoever wrote the article or
made its latest (non-autosave) revision is refused with ``SELF_APPROVAL``,
superusers and admins included, unless the portal's
``Tenant.self_approval_allowed`` says it is a one-person unit. The scheduler
re-checks at publication time (:func:`schedule_refused`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.timezone import now
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, can
from hub.models import Article, ContentStatus
from hub.models.newsroom import AuditEntry, Revision
from hub.services.articles import ArticleErrorCode, load_article, require_step
from hub.services.errors import ServiceError
from hub.services.journal import AUTOSAVE_NOTE, STEP_EVENTS, announce, audit
from hub.services.mail_notices import mail_article_returned
from tenants.models import Tenant
from tenants.scope import Scope

S = ContentStatus
MAX_REASON = 2_000


@dataclass(frozen=True)
class Step:
    """One workflow step: the statuses it starts from, where it leads, who may take it."""

    name: str
    sources: frozenset[ContentStatus]
    target: ContentStatus
    permission: Permission
    needs_reason: bool = False


STEPS = {
    step.name: step
    for step in (
        Step(
            "submit",
            frozenset({S.DRAFT, S.RETURNED, S.UNPUBLISHED}),
            S.SUBMITTED,
            Permission.ARTICLE_SUBMIT,
        ),
        Step(
            "return",
            frozenset({S.SUBMITTED, S.APPROVED}),
            S.RETURNED,
            Permission.ARTICLE_REVIEW,
            needs_reason=True,
        ),
        Step("approve", frozenset({S.SUBMITTED}), S.APPROVED, Permission.ARTICLE_APPROVE),
        Step(
            "publish",
            frozenset({S.APPROVED, S.UNPUBLISHED}),
            S.PUBLISHED,
            Permission.ARTICLE_PUBLISH,
        ),
        Step("unpublish", frozenset({S.PUBLISHED}), S.UNPUBLISHED, Permission.ARTICLE_PUBLISH),
        Step(
            "archive",
            frozenset({S.DRAFT, S.RETURNED, S.PUBLISHED, S.UNPUBLISHED}),
            S.ARCHIVED,
            Permission.ARTICLE_ARCHIVE,
        ),
    )
}


# Steps that need someone other than the article's writer and last editor.
NEEDS_SECOND_PERSON = frozenset({"approve", "publish"})


async def last_editor_id(article_id: int) -> int | None:
    """The author of the article's latest revision that is not an autosave.

    An autosave is someone's working copy, not a change to the article, so it
    does not make its author the "last editor".
    """
    row = (
        await Revision.filter(article_id=article_id)
        .exclude(note__startswith=AUTOSAVE_NOTE)
        .order_by("-number")
        .first()
        .values_list("author_id", flat=True)
    )
    return row  # type: ignore[return-value]


async def self_approval_refused(article: Article, user_id: int | None) -> bool:
    """Whether ``user_id`` wrote or last edited ``article`` in a portal that forbids it."""
    if user_id is None:
        return False  # system actors (importers, seeding) are nobody's second pair of eyes
    if user_id != article.author_id and user_id != await last_editor_id(article.id):
        return False
    allowed = (
        await Tenant.filter(id=article.tenant_id)
        .first()
        .values_list("self_approval_allowed", flat=True)
    )
    return not allowed


async def require_second_person(scope: Scope, article: Article, name: str) -> None:
    """Refuse with ``SELF_APPROVAL`` when the viewer may not ``name`` their own article."""
    if await self_approval_refused(article, scope.viewer.user_id):
        raise ServiceError(
            ArticleErrorCode.SELF_APPROVAL,
            f"you wrote or last edited this article: another person must {name} it "
            "(this portal does not allow self-approval)",
        )


async def scheduled_by(article_id: int) -> int | None:
    """Who set the article's current schedule (the latest ``schedule`` audit entry)."""
    row = (
        await AuditEntry.filter(object_type="Article", object_id=article_id, action="schedule")
        .order_by("-id")
        .first()
        .values_list("actor_id", flat=True)
    )
    return row  # type: ignore[return-value]


async def schedule_refused(article: Article) -> bool:
    """Whether a due publication was started by someone who has since become its editor."""
    return await self_approval_refused(article, await scheduled_by(article.id))


def utc(moment: datetime | None) -> datetime | None:
    """Times are stored in UTC: SQLite compares them as text, so offsets must not vary."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ServiceError(ArticleErrorCode.INVALID_INPUT, "times need a time zone (e.g. Z)")
    return moment.astimezone(UTC)


async def take_step(
    scope: Scope,
    article_id: int,
    name: str,
    *,
    reason: str = "",
    published_at: datetime | None = None,
) -> Article:
    """Move an article one workflow step; the single entry point for status changes."""
    step = STEPS[name]
    article = await load_article(scope, article_id)
    require_step(scope, step.permission, article)
    sources = step.sources
    if name == "publish" and can(scope.viewer, Permission.WORKFLOW_BYPASS, article.tenant_id):
        sources = sources | {S.DRAFT, S.SUBMITTED, S.RETURNED}
    if article.status not in sources:
        raise ServiceError(
            ArticleErrorCode.INVALID_TRANSITION,
            f"cannot {name} an article that is {article.status}",
        )
    if name in NEEDS_SECOND_PERSON:
        await require_second_person(scope, article, name)
    reason = " ".join(reason.split())
    if step.needs_reason and not reason:
        raise ServiceError(ArticleErrorCode.INVALID_INPUT, "a reason is required", "reason")
    if len(reason) > MAX_REASON:
        raise ServiceError(ArticleErrorCode.INVALID_INPUT, "reason is too long", "reason")
    moment = now()
    if published_at is not None and published_at > moment:
        raise ServiceError(ArticleErrorCode.INVALID_INPUT, "publication time is in the future")
    before = article.status
    article.status = step.target
    if step.target == S.PUBLISHED:
        # The first publication time is kept; importers may pass the original one.
        article.published_at = article.published_at or utc(published_at) or moment
    # A schedule belongs to the state it was made for: leaving "approved" drops the
    # publish time, leaving "published" drops the end time.
    if before == S.APPROVED:
        article.publish_at = None
    if before == S.PUBLISHED:
        article.unpublish_at = None
    async with in_transaction():
        await article.save(
            update_fields=["status", "published_at", "publish_at", "unpublish_at", "updated_at"]
        )
        await audit(scope, article, name, from_status=before, to_status=step.target, reason=reason)
        event = STEP_EVENTS.get(name)
        if event is not None and (name == "publish" or before == S.PUBLISHED):
            await announce(article, event)
        if name == "return":
            await mail_article_returned(scope, article, reason)
    return article


async def article_schedule(
    scope: Scope,
    article_id: int,
    publish_at: datetime | None,
    unpublish_at: datetime | None,
) -> Article:
    """Set when an approved article goes live and/or when a live one comes down."""
    article = await load_article(scope, article_id)
    require_step(scope, Permission.ARTICLE_PUBLISH, article)
    moment = now()
    publish_at, unpublish_at = utc(publish_at), utc(unpublish_at)
    if publish_at is not None:
        if article.status != S.APPROVED:
            raise ServiceError(
                ArticleErrorCode.INVALID_TRANSITION, "only an approved article can be scheduled"
            )
        await require_second_person(scope, article, "publish")
        if publish_at <= moment:
            raise ServiceError(ArticleErrorCode.INVALID_INPUT, "publish time is past", "publishAt")
    if unpublish_at is not None:
        start = publish_at or article.published_at or moment
        if unpublish_at <= max(start, moment):
            raise ServiceError(
                ArticleErrorCode.INVALID_INPUT,
                "unpublish time must follow publication",
                "unpublishAt",
            )
    article.publish_at = publish_at
    article.unpublish_at = unpublish_at
    async with in_transaction():
        await article.save(update_fields=["publish_at", "unpublish_at", "updated_at"])
        await audit(
            scope,
            article,
            "schedule",
            changes={
                "publish_at": [None, publish_at.isoformat() if publish_at else None],
                "unpublish_at": [None, unpublish_at.isoformat() if unpublish_at else None],
            },
        )
    return article


# Who moves an article forward from each waiting status (a queue, not every allowed step).
WAITING_ON = {
    S.RETURNED: (Permission.ARTICLE_SUBMIT,),
    S.SUBMITTED: (Permission.ARTICLE_REVIEW, Permission.ARTICLE_APPROVE),
    S.APPROVED: (Permission.ARTICLE_PUBLISH,),
}


def waiting_for(scope: Scope, tenant_id: int) -> set[ContentStatus]:
    """Statuses in which an article waits for a step this viewer takes next."""
    return {
        status
        for status, permissions in WAITING_ON.items()
        if any(can(scope.viewer, p, tenant_id) for p in permissions)
    }
