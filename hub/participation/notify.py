"""Mails to a requester, through the hub's one mail module (queued in the outbox).

Called inside the transaction that made the change, as the mail module asks,
so a rolled-back step sends nothing. A request without an e-mail address gets
no mail (the requester follows it with the tracking code).
"""

from __future__ import annotations

from hub.mail import queue_mail
from hub.participation.codes import format_code
from hub.participation.models import InfoRequest
from hub.working_days import local_date
from tenants.models import Tenant


async def request_mail(template: str, request: InfoRequest, tenant: Tenant | None) -> None:
    """Queue ``template`` (`inforequest_receipt`, `inforequest_answer`) to the requester."""
    if not request.email:
        return
    tenant = tenant or await Tenant.get(id=request.tenant_id)
    context = {
        "portal": tenant.name,
        "portal_en": tenant.name_en or tenant.name,
        "tracking_code": format_code(request.tracking_code),
        "received_on": local_date(request.received_at).strftime("%d/%m/%Y"),
        "due_on": local_date(request.due_at).strftime("%d/%m/%Y"),
        "state": request.state.value,
        "answer": request.answer,
    }
    await queue_mail(
        template,
        to=request.email,
        language="vi",
        context=context,
        purpose="inforequest",
        tenant_id=request.tenant_id,
        object_type="inforequest",
        object_id=request.id,
    )
