"""Where media assets are used, and deleting an asset nothing uses.

A file of the library can be an article's cover, gallery photo or
attachment, a picture inside an article's body, a legal document's file,
a gazette edition's PDF, the cover a portal chose for a placement it
received, or a file a citizen sent with an initiative. :func:`usages_of`
answers for a whole page of assets in a fixed number of statements (one
per kind of use), so the library's list costs the same for 5 assets as
for 50. :func:`media_delete` refuses while anything uses the asset and
otherwise removes the row, its renditions and the files nobody else holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tortoise.exceptions import IntegrityError, OperationalError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, can
from hub.initiatives.models import InitiativeAttachment
from hub.models import Article, ArticleMedia, MediaAsset, MediaRendition
from hub.models.base import ContentStatus
from hub.models.documents import DocumentAttachment
from hub.models.gazette import EditionStatus, GazetteEdition
from hub.models.imports import OldAddress
from hub.models.syndication import PlacementReceipt
from hub.services.errors import ServiceError
from hub.services.journal import audit
from hub.services.media import MediaErrorCode
from hub.storage import Storage, get_storage
from tenants.scope import Scope


class UsageKind(StrEnum):
    """How an asset is used."""

    ARTICLE_COVER = "article_cover"
    ARTICLE_GALLERY = "article_gallery"
    ARTICLE_ATTACHMENT = "article_attachment"
    ARTICLE_INLINE = "article_inline"  # a picture or link inside the body's HTML
    DOCUMENT_FILE = "document_file"
    GAZETTE_PDF = "gazette_pdf"
    PLACEMENT_COVER = "placement_cover"  # a receiving portal's cover for a placed article
    INITIATIVE_ATTACHMENT = "initiative_attachment"


@dataclass(frozen=True)
class MediaUsage:
    """One use of an asset: what uses it (type name and id, for a global ID) and its title."""

    kind: UsageKind
    object_type: str  # "Article", "LegalDocument", "GazetteEdition", "Initiative"
    object_id: int
    title: str
    published: bool  # whether the public sees the use (a published article, document…)


_ROLE_KINDS = {
    "cover": UsageKind.ARTICLE_COVER,
    "gallery": UsageKind.ARTICLE_GALLERY,
    "attachment": UsageKind.ARTICLE_ATTACHMENT,
}
_PUBLISHED = ContentStatus.PUBLISHED.value


def _content_hash(key: str) -> str:
    """The 64 hex digits of a storage key: what a `/media/…` URL in HTML contains."""
    return key.rsplit("/", 1)[-1].split(".", 1)[0]


async def usages_of(assets: Sequence[MediaAsset]) -> dict[int, list[MediaUsage]]:
    """Every use of each asset, by asset id (seven statements, whatever the number).

    Reads every tenant's rows: the ids come from a scoped read, and callers
    decide what the viewer may see of the answer (``published``).
    """
    found: dict[int, list[MediaUsage]] = defaultdict(list)
    ids = [a.id for a in assets]
    if not ids:
        return found
    links = ArticleMedia.filter(asset_id__in=ids).order_by("article_id", "role", "position")
    columns = ("asset_id", "role", "article_id", "article__title", "article__status")
    for row in await links.values(*columns):
        found[row["asset_id"]].append(
            MediaUsage(
                _ROLE_KINDS[str(row["role"])],
                "Article",
                row["article_id"],
                row["article__title"],
                str(row["article__status"]) == _PUBLISHED,
            )
        )
    files = DocumentAttachment.filter(asset_id__in=ids).order_by("document_id", "position")
    for row in await files.values(
        "asset_id", "document_id", "document__number", "document__title", "document__status"
    ):
        title = " ".join(p for p in (row["document__number"], row["document__title"]) if p)
        found[row["asset_id"]].append(
            MediaUsage(
                UsageKind.DOCUMENT_FILE,
                "LegalDocument",
                row["document_id"],
                title,
                str(row["document__status"]) == _PUBLISHED,
            )
        )
    editions = GazetteEdition.unscoped().filter(pdf_id__in=ids).order_by("id")
    for row in await editions.values("id", "pdf_id", "label", "year", "status"):
        found[row["pdf_id"]].append(
            MediaUsage(
                UsageKind.GAZETTE_PDF,
                "GazetteEdition",
                row["id"],
                f"{row['label']}/{row['year']}",
                row["status"] == EditionStatus.PUBLISHED.value,
            )
        )
    receipts = PlacementReceipt.filter(cover_id__in=ids).order_by("id")
    for row in await receipts.values(
        "cover_id",
        "placement__article_id",
        "placement__article__title",
        "placement__article__status",
        "placement__revoked_at",
    ):
        live = row["placement__revoked_at"] is None
        found[row["cover_id"]].append(
            MediaUsage(
                UsageKind.PLACEMENT_COVER,
                "Article",
                row["placement__article_id"],
                row["placement__article__title"],
                live and str(row["placement__article__status"]) == _PUBLISHED,
            )
        )
    # Citizens' files are private to the portal's handlers: never a public use.
    sent = InitiativeAttachment.filter(asset_id__in=ids).order_by("initiative_id")
    for row in await sent.values("asset_id", "initiative_id"):
        found[row["asset_id"]].append(
            MediaUsage(
                UsageKind.INITIATIVE_ATTACHMENT, "Initiative", row["initiative_id"], "", False
            )
        )
    await _inline_usages(assets, found)
    return found


async def _inline_usages(assets: Sequence[MediaAsset], found: dict[int, list[MediaUsage]]) -> None:
    """Pictures and links inside article bodies: the body names the file's (or a
    rendition's) storage key. One statement for the renditions' keys, one LIKE
    scan of the portals' article bodies; bodies of other portals are not read."""
    ids = [a.id for a in assets]
    hashes: dict[str, int] = {_content_hash(a.storage_key): a.id for a in assets}
    for asset_id, key in await MediaRendition.filter(asset_id__in=ids).values_list(
        "asset_id", "storage_key"
    ):
        hashes[_content_hash(str(key))] = int(asset_id)
    condition = Q()
    for digest in hashes:
        condition |= Q(body__contains=digest)
    tenants = {a.tenant_id for a in assets}
    articles = (
        Article.unscoped()
        .filter(Q(tenant_id__in=list(tenants)) & condition)
        .order_by("id")
        .values("id", "title", "status", "body")
    )
    for row in await articles:
        body = row["body"] or ""
        users = {asset_id for digest, asset_id in hashes.items() if digest in body}
        for asset_id in sorted(users):
            found[asset_id].append(
                MediaUsage(
                    UsageKind.ARTICLE_INLINE,
                    "Article",
                    row["id"],
                    row["title"],
                    str(row["status"]) == _PUBLISHED,
                )
            )


def _fail(code: MediaErrorCode, message: str) -> ServiceError:
    return ServiceError(code, message, None)


class AssetInUse(ServiceError):
    """The asset is used: the error carries the uses so the caller can list them."""

    def __init__(self, usages: list[MediaUsage]) -> None:
        where = "; ".join(f"{u.kind.value} {u.object_type}:{u.object_id}" for u in usages[:20])
        super().__init__(MediaErrorCode.IN_USE, f"the file is in use: {where}", None)
        self.usages = usages


async def media_delete(scope: Scope, asset_id: int, *, storage: Storage | None = None) -> int:
    """Delete an asset nothing uses; its id. Audited; files no other row names are removed.

    Another portal's asset is ``NOT_FOUND`` (as a missing one), whether or
    not it is public, so the answer tells nothing about other libraries.
    """
    asset = await MediaAsset.readable_by(scope).get_or_none(id=asset_id)
    if asset is None or not can(scope.viewer, Permission.VIEW_DRAFTS, asset.tenant_id):
        raise _fail(MediaErrorCode.NOT_FOUND, "media asset not found")
    if not can(scope.viewer, Permission.MEDIA_UPLOAD, asset.tenant_id):
        raise _fail(MediaErrorCode.FORBIDDEN, "not allowed: media_upload")
    keys = [asset.storage_key]
    try:
        async with in_transaction():
            usages = (await usages_of([asset])).get(asset.id, [])
            if usages:
                raise AssetInUse(usages)
            keys += [
                str(k)
                for k in await MediaRendition.filter(asset_id=asset.id).values_list(
                    "storage_key", flat=True
                )
            ]
            await audit(
                scope,
                asset,
                "delete",
                changes={
                    "filename": asset.original_filename,
                    "kind": asset.kind.value,
                    "sha256": asset.sha256,
                },
            )
            await MediaRendition.filter(asset_id=asset.id).delete()
            await OldAddress.filter(asset_id=asset.id).delete()
            await MediaAsset.unscoped().filter(id=asset.id).delete()
    except (IntegrityError, OperationalError) as exc:
        # A link written between the check and the delete: the foreign keys refuse.
        usages = (await usages_of([asset])).get(asset.id, [])
        if not usages:
            raise
        raise AssetInUse(usages) from exc
    await _remove_unheld_files(storage or get_storage(), keys)
    return asset.id


async def _remove_unheld_files(storage: Storage, keys: list[str]) -> None:
    """Delete each file no asset or rendition names any more.

    Files are shared by content hash (the same photo in two portals, a fork's
    copy), so a file goes only when its last row has gone.
    """
    for key in dict.fromkeys(keys):
        held = (
            await MediaAsset.unscoped().filter(storage_key=key).exists()
            or await MediaRendition.filter(storage_key=key).exists()
        )
        if not held:
            await storage.delete(key)
