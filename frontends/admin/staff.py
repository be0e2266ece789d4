"""Users and roles of a portal (`/quan-tri/nguoi-dung`), for its admins.

The list with a role filter, the new-account form, and one user's page with
their roles here, a password reset and deactivation. Every change is an API
mutation (`staffCreate`, `roleGrant`, `roleRevoke`, `staffPasswordReset`,
`staffDeactivate`, `staffReactivate`), so the rules (who may change a shared
account), the audit log and the ending of sessions are the service's. A user
who holds no role in this portal is a 404, the same as a missing one.

A temporary password is shown once, on the page that answers the post, and
never put in a URL or a redirect.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.client import HubError
from frontends.admin.forms import read_form, same_origin
from frontends.admin.messages import N_
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

ROLES = ("reporter", "editor", "approver", "admin")
PERMISSION = "tenant_manage"
CREATE_FIELDS = ("username", "fullName", "email")
MAX_FIELD = 300  # far above the API's limits, which answer with a field error

# The message beside a field, by field and the API's error code ("*": any other code).
FIELD_ERRORS: dict[str, dict[str, str]] = {
    "username": {
        "DUPLICATE_USERNAME": N_("This username is taken. Choose another."),
        "*": N_(
            "Use 1 to 150 letters a-z without accents, digits, dots, underscores or hyphens, "
            "starting and ending with a letter or digit."
        ),
    },
    "fullName": {"*": N_("Enter the person's full name (at most 200 characters).")},
    "email": {
        "*": N_("Enter an e-mail address such as ten@hoankiem.hanoi.gov.vn, or leave it empty.")
    },
    "roles": {"*": N_("Choose at least one role.")},
}
# Errors that belong to no field, by code.
FORM_ERRORS = {
    "FORBIDDEN": N_(
        "This person also works in portals you do not manage, or is an operator: "
        "ask an operator to change their account."
    ),
    "SELF_CHANGE": N_(
        "You cannot change your own account or take away your own admin role here: "
        "ask another admin."
    ),
    "NOT_FOUND": N_("There is no such user in this portal."),
    "*": N_("The change could not be made. Check the fields and try again."),
}
DONE = {
    "roles": N_("The roles were saved."),
    "removed": N_("The person holds no role in this portal any more."),
    "deactivate": N_("The account was deactivated: the person is signed out and cannot sign in."),
    "reactivate": N_("The account was reactivated: the person can sign in again."),
}
STATES = {
    "deactivate": ("StaffDeactivate", N_("Deactivate account")),
    "reactivate": ("StaffReactivate", N_("Reactivate account")),
}


def field_error(field: str | None, code: str) -> tuple[str, str]:
    """``(form field, msgid)`` for an API error; form-wide errors use the field ``""``."""
    if field and field in FIELD_ERRORS:
        by_code = FIELD_ERRORS[field]
        return field, by_code.get(code, by_code["*"])
    return "", FORM_ERRORS.get(code, FORM_ERRORS["*"])


def _outcome(data: dict[str, Any]) -> dict[str, Any]:
    outcome: dict[str, Any] = next(iter(data.values()))
    return outcome


class StaffScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        base = f"{prefix}/nguoi-dung"
        return [
            Route(base, page(self.listing)),
            Route(f"{base}/moi", page(self.create), methods=["GET", "POST"]),
            Route(f"{base}/{{username}}", page(self.detail)),
            Route(f"{base}/{{username}}/vai-tro", page(self.roles), methods=["POST"]),
            Route(f"{base}/{{username}}/mat-khau", page(self.reset), methods=["POST"]),
            Route(f"{base}/{{username}}/trang-thai", page(self.state), methods=["POST"]),
        ]

    def _refuse(self, screen: Screen, post: bool = False) -> Response | None:
        """The page that replaces this screen for the wrong person or a forged post."""
        if not screen.may(PERMISSION):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        if post and not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        return None

    def _missing(self, screen: Screen) -> Response:
        return self.workspace.layout(screen, "staff_missing.html", 404, active="staff")

    # -- the list ----------------------------------------------------------------

    async def listing(self, screen: Screen) -> Response:
        if refused := self._refuse(screen):
            return refused
        chosen = screen.request.query_params.get("vai-tro", "")
        variables: dict[str, Any] = {"tenant": screen.slug}
        if chosen in ROLES:
            variables["role"] = chosen.upper()
        else:
            chosen = ""
        data = await self.client.run("StaffList", variables, screen.request)
        done = DONE.get(screen.request.query_params.get("xong", ""), "")
        return self.workspace.layout(
            screen,
            "staff.html",
            active="staff",
            staff=data["staff"],
            chosen=chosen,
            roles=ROLES,
            done=done,
        )

    # -- a new account -----------------------------------------------------------

    async def create(self, screen: Screen) -> Response:
        if refused := self._refuse(screen, post=screen.request.method == "POST"):
            return refused
        if screen.request.method != "POST":
            return self._create_form(screen, {"roles": []}, {}, 200)
        form = await read_form(screen.request)
        values: dict[str, Any] = {f: form.get(f, "")[:MAX_FIELD] for f in CREATE_FIELDS}
        values["roles"] = [r for r in ROLES if form.get(f"role-{r}")]
        variables = {
            "input": {
                "tenant": screen.slug,
                "username": values["username"],
                "fullName": values["fullName"],
                "email": values["email"],
                "roles": [r.upper() for r in values["roles"]],
            }
        }
        outcome = _outcome(await self.client.run("StaffCreate", variables, screen.request))
        if outcome["__typename"] != "StaffSuccess":
            field, message = field_error(outcome.get("field"), outcome["code"])
            return self._create_form(screen, values, {field: message}, 400)
        return self.workspace.layout(
            screen,
            "staff_password.html",
            active="staff",
            member=outcome["member"],
            password=outcome["temporaryPassword"],
            created=True,
        )

    def _create_form(
        self, screen: Screen, values: dict[str, Any], errors: dict[str, str], status: int
    ) -> Response:
        return self.workspace.layout(
            screen,
            "staff_form.html",
            status,
            active="staff",
            values=values,
            errors=errors,
            roles=ROLES,
        )

    # -- one user ----------------------------------------------------------------

    async def _member(self, screen: Screen) -> dict[str, Any] | None:
        username = screen.request.path_params["username"][:MAX_FIELD]
        try:
            data = await self.client.run(
                "StaffDetail", {"tenant": screen.slug, "username": username}, screen.request
            )
        except HubError:
            return None
        member: dict[str, Any] | None = data["staffMember"]
        return member

    async def detail(self, screen: Screen) -> Response:
        if refused := self._refuse(screen):
            return refused
        member = await self._member(screen)
        if member is None:
            return self._missing(screen)
        done = screen.request.query_params.get("xong", "")
        return self._page(screen, member, 200, done=DONE.get(done, ""))

    async def roles(self, screen: Screen) -> Response:
        if refused := self._refuse(screen, post=True):
            return refused
        member = await self._member(screen)
        if member is None:
            return self._missing(screen)
        form = await read_form(screen.request)
        wanted = {r for r in ROLES if form.get(f"role-{r}")}
        held = {r.lower() for r in member["roles"]}
        # Grants first: taking every role away at once would drop the person from
        # this portal's list, and then the page could no longer show them.
        changes = [("StaffRoleGrant", r) for r in ROLES if r in wanted - held]
        changes += [("StaffRoleRevoke", r) for r in ROLES if r in held - wanted]
        for operation, role in changes:
            variables = {
                "tenant": screen.slug,
                "username": member["username"],
                "role": role.upper(),
            }
            outcome = _outcome(await self.client.run(operation, variables, screen.request))
            if outcome["__typename"] != "StaffSuccess":
                _, message = field_error(None, outcome["code"])
                current = await self._member(screen)
                if current is None:
                    return self._missing(screen)
                return self._page(screen, current, 400, errors={"": message})
        if not wanted:  # no role here any more: the person has left this portal's list
            url = f"{screen.base}/nguoi-dung?xong=removed"
            return RedirectResponse(url, 303, headers=NO_STORE)
        return self._done(screen, member["username"], "roles")

    async def reset(self, screen: Screen) -> Response:
        if refused := self._refuse(screen, post=True):
            return refused
        member = await self._member(screen)
        if member is None:
            return self._missing(screen)
        variables = {"tenant": screen.slug, "username": member["username"]}
        outcome = _outcome(await self.client.run("StaffPasswordReset", variables, screen.request))
        if outcome["__typename"] != "StaffSuccess":
            _, message = field_error(None, outcome["code"])
            return self._page(screen, member, 400, errors={"": message})
        return self.workspace.layout(
            screen,
            "staff_password.html",
            active="staff",
            member=outcome["member"],
            password=outcome["temporaryPassword"],
            created=False,
        )

    async def state(self, screen: Screen) -> Response:
        if refused := self._refuse(screen, post=True):
            return refused
        member = await self._member(screen)
        if member is None:
            return self._missing(screen)
        form = await read_form(screen.request)
        step = form.get("buoc", "")
        if step not in STATES:
            return self.workspace.layout(screen, "message.html", 400, kind="bad_request")
        variables = {"tenant": screen.slug, "username": member["username"]}
        outcome = _outcome(await self.client.run(STATES[step][0], variables, screen.request))
        if outcome["__typename"] != "StaffSuccess":
            _, message = field_error(None, outcome["code"])
            return self._page(screen, member, 400, errors={"": message})
        return self._done(screen, member["username"], step)

    def _done(self, screen: Screen, username: str, what: str) -> Response:
        url = f"{screen.base}/nguoi-dung/{quote(username, safe='')}?xong={what}"
        return RedirectResponse(url, 303, headers=NO_STORE)

    def _page(
        self, screen: Screen, member: dict[str, Any], status: int, **context: Any
    ) -> Response:
        return self.workspace.layout(
            screen,
            "staff_user.html",
            status,
            active="staff",
            member=member,
            held={r.lower() for r in member["roles"]},
            roles=ROLES,
            states=STATES,
            errors=context.pop("errors", {}),
            **context,
        )
