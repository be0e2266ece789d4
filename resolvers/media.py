"""Root fields of the media library: the scoped list, upload and update."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import strawberry
from starlette.datastructures import UploadFile
from strawberry.types import Info
from tortoise.queryset import QuerySet

from hub.models import MediaAsset, MediaKind
from hub.services import media as service
from hub.services.errors import ServiceError
from hub.services.media_usage import AssetInUse, media_delete
from hub.text.folding import fold, nfc
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, page_window, paginate
from resolvers.selection import selects
from resolvers.tenants import require_tenant
from schema.common import Connection, expect_id, make_connection
from schema.media import (
    MediaAssetType,
    MediaDeleteInput,
    MediaDeleteResult,
    MediaDeleteSuccess,
    MediaError,
    MediaErrorCode,
    MediaResult,
    MediaSuccess,
    MediaUpdateInput,
    MediaUploadInput,
    MediaUsageType,
)
from schema.media import MediaKind as MediaKindEnum


@strawberry.type
class MediaQuery:
    @strawberry.field(
        description="Files of one portal's media library, newest first: to the public only "
        "files of published content, to the portal's editors the whole library."
    )
    async def media_assets(
        self,
        info: Info,
        tenant: TenantSlugArg,
        kind: Annotated[
            MediaKindEnum | None, strawberry.argument(description="Only files of this kind.")
        ] = None,
        text: Annotated[
            str | None,
            strawberry.argument(
                description="Words that the file name, alt text or caption contain, matched "
                "without tone marks ('ha noi' finds 'Hà Nội')."
            ),
        ] = None,
        missing_alt_text: Annotated[
            bool,
            strawberry.argument(description="Only images that have no alt text."),
        ] = False,
        first: PageSizeArg = 20,
        after: AfterArg = None,
    ) -> Connection[MediaAssetType]:
        owner = await require_tenant(info, tenant)
        qs = MediaAsset.visible(info.context.scope.for_tenant(owner))
        if kind is not None:
            qs = qs.filter(kind=kind)
        if missing_alt_text:
            qs = qs.filter(kind=MediaKind.IMAGE, alt_text="")
        words = fold(nfc(text or ""))[:MAX_TEXT].split()
        if words:
            connection = await _text_page(qs, words, first, after)
        else:
            connection = await paginate(qs.order_by("-id"), first, after)
        if selects(info, "edges", "node", "renditions") or selects(info, "edges", "node", "srcset"):
            # One query for the whole page's renditions, before the fields ask.
            assets = [e.node for e in connection.edges if e.node.kind == MediaKind.IMAGE]
            if assets:
                await MediaAsset.fetch_for_list(assets, "renditions")
        return connection


MAX_TEXT = 200


async def _text_page(
    qs: QuerySet[MediaAsset], words: list[str], first: int, after: str | None
) -> Connection[MediaAssetType]:
    """A page of the assets whose folded name, alt text and caption hold every word.

    The database cannot fold Vietnamese (SQLite has no unaccent), and the
    library keeps no folded column, so the texts of the (filtered) library
    are read in one statement and folded here with the one folding
    function; the page's rows are a second statement. A portal's library
    is thousands of files, not millions.
    """
    offset = page_window(first, after)
    rows = await qs.order_by("-id").values_list("id", "original_filename", "alt_text", "caption")
    matching = [
        row[0]
        for row in rows
        if all(w in fold(" ".join(str(part) for part in row[1:])) for w in words)
    ]
    wanted = matching[offset : offset + first + 1] if first else []
    page = await MediaAsset.filter(id__in=wanted).order_by("-id") if wanted else []

    async def count() -> int:
        return len(matching)

    return make_connection(list(page), offset, first, count)


async def _result(call: Awaitable[MediaAsset]) -> MediaResult:
    try:
        return MediaSuccess(asset=await call)  # type: ignore[arg-type]
    except ServiceError as exc:
        return MediaError(code=MediaErrorCode(exc.code), message=exc.message, field=exc.field)


@strawberry.type
class MediaMutation:
    @strawberry.mutation(
        description="Add a file to a portal's media library (send it as a GraphQL multipart "
        "request). Images are re-encoded without metadata and get WebP renditions."
    )
    async def media_upload(
        self,
        info: Info,
        input: Annotated[
            MediaUploadInput, strawberry.argument(description="The file and its text.")
        ],
    ) -> MediaResult:
        upload = input.file
        if not isinstance(upload, UploadFile):
            return MediaError(
                code=MediaErrorCode.INVALID_INPUT,
                message="send the file as a GraphQL multipart request",
                field="file",
            )
        tenant = await require_tenant(info, input.tenant)
        return await _result(
            service.media_upload(
                info.context.scope,
                tenant,
                upload.filename or "",
                upload.file,
                alt_text=input.alt_text,
                caption=input.caption,
                credit=input.credit,
                focal_x=input.focal_x,
                focal_y=input.focal_y,
                transcript=input.transcript,
                captions=input.captions,
            )
        )

    @strawberry.mutation(
        description="Change the alt text, caption, credit or focal point of a file."
    )
    async def media_update(
        self,
        info: Info,
        input: Annotated[MediaUpdateInput, strawberry.argument(description="What to change.")],
    ) -> MediaResult:
        text = service.MediaText(
            alt_text=input.alt_text,
            caption=input.caption,
            credit=input.credit,
            focal_x=input.focal_x,
            focal_y=input.focal_y,
            transcript=input.transcript,
            captions=input.captions,
        )
        return await _result(
            service.media_update(info.context.scope, expect_id(input.id, "MediaAsset"), text)
        )

    @strawberry.mutation(
        description="Delete a file of a portal's media library, with its renditions. "
        "Refused with `IN_USE` (listing where) while anything uses it."
    )
    async def media_delete(
        self,
        info: Info,
        input: Annotated[MediaDeleteInput, strawberry.argument(description="Which file.")],
    ) -> MediaDeleteResult:
        try:
            await media_delete(info.context.scope, expect_id(input.id, "MediaAsset"))
        except AssetInUse as exc:
            return MediaError(
                code=MediaErrorCode.IN_USE,
                message=exc.message,
                field=None,
                usages=[MediaUsageType.of(u) for u in exc.usages],
            )
        except ServiceError as exc:
            return MediaError(code=MediaErrorCode(exc.code), message=exc.message, field=exc.field)
        return MediaDeleteSuccess(deleted_id=input.id)
