"""A batch of history rows and the kept sums (m009): forgotten once, not per row.

Each row inserted into `interaction`, `interaction_contact` or `time_entry` fires its
table's `trend_sums_…_insert` trigger, which forgets the kept runs and spans holding its day. Row
by row, a 100,000-message import paid that hundreds of thousands of times. A batch of
at least `BATCHED_ROWS`, inside the caller's transaction, sets the trigger aside, goes in,
puts it back from its stored text and forgets every kept run that overlaps the batch's
days in one statement (more than the rows strictly touch, never less: a forgotten run
is summed again). A failure rolls the transaction back, the trigger's absence with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from netrack.data.migrations import m009_trend_sums as m009

BATCHED_ROWS = 1000


@contextmanager
def forgotten_once(db: Any, table: str, days: Sequence[Any]) -> Iterator[None]:
    """Within the block, inserts into `table` (SQLite, inside a transaction) leave the
    kept sums alone; after it, those overlapping `days` (dates or ISO text) are gone."""
    name = f"trend_sums_{table}_insert"
    found = None
    if table in m009.SOURCES and len(days) >= BATCHED_ROWS and db.in_transaction():
        found = db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()
    if found is None:
        yield
        return
    db.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    db.execute_sql(found[0])
    span = (str(max(days)), str(min(days)))
    for kept in m009.KEPT:
        db.execute_sql(f'DELETE FROM "{kept}" WHERE "first" <= ? AND "last" >= ?', span)
