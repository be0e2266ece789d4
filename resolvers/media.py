"""Root fields of the media library: the scoped list, upload and update."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import strawberry
from starlette.datastructures import UploadFile
from strawberry.types import Info

from hub.models import MediaAsset, MediaKind
from hub.services import media as service
from hub.services.errors import ServiceError
from resolvers.pagination import AfterArg, PageSizeArg, TenantSlugArg, paginate
from resolvers.selection import selects
from resolvers.tenants import require_tenant
from schema.common import Connection, expect_id
from schema.media import (
    MediaAssetType,
    MediaError,
    MediaErrorCode,
    MediaResult,
    MediaSuccess,
    MediaUpdateInput,
    MediaUploadInput,
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
        first: PageSizeArg = 20,
        after: AfterArg = None,
    ) -> Connection[MediaAssetType]:
        owner = await require_tenant(info, tenant)
        qs = MediaAsset.visible(info.context.scope.for_tenant(owner))
        if kind is not None:
            qs = qs.filter(kind=kind)
        connection = await paginate(qs.order_by("-id"), first, after)
        if selects(info, "edges", "node", "renditions") or selects(info, "edges", "node", "srcset"):
            # One query for the whole page's renditions, before the fields ask.
            assets = [e.node for e in connection.edges if e.node.kind == MediaKind.IMAGE]
            if assets:
                await MediaAsset.fetch_for_list(assets, "renditions")
        return connection


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
