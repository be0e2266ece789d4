"""What the document and gazette screens say, as catalogue msgids (Vietnamese in hub/locale).

The API's errors are English data (`DocumentError`, `GazetteError`: code and
field); these tables turn each into a sentence shown beside the field.
"""

from __future__ import annotations

from hub.i18n import N_

# The document form's fields: the API's `field` names double as the form's ids.
DOCUMENT_FIELD_ERRORS: dict[str, dict[str, str]] = {
    "number": {"*": N_("Enter the number and symbol, for example 15/2024/QĐ-UBND.")},
    "type": {"*": N_("Choose one of the document types.")},
    "issuer": {"*": N_("Enter the issuing body (at most 300 characters).")},
    "title": {"*": N_("Enter a title of at most 500 characters.")},
    "issuedOn": {"*": N_("Enter the issue date as dd/mm/yyyy, for example 15/03/2024.")},
    "effectiveFrom": {"*": N_("Enter the effective date as dd/mm/yyyy.")},
    "effectiveUntil": {
        "INVALID_DATES": N_("The expiry date must come after the effective date."),
        "*": N_("Enter the expiry date as dd/mm/yyyy."),
    },
    "gazettePublishedOn": {"*": N_("Enter the gazette date as dd/mm/yyyy.")},
    "abstract": {"*": N_("The summary is too long (at most 5,000 characters).")},
    "fullText": {"*": N_("The full text is too long.")},
    "signers": {"*": N_("Each signer needs a name (at most 200 characters); at most 20 signers.")},
    "fields": {"*": N_("Each field may have at most 200 characters; at most 20 fields.")},
    "slug": {
        "DUPLICATE_SLUG": N_("Another document of this portal already uses this address."),
        "*": N_("The address may use only lower-case letters without accents, digits and hyphens."),
    },
    "reason": {"*": N_("Give the reason (at most 2,000 characters).")},
    "target": {
        "DUPLICATE_RELATION": N_("This relation is already recorded."),
        "*": N_("Choose a document from the search results, or enter its number."),
    },
    "validity": {"*": N_("Choose a validity status.")},
    "validityReason": {"*": N_("Cite the reason for setting the status by hand.")},
    "file": {
        "INVALID_FILE": N_("The file could not be read: attach a PDF or DOCX that opens."),
        "NOT_FOUND": N_("That file is not in this portal's media library."),
        "*": N_("Choose a PDF or DOCX file."),
    },
}
# The API's field names that belong to one form field here.
FIELD_ALIASES = {
    "signer": "signers",
    "jobTitle": "signers",
    "field": "fields",
    "targetNumber": "target",
    "source": "target",
    "status": "validity",
    "files": "file",
    "attachment": "file",
}
DOCUMENT_FORM_ERRORS = {
    "FORBIDDEN": N_("Your role in this portal does not allow this."),
    "NOT_FOUND": N_("The document was not found."),
    "INVALID_TRANSITION": N_("This step is not possible in the document's current status."),
    "INVALID_RELATION": N_("This relation cannot be recorded (a document cannot act on itself)."),
    "DUPLICATE_RELATION": N_("This relation is already recorded."),
    "INVALID_FILE": N_("That file cannot be attached: choose a PDF or DOCX of this portal."),
    "*": N_("The document could not be saved. Check the fields and try again."),
}

DOCUMENT_STEP_BUTTONS = {
    "submit": N_("Send for approval"),
    "return": N_("Return to the editor"),
    "approve": N_("Approve"),
    "publish": N_("Publish now"),
    "unpublish": N_("Take down"),
    "archive": N_("Archive"),
}
DOCUMENT_DONE = {
    "created": N_("The draft was created."),
    "saved": N_("Saved."),
    "submit": N_("Sent for approval."),
    "return": N_("Returned to the editor with your reason."),
    "approve": N_("Approved."),
    "publish": N_("Published."),
    "unpublish": N_("Taken down."),
    "archive": N_("Archived."),
    "relation": N_("The relation was recorded."),
    "relation-removed": N_("The relation was removed."),
    "file": N_("The file was attached."),
    "file-removed": N_("The file was removed from the document."),
    "validity": N_("The validity status was set."),
    "validity-cleared": N_("The validity status is derived from the dates and relations again."),
}
LANGUAGE_LABELS = {"VI": N_("Vietnamese"), "EN": N_("English")}
DATE_ERROR = N_("Enter a date as dd/mm/yyyy, for example 01/12/2026.")
REQUIRED_DATE = N_("Enter the issue date as dd/mm/yyyy, for example 15/03/2024.")
MEDIA_ERRORS = {
    "EMPTY_FILE": N_("The file is empty."),
    "UNSUPPORTED_TYPE": N_("This kind of file is not accepted: upload a PDF or DOCX."),
    "TOO_LARGE": N_("The file is too large (at most 50 MB)."),
    "FORBIDDEN": N_("Your role in this portal does not allow uploading files."),
    "*": N_("The file could not be uploaded. Try again."),
}
YEAR_ERROR = N_("Enter a year such as 2024.")
TYPE_FILTER_ERROR = N_("Choose one of the document types.")
KIND_ERROR = N_("Choose what this document does to the other one.")

GAZETTE_FIELD_ERRORS: dict[str, dict[str, str]] = {
    "year": {"*": N_("Enter a year from 1945 to next year.")},
    "numbers": {
        "DUPLICATE_NUMBER": N_("This number is already used by another edition of that year."),
        "*": N_("Enter one number, or consecutive numbers such as 59, 60 (at most 10)."),
    },
    "publishedOn": {"*": N_("Enter the publication date as dd/mm/yyyy, in the edition's year.")},
    "pageFrom": {"*": N_("Enter the first page (1 to 100,000).")},
    "pageTo": {"*": N_("Enter the last page, not before the first page.")},
    "document": {
        "DUPLICATE_DOCUMENT": N_("This document is already in the edition."),
        "*": N_("Choose a published document of this portal or a portal below it."),
    },
    "position": {"*": N_("Enter a position in the table of contents.")},
    "pdf": {"*": N_("Choose a PDF of this portal's media library.")},
    "sender": {"*": N_("Enter who sent the document.")},
    "number": {"*": N_("The number is too long.")},
    "senderEmail": {"*": N_("Enter a valid e-mail address, or leave it empty.")},
    "problem": {"*": N_("Say what is wrong (at most 2,000 characters).")},
    "receivedAt": {"*": N_("Enter when it arrived as dd/mm/yyyy, not in the future.")},
}
# The gazette service names some fields in snake_case.
GAZETTE_ALIASES = {
    "page_from": "pageFrom",
    "page_to": "pageTo",
    "published_on": "publishedOn",
    "sender_email": "senderEmail",
    "received_at": "receivedAt",
    "issued_on": "document",
    "title": "document",
    "issuer": "document",
}
GAZETTE_FORM_ERRORS = {
    "DUPLICATE_NUMBER": N_("One of these numbers was just taken by another edition."),
    "FORBIDDEN": N_("Your role in this portal does not allow this."),
    "NOT_FOUND": N_("It was not found."),
    "EDITION_PUBLISHED": N_("This edition is published and can no longer change."),
    "NOT_A_PDF": N_("That file is not a PDF."),
    "PDF_UNREADABLE": N_("That PDF could not be read."),
    "PDF_MISSING": N_("Attach the signed PDF before publishing."),
    "SIGNATURE_INVALID": N_("The PDF's signature did not verify: %(detail)s"),
    "NO_ITEMS": N_("Add at least one document to the contents before publishing."),
    "VBHN_AMENDMENT_MISSING": N_(
        "A consolidated text needs its newest amending document in the same edition: %(detail)s"
    ),
    "INVALID_TRANSITION": N_("This line of the register can no longer take that step."),
    "*": N_("That did not work. Check the fields and try again."),
}
GAZETTE_DONE = {
    "created": N_("The edition was created."),
    "saved": N_("Saved."),
    "item": N_("The document was added to the contents."),
    "item-saved": N_("The line was changed."),
    "item-removed": N_("The line was removed."),
    "pdf": N_("The PDF was attached."),
    "publish": N_("The edition is published."),
    "registered": N_("The submission was registered."),
    "accepted": N_("The submission was accepted."),
    "flagged": N_("The error was flagged to the issuer."),
}
EDITION_STATUS = {"DRAFT": N_("Draft"), "PUBLISHED": N_("Published edition")}
SUBMISSION_STATUS = {
    "RECEIVED": N_("Received"),
    "ACCEPTED": N_("Accepted"),
    "REJECTED": N_("Error flagged"),
    "PUBLISHED": N_("Published in an edition"),
}


def api_error(
    table: dict[str, dict[str, str]],
    form: dict[str, str],
    field: str | None,
    code: str,
    aliases: dict[str, str] = FIELD_ALIASES,
) -> tuple[str, str]:
    """``(form field, msgid)`` for an API error; ``""`` is a form-wide error."""
    field = aliases.get(field or "", field or "")
    if field in table:
        return field, table[field].get(code, table[field]["*"])
    return "", form.get(code, form["*"])


def bilingual_part(message: str, language: str) -> str:
    """The viewer's half of a `<vi> / <en>` message (NO_AUTHORITY's refusal)."""
    if " / " not in message:
        return message
    vi, en = message.split(" / ", 1)
    return vi if language == "vi" else en
