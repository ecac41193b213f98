"""Schema 17: the day a goal ends (`until`).

A goal counted from its `since` for ever: after a won search every later week showed ✗,
and the only way out, `goal delete`, took the goal off every past card too; raising a
target (`goal edit --target`) rewrote every past verdict. With an end, a goal stops
counting on the cards of periods that start after it, and a raised target becomes the
old goal ended the day before plus a new one from that day (`goal edit --from`).

- NULL: the goal has no end (every goal before this step, so no row is rewritten and
  every card reads as it did).
- A JSON export writes `until` after a goal's other keys; an older file has none, and
  its goals import with NULL.

PostgreSQL runs this statement as it is (`migrations.postgres`).
"""

from __future__ import annotations

from peewee import SqliteDatabase

SCHEMA_17: tuple[str, ...] = ('ALTER TABLE "goal" ADD COLUMN "until" DATE',)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_17:
        db.execute_sql(statement)
