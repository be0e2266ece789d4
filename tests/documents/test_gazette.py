"""The electronic Official Gazette: numbering, immutability, corrections, VBHN, signatures, intake."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from hub.app import create_app
from hub.auth.permissions import Role
from hub.events.models import Event
from hub.models import MediaAsset
from hub.models.base import ContentStatus
from hub.models.documents import DocumentRelation, LegalDocument, RelationKind
from hub.models.gazette import (
    EditionStatus,
    GazetteEdition,
    GazetteItem,
    GazetteNumber,
    GazetteSubmission,
)
from hub.models.newsroom import AuditEntry
from hub.services import gazette
from hub.services.errors import ServiceError
from hub.services.media import media_upload
from hub.settings import Settings
from schema.common import encode_global_id
from tenants.models import Tenant
from tenants.scope import Scope
from tests.conftest import SQLCounter
from tests.documents.pdf_fixtures import (
    append_content_update,
    build_docx,
    build_pdf,
    docx_document,
    gazette_identity,
    sign_pdf,
    tamper_signed_content,
)
from tests.factories import SYSTEM_SCOPE, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

E = gazette.GazetteErrorCode
ERROR = "... on GazetteError { code message field }"
EDITION_RESULT = (
    "__typename ... on GazetteEditionSuccess { edition { id label numbers status } } " + ERROR
)
ITEM_RESULT = "__typename ... on GazetteItemSuccess { item { id position permalink } } " + ERROR
SUBMISSION_RESULT = (
    "__typename ... on GazetteSubmissionSuccess { submission { id status sender receivedAt "
    "problem flaggedAt } } " + ERROR
)
CREATE = (
    "mutation($t: String!, $y: Int!, $n: [Int!]!, $d: Date!) { gazetteEditionCreate(input: "
    "{tenant: $t, year: $y, numbers: $n, publishedOn: $d}) { %s } }" % EDITION_RESULT
)
EDITION = """query($t: String!, $y: Int!, $n: Int!) { gazetteEdition(tenant: $t, year: $y, number: $n) {
  id label numbers year publishedOn status path
  pdf { url size sha256 fileName } signature { signer signedAt valid problem }
  items { id position issuer issuedOn title pageFrom pageTo permalink
    document { number title } edition { label } }
} }"""


def gid(row: Any) -> str:
    return encode_global_id(type(row).__name__, row.pk)


async def make_document(
    tenant: Tenant,
    number: str,
    *,
    title: str = "",
    issued_on: date = date(2026, 3, 2),
    consolidated: bool = False,
    full_text: str = "Điều 1. Nội dung văn bản.",
    published: bool = True,
) -> LegalDocument:
    """A legal document row, written directly (the documents service is not under test here)."""
    return await LegalDocument.create(
        tenant_id=tenant.id,
        slug=number.lower().replace("/", "-").replace("đ", "d"),
        number=number,
        number_key=number.lower(),
        doc_type="nghi_quyet",
        normative=True,
        consolidated=consolidated,
        issuer_name="HĐND Thành phố Hà Nội",
        title=title or f"Nghị quyết {number}",
        full_text=full_text,
        issued_on=issued_on,
        issued_year=issued_on.year,
        status=ContentStatus.PUBLISHED if published else ContentStatus.DRAFT,
    )


async def upload_pdf(tenant: Tenant, data: bytes, name: str = "cong-bao.pdf") -> MediaAsset:
    return await media_upload(SYSTEM_SCOPE, tenant, name, data)


async def signed_pdf() -> bytes:
    """A gazette PDF signed by the Hà Nội People's Committee Office.

    pyHanko signs on its own event loop, so it runs in a worker thread here.
    """
    return await asyncio.to_thread(sign_pdf, build_pdf(), gazette_identity())


async def ready_edition(
    tenant: Tenant,
    year: int,
    numbers: list[int],
    documents: list[LegalDocument] = (),  # type: ignore[assignment]
    *,
    pdf: bytes | None = None,
    published_on: date | None = None,
) -> GazetteEdition:
    """A draft edition with a PDF and one item per document (or one plain item)."""
    edition = await gazette.create_edition(
        SYSTEM_SCOPE, tenant, year, numbers, published_on or date(year, 6, 1)
    )
    page = 1
    for document in documents:
        await gazette.add_item(
            SYSTEM_SCOPE,
            edition.id,
            gazette.ItemFields(page_from=page, page_to=page + 1, document_id=document.id),
        )
        page += 2
    if not documents:
        await gazette.add_item(
            SYSTEM_SCOPE,
            edition.id,
            gazette.ItemFields(
                page_from=1,
                page_to=3,
                title="Quyết định về việc ban hành quy chế",
                issuer_name="UBND Thành phố Hà Nội",
                issued_on=date(year, 5, 20),
            ),
        )
    asset = await upload_pdf(tenant, pdf if pdf is not None else await signed_pdf())
    return await gazette.attach_pdf(SYSTEM_SCOPE, edition.id, asset.id)


async def refused(call: Any, code: gazette.GazetteErrorCode) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        await call
    assert caught.value.code == code, caught.value.message
    return caught.value


# --- numbering --------------------------------------------------------------------------------


async def test_number_one_twice_in_a_year_is_refused_and_next_year_accepted(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    first = await gazette.create_edition(SYSTEM_SCOPE, tree.city, 2025, [1], date(2025, 1, 3))
    assert (first.label, first.status) == ("1", EditionStatus.DRAFT)

    error = await refused(
        gazette.create_edition(SYSTEM_SCOPE, tree.city, 2025, [1], date(2025, 1, 5)),
        E.DUPLICATE_NUMBER,
    )
    assert "number 1 of 2025" in error.message
    # The database itself refuses it too (the service's check is for the message).
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        await GazetteNumber.create(tenant_id=tree.city.id, year=2025, number=1, edition=first)

    await make_viewer("congbao", {tree.city: [Role.EDITOR]})
    token = await token_for("congbao")
    again = await gql(
        client, CREATE, {"t": "hanoi", "y": 2025, "n": [1], "d": "2025-01-06"}, token=token
    )
    assert again["data"]["gazetteEditionCreate"]["code"] == "DUPLICATE_NUMBER"
    assert again["data"]["gazetteEditionCreate"]["field"] == "numbers"

    next_year = await gql(
        client, CREATE, {"t": "hanoi", "y": 2026, "n": [1], "d": "2026-01-02"}, token=token
    )
    created = next_year["data"]["gazetteEditionCreate"]
    assert created["__typename"] == "GazetteEditionSuccess"
    assert created["edition"]["numbers"] == [1]
    # Two editors racing for the same number: the database's unique key decides.
    outcomes = await asyncio.gather(
        *(
            gazette.create_edition(SYSTEM_SCOPE, tree.city, 2025, [2], date(2025, 1, 9))
            for _ in range(2)
        ),
        return_exceptions=True,
    )
    failures = [o for o in outcomes if isinstance(o, ServiceError)]
    assert len(failures) == 1 and failures[0].code == E.DUPLICATE_NUMBER, outcomes
    assert await GazetteNumber.filter(tenant_id=tree.city.id, year=2025, number=2).count() == 1
    # Another portal's gazette has its own numbering.
    ward = await gazette.create_edition(SYSTEM_SCOPE, tree.ward, 2025, [1], date(2025, 2, 1))
    assert ward.label == "1"
    assert await GazetteEdition.filter(tenant_id=tree.city.id).count() == 3


async def test_combined_edition_takes_each_of_its_numbers(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    combined = await gazette.create_edition(
        SYSTEM_SCOPE, tree.city, 2026, [60, 59], date(2026, 4, 10)
    )
    assert combined.label == "59 + 60"
    assert gazette.numbers_of(combined) == [59, 60]
    for taken in ([59], [60], [60, 61]):
        await refused(
            gazette.create_edition(SYSTEM_SCOPE, tree.city, 2026, taken, date(2026, 4, 11)),
            E.DUPLICATE_NUMBER,
        )
    await gazette.create_edition(SYSTEM_SCOPE, tree.city, 2026, [61], date(2026, 4, 12))

    # Renumbering a draft frees its old numbers and takes the new ones.
    await refused(
        gazette.update_edition(SYSTEM_SCOPE, combined.id, numbers=[61, 62]), E.DUPLICATE_NUMBER
    )
    await gazette.update_edition(SYSTEM_SCOPE, combined.id, numbers=[58, 59, 60])
    assert sorted(
        await GazetteNumber.filter(edition_id=combined.id).values_list("number", flat=True)
    ) == [58, 59, 60]

    await ready_edition(tree.city, 2026, [62])  # unrelated, still a draft
    await gazette.add_item(
        SYSTEM_SCOPE,
        combined.id,
        gazette.ItemFields(
            page_from=1, page_to=2, title="Chỉ thị", issuer_name="UBND", issued_on=date(2026, 4, 1)
        ),
    )
    asset = await upload_pdf(tree.city, await signed_pdf())
    await gazette.attach_pdf(SYSTEM_SCOPE, combined.id, asset.id)
    await gazette.publish_edition(SYSTEM_SCOPE, combined.id)
    for number in (58, 59, 60):
        found = await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": number})
        edition = found["data"]["gazetteEdition"]
        assert edition["label"] == "58 + 59 + 60"
        assert edition["numbers"] == [58, 59, 60]
        assert edition["path"] == "/cong-bao/2026/58"
        assert edition["items"][0]["permalink"] == "/cong-bao/2026/58/1"
        assert edition["items"][0]["edition"] == {"label": "58 + 59 + 60"}
    # Drafts (61, 62) are not public.
    assert (await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": 61}))["data"][
        "gazetteEdition"
    ] is None


async def test_bad_input_answers_codes_never_a_500(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("congbao", {tree.city: [Role.APPROVER]})
    token = await token_for("congbao")
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"n": [0]}, "INVALID_INPUT", "numbers"),
        ({"n": []}, "INVALID_INPUT", "numbers"),
        ({"n": [59, 61]}, "INVALID_INPUT", "numbers"),
        ({"n": [3, 3]}, "INVALID_INPUT", "numbers"),
        ({"y": 99999}, "INVALID_INPUT", "year"),
        ({"y": 1800, "d": "1800-01-01"}, "INVALID_INPUT", "year"),
        ({"d": "2025-12-31"}, "INVALID_INPUT", "published_on"),
    ]
    for change, code, field in cases:
        variables: dict[str, Any] = {"t": "hanoi", "y": 2026, "n": [1], "d": "2026-01-02"}
        variables |= change
        result = await gql(client, CREATE, variables, token=token)
        assert result["data"]["gazetteEditionCreate"]["code"] == code, change
        assert result["data"]["gazetteEditionCreate"]["field"] == field, change
    assert await GazetteEdition.all().count() == 0

    edition = await gazette.create_edition(SYSTEM_SCOPE, tree.city, 2026, [1], date(2026, 1, 2))
    add = (
        "mutation($e: ID!, $from: Int!, $to: Int!, $doc: ID) { gazetteItemAdd(input: {edition: $e, "
        'pageFrom: $from, pageTo: $to, document: $doc, title: "Quyết định", issuer: "UBND", '
        'issuedOn: "2026-01-01"}) { %s } }' % ITEM_RESULT
    )
    item_cases: list[tuple[dict[str, Any], str, str | None]] = [
        ({"from": 5, "to": 3}, "INVALID_INPUT", "page_from"),
        ({"from": 0, "to": 3}, "INVALID_INPUT", "page_from"),
        ({"from": 1, "to": 1_000_000}, "INVALID_INPUT", "page_to"),
        ({"doc": encode_global_id("LegalDocument", 999)}, "NOT_FOUND", "document"),
        ({"e": encode_global_id("GazetteEdition", 999)}, "NOT_FOUND", None),
    ]
    for change, code, item_field in item_cases:
        variables = {"e": gid(edition), "from": 1, "to": 2, "doc": None}
        variables |= change
        result = await gql(client, add, variables, token=token)
        assert result["data"]["gazetteItemAdd"]["code"] == code, change
        assert result["data"]["gazetteItemAdd"]["field"] == item_field, change
    assert await GazetteItem.all().count() == 0

    unknown = {
        "gazetteEditionPublish": encode_global_id("GazetteEdition", 999),
        "gazetteItemRemove": encode_global_id("GazetteItem", 999),
        "gazetteSubmissionAccept": encode_global_id("GazetteSubmission", 999),
    }
    for name, value in unknown.items():
        result = await gql(
            client,
            'mutation { %s(id: "%s") { ... on GazetteError { code } } }' % (name, value),
            token=token,
        )
        assert result["data"][name]["code"] == "NOT_FOUND", name
    # A malformed or foreign ID is a request error with a code, not an internal error.
    for value in ("not-an-id", encode_global_id("Article", 1)):
        result = await gql(
            client,
            'mutation { gazetteEditionPublish(id: "%s") { __typename } }' % value,
            token=token,
        )
        assert result["errors"][0]["extensions"]["code"] == "INVALID_ID"
    huge = await gql(client, CREATE, {"t": "hanoi", "y": 2026, "n": [2**40], "d": "2026-01-02"})
    assert "Internal error." not in str(huge)
    missing = await gql(client, EDITION, {"t": "khong-co", "y": 2026, "n": 1})
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


# --- immutability -----------------------------------------------------------------------------


async def test_a_published_edition_and_its_items_never_change(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    document = await make_document(tree.city, "01/2026/NQ-HĐND")
    edition = await ready_edition(tree.city, 2026, [7], [document])
    item = await GazetteItem.get(edition_id=edition.id)
    await make_viewer("pheduyet", {tree.city: [Role.APPROVER]})
    token = await token_for("pheduyet")
    published = await gql(
        client,
        "mutation($id: ID!) { gazetteEditionPublish(id: $id) { %s } }" % EDITION_RESULT,
        {"id": gid(edition)},
        token=token,
    )
    assert published["data"]["gazetteEditionPublish"]["edition"]["status"] == "PUBLISHED"
    before = await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": 7})
    asset = await upload_pdf(tree.city, build_pdf([["Bản khác"]]))
    other = await make_document(tree.city, "02/2026/NQ-HĐND")

    attempts = {
        "gazetteEditionUpdate": (
            "mutation($e: ID!) { gazetteEditionUpdate(input: {id: $e, numbers: [8]}) { %s } }"
            % ERROR
        ),
        "gazetteEditionAttachPdf": (
            'mutation($e: ID!) { gazetteEditionAttachPdf(edition: $e, pdf: "%s") { %s } }'
            % (gid(asset), ERROR)
        ),
        "gazetteEditionPublish": "mutation($e: ID!) { gazetteEditionPublish(id: $e) { %s } }"
        % ERROR,
        "gazetteItemAdd": (
            'mutation($e: ID!) { gazetteItemAdd(input: {edition: $e, document: "%s", pageFrom: 3, '
            "pageTo: 4}) { %s } }" % (gid(other), ERROR)
        ),
    }
    for name, mutation in attempts.items():
        result = await gql(client, mutation, {"e": gid(edition)}, token=token)
        assert result["data"][name]["code"] == "EDITION_PUBLISHED", name
    item_attempts = {
        "gazetteItemUpdate": (
            'mutation($i: ID!) { gazetteItemUpdate(input: {id: $i, title: "Sửa"}) { %s } }' % ERROR
        ),
        "gazetteItemRemove": "mutation($i: ID!) { gazetteItemRemove(id: $i) { %s } }" % ERROR,
    }
    for name, mutation in item_attempts.items():
        result = await gql(client, mutation, {"i": gid(item)}, token=token)
        assert result["data"][name]["code"] == "EDITION_PUBLISHED", name
    # Unlinking the document is refused the same way.
    unlink = await gql(
        client,
        "mutation($i: ID!) { gazetteItemUpdate(input: {id: $i, document: null}) { %s } }" % ERROR,
        {"i": gid(item)},
        token=token,
    )
    assert unlink["data"]["gazetteItemUpdate"]["code"] == "EDITION_PUBLISHED"

    after = await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": 7})
    assert after == before
    assert await GazetteItem.filter(edition_id=edition.id).count() == 1
    assert (await GazetteEdition.get(id=edition.id)).pdf_id == edition.pdf_id
    # Even a superuser's service call cannot change it.
    await refused(
        gazette.update_item(SYSTEM_SCOPE, item.id, gazette.ItemChanges(page_to=9)),
        E.EDITION_PUBLISHED,
    )
    await refused(gazette.remove_item(SYSTEM_SCOPE, item.id), E.EDITION_PUBLISHED)


async def test_publishing_needs_items_and_a_pdf_and_stamps_the_documents(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    edition = await gazette.create_edition(SYSTEM_SCOPE, tree.city, 2026, [3], date(2026, 2, 9))
    await refused(gazette.publish_edition(SYSTEM_SCOPE, edition.id), E.NO_ITEMS)
    ward_document = await make_document(tree.ward, "05/2026/QĐ-UBND", published=False)
    item = await gazette.add_item(
        SYSTEM_SCOPE,
        edition.id,
        gazette.ItemFields(page_from=1, page_to=4, document_id=ward_document.id),
    )
    # Text comes from the document when not given.
    assert (item.title, item.issuer_name, item.issued_on) == (
        ward_document.title,
        ward_document.issuer_name,
        ward_document.issued_on,
    )
    await refused(
        gazette.add_item(
            SYSTEM_SCOPE,
            edition.id,
            gazette.ItemFields(page_from=5, page_to=6, document_id=ward_document.id),
        ),
        E.DUPLICATE_DOCUMENT,
    )
    # A ward's gazette cannot list a document of its parent city.
    city_document = await make_document(tree.city, "09/2026/NQ-HĐND")
    ward_edition = await gazette.create_edition(
        SYSTEM_SCOPE, tree.ward, 2026, [1], date(2026, 2, 9)
    )
    await refused(
        gazette.add_item(
            SYSTEM_SCOPE,
            ward_edition.id,
            gazette.ItemFields(page_from=1, page_to=1, document_id=city_document.id),
        ),
        E.INVALID_DOCUMENT,
    )
    await refused(gazette.publish_edition(SYSTEM_SCOPE, edition.id), E.PDF_MISSING)
    word = build_docx(docx_document("<w:p><w:r><w:t>Công báo</w:t></w:r></w:p>"))
    word_copy = await upload_pdf(tree.city, word, "cong-bao.docx")
    await refused(gazette.attach_pdf(SYSTEM_SCOPE, edition.id, word_copy.id), E.NOT_A_PDF)
    ward_pdf = await upload_pdf(tree.ward, build_pdf())
    await refused(gazette.attach_pdf(SYSTEM_SCOPE, edition.id, ward_pdf.id), E.NOT_FOUND)
    unsigned = await upload_pdf(tree.city, build_pdf([["Bản chưa ký"]]))
    attached = await gazette.attach_pdf(SYSTEM_SCOPE, edition.id, unsigned.id)
    assert attached.signature_valid is None  # no signature in the file
    await refused(gazette.publish_edition(SYSTEM_SCOPE, edition.id), E.SIGNATURE_INVALID)
    asset = await upload_pdf(tree.city, await signed_pdf())
    attached = await gazette.attach_pdf(SYSTEM_SCOPE, edition.id, asset.id)
    assert attached.pdf_sha256 == asset.sha256
    assert attached.signature_valid is True

    await gazette.publish_edition(SYSTEM_SCOPE, edition.id)
    stamped = await LegalDocument.get(id=ward_document.id)
    assert stamped.gazette_published_on == date(2026, 2, 9)
    event = await Event.get(type="gazette.published")
    assert (event.object_type, event.object_id, event.tenant_id) == (
        "GazetteEdition",
        edition.id,
        tree.city.id,
    )
    assert event.payload["numbers"] == [3]
    assert event.payload["documents"] == [ward_document.id]
    entry = await AuditEntry.get(
        object_type="GazetteEdition", object_id=edition.id, action="publish"
    )
    assert (entry.from_status, entry.to_status) == ("draft", "published")

    # The public sees the line, but not the ward's draft document behind it.
    found = await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": 3})
    line = found["data"]["gazetteEdition"]["items"][0]
    assert line["title"] == ward_document.title
    assert line["document"] is None
    assert found["data"]["gazetteEdition"]["signature"]["valid"] is True
    assert found["data"]["gazetteEdition"]["pdf"]["sha256"] == asset.sha256
    assert found["data"]["gazetteEdition"]["pdf"]["url"].startswith("/media/")


async def test_items_keep_their_order() -> None:
    tree = await make_tree()
    edition = await gazette.create_edition(SYSTEM_SCOPE, tree.city, 2026, [4], date(2026, 2, 9))

    def line(title: str, position: int | None = None) -> gazette.ItemFields:
        return gazette.ItemFields(
            page_from=1,
            page_to=1,
            title=title,
            issuer_name="UBND",
            issued_on=date(2026, 1, 1),
            position=position,
        )

    a = await gazette.add_item(SYSTEM_SCOPE, edition.id, line("A"))
    await gazette.add_item(SYSTEM_SCOPE, edition.id, line("C"))
    await gazette.add_item(SYSTEM_SCOPE, edition.id, line("B", 2))

    async def order() -> list[tuple[int, str]]:
        rows = await GazetteItem.filter(edition_id=edition.id).order_by("position")
        return [(r.position, r.title) for r in rows]

    assert await order() == [(1, "A"), (2, "B"), (3, "C")]
    await gazette.update_item(SYSTEM_SCOPE, a.id, gazette.ItemChanges(position=99))
    assert await order() == [(1, "B"), (2, "C"), (3, "A")]
    b = await GazetteItem.get(edition_id=edition.id, title="B")
    await gazette.remove_item(SYSTEM_SCOPE, b.id)
    assert await order() == [(1, "C"), (2, "A")]
    await refused(
        gazette.update_item(SYSTEM_SCOPE, a.id, gazette.ItemChanges(page_from=3)),
        E.INVALID_INPUT,
    )


# --- corrections and consolidated texts -------------------------------------------------------


async def test_a_correction_links_to_the_original_which_stays_unchanged(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    original = await make_document(
        tree.city,
        "12/2026/NQ-HĐND",
        full_text="Điều 1. Mức thu phí là 50.000 đồng.",
        issued_on=date(2026, 3, 1),
    )
    first = await ready_edition(tree.city, 2026, [20], [original], published_on=date(2026, 3, 5))
    await gazette.publish_edition(SYSTEM_SCOPE, first.id)
    original_before = await LegalDocument.get(id=original.id)
    first_before = await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": 20})

    correction = await make_document(
        tree.city,
        "01/2026/ĐC-HĐND",
        title="Đính chính Nghị quyết 12/2026/NQ-HĐND",
        full_text="Sửa: mức thu phí là 40.000 đồng.",
        issued_on=date(2026, 3, 10),
    )
    await DocumentRelation.create(
        source=correction,
        target=original,
        target_number=original.number,
        target_key=original.number_key,
        kind=RelationKind.CORRECTS.value,
    )
    second = await ready_edition(
        tree.city, 2026, [21], [correction], published_on=date(2026, 3, 12)
    )
    await gazette.publish_edition(SYSTEM_SCOPE, second.id)

    after = await LegalDocument.get(id=original.id)
    for name in ("full_text", "title", "abstract", "number", "gazette_published_on", "updated_at"):
        assert getattr(after, name) == getattr(original_before, name), name
    assert after.gazette_published_on == date(2026, 3, 5)
    assert (await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": 20})) == first_before
    link = await DocumentRelation.get(source_id=correction.id, kind=RelationKind.CORRECTS.value)
    assert link.target_id == original.id
    second_view = await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": 21})
    assert second_view["data"]["gazetteEdition"]["items"][0]["document"]["number"] == (
        "01/2026/ĐC-HĐND"
    )
    assert (await LegalDocument.get(id=correction.id)).gazette_published_on == date(2026, 3, 12)
    # Each document knows where it was published: its issue and pages.
    listed = await gazette.published_items_of_documents([original.id, correction.id])
    assert [(i.edition_id, i.page_from) for i in listed[original.id]] == [(first.id, 1)]
    assert [i.edition_id for i in listed[correction.id]] == [second.id]


async def test_a_consolidated_text_comes_with_its_newest_amending_document() -> None:
    tree = await make_tree()
    base = await make_document(tree.city, "10/2024/NQ-HĐND", issued_on=date(2024, 7, 1))
    older = await make_document(tree.city, "03/2025/NQ-HĐND", issued_on=date(2025, 4, 1))
    newest = await make_document(tree.city, "15/2026/NQ-HĐND", issued_on=date(2026, 5, 1))
    vbhn = await make_document(
        tree.city, "01/VBHN-HĐND", issued_on=date(2026, 5, 10), consolidated=True
    )
    for amending in (older, newest):
        await DocumentRelation.create(
            source=amending,
            target=base,
            target_number=base.number,
            target_key=base.number_key,
            kind=RelationKind.AMENDS.value,
        )

    async def consolidates(target: LegalDocument) -> None:
        await DocumentRelation.create(
            source=vbhn,
            target=target,
            target_number=target.number,
            target_key=target.number_key,
            kind=RelationKind.CONSOLIDATES.value,
        )

    # No consolidated sources recorded yet: the rule cannot be met.
    alone = await ready_edition(tree.city, 2026, [30], [vbhn])
    error = await refused(gazette.publish_edition(SYSTEM_SCOPE, alone.id), E.VBHN_AMENDMENT_MISSING)
    assert "01/VBHN-HĐND" in error.message

    for target in (base, older, newest):
        await consolidates(target)
    # With the older amending document only: still refused, naming the newest.
    with_older = await ready_edition(tree.city, 2026, [31], [vbhn, older])
    error = await refused(
        gazette.publish_edition(SYSTEM_SCOPE, with_older.id), E.VBHN_AMENDMENT_MISSING
    )
    assert "15/2026/NQ-HĐND" in error.message
    assert (await GazetteEdition.get(id=with_older.id)).status == EditionStatus.DRAFT
    assert not await Event.filter(type="gazette.published").exists()

    # Adding the newest amending document to the same edition satisfies the rule.
    await gazette.add_item(
        SYSTEM_SCOPE,
        with_older.id,
        gazette.ItemFields(page_from=9, page_to=12, document_id=newest.id),
    )
    await gazette.publish_edition(SYSTEM_SCOPE, with_older.id)
    assert (await GazetteEdition.get(id=with_older.id)).status == EditionStatus.PUBLISHED

    # An amending document published in an earlier edition does not count.
    vbhn2 = await make_document(
        tree.city, "02/VBHN-HĐND", issued_on=date(2026, 6, 1), consolidated=True
    )
    await DocumentRelation.create(
        source=vbhn2,
        target=newest,
        target_number=newest.number,
        target_key=newest.number_key,
        kind=RelationKind.CONSOLIDATES.value,
    )
    later = await ready_edition(tree.city, 2026, [32], [vbhn2])
    await refused(gazette.publish_edition(SYSTEM_SCOPE, later.id), E.VBHN_AMENDMENT_MISSING)


# --- signatures -------------------------------------------------------------------------------


async def test_a_signed_pdf_shows_its_signer_and_an_altered_one_cannot_be_published(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    await make_viewer("pheduyet", {tree.city: [Role.APPROVER]})
    token = await token_for("pheduyet")
    signed = await signed_pdf()
    edition = await ready_edition(tree.city, 2026, [40], pdf=signed)
    assert edition.signature_valid is True
    assert "Văn phòng UBND Thành phố Hà Nội" in edition.signature_signer
    assert "UBND TP Hà Nội" in edition.signature_signer
    assert edition.signature_signed_at is not None

    await gazette.publish_edition(SYSTEM_SCOPE, edition.id)
    view = await gql(client, EDITION, {"t": "hanoi", "y": 2026, "n": 40})
    signature = view["data"]["gazetteEdition"]["signature"]
    assert signature["valid"] is True
    assert signature["signer"].startswith("Văn phòng UBND Thành phố Hà Nội")
    assert signature["problem"] == ""
    assert datetime.fromisoformat(signature["signedAt"]) > datetime.now(UTC) - timedelta(days=1)

    for number, altered in (
        (41, tamper_signed_content(signed)),
        (42, append_content_update(signed)),
    ):
        draft = await ready_edition(tree.city, 2026, [number], pdf=altered)
        assert draft.signature_valid is False
        assert draft.signature_problem
        result = await gql(
            client,
            "mutation($id: ID!) { gazetteEditionPublish(id: $id) { %s } }" % EDITION_RESULT,
            {"id": gid(draft)},
            token=token,
        )
        outcome = result["data"]["gazetteEditionPublish"]
        assert outcome["code"] == "SIGNATURE_INVALID", number
        assert "signature is not valid" in outcome["message"]
        assert (await GazetteEdition.get(id=draft.id)).status == EditionStatus.DRAFT
        # Attaching the file as signed fixes it.
        asset = await upload_pdf(tree.city, signed)
        await gazette.attach_pdf(SYSTEM_SCOPE, draft.id, asset.id)
        await gazette.publish_edition(SYSTEM_SCOPE, draft.id)

    # Bytes that are no PDF at all, though sniffed as one, are refused when attached.
    broken = await upload_pdf(tree.city, b"%PDF-1.7\n garbage without structure")
    other = await gazette.create_edition(SYSTEM_SCOPE, tree.city, 2026, [43], date(2026, 6, 1))
    await refused(gazette.attach_pdf(SYSTEM_SCOPE, other.id, broken.id), E.PDF_UNREADABLE)


# --- intake register --------------------------------------------------------------------------


async def test_the_intake_register_logs_and_flags_submissions(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("vanthu", {tree.city: [Role.EDITOR]})
    token = await token_for("vanthu")
    document = await make_document(tree.ward, "03/2026/QĐ-UBND")
    register = (
        "mutation($in: GazetteSubmissionInput!) { gazetteSubmissionRegister(input: $in) { %s } }"
        % SUBMISSION_RESULT
    )
    arrived = "2026-11-20T09:15:00+07:00"
    result = await gql(
        client,
        register,
        {
            "in": {
                "tenant": "hanoi",
                "sender": "Văn phòng UBND phường Hoàn Kiếm — Nguyễn Thị B",
                "senderEmail": "vanthu@hoankiem.hanoi.gov.vn",
                "document": gid(document),
                "receivedAt": arrived,
            }
        },
        token=token,
    )
    line = result["data"]["gazetteSubmissionRegister"]["submission"]
    assert line["status"] == "RECEIVED"
    assert line["sender"] == "Văn phòng UBND phường Hoàn Kiếm — Nguyễn Thị B"
    assert datetime.fromisoformat(line["receivedAt"]) == datetime.fromisoformat(arrived)
    row = await GazetteSubmission.get(id=int(await _pk(line["id"])))
    assert row.number == "03/2026/QĐ-UBND"  # taken from the document

    bad = await gql(
        client,
        register,
        {"in": {"tenant": "hanoi", "sender": " ", "senderEmail": "x"}},
        token=token,
    )
    assert bad["data"]["gazetteSubmissionRegister"]["field"] == "sender"
    future = await gql(
        client,
        register,
        {"in": {"tenant": "hanoi", "sender": "A", "receivedAt": "2099-01-01T00:00:00+00:00"}},
        token=token,
    )
    assert future["data"]["gazetteSubmissionRegister"]["field"] == "received_at"

    flag = (
        'mutation($id: ID!) { gazetteSubmissionFlag(id: $id, problem: "Thiếu chữ ký số trên '
        'bản điện tử") { %s } }' % SUBMISSION_RESULT
    )
    events_before = await Event.all().count()
    flagged = (await gql(client, flag, {"id": line["id"]}, token=token))["data"][
        "gazetteSubmissionFlag"
    ]["submission"]
    assert flagged["status"] == "REJECTED"
    assert flagged["problem"] == "Thiếu chữ ký số trên bản điện tử"
    assert flagged["flaggedAt"] is not None
    assert await Event.all().count() == events_before  # nothing public
    entry = await AuditEntry.get(object_type="GazetteSubmission", action="flag")
    assert (entry.to_status, entry.reason) == ("rejected", "Thiếu chữ ký số trên bản điện tử")
    again = await gql(client, flag, {"id": line["id"]}, token=token)
    assert again["data"]["gazetteSubmissionFlag"]["code"] == "INVALID_TRANSITION"

    # The issuer sends it again; it is accepted, then published with an edition.
    resent = await gazette.register_submission(
        SYSTEM_SCOPE, tree.city, "Văn phòng UBND phường Hoàn Kiếm", document_id=document.id
    )
    accept = "mutation($id: ID!) { gazetteSubmissionAccept(id: $id) { %s } }" % SUBMISSION_RESULT
    accepted = await gql(client, accept, {"id": gid(resent)}, token=token)
    assert accepted["data"]["gazetteSubmissionAccept"]["submission"]["status"] == "ACCEPTED"
    edition = await ready_edition(tree.city, 2026, [50], [document])
    await gazette.publish_edition(SYSTEM_SCOPE, edition.id)
    published = await GazetteSubmission.get(id=resent.id)
    assert (published.status, published.edition_id) == ("published", edition.id)
    assert (await GazetteSubmission.get(id=row.id)).status == "rejected"

    listing = """query($s: GazetteSubmissionStatus) { gazetteSubmissions(tenant: "hanoi", status: $s) {
      totalCount edges { node { sender number status problem edition { label } document { number } } } } }"""
    everything = await gql(client, listing, token=token)
    nodes = [e["node"] for e in everything["data"]["gazetteSubmissions"]["edges"]]
    assert [n["status"] for n in nodes] == ["PUBLISHED", "REJECTED"]  # newest received first
    assert nodes[0]["edition"] == {"label": "50"}
    assert nodes[1]["document"] == {"number": "03/2026/QĐ-UBND"}
    only_rejected = await gql(client, listing, {"s": "REJECTED"}, token=token)
    assert only_rejected["data"]["gazetteSubmissions"]["totalCount"] == 1
    # The register is internal.
    for outsider in (
        None,
        await _token(tree.ward, Role.ADMIN),
        await _token(tree.city, Role.REPORTER),
    ):
        hidden = await gql(client, listing, token=outsider)
        assert hidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        refused_flag = await gql(client, flag, {"id": gid(resent)}, token=outsider)
        assert refused_flag["data"]["gazetteSubmissionFlag"]["code"] == "NOT_FOUND"


async def _pk(global_id: str) -> int:
    from schema.common import decode_global_id

    return decode_global_id(global_id)[1]


_tokens = 0


async def _token(tenant: Tenant, role: Role) -> str:
    global _tokens
    _tokens += 1
    name = f"nguoi_dung_{_tokens}"
    await make_viewer(name, {tenant: [role]})
    return await token_for(name)


# --- permissions ------------------------------------------------------------------------------


async def test_only_the_portals_gazette_staff_may_edit_and_publish(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    draft = await ready_edition(tree.city, 2026, [60])
    item = await GazetteItem.get(edition_id=draft.id)
    reporter = await _token(tree.city, Role.REPORTER)
    outsider = await _token(tree.ward, Role.ADMIN)
    editor = await _token(tree.city, Role.EDITOR)
    approver = await _token(tree.city, Role.APPROVER)
    variables = {"t": "hanoi", "y": 2026, "n": [61], "d": "2026-07-01"}
    for token in (None, reporter, outsider):
        result = await gql(client, CREATE, variables, token=token)
        assert result["data"]["gazetteEditionCreate"]["code"] == "FORBIDDEN"

    update = (
        "mutation($e: ID!) { gazetteEditionUpdate(input: {id: $e, numbers: [62]}) { %s } }" % ERROR
    )
    item_update = (
        'mutation($i: ID!) { gazetteItemUpdate(input: {id: $i, title: "Khác"}) { %s } }'
        % ITEM_RESULT
    )
    publish = "mutation($e: ID!) { gazetteEditionPublish(id: $e) { %s } }" % EDITION_RESULT
    # Whoever may not edit the city's gazette does not even see its drafts.
    for token in (None, reporter, outsider):
        assert (await gql(client, update, {"e": gid(draft)}, token=token))["data"][
            "gazetteEditionUpdate"
        ]["code"] == "NOT_FOUND"
        assert (await gql(client, item_update, {"i": gid(item)}, token=token))["data"][
            "gazetteItemUpdate"
        ]["code"] == "NOT_FOUND"
        assert (await gql(client, publish, {"e": gid(draft)}, token=token))["data"][
            "gazetteEditionPublish"
        ]["code"] == "NOT_FOUND"
    # Editors prepare; approvers publish.
    assert (await gql(client, publish, {"e": gid(draft)}, token=editor))["data"][
        "gazetteEditionPublish"
    ]["code"] == "FORBIDDEN"
    moved = await gql(client, item_update, {"i": gid(item)}, token=editor)
    assert moved["data"]["gazetteItemUpdate"]["__typename"] == "GazetteItemSuccess"
    done = await gql(client, publish, {"e": gid(draft)}, token=approver)
    assert done["data"]["gazetteEditionPublish"]["edition"]["status"] == "PUBLISHED"
    # A published edition is visible, but still not theirs to touch.
    assert (await gql(client, update, {"e": gid(draft)}, token=outsider))["data"][
        "gazetteEditionUpdate"
    ]["code"] == "FORBIDDEN"

    await ready_edition(tree.city, 2026, [63])  # a draft
    listing = '{ gazetteEditions(tenant: "hanoi") { totalCount edges { node { label status } } } }'
    for token, labels in (
        (None, ["60"]),
        (outsider, ["60"]),
        (reporter, ["60"]),
        (editor, ["63", "60"]),
    ):
        result = await gql(client, listing, token=token)
        assert [e["node"]["label"] for e in result["data"]["gazetteEditions"]["edges"]] == labels
        assert result["data"]["gazetteEditions"]["totalCount"] == len(labels)
    # The service's scoped read fails closed without a tenant.
    with pytest.raises(Exception, match="no tenant"):
        gazette.editions_for(Scope())


# --- lists ------------------------------------------------------------------------------------


async def test_years_and_the_list_by_year(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    for year, number in ((2025, 1), (2025, 2), (2026, 1)):
        edition = await ready_edition(tree.city, year, [number])
        await gazette.publish_edition(SYSTEM_SCOPE, edition.id)
    await ready_edition(tree.city, 2026, [2])  # a draft: not counted
    years = await gql(client, '{ gazetteYears(tenant: "hanoi") { year editions } }')
    assert years["data"]["gazetteYears"] == [
        {"year": 2026, "editions": 1},
        {"year": 2025, "editions": 2},
    ]
    of_2025 = await gql(
        client, '{ gazetteEditions(tenant: "hanoi", year: 2025) { edges { node { label } } } }'
    )
    assert [e["node"]["label"] for e in of_2025["data"]["gazetteEditions"]["edges"]] == ["2", "1"]


LIST = """query($n: Int!) { gazetteEditions(tenant: "hanoi", first: $n) { totalCount edges { node {
  label numbers publishedOn path tenant { name }
  pdf { url size sha256 } signature { signer valid }
  items { title pageFrom permalink document { number title } }
} } } }"""


async def test_the_editions_list_costs_a_constant_number_of_statements(
    settings: Settings, count_sql: SQLCounter
) -> None:
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://thudo.gov.vn")
    tree = await make_tree()
    asset = await upload_pdf(tree.city, await signed_pdf())
    for number in range(1, 56):
        edition = await gazette.create_edition(
            SYSTEM_SCOPE, tree.city, 2026, [number], date(2026, 1, 1) + timedelta(days=number)
        )
        for k in range(2):
            document = await make_document(tree.city, f"{number * 10 + k}/2026/QĐ-UBND")
            await gazette.add_item(
                SYSTEM_SCOPE,
                edition.id,
                gazette.ItemFields(page_from=k + 1, page_to=k + 1, document_id=document.id),
            )
        # The same checked file for each: attaching verifies it, which is not what is measured.
        await GazetteEdition.filter(id=edition.id).update(
            pdf_id=asset.id,
            pdf_sha256=asset.sha256,
            status="published",
            published_at=datetime.now(UTC),
        )
    counts = {}
    await gql(client, "{ __typename }")
    for n in (5, 50):
        count_sql.statements.clear()
        result = await gql(client, LIST, {"n": n})
        edges = result["data"]["gazetteEditions"]["edges"]
        assert len(edges) == n
        assert edges[0]["node"]["items"][1]["document"]["number"] == "551/2026/QĐ-UBND"
        counts[n] = len(count_sql.statements)
    # The page, the total, the items, their documents, the PDFs: five, for 5 or 50 editions.
    assert counts[5] == counts[50] <= 5, count_sql.statements
    await client.aclose()
