"""Reading the library's plain upload form: one file and a few text fields, bounded.

The workspace's other forms refuse files (`forms.read_form`). This one takes
exactly one, and the body may grow only as large as `/graphql` itself
accepts for an upload (`forms.upload_request`, the bound every file-taking
form reads through), checked against `Content-Length` and again while the
body streams in, so a forged length cannot fill the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from frontends.admin.forms import upload_request

TEXT_FIELDS = ("alt_text", "caption", "credit")
MAX_TEXT_PART = 64 * 1024  # far above the API's own limits (it answers with a field error)


@dataclass
class UploadForm:
    """What the form sent: the file (if any), the texts, or why it could not be read."""

    file: UploadFile | None = None
    texts: dict[str, str] = field(default_factory=dict)
    problem: str = ""  # an UPLOAD_ERRORS key: TOO_LARGE, UNREADABLE, NO_FILE
    form: FormData | None = None

    async def close(self) -> None:
        if self.form is not None:
            await self.form.close()


async def read_upload(request: Request) -> UploadForm:
    """The posted file and texts; the caller closes the result (temporary files)."""
    try:
        form = await upload_request(request).form(
            max_files=1, max_fields=8, max_part_size=MAX_TEXT_PART
        )
    except HTTPException as exc:  # upload_request's 413, or Starlette's 400 for bad parts
        return UploadForm(problem="TOO_LARGE" if exc.status_code == 413 else "UNREADABLE")
    except (MultiPartException, ValueError):
        return UploadForm(problem="UNREADABLE")
    texts = {k: v for k, v in form.items() if k in TEXT_FIELDS and isinstance(v, str)}
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return UploadForm(texts=texts, problem="NO_FILE", form=form)
    return UploadForm(file=upload, texts=texts, form=form)
