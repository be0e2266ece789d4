"""User-facing text through Babel catalogues: Vietnamese first, English second.

Source strings (msgids) are English; `hub/locale/<lang>/LC_MESSAGES/messages.po`
translates them. Catalogues are compiled in memory when first used, so no
binary `.mo` file needs committing or building.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


@cache
def translations(language: str) -> Translations:
    """The compiled catalogue of ``language`` (English falls back to msgids)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def gettext(language: str, message: str) -> str:
    return translations(language).gettext(message)


HTTP_ERRORS: dict[str, str] = {
    "malformed_json": N_("The request body is not valid JSON."),
    "body_not_object": N_("The request body must be a JSON object."),
    "query_missing": N_("The request has no GraphQL query."),
    "query_too_large": N_("The query is too large."),
    "variables_not_object": N_("`variables` must be a JSON object."),
    "operation_name_not_string": N_("`operationName` must be a string."),
    "unsupported_media_type": N_(
        "Send the request as application/json (file uploads as multipart/form-data)."
    ),
    "not_acceptable": N_("This endpoint answers in JSON only."),
    "method_not_allowed": N_("Use GET or POST."),
    "mutation_via_get": N_("Mutations must be sent with POST."),
    "not_found": N_("Page not found."),
    "unknown_portal": N_("No portal is served at this address."),
    "server_error": N_("Something went wrong on our side. Please try again later."),
    "bad_request": N_("The request is not valid."),
    "upload_preflight_required": N_(
        "An upload needs a bearer token, or a GraphQL-Require-Preflight header when signed in "
        "with the session cookie."
    ),
    "upload_too_large": N_("The upload is too large."),
    "multipart_malformed": N_("The multipart request cannot be read."),
    "too_many_files": N_("Too many files in one request."),
    "operations_invalid": N_("`operations` must be a JSON object holding one GraphQL request."),
    "map_invalid": N_("`map` must be a JSON object that maps each file to null variables."),
    "multipart_mutations_only": N_("A multipart request may carry a mutation only."),
    "ws_unauthorized": N_("The credentials in connectionParams are not valid."),
    "ws_session_ended": N_("The session has ended. Sign in again."),
    "cross_site_form": N_(
        "This form was sent from another site. Open the sign-in page again and retry."
    ),
    "too_many_sign_ins": N_("Too many failed sign-ins. Wait a moment, then try again."),
}


def bilingual(key: str) -> str:
    """``"<Vietnamese> / <English>"`` for an HTTP error key."""
    english = HTTP_ERRORS[key]
    return f"{gettext('vi', english)} / {english}"
