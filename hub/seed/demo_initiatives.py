"""Demo initiatives on the reform site: one at each stage, through the real services.

Contact data is invented (``@example.vn`` addresses, which no mail can reach).
The demo's moderator, ``kiemduyet.caicachhanhchinh``, is made with the other
demo staff in :mod:`hub.seed.demo`.
"""

from __future__ import annotations

from datetime import timedelta

from tortoise.timezone import now

from hub.initiatives import moderation
from hub.initiatives.submission import InitiativeDraft, submit_initiative
from tenants.models import Tenant
from tenants.scope import Scope

# (title, field, text, unit it concerns, how far it went, its answer)
INITIATIVES = (
    (
        "Cho phép nộp hồ sơ cấp đổi giấy phép lái xe qua ứng dụng vào cuối tuần",
        "thu-tuc-hanh-chinh",
        "Nhiều người lao động chỉ rảnh vào thứ Bảy, Chủ nhật.\n\nĐề nghị bố trí cán bộ "
        "tiếp nhận và xử lý hồ sơ nộp trực tuyến cả vào cuối tuần để rút ngắn thời gian chờ.",
        "hoankiem",
        "published",
        "<p>UBND phường Hoàn Kiếm tiếp thu ý kiến. Từ tháng 01/2027, bộ phận một cửa của "
        "phường tiếp nhận hồ sơ trực tuyến và trả kết quả vào sáng thứ Bảy hằng tuần.</p>",
    ),
    (
        "Lắp thêm đèn chiếu sáng tại ngõ 12 phố Hàng Bông",
        "do-thi-xay-dung",
        "Ngõ 12 phố Hàng Bông tối, người dân và khách du lịch đi lại khó khăn, nhất là người "
        "cao tuổi. Đề nghị phường lắp thêm hai cột đèn chiếu sáng.",
        "hoankiem",
        "assigned",
        "",
    ),
    (
        "Thêm điểm thu gom pin và rác thải điện tử ở các phường",
        "moi-truong",
        "Người dân không biết bỏ pin cũ ở đâu. Đề nghị mỗi phường có ít nhất một điểm thu "
        "gom pin và rác thải điện tử, công bố địa chỉ trên cổng thông tin.",
        "hoangmai",
        "received",
        "",
    ),
)


async def seed_initiatives(scope: Scope, tenants: dict[str, Tenant]) -> int:
    """Send, route, answer and publish the demo initiatives; returns how many."""
    reform = tenants["caicachhanhchinh"]
    for number, (title, topic, text, unit, stage, answer) in enumerate(INITIATIVES, 1):
        done = await submit_initiative(
            reform,
            InitiativeDraft(
                title=title,
                content=text,
                topic=topic,
                contact_name=f"Người dân mẫu {number}",
                contact_email=f"nguoidan{number}@example.vn",
                consent=True,
                place_tenant_id=tenants[unit].id,
            ),
            idempotency_key=f"demo-initiative-{number:04d}",
            sender_address=f"192.0.2.{number}",
            received_at=now() - timedelta(days=20 - 5 * number),
        )
        initiative = done.initiative
        if stage == "received":
            continue
        await moderation.screen(scope, initiative.id)
        await moderation.assign(scope, initiative.id, tenants[unit], "Đề nghị đơn vị trả lời")
        if stage == "published":
            await moderation.answer(scope, initiative.id, answer)
            await moderation.publish(scope, initiative.id)
    return len(INITIATIVES)
