"""What the workspace says, as catalogue msgids (English; Vietnamese in hub/locale).

The API's errors are English data (`ArticleError.message`, `field`); the
workspace turns each (code, field) into a sentence a Vietnamese editor reads
beside the field, the way GOV.UK forms do.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Babel's marker: the string is translated where it is shown."""
    return message


STATUS_LABELS = {
    "DRAFT": N_("Draft"),
    "SUBMITTED": N_("Waiting for review"),
    "RETURNED": N_("Returned"),
    "APPROVED": N_("Approved"),
    "PUBLISHED": N_("Live"),
    "UNPUBLISHED": N_("Taken down"),
    "ARCHIVED": N_("Archived"),
}

ROLE_LABELS = {
    "reporter": N_("Reporter"),
    "editor": N_("Editor"),
    "approver": N_("Approver"),
    "admin": N_("Portal admin"),
}

# The message for a field, by the API's error code; "*" is any other code.
FIELD_ERRORS: dict[str, dict[str, str]] = {
    "title": {"*": N_("Enter a title of at most 300 characters.")},
    "slug": {
        "DUPLICATE_SLUG": N_("Another article of this portal already uses this address."),
        "*": N_("The address may use only lower-case letters without accents, digits and hyphens."),
    },
    "summary": {"*": N_("The summary is too long.")},
    "body": {"*": N_("The body is too long.")},
    "category": {"*": N_("Choose one of this portal's categories.")},
    "reason": {"*": N_("Say what needs changing (at most 2,000 characters).")},
}

# Errors that belong to no field, by code.
FORM_ERRORS = {
    "FORBIDDEN": N_("Your role in this portal does not allow this."),
    "NOT_FOUND": N_("The article was not found."),
    "INVALID_TRANSITION": N_("This step is not possible in the article's current status."),
    "SELF_APPROVAL": N_(
        "You wrote or last edited this article, so another approver must approve and publish it."
    ),
    "*": N_("The article could not be saved. Check the fields and try again."),
}

STEP_DONE = {
    "saved": N_("Saved."),
    "created": N_("The draft was created."),
    "submit": N_("Sent for review."),
    "return": N_("Returned to the writer with your reason."),
    "approve": N_("Approved."),
    "publish": N_("Published."),
}

FILTER_DATE_ERROR = N_("Enter a date as dd/mm/yyyy, for example 01/12/2026.")


def field_error(field: str | None, code: str) -> tuple[str, str]:
    """``(form field, msgid)`` for an API error; form-wide errors use the field ``""``."""
    if field and field in FIELD_ERRORS:
        by_code = FIELD_ERRORS[field]
        return field, by_code.get(code, by_code["*"])
    return "", FORM_ERRORS.get(code, FORM_ERRORS["*"])


STEP_BUTTONS = {
    "submit": N_("Send for review"),
    "return": N_("Return to the writer"),
    "approve": N_("Approve"),
    "publish": N_("Publish now"),
}

# The dashboard's queue titles and their empty states (dashboard.html passes them on).
QUEUE_TEXTS = (
    N_("Returned to me"),
    N_("Nothing was returned to you."),
    N_("My drafts"),
    N_("You have no drafts."),
    N_("Waiting for review"),
    N_("Nothing is waiting for review."),
    N_("Approved, to publish"),
    N_("Nothing is waiting to be published."),
    N_("Scheduled"),
    N_("Nothing is scheduled."),
    N_("Recently published"),
    N_("Nothing was published yet."),
)

# GraphiQL's library panel (handed to the bundle as data, no inline script).
GRAPHIQL_LABELS = {
    "library": N_("Workspace operations"),
    "intro": N_("The named operations the workspace itself runs. Pick one to open it."),
    "loading": N_("Loading…"),
    "failed": N_("The list of operations could not be loaded."),
    "signedInAs": N_("Signed in as %(user)s."),
}
