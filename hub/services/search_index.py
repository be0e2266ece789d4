"""What goes into the search index, kept in step with the outbox.

The indexer is an outbox consumer: each event names an article, a placement,
a document or a gazette edition; the consumer reloads that item and either
indexes it (published) or removes it (anything else). Reloading instead of
trusting the event's payload makes the handler idempotent, which the
dispatcher requires (a batch may come twice after a crash).

``thudo search reindex`` rebuilds from the database through the same entry
builders, in batches, while the site keeps serving.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from hub.events.contract import declare, nothing
from hub.events.dispatcher import Consumer
from hub.events.models import Event
from hub.events.outbox import CITIZEN_EVENTS, EventType
from hub.models import Article, Category, ContentStatus
from hub.models.documents import DocumentAttachment, LegalDocument
from hub.models.gazette import EditionStatus, GazetteEdition, GazetteItem
from hub.models.syndication import Placement, PlacementPolicy, PlacementReceipt
from hub.page_cache import tenants_reached
from hub.search.backend import SearchBackend, SearchEntry
from hub.text.html import html_to_text

logger = logging.getLogger("thudo.search")
BATCH = 500
MAX_BODY = 200_000  # characters of body text indexed per item


def article_path(article: Article, category_slug: str | None) -> str:
    """Where the article is read on its own portal."""
    if article.language == "en":
        return f"/en/{category_slug or 'news'}/{article.slug}"
    return f"/{category_slug or 'tin-tuc'}/{article.slug}"


async def _receivers(article_ids: list[int]) -> dict[int, set[int]]:
    """Portals each article is placed on, after offers and receivers' choices."""
    out: dict[int, set[int]] = {i: set() for i in article_ids}
    placements = await Placement.filter(article_id__in=article_ids, revoked_at__isnull=True)
    if not placements:
        return out
    receipts = await PlacementReceipt.filter(placement_id__in=[p.id for p in placements])
    by_placement: dict[int, dict[int, PlacementReceipt]] = {}
    for receipt in receipts:
        by_placement.setdefault(receipt.placement_id, {})[receipt.tenant_id] = receipt
    for placement in placements:
        levels = [lv for lv in placement.levels.split(",") if lv]
        reached = await tenants_reached(placement.target_id, placement.reach, levels)
        mine = by_placement.get(placement.id, {})
        for tenant_id in reached:
            receipt = mine.get(tenant_id)
            if receipt is not None and (receipt.hidden or receipt.local_copy_id):
                continue
            if placement.policy == PlacementPolicy.OFFERED and not (receipt and receipt.accepted):
                continue
            out[placement.article_id].add(tenant_id)
    return out


async def article_entries(ids: Sequence[int]) -> tuple[list[SearchEntry], list[str]]:
    """Entries of the published articles among ``ids``, and the keys of the others."""
    rows = await Article.unscoped().filter(id__in=list(ids), status=ContentStatus.PUBLISHED)
    categories = {
        c.id: c
        for c in await Category.unscoped().filter(
            id__in=[a.category_id for a in rows if a.category_id]
        )
    }
    receivers = await _receivers([a.id for a in rows])
    entries = []
    for a in rows:
        category = categories.get(a.category_id) if a.category_id else None
        slug = (
            (category.slug_en or category.slug)
            if category and a.language == "en"
            else (category.slug if category else None)
        )
        entries.append(
            SearchEntry(
                key=f"article:{a.id}",
                kind="article",
                tenant_id=a.tenant_id,
                title=a.title,
                summary=a.summary,
                body=html_to_text(a.body)[:MAX_BODY],
                published_at=a.published_at or a.created_at,
                url_path=article_path(a, slug),
                visible_in=sorted(receivers.get(a.id, ())),
                language=str(a.language.value if hasattr(a.language, "value") else a.language),
                category=category.slug if category else None,
            )
        )
    found = {a.id for a in rows}
    return entries, [f"article:{i}" for i in ids if i not in found]


async def document_entries(ids: Sequence[int]) -> tuple[list[SearchEntry], list[str]]:
    """Entries of the published documents among ``ids`` (file text included)."""
    rows = await LegalDocument.unscoped().filter(id__in=list(ids), status=ContentStatus.PUBLISHED)
    texts: dict[int, list[str]] = {}
    for link in await DocumentAttachment.filter(document_id__in=[d.id for d in rows]):
        texts.setdefault(link.document_id, []).append(link.text)
    entries = [
        SearchEntry(
            key=f"document:{d.id}",
            kind="document",
            tenant_id=d.tenant_id,
            title=d.title,
            summary=d.abstract,
            body="\n".join([d.full_text, *texts.get(d.id, [])])[:MAX_BODY],
            number=d.number,
            published_at=d.published_at or d.created_at,
            url_path=f"/van-ban/{d.slug}",
            language=str(d.language.value if hasattr(d.language, "value") else d.language),
            year=d.issued_year,
        )
        for d in rows
    ]
    found = {d.id for d in rows}
    return entries, [f"document:{i}" for i in ids if i not in found]


async def gazette_entries(ids: Sequence[int]) -> tuple[list[SearchEntry], list[str]]:
    """One entry per published gazette edition: its number and its table of contents."""
    rows = await GazetteEdition.unscoped().filter(
        id__in=list(ids), status=EditionStatus.PUBLISHED.value
    )
    contents: dict[int, list[str]] = {}
    for item in await GazetteItem.filter(edition_id__in=[e.id for e in rows]).order_by("position"):
        contents.setdefault(item.edition_id, []).append(f"{item.title} — {item.issuer_name}")
    entries = [
        SearchEntry(
            key=f"gazette:{e.id}",
            kind="gazette",
            tenant_id=e.tenant_id,
            title=f"Công báo số {e.label} năm {e.year}",
            body="\n".join(contents.get(e.id, [])),
            published_at=e.published_at or e.created_at,
            url_path=f"/cong-bao/{e.year}/{e.first_number}",
            year=e.year,
        )
        for e in rows
    ]
    found = {e.id for e in rows}
    return entries, [f"gazette:{i}" for i in ids if i not in found]


BUILDERS = {"article": article_entries, "document": document_entries, "gazette": gazette_entries}


async def refresh(backend: SearchBackend, kind: str, ids: Sequence[int]) -> None:
    """Index the published ones among ``ids`` of ``kind``; remove the rest."""
    if not ids:
        return
    entries, gone = await BUILDERS[kind](sorted(set(ids)))
    if entries:
        await backend.index(entries)
    if gone:
        await backend.remove(gone)


def _the_article(event: Event) -> tuple[str, int]:
    return "article", event.object_id


def _the_placed_article(event: Event) -> tuple[str, int]:
    # placement.* and placement.receipt_changed both name the placed article.
    return "article", int(event.payload["article"])


def _the_document(event: Event) -> tuple[str, int]:
    return "document", event.object_id


def _the_edition(event: Event) -> tuple[str, int]:
    return "gazette", event.object_id


_NOT_SEARCHED = nothing(
    "initiatives, consultations, requests and disclosures are found through their own "
    "lists and filters, not the site search"
)


def _nothing_to_index(event: Event) -> None:
    return None


# What the indexer re-reads for each event type: the item is indexed again if it
# is published (with the portals it is placed on recomputed), removed otherwise.
REREADS: dict[EventType, Callable[[Event], tuple[str, int] | None]] = {
    EventType.ARTICLE_PUBLISHED: _the_article,
    EventType.ARTICLE_UPDATED: _the_article,
    EventType.ARTICLE_UNPUBLISHED: _the_article,
    EventType.ARTICLE_ARCHIVED: _the_article,
    EventType.PLACEMENT_CREATED: _the_placed_article,
    EventType.PLACEMENT_REVOKED: _the_placed_article,
    EventType.PLACEMENT_RECEIPT_CHANGED: _the_placed_article,
    EventType.DOCUMENT_PUBLISHED: _the_document,
    EventType.DOCUMENT_UPDATED: _the_document,
    EventType.DOCUMENT_UNPUBLISHED: _the_document,
    EventType.GAZETTE_PUBLISHED: _the_edition,
    **{event_type: _nothing_to_index for event_type in CITIZEN_EVENTS},
    EventType.TENANT_CHANGED: _nothing_to_index,
}

CONTRACT = declare(
    "search",
    {
        EventType.ARTICLE_PUBLISHED: "index the article (text, category, receiving portals)",
        EventType.ARTICLE_UPDATED: "index the article again (or remove it if no longer public)",
        EventType.ARTICLE_UNPUBLISHED: "remove the article",
        EventType.ARTICLE_ARCHIVED: "remove the article",
        EventType.PLACEMENT_CREATED: "re-index the placed article: new portals find it",
        EventType.PLACEMENT_REVOKED: "re-index the placed article: those portals lose it",
        EventType.PLACEMENT_RECEIPT_CHANGED: "re-index the placed article: a receiver that "
        "hid, declined or forked it no longer finds it; accept, unhide or re-link bring it back",
        EventType.DOCUMENT_PUBLISHED: "index the document (its text and files)",
        EventType.DOCUMENT_UPDATED: "index the document again (or remove it)",
        EventType.DOCUMENT_UNPUBLISHED: "remove the document",
        EventType.GAZETTE_PUBLISHED: "index the edition (number and table of contents)",
        **{event_type: _NOT_SEARCHED for event_type in CITIZEN_EVENTS},
        EventType.TENANT_CHANGED: nothing(
            "hits are checked against the database when read, so a renamed portal or "
            "section shows its new name without re-indexing"
        ),
    },
)


def _targets(events: Sequence[Event]) -> dict[str, set[int]]:
    wanted: dict[str, set[int]] = {kind: set() for kind in BUILDERS}
    for event in events:
        # An unknown type fails the batch (the cursor stays): never silently ignored.
        target = REREADS[EventType(event.type)](event)
        if target is not None:
            kind, pk = target
            wanted[kind].add(pk)
    return wanted


def search_consumer(backend: SearchBackend) -> Consumer:
    """The outbox consumer that keeps ``backend`` in step with what is published."""

    async def handle(events: Sequence[Event]) -> None:
        for kind, ids in _targets(events).items():
            await refresh(backend, kind, list(ids))

    return Consumer("search", handle, CONTRACT)


SOURCES = {
    "article": lambda: Article.unscoped().filter(status=ContentStatus.PUBLISHED),
    "document": lambda: LegalDocument.unscoped().filter(status=ContentStatus.PUBLISHED),
    "gazette": lambda: GazetteEdition.unscoped().filter(status=EditionStatus.PUBLISHED.value),
}


async def reindex(
    backend: SearchBackend,
    tenant_id: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> int:
    """Rebuild the index (of one tenant, or all) in batches; returns entries written.

    Entries are replaced in place, never dropped first, so searches keep
    answering while it runs. Stale entries (an event lost before this
    consumer existed) never reach readers: :mod:`hub.services.search` checks
    every hit against the database.
    """
    await backend.prepare()
    written = 0
    for kind, source in SOURCES.items():
        qs = source()
        if tenant_id is not None:
            qs = qs.filter(tenant_id=tenant_id)
        ids = list(await qs.order_by("id").values_list("id", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            entries, _ = await BUILDERS[kind](batch)
            await backend.index(entries)
            written += len(entries)
            if progress:
                progress(kind, min(start + BATCH, len(ids)), len(ids))
    return written
