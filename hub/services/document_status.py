"""Validity status (tình trạng hiệu lực) of legal documents, derived on the day it is read.

Nothing here is stored: a document's status follows from

1. a manual override, which must cite its reason (REGULATIONS §6 item 2),
2. its own dates: before ``effective_from`` it is not yet in force, from
   ``effective_until`` on it has expired,
3. relations other documents hold on it, once those documents are published
   and themselves in force: a full replacement or repeal ends it, a
   suspension suspends it, an amendment or a partial repeal ends it in part.

:func:`validity_of` computes one document's status in Python from rows already
loaded; :func:`status_condition` expresses the same rules as one SQL condition
for list filters and facet counts. The two are tested against each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from tortoise.expressions import Q, Subquery

from hub.models.base import ContentStatus
from hub.models.documents import DocumentRelation, LegalDocument, RelationKind


class Validity(StrEnum):
    """The statuses of the national database (vbpl.vn), in English codes."""

    NOT_YET_EFFECTIVE = "not_yet_effective"  # Chưa có hiệu lực
    IN_FORCE = "in_force"  # Còn hiệu lực
    PARTLY_EXPIRED = "partly_expired"  # Hết hiệu lực một phần
    EXPIRED = "expired"  # Hết hiệu lực toàn bộ
    SUSPENDED = "suspended"  # Ngưng hiệu lực
    PARTLY_SUSPENDED = "partly_suspended"  # Ngưng hiệu lực một phần
    NO_LONGER_APPLICABLE = "no_longer_applicable"  # Không còn phù hợp (set by hand only)
    UNDETERMINED = "undetermined"  # Chưa xác định (set by hand only)


# Which relation kinds change the target's status, and how (first match wins).
ENDING = frozenset({RelationKind.REPLACES, RelationKind.REPEALS})
SUSPENDING = frozenset({RelationKind.SUSPENDS_ENFORCEMENT, RelationKind.SUSPENDS_VALIDITY})
AMENDING = frozenset({RelationKind.AMENDS})
STATUS_CHANGING = ENDING | SUSPENDING | AMENDING


@dataclass(frozen=True)
class Effect:
    """A relation acting on a document: its kind, whether partial, and when it takes effect."""

    kind: str
    partial: bool
    takes_effect: date


def validity_of(doc: LegalDocument, effects: Iterable[Effect], today: date) -> Validity:
    """The status of ``doc`` on ``today``, from its override, its dates and incoming effects."""
    if doc.validity_override:
        return Validity(doc.validity_override)
    if starts_on(doc) > today:
        return Validity.NOT_YET_EFFECTIVE
    if doc.effective_until is not None and doc.effective_until <= today:
        return Validity.EXPIRED
    live = [e for e in effects if e.takes_effect <= today]
    if any(e.kind in ENDING and not e.partial for e in live):
        return Validity.EXPIRED
    if any(e.kind in SUSPENDING and not e.partial for e in live):
        return Validity.SUSPENDED
    if any(e.kind in AMENDING or (e.kind in ENDING and e.partial) for e in live):
        return Validity.PARTLY_EXPIRED
    if any(e.kind in SUSPENDING for e in live):
        return Validity.PARTLY_SUSPENDED
    return Validity.IN_FORCE


VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def today_in_vietnam() -> date:
    """The calendar day in Việt Nam: statuses change at local midnight, not UTC's."""
    return datetime.now(VIETNAM).date()


def starts_on(doc: LegalDocument) -> date:
    """When a document takes effect: its effective date, or else the day it was issued."""
    return doc.effective_from or doc.issued_on


async def effects_on(target_ids: list[int]) -> dict[int, list[Effect]]:
    """Incoming status-changing relations of these documents, in one query."""
    rows = await DocumentRelation.filter(
        target_id__in=target_ids,
        kind__in=[k.value for k in STATUS_CHANGING],
        source__status=ContentStatus.PUBLISHED,
    ).values("target_id", "kind", "partial", "source__effective_from", "source__issued_on")
    out: dict[int, list[Effect]] = {i: [] for i in target_ids}
    for row in rows:
        start = row["source__effective_from"] or row["source__issued_on"]
        out[row["target_id"]].append(Effect(row["kind"], bool(row["partial"]), start))
    return out


async def validities(docs: list[LegalDocument], today: date) -> dict[int, Validity]:
    """Status of each document of a page, with one query for all their relations."""
    effects = await effects_on([d.id for d in docs]) if docs else {}
    return {d.id: validity_of(d, effects.get(d.id, ()), today) for d in docs}


def _acting_on(kinds: frozenset[RelationKind], partial: bool | None, today: date) -> Q:
    """Documents targeted by a published, in-force relation of these kinds."""
    relations = DocumentRelation.filter(
        Q(source__effective_from__lte=today)
        | Q(source__effective_from__isnull=True, source__issued_on__lte=today),
        kind__in=[k.value for k in kinds],
        source__status=ContentStatus.PUBLISHED,
        target_id__isnull=False,
    )
    if partial is not None:
        relations = relations.filter(partial=partial)
    return Q(id__in=Subquery(relations.values("target_id")))


def status_condition(status: Validity, today: date) -> Q:
    """One SQL condition selecting the documents whose status is ``status`` on ``today``.

    Mirrors :func:`validity_of` rule for rule, so filters and facet counts
    agree with what each document page shows.
    """
    manual = Q(validity_override=status.value)
    if status in (Validity.NO_LONGER_APPLICABLE, Validity.UNDETERMINED):
        return manual
    automatic = Q(validity_override="")
    # Each condition is written positively: NOT over a NULL column is NULL in
    # SQL, which would silently drop documents without an end date.
    started = Q(effective_from__lte=today) | Q(effective_from__isnull=True, issued_on__lte=today)
    not_started = Q(effective_from__gt=today) | Q(effective_from__isnull=True, issued_on__gt=today)
    if status is Validity.NOT_YET_EFFECTIVE:
        return manual | (automatic & not_started)
    dated_end = Q(effective_until__lte=today)
    no_dated_end = Q(effective_until__isnull=True) | Q(effective_until__gt=today)
    running = automatic & started & no_dated_end
    ended = _acting_on(ENDING, False, today)
    suspended = _acting_on(SUSPENDING, False, today)
    partly_ended = _acting_on(AMENDING, None, today) | _acting_on(ENDING, True, today)
    partly_suspended = _acting_on(SUSPENDING, True, today)
    conditions = {
        Validity.EXPIRED: (automatic & started & dated_end) | (running & ended),
        Validity.SUSPENDED: running & ~ended & suspended,
        Validity.PARTLY_EXPIRED: running & ~ended & ~suspended & partly_ended,
        Validity.PARTLY_SUSPENDED: running & ~ended & ~suspended & ~partly_ended & partly_suspended,
        Validity.IN_FORCE: running & ~ended & ~suspended & ~partly_ended & ~partly_suspended,
    }
    return manual | conditions[status]
