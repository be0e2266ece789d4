"""Placements: one article shown on other portals, by reach over the tenant tree.

Publishing to every ward and commune of the city is ONE row (target = the
city, reach = descendants, levels = commune): writes stay O(1) however large
the tree, and a tenant created later inside the reach receives it too.
Receivers' own choices (accept an offer, hide, pin, their own title, summary,
category or cover, a local copy) are sparse rows of :class:`PlacementReceipt`,
written only by receivers who act. A site that gathers news from the whole
tree (the administrative-reform site) keeps :class:`GatheringRule` rows: an
article filed under a category or tagged with a tag anywhere in the tree
becomes one placement on the site per rule (hub/services/gathering.py).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.expressions import Q, Subquery
from tortoise.indexes import Index
from tortoise.models import Model

from tenants.models import PlainRow, TenantClosure


class Reach(StrEnum):
    SELF = "self"  # the target portal itself
    CHILDREN = "children"  # the portals directly below it
    DESCENDANTS = "descendants"  # every portal below it


class PlacementPolicy(StrEnum):
    MANDATORY = "mandatory"  # shown at once
    OFFERED = "offered"  # waits in each receiver's queue until accepted


class PlacementOrigin(StrEnum):
    DOWN = "down"  # the owner published it down the tree
    UP = "up"  # a lower portal proposed it and the ancestor accepted


class GatheringPolicy(StrEnum):
    AUTOMATIC = "automatic"  # a mandatory placement: shown on the site at once
    AFTER_ACCEPTANCE = "after_acceptance"  # an offer in the site's queue until accepted


class GatheringRule(PlainRow, Model):
    """A site's rule for gathering articles from every unit of its tree, by category or tag.

    Matching articles are placed on the site (automatically or as offers) and
    filed there under ``file_under`` (hub/services/gathering.py).
    """

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.Tenant", related_name="gathering_rules", on_delete=fields.CASCADE
    )
    # Exactly one of the two is set: a category slug of the units, or a tag slug.
    category_slug = fields.CharField(max_length=120, default="")
    tag_slug = fields.CharField(max_length=120, default="")
    tag_name = fields.CharField(max_length=120, default="")
    policy = fields.CharEnumField(GatheringPolicy, max_length=16, description="Gathering policy")
    # One of the site's own categories the gathered articles are filed under there.
    file_under: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.Category", related_name="gathering_rules", null=True, on_delete=fields.SET_NULL
    )
    active = fields.BooleanField(default=True)
    created_by = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    site_id: int
    file_under_id: int | None

    class Meta:
        table = "gathering_rule"
        unique_together = (("site", "category_slug", "tag_slug"),)


class Placement(PlainRow, Model):
    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.Article", related_name="placements", on_delete=fields.CASCADE
    )
    target: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.Tenant", related_name="placements_in", on_delete=fields.CASCADE
    )
    reach = fields.CharEnumField(Reach, max_length=16, description="Placement reach")
    # ",commune,site," — only receivers of these levels; "" means every level.
    levels = fields.CharField(max_length=100, default="")
    category_slug = fields.CharField(max_length=120, default="")
    policy = fields.CharEnumField(PlacementPolicy, max_length=16, description="Placement policy")
    origin = fields.CharEnumField(PlacementOrigin, max_length=8, description="Placement origin")
    created_by = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)
    # Made by a site's gathering rule (one placement per article and rule), not by a person.
    gathered_by: fields.ForeignKeyNullableRelation[GatheringRule] = fields.ForeignKeyField(
        "models.GatheringRule", related_name="placements", null=True, on_delete=fields.SET_NULL
    )
    # Revoked because the article left the rule's category or tag: the rule puts it back
    # when the article matches again. An owner's revoke (False) stays.
    revoked_by_rule = fields.BooleanField(default=False, db_default=False)

    article_id: int
    target_id: int
    gathered_by_id: int | None

    class Meta:
        table = "placement"
        unique_together = (("article", "gathered_by"),)
        indexes = (
            Index(fields=("target_id", "reach"), name="placement_by_target"),
            Index(fields=("article_id",), name="placement_by_article"),
        )


class PlacementReceipt(PlainRow, Model):
    """What one receiving portal decided about one placement."""

    id = fields.IntField(primary_key=True)
    placement: fields.ForeignKeyRelation[Placement] = fields.ForeignKeyField(
        "models.Placement", related_name="receipts", on_delete=fields.CASCADE
    )
    tenant: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "models.Tenant", related_name="placement_receipts", on_delete=fields.CASCADE
    )
    accepted = fields.BooleanField(null=True)  # offered placements: None until decided
    hidden = fields.BooleanField(default=False)
    # Shown instead of the source's, on this portal only; "" follows the source.
    title_override = fields.CharField(max_length=300, default="", db_default="")
    summary_override = fields.TextField(default="", db_default="")
    # Pinned items come first in this portal's lists.
    pinned = fields.BooleanField(default=False, db_default=False)
    # One of the receiver's own categories, used instead of the source's on its portal.
    category: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.Category", related_name="placement_receipts", null=True, on_delete=fields.SET_NULL
    )
    # An image of the receiver's media library shown instead of the source's cover.
    # RESTRICT, as for an article's own media: a picture in use is not deleted.
    cover: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.MediaAsset", related_name="placement_receipts", null=True, on_delete=fields.RESTRICT
    )
    # The receiver's own copy (a fork): while set, the placement does not show there.
    local_copy: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "models.Article", related_name="forked_receipts", null=True, on_delete=fields.SET_NULL
    )
    updated_at = fields.DatetimeField(auto_now=True)

    placement_id: int
    tenant_id: int
    category_id: int | None
    cover_id: int | None
    local_copy_id: int | None

    class Meta:
        table = "placement_receipt"
        unique_together = (("placement", "tenant"),)
        # Every merged list reads the portal's own receipts (pins, categories, hidden).
        indexes = (
            Index(fields=("tenant_id", "placement_id"), name="placement_receipt_by_tenant"),
            # MediaAsset.public_filter asks whether a file is a live placement's cover.
            Index(fields=("cover_id",), name="placement_receipt_cover"),
        )


def placements_around(tenant_id: int, level: str) -> Any:
    """Live placements whose reach covers ``tenant_id`` (before the receiver's own choices)."""
    above = TenantClosure.filter(descendant_id=tenant_id)
    reach = (
        Q(reach=Reach.SELF, target_id=tenant_id)
        | Q(
            reach=Reach.CHILDREN,
            target_id__in=Subquery(above.filter(distance=1).values("ancestor_id")),
        )
        | Q(
            reach=Reach.DESCENDANTS,
            target_id__in=Subquery(above.filter(distance__gte=1).values("ancestor_id")),
        )
    )
    return Placement.filter(reach, revoked_at__isnull=True).filter(
        Q(levels="") | Q(levels__contains=f",{level},")
    )


def placements_reaching(tenant_id: int, level: str) -> Any:
    """Placements that put articles on the portal now: offers it accepted, nothing it hid
    or replaced with a local copy.

    One statement of indexed subqueries, however deep the tree.
    """
    mine = PlacementReceipt.filter(tenant_id=tenant_id)
    return (
        placements_around(tenant_id, level)
        .filter(
            Q(policy=PlacementPolicy.MANDATORY)
            | Q(id__in=Subquery(mine.filter(accepted=True).values("placement_id")))
        )
        .exclude(
            id__in=Subquery(
                mine.filter(Q(hidden=True) | Q(local_copy_id__not_isnull=True)).values(
                    "placement_id"
                )
            )
        )
    )


def receipts_shown(tenant_id: int) -> Any:
    """The portal's receipts of live placements (a revoked placement's choices are void)."""
    return PlacementReceipt.filter(tenant_id=tenant_id, placement__revoked_at__isnull=True)
