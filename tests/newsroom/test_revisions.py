"""Every save keeps a revision; two revisions diff; a restore is a new revision."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.models.newsroom import Revision
from hub.services.articles import ArticleChanges, article_update
from tests.factories import SYSTEM_SCOPE, make_article, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for


async def test_revisions_diff_and_restore(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    article = await make_article(
        tree.ward, "Họp tổ dân phố", published=False, body="<p>Dòng một.</p>"
    )
    await article_update(
        SYSTEM_SCOPE,
        article.id,
        ArticleChanges(title="Họp tổ dân phố số 5", body="<p>Dòng hai.</p>"),
    )
    await make_viewer("bientap", {tree.ward: [Role.EDITOR]})
    token = await token_for("bientap")
    query = (
        '{ article(tenant: "hoankiem", slug: "hop-to-dan-pho") { title revisions { id number } } }'
    )
    revisions = (await gql(client, query, token=token))["data"]["article"]["revisions"]
    assert [r["number"] for r in revisions] == [2, 1]
    diff = await gql(
        client,
        "query($a: ID!, $b: ID!) { revisionDiff(old: $a, new: $b) { field diff } }",
        {"a": revisions[1]["id"], "b": revisions[0]["id"]},
        token=token,
    )
    fields = {d["field"]: d["diff"] for d in diff["data"]["revisionDiff"]}
    assert set(fields) == {"title", "body"}
    assert "-<p>Dòng một.</p>" in fields["body"] and "+<p>Dòng hai.</p>" in fields["body"]

    restored = await gql(
        client,
        'mutation { revisionRestore(id: "%s") { ... on ArticleSuccess { article { title body } } } }'
        % revisions[1]["id"],
        token=token,
    )
    assert restored["data"]["revisionRestore"]["article"] == {
        "title": "Họp tổ dân phố",
        "body": "<p>Dòng một.</p>",
    }
    numbers = (
        await Revision.filter(article_id=article.id)
        .order_by("number")
        .values_list("number", "note")
    )
    assert numbers == [(1, ""), (2, ""), (3, "restored from revision 1")]
    # The public sees no revisions at all.
    anonymous = await gql(client, query)
    assert anonymous["data"]["article"] is None
