"""GraphQL types of the media library: assets, renditions, mutation inputs and results."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from hub import models as m
from hub.auth.permissions import Permission, can
from hub.services.media import MediaErrorCode as _MediaErrorCode
from hub.services.media_usage import MediaUsage, UsageKind
from hub.storage import get_storage
from schema.common import Node, encode_global_id, load_now
from schema.tenants import TenantType

MediaKind = strawberry.enum(
    m.MediaKind, name="MediaKind", description="What a media file is, told from its bytes."
)
MediaErrorCode = strawberry.enum(
    _MediaErrorCode, name="MediaErrorCode", description="Why a media mutation failed."
)
MediaUsageKind = strawberry.enum(
    UsageKind, name="MediaUsageKind", description="How a media file is used."
)


@strawberry.type(name="MediaUsage", description="One place that uses a media file.")
class MediaUsageType:
    kind: MediaUsageKind = strawberry.field(
        description="Cover, gallery photo, attachment or picture in the body of an article, "
        "a legal document's file, a gazette edition's PDF, a placement's cover, or a file "
        "sent with a citizen's initiative."
    )
    target_id: strawberry.ID = strawberry.field(
        description="Global ID of what uses the file (an Article, LegalDocument, "
        "GazetteEdition or Initiative)."
    )
    title: str = strawberry.field(
        description="Title of what uses the file (empty for initiatives, whose text is private)."
    )
    published: bool = strawberry.field(description="Whether the public sees this use.")

    @classmethod
    def of(cls, usage: MediaUsage) -> MediaUsageType:
        return cls(
            kind=usage.kind,  # type: ignore[arg-type]
            target_id=strawberry.ID(encode_global_id(usage.object_type, usage.object_id)),
            title=usage.title,
            published=usage.published,
        )


@dataclass(frozen=True)
class ArticleMediaSet:
    """An article's media by role, in display order."""

    cover: m.MediaAsset | None
    gallery: list[m.MediaAsset]
    attachments: list[m.MediaAsset]


@strawberry.type(name="MediaRendition", description="A resized WebP copy of an image.")
class MediaRenditionType:
    width: int = strawberry.field(description="Width in pixels.")
    height: int = strawberry.field(description="Height in pixels.")
    size: int = strawberry.field(description="File size in bytes.")
    storage_key: strawberry.Private[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.MediaRendition)

    @strawberry.field(description="Where to fetch the file (immutable: cache it for ever).")
    def url(self) -> str:
        return get_storage().url(self.storage_key)


def renditions_of(asset: m.MediaAsset) -> list[m.MediaRendition] | Awaitable[Any]:
    """The asset's renditions, narrowest first: from the list's batch when it made one."""
    if asset.kind != m.MediaKind.IMAGE:
        return []
    relation = asset.renditions
    if relation._fetched:
        return sorted(relation.related_objects, key=lambda r: r.width)
    return relation.all().order_by("width")


@strawberry.type(name="MediaAsset", description="A file of a portal's media library.")
class MediaAssetType(Node):
    kind: MediaKind = strawberry.field(description="Image, audio, video or document.")
    original_filename: str = strawberry.field(
        description="The uploader's file name, cleaned (shown to people, never used as a path)."
    )
    content_type: str = strawberry.field(description="MIME type sniffed from the bytes.")
    size: int = strawberry.field(description="Size of the stored file in bytes.")
    sha256: str = strawberry.field(description="SHA-256 of the stored file (hex).")
    width: int | None = strawberry.field(description="Width in pixels (images).")
    height: int | None = strawberry.field(description="Height in pixels (images).")
    duration_seconds: float | None = strawberry.field(
        description="Playing time in seconds (audio and video, when it can be read)."
    )
    alt_text: str = strawberry.field(description="Text alternative of an image (required).")
    caption: str = strawberry.field(description="Caption shown with the media.")
    credit: str = strawberry.field(description="Author or source to credit.")
    focal_x: float = strawberry.field(
        description="Horizontal focal point, 0 (left) to 1 (right), for cropping."
    )
    focal_y: float = strawberry.field(
        description="Vertical focal point, 0 (top) to 1 (bottom), for cropping."
    )
    transcript: str | None = strawberry.field(
        description="Full text transcript (audio and video accessibility)."
    )
    captions: str | None = strawberry.field(description="Captions as WebVTT text.")
    created_at: datetime = strawberry.field(description="Upload time (UTC).")
    updated_at: datetime = strawberry.field(description="Last change (UTC).")
    tenant_id: strawberry.Private[int]
    storage_key: strawberry.Private[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, m.MediaAsset)

    @strawberry.field(description="The portal whose library holds this file.")
    def tenant(self, info: Info) -> TenantType:
        return load_now(info.context.loaders.tenant_by_id, self.tenant_id)  # type: ignore[no-any-return]

    @strawberry.field(description="Where to fetch the file (immutable: cache it for ever).")
    def url(self) -> str:
        return get_storage().url(self.storage_key)

    @strawberry.field(
        description="Where the file is used. The portal's editors see every use; others "
        "only the published ones. A page of assets is loaded in one batch."
    )
    async def usages(self, info: Info) -> list[MediaUsageType]:
        found = await info.context.loaders.media_usages.load(self)
        everything = can(info.context.scope.viewer, Permission.VIEW_DRAFTS, self.tenant_id)
        return [MediaUsageType.of(u) for u in found if everything or u.published]

    @strawberry.field(description="WebP renditions of an image, narrowest first (else empty).")
    def renditions(self) -> list[MediaRenditionType]:
        return renditions_of(self)  # type: ignore[arg-type, return-value]

    @strawberry.field(
        description="The renditions as an HTML `srcset` value (`<url> 320w, …`); null when "
        "the file is not an image."
    )
    def srcset(self) -> str | None:  # may hand graphql-core an awaitable instead
        if self.kind != m.MediaKind.IMAGE:
            return None
        found = renditions_of(self)  # type: ignore[arg-type]
        if isinstance(found, list):  # prefetched with the list: no awaitable per image
            return _srcset(found)
        return _srcset_later(found)  # type: ignore[return-value]


def _srcset(rows: list[m.MediaRendition]) -> str:
    storage = get_storage()
    return ", ".join(f"{storage.url(r.storage_key)} {r.width}w" for r in rows)


async def _srcset_later(pending: Awaitable[Any]) -> str:
    return _srcset(list(await pending))


@strawberry.input(description="A file for a portal's media library.")
class MediaUploadInput:
    tenant: str = strawberry.field(description="Slug of the portal whose library gets the file.")
    file: Upload = strawberry.field(
        description="The file, sent as a GraphQL multipart request. Its type is read from "
        "its bytes: JPEG, PNG, GIF, WebP, MP3, M4A, OGG, MP4, WebM, PDF and Office files."
    )
    alt_text: str = strawberry.field(
        default="", description="Text alternative; required for images."
    )
    caption: str = strawberry.field(default="", description="Caption shown with the media.")
    credit: str = strawberry.field(default="", description="Author or source to credit.")
    focal_x: float = strawberry.field(
        default=0.5, description="Horizontal focal point, 0 (left) to 1 (right)."
    )
    focal_y: float = strawberry.field(
        default=0.5, description="Vertical focal point, 0 (top) to 1 (bottom)."
    )
    transcript: str | None = strawberry.field(
        default=None, description="Full text transcript (audio and video)."
    )
    captions: str | None = strawberry.field(default=None, description="Captions as WebVTT text.")


@strawberry.input(description="Changes to what is said about a media file; omitted fields stay.")
class MediaUpdateInput:
    id: strawberry.ID = strawberry.field(description="ID of the media asset.")
    alt_text: str | None = strawberry.field(default=None, description="New text alternative.")
    caption: str | None = strawberry.field(default=None, description="New caption.")
    credit: str | None = strawberry.field(default=None, description="New credit.")
    focal_x: float | None = strawberry.field(
        default=None, description="New horizontal focal point (0 to 1)."
    )
    focal_y: float | None = strawberry.field(
        default=None, description="New vertical focal point (0 to 1)."
    )
    transcript: str | None = strawberry.field(
        default=None, description="New transcript; an empty string removes it."
    )
    captions: str | None = strawberry.field(
        default=None, description="New WebVTT captions; an empty string removes them."
    )


@strawberry.type(description="The media mutation succeeded.")
class MediaSuccess:
    asset: MediaAssetType = strawberry.field(description="The media asset as it now stands.")


@strawberry.type(description="The media mutation failed; nothing was written.")
class MediaError:
    code: MediaErrorCode = strawberry.field(description="Stable machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation (English).")
    field: str | None = strawberry.field(description="The input field at fault, if one is.")
    usages: list[MediaUsageType] = strawberry.field(
        default_factory=list,
        description="With `IN_USE`: where the file is used (what must change before deleting).",
    )


MediaResult = Annotated[
    MediaSuccess | MediaError,
    strawberry.union("MediaResult", description="Outcome of a media mutation."),
]


@strawberry.input(description="The media file to delete.")
class MediaDeleteInput:
    id: strawberry.ID = strawberry.field(description="ID of the media asset.")


@strawberry.type(description="The media file was deleted.")
class MediaDeleteSuccess:
    deleted_id: strawberry.ID = strawberry.field(description="ID of the deleted media asset.")


MediaDeleteResult = Annotated[
    MediaDeleteSuccess | MediaError,
    strawberry.union("MediaDeleteResult", description="Outcome of deleting a media file."),
]
