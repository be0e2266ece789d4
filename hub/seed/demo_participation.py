"""Demo participation content: consultations on drafts and the disclosure lists.

Called by :func:`hub.seed.demo.seed_demo` once the portals exist. Written through
the same services as the API, as the system; every text says it is sample data.
"""

from __future__ import annotations

from datetime import timedelta

from tortoise.timezone import now

from hub.participation.consultations import (
    CommentFields,
    ConsultationFields,
    comment_moderate,
    comment_submit,
    consultation_close,
    consultation_open,
    end_of,
)
from hub.participation.disclosures import DisclosureFields, disclosure_item_add
from hub.participation.models import CommentState
from hub.working_days import local_date
from tenants.models import Tenant
from tenants.scope import Scope

DRAFT_BODY = (
    "<p><strong>Dự thảo (dữ liệu mẫu)</strong></p>"
    "<h2>Chương I. Quy định chung</h2>"
    "<p><strong>Điều 1. Phạm vi điều chỉnh.</strong> Quy định này quy định việc quản lý, "
    "sử dụng tạm thời một phần hè phố ngoài mục đích giao thông trên địa bàn.</p>"
    "<p><strong>Điều 2. Đối tượng áp dụng.</strong> Tổ chức, hộ gia đình, cá nhân có liên "
    "quan đến việc quản lý, sử dụng hè phố.</p>"
    "<h2>Chương II. Sử dụng tạm thời hè phố</h2>"
    "<p><strong>Điều 3. Nguyên tắc.</strong> Phần hè phố dành cho người đi bộ rộng tối "
    "thiểu 1,5 m; không sử dụng hè phố tại các nút giao thông.</p>"
)
DISCLOSURES = [
    (
        "Văn bản quy phạm pháp luật và văn bản hành chính có giá trị áp dụng chung",
        "/van-ban/",
        "Đăng trên Cổng thông tin điện tử; đăng Công báo",
        "Chậm nhất 05 ngày làm việc kể từ ngày ban hành",
        "Thường xuyên, đến khi văn bản hết hiệu lực",
    ),
    (
        "Dự thảo văn bản quy phạm pháp luật lấy ý kiến nhân dân",
        "/gop-y-du-thao",
        "Đăng trên Cổng thông tin điện tử, kèm biểu mẫu góp ý",
        "Khi bắt đầu lấy ý kiến",
        "Trong suốt thời hạn lấy ý kiến và lưu sau khi kết thúc",
    ),
    (
        "Thủ tục hành chính, dịch vụ công trực tuyến",
        "https://dichvucong.gov.vn/",
        "Tích hợp từ Cổng Dịch vụ công quốc gia",
        "Ngay khi thủ tục được công bố",
        "Thường xuyên",
    ),
    (
        "Chức năng, nhiệm vụ, cơ cấu tổ chức; đầu mối tiếp nhận yêu cầu cung cấp thông tin",
        "/so-do-trang",
        "Đăng trên Cổng thông tin điện tử",
        "Chậm nhất 05 ngày làm việc kể từ ngày có thay đổi",
        "Thường xuyên",
    ),
    (
        "Kế hoạch công tác năm; dự toán và quyết toán ngân sách",
        "/van-ban/",
        "Đăng trên Cổng thông tin điện tử; niêm yết tại trụ sở",
        "Theo thời hạn do pháp luật về ngân sách nhà nước quy định",
        "Ít nhất 01 năm",
    ),
    (
        "Thông tin tuyển dụng công chức, viên chức",
        "/tin-tuc/",
        "Đăng trên Cổng thông tin điện tử; niêm yết tại trụ sở",
        "Khi có thông báo tuyển dụng",
        "Đến khi kết thúc kỳ tuyển dụng",
    ),
]


async def seed_participation(scope: Scope, tenants: dict[str, Tenant]) -> dict[str, int]:
    """One open and one closed consultation on the city portal, and disclosure lists.

    ``tenants`` maps slugs to the demo portals (``hanoi`` at least; a ward such as
    ``hoankiem`` gets a shorter list when it exists). Returns what was made.
    """
    city = tenants["hanoi"]
    today = local_date(now())
    contact = "Văn phòng UBND Thành phố, 024 3825 3536, vanphong@hanoi.gov.vn (dữ liệu mẫu)"
    current = await consultation_open(
        scope,
        city,
        ConsultationFields(
            title="Dự thảo Quy định quản lý, sử dụng tạm thời một phần hè phố (dữ liệu mẫu)",
            body=DRAFT_BODY,
            deadline=today + timedelta(days=30),
            contact=contact,
            files=[("Tờ trình kèm dự thảo", "/van-ban/")],
        ),
    )
    samples = [
        ("Trần Văn Nam", "Nên quy định rõ giờ được sử dụng hè phố vào buổi tối."),
        ("Lê Thị Hoa", "Đề nghị bổ sung lối đi cho người khuyết tật tại Điều 3."),
    ]
    for name, text in samples:
        comment = await comment_submit(city, current.id, CommentFields(name, text, True))
        await comment_moderate(scope, comment.id, CommentState.SHOWN)
    began = end_of(today - timedelta(days=60))
    earlier = await consultation_open(
        scope,
        city,
        ConsultationFields(
            title="Dự thảo Kế hoạch phát triển chợ đêm phố cổ (dữ liệu mẫu)",
            body="<p>Dự thảo kế hoạch (dữ liệu mẫu).</p>",
            deadline=today - timedelta(days=30),
            contact=contact,
        ),
        moment=began,
    )
    await consultation_close(
        scope,
        earlier.id,
        "<p>Đã nhận 12 ý kiến góp ý; 9 ý kiến đồng ý với dự thảo, 3 ý kiến đề nghị "
        "điều chỉnh thời gian hoạt động. Cơ quan soạn thảo đã tiếp thu (dữ liệu mẫu).</p>",
    )
    items = 0
    for slug, rows in (("hanoi", DISCLOSURES), ("hoankiem", DISCLOSURES[:4])):
        tenant = tenants.get(slug)
        if tenant is None:
            continue
        for position, (title, address, form, time, duration) in enumerate(rows, start=1):
            fields = DisclosureFields(title, address, form, time, duration, position)
            await disclosure_item_add(scope, tenant, fields)
            items += 1
    return {"consultations": 2, "disclosure_items": items}
