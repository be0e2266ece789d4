"""The edit form's protection against lost work: the base revision and working copies.

The form carries the revision it was opened at (``phien-ban-goc``) as the
API's ``baseRevision``. When someone else saved in between, the API refuses
the save with ``CONFLICT`` and changes nothing; the screen then keeps the
refused text as an autosave revision of the viewer (``articleAutosave`` with
``refusedSave``), shows the form with everything typed, and links to a
comparison of that text with the current revision. The viewer's own working
copy newer than the article's current revision (autosaved by
``static/article-autosave.js``, or a refused save) is offered for restoring
when the form opens, also after signing in again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from frontends.admin.client import WorkspaceClient
from frontends.admin.workspace import Screen

BASE_FIELD = "phien-ban-goc"
RESTORE_PARAM = "ban-nhap"
TEXT_FIELDS = ("title", "slug", "summary", "body")


def form_values(article: dict[str, Any]) -> dict[str, str]:
    """The form's fields as the article now stands."""
    return {
        "title": article["title"],
        "slug": article["slug"],
        "summary": article["summary"],
        "body": article["body"],
        "category": (article["category"] or {}).get("id", ""),
    }


def posted_base(form: dict[str, str]) -> int | None:
    """The revision the posted form started from; None when the form did not say."""
    raw = form.get(BASE_FIELD, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def revision_by_number(article: dict[str, Any], number: int | None) -> dict[str, Any] | None:
    return next((r for r in article.get("revisions") or [] if r["number"] == number), None)


def restored_values(article: dict[str, Any], wanted: str) -> dict[str, str] | None:
    """The form's fields from the viewer's working copy, when ``wanted`` is its id."""
    autosave = article.get("viewerAutosave")
    if not autosave or autosave["id"] != wanted:
        return None
    data = autosave["data"] or {}
    values = form_values(article)
    values.update({k: str(data[k]) for k in TEXT_FIELDS if data.get(k) is not None})
    return values


@dataclass
class Conflict:
    """A save refused because the article moved on; what the screen tells the viewer."""

    current: dict[str, Any] | None  # the article's current revision (id, number, authorName)
    kept: dict[str, Any] | None  # the working copy the refused text was kept as, if it was

    @property
    def compare_query(self) -> str:
        if self.current is None or self.kept is None:
            return ""
        return f"cu={self.current['id']}&moi={self.kept['id']}"


async def keep_refused(
    client: WorkspaceClient,
    screen: Screen,
    article: dict[str, Any],
    changes: dict[str, Any],
    base: int | None,
) -> Conflict:
    """Store a refused save's text as the viewer's working copy, so nothing is lost."""
    data = await client.run(
        "ArticleAutosave",
        {"input": {**changes, "baseRevision": base}, "refusedSave": True},
        screen.request,
    )
    outcome = data["articleAutosave"]
    kept = outcome["revision"] if outcome["__typename"] == "AutosaveSuccess" else None
    # Read the article again: the revision that beat this save is its current one now.
    fresh = await client.run(
        "ArticleForm", {"id": article["id"], "tenant": screen.slug}, screen.request
    )
    node = fresh["node"] or article
    article.update(revisionNumber=node["revisionNumber"], revisions=node["revisions"])
    current = revision_by_number(article, node["revisionNumber"])
    return Conflict(current=current, kept=kept)
