"""Schema (m005): which calendar events `import ics` has already logged.

SPEC: running `import ics` again adds nothing, keyed on the event's UID and date. The
key cannot be rebuilt from an interaction (the note is the user's to edit, and two
events of a day may share a title), so each imported occurrence leaves one row here.
The row outlives the interaction it made (ON DELETE SET NULL): a meeting the user
deleted stays deleted when a newer export of the same calendar is imported.

(Step 5, after m004.)
"""

from __future__ import annotations

from peewee import SqliteDatabase

SCHEMA: tuple[str, ...] = (
    'CREATE TABLE "imported_event" ('
    '"key" TEXT NOT NULL PRIMARY KEY, '
    '"interaction_id" INTEGER REFERENCES "interaction" ("id") ON DELETE SET NULL)',
    # Deleting an interaction looks its keys up by this column.
    'CREATE INDEX "imported_event_interaction_id" ON "imported_event" ("interaction_id")',
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA:
        db.execute_sql(statement)
