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

# Workflow buttons and confirmations beside messages.STEP_BUTTONS / STEP_DONE.
STEP_BUTTONS = {"unpublish": N_("Take it off the site"), "archive": N_("Archive")}
STEP_DONE = {
    "unpublish": N_("Taken off the public site."),
    "archive": N_("Archived: the article is kept, frozen and not shown."),
    "schedule": N_("The schedule was saved."),
}

SCHEDULE_TITLE = N_("Schedule (Hà Nội time)")
SCHEDULE_PUBLISH = N_("Publish on")
SCHEDULE_UNPUBLISH = N_("Take it off the site on")
SCHEDULE_DAY_HINT = N_("Date as dd/mm/yyyy and time as HH:MM, Hà Nội time. Leave empty for none.")
SCHEDULE_DAY = N_("Date (dd/mm/yyyy)")
SCHEDULE_TIME = N_("Time (HH:MM)")
SCHEDULE_SAVE = N_("Save the schedule")
SCHEDULE_NOW = N_("Scheduled to go live: %(when)s")
SCHEDULE_END = N_("Scheduled to come down: %(when)s")
SCHEDULE_DAY_ERROR = N_("Enter a date as dd/mm/yyyy, for example 24/12/2026.")
SCHEDULE_TIME_ERROR = N_("Enter a time as HH:MM, for example 08:30.")
SCHEDULE_PUBLISH_PAST = N_("The publication time must be in the future.")
SCHEDULE_UNPUBLISH_ORDER = N_(
    "The time to take it down must be in the future and after its publication."
)
PREVIEW = N_("Preview on the portal")
PREVIEW_HINT = N_("Opens the article as readers would see it, through a link valid for 24 hours.")

# The extra fields' errors (the API's message is English data).
FIELD_ERRORS = {
    "source_url": N_("Enter the source's address, starting with https:// or http://."),
    "tags": N_("Enter keywords separated by commas, each at most 120 characters."),
    "related": N_("Choose related articles of this portal."),
    "cover": N_("Choose a picture of this portal's media library."),
    "attachments": N_("Choose files of this portal's media library."),
    "*": N_("This is too long or not valid here."),
}
UPLOAD_ERRORS = {
    "ALT_TEXT_REQUIRED": N_("Describe the picture for people who cannot see it (alt text)."),
    "EMPTY_FILE": N_("The file is empty. Choose another file."),
    "UNSUPPORTED_TYPE": N_("Choose a JPEG, PNG, GIF or WebP picture."),
    "TOO_LARGE": N_("The picture is too large: at most 20 MB."),
    "IMAGE_TOO_LARGE": N_("The picture has too many pixels: at most 50 megapixels."),
    "FORBIDDEN": N_("Your role in this portal does not allow uploading files."),
    "*": N_("The picture could not be uploaded. Choose it again and try again."),
}
KIND_LABELS = {
    "NEWS": N_("News"),
    "BLOG": N_("Blog post"),
    "GALLERY": N_("Photo gallery"),
    "VIDEO": N_("Video"),
    "AUDIO": N_("Audio"),
    "PAGE": N_("Page"),
    "ANNOUNCEMENT": N_("Announcement"),
    "LINK": N_("Link to another site"),
}
DETAILS = N_("Details")
KIND = N_("Kind")
SEO = N_("Search engines")
SNIPPET = N_("How a search engine may show it")
SNIPPET_HINT = N_("Empty fields use the title and the summary. The preview updates when you save.")
FEATURED = N_("Featured on the home page")
PINNED = N_("Pinned at the top of lists")
TAGS = N_("Keywords (tags)")
TAGS_HINT = N_("Separate them with commas.")
RELATED = N_("Related articles")
LIST_HINT = N_("Hold Ctrl (⌘ on a Mac) to choose more than one.")
COVER = N_("Cover picture")
COVER_NONE = N_("No cover picture")
COVER_FILE = N_("Or upload a new picture")
COVER_ALT = N_("Alt text of the new picture")
COVER_ALT_HINT = N_("Required: what the picture shows, for people who cannot see it.")
ATTACHMENTS = N_("Attached files")

TRANSLATION_OF = N_("Translation of:")
TRANSLATIONS = N_("Translations:")
TRANSLATION_STALE = N_(
    "The original's text changed after this translation was last edited: check it."
)
TRANSLATION_STALE_SHORT = N_("out of date")
TRANSLATE = N_("Start the English translation")
TRANSLATE_HINT = N_("A new English draft linked to this article, starting from its text.")
STEP_DONE["translation"] = N_("The English translation was created as a draft. Translate it here.")

GALLERY = N_("Gallery photos")
GALLERY_HINT = N_(
    "Number the pictures to show in the gallery, 1 first. Leave empty to leave a picture out."
)
GALLERY_PLACE = N_("Place of %(name)s")
FIELD_ERRORS["gallery"] = N_("Choose pictures of this portal's media library.")
