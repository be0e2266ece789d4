"""Legal document screens: the list, the form, relations, files, workflow and validity.

Every change goes through the document mutations (`documentCreate`,
`documentRelationAdd`, `documentSetValidity`…), so the permission rules, the
authority rule over other portals' documents (hub/services/document_authority.py)
and the audit log apply as they do to any API client. A document the viewer
may not read, or one of another portal, is a 404: the screen never tells a
hidden document from a missing one.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.client import HubError
from frontends.admin.document_forms import (
    MAX_FORM_FIELDS,
    MAX_SIGNER_ROWS,
    document_input,
    document_values,
    posted_values,
    read_fields,
    show_day,
)
from frontends.admin.document_texts import (
    DOCUMENT_DONE,
    DOCUMENT_FIELD_ERRORS,
    DOCUMENT_FORM_ERRORS,
    DOCUMENT_STEP_BUTTONS,
    KIND_ERROR,
    LANGUAGE_LABELS,
    MEDIA_ERRORS,
    TYPE_FILTER_ERROR,
    YEAR_ERROR,
    api_error,
    bilingual_part,
)
from frontends.admin.forms import same_origin, upload_request
from frontends.admin.messages import STATUS_LABELS
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace
from frontends.legal_pages import RELATION_WORDS, VALIDITY_LABELS

MIN_SIGNER_ROWS = 3
STEPS = {
    # step: (the API's step, the permission it needs, statuses it starts from)
    "submit": ("SUBMIT", "document_edit", {"DRAFT", "RETURNED", "UNPUBLISHED"}),
    "return": ("RETURN", "document_publish", {"SUBMITTED", "APPROVED"}),
    "approve": ("APPROVE", "document_publish", {"SUBMITTED"}),
    "publish": ("PUBLISH", "document_publish", {"APPROVED", "UNPUBLISHED"}),
    "unpublish": ("UNPUBLISH", "document_publish", {"PUBLISHED"}),
    "archive": ("ARCHIVE", "document_publish", {"DRAFT", "RETURNED", "PUBLISHED", "UNPUBLISHED"}),
}
# What the API lets the workflow_bypass permission publish straight from.
BYPASS_SOURCES = {"DRAFT", "SUBMITTED", "RETURNED"}
VALIDITY_PARAMS = tuple(VALIDITY_LABELS)


class DocumentScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        base = f"{prefix}/van-ban"
        return [
            Route(base, page(self.listing)),
            Route(f"{base}/moi", page(self.new), methods=["GET", "POST"]),
            Route(f"{base}/{{id}}", page(self.edit), methods=["GET", "POST"]),
            Route(f"{base}/{{id}}/buoc", page(self.step), methods=["POST"]),
            Route(f"{base}/{{id}}/hieu-luc", page(self.validity), methods=["POST"]),
            Route(f"{base}/{{id}}/lien-quan", page(self.relation_add), methods=["POST"]),
            Route(f"{base}/{{id}}/lien-quan/xoa", page(self.relation_remove), methods=["POST"]),
            Route(f"{base}/{{id}}/tep", page(self.attach), methods=["POST"]),
            Route(f"{base}/{{id}}/tep/xoa", page(self.detach), methods=["POST"]),
        ]

    # -- the list --------------------------------------------------------------

    async def listing(self, screen: Screen) -> Response:
        if not screen.may("document_edit"):
            return self._message(screen, 403, "forbidden")
        params = screen.request.query_params
        filters = {
            "q": params.get("q", "")[:200],
            "status": params.get("trang-thai", "")[:20],
            "type": params.get("loai", "")[:60],
            "year": params.get("nam", "")[:4],
        }
        errors: dict[str, str] = {}
        flt: dict[str, Any] = {}
        if filters["status"].upper() in STATUS_LABELS:
            flt["workflowStatus"] = filters["status"].upper()
        if filters["type"]:
            flt["types"] = [filters["type"]]
        if filters["year"]:
            if filters["year"].isdigit() and 1900 <= int(filters["year"]) <= 2200:
                flt["year"] = int(filters["year"])
            else:
                errors["year"] = YEAR_ERROR
        if filters["q"].strip():
            flt["text"] = filters["q"]
        variables: dict[str, Any] = {"tenant": screen.slug, "filter": flt}
        after = params.get("sau")
        if after:
            variables["after"] = after[:100]
        try:
            data = await self.client.run("DocumentList", variables, screen.request)
        except HubError:
            # An unknown type code or a stale cursor: the list without them, and say so.
            errors.setdefault("type", TYPE_FILTER_ERROR)
            variables = {"tenant": screen.slug, "filter": {}}
            data = await self.client.run("DocumentList", variables, screen.request)
        if filters["type"] and filters["type"] not in {t["code"] for t in data["documentTypes"]}:
            errors["type"] = TYPE_FILTER_ERROR
        return self.workspace.layout(
            screen,
            "documents.html",
            400 if errors else 200,
            documents=data["documents"],
            types=data["documentTypes"],
            filters=filters,
            errors=errors,
            STATUS_LABELS=STATUS_LABELS,
            VALIDITY_LABELS=VALIDITY_LABELS,
            show_day=show_day,
        )

    # -- create and edit ---------------------------------------------------------

    async def new(self, screen: Screen) -> Response:
        if not screen.may("document_edit"):
            return self._message(screen, 403, "forbidden")
        data = await self.client.run("NewDocumentForm", {}, screen.request)
        values = posted_values({})
        values["type"] = ""
        if screen.request.method != "POST":
            return await self._form(screen, None, data, values, {}, 200)
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        form = await read_fields(screen.request)
        values = posted_values(form)
        document, errors = document_input(values)
        if errors:
            return await self._form(screen, None, data, values, errors, 400)
        result = await self.client.run(
            "DocumentCreate", {"tenant": screen.slug, "input": document}, screen.request
        )
        outcome = result["documentCreate"]
        if outcome["__typename"] == "DocumentSuccess":
            return self._done(screen, outcome["document"]["id"], "created")
        return await self._form(screen, None, data, values, self._errors(screen, outcome), 400)

    async def _load(self, screen: Screen) -> dict[str, Any] | None:
        """`DocumentForm` for the document in the path, or None: a document of another
        portal, one the API does not return, and a malformed ID all look missing."""
        try:
            data = await self.client.run(
                "DocumentForm",
                {"id": screen.request.path_params["id"][:200], "tenant": screen.slug},
                screen.request,
            )
        except HubError as exc:
            if exc.codes & {"INVALID_ID", "BAD_USER_INPUT"}:
                return None
            raise
        node = data["node"]
        if not node or (node.get("tenant") or {}).get("slug") != screen.slug:
            return None
        return data

    async def edit(self, screen: Screen) -> Response:
        if not screen.may("document_edit"):
            return self._message(screen, 403, "forbidden")
        data = await self._load(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        doc = data["node"]
        values = document_values(doc)
        if screen.request.method != "POST":
            return await self._form(screen, doc, data, values, {}, 200)
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        form = await read_fields(screen.request)
        values = posted_values(form)
        document, errors = document_input(values)
        if errors:
            return await self._form(screen, doc, data, values, errors, 400)
        result = await self.client.run(
            "DocumentUpdate", {"id": doc["id"], "input": document}, screen.request
        )
        outcome = result["documentUpdate"]
        if outcome["__typename"] == "DocumentSuccess":
            return self._done(screen, doc["id"], "saved")
        return await self._form(screen, doc, data, values, self._errors(screen, outcome), 400)

    # -- actions on a saved document ------------------------------------------------

    async def _act(self, screen: Screen) -> tuple[dict[str, Any] | None, dict[str, str]]:
        """The document in the path and the posted form, once the post is same-origin."""
        data = await self._load(screen)
        return data, await read_fields(screen.request)

    async def _run_action(
        self,
        screen: Screen,
        operation: str,
        variables: dict[str, Any],
        data: dict[str, Any],
        done: str,
        side_values: dict[str, str],
    ) -> Response:
        result = await self.client.run(operation, variables, screen.request)
        outcome = next(iter(result.values()))
        if outcome["__typename"] == "DocumentSuccess":
            return self._done(screen, data["node"]["id"], done)
        doc = data["node"]
        errors = self._errors(screen, outcome)
        if operation == "DocumentSetValidity" and "reason" in errors:
            # The override's reason, not the return step's (the same API field name).
            errors = {"validityReason": errors["reason"]}
        return await self._form(
            screen, doc, data, document_values(doc), errors, 400, side=side_values
        )

    async def step(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data, form = await self._act(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        name = form.get("buoc", "")
        if name not in STEPS:
            return self._message(screen, 400, "bad_request")
        variables = {
            "id": data["node"]["id"],
            "step": STEPS[name][0],
            "reason": form.get("ly-do", ""),
        }
        side = {"reason": form.get("ly-do", "")}
        return await self._run_action(screen, "DocumentTransition", variables, data, name, side)

    async def validity(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data, form = await self._act(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        chosen = form.get("tinh-trang", "")
        side = {"validity": chosen, "validityReason": form.get("ly-do-hieu-luc", "")}
        if chosen and chosen not in VALIDITY_PARAMS:
            doc = data["node"]
            errors = {"validity": DOCUMENT_FIELD_ERRORS["validity"]["*"]}
            return await self._form(screen, doc, data, document_values(doc), errors, 400, side=side)
        variables = {
            "id": data["node"]["id"],
            "validity": chosen or None,
            "reason": form.get("ly-do-hieu-luc", ""),
        }
        done = "validity" if chosen else "validity-cleared"
        return await self._run_action(screen, "DocumentSetValidity", variables, data, done, side)

    async def relation_add(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data, form = await self._act(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        kind = form.get("loai-quan-he", "")
        side = {
            "kind": kind,
            "targetNumber": form.get("so-van-ban", ""),
            "note": form.get("ghi-chu", ""),
        }
        if kind not in RELATION_WORDS:
            doc = data["node"]
            errors = {"kind": KIND_ERROR}
            return await self._form(screen, doc, data, document_values(doc), errors, 400, side=side)
        relation: dict[str, Any] = {
            "source": data["node"]["id"],
            "kind": kind,
            "partial": bool(form.get("mot-phan")),
            "note": form.get("ghi-chu", "")[:2000],
        }
        if form.get("dich"):
            relation["target"] = form["dich"][:200]
        else:
            relation["targetNumber"] = form.get("so-van-ban", "")[:200]
        try:
            return await self._run_action(
                screen, "DocumentRelationAdd", {"input": relation}, data, "relation", side
            )
        except HubError:  # a forged target ID
            doc = data["node"]
            errors = {"target": DOCUMENT_FIELD_ERRORS["target"]["*"]}
            return await self._form(screen, doc, data, document_values(doc), errors, 400, side=side)

    async def relation_remove(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data, form = await self._act(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        relation = form.get("quan-he", "")
        # Only a relation this document shows may be removed from its page.
        if relation not in {r["id"] for r in data["node"]["relations"]}:
            return self._message(screen, 404, "not_found")
        return await self._run_action(
            screen, "DocumentRelationRemove", {"id": relation}, data, "relation-removed", {}
        )

    async def attach(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data = await self._load(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        # One file at most; the form's spooled files are closed whatever happens.
        upload_form = upload_request(screen.request).form
        async with upload_form(max_files=1, max_fields=MAX_FORM_FIELDS) as form:
            upload = next((v for v in form.values() if isinstance(v, UploadFile)), None)
            asset = (
                str(form.get("tep") or "")[:200]
                if not isinstance(form.get("tep"), UploadFile)
                else ""
            )
            if upload is not None and upload.filename:
                return await self._upload_and_attach(screen, data, upload)
        return await self._attach(screen, data, asset)

    async def _upload_and_attach(
        self, screen: Screen, data: dict[str, Any], upload: UploadFile
    ) -> Response:
        """A file uploaded in the page: into the media library by `mediaUpload`, then attached.

        The Upload scalar takes Starlette's UploadFile in-process, as it does from
        `/graphql`'s multipart requests, so the library's checks apply unchanged.
        """
        result = await self.client.run(
            "DocumentMediaUpload",
            {"input": {"tenant": screen.slug, "file": upload}},
            screen.request,
        )
        outcome = result["mediaUpload"]
        if outcome["__typename"] != "MediaSuccess":
            doc = data["node"]
            errors = {"file": MEDIA_ERRORS.get(outcome["code"], MEDIA_ERRORS["*"])}
            return await self._form(screen, doc, data, document_values(doc), errors, 400)
        return await self._attach(screen, data, outcome["asset"]["id"])

    async def _attach(self, screen: Screen, data: dict[str, Any], asset: str) -> Response:
        doc = data["node"]
        if not asset:
            errors = {"file": DOCUMENT_FIELD_ERRORS["file"]["*"]}
            return await self._form(screen, doc, data, document_values(doc), errors, 400)
        try:
            return await self._run_action(
                screen, "DocumentAttach", {"id": doc["id"], "file": asset}, data, "file", {}
            )
        except HubError:  # a forged asset ID
            errors = {"file": DOCUMENT_FIELD_ERRORS["file"]["*"]}
            return await self._form(screen, doc, data, document_values(doc), errors, 400)

    async def detach(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self._message(screen, 403, "cross_site")
        data, form = await self._act(screen)
        if data is None:
            return self._message(screen, 404, "not_found")
        attachment = form.get("dinh-kem", "")
        if attachment not in {a["id"] for a in data["node"]["attachments"]}:
            return self._message(screen, 404, "not_found")
        return await self._run_action(
            screen, "DocumentDetach", {"attachment": attachment}, data, "file-removed", {}
        )

    # -- rendering ---------------------------------------------------------------

    def _errors(self, screen: Screen, outcome: dict[str, Any]) -> dict[str, str]:
        """The API's error as a sentence beside its field; the authority rule's refusal
        is already worded (Vietnamese / English), so it is shown as the API says it."""
        if outcome.get("code") == "NO_AUTHORITY":
            return {"target": bilingual_part(outcome["message"], screen.language)}
        field, message = api_error(
            DOCUMENT_FIELD_ERRORS, DOCUMENT_FORM_ERRORS, outcome.get("field"), outcome["code"]
        )
        return {field: message}

    async def _pick(self, screen: Screen, data: dict[str, Any]) -> tuple[str, list[Any], list[Any]]:
        """The relations picker: `?tim=` searched in this portal and each ancestor."""
        query = screen.request.query_params.get("tim", "")[:200].strip()
        portals = [{"slug": screen.slug, "name": screen.tenant["name"]}]
        parent = data["tenant"].get("parent")
        while parent:
            portals.append({"slug": parent["slug"], "name": parent["name"]})
            parent = parent.get("parent")
        found: list[dict[str, Any]] = []
        if query:
            looks_like_number = any(c.isdigit() for c in query) and "/" in query
            flt = {"number": query} if looks_like_number else {"text": query}
            own = data["node"]["id"] if data.get("node") else None
            for portal in portals:
                result = await self.client.run(
                    "DocumentPicker", {"tenant": portal["slug"], "filter": flt}, screen.request
                )
                found += [e["node"] for e in result["documents"]["edges"] if e["node"]["id"] != own]
        return query, found, portals

    async def _form(
        self,
        screen: Screen,
        doc: dict[str, Any] | None,
        data: dict[str, Any],
        values: dict[str, Any],
        errors: dict[str, str],
        status: int,
        side: dict[str, str] | None = None,
    ) -> Response:
        citations: list[Any] = []
        query = ""
        found: list[dict[str, Any]] = []
        portals: list[dict[str, Any]] = []
        if doc is not None:
            text = values.get("fullText") or doc["fullText"]
            if text.strip():
                checked = await self.client.run(
                    "DocumentCitations", {"text": text[:500_000]}, screen.request
                )
                citations = checked["citationCheck"]
            query, found, portals = await self._pick(screen, data)
        signer_rows = list(values["signers"])
        signer_rows += [("", "")] * max(MIN_SIGNER_ROWS - len(signer_rows), 1)
        steps = []
        if doc is not None:
            steps = [
                name
                for name, (_, permission, sources) in STEPS.items()
                if screen.may(permission)
                and (doc["status"] in sources or (name == "publish" and self._bypass(screen, doc)))
            ]
        return self.workspace.layout(
            screen,
            "document_form.html",
            status,
            doc=doc,
            types=data["documentTypes"],
            assets=[e["node"] for e in (data.get("mediaAssets") or {}).get("edges", [])],
            values=values,
            signer_rows=signer_rows[:MAX_SIGNER_ROWS],
            errors=errors,
            side=side or {},
            steps=steps,
            citations=citations,
            picker_query=query,
            picker_found=found,
            picker_portals=portals,
            done=screen.request.query_params.get("xong", ""),
            STATUS_LABELS=STATUS_LABELS,
            VALIDITY_LABELS=VALIDITY_LABELS,
            RELATION_WORDS=RELATION_WORDS,
            DOCUMENT_DONE=DOCUMENT_DONE,
            DOCUMENT_STEP_BUTTONS=DOCUMENT_STEP_BUTTONS,
            LANGUAGE_LABELS=LANGUAGE_LABELS,
            show_day=show_day,
        )

    @staticmethod
    def _bypass(screen: Screen, doc: dict[str, Any]) -> bool:
        """Admins may publish without the review steps (the API's workflow_bypass)."""
        return screen.may("workflow_bypass") and doc["status"] in BYPASS_SOURCES

    def _message(self, screen: Screen, status: int, kind: str) -> Response:
        return self.workspace.layout(screen, "message.html", status, kind=kind)

    def _done(self, screen: Screen, document_id: str, what: str) -> Response:
        url = f"{screen.base}/van-ban/{document_id}?xong={what}"
        return RedirectResponse(url, 303, headers=NO_STORE)
