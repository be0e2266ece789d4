"""Initiative screens: the queue, and one initiative with the steps the viewer may take.

The reform site's moderators screen, route (to any unit, with its deadline),
reject with a reason and publish; the unit it was routed to answers. Every
step is an API mutation (`initiativeAssign`, `initiativeAnswer`…), so the log,
the outbox event and the citizen's mail come from the one service. An
initiative the viewer may not handle is a 404, like a missing one.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.forms import read_form, same_origin
from frontends.admin.messages import N_
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

INITIATIVE_STATUS_LABELS = {
    "RECEIVED": N_("Received"),
    "SCREENED": N_("Examined"),
    "ASSIGNED": N_("Routed to a unit"),
    "ANSWERED": N_("Answered"),
    "PUBLISHED": N_("Published"),
    "REJECTED": N_("Rejected"),
}
# step: (operation, permission, statuses it starts from, whether it is the receiving portal's)
STEPS = {
    "screen": ("InitiativeScreen", "initiative_moderate", {"RECEIVED"}, True),
    "assign": (
        "InitiativeAssign",
        "initiative_moderate",
        {"RECEIVED", "SCREENED", "ASSIGNED"},
        True,
    ),
    "reject": (
        "InitiativeReject",
        "initiative_moderate",
        {"RECEIVED", "SCREENED", "ASSIGNED"},
        True,
    ),
    "answer": ("InitiativeAnswer", "initiative_answer", {"ASSIGNED"}, False),
    "publish": ("InitiativePublish", "initiative_moderate", {"ANSWERED"}, True),
}
STEP_DONE = {
    "screen": N_("Marked as examined."),
    "assign": N_("Routed; the unit and the citizen were told by e-mail."),
    "reject": N_("Rejected; the citizen was told the reason by e-mail."),
    "answer": N_("Answer saved; the citizen receives it by e-mail."),
    "publish": N_("Published with its answer."),
}
ERRORS = {
    "INVALID_INPUT": N_("Fill in this field."),
    "WRONG_STATUS": N_("This step is no longer possible: someone else has moved the initiative."),
    "FORBIDDEN": N_("You may not take this step."),
    "NOT_FOUND": N_("The initiative was not found."),
}
HANDLING = ("initiative_moderate", "initiative_answer", "citizen_contact_view")


def may_handle(screen: Screen) -> bool:
    """Whether the initiatives screens are for this viewer on this portal."""
    return any(screen.may(permission) for permission in HANDLING)


def allowed_steps(screen: Screen, initiative: dict[str, Any]) -> list[str]:
    """The step forms this viewer gets for ``initiative`` on this portal."""
    own = initiative["portal"]["slug"] == screen.slug
    routed_here = screen.slug in {
        (initiative.get("assignedUnit") or {}).get("slug"),
        (initiative.get("escalatedTo") or {}).get("slug"),
    }
    return [
        name
        for name, (_, permission, sources, receiving) in STEPS.items()
        if initiative["status"] in sources
        and screen.may(permission)
        and (own if receiving else routed_here)
    ]


class InitiativeScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        return [
            Route(f"{prefix}/sang-kien", page(self.listing)),
            Route(f"{prefix}/sang-kien/{{id}}", page(self.detail)),
            Route(f"{prefix}/sang-kien/{{id}}/buoc", page(self.step), methods=["POST"]),
        ]

    async def listing(self, screen: Screen) -> Response:
        if not may_handle(screen):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        params = screen.request.query_params
        status = params.get("trang-thai", "").upper()
        variables: dict[str, Any] = {"tenant": screen.slug}
        if status in INITIATIVE_STATUS_LABELS:
            variables["status"] = status
        if params.get("sau"):
            variables["after"] = params["sau"][:100]
        data = await self.client.run("InitiativeQueue", variables, screen.request)
        return self.workspace.layout(
            screen,
            "initiatives.html",
            active="initiatives",
            queue=data["initiativeQueue"],
            chosen=status if status in INITIATIVE_STATUS_LABELS else "",
            labels=INITIATIVE_STATUS_LABELS,
        )

    async def _detail(self, screen: Screen) -> dict[str, Any]:
        return await self.client.run(
            "InitiativeDetail", {"id": screen.request.path_params["id"]}, screen.request
        )

    async def detail(self, screen: Screen) -> Response:
        data = await self._detail(screen)
        if data["initiative"] is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        done = screen.request.query_params.get("xong", "")
        return self._page(screen, data, 200, done=STEP_DONE.get(done, ""))

    async def step(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        data = await self._detail(screen)
        initiative = data["initiative"]
        if initiative is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        form = await read_form(screen.request)
        name = form.get("buoc", "")
        if name not in allowed_steps(screen, initiative):
            return self.workspace.layout(screen, "message.html", 400, kind="bad_request")
        variables: dict[str, Any] = {"id": initiative["id"]}
        if name == "assign":
            variables |= {"unit": form.get("don-vi", ""), "note": form.get("ghi-chu", "")}
        elif name == "reject":
            variables["reason"] = form.get("ly-do", "")
        elif name == "answer":
            variables["answer"] = form.get("tra-loi", "")
        result = await self.client.run(STEPS[name][0], variables, screen.request)
        outcome = next(iter(result.values()))
        if outcome["__typename"] == "InitiativeSuccess":
            url = f"{screen.base}/sang-kien/{initiative['id']}?xong={name}"
            return RedirectResponse(url, 303, headers=NO_STORE)
        error = ERRORS.get(outcome["code"], ERRORS["INVALID_INPUT"])
        return self._page(screen, data, 400, errors={name: error}, values=form)

    def _page(self, screen: Screen, data: dict[str, Any], status: int, **context: Any) -> Response:
        initiative = data["initiative"]
        return self.workspace.layout(
            screen,
            "initiative.html",
            status,
            active="initiatives",
            initiative=initiative,
            units=[edge["node"] for edge in data["units"]["edges"]],
            steps=allowed_steps(screen, initiative),
            labels=INITIATIVE_STATUS_LABELS,
            errors=context.pop("errors", {}),
            values=context.pop("values", {}),
            **context,
        )
