"""Demo legal documents: the ones the Hanoi pilot plan cites, plus a few samples with statuses.

Numbers, issuers and dates of the documents the plan cites come from the plan
itself (`../shared/seed/`); where the plan gives no date, or for the sample
decisions that show validity statuses, the abstract says the data is
illustrative. Everything goes through the same services as the API.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hub.models.documents import LegalDocument, RelationKind
from hub.services.document_relations import relation_add
from hub.services.documents import DocumentFields, Signer, document_create, document_step
from tenants.models import Tenant
from tenants.scope import Scope

SAMPLE = "Dữ liệu mẫu phục vụ trình diễn."
CITY = "UBND Thành phố Hà Nội"

DOCUMENTS: list[dict[str, Any]] = [
    {
        "key": "nd42",
        "number": "42/2022/NĐ-CP",
        "doc_type": "nghi_dinh",
        "issuer_name": "Chính phủ",
        "title": "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan "
        "nhà nước trên môi trường mạng",
        "issued_on": date(2022, 6, 24),
        "subjects": ["Công nghệ thông tin"],
        "signers": [Signer("Người ký (dữ liệu mẫu)", "Thủ tướng Chính phủ")],
    },
    {
        "key": "tt22",
        "number": "22/2023/TT-BTTTT",
        "doc_type": "thong_tu",
        "issuer_name": "Bộ Thông tin và Truyền thông",
        "title": "Quy định yêu cầu về chức năng, tính năng kỹ thuật của cổng thông tin điện tử",
        "issued_on": date(2023, 12, 31),
        "subjects": ["Công nghệ thông tin"],
        "signers": [Signer("Người ký (dữ liệu mẫu)", "Bộ trưởng")],
        "illustrative_date": True,
    },
    {
        "key": "qd6745",
        "number": "6745/QĐ-UBND",
        "doc_type": "quyet_dinh",
        "issuer_name": CITY,
        "title": "Quyết định về hoạt động của Cổng Thông tin điện tử Thành phố",
        "issued_on": date(2023, 12, 31),
        "subjects": ["Công nghệ thông tin"],
    },
    {
        "key": "kh54",
        "number": "54/KH-UBND",
        "doc_type": "ke_hoach",
        "issuer_name": CITY,
        "title": "Kế hoạch chuyển đổi số của Thành phố năm 2024",
        "issued_on": date(2024, 2, 8),
        "subjects": ["Chuyển đổi số"],
    },
    {
        "key": "kh139",
        "number": "139/KH-UBND",
        "doc_type": "ke_hoach",
        "issuer_name": CITY,
        "title": "Triển khai hoạt động Cổng Thông tin điện tử Thành phố và các thành phần theo "
        "Nghị định số 42/2022/NĐ-CP",
        "issued_on": date(2024, 5, 6),
        "subjects": ["Công nghệ thông tin", "Cải cách hành chính"],
        "full_text": "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ; Thông tư "
        "số 22/2023/TT-BTTTT của Bộ Thông tin và Truyền thông; Quyết định số 6745/QĐ-UBND ngày "
        "31/12/2023 và Kế hoạch số 54/KH-UBND ngày 08/02/2024 của UBND Thành phố…",
    },
    {
        "key": "qd15",
        "number": "15/2020/QĐ-UBND",
        "doc_type": "quyet_dinh",
        "issuer_name": CITY,
        "title": "Quy chế quản lý, vận hành cổng thông tin điện tử của các cơ quan Thành phố",
        "issued_on": date(2020, 5, 4),
        "effective_from": date(2020, 5, 15),
        "subjects": ["Công nghệ thông tin"],
        "sample": True,
    },
    {
        "key": "qd20",
        "number": "20/2024/QĐ-UBND",
        "doc_type": "quyet_dinh",
        "issuer_name": CITY,
        "title": "Sửa đổi, bổ sung một số điều của Quy chế ban hành kèm theo Quyết định số "
        "15/2020/QĐ-UBND",
        "issued_on": date(2024, 3, 20),
        "effective_from": date(2024, 4, 1),
        "subjects": ["Công nghệ thông tin"],
        "sample": True,
    },
    {
        "key": "qd08",
        "number": "08/2019/QĐ-UBND",
        "doc_type": "quyet_dinh",
        "issuer_name": CITY,
        "title": "Quy định về thu thập, cập nhật tin bài trên cổng thông tin điện tử",
        "issued_on": date(2019, 3, 1),
        "effective_until": date(2024, 4, 1),
        "subjects": ["Công nghệ thông tin"],
        "sample": True,
    },
    {
        "key": "qd40",
        "number": "40/2026/QĐ-UBND",
        "doc_type": "quyet_dinh",
        "issuer_name": CITY,
        "title": "Quy định về chia sẻ dữ liệu mở của Thành phố",
        "issued_on": date(2026, 11, 20),
        "effective_from": date(2027, 1, 1),
        "subjects": ["Dữ liệu mở"],
        "sample": True,
    },
]

RELATIONS = [
    ("tt22", RelationKind.DETAILS, "nd42"),
    ("kh139", RelationKind.BASIS, "nd42"),
    ("kh139", RelationKind.BASIS, "tt22"),
    ("kh139", RelationKind.BASIS, "qd6745"),
    ("qd20", RelationKind.AMENDS, "qd15"),
]


async def seed_documents(scope: Scope, city: Tenant) -> dict[str, LegalDocument]:
    """Enter and publish the demo documents of the city, with their relations."""
    made = {}
    for spec in DOCUMENTS:
        spec = dict(spec)
        key = spec.pop("key")
        note = SAMPLE if spec.pop("sample", False) or spec.pop("illustrative_date", False) else ""
        spec.setdefault("signers", [Signer("Người ký (dữ liệu mẫu)", "Chủ tịch")])
        spec["abstract"] = f"{spec['title']}. {note}".strip()
        doc = await document_create(scope, city, DocumentFields(**spec))
        made[key] = await document_step(scope, doc.id, "publish")
    for source, kind, target in RELATIONS:
        await relation_add(scope, made[source].id, kind, target_id=made[target].id)
    return made
