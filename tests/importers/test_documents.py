"""Legal documents from an old legal-document database's CSV export."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from hub.events.models import Event
from hub.models.documents import (
    DocumentAttachment,
    DocumentRelation,
    DocumentSigner,
    LegalDocument,
)
from hub.models.imports import ImportRecord
from importers.config import load_config
from importers.core import Report
from importers.documents import read_documents, run_document_import
from tenants.models import Tenant
from tests.importers.export import MAP, OLD_HOST

COLUMNS = ["ma", "so_ky_hieu", "loai", "co_quan", "trich_yeu", "ngay_ban_hanh"]
COLUMNS += ["hieu_luc_tu", "nguoi_ky", "linh_vuc", "quan_he", "tep", "dia_chi_cu", "tinh_trang"]
DOCUMENT_MAP = """
[columns]
id = "ma"
number = "so_ky_hieu"
doc_type = "loai"
issuer = "co_quan"
title = "trich_yeu"
issued_on = "ngay_ban_hanh"
effective_from = "hieu_luc_tu"
signers = "nguoi_ky"
subjects = "linh_vuc"
relations = "quan_he"
files = "tep"
url = "dia_chi_cu"
validity = "tinh_trang"
"""
ISSUER = "UBND phường Hoàn Kiếm"
ROWS: list[dict[str, str]] = [
    {
        "ma": "12",
        "so_ky_hieu": "12/2020/QĐ-UBND",
        "loai": "Quyết định",
        "co_quan": ISSUER,
        "trich_yeu": "Quy định quản lý vỉa hè trên địa bàn phường",
        "ngay_ban_hanh": "15/03/2020",
        "hieu_luc_tu": "01/04/2020",
        "nguoi_ky": "Nguyễn Văn An (Chủ tịch)",
        "linh_vuc": "Giao thông|Đô thị",
        "quan_he": "căn cứ: 80/2015/QH13",
        "tep": "/uploads/2015/03/ke-hoach.pdf",
        "dia_chi_cu": f"http://{OLD_HOST}/van-ban/chi-tiet.aspx?id=12",
        "tinh_trang": "",
    },
    {
        # Amends 12/2020 (imported just before); its title is in TCVN3.
        "ma": "30",
        "so_ky_hieu": "30/2022/QĐ-UBND",
        "loai": "Quyết định",
        "co_quan": ISSUER,
        "trich_yeu": "Söa ®æi, bæ sung Quy ®Þnh qu¶n lý vØa hÌ",
        "ngay_ban_hanh": "2022-06-01",
        "hieu_luc_tu": "2022-07-01",
        "nguoi_ky": "Trần Thị Bình (Phó Chủ tịch)",
        "linh_vuc": "Đô thị",
        "quan_he": "sửa đổi, bổ sung: 12/2020/QĐ-UBND",
        "tep": "",
        "dia_chi_cu": f"http://{OLD_HOST}/van-ban/chi-tiet.aspx?id=30",
        "tinh_trang": "",
    },
    {
        # Replaces 05/2018, which comes later in the file: the relation waits by number.
        "ma": "41",
        "so_ky_hieu": "41/2023/KH-UBND",
        "loai": "Kế hoạch",
        "co_quan": ISSUER,
        "trich_yeu": "Kế hoạch cải cách hành chính năm 2023",
        "ngay_ban_hanh": "10/01/2023",
        "hieu_luc_tu": "",
        "nguoi_ky": "Nguyễn Văn An (Chủ tịch)",
        "linh_vuc": "Cải cách hành chính",
        "quan_he": "thay thế: 05/2018/KH-UBND",
        "tep": "",
        "dia_chi_cu": "",
        "tinh_trang": "",
    },
    {
        "ma": "5",
        "so_ky_hieu": "05/2018/KH-UBND",
        "loai": "Kế hoạch",
        "co_quan": ISSUER,
        "trich_yeu": "Kế hoạch cải cách hành chính năm 2018",
        "ngay_ban_hanh": "05/01/2018",
        "hieu_luc_tu": "",
        "nguoi_ky": "Lê Văn Cường",
        "linh_vuc": "Cải cách hành chính",
        "quan_he": "",
        "tep": "",
        "dia_chi_cu": "",
        "tinh_trang": "Không còn phù hợp",
    },
]


def write_documents(root: Path, rows: list[dict[str, str]] = ROWS) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    map_text = MAP.split("[columns]")[0].replace('"hoankiem-cu"', '"vbpl-hoankiem"')
    (root / "map.toml").write_text(map_text + DOCUMENT_MAP, encoding="utf-8")
    path = root / "van-ban.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


async def run(path: Path, tenant: Tenant, files: Path, **kw: Any) -> Report:
    config = load_config(path.parent / "map.toml")
    items, legacy = read_documents(path, config)
    report = await run_document_import(items, tenant, config, roots=[files], **kw)
    report.legacy_text = dict(legacy)
    return report


async def state(tenant: Tenant) -> dict[str, Any]:
    docs = LegalDocument.unscoped().filter(tenant_id=tenant.id)
    return {
        "documents": await docs.order_by("number").values_list("number", "title", "status"),
        "relations": await DocumentRelation.filter(source__tenant_id=tenant.id)
        .order_by("target_number")
        .values_list("kind", "target_number", "target_id"),
        "files": await DocumentAttachment.filter(document__tenant_id=tenant.id).count(),
        "events": await Event.filter(tenant_id=tenant.id).count(),
        "records": await ImportRecord.filter(tenant_id=tenant.id).count(),
    }


async def test_documents_with_relations_files_and_legacy_text(
    tmp_path: Path, portal: Tenant, files: Path
) -> None:
    report = await run(write_documents(tmp_path), portal, files)

    assert report.counts == {"created": 4}, report.items
    assert report.legacy_text == {"tcvn3": 1}
    docs = {d.number: d for d in await LegalDocument.unscoped().filter(tenant_id=portal.id)}
    assert docs["30/2022/QĐ-UBND"].title == "Sửa đổi, bổ sung Quy định quản lý vỉa hè"
    assert all(d.status == "published" for d in docs.values())
    first = docs["12/2020/QĐ-UBND"]
    signers = await DocumentSigner.filter(document_id=first.id).values_list("name", "job_title")
    assert signers == [("Nguyễn Văn An", "Chủ tịch")]
    assert await DocumentAttachment.filter(document_id=first.id).count() == 1
    relations = {
        (r.kind, r.target_number): r.target_id
        for r in await DocumentRelation.filter(source__tenant_id=portal.id)
    }
    assert relations[("amends", "12/2020/QĐ-UBND")] == first.id
    assert relations[("replaces", "05/2018/KH-UBND")] == docs["05/2018/KH-UBND"].id  # linked late
    assert relations[("basis", "80/2015/QH13")] is None  # not held: waits by number
    assert docs["05/2018/KH-UBND"].validity_override == "no_longer_applicable"


async def test_a_second_run_changes_nothing_and_an_edit_updates(
    tmp_path: Path, portal: Tenant, files: Path
) -> None:
    path = write_documents(tmp_path)
    await run(path, portal, files)
    before = await state(portal)

    again = await run(path, portal, files)

    assert again.counts == {"skipped": 4}
    assert await state(portal) == before
    edited = [dict(r) for r in ROWS]
    edited[0]["trich_yeu"] = "Quy định quản lý, sử dụng vỉa hè trên địa bàn phường"
    report = await run(write_documents(tmp_path / "v2", edited), portal, files)
    assert report.counts == {"updated": 1, "skipped": 3}
    assert await LegalDocument.unscoped().filter(title__startswith="Quy định quản lý, sử").exists()
    assert (await state(portal))["records"] == before["records"]


async def test_a_dry_run_writes_nothing(tmp_path: Path, portal: Tenant, files: Path) -> None:
    before = await state(portal)
    report = await run(write_documents(tmp_path), portal, files, dry_run=True)
    assert report.counts == {"created": 4}
    assert await state(portal) == before


@pytest.mark.parametrize("old", ["/van-ban/chi-tiet.aspx?id=12", "/VAN-BAN/Chi-Tiet.aspx?ID=12"])
async def test_an_old_document_address_answers_301(
    old: str, tmp_path: Path, portal: Tenant, files: Path, client: httpx.AsyncClient
) -> None:
    await run(write_documents(tmp_path), portal, files)
    response = await client.get(old, headers={"Host": OLD_HOST})
    if "ID=" in old:
        assert response.status_code == 404  # query names are case-sensitive on the old portal
        return
    assert response.status_code == 301
    target = urlsplit(response.headers["location"])
    assert target.path.startswith("/van-ban/")
    page = await client.get(target.path, headers={"Host": target.hostname or ""})
    assert page.status_code == 200 and "12/2020/QĐ-UBND" in page.text
