"""Mails the newsroom and the gazette send to people, queued inside the step's transaction.

Each function is called by the service step it is about, inside that step's
transaction (hub/mail/queue.py): the mail exists if and only if the step
committed. Nobody without an address gets one.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hub.mail import queue_mail
from hub.mail.addresses import normalise_address
from hub.models import Article, User
from hub.models.gazette import GazetteSubmission
from tenants.models import Tenant
from tenants.scope import Scope

# Office hours and dates are Hà Nội's: show times as the reader lives them.
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _portal_name(tenant: Tenant, language: str) -> str:
    return (tenant.name_en or tenant.name) if language == "en" else tenant.name


def _usable(address: str) -> str | None:
    """The address a mail can go to, or None (none given, or one saved before addresses
    were checked: the step itself stands without its mail)."""
    try:
        return normalise_address(address) if address.strip() else None
    except ValueError:
        return None


def local_time(moment: datetime) -> str:
    """``dd/mm/yyyy HH:MM`` in Hà Nội."""
    return moment.astimezone(HANOI).strftime("%d/%m/%Y %H:%M")


async def mail_article_returned(scope: Scope, article: Article, reason: str) -> None:
    """Tell the article's writer it was returned, and why (if the writer has an address)."""
    if article.author_id is None:
        return
    writer = await User.get_or_none(id=article.author_id)
    if writer is None or not writer.is_active:
        return
    address = _usable(writer.email)
    if address is None:
        return
    reviewer = scope.viewer.username
    if scope.viewer.user_id is not None:
        row = await User.get_or_none(id=scope.viewer.user_id)
        reviewer = (row.full_name or row.username) if row else reviewer
    tenant = await Tenant.get(id=article.tenant_id)
    language = str(article.language)
    await queue_mail(
        "article_returned",
        to=address,
        language=language,
        context={
            "writer": writer.full_name or writer.username,
            "title": article.title,
            "portal": _portal_name(tenant, language),
            "reviewer": reviewer,
            "reason": reason,
        },
        purpose="article.returned",
        tenant_id=article.tenant_id,
        object_type="article",
        object_id=article.id,
    )


async def mail_submission_flagged(submission: GazetteSubmission) -> None:
    """Tell a gazette submission's issuer it was flagged, and why (if it left an address)."""
    address = _usable(submission.sender_email)
    if address is None:
        return
    tenant = await Tenant.get(id=submission.tenant_id)
    await queue_mail(
        "gazette_submission_flagged",
        to=address,
        context={
            "sender": submission.sender,
            "number": submission.number,
            "portal": tenant.name,
            "received_at": local_time(submission.received_at),
            "problem": submission.problem,
        },
        purpose="gazette.submission_flagged",
        tenant_id=submission.tenant_id,
        object_type="gazette_submission",
        object_id=submission.id,
    )
