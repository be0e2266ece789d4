"""The satisfaction rating (REGULATIONS statement 12; Decree 224/2026 Art. 10(3)(b)).

A reader says whether a page satisfied them: satisfied, neutral or not. The
rating is anonymous: a row holds the portal, the page's path, the score and
its time, nothing about the reader (no address, no cookie value). Repeats are
limited by the public page with a cookie on the reader's own browser (see
frontends/participation_pages.py); the server keeps nothing to recognise a
reader by. Editors read the counts per portal and per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tortoise.functions import Count

from hub.auth.permissions import Permission
from hub.participation.errors import Code, check, fail
from hub.participation.models import Satisfaction, SatisfactionRating
from hub.working_days import VIETNAM
from tenants.models import Tenant
from tenants.scope import Scope

MAX_PATH = 300
TOP_PAGES = 50


def clean_path(path: str) -> str:
    """A page's path on the portal: `/…`, at most 300 characters, no query or fragment."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//") or len(path) > MAX_PATH:
        raise fail(Code.INVALID_INPUT, "a path on the portal, starting with /", "path")
    if any(ord(c) < 32 or c in "\\<>\"'" for c in path):
        raise fail(Code.INVALID_INPUT, "the path holds characters a page path cannot", "path")
    return path


async def rating_submit(tenant: Tenant, path: str, score: Satisfaction) -> SatisfactionRating:
    """Count one anonymous rating of a page of ``tenant``."""
    return await SatisfactionRating.create(
        tenant_id=tenant.id, path=clean_path(path), score=int(score)
    )


@dataclass
class Counts:
    satisfied: int = 0
    neutral: int = 0
    unsatisfied: int = 0

    @property
    def total(self) -> int:
        return self.satisfied + self.neutral + self.unsatisfied

    def add(self, score: int, n: int) -> None:
        if score == Satisfaction.SATISFIED:
            self.satisfied += n
        elif score == Satisfaction.NEUTRAL:
            self.neutral += n
        elif score == Satisfaction.UNSATISFIED:
            self.unsatisfied += n


@dataclass
class PageCounts(Counts):
    path: str = ""


@dataclass
class RatingStatistics:
    overall: Counts
    pages: list[PageCounts] = field(default_factory=list)


def _moment(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=VIETNAM)


async def rating_statistics(
    scope: Scope, tenant: Tenant, since: date | None = None, until: date | None = None
) -> RatingStatistics:
    """Counts for the portal and its most rated pages, days in Hà Nội (editors)."""
    check(scope.viewer, Permission.ARTICLE_REVIEW, tenant.id)
    qs = SatisfactionRating.visible(scope.for_tenant(tenant))
    if since is not None:
        qs = qs.filter(created_at__gte=_moment(since))
    if until is not None:
        qs = qs.filter(created_at__lt=_moment(until + timedelta(days=1)))
    rows = await qs.group_by("path", "score").annotate(n=Count("id")).values("path", "score", "n")
    overall = Counts()
    pages: dict[str, PageCounts] = {}
    for row in rows:
        overall.add(row["score"], row["n"])
        pages.setdefault(row["path"], PageCounts(path=row["path"])).add(row["score"], row["n"])
    ranked = sorted(pages.values(), key=lambda p: (-p.total, p.path))[:TOP_PAGES]
    return RatingStatistics(overall=overall, pages=ranked)
