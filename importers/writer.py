"""Writing one source item into the hub, through the services the mutations call.

Articles go through ``article_create``/``article_update`` and the workflow's
``publish`` step (sanitiser, revisions, audit log, citations, outbox events:
the search indexer and the page cache follow those); sections through
``category_create``; pictures and files through ``media_upload`` (sniffing,
limits, renditions). Only the bookkeeping rows (:mod:`hub.models.imports`) are
written here directly. The caller (:mod:`importers.core`) wraps each item in
one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tortoise.transactions import in_transaction

from hub.models import Article, ArticleKind, Category, MediaAsset
from hub.models.imports import ImportRecord, OldAddress
from hub.old_addresses import address_key, find_target
from hub.services.articles import (
    ArticleChanges,
    ArticleErrorCode,
    article_create,
    article_update,
)
from hub.services.categories import category_create
from hub.services.errors import ServiceError
from hub.services.media import media_upload
from hub.services.search_index import article_path
from hub.services.workflow import take_step
from hub.storage import MEDIA_URL_PREFIX, get_storage
from hub.text.folding import MAX_SLUG, fold, is_slug, slugify
from importers import links
from importers.config import ImportConfig
from importers.source import SourceFile, SourceItem
from tenants.models import Tenant
from tenants.scope import SYSTEM, Scope

SCOPE = Scope(viewer=SYSTEM)  # importers act as the system, like the CLI and the seed
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods")
MAX_EXTERNAL_ID = 255
_KINDS = {kind.value: kind for kind in ArticleKind}


def external_key(value: str) -> str:
    """An external id that fits its column (long URLs keep a digest of the whole)."""
    if len(value) <= MAX_EXTERNAL_ID:
        return value
    return value[:190] + "#" + hashlib.sha256(value.encode()).hexdigest()


@dataclass
class RunState:
    """What one run knows beyond the database: the export's addresses, found problems."""

    tenant: Tenant
    source: str
    config: ImportConfig
    roots: list[Path]
    export_addresses: set[str] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)  # the old portal's hosts: links there are internal
    targets: dict[str, str] = field(default_factory=dict)  # address key → new path
    sections: dict[str, int | None] = field(default_factory=dict)
    section_slugs: dict[int, str] = field(default_factory=dict)
    sections_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def forget(self) -> None:
        """Drop what was learnt inside an item's transaction that rolled back."""
        self.targets.clear()
        self.sections.clear()
        self.section_slugs.clear()


async def record_for(state: RunState, object_type: str, external_id: str) -> ImportRecord | None:
    return await ImportRecord.get_or_none(
        tenant_id=state.tenant.id,
        source=state.source,
        object_type=object_type,
        external_id=external_key(external_id),
    )


async def save_record(
    state: RunState,
    record: ImportRecord | None,
    object_type: str,
    external_id: str,
    object_id: int,
    fingerprint: str,
    links_pending: bool = False,
) -> ImportRecord:
    if record is None:
        return await ImportRecord.create(
            tenant_id=state.tenant.id,
            source=state.source,
            object_type=object_type,
            external_id=external_key(external_id),
            object_id=object_id,
            fingerprint=fingerprint,
            links_pending=links_pending,
        )
    record.object_id, record.fingerprint = object_id, fingerprint
    record.links_pending = links_pending
    await record.save(update_fields=["object_id", "fingerprint", "links_pending", "updated_at"])
    return record


async def section_id(state: RunState, names: list[str], *, dry_run: bool) -> int | None:
    """The new section of an item: its first old section, through the map."""
    if not names:
        return None
    old = names[0]
    if old in state.sections:
        return state.sections[old]
    slug = state.config.category_slug(old)
    if slug is None and state.config.unmapped_category != "create":
        slug = state.config.unmapped_category
    if slug is not None:
        found = await Category.unscoped().get_or_none(tenant_id=state.tenant.id, slug=slug)
        if found is None:
            raise ServiceError(
                ArticleErrorCode.INVALID_CATEGORY, f"the map names no section {slug!r}"
            )
        state.sections[old] = found.id
        return found.id
    slug = slugify(old, 120) or "chuyen-muc"
    found = await Category.unscoped().get_or_none(tenant_id=state.tenant.id, slug=slug)
    if found is None:
        state.sections_created.append(f"{old} → /{slug}/")
        if dry_run:
            state.sections[old] = None
            return None
        found = await category_create(SCOPE, state.tenant, slug=slug, name=old)
        await save_record(state, None, "category", fold(old), found.id, slug)
    state.sections[old] = found.id
    return found.id


async def upload(
    state: RunState, ref: str, alt: str, caption: str = "", *, warn: bool = True
) -> int | None:
    """The media asset of a picture or file the export names, uploaded once per source."""
    path = links.local_file(ref, state.roots)
    if path is None:
        if warn:
            state.warnings.append(f"file not found: {ref}")
        return None
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    record = await record_for(state, "media", ref)
    if record is not None and record.fingerprint == digest:
        return record.object_id
    try:
        asset = await media_upload(
            SCOPE, state.tenant, path.name, data, alt_text=alt[:500], caption=caption[:2000]
        )
    except ServiceError as exc:
        state.warnings.append(f"file refused ({exc.code}): {ref}: {exc.message}")
        return None
    record = await save_record(state, record, "media", ref, asset.id, digest)
    if urlsplit(ref).scheme in ("http", "https") and links.is_internal(ref, state.hosts):
        # Old pictures and files are linked from elsewhere too: their address lives on.
        key = address_key(ref)
        existing = await OldAddress.get_or_none(tenant_id=state.tenant.id, address=key)
        if existing is None:
            await OldAddress.create(
                tenant_id=state.tenant.id, address=key, record=record, asset_id=asset.id
            )
        elif existing.record_id == record.id:
            existing.asset_id = asset.id  # the file changed: the address names the new one
            await existing.save(update_fields=["asset_id"])
    return asset.id


async def new_path(state: RunState, url: str) -> str | None:
    """Where an old internal address now lives, if an imported item answers it."""
    key = address_key(url)
    if key not in state.targets:
        target = await find_target(state.tenant.id, [key])
        if target is None:
            return None
        state.targets[key] = target
    return state.targets[key]


async def rewrite_body(state: RunState, item: SourceItem, body: str) -> tuple[str, list[int], bool]:
    """Pictures uploaded, internal links pointed at new pages.

    Returns the body, the ids of documents it links (attachments), and whether
    some link names an item of this export that is not imported yet.
    """
    base = item.urls[0] if item.urls else state.config.base_url
    hosts = state.hosts | {h for h in (urlsplit(u).hostname for u in item.urls) if h}
    alts = dict(links.images(body))
    documents: list[int] = []
    pending = False
    replacements: dict[tuple[str, str], str] = {}
    for name, value in links.attribute_values(body):
        if value.startswith(MEDIA_URL_PREFIX):
            continue  # already the hub's own file (a body read back by the link pass)
        url = links.absolute(value, base)
        internal = links.is_internal(url, hosts)
        if name == "src":
            # Pictures from other sites stay linked where they are (if they are not mirrored).
            alt = alts.get(value) or item.title
            asset_id = await upload(state, url, alt, warn=internal)
            if asset_id is not None:
                replacements[(name, value)] = await _media_url(asset_id)
            continue
        if not internal:
            continue
        if urlsplit(url).path.lower().endswith(DOCUMENT_SUFFIXES):
            asset_id = await upload(state, url, item.title)
            if asset_id is not None:
                replacements[(name, value)] = await _media_url(asset_id)
                documents.append(asset_id)
            continue
        target = await new_path(state, url)
        if target is not None:
            replacements[(name, value)] = target
        elif address_key(url) in state.export_addresses:
            # Not imported yet: made absolute, so the link pass needs no base to find it.
            replacements[(name, value)] = url
            pending = True
    body = links.rewrite_attributes(body, lambda n, v: replacements.get((n, v)))
    return body, documents, pending


async def _media_url(asset_id: int) -> str:
    asset = await MediaAsset.unscoped().get(id=asset_id)
    return str(get_storage().url(asset.storage_key))


async def _files(state: RunState, files: list[SourceFile], title: str) -> list[int]:
    ids = []
    for file in files:
        asset_id = await upload(
            state, links.absolute(file.ref, state.config.base_url), file.alt or title, file.caption
        )
        if asset_id is not None:
            ids.append(asset_id)
    return ids


async def write_article(
    state: RunState, item: SourceItem, record: ImportRecord | None, fingerprint: str
) -> ImportRecord:
    """Create (and publish) or update the item's article; its record and old addresses."""
    # The cover first: a featured picture's own alt text wins over the title given to
    # the same file found in the body (one upload per file serves both).
    cover = await _files(state, [item.cover], item.title) if item.cover else []
    attachments = await _files(state, item.attachments, item.title)
    body, documents, pending = await rewrite_body(state, item, item.body)
    attachments += documents
    tags = list(dict.fromkeys(item.tags))[:20]
    attachments = list(dict.fromkeys(attachments))
    # A new article has no links to replace: empty lists would cost a DELETE each.
    creating = record is None
    changes = ArticleChanges(
        title=item.title,
        summary=item.summary,
        body=body,
        category_id=await section_id(state, item.categories, dry_run=False),
        kind=_KINDS.get(item.kind, ArticleKind.NEWS),
        byline=item.author[:200],
        tags=tags if tags or not creating else None,
        cover_ids=cover[:1] if cover or not creating else None,
        attachment_ids=attachments if attachments or not creating else None,
    )
    if record is None:
        slug = slugify(item.slug, MAX_SLUG - 4) if item.slug else ""
        if (
            slug
            and is_slug(slug)
            and not await Article.unscoped()
            .filter(tenant_id=state.tenant.id, language="vi", slug=slug)
            .exists()
        ):
            changes.slug = slug  # the old slug, when it is free: old and new read alike
        article = await article_create(SCOPE, state.tenant, changes)
        article = await take_step(SCOPE, article.id, "publish", published_at=item.published_at)
    else:
        article = await article_update(SCOPE, record.object_id, changes)
    record = await save_record(
        state, record, "article", item.external_id, article.id, fingerprint, pending
    )
    await _old_addresses(state, item, record, article)
    return record


async def _old_addresses(
    state: RunState, item: SourceItem, record: ImportRecord, article: Article
) -> None:
    section = await _section_slug(state, article.category_id)
    keys = list(
        dict.fromkeys(address_key(links.absolute(u, state.config.base_url)) for u in item.urls)
    )
    if not keys:
        return
    taken = dict(
        await OldAddress.filter(tenant_id=state.tenant.id, address__in=keys).values_list(
            "address", "record_id"
        )
    )
    for key in keys:
        state.targets[key] = article_path(article, section)
        owner = taken.get(key)
        if owner is None:
            await OldAddress.create(
                tenant_id=state.tenant.id, address=key, record=record, article=article
            )
        elif owner != record.id:
            state.warnings.append(f"old address {key} already belongs to another item")


async def _section_slug(state: RunState, category_id: int | None) -> str | None:
    if category_id is None:
        return None
    if category_id not in state.section_slugs:
        category = await Category.unscoped().get(id=category_id)
        state.section_slugs[category_id] = category.slug
    return state.section_slugs[category_id]


async def resolve_pending_links(state: RunState) -> int:
    """Point the links of bodies written before their targets existed; how many changed."""
    changed = 0
    pending = await ImportRecord.filter(
        tenant_id=state.tenant.id, source=state.source, object_type="article", links_pending=True
    )
    for record in pending:
        article = await Article.unscoped().get_or_none(id=record.object_id)
        if article is None:
            continue
        item = SourceItem(external_id=record.external_id, title=article.title, body=article.body)
        body, _documents, still_pending = await rewrite_body(state, item, article.body)
        async with in_transaction():
            if body != article.body:
                await article_update(SCOPE, article.id, ArticleChanges(body=body), note="links")
                changed += 1
            record.links_pending = still_pending
            await record.save(update_fields=["links_pending", "updated_at"])
    return changed
