"""What an article points at: tags, related articles, media (cover, gallery, attachments).

Every link stays inside the article's own portal: a tag, a related article or
a media asset of another tenant is refused, so one portal's private files
can never surface on another's page.
"""

from __future__ import annotations

from collections.abc import Sequence

from hub.models import Article, ArticleMedia, MediaAsset, MediaKind, MediaRole, Tag
from hub.text.folding import nfc, slugify

MAX_TAGS = 20
MAX_RELATED = 10
MAX_GALLERY = 200
MAX_ATTACHMENTS = 30


class LinkError(ValueError):
    """A link the rules refuse; the article service reports it as INVALID_INPUT."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def _error(message: str, field: str) -> LinkError:
    return LinkError(message, field)


async def set_tags(article: Article, names: Sequence[str]) -> None:
    """Replace the article's tags; new tag names become tags of its portal."""
    cleaned: dict[str, str] = {}
    for name in names:
        label = " ".join(nfc(name).split())[:120]
        slug = slugify(label, 120)
        if slug:
            cleaned.setdefault(slug, label)
    if len(cleaned) > MAX_TAGS:
        raise _error(f"at most {MAX_TAGS} tags", "tags")
    existing = {
        t.slug: t
        for t in await Tag.unscoped().filter(tenant_id=article.tenant_id, slug__in=list(cleaned))
    }
    tags = [
        existing.get(slug) or await Tag.create(tenant_id=article.tenant_id, slug=slug, name=label)
        for slug, label in cleaned.items()
    ]
    await article.tags.clear()
    if tags:
        await article.tags.add(*tags)


async def set_related(article: Article, ids: Sequence[int]) -> None:
    """Replace the related articles (same portal, not itself)."""
    wanted = list(dict.fromkeys(i for i in ids if i != article.id))
    if len(wanted) > MAX_RELATED:
        raise _error(f"at most {MAX_RELATED} related articles", "related")
    found = await Article.unscoped().filter(id__in=wanted, tenant_id=article.tenant_id)
    if len(found) != len(wanted):
        raise _error("related articles must belong to the same portal", "related")
    await article.related.clear()
    if found:
        await article.related.add(*found)


_ROLE_RULES = {
    MediaRole.COVER: ({MediaKind.IMAGE}, 1),
    MediaRole.GALLERY: ({MediaKind.IMAGE}, MAX_GALLERY),
    MediaRole.ATTACHMENT: (set(MediaKind), MAX_ATTACHMENTS),
}


async def set_media(article: Article, role: MediaRole, ids: Sequence[int]) -> None:
    """Replace the article's media in one role, in the given order."""
    kinds, limit = _ROLE_RULES[role]
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > limit:
        raise _error(f"at most {limit} items for {role.value}", role.value)
    assets = {
        a.id: a
        for a in await MediaAsset.unscoped().filter(id__in=wanted, tenant_id=article.tenant_id)
    }
    if len(assets) != len(wanted) or any(a.kind not in kinds for a in assets.values()):
        raise _error(f"{role.value} needs media of this portal of a fitting kind", role.value)
    await ArticleMedia.filter(article_id=article.id, role=role).delete()
    await ArticleMedia.bulk_create(
        [
            ArticleMedia(article_id=article.id, asset_id=i, role=role, position=n)
            for n, i in enumerate(wanted)
        ]
    )
