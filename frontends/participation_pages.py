"""The citizens' participation pages of every portal (docs/participation.md).

- `/gop-y-du-thao`: consultations on drafts, open and closed;
- `/gop-y-du-thao/<number>`: a draft's text, files, contact, deadline, the comments
  shown by moderators and, while open, the comment form (POST to the same address,
  then 303 back to `?da-gui=1#gop-y`);
- `/yeu-cau-cung-cap-thong-tin`: the information-request form of Law 104/2016
  Art. 24(2); its POST answers with the receipt and the tracking code, shown once;
- `/yeu-cau-cung-cap-thong-tin/tra-cuu`: a request's state, deadline and log by its
  tracking code (posted, so the code stays out of addresses, logs and referrers);
- `/danh-muc-thong-tin-cong-khai`: the list of information that must be disclosed;
- `/danh-gia`: POST a satisfaction rating of a page; 303 to `/danh-gia?trang=…`,
  which thanks the reader and links back to the page.

Every page runs named operations as an anonymous reader (the in-process
transport), so no personal data can reach them: the API returns none without
the handler's permission. Forms: see :mod:`frontends.participation_forms`.
Answers to posts are never cached (`Cache-Control: no-store`).
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from frontends.pages import Pages
from frontends.participation_forms import (
    HONEYPOT,
    NO_STORE,
    FieldError,
    FormRefused,
    PostedForm,
    citizen_page,
    field_error,
    messages,
    read_form,
)
from hub.i18n import N_, gettext

CONSULTATIONS = "/gop-y-du-thao"
REQUEST = "/yeu-cau-cung-cap-thong-tin"
STATUS = REQUEST + "/tra-cuu"
DISCLOSURES = "/danh-muc-thong-tin-cong-khai"
RATING = "/danh-gia"
COMMENT_LIMIT = 16 * 1024
REQUEST_LIMIT = 48 * 1024
SMALL_LIMIT = 2 * 1024
CONSULTATIONS_TITLE = N_("Consultations on drafts")
REQUEST_TITLE = N_("Request for information")
STATUS_TITLE = N_("Track a request for information")
DISCLOSURES_TITLE = N_("List of information that must be disclosed")
RATING_COOKIE = "danh-gia"
RATING_COOKIE_DAYS = 30
RATING_COOKIE_ENTRIES = 40

# Comment form: input id → the message beside it.
COMMENT_FIELDS = {
    "ho-ten": N_("Enter your name (at most 100 characters)."),
    "lien-he": N_("The contact is too long (at most 200 characters)."),
    "y-kien": N_("Write your comment (at most 5,000 characters)."),
    "dong-y": N_("Tick the box to agree to the processing of your personal data."),
}
COMMENT_API = {"name": "ho-ten", "contact": "lien-he", "body": "y-kien", "consent": "dong-y"}
DEADLINE_PASSED = N_(
    "The deadline for comments on this draft has passed. Comments are no longer accepted."
)
CONSULTATION_CLOSED = N_("This consultation is closed. Comments are no longer accepted.")
NOT_SENT = N_("The form could not be sent. Check it and try again.")

REQUEST_FIELDS = {
    "ho-ten": N_("Enter your full name (at most 100 characters)."),
    "dia-chi": N_("Enter your address (at most 300 characters)."),
    "so-cccd": N_(
        "Enter the number of your citizen identity card: 12 digits (9 for an old identity card)."
    ),
    "dien-thoai": N_("Enter a valid phone number, or leave it empty and give an e-mail address."),
    "email": N_("Enter a valid e-mail address, for example ten@example.vn."),
    "thong-tin": N_("Describe the information you request (at most 5,000 characters)."),
    "muc-dich": N_("Say what you will use the information for (at most 5,000 characters)."),
    "hinh-thuc": N_("Choose the form in which you want to receive the information."),
    "cach-thuc": N_("Choose how you want to receive the information."),
    "dong-y": N_("Tick the box to agree to the processing of your personal data."),
}
REQUEST_API = {
    "fullName": "ho-ten",
    "address": "dia-chi",
    "idNumber": "so-cccd",
    "phone": "dien-thoai",
    "email": "email",
    "information": "thong-tin",
    "purpose": "muc-dich",
    "receiveForm": "hinh-thuc",
    "receiveMeans": "cach-thuc",
    "consent": "dong-y",
}
REQUIRED = ("ho-ten", "dia-chi", "so-cccd", "thong-tin", "muc-dich", "hinh-thuc", "cach-thuc")
NO_CONTACT = N_("Enter a phone number or an e-mail address so that we can reach you.")
EMAIL_NEEDED = N_("To receive the information by e-mail, enter your e-mail address.")
RECEIVE_FORMS = {"dien-tu": "ELECTRONIC", "ban-giay": "PAPER", "xem-tai-cho": "VIEWING"}
RECEIVE_MEANS = {"email": "EMAIL", "buu-dien": "POST", "truc-tiep": "IN_PERSON"}

CODE_NEEDED = N_("Enter the tracking code you were given, for example ABCD-EFGH-JKMN.")
CODE_UNKNOWN = N_(
    "No request with this tracking code was found on this portal. Check the code and try again."
)
RATINGS = {"hai-long": "SATISFIED", "binh-thuong": "NEUTRAL", "khong-hai-long": "UNSATISFIED"}
BAD_RATING = N_("Choose one of the answers to rate this page.")
BAD_PAGE = N_("This page cannot be rated.")


def local_path(value: str) -> str | None:
    """A path on this portal (`/…`), never another site's address."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 300:
        return None
    return value


def rated_key(path: str) -> str:
    """What the rating cookie remembers of a page: a short hash, not its address."""
    return hashlib.blake2b(path.encode(), digest_size=6).hexdigest()


class ParticipationPages:
    """Consultations, information requests, the disclosure list and the rating."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.client = pages.client

    def routes(self) -> list[Route]:
        """Mount before the pages: `/{category}/{slug}` would take `/gop-y-du-thao/<n>`."""
        page = self.pages.portal_route
        routes = [
            page(CONSULTATIONS, self._consultations, "vi"),
            page(CONSULTATIONS + "/{number}", self._consultation, "vi"),
            page(REQUEST, self._request, "vi"),
            page(STATUS, self._status, "vi"),
            page(DISCLOSURES, self._disclosures, "vi"),
            page(RATING, self._rating, "vi"),
        ]
        # The portal route answers GET; these pages also take their own form's POST.
        posting = {CONSULTATIONS + "/{number}", REQUEST, STATUS, RATING}
        for route in routes:
            if route.path in posting:
                route.methods = {"GET", "HEAD", "POST"}
        return routes

    # --- rendering ------------------------------------------------------------------------

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
        return citizen_page(self.pages, request, data, template, status, private=private, **extra)

    async def _chrome(self, request: Request, slug: str) -> dict[str, Any]:
        return await self.client.run("ParticipationChrome", {"tenant": slug}, request)

    async def _refused(self, request: Request, slug: str, refusal: FormRefused) -> Response:
        data = await self._chrome(request, slug)
        return self._render(
            request,
            data,
            "participation_message.html",
            refusal.status,
            private=True,
            heading=N_("The form was not accepted"),
            notes=messages([refusal.message]),
        )

    def _redirect(self, request: Request, path: str) -> Response:
        target = request.scope.get("root_path", "") + path
        return RedirectResponse(target, 303, headers={"Cache-Control": NO_STORE})

    # --- consultations --------------------------------------------------------------------

    async def _consultations(self, request: Request, slug: str, language: str) -> Response:
        data = await self.client.run("ConsultationsPage", {"tenant": slug}, request)
        if data["tenant"] is None:
            return self.pages.not_found(request, "not_found")
        edges = [e["node"] for e in data["consultations"]["edges"]]
        return self._render(
            request,
            data,
            "consultations.html",
            open_items=[c for c in edges if c["acceptsComments"]],
            closed_items=[c for c in edges if not c["acceptsComments"]],
            trail=[(gettext("vi", CONSULTATIONS_TITLE), CONSULTATIONS)],
        )

    async def _consultation(self, request: Request, slug: str, language: str) -> Response:
        number = request.path_params["number"]
        if not (number.isascii() and number.isdigit() and 0 < len(number) <= 9):
            return self.pages.not_found(request, "not_found")
        data = await self.client.run(
            "ConsultationPage", {"tenant": slug, "number": int(number)}, request
        )
        consultation = data["consultation"]
        if data["tenant"] is None or consultation is None:
            return self.pages.not_found(request, "not_found", data)
        values: dict[str, str] = {}
        errors: list[FieldError] = []
        notes: list[tuple[str, str]] = []
        status = 200
        if request.method == "POST":
            try:
                form = await read_form(request, COMMENT_LIMIT)
            except FormRefused as refusal:
                return await self._refused(request, slug, refusal)
            if form.bot:  # as if sent: a bot learns nothing
                return self._redirect(request, f"{CONSULTATIONS}/{number}?da-gui=1#gop-y")
            values = {k: form.get(k) for k in COMMENT_FIELDS}
            errors, notes = await self._send_comment(request, slug, consultation, form)
            if not errors and not notes:
                return self._redirect(request, f"{CONSULTATIONS}/{number}?da-gui=1#gop-y")
            status = 409 if notes else 400
        return self._render(
            request,
            data,
            "consultation.html",
            status,
            consultation=consultation,
            values=values,
            errors=errors,
            field_errors={e.field: e for e in errors},
            notes=notes,
            sent=request.query_params.get("da-gui") == "1",
            honeypot=HONEYPOT,
            trail=[
                (gettext("vi", CONSULTATIONS_TITLE), CONSULTATIONS),
                (consultation["title"], f"{CONSULTATIONS}/{number}"),
            ],
        )

    async def _send_comment(
        self, request: Request, slug: str, consultation: dict[str, Any], form: PostedForm
    ) -> tuple[list[FieldError], list[tuple[str, str]]]:
        """Field errors, or notes about the consultation (closed, deadline passed)."""
        missing = [f for f in ("ho-ten", "y-kien") if not form.get(f).strip()]
        if form.get("dong-y") != "1":
            missing.append("dong-y")
        if missing:
            return [field_error(f, COMMENT_FIELDS[f]) for f in missing], []
        variables = {
            "tenant": slug,
            "consultation": consultation["id"],
            "input": {
                "name": form.get("ho-ten"),
                "contact": form.get("lien-he"),
                "body": form.get("y-kien"),
                "consent": True,
            },
        }
        data = await self.client.run("ConsultationCommentSubmit", variables, request)
        result = data["consultationCommentSubmit"]
        if result["__typename"] != "ParticipationError":
            return [], []
        if result["code"] == "DEADLINE_PASSED":
            return [], messages([DEADLINE_PASSED])
        if result["code"] == "CONSULTATION_CLOSED":
            return [], messages([CONSULTATION_CLOSED])
        target = COMMENT_API.get(result["field"] or "")
        if target is None:
            return [], messages([NOT_SENT])
        return [field_error(target, COMMENT_FIELDS[target])], []

    # --- information requests -------------------------------------------------------------

    async def _request(self, request: Request, slug: str, language: str) -> Response:
        data = await self._chrome(request, slug)
        if data["tenant"] is None:
            return self.pages.not_found(request, "not_found")
        trail = [(gettext("vi", REQUEST_TITLE), REQUEST)]
        if request.method != "POST":
            return self._render(
                request,
                data,
                "inforequest_form.html",
                values={},
                errors=[],
                field_errors={},
                honeypot=HONEYPOT,
                trail=trail,
            )
        try:
            form = await read_form(request, REQUEST_LIMIT)
        except FormRefused as refusal:
            return await self._refused(request, slug, refusal)
        if form.bot:
            return self._render(request, data, "inforequest_receipt.html", private=True, code="")
        errors = self._request_errors(form)
        received = None
        if not errors:
            result = (
                await self.client.run("InfoRequestSubmit", self._request_input(slug, form), request)
            )["inforequestSubmit"]
            if result["__typename"] == "ParticipationError":
                errors = [self._request_error(result, form)]
            else:
                received = result
        if received is None:
            return self._render(
                request,
                data,
                "inforequest_form.html",
                400,
                values={k: form.get(k) for k in (*REQUEST_FIELDS, "dien-thoai")},
                errors=errors,
                field_errors={e.field: e for e in errors},
                honeypot=HONEYPOT,
                trail=trail,
            )
        return self._render(
            request,
            data,
            "inforequest_receipt.html",
            private=True,
            code=received["trackingCode"],
            status_info=received["status"],
            trail=trail,
        )

    @staticmethod
    def _request_errors(form: PostedForm) -> list[FieldError]:
        """What is missing, all at once (formats are the service's to judge)."""
        wrong = [f for f in REQUIRED if not form.get(f).strip()]
        if form.get("hinh-thuc") and form.get("hinh-thuc") not in RECEIVE_FORMS:
            wrong.append("hinh-thuc")
        if form.get("cach-thuc") and form.get("cach-thuc") not in RECEIVE_MEANS:
            wrong.append("cach-thuc")
        errors = [field_error(f, REQUEST_FIELDS[f]) for f in REQUEST_FIELDS if f in wrong]
        if not form.get("dien-thoai").strip() and not form.get("email").strip():
            errors.append(field_error("dien-thoai", NO_CONTACT))
        elif form.get("cach-thuc") == "email" and not form.get("email").strip():
            errors.append(field_error("email", EMAIL_NEEDED))
        if form.get("dong-y") != "1":
            errors.append(field_error("dong-y", REQUEST_FIELDS["dong-y"]))
        return errors

    @staticmethod
    def _request_input(slug: str, form: PostedForm) -> dict[str, Any]:
        return {
            "tenant": slug,
            "input": {
                "fullName": form.get("ho-ten"),
                "address": form.get("dia-chi"),
                "idNumber": form.get("so-cccd"),
                "phone": form.get("dien-thoai"),
                "email": form.get("email"),
                "information": form.get("thong-tin"),
                "purpose": form.get("muc-dich"),
                "receiveForm": RECEIVE_FORMS[form.get("hinh-thuc")],
                "receiveMeans": RECEIVE_MEANS[form.get("cach-thuc")],
                "consent": True,
            },
        }

    @staticmethod
    def _request_error(result: dict[str, Any], form: PostedForm) -> FieldError:
        target = REQUEST_API.get(result["field"] or "", "")
        if target == "email" and form.get("cach-thuc") == "email" and not form.get("email"):
            return field_error("email", EMAIL_NEEDED)
        if target == "dien-thoai" and not form.get("dien-thoai") and not form.get("email"):
            return field_error("dien-thoai", NO_CONTACT)
        if target in REQUEST_FIELDS:
            return field_error(target, REQUEST_FIELDS[target])
        return field_error("ho-ten", NOT_SENT)

    async def _status(self, request: Request, slug: str, language: str) -> Response:
        trail = [(gettext("vi", REQUEST_TITLE), REQUEST), (gettext("vi", STATUS_TITLE), STATUS)]
        if request.method != "POST":
            data = await self._chrome(request, slug)
            if data["tenant"] is None:
                return self.pages.not_found(request, "not_found")
            return self._render(request, data, "inforequest_status.html", code="", trail=trail)
        try:
            form = await read_form(request, SMALL_LIMIT)
        except FormRefused as refusal:
            return await self._refused(request, slug, refusal)
        code = form.get("ma").strip()[:40]
        data = await self.client.run(
            "InfoRequestStatusPage", {"tenant": slug, "code": code}, request
        )
        if data["tenant"] is None:
            return self.pages.not_found(request, "not_found")
        found = data["inforequestStatus"]
        errors = []
        if found is None:
            errors = [field_error("ma", CODE_NEEDED if not code else CODE_UNKNOWN)]
        return self._render(
            request,
            data,
            "inforequest_status.html",
            400 if not code else (404 if found is None else 200),
            private=True,
            code=code,
            found=found,
            errors=errors,
            trail=trail,
        )

    # --- disclosure list and rating --------------------------------------------------------

    async def _disclosures(self, request: Request, slug: str, language: str) -> Response:
        data = await self.client.run("DisclosurePage", {"tenant": slug}, request)
        if data["tenant"] is None:
            return self.pages.not_found(request, "not_found")
        return self._render(
            request,
            data,
            "disclosures.html",
            items=data["disclosureItems"],
            trail=[(gettext("vi", DISCLOSURES_TITLE), DISCLOSURES)],
        )

    async def _rating(self, request: Request, slug: str, language: str) -> Response:
        if request.method != "POST":
            data = await self._chrome(request, slug)
            if data["tenant"] is None:
                return self.pages.not_found(request, "not_found")
            back = local_path(request.query_params.get("trang", ""))
            return self._render(request, data, "rating_thanks.html", back=back, notes=[])
        try:
            form = await read_form(request, SMALL_LIMIT)
        except FormRefused as refusal:
            return await self._refused(request, slug, refusal)
        path = local_path(form.get("trang"))
        value = RATINGS.get(form.get("muc-do"))
        if path is None or value is None:
            data = await self._chrome(request, slug)
            note = BAD_PAGE if path is None else BAD_RATING
            return self._render(
                request, data, "rating_thanks.html", 400, back=path, notes=messages([note])
            )
        rated = [k for k in request.cookies.get(RATING_COOKIE, "").split(".") if len(k) == 12]
        key = rated_key(path)
        response = self._redirect(request, f"{RATING}?{urlencode({'trang': path})}")
        if key in rated or form.bot:
            return response  # counted once per browser; a bot is thanked all the same
        data = await self.client.run(
            "RatingSubmit", {"tenant": slug, "path": path, "value": value}, request
        )
        if data["ratingSubmit"]["__typename"] == "ParticipationError":
            chrome = await self._chrome(request, slug)
            return self._render(
                request, chrome, "rating_thanks.html", 400, back=None, notes=messages([BAD_PAGE])
            )
        rated = [*rated, key][-RATING_COOKIE_ENTRIES:]
        response.set_cookie(
            RATING_COOKIE,
            ".".join(rated),
            max_age=RATING_COOKIE_DAYS * 86400,
            path=quote(request.scope.get("root_path", "") or "/"),
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
        return response
