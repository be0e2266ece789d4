"""The mail delivery log of a portal (its admins)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import strawberry
from strawberry.types import Info

from hub.auth.permissions import Permission, can
from hub.mail.models import MailAttempt, MailMessage
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, paginate
from resolvers.tenants import require_tenant
from schema.common import BadUserInput, Connection
from schema.mail import MailDeliveryType


@strawberry.type
class MailQuery:
    @strawberry.field(description="Mails sent for a portal, newest first, with each try (admins).")
    async def mail_deliveries(
        self, info: Info, tenant: TenantSlugArg, first: PageSizeArg = 50, after: AfterArg = None
    ) -> Connection[MailDeliveryType]:
        owner = await require_tenant(info, tenant)
        if not can(info.context.scope.viewer, Permission.TENANT_MANAGE, owner.id):
            raise BadUserInput("the mail log is for the portal's admins", "FORBIDDEN")
        page = await paginate(MailMessage.filter(tenant_id=owner.id).order_by("-id"), first, after)
        await _attach_logs([edge.node for edge in page.edges])
        return page


async def _attach_logs(mails: list[Any]) -> None:
    """Every try of a page's mails in one query, hung on each row for `log`."""
    tries: defaultdict[int, list[MailAttempt]] = defaultdict(list)
    if mails:
        ids = [mail.id for mail in mails]
        for attempt in await MailAttempt.filter(mail_id__in=ids).order_by("id"):
            tries[attempt.mail_id].append(attempt)
    for mail in mails:
        mail.prefetched_log = tries[mail.id]
