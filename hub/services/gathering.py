"""Gathering: a site collects news from every unit of its tree by category or tag.

The administrative-reform site (and its sub-sites) keep :class:`GatheringRule`
rows, set by their admins: "articles filed under `cai-cach-hanh-chinh` in any
unit", "articles tagged *Đề án 06*". When a unit publishes or edits an article
that matches, the rule proposes it to the site through the same service as
``articlePropose`` (:func:`hub.services.syndication.propose_up`): an automatic
rule makes a mandatory placement (shown at once), an after-acceptance rule an
offer in the site's ``placementOffers`` queue. One placement per article and
rule; the article keeps its owner, so the site shows where it came from.

This runs as an outbox consumer (:func:`gathering_consumer`), not inside the
unit's publish transaction: a ward's publication never waits for, or fails
because of, another portal's rules; the consumer's stored cursor means a
crash loses nothing; and a batch of events reads the rules once. The price is
a short delay (the next NOTIFY on PostgreSQL, a poll of a second elsewhere)
before the site shows the article; docs/syndication.md says more.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Awaitable, Collection, Sequence
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission, PermissionDenied, require
from hub.events.contract import declare, nothing
from hub.events.dispatcher import Consumer
from hub.events.models import Event
from hub.events.outbox import CITIZEN_EVENTS, EventType
from hub.models import Article, Category, ContentStatus, Tag
from hub.models.newsroom import AuditEntry
from hub.models.syndication import (
    GatheringPolicy,
    GatheringRule,
    Placement,
    PlacementPolicy,
    Reach,
)
from hub.services import receiver_choices, syndication
from hub.services.errors import ServiceError
from hub.services.journal import changed_fields
from hub.text.folding import is_slug, nfc, slugify
from tenants.models import Tenant, TenantLevel
from tenants.scope import Scope, Viewer

# The actor of what rules do: the site's admins decided it when they set the rule.
GATHERER = Scope(viewer=Viewer(username="gathering", is_superuser=True))

POLICIES = {
    GatheringPolicy.AUTOMATIC: PlacementPolicy.MANDATORY,
    GatheringPolicy.AFTER_ACCEPTANCE: PlacementPolicy.OFFERED,
}
RULE_FIELDS = ("category_slug", "tag_slug", "tag_name", "policy", "file_under_id", "active")


class GatheringErrorCode(StrEnum):
    """Why setting a gathering rule failed."""

    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_CATEGORY = "INVALID_CATEGORY"  # file_under is not a category of the site
    NOT_A_SITE = "NOT_A_SITE"  # only thematic sites gather from the whole tree


async def rule_set(
    scope: Scope,
    site: Tenant,
    *,
    category: str | None = None,
    tag: str | None = None,
    policy: GatheringPolicy = GatheringPolicy.AUTOMATIC,
    file_under_id: int | None = None,
    active: bool = True,
) -> GatheringRule:
    """Create or change the site's rule for one category slug or one tag (its admins).

    A rule is keyed by what it matches: setting the same category or tag again
    changes its policy, filing or state. Written to the site's audit log.
    """
    try:
        require(scope.viewer, Permission.TENANT_MANAGE, site.id)
    except PermissionDenied as exc:
        raise ServiceError(GatheringErrorCode.FORBIDDEN, str(exc)) from exc
    if site.level != TenantLevel.SITE:
        raise ServiceError(
            GatheringErrorCode.NOT_A_SITE, "only a site gathers news from the whole tree"
        )
    category_slug, tag_slug, tag_name = _matching(category, tag)
    if (
        file_under_id is not None
        and not await Category.unscoped().filter(id=file_under_id, tenant_id=site.id).exists()
    ):
        raise ServiceError(
            GatheringErrorCode.INVALID_CATEGORY,
            "gathered articles are filed under one of the site's own categories",
            "fileUnder",
        )
    async with in_transaction():
        rule = await GatheringRule.get_or_none(
            site_id=site.id, category_slug=category_slug, tag_slug=tag_slug
        )
        created = rule is None
        if rule is None:
            rule = GatheringRule(
                site_id=site.id,
                category_slug=category_slug,
                tag_slug=tag_slug,
                created_by=scope.viewer.user_id,
            )
        before = {name: getattr(rule, name, None) for name in RULE_FIELDS}
        rule.tag_name, rule.policy = tag_name, policy
        rule.file_under_id, rule.active = file_under_id, active
        await rule.save()
        after = {name: getattr(rule, name) for name in RULE_FIELDS}
        await AuditEntry.create(
            tenant_id=site.id,
            actor_id=scope.viewer.user_id,
            actor_name=scope.viewer.username or "system",
            action="gathering_rule_create" if created else "gathering_rule_change",
            object_type="GatheringRule",
            object_id=rule.id,
            changes=changed_fields({} if created else before, after),
        )
    return rule


def _matching(category: str | None, tag: str | None) -> tuple[str, str, str]:
    """(category slug, tag slug, tag name) of a rule: exactly one of the two is given."""
    if (category is None) == (tag is None):
        raise ServiceError(
            GatheringErrorCode.INVALID_INPUT, "a rule matches either a category or a tag"
        )
    if category is not None:
        slug = category.strip()
        if not is_slug(slug) or len(slug) > 120:
            raise ServiceError(GatheringErrorCode.INVALID_INPUT, "not a category slug", "category")
        return slug, "", ""
    name = " ".join(nfc(tag or "").split())[:120]
    slug = slugify(name, 120)
    if not slug:
        raise ServiceError(GatheringErrorCode.INVALID_INPUT, "the tag is empty", "tag")
    return "", slug, name


def rules_of(site: Tenant, *, active: bool | None = None) -> QuerySet[GatheringRule]:
    """A site's gathering rules, in the order they were made (public: units must know
    which category or tag sends their news to the site)."""
    rules = GatheringRule.filter(site_id=site.id)
    if active is not None:
        rules = rules.filter(active=active)
    return rules.order_by("id")


def _matches(rule: GatheringRule, category_slug: str | None, tag_slugs: set[str]) -> bool:
    if rule.category_slug:
        return category_slug == rule.category_slug
    return rule.tag_slug in tag_slugs


async def gather(article_ids: Collection[int]) -> int:
    """Apply every active rule to these articles as they now stand; the placements changed.

    Idempotent (the consumer may see an event twice): a matching published
    article gets one placement per rule on the site, unless the site already
    shows it through another placement (another rule, a proposal); a rule's
    placement of an article that left its category or tag is revoked, and put
    back when the article matches again. Unpublished articles are left alone:
    a placed article shows only while it is published at its source.
    """
    if not article_ids:
        return 0
    rules = list(await GatheringRule.filter(active=True).order_by("id"))
    if not rules:
        return 0
    articles = list(
        await Article.unscoped().filter(id__in=list(article_ids), status=ContentStatus.PUBLISHED)
    )
    if not articles:
        return 0
    ids = [a.id for a in articles]
    category_of = dict(
        await Article.unscoped().filter(id__in=ids).values_list("id", "category__slug")
    )
    tags_of: dict[int, set[str]] = defaultdict(set)
    for article_id, slug in (
        await Tag.unscoped().filter(articles__id__in=ids).values_list("articles__id", "slug")
    ):
        tags_of[article_id].add(slug)
    made = {
        (p.article_id, p.gathered_by_id): p
        for p in await Placement.filter(
            article_id__in=ids, gathered_by_id__in=[r.id for r in rules]
        )
    }
    live = Counter(
        await Placement.filter(
            article_id__in=ids,
            target_id__in={r.site_id for r in rules},
            reach=Reach.SELF,
            revoked_at__isnull=True,
        ).values_list("article_id", "target_id")
    )
    # A rule's placement its owner revoked: the unit withdrew the article from that site.
    withdrawn = set(
        await Placement.filter(
            article_id__in=ids,
            gathered_by_id__not_isnull=True,
            revoked_at__not_isnull=True,
            revoked_by_rule=False,
        ).values_list("article_id", "target_id")
    )
    sites = {t.id: t for t in await Tenant.filter(id__in={r.site_id for r in rules})}
    changed = 0
    for article in articles:
        matching = {
            rule.id
            for rule in rules
            if rule.site_id != article.tenant_id  # the site's own article is already there
            and _matches(rule, category_of.get(article.id), tags_of[article.id])
        }
        # Take back first what no longer matches: another rule of the same site may
        # still match, and then places it again below.
        for rule in rules:
            mine = made.get((article.id, rule.id))
            if rule.id in matching or mine is None or mine.revoked_at is not None:
                continue
            if await _settle(syndication.revoke(GATHERER, mine.id, by_rule=True)):
                live[(article.id, rule.site_id)] -= 1
                changed += 1
        for rule in rules:
            mine = made.get((article.id, rule.id))
            key = (article.id, rule.site_id)
            if rule.id not in matching or live[key] > 0 or key in withdrawn:
                continue  # shown there already (this rule, another, a proposal) or withdrawn
            if mine is None:
                placed = await _place(article, rule, sites[rule.site_id])
            else:  # revoked by the rule (a withdrawn one was skipped above)
                placed = await _settle(syndication.reinstate(GATHERER, mine.id))
            if placed:
                live[key] += 1
                changed += 1
    return changed


async def _settle(change: Awaitable[Placement]) -> bool:
    """Revoke or reinstate; False when another process running this consumer did it first."""
    try:
        await change
    except ServiceError:
        return False
    return True


async def _place(article: Article, rule: GatheringRule, site: Tenant) -> bool:
    """Propose the article to the rule's site (and file it there), all or nothing."""
    if not await syndication.may_receive_from(site, article.tenant_id):
        return False  # another tree's site: its rules do not reach this unit
    try:
        async with in_transaction():
            placement = await syndication.propose_up(
                GATHERER, article.id, site, policy=POLICIES[rule.policy], gathered_by=rule
            )
            if rule.file_under_id is not None:
                await receiver_choices.categorize(GATHERER, placement.id, site, rule.file_under_id)
    except IntegrityError:
        return False  # another process running this consumer placed it first
    return True


# Article events whose article a rule may now match, or no longer match.
GATHERED_EVENTS = frozenset({EventType.ARTICLE_PUBLISHED.value, EventType.ARTICLE_UPDATED.value})

CONTRACT = declare(
    "gathering",
    {
        EventType.ARTICLE_PUBLISHED: "apply the sites' gathering rules to the article: place it "
        "on each site whose category or tag it matches (or put back a rule's placement)",
        EventType.ARTICLE_UPDATED: "apply the rules again: a new category or tag places it, "
        "leaving a rule's category or tag revokes that rule's placement",
        EventType.ARTICLE_UNPUBLISHED: nothing(
            "a placed article shows only while published at its source; the placement "
            "stays, so publishing it again shows it again"
        ),
        EventType.ARTICLE_ARCHIVED: nothing("an archived article shows nowhere, placed or not"),
        **{
            event_type: nothing("placements are what gathering makes, not what it reads")
            for event_type in (
                EventType.PLACEMENT_CREATED,
                EventType.PLACEMENT_REVOKED,
                EventType.PLACEMENT_RECEIPT_CHANGED,
            )
        },
        **{
            event_type: nothing("rules gather articles, not documents or gazette editions")
            for event_type in (
                EventType.DOCUMENT_PUBLISHED,
                EventType.DOCUMENT_UPDATED,
                EventType.DOCUMENT_UNPUBLISHED,
                EventType.GAZETTE_PUBLISHED,
            )
        },
        **{
            event_type: nothing("the citizens' side is not news a rule gathers")
            for event_type in CITIZEN_EVENTS
        },
        EventType.TENANT_CHANGED: nothing("rules gather articles, not a portal's settings"),
    },
)


def gathering_consumer() -> Consumer:
    """The outbox consumer that applies the sites' gathering rules to published articles."""

    async def handle(events: Sequence[Event]) -> None:
        ids = {e.object_id for e in events if e.type in GATHERED_EVENTS}
        await gather(ids)

    return Consumer("gathering", handle, CONTRACT)
