"""Authority over legal status: which portal may repeal, suspend or amend which document.

The attack of issue 14: a ward's account added SUSPENDS_VALIDITY from a
published ward document onto the city's decision and REPEALS onto a national
decree, and the public pages showed both changed. Each test here failed on
the code before the rule (``hub.services.document_authority``) existed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from hub.auth.permissions import Role
from hub.models.documents import DocumentRelation, LegalDocument, RelationKind
from hub.services.document_authority import is_national
from hub.services.document_relations import relation_add, relation_remove
from hub.services.document_status import Validity, validities
from hub.services.documents import DocumentFields, Signer, document_create, document_step
from hub.services.errors import ServiceError
from schema.common import encode_global_id
from tenants.models import Tenant
from tenants.scope import Scope
from tests.documents.test_inbound import payload, send
from tests.factories import SYSTEM_SCOPE, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

TODAY = date(2026, 11, 26)
ADD = """
mutation($s: ID!, $t: ID, $n: String, $k: DocumentRelationKind!) {
  documentRelationAdd(input: {source: $s, target: $t, targetNumber: $n, kind: $k}) {
    __typename ... on DocumentError { code message field }
  }
}"""


def fields(number: str, **kw: Any) -> DocumentFields:
    kw.setdefault("doc_type", "quyet_dinh")
    kw.setdefault("issuer_name", "UBND Thành phố Hà Nội")
    kw.setdefault("issued_on", date(2024, 3, 1))
    kw.setdefault("signers", [Signer("Người ký", "Chủ tịch")])
    return DocumentFields(number=number, title=f"Văn bản {number}", **kw)


async def published(tenant: Tenant, f: DocumentFields) -> LegalDocument:
    doc = await document_create(SYSTEM_SCOPE, tenant, f)
    return await document_step(SYSTEM_SCOPE, doc.id, "publish")


async def status(doc: LegalDocument) -> Validity:
    fresh = await LegalDocument.get(id=doc.id)
    return (await validities([fresh], TODAY))[fresh.id]


def gid(doc: LegalDocument) -> str:
    return encode_global_id("LegalDocument", doc.id)


async def add(
    client: httpx.AsyncClient, token: str, source: LegalDocument, kind: str, **target: Any
) -> dict[str, Any]:
    variables = {"s": gid(source), "k": kind, "t": None, "n": None}
    if "target" in target:
        variables["t"] = gid(target["target"])
    if "number" in target:
        variables["n"] = target["number"]
    result = await gql(client, ADD, variables, token)
    assert "errors" not in result, result
    return result["data"]["documentRelationAdd"]  # type: ignore[no-any-return]


async def test_a_ward_cannot_suspend_the_city_or_repeal_a_decree(
    client: httpx.AsyncClient,
) -> None:
    tree = await make_tree()
    city_decision = await published(tree.city, fields("15/2020/QĐ-UBND"))
    decree = await published(
        tree.city, fields("42/2022/NĐ-CP", doc_type="nghi_dinh", issuer_name="Chính phủ")
    )
    ward_doc = await published(
        tree.ward, fields("3/2025/QĐ-UBND", issuer_name="UBND phường Hoàn Kiếm")
    )
    # An approver of the ward: publish rights there, so only authority is missing.
    await make_viewer("pheduyet.phuong", {tree.ward: [Role.APPROVER]})
    token = await token_for("pheduyet.phuong")

    suspend = await add(client, token, ward_doc, "SUSPENDS_VALIDITY", target=city_decision)
    assert suspend["__typename"] == "DocumentError"
    assert suspend["code"] == "NO_AUTHORITY" and suspend["field"] == "target"
    # Vietnamese first, then English.
    vietnamese, english = suspend["message"].split(" / ")
    assert "cổng ban hành" in vietnamese and "issuing portal" in english
    repeal = await add(client, token, ward_doc, "REPEALS", target=decree)
    assert repeal["code"] == "NO_AUTHORITY"
    assert "national document" in repeal["message"]
    # By number, as the probe also could: the same rule.
    by_number = await add(client, token, ward_doc, "REPEALS", number="42/2022/nd-cp")
    assert by_number["code"] == "NO_AUTHORITY"

    assert await DocumentRelation.all().count() == 0
    assert await status(city_decision) is Validity.IN_FORCE
    assert await status(decree) is Validity.IN_FORCE
    page = await client.get(f"/van-ban/{decree.slug}", headers={"Host": "thudo.gov.vn"})
    assert "Hết hiệu lực toàn bộ" not in page.text

    # Citing the city's decision as a basis changes no status: still allowed.
    basis = await add(client, token, ward_doc, "BASIS", target=city_decision)
    assert basis["__typename"] == "DocumentSuccess"


async def test_the_issuer_and_the_portals_above_it_keep_their_authority() -> None:
    tree = await make_tree()
    ward_doc = await published(
        tree.ward, fields("3/2025/QĐ-UBND", issuer_name="UBND phường Hoàn Kiếm")
    )
    city_doc = await published(tree.city, fields("20/2025/QĐ-UBND", issued_on=date(2025, 1, 1)))
    department_doc = await published(
        tree.department, fields("7/2025/QĐ-SXD", issuer_name="Sở Xây dựng")
    )
    decree = await published(
        tree.city, fields("42/2022/NĐ-CP", doc_type="nghi_dinh", issuer_name="Chính phủ")
    )
    city = Scope(viewer=await make_viewer("pheduyet.hanoi", {tree.city: [Role.APPROVER]}))
    department = Scope(viewer=await make_viewer("so", {tree.department: [Role.APPROVER]}))

    # The city is above the ward: it may suspend the ward's decision.
    await relation_add(city, city_doc.id, RelationKind.SUSPENDS_VALIDITY, target_id=ward_doc.id)
    assert await status(ward_doc) is Validity.SUSPENDED
    # A department is the ward's neighbour in the tree, not above it.
    with pytest.raises(ServiceError) as caught:
        await relation_add(
            department, department_doc.id, RelationKind.AMENDS, target_id=ward_doc.id
        )
    assert caught.value.code == "NO_AUTHORITY"
    # Not even the city changes a national decree; the operator records it.
    with pytest.raises(ServiceError) as caught:
        await relation_add(city, city_doc.id, RelationKind.REPLACES, target_id=decree.id)
    assert caught.value.code == "NO_AUTHORITY"
    await relation_add(SYSTEM_SCOPE, city_doc.id, RelationKind.REPLACES, target_id=decree.id)
    assert await status(decree) is Validity.EXPIRED
    # The portal rule binds the operator too (importers and the CLI act as SYSTEM):
    # no one makes a ward's decision repeal the city's.
    with pytest.raises(ServiceError) as caught:
        await relation_add(SYSTEM_SCOPE, ward_doc.id, RelationKind.REPEALS, target_id=city_doc.id)
    assert caught.value.code == "NO_AUTHORITY"
    assert await status(city_doc) is Validity.IN_FORCE


async def test_relations_of_a_published_document_need_publish_rights() -> None:
    tree = await make_tree()
    ward_doc = await published(
        tree.ward, fields("3/2025/QĐ-UBND", issuer_name="UBND phường Hoàn Kiếm")
    )
    other = await published(tree.ward, fields("1/2025/QĐ-UBND", issuer_name="UBND phường"))
    draft = await document_create(SYSTEM_SCOPE, tree.ward, fields("4/2025/QĐ-UBND"))
    editor = Scope(viewer=await make_viewer("bientap.phuong", {tree.ward: [Role.EDITOR]}))
    with pytest.raises(ServiceError) as caught:
        await relation_add(editor, ward_doc.id, RelationKind.BASIS, target_id=other.id)
    assert caught.value.code == "FORBIDDEN"
    relation = await relation_add(
        SYSTEM_SCOPE, ward_doc.id, RelationKind.REPEALS, target_id=other.id
    )
    with pytest.raises(ServiceError) as caught:
        await relation_remove(editor, relation.id)
    assert caught.value.code == "FORBIDDEN"
    # A draft's relations are not public yet: the editor prepares them.
    await relation_add(editor, draft.id, RelationKind.REPEALS, target_id=other.id)


async def test_a_waiting_relation_links_only_with_authority(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    ward_doc = await published(
        tree.ward, fields("3/2025/QĐ-UBND", issuer_name="UBND phường Hoàn Kiếm")
    )
    ward = Scope(viewer=await make_viewer("pheduyet.phuong", {tree.ward: [Role.APPROVER]}))
    # The city's decision is not in the hub yet: the claim is recorded by number…
    waiting = await relation_add(
        ward, ward_doc.id, RelationKind.REPEALS, target_number="1628/QĐ-UBND"
    )
    assert waiting.target_id is None
    # …and the document-management system then sends the city's decision, published.
    await make_viewer("qlvb", {tree.city: [Role.ADMIN]})
    sent = await send(client, await token_for("qlvb"), payload(), [])
    assert sent["__typename"] == "DocumentImportSuccess", sent
    assert sent["document"]["validity"] == "IN_FORCE"
    assert (await DocumentRelation.get(id=waiting.id)).target_id is None


def test_national_documents_are_told_by_type_or_issuing_body() -> None:
    assert is_national("42/2022/NĐ-CP")
    assert is_national("72/2025/QH15")
    assert is_national("22/2023/TT-BTTTT")
    assert is_national("5/QĐ-TTg", "quyet_dinh")
    assert is_national("12/2024/NQ-UBTVQH15", "nghi_quyet")
    assert not is_national("1628/QĐ-UBND", "quyet_dinh")
    assert not is_national("01/2026/NQ-HĐND", "nghi_quyet")
    assert not is_national("7/2025/QĐ-SXD", "quyet_dinh")
    assert not is_national("2/2025/QĐ-BQL", "quyet_dinh")
