"""The edit form's fields beyond the text: kind, byline, source, SEO, flags, tags,
related articles, cover picture (chosen or uploaded in the page) and attachments.

The form is multipart so that a new cover picture can come with the save. Its
file goes to the media library by `mediaUpload` through the in-process client
(the Upload scalar takes Starlette's UploadFile, exactly as from `/graphql`'s
multipart requests), so the library's checks apply: the type read from the
bytes, the size limits, and the alt text a picture must have. Only then is
the article saved, with the new picture as its cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from frontends.admin import editor_messages as m
from frontends.admin.client import WorkspaceClient
from frontends.admin.forms import MAX_TEXT, upload_request
from frontends.admin.messages import field_error
from frontends.admin.workspace import Screen

KINDS = ("NEWS", "BLOG", "GALLERY", "VIDEO", "AUDIO", "PAGE", "ANNOUNCEMENT", "LINK")
PLAIN = ("byline", "source_name", "source_url", "seo_title", "seo_description")
FLAGS = ("featured", "pinned")
LISTS = ("related", "attachments")
GALLERY_PREFIX = "gallery:"  # gallery:<asset id> = its place in the gallery (1, 2, 3…)
MAX_FIELDS = 200  # related articles and attachments are repeated fields
MAX_LIST = 50
# The API's field names (errors) to the form's.
API_FIELDS = {
    "sourceName": "source_name",
    "sourceUrl": "source_url",
    "seoTitle": "seo_title",
    "seoDescription": "seo_description",
    **{name: name for name in (*PLAIN, "kind", "tags", "related", "cover", "attachments")},
    "gallery": "gallery",
}


def field_values(article: dict[str, Any]) -> dict[str, Any]:
    """The extra fields as the article now stands."""
    return {
        "kind": article.get("kind") or "NEWS",
        "byline": article.get("byline") or "",
        "source_name": article.get("sourceName") or "",
        "source_url": article.get("sourceUrl") or "",
        "seo_title": article.get("seoTitle") or "",
        "seo_description": article.get("seoDescription") or "",
        "featured": bool(article.get("featured")),
        "pinned": bool(article.get("pinned")),
        "tags": ", ".join(t["name"] for t in article.get("tags") or []),
        "related": [a["id"] for a in article.get("related") or []],
        "cover": (article.get("cover") or {}).get("id", ""),
        "attachments": [a["id"] for a in article.get("attachments") or []],
        "gallery": [a["id"] for a in article.get("gallery") or []],
        "cover_alt": "",
    }


@dataclass
class Posted:
    """The edit form as posted: text fields, repeated fields and the new picture, if any."""

    values: dict[str, Any]
    upload: UploadFile | None = None
    problems: dict[str, str] = field(default_factory=dict)


async def read_posted(request: Request, current: dict[str, Any]) -> Posted:
    """The posted form over ``current`` (multipart with one file, or urlencoded)."""
    values = dict(current)
    upload: UploadFile | None = None
    form = await upload_request(request).form(max_files=1, max_fields=MAX_FIELDS)
    places: list[tuple[int, str]] = []
    for name, value in form.multi_items():
        if name.startswith(GALLERY_PREFIX) and isinstance(value, str):
            if value.strip():
                places.append((_place(value), name[len(GALLERY_PREFIX) :][:100]))
                values[name] = value[:10]
            continue
        if isinstance(value, UploadFile):
            if name == "cover_file" and value.filename:
                upload = value
        elif name in LISTS:
            continue
        elif name in values or name in ("phien-ban-goc", "cover_alt"):
            values[name] = value[:MAX_TEXT]
    if "kind" in form:  # the full form was posted: unticked boxes and empty lists count
        for flag in FLAGS:
            values[flag] = form.get(flag) == "1"
        for name in LISTS:
            values[name] = [str(v)[:100] for v in form.getlist(name) if isinstance(v, str)][
                :MAX_LIST
            ]
        # The gallery in the order of the numbers typed beside its pictures.
        values["gallery"] = [asset for _, asset in sorted(places)][:MAX_LIST]
    return Posted(values, upload)


def _place(text: str) -> int:
    """A typed position; anything that is not a number goes last, in page order."""
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 6 else 999_999


def field_changes(values: dict[str, Any]) -> dict[str, Any]:
    """The API input of the extra fields (only when the full form was posted)."""
    if "kind" not in values:
        return {}
    kind = values["kind"] if values["kind"] in KINDS else None
    tags = [t.strip() for t in str(values.get("tags", "")).split(",") if t.strip()]
    cover = values.get("cover") or ""
    return {
        "kind": kind,
        "byline": values.get("byline", ""),
        "sourceName": values.get("source_name", ""),
        "sourceUrl": values.get("source_url", ""),
        "seoTitle": values.get("seo_title", ""),
        "seoDescription": values.get("seo_description", ""),
        "featured": bool(values.get("featured")),
        "pinned": bool(values.get("pinned")),
        "tags": tags[:MAX_LIST],
        "related": list(values.get("related") or []),
        "cover": [cover] if cover else [],
        "attachments": list(values.get("attachments") or []),
        "gallery": list(values.get("gallery") or []),
    }


async def upload_cover(
    client: WorkspaceClient, screen: Screen, upload: UploadFile, alt_text: str
) -> tuple[str | None, dict[str, str]]:
    """``(new asset id, field errors)`` for a picture uploaded in the form."""
    if not alt_text.strip():
        # The library would refuse it too; saying so first spares reading the file.
        return None, {"cover_alt": m.UPLOAD_ERRORS["ALT_TEXT_REQUIRED"]}
    data = await client.run(
        "ArticleCoverUpload",
        {"input": {"tenant": screen.slug, "file": upload, "altText": alt_text.strip()}},
        screen.request,
    )
    outcome = data["mediaUpload"]
    if outcome["__typename"] == "MediaSuccess":
        return outcome["asset"]["id"], {}
    code = outcome.get("code", "")
    where = "cover_alt" if code == "ALT_TEXT_REQUIRED" else "cover_file"
    return None, {where: m.UPLOAD_ERRORS.get(code, m.UPLOAD_ERRORS["*"])}


def snippet(values: dict[str, Any], address: str) -> dict[str, str]:
    """How a search engine would show the article: title, address and description."""
    title = str(values.get("seo_title") or values.get("title") or "")
    description = str(values.get("seo_description") or values.get("summary") or "")
    return {
        "title": title if len(title) <= 60 else title[:59].rstrip() + "…",
        "address": address,
        "description": description if len(description) <= 160 else description[:159] + "…",
    }


def pickers(data: dict[str, Any], article_id: str) -> dict[str, Any]:
    """What the form's selects and the tags' datalist offer."""
    return {
        "tags": [t["name"] for t in data.get("tagList") or []],
        "articles": [
            e["node"]
            for e in (data.get("articleList") or {}).get("edges", [])
            if e["node"]["id"] != article_id
        ],
        "images": [e["node"] for e in (data.get("images") or {}).get("edges", [])],
        "files": [
            e["node"]
            for e in (data.get("files") or {}).get("edges", [])
            if e["node"]["kind"] != "IMAGE"
        ],
    }


def article_field_error(api_field: str | None, code: str) -> tuple[str, str]:
    """``(form field, msgid)`` for an API error, the extra fields included."""
    name = API_FIELDS.get(api_field or "")
    if name is not None:
        return name, m.FIELD_ERRORS.get(name, m.FIELD_ERRORS["*"])
    return field_error(api_field, code)
