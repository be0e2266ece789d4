"""The order of the outbox, and reading it so that nothing is ever skipped.

An event's place in the stream is its :class:`Position`: the transaction that
wrote it, then its id. Readers only ever see a prefix of the stream that can
no longer grow in the middle:

- **PostgreSQL.** Every event row is stamped by a column default with
  ``pg_current_xact_id()``, the 64-bit id of the transaction writing it. A
  read first asks for the *horizon*: the oldest transaction of this database
  still running (or prepared), else the next id PostgreSQL will hand out; then,
  in a later snapshot, it returns only events whose transaction is below the
  horizon. Every transaction below it has ended, so its events are all
  visible (committed) or gone for good (rolled back), and every transaction
  still running or yet to start has an id at or above it, so it can only add
  events *after* them. A cursor taken from such a read can therefore never
  have an event appear behind it. A transaction left open simply holds the
  stream back until it ends; it is never stepped over, whatever the clocks say.
- **SQLite.** A database has one writer at a time: a write transaction holds
  the file's write lock from its first write to its commit (another process
  waits or gets ``SQLITE_BUSY``), and inside a process Tortoise runs every
  statement and transaction on one connection behind one lock, so nobody
  reads another task's uncommitted rows. Ids are therefore handed out in
  commit order and every row's ``xact_id`` is 0: the stream is plain id order.
"""

from __future__ import annotations

from typing import NamedTuple

from tortoise import connections

from hub.events.models import Event

FAR = 2**62  # larger than any event id: "after every event of that transaction"


class Position(NamedTuple):
    """A place in the stream; positions compare in stream order."""

    xact: int
    event: int


START = Position(0, 0)


def position_of(event: Event) -> Position:
    """Where ``event`` stands in the stream."""
    return Position(int(event.xact_id or 0), int(event.id))


def _on_postgres() -> bool:
    return connections.get("default").capabilities.dialect == "postgres"


# The lowest transaction id that may still add events to this database's outbox.
# Every transaction below it has ended: the oldest one still running *in this
# database* (or prepared in it), else the snapshot's xmax (the next id to be
# given out). Transactions of other databases on the same server cannot write
# here, so they hold nothing back. If the role may not see other sessions'
# transaction ids, fall back to the whole server's xmin: slower, never wrong.
HORIZON_SQL = """
SELECT COALESCE(
         (SELECT min(x::text::bigint)
            FROM pg_snapshot_xip(pg_current_snapshot()) AS x
           WHERE x::xid IN (SELECT backend_xid FROM pg_stat_activity
                             WHERE datname = current_database() AND backend_xid IS NOT NULL
                            UNION ALL
                            SELECT transaction FROM pg_prepared_xacts
                             WHERE database = current_database())),
         pg_snapshot_xmax(pg_current_snapshot())::text::bigint) AS horizon,
       pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin,
       EXISTS (SELECT 1 FROM pg_stat_activity
                WHERE datname = current_database()
                  AND query = '<insufficient privilege>') AS hidden
"""


async def settled_below() -> int | None:
    """Events of transactions below this id can no longer change; None on SQLite (all can)."""
    if not _on_postgres():
        return None
    rows = await connections.get("default").execute_query_dict(HORIZON_SQL)
    row = rows[0]
    return int(row["xmin"] if row["hidden"] else row["horizon"])


async def read_after(position: Position, limit: int) -> list[Event]:
    """Up to ``limit`` events after ``position`` that nothing can precede any more, in order."""
    horizon = await settled_below()
    # The horizon is read in a statement of its own, *before* the events: a transaction
    # seen running there and gone by the time of the next snapshot has its rows visible
    # in it (committed) or gone (rolled back), never half-way. Positions and the horizon
    # are ints, so formatting them into the SQL is safe.
    after = f"(xact_id, id) > ({int(position.xact)}, {int(position.event)})"
    settled = f" AND xact_id < {int(horizon)}" if horizon is not None else ""
    sql = f"SELECT * FROM event WHERE {after}{settled} ORDER BY xact_id, id LIMIT {int(limit)}"
    return await Event.raw(sql)  # type: ignore[return-value]


async def head() -> Position:
    """The position now: whatever is read after it was not settled yet when this was called."""
    horizon = await settled_below()
    if horizon is not None:
        return Position(horizon - 1, FAR)
    last = await Event.all().order_by("-id").first()
    return Position(0, last.id if last else 0)


async def position_of_cursor(event_id: int) -> Position | None:
    """The position of the event a subscriber's cursor names (``0``: the very start)."""
    if event_id == 0:
        return START
    event = await Event.get_or_none(id=event_id)
    return position_of(event) if event is not None else None
