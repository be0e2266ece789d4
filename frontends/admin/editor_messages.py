"""What the article editor says (msgids; Vietnamese in hub/locale), beside messages.py."""

from __future__ import annotations

from frontends.admin.messages import N_

CONFLICT_TITLE = N_("Someone else saved this article first")
CONFLICT_TEXT = N_(
    "While you were writing, %(who)s saved this article (revision %(number)s). Your save was "
    "not made, so their text is not overwritten."
)
CONFLICT_KEPT = N_(
    "Nothing you typed is lost: it is still in this form and was kept as working copy "
    "%(number)s in the article's history."
)
CONFLICT_NOT_KEPT = N_(
    "Your text is still in this form, but it could not be kept in the history. Copy it "
    "somewhere safe before leaving this page."
)
CONFLICT_COMPARE = N_("Compare your text with the current one")
CONFLICT_NEXT = N_(
    "Merge the changes you want to keep, then save again: the form now starts from the "
    "current revision, and the other person's text stays in the history."
)
AUTOSAVE_OFFER = N_("You have unsaved text from %(when)s (working copy %(number)s).")
AUTOSAVE_RESTORE = N_("Put it back into the form")
AUTOSAVE_COMPARE = N_("Compare it with the saved article")
AUTOSAVE_RESTORED = N_(
    "Your working copy is in the form below. It is not saved yet: check it and save."
)
AUTOSAVE_DONE = N_("Autosaved at %(time)s")
AUTOSAVE_FAILED = N_("Not autosaved: check that you are still signed in. Your text is still here.")
HISTORY = N_("History")
RESTORE_DONE = N_("The earlier revision was restored as a new revision.")

# Audit actions as a writer reads them.
ACTIONS = {
    "create": N_("created"),
    "edit": N_("edited"),
    "restore": N_("restored an earlier revision"),
    "submit": N_("sent for review"),
    "return": N_("returned to the writer"),
    "approve": N_("approved"),
    "publish": N_("published"),
    "unpublish": N_("took it down"),
    "archive": N_("archived"),
    "schedule": N_("scheduled"),
    "fork": N_("made a local copy"),
}

# Field names of revisions, as the diff view labels them.
FIELD_LABELS = {
    "title": N_("Title"),
    "slug": N_("Address (slug)"),
    "summary": N_("Summary (sapo)"),
    "body": N_("Body (HTML)"),
    "category_id": N_("Category"),
    "featured": N_("Featured"),
    "kind": N_("Kind"),
    "byline": N_("Byline"),
    "source_name": N_("Source name"),
    "source_url": N_("Source address"),
    "seo_title": N_("Title for search engines"),
    "seo_description": N_("Description for search engines"),
    "pinned": N_("Pinned"),
}
