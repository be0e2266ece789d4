"""Legal documents: metadata, validity status, relations both ways, citations, filters."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from hub.auth.permissions import Role
from hub.models.documents import DocumentCitation, DocumentRelation, LegalDocument, RelationKind
from hub.services import citation_links
from hub.services.document_lists import DocumentFilter, apply_filter, facets
from hub.services.document_relations import relation_add
from hub.services.document_status import Validity, status_condition, validities
from hub.services.documents import (
    DocumentFields,
    Signer,
    document_create,
    document_step,
    document_update,
    set_validity_override,
)
from hub.services.errors import ServiceError
from tenants.scope import ANONYMOUS, Scope
from tests.factories import SYSTEM_SCOPE, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

TODAY = date(2026, 11, 26)


def fields(number: str, title: str = "Văn bản thử nghiệm", **kw: object) -> DocumentFields:
    kw.setdefault("doc_type", "quyet_dinh")
    kw.setdefault("issuer_name", "UBND Thành phố Hà Nội")
    kw.setdefault("issued_on", date(2024, 3, 1))
    kw.setdefault("signers", [Signer("Trần Sỹ Thanh", "Chủ tịch")])
    kw.setdefault("subjects", ["Giao thông"])
    return DocumentFields(number=number, title=title, **kw)  # type: ignore[arg-type]


async def published(tenant: object, f: DocumentFields) -> LegalDocument:
    doc = await document_create(SYSTEM_SCOPE, tenant, f)  # type: ignore[arg-type]
    return await document_step(SYSTEM_SCOPE, doc.id, "publish")


async def status(doc: LegalDocument, today: date = TODAY) -> Validity:
    fresh = await LegalDocument.get(id=doc.id)
    return (await validities([fresh], today))[fresh.id]


async def test_status_follows_dates() -> None:
    tree = await make_tree()
    doc = await published(
        tree.city,
        fields(
            "15/2024/QĐ-UBND",
            effective_from=date(2024, 4, 1),
            effective_until=date(2026, 1, 1),
        ),
    )
    assert await status(doc, date(2024, 3, 31)) is Validity.NOT_YET_EFFECTIVE
    assert await status(doc, date(2024, 4, 1)) is Validity.IN_FORCE
    assert await status(doc, date(2025, 12, 31)) is Validity.IN_FORCE
    assert await status(doc, date(2026, 1, 1)) is Validity.EXPIRED


async def test_amending_and_replacing_relations_change_the_target() -> None:
    tree = await make_tree()
    old = await published(tree.city, fields("15/2020/QĐ-UBND", issued_on=date(2020, 5, 1)))
    amending = await published(
        tree.city, fields("20/2024/QĐ-UBND", effective_from=date(2024, 6, 1))
    )
    await relation_add(SYSTEM_SCOPE, amending.id, RelationKind.AMENDS, target_id=old.id)
    assert await status(old, date(2024, 5, 31)) is Validity.IN_FORCE  # not yet in effect
    assert await status(old) is Validity.PARTLY_EXPIRED
    assert await status(amending) is Validity.IN_FORCE
    replacing = await published(tree.city, fields("30/2025/QĐ-UBND", issued_on=date(2025, 1, 2)))
    await relation_add(SYSTEM_SCOPE, replacing.id, RelationKind.REPLACES, target_id=old.id)
    assert await status(old) is Validity.EXPIRED
    # A draft replacing it does not count until it is published.
    draft = await document_create(SYSTEM_SCOPE, tree.city, fields("31/2025/QĐ-UBND"))
    await relation_add(SYSTEM_SCOPE, draft.id, RelationKind.REPEALS, target_id=amending.id)
    assert await status(amending) is Validity.IN_FORCE


async def test_sql_status_condition_agrees_with_python() -> None:
    tree = await make_tree()
    docs = [
        await published(tree.city, fields("1/2024/QĐ-UBND", effective_from=date(2027, 1, 1))),
        await published(tree.city, fields("2/2024/QĐ-UBND", effective_until=date(2025, 1, 1))),
        await published(tree.city, fields("3/2024/QĐ-UBND")),
        await published(tree.city, fields("4/2024/QĐ-UBND")),
        await published(tree.city, fields("5/2024/QĐ-UBND")),
        await published(tree.city, fields("6/2024/QĐ-UBND")),
    ]
    acting = await published(tree.city, fields("7/2024/QĐ-UBND"))
    await relation_add(SYSTEM_SCOPE, acting.id, RelationKind.AMENDS, target_id=docs[2].id)
    await relation_add(
        SYSTEM_SCOPE, acting.id, RelationKind.SUSPENDS_VALIDITY, target_id=docs[3].id
    )
    await relation_add(
        SYSTEM_SCOPE, acting.id, RelationKind.REPEALS, target_id=docs[4].id, partial=True
    )
    await set_validity_override(
        SYSTEM_SCOPE, docs[5].id, Validity.NO_LONGER_APPLICABLE.value, "Không còn đối tượng"
    )
    everything = await LegalDocument.all()
    expected = await validities(everything, TODAY)
    for value in Validity:
        ids = set(
            await LegalDocument.filter(status_condition(value, TODAY)).values_list("id", flat=True)
        )
        assert ids == {i for i, v in expected.items() if v is value}, value
    assert expected[docs[3].id] is Validity.SUSPENDED
    assert expected[docs[4].id] is Validity.PARTLY_EXPIRED


async def test_override_needs_a_reason() -> None:
    tree = await make_tree()
    doc = await published(tree.city, fields("9/2024/QĐ-UBND"))
    with pytest.raises(ServiceError) as caught:
        await set_validity_override(SYSTEM_SCOPE, doc.id, Validity.SUSPENDED.value, "  ")
    assert caught.value.field == "reason"
    await set_validity_override(SYSTEM_SCOPE, doc.id, Validity.SUSPENDED.value, "Theo QĐ 1")
    assert await status(doc) is Validity.SUSPENDED
    await set_validity_override(SYSTEM_SCOPE, doc.id, None, "")
    assert await status(doc) is Validity.IN_FORCE


async def test_relation_to_a_number_not_yet_held_links_up_later() -> None:
    tree = await make_tree()
    source = await published(tree.city, fields("40/2024/QĐ-UBND"))
    relation = await relation_add(
        SYSTEM_SCOPE, source.id, RelationKind.BASIS, target_number="42/2022/nđ-cp"
    )
    assert relation.target_id is None and relation.target_number == "42/2022/NĐ-CP"
    decree = await published(
        tree.city, fields("42/2022/NĐ-CP", doc_type="nghi_dinh", issuer_name="Chính phủ")
    )
    relation = await DocumentRelation.get(id=relation.id)
    assert relation.target_id == decree.id
    with pytest.raises(ServiceError) as caught:
        await relation_add(SYSTEM_SCOPE, source.id, RelationKind.BASIS, target_id=decree.id)
    assert caught.value.code == "DUPLICATE_RELATION"
    with pytest.raises(ServiceError) as caught:
        await relation_add(SYSTEM_SCOPE, source.id, RelationKind.AMENDS, target_id=source.id)
    assert caught.value.code == "INVALID_RELATION"


async def test_citations_are_recorded_and_cited_documents_warn() -> None:
    tree = await make_tree()
    expired = await published(
        tree.city,
        fields("12/2019/QĐ-UBND", issued_on=date(2019, 1, 1), effective_until=date(2023, 1, 1)),
    )
    await published(
        tree.city, fields("22/2023/TT-BTTTT", doc_type="thong_tu", issuer_name="Bộ TT&TT")
    )
    article = await make_article(
        tree.ward,
        "Triển khai Thông tư",
        body="<p>Thực hiện Thông tư số 22/2023/TT-BTTTT và Quyết định 12/2019/QĐ-UBND.</p>",
    )
    keys = set(
        await DocumentCitation.filter(source_kind="article", source_id=article.id).values_list(
            "number_key", flat=True
        )
    )
    assert keys == {"22/2023/tt-btttt", "12/2019/qd-ubnd"}
    articles, _docs = await citation_links.citing(expired.number_key)
    assert articles == [article.id]
    checks = await citation_links.check(
        "Căn cứ Quyết định số 12/2019/QĐ-UBND; Thông tư 22/2023/TT-BTTTT; Nghị định 99/2099/NĐ-CP",
        TODAY,
    )
    by_number = {c.citation.number: c for c in checks}
    assert by_number["12/2019/QĐ-UBND"].warning
    assert by_number["12/2019/QĐ-UBND"].validity is Validity.EXPIRED
    assert not by_number["22/2023/TT-BTTTT"].warning
    assert by_number["99/2099/NĐ-CP"].document is None


async def test_citation_links_in_html_skip_existing_links() -> None:
    tree = await make_tree()
    doc = await published(tree.city, fields("139/KH-UBND", doc_type="ke_hoach"))
    body = (
        "<p>Theo Kế hoạch số 139/KH-UBND &amp; khác.</p>"
        '<p><a href="/x">Kế hoạch 139/KH-UBND</a></p>'
    )
    linked = await citation_links.link_html(body, lambda d: f"/van-ban/{d.slug}")
    assert linked.count('class="citation"') == 1
    assert f'href="/van-ban/{doc.slug}"' in linked
    assert "&amp; khác" in linked and '<a href="/x">' in linked


async def test_filters_and_facets() -> None:
    tree = await make_tree()
    await published(
        tree.city,
        fields(
            "42/2022/NĐ-CP",
            "Quy định về cổng thông tin điện tử",
            doc_type="nghi_dinh",
            issuer_name="Chính phủ",
            issued_on=date(2022, 6, 24),
            signers=[Signer("Lê Minh Khái", "Phó Thủ tướng")],
            subjects=["Công nghệ thông tin"],
        ),
    )
    await published(tree.city, fields("1628/QĐ-UBND", "Phê duyệt kế hoạch giao thông"))
    await published(
        tree.city,
        fields(
            "139/KH-UBND",
            "Kế hoạch chuyển đổi số",
            doc_type="ke_hoach",
            issued_on=date(2025, 5, 5),
            effective_until=date(2025, 12, 31),
        ),
    )
    await document_create(SYSTEM_SCOPE, tree.city, fields("5/QĐ-UBND", "Bản nháp"))

    async def numbers(f: DocumentFilter, scope: Scope = SYSTEM_SCOPE) -> set[str]:
        qs = apply_filter(LegalDocument.visible(scope.for_tenant(tree.city)), f, TODAY)
        return set(await qs.values_list("number", flat=True))

    assert await numbers(DocumentFilter(number="42/2022/nd-cp")) == {"42/2022/NĐ-CP"}
    assert await numbers(DocumentFilter(number="42/2022")) == {"42/2022/NĐ-CP"}
    assert await numbers(DocumentFilter(text="cong thong tin")) == {"42/2022/NĐ-CP"}
    assert await numbers(DocumentFilter(signer="Minh Khái")) == {"42/2022/NĐ-CP"}
    assert await numbers(DocumentFilter(subject="cong nghe thong tin")) == {"42/2022/NĐ-CP"}
    assert await numbers(DocumentFilter(year=2025)) == {"139/KH-UBND"}
    assert await numbers(DocumentFilter(status=Validity.EXPIRED)) == {"139/KH-UBND"}
    assert await numbers(DocumentFilter(doc_types=("quyet_dinh",))) == {"1628/QĐ-UBND", "5/QĐ-UBND"}
    assert "5/QĐ-UBND" in await numbers(DocumentFilter())
    assert "5/QĐ-UBND" not in await numbers(DocumentFilter(), Scope(viewer=ANONYMOUS))
    scope = SYSTEM_SCOPE.for_tenant(tree.city)
    found = await facets(
        lambda: LegalDocument.visible(scope).filter(status="published"),
        DocumentFilter(doc_types=("nghi_dinh",)),
        TODAY,
    )
    # The type facet ignores its own filter; the others apply it.
    assert {f.value: f.count for f in found.types} == {
        "quyet_dinh": 1,
        "nghi_dinh": 1,
        "ke_hoach": 1,
    }
    assert {f.value: f.count for f in found.years} == {"2022": 1}
    assert {f.value: f.count for f in found.statuses} == {"in_force": 1}


DOC_FIELDS = """
  id number type issuer title issuedOn effectiveFrom validity validityReason
  signers { name jobTitle } fields
  relations { kind direction partial otherNumber other { number } }
"""


async def test_graphql_shows_relations_both_ways(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("bientap", {tree.city: [Role.ADMIN]})
    token = await token_for("bientap")
    create = """
      mutation($t: String!, $in: DocumentInput!) {
        documentCreate(tenant: $t, input: $in) {
          ... on DocumentSuccess { document { id slug } }
          ... on DocumentError { code message field }
        }
      }"""
    ids = {}
    for number, issued, effective in (
        ("15/2020/QĐ-UBND", "2020-05-01", None),
        ("20/2024/QĐ-UBND", "2024-05-01", "2024-06-01"),
    ):
        result = await gql(
            client,
            create,
            {
                "t": "hanoi",
                "in": {
                    "number": number,
                    "type": "quyet_dinh",
                    "issuer": "UBND TP Hà Nội",
                    "title": f"Quyết định {number}",
                    "issuedOn": issued,
                    "effectiveFrom": effective,
                    "signers": [{"name": "Nguyễn Văn A", "jobTitle": "Chủ tịch"}],
                },
            },
            token,
        )
        doc = result["data"]["documentCreate"]["document"]
        ids[number] = doc
        step = await gql(
            client,
            "mutation($id: ID!) { documentTransition(id: $id, step: PUBLISH) { __typename } }",
            {"id": doc["id"]},
            token,
        )
        assert step["data"]["documentTransition"]["__typename"] == "DocumentSuccess"
    added = await gql(
        client,
        """mutation($s: ID!, $t: ID!) { documentRelationAdd(input: {source: $s, target: $t, kind: AMENDS}) {
             __typename } }""",
        {"s": ids["20/2024/QĐ-UBND"]["id"], "t": ids["15/2020/QĐ-UBND"]["id"]},
        token,
    )
    assert added["data"]["documentRelationAdd"]["__typename"] == "DocumentSuccess"
    query = f'query($slug: String!) {{ document(tenant: "hanoi", slug: $slug) {{ {DOC_FIELDS} }} }}'
    target = (await gql(client, query, {"slug": ids["15/2020/QĐ-UBND"]["slug"]}))["data"][
        "document"
    ]
    source = (await gql(client, query, {"slug": ids["20/2024/QĐ-UBND"]["slug"]}))["data"][
        "document"
    ]
    assert target["validity"] == "PARTLY_EXPIRED"
    assert target["relations"] == [
        {
            "kind": "AMENDS",
            "direction": "INCOMING",
            "partial": False,
            "otherNumber": "20/2024/QĐ-UBND",
            "other": {"number": "20/2024/QĐ-UBND"},
        }
    ]
    assert source["relations"][0]["direction"] == "OUTGOING"
    assert source["relations"][0]["otherNumber"] == "15/2020/QĐ-UBND"
    assert source["signers"] == [{"name": "Nguyễn Văn A", "jobTitle": "Chủ tịch"}]


async def test_graphql_bad_input_gives_codes(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("bientap", {tree.city: [Role.EDITOR]})
    await make_viewer("phuong", {tree.ward: [Role.ADMIN]})
    token = await token_for("bientap")
    create = """
      mutation($in: DocumentInput!) { documentCreate(tenant: "hanoi", input: $in) {
        __typename ... on DocumentError { code field } } }"""
    base = {
        "number": "1/2024/QĐ-UBND",
        "type": "quyet_dinh",
        "issuer": "UBND",
        "title": "T",
        "issuedOn": "2024-01-01",
    }
    cases = [
        ({"number": "not a number"}, "INVALID_NUMBER"),
        ({"type": "khong_co"}, "INVALID_TYPE"),
        ({"title": "x" * 600}, "INVALID_INPUT"),
        ({"effectiveFrom": "2024-05-01", "effectiveUntil": "2024-04-01"}, "INVALID_DATES"),
        ({"title": "   "}, "INVALID_INPUT"),
    ]
    for change, code in cases:
        result = await gql(client, create, {"in": {**base, **change}}, token)
        assert result["data"]["documentCreate"]["code"] == code, change
    assert await LegalDocument.all().count() == 0
    other = await gql(client, create, {"in": base}, await token_for("phuong"))
    assert other["data"]["documentCreate"]["code"] == "FORBIDDEN"
    bad_date = await gql(client, create, {"in": {**base, "issuedOn": "2024-13-45"}}, token)
    assert (bad_date["errors"] and "data" not in bad_date) or bad_date.get("data") is None
    bad_filter = await gql(
        client, 'query { documents(tenant: "hanoi", filter: {year: 99999}) { totalCount } }'
    )
    assert bad_filter["errors"][0]["extensions"]["code"] == "INVALID_FILTER"


async def test_editor_cannot_change_a_published_document() -> None:
    tree = await make_tree()
    editor = await make_viewer("bientap", {tree.city: [Role.EDITOR]})
    doc = await published(tree.city, fields("77/2024/QĐ-UBND"))
    with pytest.raises(ServiceError) as caught:
        await document_update(Scope(viewer=editor), doc.id, fields("77/2024/QĐ-UBND", "Đổi"))
    assert caught.value.code == "FORBIDDEN"
    stranger = await make_viewer("phuong", {tree.ward: [Role.ADMIN]})
    draft = await document_create(SYSTEM_SCOPE, tree.city, fields("78/2024/QĐ-UBND"))
    with pytest.raises(ServiceError) as caught:
        await document_step(Scope(viewer=stranger), draft.id, "publish")
    assert caught.value.code == "NOT_FOUND"


async def test_list_statement_count_is_constant(
    client: httpx.AsyncClient, count_sql: object
) -> None:
    tree = await make_tree()
    for i in range(12):
        doc = await published(tree.city, fields(f"{i + 1}/2024/QĐ-UBND", f"Văn bản {i}"))
        if i:
            await relation_add(SYSTEM_SCOPE, doc.id, RelationKind.AMENDS, target_id=doc.id - 1)
    query = f"""query($n: Int!) {{ documents(tenant: "hanoi", first: $n) {{
        edges {{ node {{ {DOC_FIELDS} tenant {{ name }} }} }} }} }}"""
    counts = []
    for n in (3, 12):
        count_sql.statements.clear()  # type: ignore[attr-defined]
        result = await gql(client, query, {"n": n})
        assert len(result["data"]["documents"]["edges"]) == n
        counts.append(len(count_sql.statements))  # type: ignore[attr-defined]
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12, counts
