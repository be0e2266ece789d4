"""Planned queries answer exactly what strawberry answers, and only when they can."""

from __future__ import annotations

import asyncio
import gc
import json
import re
import warnings
from typing import Any

import httpx
import strawberry

from hub import graphql_plans
from hub.context import HubServices, make_context
from hub.graphql import schema
from hub.graphql_plans import QueryRunner
from hub.seed.demo import seed_demo
from schema.common import encode_global_id
from tenants.scope import Scope
from tests.factories import make_article, make_category, make_tree

RICH = """
query Rich($tenant: String!, $n: Int!, $withCats: Boolean!, $skipTenant: Boolean!, $id: ID!) {
  __typename
  city: tenant(slug: $tenant) { __typename slug name ... on Tenant { level } }
  cats: categories(tenant: $tenant) @include(if: $withCats) { edges { cursor node { slug } } }
  articles(tenant: $tenant, first: $n) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ...Card t: title tenant @skip(if: $skipTenant) { slug } } }
  }
  fixed: articles(tenant: "hanoi", first: 2, language: VI) { edges { node { slug } } }
  node(id: $id) { __typename id ... on Article { title category { slug } } ... on Tenant { slug } }
}
fragment Card on Article { id slug title publishedAt kind status language category { name } }
"""


def _context() -> Any:
    return make_context(Scope(tenant=None), HubServices())


async def _both(runner: QueryRunner, query: str, variables: dict[str, Any]) -> tuple[Any, Any]:
    """(the runner's result, strawberry's result) for the same operation."""
    ours = await runner.execute(query, variable_values=variables, context_value=_context())
    theirs = await schema.execute(query, variable_values=variables, context_value=_context())
    return ours, theirs


def _errors(result: Any) -> list[dict[str, Any]]:
    return [e.formatted for e in result.errors or ()]


async def test_a_planned_query_answers_what_strawberry_answers() -> None:
    tree = await make_tree()
    news = await make_category(tree.city, "tin-tuc", name="Tin tức")
    articles = [
        await make_article(tree.city, f"Bài {i}", category=news, days_ago=i) for i in range(5)
    ]
    runner = QueryRunner(schema)
    article_id = encode_global_id("Article", articles[1].id)
    first = await runner.execute(
        RICH,
        variable_values={
            "tenant": "hanoi",
            "n": 3,
            "withCats": True,
            "skipTenant": False,
            "id": article_id,
        },
        context_value=_context(),
    )
    assert not first.errors and runner.counts["strawberry"] == 1  # vetted, then planned
    for n in (0, 3, 10):
        for with_cats in (True, False):
            for skip_tenant in (True, False):
                for node_id in (article_id, encode_global_id("Tenant", tree.ward.id)):
                    variables = {
                        "tenant": "hanoi",
                        "n": n,
                        "withCats": with_cats,
                        "skipTenant": skip_tenant,
                        "id": node_id,
                    }
                    ours, theirs = await _both(runner, RICH, variables)
                    assert not theirs.errors
                    assert ours.data == theirs.data
                    assert list(ours.data) == list(theirs.data)  # the same key order too
    assert runner.counts["planned"] == 3 * 2 * 2 * 2
    assert runner.counts["abandoned"] == 0
    # The @include branch really changes the answer, so both trees were exercised.
    ours, _ = await _both(
        runner,
        RICH,
        {"tenant": "hanoi", "n": 1, "withCats": False, "skipTenant": True, "id": article_id},
    )
    assert "cats" not in ours.data and "tenant" not in ours.data["articles"]["edges"][0]["node"]


async def test_converted_arguments_never_cross_between_executions() -> None:
    """A plan remembers converted arguments per field: each execution still gets its own."""
    tree = await make_tree()
    for tenant, language in ((tree.city, "vi"), (tree.city, "en"), (tree.ward, "vi")):
        await make_article(tenant, f"Bài {tenant.slug} {language}", language=language)
    query = """query($t: String!, $l: Language, $levels: [TenantLevel!]) {
      articles(tenant: $t, first: 5, language: $l) { edges { node { slug language } } }
      tenants(parent: "hanoi", level: $levels) { edges { node { slug } } }
    }"""
    runner = QueryRunner(schema)
    answers = []
    for t, language, levels in (
        ("hanoi", "VI", ["COMMUNE"]),
        ("hanoi", "EN", ["SITE", "DEPARTMENT"]),
        ("hoankiem", "VI", None),
        ("hanoi", None, ["COMMUNE"]),
        ("hanoi", "VI", ["DEPARTMENT"]),
    ):
        variables = {"t": t, "l": language, "levels": levels}
        ours, theirs = await _both(runner, query, variables)
        assert not theirs.errors and ours.data == theirs.data
        answers.append(ours.data)
    assert runner.counts["planned"] == 4 and runner.counts["abandoned"] == 0
    languages = [{e["node"]["language"] for e in a["articles"]["edges"]} for a in answers]
    assert languages == [{"VI"}, {"EN"}, {"VI"}, {"VI", "EN"}, {"VI"}]
    units = [{e["node"]["slug"] for e in a["tenants"]["edges"]} for a in answers]
    assert units[0] == {"hoankiem", "hoangmai"} and units[4] == {"soxaydung"}
    assert units[1] == {"soxaydung", "caicachhanhchinh"}


async def test_the_memory_of_converted_arguments_is_bounded(monkeypatch: Any) -> None:
    """However many documents and values arrive, a process keeps a bounded number."""
    monkeypatch.setattr(graphql_plans, "MAX_CONVERTED_ARGUMENTS", 3)
    tree = await make_tree()
    query = "query($t: String!, $n: Int!) { articles(tenant: $t, first: $n) { edges { node { slug } } } }"
    runner = QueryRunner(schema)
    slugs = [t.slug for t in (tree.city, tree.department, tree.ward, tree.other_ward, tree.site)]
    for n in (1, 2):
        for slug in slugs:
            ours, theirs = await _both(runner, query, {"t": slug, "n": n})
            assert not theirs.errors and ours.data == theirs.data
            assert len(runner._converted_arguments) <= 3
    assert runner.counts["planned"] == 9 and len(runner._converted_arguments) == 3


async def test_errors_come_from_strawberry_unchanged() -> None:
    await make_tree()
    runner = QueryRunner(schema)
    query = "query($t: String!, $n: Int!) { articles(tenant: $t, first: $n) { edges { node { slug } } } }"
    ok, _ = await _both(runner, query, {"t": "hanoi", "n": 2})
    assert not ok.errors and runner.counts["strawberry"] == 1
    # A resolver error abandons the plan; the answer is strawberry's, error for error.
    for bad in ({"t": "NOT A SLUG", "n": 2}, {"t": "hanoi", "n": 5000}):
        ours, theirs = await _both(runner, query, bad)
        assert ours.data == theirs.data and _errors(ours) == _errors(theirs)
        assert _errors(ours), bad
    assert runner.counts["abandoned"] == 2
    # Variables that do not coerce never reach the plan.
    ours, theirs = await _both(runner, query, {"t": "hanoi", "n": "many"})
    assert _errors(ours) == _errors(theirs) and _errors(ours)
    # (the first run, the two abandoned plans, and this one)
    assert runner.counts["strawberry"] == 4 and runner.counts["abandoned"] == 2


async def test_mutations_are_never_planned() -> None:
    tree = await make_tree()
    article = await make_article(tree.city, "Bài nháp", published=False)
    runner = QueryRunner(schema)
    mutation = """mutation($id: ID!) { articlePublish(id: $id) {
      __typename ... on ArticleError { code } } }"""
    variables = {"id": encode_global_id("Article", article.id)}
    for _ in range(3):
        result = await runner.execute(mutation, variable_values=variables, context_value=_context())
        assert result.data == {
            "articlePublish": {"__typename": "ArticleError", "code": "NOT_FOUND"}
        }
    assert runner.counts == {"strawberry": 3}


_LINK = re.compile(r'href="(/[^"#?]*)"')


async def test_every_demo_page_renders_the_same_from_plans(
    client: httpx.AsyncClient, app: Any
) -> None:
    """The front ends' own operations over the seeded demo: each page twice, the second
    time from plans, byte for byte the same."""
    await seed_demo(quiet=True)
    runner: QueryRunner = app.state.query_runner
    pages: list[tuple[str, str]] = []
    for host in ("thudo.gov.vn", "hoankiem.thudo.gov.vn"):
        home = await client.get("/", headers={"Host": host})
        links = sorted(set(_LINK.findall(home.text)))
        links = [link for link in links if not link.startswith(("/static/", "/media/"))]
        pages += [(host, link) for link in ["/", "/en/", "/van-ban/", "/cong-bao/", *links[:40]]]
    pages.append(("thudo.gov.vn", "/tim-kiem?q=chuyen+doi+so"))
    first = {}
    for host, path in pages:
        response = await client.get(path, headers={"Host": host})
        first[host, path] = (response.status_code, response.text)
    assert sum(1 for status, _ in first.values() if status == 200) >= 30
    before = runner.counts["planned"]
    for host, path in pages:
        response = await client.get(path, headers={"Host": host})
        assert (response.status_code, response.text) == first[host, path], (host, path)
    assert runner.counts["abandoned"] == 0
    assert runner.counts["planned"] - before >= 30


async def test_the_http_endpoint_runs_plans_for_queries_only(
    client: httpx.AsyncClient, app: Any
) -> None:
    await make_tree()
    runner: QueryRunner = app.state.query_runner
    query = '{ tenant(slug: "hanoi") { name } }'
    answers = [
        (await client.post("/graphql", json={"query": query})).json(),
        (await client.post("/graphql", json={"query": query})).json(),
        (await client.get("/graphql", params={"query": query})).json(),
    ]
    assert (
        answers[0] == answers[1] == answers[2] == {"data": {"tenant": {"name": "Thành phố Hà Nội"}}}
    )
    assert runner.counts == {"strawberry": 1, "planned": 2}
    # A planned query document is still refused where only mutations may go.
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps({"query": query}), "map": "{}"},
        files={"0": ("a.txt", b"x", "text/plain")},
        headers={"GraphQL-Require-Preflight": "1"},
    )
    assert response.status_code == 400, response.text
    assert runner.counts["planned"] == 2


@strawberry.type
class _Probe:
    @strawberry.field(description="Fails on demand, synchronously.")
    def boom(self, fail: bool) -> str:
        if fail:
            raise ValueError("boom")
        return "ok"

    @strawberry.field(description="Resolves later.")
    async def later(self) -> str:
        await asyncio.sleep(0)
        return "later"


async def test_a_synchronous_resolver_error_abandons_cleanly() -> None:
    probe = strawberry.Schema(query=_Probe)
    runner = QueryRunner(probe)
    query = "query($f: Boolean!) { later boom(fail: $f) }"
    assert (await runner.execute(query, variable_values={"f": False})).data == {
        "later": "later",
        "boom": "ok",
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ours = await runner.execute(query, variable_values={"f": True})
        gc.collect()
    theirs = await probe.execute(query, variable_values={"f": True})
    assert ours.data == theirs.data is None
    assert _errors(ours) == _errors(theirs) and "boom" in str(_errors(ours))
    assert runner.counts["abandoned"] == 1
    # The pending `later` was awaited before strawberry ran the operation again.
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)]
