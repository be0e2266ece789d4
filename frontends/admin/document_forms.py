"""The document form's plumbing: dd/mm/yyyy dates, signer rows, and `DocumentInput`.

The form keeps what was typed (strings) apart from what the API takes, so a
form sent back with an error shows the input exactly as it was.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.requests import Request

from frontends.admin.document_texts import DATE_ERROR, REQUIRED_DATE
from frontends.admin.forms import MAX_TEXT

TEXT_FIELDS = ("number", "type", "issuer", "title", "abstract", "fullText", "slug", "fields")
DATE_FIELDS = ("issuedOn", "effectiveFrom", "effectiveUntil", "gazettePublishedOn")
MAX_SIGNER_ROWS = 20
MAX_FORM_FIELDS = 80


def parse_day(value: str) -> date | None:
    """A date typed as dd/mm/yyyy (or yyyy-mm-dd from a date input); None when empty."""
    value = value.strip()
    if not value:
        return None
    if "/" in value:
        day, month, year = value.split("/", 2)
        return date(int(year), int(month), int(day))
    return date.fromisoformat(value)


def show_day(value: str | None) -> str:
    """An API date (yyyy-mm-dd) as the form shows it: dd/mm/yyyy."""
    if not value:
        return ""
    year, month, day = value[:10].split("-")
    return f"{day}/{month}/{year}"


async def read_fields(request: Request) -> dict[str, str]:
    """The posted text fields, bounded; files are refused by Starlette."""
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    return {k: str(v)[:MAX_TEXT] for k, v in form.items() if isinstance(v, str)}


def document_values(doc: dict[str, Any]) -> dict[str, Any]:
    """The form's values from a document as the API returns it."""
    values: dict[str, Any] = {
        "number": doc["number"],
        "type": doc["type"],
        "issuer": doc["issuer"],
        "title": doc["title"],
        "abstract": doc["abstract"],
        "fullText": doc["fullText"],
        "slug": doc["slug"],
        "fields": "\n".join(doc["fields"]),
        "language": doc["language"],
        "consolidated": "1" if doc["consolidated"] else "",
        "signers": [(s["name"], s["jobTitle"]) for s in doc["signers"]],
    }
    for name in DATE_FIELDS:
        values[name] = show_day(doc.get(name))
    return values


def posted_values(form: dict[str, str]) -> dict[str, Any]:
    """The form's values as typed (kept when the form comes back with an error)."""
    values: dict[str, Any] = {name: form.get(name, "") for name in (*TEXT_FIELDS, *DATE_FIELDS)}
    values["language"] = "EN" if form.get("language") == "EN" else "VI"
    values["consolidated"] = "1" if form.get("consolidated") else ""
    signers = []
    for i in range(MAX_SIGNER_ROWS):
        name, title = form.get(f"signer-{i}", ""), form.get(f"signer-title-{i}", "")
        if name.strip() or title.strip():
            signers.append((name, title))
    values["signers"] = signers
    return values


def document_input(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The API's `DocumentInput` from the form, and the date errors found before asking it."""
    errors: dict[str, str] = {}
    dates: dict[str, str | None] = {}
    for name in DATE_FIELDS:
        try:
            day = parse_day(values[name])
        except ValueError:
            errors[name] = DATE_ERROR
            continue
        dates[name] = day.isoformat() if day else None
    if "issuedOn" not in errors and dates.get("issuedOn") is None:
        errors["issuedOn"] = REQUIRED_DATE
    fields = [line.strip() for line in values["fields"].replace(";", "\n").splitlines()]
    data = {
        "number": values["number"],
        "type": values["type"],
        "issuer": values["issuer"],
        "title": values["title"],
        "abstract": values["abstract"],
        "fullText": values["fullText"],
        "slug": values["slug"].strip() or None,
        "fields": [f for f in fields if f],
        "signers": [{"name": n, "jobTitle": t} for n, t in values["signers"]],
        "language": values["language"],
        "consolidated": bool(values["consolidated"]),
        **dates,
    }
    return data, errors
