"""Sharing screens, the receiver's side: what other portals placed on this one.

`/quan-tri/tin-tiep-nhan` lists offers and live placements with their source
portal and this portal's choices; each row has small POST forms for the quick
choices (accept, decline, hide, pin) and a page of its own
(`/quan-tri/tin-tiep-nhan/<id>`) for the rest (category, own title and
summary, cover from this portal's library, fork, re-link). Every choice is the
API's mutation for this portal only (`placementHide(id, tenant)`…), so the
audit log and the page cache follow. A placement that does not reach this
portal answers 404, like a missing one.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.forms import read_form, same_origin
from frontends.admin.messages import N_
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

PUBLISH = "article_publish"
# choice: (operation, extra permission beyond publishing here)
CHOICES: dict[str, tuple[str, str | None]] = {
    "accept": ("PlacementAccept", None),
    "decline": ("PlacementDecline", None),
    "hide": ("PlacementHide", None),
    "show": ("PlacementHide", None),
    "pin": ("PlacementPin", None),
    "unpin": ("PlacementPin", None),
    "categorize": ("PlacementCategorize", None),
    "override": ("PlacementOverride", None),
    "cover": ("PlacementCover", None),
    "fork": ("PlacementFork", None),
    "relink": ("PlacementRelink", "article_archive"),
}
DONE = {
    "accept": N_("Accepted: it shows on this portal now."),
    "decline": N_("Declined: it does not show on this portal."),
    "hide": N_("Hidden on this portal."),
    "show": N_("Shown on this portal again."),
    "pin": N_("Pinned: first in this portal's lists."),
    "unpin": N_("No longer pinned."),
    "categorize": N_("Category saved."),
    "override": N_("Title and summary saved."),
    "cover": N_("Cover saved."),
    "fork": N_("This portal's own copy was made and published; it no longer follows the source."),
    "relink": N_("The original shows again; this portal's copy was archived."),
}
ERRORS = {
    "title": N_("Enter a title of at most 300 characters."),
    "summary": N_("The summary is too long (at most 2,000 characters)."),
    "INVALID_CATEGORY": N_("Choose one of this portal's categories."),
    "INVALID_MEDIA": N_("Choose an image of this portal's library."),
    "ALREADY_FORKED": N_("This portal already has its own copy."),
    "NOT_FORKED": N_("This portal has no copy to drop."),
    "FORBIDDEN": N_("Your role in this portal does not allow this."),
    "INVALID_INPUT": N_("Accept the offer first."),
    "NOT_FOUND": N_("The article is not published at its source any more."),
    "*": N_("That did not work. Try again."),
}


def state(placement: dict[str, Any]) -> dict[str, Any]:
    """What this portal chose, with the defaults of a portal that chose nothing."""
    choices = placement.get("choices") or {}
    offered = placement["policy"] == "OFFERED"
    accepted = choices.get("accepted")
    return {
        "offered": offered,
        "undecided": offered and accepted is None,
        "declined": offered and accepted is False,
        "live": not offered or accepted is True,
        "hidden": bool(choices.get("hidden")),
        "pinned": bool(choices.get("pinned")),
        "forked": bool(choices.get("localCopy")),
        "choices": choices,
    }


def allowed(screen: Screen, placement: dict[str, Any]) -> list[str]:
    """The choices this viewer gets for one placement, as it stands."""
    s = state(placement)
    names: list[str] = []
    if s["undecided"]:
        names += ["accept", "decline"]
    elif s["declined"]:
        names.append("accept")
    elif s["offered"]:
        names.append("decline")
    if s["live"] and not s["forked"]:
        names += ["show" if s["hidden"] else "hide", "unpin" if s["pinned"] else "pin"]
        names += ["categorize", "override", "cover", "fork"]
    if s["forked"]:
        names.append("relink")
    if not screen.may(PUBLISH):
        return []
    return [name for name in names if screen.may(CHOICES[name][1] or PUBLISH)]


class ReceivedScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        return [
            Route(f"{prefix}/tin-tiep-nhan", page(self.listing)),
            Route(f"{prefix}/tin-tiep-nhan/{{id}}", page(self.detail)),
            Route(f"{prefix}/tin-tiep-nhan/{{id}}/chon", page(self.choose), methods=["POST"]),
        ]

    async def listing(self, screen: Screen) -> Response:
        if not screen.may(PUBLISH):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        variables: dict[str, Any] = {"tenant": screen.slug}
        if screen.request.query_params.get("sau"):
            variables["after"] = screen.request.query_params["sau"][:100]
        data = await self.client.run("PlacementsReceived", variables, screen.request)
        received = data["placementsReceived"]
        rows = [
            {"p": edge["node"], "s": state(edge["node"]), "choices": allowed(screen, edge["node"])}
            for edge in received["edges"]
            if edge["node"]["article"] is not None
        ]
        done = screen.request.query_params.get("xong", "")
        return self.workspace.layout(
            screen,
            "placements_received.html",
            active="placements",
            rows=rows,
            offers=[row for row in rows if row["s"]["undecided"]],
            page_info=received["pageInfo"],
            done=DONE.get(done, ""),
        )

    async def _placement(self, screen: Screen) -> dict[str, Any]:
        """`PlacementDetail`; its placement is None unless it reaches this portal and the
        viewer publishes here (the API answers null either way)."""
        return await self.client.run(
            "PlacementDetail",
            {"id": screen.request.path_params["id"], "tenant": screen.slug},
            screen.request,
        )

    async def detail(self, screen: Screen) -> Response:
        data = await self._placement(screen)
        if data["placementReceived"] is None or data["placementReceived"]["article"] is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        done = screen.request.query_params.get("xong", "")
        return self._page(screen, data, 200, done=DONE.get(done, ""))

    async def choose(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        data = await self._placement(screen)
        placement = data["placementReceived"]
        if placement is None or placement["article"] is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        form = await read_form(screen.request)
        name = form.get("viec", "")
        if name not in allowed(screen, placement):
            return self.workspace.layout(screen, "message.html", 400, kind="bad_request")
        variables: dict[str, Any] = {"id": placement["id"], "tenant": screen.slug}
        if name in ("hide", "show"):
            variables["hidden"] = name == "hide"
        elif name in ("pin", "unpin"):
            variables["pinned"] = name == "pin"
        elif name == "override":
            variables |= {"title": form.get("tieu-de", ""), "summary": form.get("tom-tat", "")}
        elif name == "categorize":
            variables["category"] = form.get("chuyen-muc") or None
        elif name == "cover":
            variables["cover"] = form.get("anh-dai-dien") or None
        result = await self.client.run(CHOICES[name][0], variables, screen.request)
        outcome = next(iter(result.values()))
        if outcome["__typename"] != "PlacementError":
            back = form.get("ve", "")
            url = f"{screen.base}/tin-tiep-nhan"
            url += f"?xong={name}" if back == "danh-sach" else f"/{placement['id']}?xong={name}"
            return RedirectResponse(url, 303, headers=NO_STORE)
        key = outcome.get("field") if outcome.get("field") in ERRORS else outcome["code"]
        field = {
            "title": "tieu-de",
            "summary": "tom-tat",
            "INVALID_CATEGORY": "chuyen-muc",
            "INVALID_MEDIA": "anh-dai-dien",
        }.get(key or "", name if name in ("fork", "relink") else "")
        errors = {field: ERRORS.get(key or "", ERRORS["*"])}
        return self._page(screen, data, 400, errors=errors, values=form)

    def _page(self, screen: Screen, data: dict[str, Any], status: int, **context: Any) -> Response:
        placement = data["placementReceived"]
        return self.workspace.layout(
            screen,
            "placement_received.html",
            status,
            active="placements",
            p=placement,
            s=state(placement),
            choices=allowed(screen, placement),
            categories=[edge["node"] for edge in data["categories"]["edges"]],
            images=[edge["node"] for edge in data["mediaAssets"]["edges"]],
            errors=context.pop("errors", {}),
            values=context.pop("values", None),
            **context,
        )
