"""Media library screens: the grid or list with filters and upload, one file, delete.

Every read and change goes through the API (`mediaAssets`, `node`,
`mediaUpload`, `mediaUpdate`, `mediaDelete`), so the type sniffing, the
size limits, the alt-text rule, the audit log and the "in use" refusal are
the API's own. A file of another portal, or one the API does not return,
is a 404 like a missing one. The plain upload form works without
JavaScript; `static/media-library.js` adds drag and drop with a progress
bar, posting the same `MediaUpload` operation to `/graphql` itself.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontends.admin.client import HubError
from frontends.admin.forms import read_form, same_origin
from frontends.admin.media_texts import (
    DONE,
    FORM_ERRORS,
    KIND_LABELS,
    UPLOAD_ERRORS,
    USAGE_LABELS,
    media_error,
)
from frontends.admin.media_upload import TEXT_FIELDS, read_upload
from frontends.admin.workspace import NO_STORE, Page, Screen, Workspace

VIEWS = ("luoi", "danh-sach")  # grid, list
# Where a use links to in the workspace, by the global ID's type (others: no screen yet).
USAGE_SCREENS = {"Article": "bai-viet", "Initiative": "sang-kien", "LegalDocument": "van-ban"}
USAGE_TARGETS = {
    "ARTICLE_COVER": "Article",
    "ARTICLE_GALLERY": "Article",
    "ARTICLE_ATTACHMENT": "Article",
    "ARTICLE_INLINE": "Article",
    "PLACEMENT_COVER": "Article",
    "DOCUMENT_FILE": "LegalDocument",
    "GAZETTE_PDF": "GazetteEdition",
    "INITIATIVE_ATTACHMENT": "Initiative",
}
EDIT_FIELDS = ("alt_text", "caption", "credit", "focal_x", "focal_y")


def _filters(params: Any) -> dict[str, str]:
    kind = params.get("loai", "").upper()
    return {
        "q": params.get("q", "")[:200],
        "kind": kind if kind in KIND_LABELS else "",
        "missing": "1" if params.get("thieu-mo-ta") == "1" else "",
        "view": params.get("xem", "") if params.get("xem") in VIEWS else "luoi",
    }


def _query(filters: dict[str, str], **extra: str) -> str:
    pairs = {
        "q": filters["q"],
        "loai": filters["kind"].lower(),
        "thieu-mo-ta": filters["missing"],
        "xem": filters["view"],
        **extra,
    }
    return urlencode({k: v for k, v in pairs.items() if v})


def size_text(size: int, language: str) -> str:
    """A file size as people read it: "1,5 MB" in Vietnamese, "1.5 MB" in English."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            text = f"{size / scale:.1f}".removesuffix(".0")
            return (text.replace(".", ",") if language == "vi" else text) + f" {unit}"
    return f"{size} B"


def _number(value: str) -> float | None:
    """A focal coordinate as typed (a comma is a decimal point in Vietnamese)."""
    try:
        number = float(value.strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) and 0 <= number <= 1 else None


class MediaScreens:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.client = workspace.client

    def routes(self, prefix: str, page: Page) -> list[BaseRoute]:
        base = f"{prefix}/thu-vien"
        return [
            Route(base, page(self.listing)),
            Route(f"{base}/tai-len", page(self.upload), methods=["POST"]),
            Route(f"{base}/{{id}}", page(self.detail), methods=["GET", "POST"]),
            Route(f"{base}/{{id}}/xoa", page(self.delete), methods=["GET", "POST"]),
        ]

    def _forbidden(self, screen: Screen) -> Response | None:
        if not screen.may("media_upload"):
            return self.workspace.layout(screen, "message.html", 403, kind="forbidden")
        return None

    # -- the library -------------------------------------------------------------

    async def listing(self, screen: Screen) -> Response:
        refused = self._forbidden(screen)
        if refused is not None:
            return refused
        done = DONE.get(screen.request.query_params.get("xong", ""), "")
        return await self._listing(screen, 200, done=done)

    async def _listing(self, screen: Screen, status: int, **context: Any) -> Response:
        filters = _filters(screen.request.query_params)
        variables: dict[str, Any] = {"tenant": screen.slug}
        if filters["kind"]:
            variables["kind"] = filters["kind"]
        if filters["q"].strip():
            variables["text"] = filters["q"]
        if filters["missing"]:
            variables["missingAltText"] = True
        after = screen.request.query_params.get("sau")
        if after:
            variables["after"] = after[:100]
        try:
            data = await self.client.run("MediaLibrary", variables, screen.request)
        except HubError as exc:
            if not exc.codes & {"INVALID_CURSOR"}:
                raise
            variables.pop("after")
            data = await self.client.run("MediaLibrary", variables, screen.request)
        assets = data["mediaAssets"]
        for edge in assets["edges"]:
            edge["node"]["sizeText"] = size_text(edge["node"]["size"], screen.language)
        next_page = ""
        if assets["pageInfo"]["hasNextPage"]:
            next_page = _query(filters, sau=assets["pageInfo"]["endCursor"])
        return self.workspace.layout(
            screen,
            "media.html",
            status,
            active="media",
            assets=assets,
            filters=filters,
            next_page=next_page,
            view_links={v: _query({**filters, "view": v}) for v in VIEWS},
            kinds=KIND_LABELS,
            upload_operation=self.client.operations.load("MediaUpload"),
            upload_errors=UPLOAD_ERRORS,
            alt_required=media_error("alt_text", "ALT_TEXT_REQUIRED")[1],
            errors=context.pop("errors", {}),
            values=context.pop("values", {}),
            **context,
        )

    async def upload(self, screen: Screen) -> Response:
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        refused = self._forbidden(screen)
        if refused is not None:
            return refused
        form = await read_upload(screen.request)
        try:
            if form.problem:
                errors = {"file": UPLOAD_ERRORS[form.problem]}
                status = 413 if form.problem == "TOO_LARGE" else 400
                return await self._listing(screen, status, errors=errors, values=form.texts)
            texts = {name: form.texts.get(name, "") for name in TEXT_FIELDS}
            upload = {
                "tenant": screen.slug,
                "file": form.file,
                "altText": texts["alt_text"],
                "caption": texts["caption"],
                "credit": texts["credit"],
            }
            result = await self.client.run("MediaUpload", {"input": upload}, screen.request)
        finally:
            await form.close()
        outcome = result["mediaUpload"]
        if outcome["__typename"] == "MediaSuccess":
            url = f"{screen.base}/thu-vien/{outcome['asset']['id']}?xong=uploaded"
            return RedirectResponse(url, 303, headers=NO_STORE)
        field, message = media_error(outcome.get("field"), outcome["code"])
        errors = {field: message}
        if field != "file":  # the browser forgets the chosen file: say so
            errors["file"] = UPLOAD_ERRORS["CHOOSE_AGAIN"]
        return await self._listing(screen, 400, errors=errors, values=texts)

    # -- one file ----------------------------------------------------------------

    async def _asset(self, screen: Screen) -> dict[str, Any] | None:
        """The file in the path, or None unless it is this portal's (a 404 either way)."""
        try:
            data = await self.client.run(
                "MediaAsset", {"id": screen.request.path_params["id"][:100]}, screen.request
            )
        except HubError as exc:
            if exc.codes & {"INVALID_ID", "BAD_USER_INPUT"}:
                return None
            raise
        node = data["node"]
        if not node or "kind" not in node or node["tenant"]["slug"] != screen.slug:
            return None
        node["sizeText"] = size_text(node["size"], screen.language)
        return node  # type: ignore[no-any-return]

    async def detail(self, screen: Screen) -> Response:
        refused = self._forbidden(screen)
        if refused is not None:
            return refused
        asset = await self._asset(screen)
        if asset is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        values = {
            "alt_text": asset["altText"],
            "caption": asset["caption"],
            "credit": asset["credit"],
            "focal_x": f"{asset['focalX']:g}",
            "focal_y": f"{asset['focalY']:g}",
        }
        if screen.request.method != "POST":
            done = DONE.get(screen.request.query_params.get("xong", ""), "")
            return self._page(screen, asset, values, 200, done=done)
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        form = await read_form(screen.request)
        values = {**values, **{k: form[k] for k in EDIT_FIELDS if k in form}}
        errors: dict[str, str] = {}
        if asset["kind"] == "IMAGE" and not values["alt_text"].strip():
            errors["alt_text"] = media_error("alt_text", "ALT_TEXT_REQUIRED")[1]
        focal = {name: _number(values[name]) for name in ("focal_x", "focal_y")}
        for name, number in focal.items():
            if number is None:
                errors[name] = media_error(name, "INVALID_INPUT")[1]
        if errors:
            return self._page(screen, asset, values, 400, errors=errors)
        changes = {
            "id": asset["id"],
            "altText": values["alt_text"],
            "caption": values["caption"],
            "credit": values["credit"],
            "focalX": focal["focal_x"],
            "focalY": focal["focal_y"],
        }
        result = await self.client.run("MediaUpdate", {"input": changes}, screen.request)
        outcome = result["mediaUpdate"]
        if outcome["__typename"] == "MediaSuccess":
            url = f"{screen.base}/thu-vien/{asset['id']}?xong=saved"
            return RedirectResponse(url, 303, headers=NO_STORE)
        field, message = media_error(outcome.get("field"), outcome["code"])
        return self._page(screen, asset, values, 400, errors={field: message})

    async def delete(self, screen: Screen) -> Response:
        refused = self._forbidden(screen)
        if refused is not None:
            return refused
        asset = await self._asset(screen)
        if asset is None:
            return self.workspace.layout(screen, "message.html", 404, kind="not_found")
        if screen.request.method != "POST":
            return self._usage_page(screen, asset, "media_delete.html", 200)
        if not same_origin(screen.request):
            return self.workspace.layout(screen, "message.html", 403, kind="cross_site")
        result = await self.client.run("MediaDelete", {"id": asset["id"]}, screen.request)
        outcome = result["mediaDelete"]
        if outcome["__typename"] == "MediaDeleteSuccess":
            return RedirectResponse(f"{screen.base}/thu-vien?xong=deleted", 303, headers=NO_STORE)
        if outcome["code"] == "IN_USE":
            asset = {**asset, "usages": outcome["usages"]}
        message = FORM_ERRORS.get(outcome["code"], FORM_ERRORS["*"])
        return self._usage_page(screen, asset, "media_delete.html", 409, errors={"": message})

    # -- helpers -------------------------------------------------------------------

    def _usages(self, screen: Screen, asset: dict[str, Any]) -> list[dict[str, str]]:
        """Each use with its label and, where the workspace has a screen for it, a link."""
        shown = []
        for usage in asset["usages"]:
            folder = USAGE_SCREENS.get(USAGE_TARGETS.get(usage["kind"], ""), "")
            own = usage["kind"] != "PLACEMENT_COVER"  # a placed article is another portal's
            shown.append(
                {
                    "label": USAGE_LABELS.get(usage["kind"], usage["kind"]),
                    "title": usage["title"],
                    "published": usage["published"],
                    "url": f"{screen.base}/{folder}/{usage['targetId']}" if folder and own else "",
                }
            )
        return shown

    def _usage_page(
        self, screen: Screen, asset: dict[str, Any], name: str, status: int, **context: Any
    ) -> Response:
        return self.workspace.layout(
            screen,
            name,
            status,
            active="media",
            asset=asset,
            usages=self._usages(screen, asset),
            kinds=KIND_LABELS,
            errors=context.pop("errors", {}),
            **context,
        )

    def _page(
        self,
        screen: Screen,
        asset: dict[str, Any],
        values: dict[str, str],
        status: int,
        **context: Any,
    ) -> Response:
        return self._usage_page(screen, asset, "media_asset.html", status, values=values, **context)
