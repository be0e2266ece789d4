"""Every importer kind on the same old-portal export: content, idempotency, resume, dry run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from hub.models import Article, ArticleMedia, Category, ContentStatus, MediaRole
from hub.models.imports import ImportRecord
from importers import core
from tenants.hierarchy import create_tenant
from tenants.models import Tenant, TenantHost, TenantLevel
from tests.factories import make_category
from tests.importers.conftest import Importer, articles, counts
from tests.importers.export import ARTICLES, ITEMS, OLD_HOST, PUBLISHED, write_export

KINDS = ["jsonl", "csv", "rss", "atom", "wxr"]


@pytest.mark.parametrize("kind", KINDS)
async def test_an_export_becomes_published_articles(
    kind: str, tmp_path: Path, portal: Tenant, do_import: Importer
) -> None:
    report = await do_import(kind, write_export(kind, tmp_path), portal)

    assert report.counts["created"] == PUBLISHED
    assert "failed" not in report.counts, report.items
    reasons = {o.reason for o in report.items if o.action == "skipped"}
    assert "duplicate of an earlier item of this export" in reasons
    if kind not in ("rss", "atom"):  # feeds carry no drafts
        assert "not published on the old portal" in reasons
    assert report.legacy_text == {"tcvn3": 1, "vni": 1}
    rows = {a.title: a for a in await Article.unscoped().filter(tenant_id=portal.id)}
    assert all(a.status == ContentStatus.PUBLISHED for a in rows.values())

    # Legacy text converted, to NFC.
    tcvn3 = rows["Hà Nội tổ chức hội nghị tổng kết công tác cải cách hành chính"]
    assert "UBND phường Hoàn Kiếm đã tổ chức" in tcvn3.body
    assert "Phường Hoàn Kiếm ra quân làm sạch đường phố" in rows

    # The original date, section (mapped, or created), byline and tags are kept.
    first = rows["Ra quân dọn vệ sinh phố cổ"]
    assert first.published_at is not None
    assert first.published_at.isoformat() == "2015-03-01T01:30:00+00:00"
    section = await Category.unscoped().get(id=first.category_id)
    assert section.slug == "tin-tuc"
    notice = rows["Lịch tiếp công dân tháng 6"]
    created = await Category.unscoped().get(id=notice.category_id)
    assert (created.slug, created.name) == ("thong-bao", "Thông báo")
    assert first.byline == "Nguyễn Văn An"

    # Broken HTML cleaned by the one sanitiser; the table stays.
    assert "style=" not in first.body and "<script" not in first.body
    assert "<table>" in first.body and "<td>120</td>" in first.body

    # The picture went through the media service; the PDF became an attachment.
    assert 'src="/media/' in first.body and "/uploads/" not in first.body
    media = await ArticleMedia.filter(article_id=first.id).prefetch_related("asset")
    roles = {(m.role, m.asset.kind) for m in media}
    assert (MediaRole.ATTACHMENT, "document") in roles
    if kind == "wxr":  # the featured image, with the alt text WordPress kept for it
        cover = next(m.asset for m in media if m.role == MediaRole.COVER)
        assert cover.alt_text == "Người dân ra quân dọn vệ sinh"

    # Links between old articles point at the new pages, whichever came first.
    vni = rows["Phường Hoàn Kiếm ra quân làm sạch đường phố"]
    assert f'href="/tin-tuc/{first.slug}"' in vni.body
    assert f'href="/tin-tuc/{tcvn3.slug}"' in first.body
    assert not await ImportRecord.filter(tenant_id=portal.id, links_pending=True).exists()


@pytest.mark.parametrize("kind", KINDS)
async def test_a_second_run_changes_nothing(
    kind: str, tmp_path: Path, portal: Tenant, do_import: Importer
) -> None:
    path = write_export(kind, tmp_path)
    await do_import(kind, path, portal)
    before, content = await counts(portal), await articles(portal)

    again = await do_import(kind, path, portal)

    assert set(again.counts) == {"skipped"}
    assert await counts(portal) == before
    assert await articles(portal) == content


async def _second_portal() -> Tenant:
    other = await create_tenant(slug="hoankiem-2", name="Bản sao", level=TenantLevel.COMMUNE)
    await make_category(other, "tin-tuc")
    return other


class Crash(BaseException):
    """The import process dying half way (like Ctrl-C: not an item's failure)."""


@pytest.mark.parametrize("where", ["between items", "inside an item"])
@pytest.mark.parametrize("kind", ["jsonl", "wxr"])
async def test_a_run_killed_half_way_resumes_to_the_same_end(
    kind: str,
    where: str,
    tmp_path: Path,
    portal: Tenant,
    do_import: Importer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_export(kind, tmp_path)
    clean = await _second_portal()
    await do_import(kind, path, clean)

    if where == "between items":
        done: list[str] = []

        def die_after_two(outcome: core.Outcome) -> None:
            done.append(outcome.external_id)
            if len(done) == 2:
                raise Crash

        with pytest.raises(Crash):
            await do_import(kind, path, portal, on_item=die_after_two)
    else:
        real = core.write_article
        calls = 0

        async def die_in_third(*args: object, **kw: object) -> object:
            nonlocal calls
            calls += 1
            written = await real(*args, **kw)  # type: ignore[arg-type]
            if calls == 3:
                raise Crash  # after the article is written, before its transaction commits
            return written

        monkeypatch.setattr(core, "write_article", die_in_third)
        with pytest.raises(Crash):
            await do_import(kind, path, portal)
        monkeypatch.undo()
        assert await Article.unscoped().filter(tenant_id=portal.id).count() == 2
    assert await Article.unscoped().filter(tenant_id=portal.id).count() < PUBLISHED

    resumed = await do_import(kind, path, portal)

    assert resumed.counts["created"] == PUBLISHED - 2
    assert await articles(portal) == await articles(clean)
    assert await counts(portal) == await counts(clean)


@pytest.mark.parametrize("kind", ["csv", "wxr"])
async def test_an_edited_item_updates_and_a_new_one_is_created(
    kind: str, tmp_path: Path, portal: Tenant, do_import: Importer
) -> None:
    await do_import(kind, write_export(kind, tmp_path), portal)
    before = await counts(portal)
    edited = [dict(a) for a in ITEMS]
    edited[0]["title"] = "Ra quân dọn vệ sinh phố cổ (cập nhật)"
    edited[0]["body"] += "<p>Đã bổ sung số liệu.</p>"
    new = dict(ARTICLES[4], id="107", title="Thông báo mới", url=f"http://{OLD_HOST}/moi.html")
    new["slug"] = "thong-bao-moi"
    edited.append(new)

    report = await do_import(kind, write_export(kind, tmp_path / "v2", edited), portal)

    assert report.counts == {"updated": 1, "created": 1, "skipped": len(ITEMS) - 1}
    after = await counts(portal)
    assert after["articles"] == before["articles"] + 1
    assert after["records"] == before["records"] + 1
    updated = await Article.unscoped().get(tenant_id=portal.id, slug="ra-quan-don-ve-sinh")
    assert updated.title.endswith("(cập nhật)") and "Đã bổ sung số liệu." in updated.body
    assert updated.published_at is not None and updated.published_at.year == 2015


@pytest.mark.parametrize("kind", ["jsonl", "wxr"])
async def test_a_dry_run_writes_nothing(
    kind: str, tmp_path: Path, portal: Tenant, do_import: Importer
) -> None:
    before = await counts(portal)

    report = await do_import(kind, write_export(kind, tmp_path), portal, dry_run=True)

    assert report.dry_run and report.counts["created"] == PUBLISHED
    assert "Thông báo → /thong-bao/" in report.sections_created
    assert await counts(portal) == before


async def test_old_hosts_resolve_to_their_portal(portal: Tenant) -> None:
    assert await TenantHost.filter(hostname=OLD_HOST, tenant_id=portal.id).exists()


async def test_a_refused_item_fails_alone_and_leaves_nothing(
    tmp_path: Path, portal: Tenant, do_import: Importer
) -> None:
    future = dict(ARTICLES[0], id="900", title="Bài từ tương lai", slug="tuong-lai")
    future.update(published_at="2099-01-01T00:00:00+07:00", categories=["Chuyên mục mới"])
    future["url"] = f"http://{OLD_HOST}/tuong-lai.html"

    report = await do_import("jsonl", write_export("jsonl", tmp_path, [future, *ITEMS]), portal)

    failed = [o for o in report.items if o.action == "failed"]
    assert [(o.external_id, o.reason) for o in failed] == [
        ("900", "INVALID_INPUT: publication time is in the future")
    ]
    assert report.counts["created"] == PUBLISHED
    # The section made for it and its bookkeeping were rolled back with it.
    assert not await Category.unscoped().filter(tenant_id=portal.id, slug="chuyen-muc-moi").exists()
    assert not await ImportRecord.filter(tenant_id=portal.id, external_id="900").exists()


async def test_since_picks_up_only_recent_items_and_links_wait_for_the_full_run(
    tmp_path: Path, portal: Tenant, do_import: Importer
) -> None:
    path = write_export("jsonl", tmp_path)
    since = datetime(2015, 5, 1, tzinfo=UTC)

    recent = await do_import("jsonl", path, portal, since=since)

    assert recent.counts["created"] == 2  # May and June; the June item twice in the file
    assert {o.reason for o in recent.items if o.action == "skipped"} >= {
        "not changed since --since"
    }
    # The May article links the March one, not imported yet: its link waits.
    assert await ImportRecord.filter(tenant_id=portal.id, links_pending=True).count() == 1

    full = await do_import("jsonl", path, portal)

    # Rewritten later: the May article's link, and the March one's to April (later in the file).
    assert full.counts["created"] == PUBLISHED - 2 and full.links_rewritten_later == 2
    assert not await ImportRecord.filter(tenant_id=portal.id, links_pending=True).exists()
    may = await Article.unscoped().get(tenant_id=portal.id, title__startswith="Phường Hoàn Kiếm")
    assert 'href="/tin-tuc/ra-quan-don-ve-sinh"' in may.body


async def test_a_section_the_map_names_must_exist(
    tmp_path: Path, portal: Tenant, do_import: Importer
) -> None:
    await Category.unscoped().filter(tenant_id=portal.id, slug="tin-tuc").delete()
    path = write_export("jsonl", tmp_path)

    for dry_run in (True, False):
        report = await do_import("jsonl", path, portal, dry_run=dry_run)
        failed = {o.reason for o in report.items if o.action == "failed"}
        assert failed == {"INVALID_CATEGORY: the map names no section 'tin-tuc'"}
        assert report.counts["failed"] == 2  # the two items of "Tin hoạt động"
