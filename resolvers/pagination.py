"""Offset-cursor pagination of a queryset into a Relay connection."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import strawberry
from tortoise.queryset import QuerySet

from schema.common import (
    BadUserInput,
    BoundedConnection,
    Connection,
    decode_cursor,
    make_connection,
)

MAX_OFFSET = 10_000  # deeper than this, narrow the list with filters instead

# Arguments every list and portal field shares, described once.
TenantSlugArg = Annotated[str, strawberry.argument(description="Slug of the portal.")]
AfterArg = Annotated[str | None, strawberry.argument(description="Cursor to continue after.")]
PageSizeArg = Annotated[int, strawberry.argument(description="Page size, at most 100.")]


def page_window(first: int, after: str | None, *, max_first: int = 100) -> int:
    """The offset a page starts at, after checking `first` and the cursor."""
    if not 0 <= first <= max_first:
        raise BadUserInput(f"`first` must be between 0 and {max_first}", "INVALID_PAGE_SIZE")
    offset = decode_cursor(after) + 1
    if offset > MAX_OFFSET:
        raise BadUserInput("page is too deep; narrow the list with filters", "INVALID_CURSOR")
    return offset


async def paginate(
    qs: QuerySet[Any],
    first: int,
    after: str | None,
    *,
    max_first: int = 100,
    count: QuerySet[Any] | None = None,
) -> Connection[Any]:
    """One query for the page (``first + 1`` rows); the total is counted only if asked.

    ``count`` is the list to count when ``qs`` was narrowed to candidates of this page.
    """
    offset = page_window(first, after, max_first=max_first)
    rows = await qs.offset(offset).limit(first + 1) if first else []
    return make_connection(list(rows), offset, first, (count if count is not None else qs).count)


async def paginate_bounded(
    qs: QuerySet[Any], first: int, after: str | None, *, bound: int
) -> BoundedConnection[Any]:
    """:func:`paginate` for long lists whose exact length nobody needs: the count reads
    at most ``bound + 1`` matching ids (an early-stopping index walk), not every row."""
    page = await paginate(qs, first, after)
    counted: asyncio.Future[int] | None = None

    async def count() -> int:
        nonlocal counted
        if counted is None:  # `totalCount` and `countIsBounded` share one query
            counted = asyncio.ensure_future(_count_up_to(qs, bound + 1))
        return await counted

    return BoundedConnection(edges=page.edges, page_info=page.page_info, count=count, bound=bound)


async def _count_up_to(qs: QuerySet[Any], limit: int) -> int:
    # In the list's own order: the index walk that serves the page stops at the limit.
    return len(await qs.limit(limit).values_list("id", flat=True))
