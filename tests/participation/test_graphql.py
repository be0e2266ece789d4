"""The participation API: Success | Error unions, permissions, no personal data in public."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx

from hub.auth.permissions import Role
from hub.events.models import Event
from hub.participation import consultations as cons
from hub.participation.models import InfoRequest
from schema.common import encode_global_id
from tests.factories import SYSTEM_SCOPE, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

PERSONAL = ("Nguyễn Thị Bình", "001190012345", "0912345678", "binh@example.vn", "Số 5 Hàng Bài")

OPEN = """
mutation ($input: ConsultationInput!) {
  consultationOpen(tenant: "hoankiem", input: $input) {
    __typename
    ... on ConsultationSaved { consultation { id number deadline acceptsComments files { url } } }
    ... on ParticipationError { code field message }
  }
}"""
COMMENT = """
mutation ($id: ID!, $input: CommentInput!) {
  consultationCommentSubmit(tenant: "hoankiem", consultation: $id, input: $input) {
    __typename
    ... on CommentReceived { comment { id state contact } }
    ... on ParticipationError { code field }
  }
}"""
MODERATE = """
mutation ($id: ID!) {
  consultationCommentModerate(comment: $id, state: SHOWN) {
    __typename
    ... on CommentModerated { comment { state contact } }
    ... on ParticipationError { code }
  }
}"""
READ = """
query ($n: Int!) {
  consultation(tenant: "hoankiem", number: $n) { title comments { authorName body contact } }
}"""
SUBMIT = """
mutation ($input: InfoRequestInput!) {
  inforequestSubmit(tenant: "hoankiem", input: $input) {
    __typename
    ... on InfoRequestReceived { trackingCode status { state dueAt log { kind } } }
    ... on ParticipationError { code field }
  }
}"""
STATUS = """
query ($code: String!) {
  inforequestStatus(tenant: "hoankiem", trackingCode: $code) {
    state dueAt complex extended late answer log { kind note dueAt createdAt }
  }
}"""
HANDLER_LIST = """
{ inforequests(tenant: "hoankiem") { edges { node {
  id fullName idNumber phone email address trackingCode state dueAt log { kind }
} } } }"""
EXTEND = """
mutation ($id: ID!, $reason: String!) {
  inforequestExtend(request: $id, reason: $reason) {
    __typename
    ... on InfoRequestSaved { request { dueAt extended log { kind note } } }
    ... on ParticipationError { code }
  }
}"""

REQUEST_INPUT = {
    "fullName": PERSONAL[0],
    "address": PERSONAL[4],
    "idNumber": PERSONAL[1],
    "phone": PERSONAL[2],
    "email": PERSONAL[3],
    "information": "Quyết định phê duyệt quy hoạch",
    "purpose": "Tìm hiểu",
    "receiveForm": "ELECTRONIC",
    "receiveMeans": "EMAIL",
    "consent": True,
}


def payload(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"][field]
    return data


async def test_consultation_mutations_and_comment_privacy(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("btv", {tree.ward: [Role.EDITOR]})
    await make_viewer("pv", {tree.ward: [Role.REPORTER]})
    editor, reporter = await token_for("btv"), await token_for("pv")
    draft = {
        "title": "Dự thảo Quy chế",
        "body": "<p>Nội dung</p>",
        "deadline": (date.today() + timedelta(days=5)).isoformat(),
        "contact": "Văn phòng",
        "files": [{"title": "Dự thảo", "url": "/media/du-thao.pdf"}],
    }
    refused = payload(await gql(client, OPEN, {"input": draft}, reporter), "consultationOpen")
    assert refused["__typename"] == "ParticipationError" and refused["code"] == "FORBIDDEN"
    past = {**draft, "deadline": "2020-01-01"}
    refused = payload(await gql(client, OPEN, {"input": past}, editor), "consultationOpen")
    assert (refused["code"], refused["field"]) == ("INVALID_INPUT", "deadline")
    opened = payload(await gql(client, OPEN, {"input": draft}, editor), "consultationOpen")
    consultation = opened["consultation"]
    assert consultation["acceptsComments"] is True
    assert consultation["deadline"].endswith("16:59:59+00:00")  # 23:59:59 in Hà Nội

    comment = {"name": "Lan", "contact": PERSONAL[3], "body": "Ý kiến", "consent": True}
    sent = payload(
        await gql(client, COMMENT, {"id": consultation["id"], "input": comment}),
        "consultationCommentSubmit",
    )
    assert sent["__typename"] == "CommentReceived"
    assert sent["comment"]["state"] == "RECEIVED" and sent["comment"]["contact"] is None
    no_consent = {**comment, "consent": False}
    refused = payload(
        await gql(client, COMMENT, {"id": consultation["id"], "input": no_consent}),
        "consultationCommentSubmit",
    )
    assert refused["code"] == "CONSENT_REQUIRED"
    bad_id = payload(
        await gql(client, COMMENT, {"id": "bm9wZTox", "input": comment}),
        "consultationCommentSubmit",
    )
    assert bad_id["code"] == "NOT_FOUND"

    public = await gql(client, READ, {"n": consultation["number"]})
    assert public["data"]["consultation"]["comments"] == []
    moderated = payload(
        await gql(client, MODERATE, {"id": sent["comment"]["id"]}, editor),
        "consultationCommentModerate",
    )
    assert moderated["comment"] == {"state": "SHOWN", "contact": PERSONAL[3]}
    public = await gql(client, READ, {"n": consultation["number"]})
    assert public["data"]["consultation"]["comments"] == [
        {"authorName": "Lan", "body": "Ý kiến", "contact": None}
    ]
    other = await gql(client, READ, {"n": consultation["number"]}, host="hoangmai.thudo.gov.vn")
    assert other["data"]["consultation"]["title"] == "Dự thảo Quy chế"  # `tenant:` decides

    # A consultation whose deadline passed refuses comments with its own code.
    fields = cons.ConsultationFields("Cũ", "<p>x</p>", date.today() - timedelta(days=1), "VP")
    old = await cons.consultation_open(
        SYSTEM_SCOPE, tree.ward, fields, moment=cons.end_of(date.today() - timedelta(days=9))
    )
    late = payload(
        await gql(
            client, COMMENT, {"id": encode_global_id("Consultation", old.id), "input": comment}
        ),
        "consultationCommentSubmit",
    )
    assert late["code"] == "DEADLINE_PASSED"


async def test_information_requests_through_the_api(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("btv", {tree.ward: [Role.EDITOR]})
    await make_viewer("btv2", {tree.other_ward: [Role.EDITOR]})
    editor, elsewhere = await token_for("btv"), await token_for("btv2")
    bad = payload(
        await gql(client, SUBMIT, {"input": {**REQUEST_INPUT, "idNumber": "1"}}),
        "inforequestSubmit",
    )
    assert (bad["code"], bad["field"]) == ("INVALID_INPUT", "idNumber")
    received = payload(await gql(client, SUBMIT, {"input": REQUEST_INPUT}), "inforequestSubmit")
    code = received["trackingCode"]
    assert received["status"]["state"] == "RECEIVED"
    assert [s["kind"] for s in received["status"]["log"]] == ["RECEIVED"]

    status = await gql(client, STATUS, {"code": code})
    assert status["data"]["inforequestStatus"]["state"] == "RECEIVED"
    assert (await gql(client, STATUS, {"code": "0000-0000-0000"}))["data"][
        "inforequestStatus"
    ] is None
    for personal in PERSONAL:
        assert personal not in str(status)

    anonymous = await gql(client, HANDLER_LIST)
    assert anonymous["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await gql(client, HANDLER_LIST, token=elsewhere))["errors"][0]["extensions"][
        "code"
    ] == "FORBIDDEN"
    listed = await gql(client, HANDLER_LIST, token=editor)
    node = listed["data"]["inforequests"]["edges"][0]["node"]
    assert (node["fullName"], node["idNumber"], node["trackingCode"]) == (
        PERSONAL[0],
        PERSONAL[1],
        code,
    )

    refused = payload(
        await gql(client, EXTEND, {"id": node["id"], "reason": "x"}, elsewhere), "inforequestExtend"
    )
    assert refused["code"] == "FORBIDDEN"
    extended = payload(
        await gql(client, EXTEND, {"id": node["id"], "reason": "Cần xin ý kiến"}, editor),
        "inforequestExtend",
    )
    assert extended["request"]["extended"] is True
    assert [s["kind"] for s in extended["request"]["log"]] == ["RECEIVED", "EXTENDED"]
    again = payload(
        await gql(client, EXTEND, {"id": node["id"], "reason": "Nữa"}, editor), "inforequestExtend"
    )
    assert again["code"] == "ALREADY_EXTENDED"
    row = await InfoRequest.get(tracking_code=code.replace("-", ""))
    assert row.extended
    # The outbox's events, which webhooks and the public stream carry: no personal data.
    for event in await Event.all():
        for personal in (*PERSONAL, code, code.replace("-", "")):
            assert personal not in str(event.payload)


async def test_disclosure_items_and_rating_statistics(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_viewer("btv", {tree.ward: [Role.EDITOR]})
    editor = await token_for("btv")
    add = """
    mutation ($input: DisclosureItemInput!) {
      disclosureItemAdd(tenant: "hoankiem", input: $input) {
        __typename
        ... on DisclosureItemSaved { item { id title } }
        ... on ParticipationError { code field }
      }
    }"""
    item = {
        "title": "Kế hoạch công tác năm",
        "address": "https://hoankiem.thudo.gov.vn/ke-hoach",
        "form": "Đăng trên cổng",
        "disclosureTime": "Tháng 1 hằng năm",
        "duration": "Cả năm",
    }
    assert (
        payload(await gql(client, add, {"input": item}), "disclosureItemAdd")["code"] == "FORBIDDEN"
    )
    bad = payload(
        await gql(client, add, {"input": {**item, "address": "ftp://x"}}, editor),
        "disclosureItemAdd",
    )
    assert (bad["code"], bad["field"]) == ("INVALID_INPUT", "address")
    saved = payload(await gql(client, add, {"input": item}, editor), "disclosureItemAdd")
    listed = await gql(
        client,
        '{ disclosureItems(tenant: "hoankiem") { title address form disclosureTime duration } }',
    )
    assert listed["data"]["disclosureItems"] == [item]
    delete = "mutation ($id: ID!) { disclosureItemDelete(item: $id) { __typename } }"
    assert payload(
        await gql(client, delete, {"id": saved["item"]["id"]}, editor), "disclosureItemDelete"
    ) == {"__typename": "DisclosureItemDeleted"}

    rate = """
    mutation ($path: String!, $value: Satisfaction!) {
      ratingSubmit(tenant: "hoankiem", path: $path, value: $value) {
        __typename ... on ParticipationError { code }
      }
    }"""
    for value in ("SATISFIED", "SATISFIED", "NEUTRAL", "UNSATISFIED"):
        counted = await gql(client, rate, {"path": "/tin-tuc/a", "value": value})
        assert payload(counted, "ratingSubmit") == {"__typename": "RatingCounted"}
    bad_path = payload(await gql(client, rate, {"path": "tin", "value": "NEUTRAL"}), "ratingSubmit")
    assert bad_path["code"] == "INVALID_INPUT"
    stats = """
    { ratingStatistics(tenant: "hoankiem") {
        overall { satisfied neutral unsatisfied total satisfiedShare }
        pages { path total }
    } }"""
    assert (await gql(client, stats))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    result = (await gql(client, stats, token=editor))["data"]["ratingStatistics"]
    assert result["overall"] == {
        "satisfied": 2,
        "neutral": 1,
        "unsatisfied": 1,
        "total": 4,
        "satisfiedShare": 0.5,
    }
    assert result["pages"] == [{"path": "/tin-tuc/a", "total": 4}]
