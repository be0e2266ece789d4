"""What the media library screens say, as catalogue msgids (Vietnamese in hub/locale).

The API answers a refused upload or save with a `MediaErrorCode` (and the
field at fault); these turn it into a sentence an editor reads beside the
field. The drag-and-drop script gets the same sentences through `data-`
attributes, so it says exactly what the plain form says.
"""

from __future__ import annotations

from frontends.admin.messages import N_

KIND_LABELS = {
    "IMAGE": N_("Picture"),
    "AUDIO": N_("Audio"),
    "VIDEO": N_("Video"),
    "DOCUMENT": N_("Document file"),
}

USAGE_LABELS = {
    "ARTICLE_COVER": N_("Cover of an article"),
    "ARTICLE_GALLERY": N_("Photo in an article's gallery"),
    "ARTICLE_ATTACHMENT": N_("Attachment of an article"),
    "ARTICLE_INLINE": N_("Picture or link in an article's text"),
    "DOCUMENT_FILE": N_("File of a legal document"),
    "GAZETTE_PDF": N_("PDF of a gazette edition"),
    "PLACEMENT_COVER": N_("Cover chosen for a placed article"),
    "INITIATIVE_ATTACHMENT": N_("File sent with a citizen's initiative"),
}

# A refused upload or save, by the API's code; the field it belongs to on the forms.
UPLOAD_ERRORS = {
    "EMPTY_FILE": N_("The file is empty. Choose another file."),
    "UNSUPPORTED_TYPE": N_(
        "This file is damaged or of a type the library does not accept. Accepted: JPEG, PNG, "
        "GIF and WebP pictures; MP3, M4A and OGG audio; MP4 and WebM video; PDF and Office "
        "documents without macros."
    ),
    "TOO_LARGE": N_(
        "The file is too large. Pictures may be up to 20 MB, documents 50 MB, audio 200 MB "
        "and video 1 GB."
    ),
    "IMAGE_TOO_LARGE": N_(
        "The picture has too many pixels: at most 50 megapixels and 16,383 pixels a side."
    ),
    "NO_FILE": N_("Choose a file to upload."),
    "CHOOSE_AGAIN": N_("Choose the file again: the browser does not keep it after an error."),
    "UNREADABLE": N_("The upload could not be read. Try again."),
    "FAILED": N_("The upload failed. Check the connection and try again."),
}
FIELD_ERRORS = {
    "alt_text": {
        "ALT_TEXT_REQUIRED": N_(
            "Describe the picture for people who cannot see it (alt text is required for pictures)."
        ),
        "*": N_("The alt text may be at most 500 characters."),
    },
    "caption": {"*": N_("The caption may be at most 2,000 characters.")},
    "credit": {"*": N_("The credit may be at most 300 characters.")},
    "focal_x": {"*": N_("Enter a number from 0 to 1, for example 0.5.")},
    "focal_y": {"*": N_("Enter a number from 0 to 1, for example 0.5.")},
}
FORM_ERRORS = {
    "FORBIDDEN": N_("Your role in this portal does not allow this."),
    "NOT_FOUND": N_("The file was not found."),
    "IN_USE": N_("The file is in use, so it was not deleted. Remove it from these places first."),
    "*": N_("The file could not be saved. Check the fields and try again."),
}
DONE = {
    "uploaded": N_("The file was added to the library."),
    "saved": N_("Saved."),
    "deleted": N_("The file was deleted."),
}


def media_error(field: str | None, code: str) -> tuple[str, str]:
    """``(form field, msgid)`` for an API error; form-wide errors use the field ``""``."""
    if code in UPLOAD_ERRORS:
        return "file", UPLOAD_ERRORS[code]
    if field and field in FIELD_ERRORS:
        by_code = FIELD_ERRORS[field]
        return field, by_code.get(code, by_code["*"])
    return "", FORM_ERRORS.get(code, FORM_ERRORS["*"])
