"""Per-request loaders of what articles point at: tags, media, related, translations, authors.

Articles reached through them are filtered by the viewer's scope
(`readable_by`), so a related article or a translation that is still a
draft of another portal never shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property
from typing import Any, NamedTuple

from strawberry.dataloader import DataLoader
from tortoise.functions import Max

from hub.models import Article, ArticleMedia, MediaAsset, MediaRole, User
from hub.models.newsroom import AuditEntry, Revision
from hub.services.journal import AUTOSAVE_NOTE
from resolvers.row_memory import RowMemory, fetch_media_assets
from schema.media import ArticleMediaSet
from tenants.directory import TenantDirectory
from tenants.scope import Scope

EMPTY_MEDIA = ArticleMediaSet(None, [], [])


class TagRow(NamedTuple):
    """A tag as a list shows it. Read-only, so not a model: building ~60 Tortoise
    instances per newsroom page cost a quarter of its CPU."""

    id: int
    slug: str
    name: str


class ArticleLoaders:
    def __init__(
        self,
        scope: Scope,
        directory: TenantDirectory | None = None,
        media_assets: RowMemory[MediaAsset] | None = None,
    ) -> None:
        self.scope = scope
        self.directory = directory
        self.media_assets = media_assets

    async def _assets(self, ids: list[int]) -> list[MediaAsset | None]:
        """Assets with their renditions. Readers get them from the process's memory;
        signed-in viewers (who may have just edited a caption) from the database."""
        if self.media_assets is not None and not self.scope.viewer.is_authenticated:
            return await self.media_assets.by_ids(ids)
        found = {a.id: a for a in await fetch_media_assets(ids)}
        return [found.get(i) for i in ids]

    @cached_property
    def tags_by_article(self) -> DataLoader[int, list[TagRow]]:
        async def load(ids: Sequence[int]) -> list[list[TagRow]]:
            rows = (
                await Article.unscoped()
                .filter(id__in=list(ids), tags__id__not_isnull=True)
                .values_list("id", "tags__id", "tags__slug", "tags__name")
            )
            grouped: dict[int, list[TagRow]] = defaultdict(list)
            for article_id, tag_id, slug, name in rows:
                grouped[article_id].append(TagRow(tag_id, slug, name))
            return [sorted(grouped[i], key=lambda t: t.name) for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def media_by_article(self) -> DataLoader[int, ArticleMediaSet]:
        async def load(ids: Sequence[int]) -> list[ArticleMediaSet]:
            links = await ArticleMedia.filter(article_id__in=list(ids)).order_by("position", "id")
            if not links:
                return [EMPTY_MEDIA for _ in ids]
            asset_ids = sorted({link.asset_id for link in links})
            assets = dict(zip(asset_ids, await self._assets(asset_ids), strict=True))
            by_article: dict[int, dict[MediaRole, list[MediaAsset]]] = defaultdict(
                lambda: defaultdict(list)
            )
            for link in links:
                asset = assets.get(link.asset_id)
                if asset is not None:
                    by_article[link.article_id][MediaRole(link.role)].append(asset)
            out = []
            for i in ids:
                roles = by_article.get(i, {})
                covers = roles.get(MediaRole.COVER, [])
                out.append(
                    ArticleMediaSet(
                        covers[0] if covers else None,
                        roles.get(MediaRole.GALLERY, []),
                        roles.get(MediaRole.ATTACHMENT, []),
                    )
                )
            return out

        return DataLoader(load_fn=load)

    @cached_property
    def media_asset_by_id(self) -> DataLoader[int, MediaAsset | None]:
        """Assets with their renditions (receivers' own covers); media are public."""

        async def load(ids: Sequence[int]) -> list[MediaAsset | None]:
            return await self._assets(list(ids))

        return DataLoader(load_fn=load)

    @cached_property
    def readable_article(self) -> DataLoader[int, Article | None]:
        async def load(ids: Sequence[int]) -> list[Article | None]:
            rows = {a.id: a for a in await Article.readable_by(self.scope).filter(id__in=list(ids))}
            return [rows.get(i) for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def translations_by_source(self) -> DataLoader[int, list[Article]]:
        async def load(ids: Sequence[int]) -> list[list[Article]]:
            grouped: dict[int, list[Article]] = defaultdict(list)
            for a in await Article.readable_by(self.scope).filter(translation_of_id__in=list(ids)):
                grouped[a.translation_of_id].append(a)  # type: ignore[index]
            return [grouped[i] for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def related_by_article(self) -> DataLoader[int, list[Article]]:
        async def load(ids: Sequence[int]) -> list[list[Article]]:
            pairs = (
                await Article.unscoped()
                .filter(id__in=list(ids), related__id__not_isnull=True)
                .values_list("id", "related__id")
            )
            wanted = {target for _, target in pairs}
            found = (
                {a.id: a for a in await Article.readable_by(self.scope).filter(id__in=list(wanted))}
                if wanted
                else {}
            )
            grouped: dict[int, list[Article]] = defaultdict(list)
            for source, target in pairs:
                if target in found:
                    grouped[source].append(found[target])
            return [grouped[i] for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def return_reason_by_article(self) -> DataLoader[int, str | None]:
        async def load(ids: Sequence[int]) -> list[str | None]:
            latest: dict[int, str] = {}
            entries = AuditEntry.filter(
                object_type="Article", object_id__in=list(ids), action="return"
            ).order_by("id")
            for object_id, reason in await entries.values_list("object_id", "reason"):
                latest[object_id] = reason  # later entries overwrite earlier ones
            return [latest.get(i) for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def revision_number_by_article(self) -> DataLoader[int, int]:
        """The number of each article's current revision (autosaves aside), 0 if none."""

        async def load(ids: Sequence[int]) -> list[int]:
            rows = (
                await Revision.filter(article_id__in=list(ids))
                .exclude(note__startswith=AUTOSAVE_NOTE)
                .annotate(last=Max("number"))
                .group_by("article_id")
                .values_list("article_id", "last")
            )
            found = dict(rows)
            return [found.get(i) or 0 for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def viewer_autosave_by_article(self) -> DataLoader[int, Revision | None]:
        """The viewer's newest autosave of each article, if newer than its current revision."""

        async def load(ids: Sequence[int]) -> list[Revision | None]:
            user_id = self.scope.viewer.user_id
            if user_id is None:
                return [None for _ in ids]
            newest: dict[int, Revision] = {}
            mine = Revision.filter(
                article_id__in=list(ids), author_id=user_id, note__startswith=AUTOSAVE_NOTE
            ).order_by("number")
            for revision in await mine:
                newest[revision.article_id] = revision  # later numbers overwrite earlier ones
            current = await self.revision_number_by_article.load_many(list(ids))
            return [
                r if (r := newest.get(i)) is not None and r.number > n else None
                for i, n in zip(ids, current, strict=True)
            ]

        return DataLoader(load_fn=load)

    @cached_property
    def history_by_article(self) -> DataLoader[int, list[AuditEntry]]:
        """Each article's audit entries, newest first."""

        async def load(ids: Sequence[int]) -> list[list[AuditEntry]]:
            grouped: dict[int, list[AuditEntry]] = defaultdict(list)
            entries = AuditEntry.filter(object_type="Article", object_id__in=list(ids))
            for entry in await entries.order_by("-id"):
                grouped[entry.object_id].append(entry)
            return [grouped[i] for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def author_by_id(self) -> DataLoader[int, Any]:
        async def load(ids: Sequence[int]) -> list[Any]:
            rows = {
                u["id"]: u
                for u in await User.filter(id__in=list(ids)).values(
                    "id", "username", "full_name", "bio"
                )
            }
            return [rows.get(i) for i in ids]

        return DataLoader(load_fn=load)
