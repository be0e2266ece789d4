"""A demo edition of the city's electronic Official Gazette, signed with a demo certificate."""

from __future__ import annotations

import asyncio
from datetime import date

from hub.models.documents import LegalDocument
from hub.seed.demo_pdf import build_pdf, make_identity, sign_pdf
from hub.services import gazette
from hub.services.media import media_upload
from tenants.models import Tenant
from tenants.scope import Scope

DEMO_SIGNER = "Văn phòng UBND Thành phố Hà Nội (chứng thư mẫu)"


async def seed_gazette(scope: Scope, city: Tenant, documents: dict[str, LegalDocument]) -> int:
    """Publish Công báo số 1 năm 2024 with the demo city decisions; returns editions made."""
    contents = [documents["qd20"], documents["kh139"]]
    pages = [["Công báo Thành phố Hà Nội số 1 năm 2024", "Mục lục"]]
    pages += [[doc.number, doc.title[:80]] for doc in contents]
    identity = await asyncio.to_thread(make_identity, DEMO_SIGNER, "Dữ liệu mẫu")
    signed = await asyncio.to_thread(sign_pdf, build_pdf(pages), identity)
    pdf = await media_upload(scope, city, "cong-bao-2024-so-1.pdf", signed)
    edition = await gazette.create_edition(scope, city, 2024, [1], date(2024, 5, 10))
    page = 2
    for doc in contents:
        await gazette.add_item(
            scope, edition.id, gazette.ItemFields(page, page, document_id=doc.id)
        )
        page += 1
    await gazette.attach_pdf(scope, edition.id, pdf.id)
    await gazette.publish_edition(scope, edition.id)
    return 1
