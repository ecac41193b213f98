"""Schema 10: an index of the follow-ups not closed, for a campaign's next follow-up.

A campaign's next follow-up is its earliest one still pending today, an overdue one
included (`campaign_rows.next_follow_ups`: only those due from today on were read, and
a stalled campaign's card showed none). Pending means not marked done and not closed by a
later touch (or closed after today). `interaction_follow_up_state` orders every
follow-up ever written by its day, so finding the few pending ones read all of them:
299,029 entries on a ten-times history, 32 ms of the Pipeline's first paint. This index
puts the closing day first: the rows with none (or a late one) are one range of it,
a few thousand, with their campaign and day beside them (no table lookup).

PostgreSQL runs the statement as it is.
"""

from __future__ import annotations

from peewee import SqliteDatabase

from netrack.data.migrations.m008_lean_history_indexes import FOLLOWED_UP

SCHEMA_10: tuple[str, ...] = (
    'CREATE INDEX "interaction_pending_follow_up" ON "interaction" '
    '("follow_up_closed_on", "follow_up_done_on", "campaign_id", "follow_up_on") '
    f"WHERE {FOLLOWED_UP}",
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_10:
        db.execute_sql(statement)
