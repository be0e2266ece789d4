"""Gazette screens: the editions, the edition builder and the intake register.

The builder opens a draft edition, lists published documents into its table
of contents with their pages (add, move, change, remove), attaches the signed
PDF from the media library (or uploaded in the page through `mediaUpload`) and
publishes it; the register logs what issuers sent, accepts it or flags an
error back. Every change is a gazette mutation, so its rules (consecutive
numbers, immutability once published, the VBHN rule, the signature check)
hold here as for any API client. An edition of another portal, or a draft the
viewer may not see, is a 404.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.client import HubError
from frontends.admin.document_forms import MAX_FORM_FIELDS, parse_day, read_fields, show_day
from frontends.admin.document_texts import (
    DATE_ERROR,
    EDITION_STATUS,
    GAZETTE_ALIASES,
    GAZETTE_DONE,
    GAZETTE_FIELD_ERRORS,
    GAZETTE_FORM_ERRORS,
    MEDIA_ERRORS,
    SUBMISSION_STATUS,
    api_error,
)
from frontends.admin.forms import same_origin, upload_request
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace
from frontends.rendering import markup_gettext
from hub.i18n import translations

MAX_NUMBERS = 10


def parse_numbers(text: str) -> list[int] | None:
    """ "59, 60" or "59 + 60" → [59, 60]; None when it is not a list of numbers."""
    parts = [p for p in text.replace("+", ",").replace(";", ",").split(",") if p.strip()]
    if not parts or len(parts) > MAX_NUMBERS or not all(p.strip().isdigit() for p in parts):
        return None
    return [int(p) for p in parts]


def parse_int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) <= 7 else None


class GazetteScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        base = f"{prefix}/cong-bao"
        edition = f"{base}/{{year:int}}/{{number:int}}"
        return [
            Route(base, page(self.editions), methods=["GET", "POST"]),
            Route(f"{base}/so-tiep-nhan", page(self.register), methods=["GET", "POST"]),
            Route(f"{base}/so-tiep-nhan/buoc", page(self.register_step), methods=["POST"]),
            Route(edition, page(self.edition), methods=["GET", "POST"]),
            Route(f"{edition}/muc", page(self.item_add), methods=["POST"]),
            Route(f"{edition}/muc/sua", page(self.item_update), methods=["POST"]),
            Route(f"{edition}/muc/xoa", page(self.item_remove), methods=["POST"]),
            Route(f"{edition}/pdf", page(self.attach_pdf), methods=["POST"]),
            Route(f"{edition}/phat-hanh", page(self.publish), methods=["POST"]),
        ]

    # -- the editions ------------------------------------------------------------

    async def editions(self, screen: Screen) -> Response:
        if not screen.may("gazette_edit"):
            return self._message(screen, 403, "forbidden")
        values = {"year": "", "numbers": "", "publishedOn": ""}
        errors: dict[str, str] = {}
        if screen.request.method == "POST":
            if not same_origin(screen.request):
                return self._message(screen, 403, "cross_site")
            form = await read_fields(screen.request)
            values = {k: form.get(k, "")[:40] for k in values}
            edition, errors = self._edition_input(values)
            if not errors:
                edition["tenant"] = screen.slug
                result = await self.client.run(
                    "GazetteEditionCreate", {"input": edition}, screen.request
                )
                outcome = result["gazetteEditionCreate"]
                if outcome["__typename"] == "GazetteEditionSuccess":
                    return self._done(screen, outcome["edition"], "created")
                errors = self._errors(screen, outcome)
        variables: dict[str, Any] = {"tenant": screen.slug}
        after = screen.request.query_params.get("sau")
        if after:
            variables["after"] = after[:100]
        data = await self.client.run("GazetteEditions", variables, screen.request)
        return self.workspace.layout(
            screen,
            "gazette_editions.html",
            400 if errors else 200,
            editions=data["gazetteEditions"],
            values=values,
            errors=errors,
            EDITION_STATUS=EDITION_STATUS,
            show_day=show_day,
        )

    @staticmethod
    def _edition_input(values: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
        errors: dict[str, str] = {}
        year = parse_int(values["year"])
        numbers = parse_numbers(values["numbers"])
        if year is None:
            errors["year"] = GAZETTE_FIELD_ERRORS["year"]["*"]
        if numbers is None:
            errors["numbers"] = GAZETTE_FIELD_ERRORS["numbers"]["*"]
        try:
            day = parse_day(values["publishedOn"])
        except ValueError:
            day = None
        if day is None:
            errors["publishedOn"] = GAZETTE_FIELD_ERRORS["publishedOn"]["*"]
        edition = {
            "year": year,
            "numbers": numbers,
            "publishedOn": day.isoformat() if day else None,
        }
        return edition, errors

    # -- one edition: the builder ---------------------------------------------------

    async def _load(self, screen: Screen) -> dict[str, Any] | None:
        params = screen.request.path_params
        data = await self.client.run(
            "GazetteEditionForm",
            {"tenant": screen.slug, "year": params["year"], "number": params["number"]},
            screen.request,
        )
        edition = data["gazetteEdition"]
        if edition is None or edition["tenant"]["slug"] != screen.slug:
            return None
        return data

    async def edition(self, screen: Screen) -> Response:
        if not screen.may("gazette_edit"):
            return self._message(screen, 403, "forbidden")
        data = await self._load(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        edition = data["gazetteEdition"]
        if screen.request.method != "POST":
            return await self._builder(screen, data, {}, {}, 200)
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        form = await read_fields(screen.request)
        values = {k: form.get(k, "")[:40] for k in ("year", "numbers", "publishedOn")}
        changes, errors = self._edition_input(values)
        if errors:
            return await self._builder(screen, data, values, errors, 400)
        changes["id"] = edition["id"]
        result = await self.client.run("GazetteEditionUpdate", {"input": changes}, screen.request)
        return await self._outcome(screen, data, result["gazetteEditionUpdate"], "saved", values)

    async def _post(self, screen: Screen) -> tuple[dict[str, Any] | None, dict[str, str]]:
        data = await self._load(screen) if screen.may("gazette_edit") else None
        return data, await read_fields(screen.request)

    async def item_add(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data, form = await self._post(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        values = {k: form.get(k, "")[:200] for k in ("document", "pageFrom", "pageTo", "position")}
        errors: dict[str, str] = {}
        item: dict[str, Any] = {"edition": data["gazetteEdition"]["id"]}
        if not values["document"]:
            errors["document"] = GAZETTE_FIELD_ERRORS["document"]["*"]
        item["document"] = values["document"]
        for name in ("pageFrom", "pageTo"):
            item[name] = parse_int(values[name])
            if item[name] is None:
                errors[name] = GAZETTE_FIELD_ERRORS[name]["*"]
        if values["position"].strip():
            item["position"] = parse_int(values["position"])
            if item["position"] is None:
                errors["position"] = GAZETTE_FIELD_ERRORS["position"]["*"]
        if errors:
            return await self._builder(screen, data, values, errors, 400)
        try:
            result = await self.client.run("GazetteItemAdd", {"input": item}, screen.request)
        except HubError:  # a forged document ID
            errors = {"document": GAZETTE_FIELD_ERRORS["document"]["*"]}
            return await self._builder(screen, data, values, errors, 400)
        return await self._outcome(screen, data, result["gazetteItemAdd"], "item", values)

    def _item_id(self, data: dict[str, Any], form: dict[str, str]) -> dict[str, Any] | None:
        """The line posted, if it is one of this edition's (another's is a 404)."""
        wanted = form.get("muc", "")
        return next((i for i in data["gazetteEdition"]["items"] if i["id"] == wanted), None)

    async def item_update(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data, form = await self._post(screen)
        item = self._item_id(data, form) if data else None
        if data is None or item is None:
            return self._message(screen, 404, "not_found")
        move = form.get("di-chuyen", "")
        changes: dict[str, Any] = {"id": item["id"]}
        if move in ("len", "xuong"):
            changes["position"] = item["position"] + (-1 if move == "len" else 1)
            changes["position"] = max(
                1, min(changes["position"], len(data["gazetteEdition"]["items"]))
            )
        else:
            for name in ("pageFrom", "pageTo"):
                changes[name] = parse_int(form.get(name, ""))
                if changes[name] is None:
                    errors = {name: GAZETTE_FIELD_ERRORS[name]["*"]}
                    return await self._builder(screen, data, {}, errors, 400)
        result = await self.client.run("GazetteItemUpdate", {"input": changes}, screen.request)
        return await self._outcome(screen, data, result["gazetteItemUpdate"], "item-saved", {})

    async def item_remove(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data, form = await self._post(screen)
        item = self._item_id(data, form) if data else None
        if data is None or item is None:
            return self._message(screen, 404, "not_found")
        result = await self.client.run("GazetteItemRemove", {"id": item["id"]}, screen.request)
        return await self._outcome(screen, data, result["gazetteItemRemove"], "item-removed", {})

    async def attach_pdf(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data = await self._load(screen) if screen.may("gazette_edit") else None
        if data is None:
            return self._message(screen, 404, "not_found")
        upload_form = upload_request(screen.request).form
        async with upload_form(max_files=1, max_fields=MAX_FORM_FIELDS) as form:
            chosen = form.get("pdf")
            asset = chosen[:200] if isinstance(chosen, str) else ""
            upload = next((v for v in form.values() if isinstance(v, UploadFile)), None)
            if upload is not None and upload.filename:
                # In-process, the Upload scalar takes Starlette's UploadFile as /graphql does.
                result = await self.client.run(
                    "DocumentMediaUpload",
                    {"input": {"tenant": screen.slug, "file": upload}},
                    screen.request,
                )
                uploaded = result["mediaUpload"]
                if uploaded["__typename"] != "MediaSuccess":
                    error = MEDIA_ERRORS.get(uploaded["code"], MEDIA_ERRORS["*"])
                    return await self._builder(screen, data, {}, {"pdf": error}, 400)
                asset = uploaded["asset"]["id"]
        if not asset:
            return await self._builder(
                screen, data, {}, {"pdf": GAZETTE_FIELD_ERRORS["pdf"]["*"]}, 400
            )
        variables = {"edition": data["gazetteEdition"]["id"], "pdf": asset}
        try:
            result = await self.client.run("GazetteEditionAttachPdf", variables, screen.request)
        except HubError:  # a forged asset ID
            return await self._builder(
                screen, data, {}, {"pdf": GAZETTE_FIELD_ERRORS["pdf"]["*"]}, 400
            )
        return await self._outcome(screen, data, result["gazetteEditionAttachPdf"], "pdf", {})

    async def publish(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data = await self._load(screen) if screen.may("gazette_edit") else None
        if data is None:
            return self._message(screen, 404, "not_found")
        result = await self.client.run(
            "GazetteEditionPublish", {"id": data["gazetteEdition"]["id"]}, screen.request
        )
        return await self._outcome(screen, data, result["gazetteEditionPublish"], "publish", {})

    # -- the intake register -------------------------------------------------------

    async def register(self, screen: Screen) -> Response:
        if not screen.may("gazette_edit"):
            return self._message(screen, 403, "forbidden")
        names = ("sender", "senderEmail", "number", "document", "receivedAt")
        values = dict.fromkeys(names, "")
        errors: dict[str, str] = {}
        if screen.request.method == "POST":
            if not same_origin(screen.request):
                return self._message(screen, 403, "cross_site")
            form = await read_fields(screen.request)
            values = {k: form.get(k, "")[:400] for k in names}
            line: dict[str, Any] = {
                "tenant": screen.slug,
                "sender": values["sender"],
                "senderEmail": values["senderEmail"],
                "number": values["number"],
                "document": values["document"] or None,
            }
            try:
                day = parse_day(values["receivedAt"])
            except ValueError:
                errors["receivedAt"] = DATE_ERROR
            else:
                # A day typed by hand: the start of that day in Hanoi.
                line["receivedAt"] = f"{day.isoformat()}T00:00:00+07:00" if day else None
            if not errors:
                try:
                    result = await self.client.run(
                        "GazetteSubmissionRegister", {"input": line}, screen.request
                    )
                except HubError:  # a forged document ID
                    errors = {"document": GAZETTE_FIELD_ERRORS["document"]["*"]}
                else:
                    outcome = result["gazetteSubmissionRegister"]
                    if outcome["__typename"] == "GazetteSubmissionSuccess":
                        return self._register_done(screen, "registered")
                    errors = self._errors(screen, outcome)
        return await self._register_page(screen, values, errors, {}, 400 if errors else 200)

    async def register_step(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        if not screen.may("gazette_edit"):
            return self._message(screen, 403, "forbidden")
        form = await read_fields(screen.request)
        line, step = form.get("dong", "")[:200], form.get("buoc", "")
        if step == "accept":
            operation, variables = "GazetteSubmissionAccept", {"id": line}
        elif step == "flag":
            operation = "GazetteSubmissionFlag"
            variables = {"id": line, "problem": form.get("loi", "")[:4000]}
        else:
            return self._message(screen, 400, "bad_request")
        try:
            result = await self.client.run(operation, variables, screen.request)
        except HubError:  # a malformed or foreign ID
            return self._message(screen, 404, "not_found")
        outcome = next(iter(result.values()))
        if outcome["__typename"] == "GazetteSubmissionSuccess":
            return self._register_done(screen, "accepted" if step == "accept" else "flagged")
        if outcome["code"] == "NOT_FOUND":
            return self._message(screen, 404, "not_found")
        errors = self._errors(screen, outcome)
        side = {"line": line, "problem": form.get("loi", "")}
        return await self._register_page(screen, dict.fromkeys(("sender",), ""), errors, side, 400)

    async def _register_page(
        self,
        screen: Screen,
        values: dict[str, str],
        errors: dict[str, str],
        side: dict[str, str],
        status: int,
    ) -> Response:
        variables: dict[str, Any] = {"tenant": screen.slug}
        after = screen.request.query_params.get("sau")
        if after:
            variables["after"] = after[:100]
        data = await self.client.run("GazetteSubmissions", variables, screen.request)
        return self.workspace.layout(
            screen,
            "gazette_register.html",
            status,
            register=data["gazetteSubmissions"],
            documents=[e["node"] for e in data["documents"]["edges"]],
            values=values,
            errors=errors,
            side=side,
            done=screen.request.query_params.get("xong", ""),
            GAZETTE_DONE=GAZETTE_DONE,
            SUBMISSION_STATUS=SUBMISSION_STATUS,
            show_day=show_day,
        )

    # -- rendering ---------------------------------------------------------------

    def _errors(self, screen: Screen, outcome: dict[str, Any]) -> dict[str, str]:
        code = outcome["code"]
        field, message = api_error(
            GAZETTE_FIELD_ERRORS, GAZETTE_FORM_ERRORS, outcome.get("field"), code, GAZETTE_ALIASES
        )
        if "%(detail)s" in message:
            # The API's detail (which signature failed, which amendment is missing) is data.
            _ = markup_gettext(translations(screen.language))
            message = str(_(message, detail=outcome["message"]))
            message = message.replace("%", "%%")  # the template translates it again
        return {field: message}

    async def _outcome(
        self,
        screen: Screen,
        data: dict[str, Any],
        outcome: dict[str, Any],
        done: str,
        values: dict[str, str],
    ) -> Response:
        if outcome["__typename"] != "GazetteError":
            edition = outcome.get("edition") or data["gazetteEdition"]
            return self._done(screen, edition, done)
        return await self._builder(screen, data, values, self._errors(screen, outcome), 400)

    async def _search(
        self, screen: Screen, data: dict[str, Any]
    ) -> tuple[dict[str, str], list[dict[str, Any]], list[dict[str, Any]]]:
        """`?don-vi=&tim=`: published documents of this portal or one below it, by number
        or words (the provincial gazette also carries the communes' documents, C2)."""
        portals = [{"slug": screen.slug, "name": screen.tenant["name"]}]
        portals += data["tenant"]["children"]
        params = screen.request.query_params
        query = {
            "unit": params.get("don-vi", screen.slug)[:100],
            "text": params.get("tim", "")[:200],
        }
        if query["unit"] not in {p["slug"] for p in portals}:
            query["unit"] = screen.slug
        found: list[dict[str, Any]] = []
        text = query["text"].strip()
        if text:
            number = any(c.isdigit() for c in text) and "/" in text
            flt = {"number": text} if number else {"text": text}
            flt["workflowStatus"] = "PUBLISHED"
            result = await self.client.run(
                "DocumentPicker", {"tenant": query["unit"], "filter": flt}, screen.request
            )
            found = [e["node"] for e in result["documents"]["edges"]]
        return query, found, portals

    async def _builder(
        self,
        screen: Screen,
        data: dict[str, Any],
        values: dict[str, str],
        errors: dict[str, str],
        status: int,
    ) -> Response:
        edition = data["gazetteEdition"]
        query, found, portals = await self._search(screen, data)
        listed = {i["document"]["id"] for i in edition["items"] if i["document"]}
        documents = [e["node"] for e in data["documents"]["edges"] if e["node"]["id"] not in listed]
        pdfs = [
            e["node"]
            for e in data["mediaAssets"]["edges"]
            if e["node"]["contentType"] == "application/pdf"
        ]
        edition_values = {
            "year": str(edition["year"]),
            "numbers": ", ".join(str(n) for n in edition["numbers"]),
            "publishedOn": show_day(edition["publishedOn"]),
        }
        return self.workspace.layout(
            screen,
            "gazette_edition.html",
            status,
            edition=edition,
            documents=documents,
            search=query,
            found=[d for d in found if d["id"] not in listed],
            portals=portals,
            pdfs=pdfs,
            values={**edition_values, **values},
            errors=errors,
            done=screen.request.query_params.get("xong", ""),
            GAZETTE_DONE=GAZETTE_DONE,
            EDITION_STATUS=EDITION_STATUS,
            show_day=show_day,
        )

    def _message(self, screen: Screen, status: int, kind: str) -> Response:
        return self.workspace.layout(screen, "message.html", status, kind=kind)

    def _done(self, screen: Screen, edition: dict[str, Any], what: str) -> Response:
        url = f"{screen.base}/cong-bao/{edition['year']}/{edition['numbers'][0]}?xong={what}"
        return RedirectResponse(url, 303, headers=NO_STORE)

    def _register_done(self, screen: Screen, what: str) -> Response:
        url = f"{screen.base}/cong-bao/so-tiep-nhan?xong={what}"
        return RedirectResponse(url, 303, headers=NO_STORE)
