"""The citizens' initiative pages of every portal (docs/citizens.md).

- `/sang-kien`: published initiatives with their answers, filtered by field
  (`linh-vuc`) and answering unit (`don-vi`);
- `/sang-kien/<number>`: one published initiative and its official answer;
- `/sang-kien/ket-qua`: each answering unit's record (received, on time, late, overdue);
- `/sang-kien/gui`: the form (no JavaScript needed, usable at 320 px). Its POST
  (multipart, for up to three attachments) answers with the receipt and the
  tracking code. The form carries an idempotency key made when it was shown:
  sending it twice, or again after an error, makes one initiative;
- `/sang-kien/tra-cuu`: progress and answer by tracking code (posted, so the
  code stays out of addresses, logs and referrers).

Like every page, they run named operations through the in-process GraphQL
transport as an anonymous reader: the API gives them no personal data.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from frontends.client import HubError
from frontends.pages import Pages
from frontends.participation_forms import (
    CROSS_SITE,
    HONEYPOT,
    NO_STORE,
    TOO_LARGE,
    FieldError,
    PostedForm,
    citizen_page,
    field_error,
    messages,
)
from hub.auth.routes import same_origin_request
from hub.i18n import N_, bilingual, gettext
from hub.initiatives.models import InitiativeTopic
from hub.initiatives.submission import ATTACHMENT_LIMITS, CONSENT_TEXT, MAX_ATTACHMENTS
from schema.common import decode_global_id, encode_global_id

LIST = "/sang-kien"
FORM = LIST + "/gui"
TRACK = LIST + "/tra-cuu"
RESULTS = LIST + "/ket-qua"
TEXT_LIMIT = 64 * 1024  # every field but the files
POST_LIMIT = MAX_ATTACHMENTS * max(ATTACHMENT_LIMITS.values()) + TEXT_LIMIT

TOPICS = {
    InitiativeTopic.ADMINISTRATIVE_PROCEDURES: N_("Administrative procedures"),
    InitiativeTopic.DIGITAL_TRANSFORMATION: N_("Digital transformation"),
    InitiativeTopic.URBAN_PLANNING: N_("Urban planning and construction"),
    InitiativeTopic.TRANSPORT: N_("Transport"),
    InitiativeTopic.ENVIRONMENT: N_("Environment"),
    InitiativeTopic.HEALTH: N_("Health"),
    InitiativeTopic.EDUCATION: N_("Education"),
    InitiativeTopic.ECONOMY: N_("Economy"),
    InitiativeTopic.SOCIETY: N_("Culture and society"),
    InitiativeTopic.OTHER: N_("Other"),
}
# The GraphQL enum's value names, by the slug the pages use.
TOPIC_NAMES = {topic.value: topic.name for topic in InitiativeTopic}
STATUS_LABELS = {
    "RECEIVED": N_("Received"),
    "SCREENED": N_("Being examined"),
    "ASSIGNED": N_("Sent to the responsible unit"),
    "ANSWERED": N_("Answered"),
    "PUBLISHED": N_("Answered and published"),
    "REJECTED": N_("Not accepted"),
}
STEP_LABELS = {
    "received": N_("Received"),
    "screened": N_("Examined by the moderators"),
    "assigned": N_("Sent to the responsible unit"),
    "answered": N_("Answered"),
    "published": N_("Published"),
    "rejected": N_("Not accepted"),
}

# Form field (input id) → the message beside it when the hub refuses it.
FIELDS = {
    "tieu-de": N_("Give your initiative a title (at most 300 characters)."),
    "noi-dung": N_("Describe your initiative (at most 20,000 characters)."),
    "linh-vuc": N_("Choose the field your initiative is about."),
    "don-vi": N_("Choose a unit from the list, or leave it empty."),
    "ho-ten": N_("Enter your full name (at most 200 characters)."),
    "email": N_("Enter a valid e-mail address, for example ten@example.vn."),
    "dien-thoai": N_("The phone number is too long (at most 30 characters)."),
    "dia-chi": N_("The address is too long (at most 300 characters)."),
    "dong-y": N_("Tick the box to agree to the processing of your personal data."),
    "tep": N_(
        "Attach at most 3 files: pictures or documents (PDF, Word, Excel) of at most 10 MB each."
    ),
}
API_FIELDS = {
    "title": "tieu-de",
    "content": "noi-dung",
    "topic": "linh-vuc",
    "place": "don-vi",
    "contactName": "ho-ten",
    "contactEmail": "email",
    "contactPhone": "dien-thoai",
    "contactAddress": "dia-chi",
    "consent": "dong-y",
    "attachments": "tep",
}
RATE_LIMITED = N_(
    "Too many initiatives were sent from your connection or e-mail address. Please try again later."
)
NOT_CONFIRMED = N_(
    "Your initiative could NOT be confirmed: the system had a problem while saving it, and "
    "nothing was kept. Send the form again below; it will not be received twice."
)
ROBOT = N_("The form could not be accepted. Open it again and send it yourself.")
BAD_SUPPORT_CODE = N_(
    "This code is not valid. Copy the 8 characters from the e-mail and try again."
)
CODE_NEEDED = N_("Enter the tracking code you were given, for example SK-ABCD-2345.")
CODE_UNKNOWN = N_("No initiative has this tracking code. Check the code and try again.")


def new_form_key() -> str:
    """The idempotency key a freshly shown form carries (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


def topic_labels(language: str) -> list[tuple[str, str]]:
    """(slug, label) of each field, in the order the form lists them."""
    return [(topic.value, gettext(language, label)) for topic, label in TOPICS.items()]


class InitiativePages:
    """The initiative list, page, form and tracking page of every portal."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.client = pages.client

    def routes(self) -> list[Route]:
        """Mount before the pages: `/{category}/{slug}` would take `/sang-kien/gui`."""
        page = self.pages.portal_route
        routes = [
            page(LIST, self._list, "vi"),
            page(FORM, self._form, "vi"),
            page(TRACK, self._track, "vi"),
            page(RESULTS, self._results, "vi"),
            page(LIST + "/{number:int}", self._initiative, "vi"),
        ]
        for route in routes:
            if route.path in (FORM, TRACK, LIST + "/{number:int}"):
                route.methods = {"GET", "HEAD", "POST"}
        return routes

    def _render(
        self,
        request: Request,
        data: dict[str, Any],
        template: str,
        status: int = 200,
        *,
        private: bool = False,
        **extra: Any,
    ) -> Response:
        """A page with the initiatives' labels; ``private`` ones are never stored anywhere."""
        return citizen_page(
            self.pages,
            request,
            data,
            template,
            status,
            private=private,
            topics=dict(topic_labels("vi")),
            topic_slugs={name: slug for slug, name in TOPIC_NAMES.items()},
            status_labels={k: gettext("vi", v) for k, v in STATUS_LABELS.items()},
            step_labels={k: gettext("vi", v) for k, v in STEP_LABELS.items()},
            **extra,
        )

    # --- the public list and page ---------------------------------------------------------

    async def _list(self, request: Request, slug: str, language: str) -> Response:
        params = request.query_params
        topic = params.get("linh-vuc", "")
        unit = params.get("don-vi", "")
        variables: dict[str, Any] = {
            "tenant": slug,
            "topic": TOPIC_NAMES.get(topic),
            "unit": unit or None,
            "after": params.get("sau") or None,
        }
        try:
            data = await self.client.run("InitiativesPage", variables, request)
        except HubError as exc:
            if not exc.codes & {"NOT_FOUND", "INVALID_SLUG", "INVALID_CURSOR"}:
                raise
            return self.pages.not_found(request, "not_found")
        return self._render(
            request,
            data,
            "initiatives.html",
            initiatives=[
                dict(e["node"], number=decode_global_id(e["node"]["id"])[1])
                for e in data["initiatives"]["edges"]
            ],
            page_info=data["initiatives"]["pageInfo"],
            total=data["initiatives"]["totalCount"],
            units=[e["node"] for e in data["units"]["edges"]],
            chosen_topic=topic if topic in TOPIC_NAMES else "",
            chosen_unit=unit,
        )

    async def _results(self, request: Request, slug: str, language: str) -> Response:
        data = await self.client.run("InitiativeResultsPage", {"tenant": slug}, request)
        return self._render(
            request, data, "initiative_results.html", statistics=data["initiativeStatistics"]
        )

    async def _initiative(self, request: Request, slug: str, language: str) -> Response:
        global_id = encode_global_id("Initiative", request.path_params["number"])
        data = await self.client.run("InitiativePage", {"tenant": slug, "id": global_id}, request)
        initiative = data.get("initiative")
        if initiative is None or initiative["portal"]["slug"] != slug:
            return self.pages.not_found(request, "not_found", data)
        if request.method != "POST":
            return self._render(request, data, "initiative.html", initiative=initiative)
        # The support form: ask for a code, then enter it.
        notes: list[str] = []
        stage, status = "", 200
        form = None
        if not same_origin_request(request):
            notes, status = [CROSS_SITE], 403
        else:
            try:
                form = await request.form(max_files=0, max_fields=6, max_part_size=1024)
            except MultiPartException:
                form = None
        step = str(form.get("buoc", "")) if form else ""
        if form is not None and str(form.get(HONEYPOT, "")).strip():
            notes, status = [ROBOT], 400
        elif step == "gui-ma":
            stage, notes, status = await self._support(
                request, global_id, str(form.get("email", ""))
            )
        elif step == "xac-nhan":
            stage, notes, status = await self._confirm(request, global_id, str(form.get("ma", "")))
            if stage == "counted":
                data = await self.client.run(
                    "InitiativePage", {"tenant": slug, "id": global_id}, request
                )
                initiative = data["initiative"]
        elif status == 200:
            notes, status = [ROBOT], 400
        return self._render(
            request,
            data,
            "initiative.html",
            status,
            private=True,
            initiative=initiative,
            support_stage=stage,
            notes=messages(notes),
        )

    async def _support(
        self, request: Request, global_id: str, email: str
    ) -> tuple[str, list[str], int]:
        """Ask for a code to be mailed: the stage the form is at, notes and status."""
        data = await self.client.run(
            "InitiativeSupport", {"id": global_id, "email": email[:254]}, request
        )
        result = data["initiativeSupport"]
        if result["__typename"] == "InitiativeError":
            if result["code"] == "RATE_LIMITED":
                return "", [RATE_LIMITED], 429
            return "", [FIELDS["email"]], 400
        return ("counted" if result["counted"] else "code-sent"), [], 200

    async def _confirm(
        self, request: Request, global_id: str, code: str
    ) -> tuple[str, list[str], int]:
        """Enter the mailed code: the stage the form is at, notes and status."""
        data = await self.client.run(
            "InitiativeSupportConfirm", {"id": global_id, "code": code[:40]}, request
        )
        result = data["initiativeSupportConfirm"]
        if result["__typename"] == "InitiativeError":
            return "code-sent", [BAD_SUPPORT_CODE], 400
        return "counted", [], 200

    # --- the form -------------------------------------------------------------------------

    async def _form(self, request: Request, slug: str, language: str) -> Response:
        if request.method != "POST":
            return await self._show_form(request, slug, PostedForm({"khoa": new_form_key()}))
        if not same_origin_request(request):
            return await self._show_form(request, slug, PostedForm(), 403, notes=[CROSS_SITE])
        length = request.headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > POST_LIMIT):
            return await self._show_form(request, slug, PostedForm(), 413, notes=[TOO_LARGE])
        try:
            async with request.form(
                max_files=MAX_ATTACHMENTS + 1,
                max_fields=30,
                max_part_size=TEXT_LIMIT,
            ) as form:
                values = {
                    k: v.replace("\r\n", "\n") for k, v in form.multi_items() if isinstance(v, str)
                }
                files = [f for f in form.getlist("tep") if isinstance(f, UploadFile) and f.filename]
                return await self._submit(request, slug, PostedForm(values), files)
        except MultiPartException:
            return await self._show_form(request, slug, PostedForm(), 400, notes=[TOO_LARGE])

    async def _submit(
        self, request: Request, slug: str, posted: PostedForm, files: list[UploadFile]
    ) -> Response:
        key = posted.get("khoa")
        if not 16 <= len(key) <= 80:
            posted.values["khoa"] = new_form_key()
            return await self._show_form(request, slug, posted, 400, notes=[ROBOT])
        if posted.get(HONEYPOT).strip():
            return await self._show_form(request, slug, posted, 400, notes=[ROBOT])
        topic = TOPIC_NAMES.get(posted.get("linh-vuc"))
        if topic is None:
            errors = [field_error("linh-vuc", FIELDS["linh-vuc"])]
            return await self._show_form(request, slug, posted, 400, errors=errors)
        if len(files) > MAX_ATTACHMENTS:
            errors = [field_error("tep", FIELDS["tep"])]
            return await self._show_form(request, slug, posted, 400, errors=errors)
        variables = {
            "tenant": slug,
            "key": key,
            "input": {
                "title": posted.get("tieu-de"),
                "content": posted.get("noi-dung"),
                "topic": topic,
                "place": posted.get("don-vi") or None,
                "contactName": posted.get("ho-ten"),
                "contactEmail": posted.get("email"),
                "contactPhone": posted.get("dien-thoai"),
                "contactAddress": posted.get("dia-chi"),
                "consent": posted.get("dong-y") == "1",
                "language": "vi",
                "attachments": files,
            },
        }
        try:
            data = await self.client.run("InitiativeSubmit", variables, request)
        except HubError as exc:
            if exc.codes & {"NOT_FOUND", "INVALID_SLUG"}:
                errors = [field_error("don-vi", FIELDS["don-vi"])]
                return await self._show_form(request, slug, posted, 400, errors=errors)
            # Nothing was confirmed: the same key lets the citizen send it again safely.
            return await self._show_form(request, slug, posted, 503, notes=[NOT_CONFIRMED])
        result = data["initiativeSubmit"]
        if result["__typename"] == "InitiativeError":
            if result["code"] == "RATE_LIMITED":
                return await self._show_form(request, slug, posted, 429, notes=[RATE_LIMITED])
            field_id = API_FIELDS.get(result["field"] or "", "noi-dung")
            errors = [field_error(field_id, FIELDS[field_id])]
            return await self._show_form(request, slug, posted, 400, errors=errors)
        chrome = await self.client.run("InitiativeFormPage", {"tenant": slug}, request)
        return self._render(
            request, chrome, "initiative_receipt.html", private=True, receipt=result
        )

    async def _show_form(
        self,
        request: Request,
        slug: str,
        posted: PostedForm,
        status: int = 200,
        *,
        errors: list[FieldError] | None = None,
        notes: list[str] | None = None,
    ) -> Response:
        try:
            data = await self.client.run("InitiativeFormPage", {"tenant": slug}, request)
        except HubError:
            if status != 503:
                raise
            # The database itself is failing: say so plainly, in both languages.
            return HTMLResponse(
                f"<!doctype html><meta charset=utf-8><p>{bilingual('server_error')}</p>",
                status_code=503,
                headers={"Cache-Control": NO_STORE, "Retry-After": "30"},
            )
        if "khoa" not in posted.values:
            posted.values["khoa"] = new_form_key()
        errors = errors or []
        return self._render(
            request,
            data,
            "initiative_form.html",
            status,
            private=True,
            units=[e["node"] for e in data["units"]["edges"]],
            values=posted.values,
            errors=errors,
            field_errors={e.field: e for e in errors},
            notes=messages(notes or []),
            consent_text=CONSENT_TEXT,
            honeypot=HONEYPOT,
            max_attachments=MAX_ATTACHMENTS,
        )

    # --- tracking -------------------------------------------------------------------------

    async def _track(self, request: Request, slug: str, language: str) -> Response:
        code, notes = "", []
        if request.method == "POST":
            if not same_origin_request(request):
                notes.append(CROSS_SITE)
            else:
                try:
                    form = await request.form(max_files=0, max_fields=5, max_part_size=1024)
                    raw = form.get("ma")
                except MultiPartException:
                    raw = None
                code = raw.strip()[:40] if isinstance(raw, str) else ""
                if not code:
                    notes.append(CODE_NEEDED)
        variables = {"tenant": slug, "code": code, "withCode": bool(code)}
        data = await self.client.run("InitiativeTrackingPage", variables, request)
        found = data.get("initiativeTracking")
        if code and found is None:
            notes.append(CODE_UNKNOWN)
        public_id = found["publicId"] if found else None
        public_number = decode_global_id(public_id)[1] if public_id else None
        return self._render(
            request,
            data,
            "initiative_status.html",
            404 if code and found is None else 400 if notes else 200,
            private=True,
            found=found,
            code=code,
            notes=messages(notes),
            public_number=public_number,
        )
