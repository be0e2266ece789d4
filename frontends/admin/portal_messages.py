"""What the portal administration screens say (msgids; Vietnamese in hub/locale).

Kept apart from messages.py (the articles' texts) so the settings, sections,
webhooks and tree screens own their sentences. Each API error (code, field)
becomes a sentence shown beside the form field it blames.
"""

from __future__ import annotations

from frontends.admin.messages import N_

# The settings form's text fields; inputs are named (and their errors keyed) as
# the API's fields, so an error's field is the input to point at.
SETTINGS_FIELDS = (
    "name",
    "nameEn",
    "description",
    "address",
    "phone",
    "fax",
    "email",
    "infoOfficerName",
    "infoOfficerTitle",
    "infoOfficerPhone",
    "infoOfficerEmail",
)
CHECKBOXES = ("englishEnabled", "selfApprovalAllowed")

# The message for an API field, by code; "*" is any other code.
FIELD_ERRORS: dict[str, dict[str, str]] = {
    "name": {"*": N_("Enter the portal's Vietnamese name (at most 200 characters).")},
    "nameEn": {"*": N_("The English name may have at most 200 characters.")},
    "description": {"*": N_("The description may have at most 2,000 characters.")},
    "address": {"*": N_("The address may have at most 300 characters.")},
    "phone": {"*": N_("A telephone number has only digits, spaces and + ( ) . -")},
    "fax": {"*": N_("A telephone number has only digits, spaces and + ( ) . -")},
    "infoOfficerPhone": {"*": N_("A telephone number has only digits, spaces and + ( ) . -")},
    "email": {"*": N_("Enter an e-mail address like vanphong@hanoi.gov.vn.")},
    "infoOfficerEmail": {"*": N_("Enter an e-mail address like vanphong@hanoi.gov.vn.")},
    "infoOfficerName": {"*": N_("The name may have at most 200 characters.")},
    "infoOfficerTitle": {"*": N_("The title may have at most 200 characters.")},
    "hostname": {
        "HOSTNAME_TAKEN": N_("Another portal already uses this hostname, or this one has it."),
        "NOT_FOUND": N_("This portal has no such hostname."),
        "*": N_("Enter a hostname like phuong.hanoi.gov.vn: no http://, port, path or spaces."),
    },
    "slug": {
        "DUPLICATE_SLUG": N_("Another one already uses this address."),
        "*": N_("The address may use only lower-case letters without accents, digits and hyphens."),
    },
    "slugEn": {
        "*": N_("The address may use only lower-case letters without accents, digits and hyphens.")
    },
    "level": {"*": N_("Choose a level.")},
    "parent": {"*": N_("A unit cannot move below itself, and the root does not move.")},
    "url": {"*": N_("Enter an address starting with https:// or http://.")},
    "order": {"*": N_("The order could not be saved. Reload the page and try again.")},
}
FORM_ERRORS = {
    "FORBIDDEN": N_("Your role in this portal does not allow this."),
    "NOT_FOUND": N_("It was not found in this portal."),
    "*": N_("The change could not be saved. Check the fields and try again."),
}


def error_for(field: str | None, code: str) -> tuple[str, str]:
    """``(API field, msgid)``; a form-wide error has the field ``""``."""
    if field and field in FIELD_ERRORS:
        by_code = FIELD_ERRORS[field]
        return field, by_code.get(code, by_code["*"])
    return "", FORM_ERRORS.get(code, FORM_ERRORS["*"])


DONE = {
    "saved": N_("The settings were saved."),
    "host-added": N_("The hostname was added."),
    "host-removed": N_("The hostname was removed."),
    "created": N_("The section was created."),
    "renamed": N_("The section was renamed."),
    "moved": N_("The order was saved."),
    "portal-created": N_("The portal was created with its sections and draft pages."),
    "portal-moved": N_("The portal was moved."),
}
LEVEL_LABELS = {
    "CITY": N_("City"),
    "DEPARTMENT": N_("Department"),
    "DISTRICT": N_("District (until 1/7/2025)"),
    "COMMUNE": N_("Ward or commune"),
    "SITE": N_("Thematic site"),
}
DELIVERY_STATES = {
    "pending": N_("Waiting"),
    "delivered": N_("Delivered"),
    "failed": N_("Failed"),
}
