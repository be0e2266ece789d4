"""Sharing screens, the owner's side: publish an article down the tree with a picker,
see and revoke its placements, propose it to a parent portal or a gathering site.

The picker is a plain form: checkboxes for whole levels of the portal's
subtree, whole branches and single units, grouped by level in ``<details>``.
"Count" re-renders the form with the number of portals the selection reaches,
asked of `publishDownReach`, which runs the same planning function as
`articlePublishDownMany`: the number shown is the number the article then
reaches. Only the article's publishers (approvers, admins of its portal) get
these screens; another portal's article is a 404.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.forms import same_origin
from frontends.admin.messages import N_
from frontends.admin.placements_received import ReceivedScreens
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

PUBLISH = "article_publish"
# A picker of a 600-portal tree posts a few hundred boxes at most.
MAX_FIELDS = 1_000
LEVEL_LABELS = {
    "COMMUNE": N_("Communes and wards"),
    "DEPARTMENT": N_("Departments and agencies"),
    "DISTRICT": N_("Districts (before 1/7/2025)"),
    "SITE": N_("Special sites"),
    "CITY": N_("City"),
}
LEVEL_ORDER = ("COMMUNE", "DEPARTMENT", "SITE", "DISTRICT", "CITY")
REACH_LABELS = {
    "SELF": N_("the portal itself"),
    "CHILDREN": N_("the portals directly below it"),
    "DESCENDANTS": N_("every portal below it"),
}
DONE = {
    "published": N_("Published down. The receiving portals show it now (offers once accepted)."),
    "revoked": N_("The placement was revoked on every portal."),
    "proposed": N_("Proposed. It shows there once the portal accepts it."),
}
ERRORS = {
    "NOT_FOUND": N_("One of the chosen portals no longer exists. Count again."),
    "FORBIDDEN": N_("Your role in this portal does not allow this."),
    "OUT_OF_REACH": N_("Choose portals of your own portal's subtree."),
    "INVALID_INPUT": N_("Choose at least one portal that does not receive the article yet."),
    "PROPOSE_OUT_OF_REACH": N_(
        "That portal does not receive proposals from yours: choose a parent portal or a site "
        "that gathers news from the whole tree."
    ),
    "*": N_("That did not work. Try again."),
}


async def read_choices(request: Request) -> dict[str, list[str]]:
    """The posted fields, every value of each (the picker sends many of one name)."""
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    fields: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(key, []).append(value[:200])
    return fields


def targets_of(fields: dict[str, list[str]], portal: str) -> list[dict[str, Any]]:
    """The picker's boxes as `PublishDownTarget`s: a level of the subtree, a branch (the
    unit and everything below it), a single unit."""
    targets: list[dict[str, Any]] = [
        {"target": portal, "reach": "DESCENDANTS", "levels": [level]}
        for level in fields.get("cap", [])
        if level in LEVEL_LABELS
    ]
    for slug in fields.get("nhanh", []):
        targets += [
            {"target": slug, "reach": "SELF"},
            {"target": slug, "reach": "DESCENDANTS"},
        ]
    targets += [{"target": slug, "reach": "SELF"} for slug in fields.get("don-vi", [])]
    return targets


def tree_groups(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The portals below, grouped by level in a fixed order, each unit with the number of
    units below it (a branch box is offered where there are any)."""
    below: dict[str, int] = {}
    by_slug = {u["slug"]: u for u in units}
    for unit in units:
        parent: str = (unit.get("parent") or {}).get("slug") or ""
        while parent in by_slug:
            below[parent] = below.get(parent, 0) + 1
            parent = (by_slug[parent].get("parent") or {}).get("slug") or ""
    groups = []
    for level in LEVEL_ORDER:
        members = sorted(
            (u for u in units if u["level"] == level), key=lambda u: u["name"].casefold()
        )
        if members:
            groups.append(
                {
                    "level": level,
                    "label": LEVEL_LABELS[level],
                    "units": [{**u, "below": below.get(u["slug"], 0)} for u in members],
                }
            )
    return groups


class PlacementScreens:
    """Routes of the sharing section: the owner's side here, the receiver's in
    :mod:`frontends.admin.placements_received`."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client
        self.received = ReceivedScreens(workspace)

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        article = f"{prefix}/bai-viet/{{id}}"
        return [
            Route(f"{prefix}/chia-se", page(self.overview)),
            Route(f"{article}/dang-xuong", page(self.publish_down), methods=["GET", "POST"]),
            Route(f"{article}/thu-hoi", page(self.revoke), methods=["POST"]),
            Route(f"{article}/de-xuat", page(self.propose), methods=["POST"]),
            *self.received.routes(prefix, page),
        ]

    # -- the section's start: this portal's published articles ---------------------

    async def overview(self, screen: Screen) -> Response:
        if not screen.may(PUBLISH):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        variables: dict[str, Any] = {"tenant": screen.slug, "status": "PUBLISHED"}
        if screen.request.query_params.get("sau"):
            variables["after"] = screen.request.query_params["sau"][:100]
        data = await self.client.run("ArticleList", variables, screen.request)
        return self.workspace.layout(
            screen, "placements.html", active="placements", articles=data["articleList"]
        )

    # -- one article: picker, placements, proposals --------------------------------

    async def _article(self, screen: Screen) -> dict[str, Any] | None:
        """The article in the path when it is this portal's and the viewer publishes here."""
        if not screen.may(PUBLISH):
            return None
        data = await self.client.run(
            "PublishDownArticle", {"id": screen.request.path_params["id"]}, screen.request
        )
        node = data["node"]
        if not node or (node.get("tenant") or {}).get("slug") != screen.slug:
            return None
        return node  # type: ignore[no-any-return]

    def _not_found(self, screen: Screen) -> Response:
        return self.workspace.layout(screen, "message.html", 404, kind="not_found")

    async def publish_down(self, screen: Screen) -> Response:
        article = await self._article(screen)
        if article is None:
            return self._not_found(screen)
        if screen.request.method == "GET":
            return await self._page(screen, article, 200)
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        fields = await read_choices(screen.request)
        targets = targets_of(fields, screen.slug)
        policy = "OFFERED" if fields.get("cach") == ["OFFERED"] else "MANDATORY"
        if (fields.get("buoc") or [""])[0] == "publish":
            result = await self.client.run(
                "PublishDownMany",
                {"input": {"article": article["id"], "targets": targets, "policy": policy}},
                screen.request,
            )
            outcome = result["articlePublishDownMany"]
            if outcome["__typename"] == "PublishDownManySuccess":
                return self._done(screen, article["id"], "published")
        else:
            result = await self.client.run(
                "PublishDownReach", {"article": article["id"], "targets": targets}, screen.request
            )
            outcome = result["publishDownReach"]
        if outcome["__typename"] == "PlacementError":
            error = ERRORS.get(outcome["code"], ERRORS["*"])
            return await self._page(screen, article, 400, fields=fields, errors={"chon": error})
        return await self._page(screen, article, 200, fields=fields, reach=outcome)

    async def revoke(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        article = await self._article(screen)
        if article is None:
            return self._not_found(screen)
        fields = await read_choices(screen.request)
        placement = (fields.get("vi-tri") or [""])[0]
        result = await self.client.run("PlacementRevoke", {"id": placement}, screen.request)
        outcome = result["placementRevoke"]
        if outcome["__typename"] == "PlacementSuccess":
            return self._done(screen, article["id"], "revoked")
        error = ERRORS.get(outcome["code"], ERRORS["*"])
        return await self._page(screen, article, 400, errors={"": error})

    async def propose(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        article = await self._article(screen)
        if article is None:
            return self._not_found(screen)
        fields = await read_choices(screen.request)
        to = (fields.get("den") or [""])[0]
        result = await self.client.run(
            "ArticlePropose", {"article": article["id"], "to": to}, screen.request
        )
        outcome = result["articlePropose"]
        if outcome["__typename"] == "PlacementSuccess":
            return self._done(screen, article["id"], "proposed")
        code = (
            "PROPOSE_" + outcome["code"] if outcome["code"] == "OUT_OF_REACH" else outcome["code"]
        )
        error = ERRORS.get(code, ERRORS["*"])
        return await self._page(screen, article, 400, errors={"den": error}, proposed_to=to)

    def _done(self, screen: Screen, article_id: str, what: str) -> Response:
        url = f"{screen.base}/bai-viet/{article_id}/dang-xuong?xong={what}"
        return RedirectResponse(url, 303, headers=NO_STORE)

    async def _page(
        self, screen: Screen, article: dict[str, Any], status: int, **context: Any
    ) -> Response:
        variables = {"id": article["id"], "tenant": screen.slug}
        data = await self.client.run("PublishDownPage", variables, screen.request)
        tree = data["tenants"]
        units = [edge["node"] for edge in tree["edges"]]
        # A tree larger than a page (Hanoi: 126 communes, the departments, the sites).
        for _ in range(10):
            if not tree["pageInfo"]["hasNextPage"]:
                break
            more = await self.client.run(
                "PublishDownTree",
                {"tenant": screen.slug, "after": tree["pageInfo"]["endCursor"]},
                screen.request,
            )
            tree = more["tenants"]
            units += [edge["node"] for edge in tree["edges"]]
        placements = data["articlePlacements"]
        ancestors = []
        parent = (data["tenant"] or {}).get("parent")
        while parent:
            ancestors.append(parent)
            parent = parent.get("parent")
        below = {u["slug"] for u in units}
        sites = [
            edge["node"]
            for edge in data["sites"]["edges"]
            if edge["node"]["slug"] not in below | {screen.slug}
            and edge["node"]["slug"] not in {a["slug"] for a in ancestors}
        ]
        done = screen.request.query_params.get("xong", "")
        return self.workspace.layout(
            screen,
            "placement_publish.html",
            status,
            active="placements",
            article=article,
            groups=tree_groups(units),
            down=[p for p in placements if p["placement"]["origin"] == "DOWN"],
            up=[p for p in placements if p["placement"]["origin"] == "UP"],
            destinations=ancestors + sites,
            fields=context.pop("fields", {}),
            errors=context.pop("errors", {}),
            reach=context.pop("reach", None),
            done=DONE.get(done, ""),
            level_labels=LEVEL_LABELS,
            reach_labels=REACH_LABELS,
            proposed_to=context.pop("proposed_to", ""),
            **context,
        )
