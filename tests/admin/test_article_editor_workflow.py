"""The article form's side panel: schedule in Hanoi time, unpublish, archive, preview."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from hub.models import Article, ContentStatus
from hub.services.articles import ArticleChanges, article_update
from hub.services.workflow import take_step
from tests.admin.helpers import HOST, make_staff, sign_in
from tests.admin.test_workspace import WARD, global_id
from tests.factories import SYSTEM_SCOPE, make_article, make_tree


async def test_an_approver_schedules_in_hanoi_time_and_bad_times_are_explained(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    article = await make_article(tree.ward, "Lễ hội cuối năm", published=False)
    await take_step(SYSTEM_SCOPE, article.id, "submit")
    await take_step(SYSTEM_SCOPE, article.id, "approve")
    url = f"{WARD}/bai-viet/{global_id(article)}"
    await sign_in(client, "approver.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    assert 'action="/_t/hoankiem/quan-tri/bai-viet/' in page and "/lich-dang" in page
    assert "Lịch đăng (giờ Hà Nội)" in page

    bad = await client.post(
        f"{url}/lich-dang", data={"ngay-dang": "31/02/2099", "gio-dang": "08:30"}, headers=HOST
    )
    assert bad.status_code == 400
    assert "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 24/12/2026." in bad.text
    assert 'value="31/02/2099"' in bad.text and 'href="#ngay-dang"' in bad.text
    bad_time = await client.post(
        f"{url}/lich-dang", data={"ngay-dang": "24/12/2099", "gio-dang": "25:00"}, headers=HOST
    )
    assert bad_time.status_code == 400 and "Nhập giờ theo dạng HH:MM" in bad_time.text
    past = await client.post(
        f"{url}/lich-dang", data={"ngay-dang": "01/01/2020", "gio-dang": "08:00"}, headers=HOST
    )
    assert past.status_code == 400 and "Thời điểm đăng phải ở tương lai." in past.text
    assert (await Article.unscoped().get(id=article.id)).publish_at is None

    done = await client.post(
        f"{url}/lich-dang", data={"ngay-dang": "24/12/2099", "gio-dang": "08:30"}, headers=HOST
    )
    assert done.status_code == 303
    stored = await Article.unscoped().get(id=article.id)
    assert stored.publish_at == datetime(2099, 12, 24, 1, 30, tzinfo=UTC)  # 08:30 in Hà Nội
    page = (await client.get(done.headers["location"], headers=HOST)).text
    assert "Đã lưu lịch đăng." in page
    assert "24/12/2099 08:30" in page and 'value="24/12/2099"' in page


async def test_buttons_follow_role_and_status_and_the_preview_opens_the_portal_page(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    live = await make_article(tree.ward, "Tin đang đăng")
    draft = await make_article(tree.ward, "Bản nháp xem trước", published=False)
    await sign_in(client, "reporter.hoankiem")
    reporter_page = (await client.get(f"{WARD}/bai-viet/{global_id(draft)}", headers=HOST)).text
    assert 'data-step="archive"' not in reporter_page and "/lich-dang" not in reporter_page
    refused = await client.post(
        f"{WARD}/bai-viet/{global_id(draft)}/buoc", data={"buoc": "archive"}, headers=HOST
    )
    assert refused.status_code == 400
    preview = await client.post(f"{WARD}/bai-viet/{global_id(draft)}/xem-truoc", headers=HOST)
    assert preview.status_code == 303
    location = preview.headers["location"]
    assert location.startswith("/_t/hoankiem/xem-truoc/")
    shown = await client.get(location, headers=HOST)
    assert shown.status_code == 200 and "Bản nháp xem trước" in shown.text

    client.cookies.clear()
    await sign_in(client, "approver.hoankiem")
    url = f"{WARD}/bai-viet/{global_id(live)}"
    page = (await client.get(url, headers=HOST)).text
    assert 'data-step="unpublish"' in page and 'data-step="archive"' in page
    assert "Lên lịch gỡ" in page or "Gỡ khỏi trang vào" in page
    down = await client.post(f"{url}/buoc", data={"buoc": "unpublish"}, headers=HOST)
    assert down.status_code == 303
    assert (
        "Đã gỡ khỏi trang công khai."
        in (await client.get(down.headers["location"], headers=HOST)).text
    )
    assert (await Article.unscoped().get(id=live.id)).status == ContentStatus.UNPUBLISHED
    archived = await client.post(f"{url}/buoc", data={"buoc": "archive"}, headers=HOST)
    assert archived.status_code == 303
    assert (await Article.unscoped().get(id=live.id)).status == ContentStatus.ARCHIVED


async def test_another_wards_article_is_404_for_schedule_and_preview(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    secret = await make_article(tree.other_ward, "Nháp bí mật Hoàng Mai", published=False)
    public = await make_article(tree.other_ward, "Tin công khai Hoàng Mai")
    await sign_in(client, "approver.hoankiem")
    for article in (secret, public):
        for path, data in (
            ("lich-dang", {"ngay-go": "24/12/2099", "gio-go": "08:30"}),
            ("xem-truoc", {}),
        ):
            response = await client.post(
                f"{WARD}/bai-viet/{global_id(article)}/{path}", data=data, headers=HOST
            )
            assert response.status_code == 404, path
            assert "Hoàng Mai" not in response.text
    assert (await Article.unscoped().get(id=public.id)).unpublish_at is None


async def test_the_english_translation_is_started_from_its_source_and_marked_stale(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_staff(tree)
    source = await make_article(tree.ward, "Lịch tiếp dân", published=False)
    url = f"{WARD}/bai-viet/{global_id(source)}"
    await sign_in(client, "reporter.hoankiem")
    page = (await client.get(url, headers=HOST)).text
    assert "Bắt đầu bản dịch tiếng Anh" in page
    started = await client.post(f"{url}/ban-dich", headers=HOST)
    assert started.status_code == 303
    translation = await Article.unscoped().get(translation_of_id=source.id)
    assert translation.language == "en" and translation.title == "Lịch tiếp dân"
    page = (await client.get(started.headers["location"], headers=HOST)).text
    assert "Đã tạo bản nháp tiếng Anh." in page and "Bản dịch của:" in page
    assert "đã thay đổi sau lần sửa bản dịch" not in page
    again = await client.post(f"{url}/ban-dich", headers=HOST)
    assert again.status_code == 403  # one translation per language
    # The source changes afterwards: the translation is marked stale on both forms.
    await article_update(SYSTEM_SCOPE, source.id, ArticleChanges(summary="Đổi giờ tiếp dân"))
    page = (await client.get(started.headers["location"], headers=HOST)).text
    assert "Nội dung bài gốc đã thay đổi sau lần sửa bản dịch này gần nhất" in page
    source_page = (await client.get(url, headers=HOST)).text
    assert "đã cũ" in source_page and "Bắt đầu bản dịch tiếng Anh" not in source_page
