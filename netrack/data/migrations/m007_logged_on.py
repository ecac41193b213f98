"""Schema 7: the day each interaction was logged (`interaction.logged_on`).

The Agenda's "Logged today" lists what was written today, and a call of Tuesday logged
on Wednesday belongs there on Wednesday. `on` says when a touch happened; nothing said
when it was written down, so this column does.

- Typed entries (the quick log, `netrack log`, the forms) get the store's today.
- Imported history (LinkedIn messages, calendars) gets NULL: it was never logged by
  hand, and an import of three years of messages would otherwise fill "Logged today"
  with thousands of rows. What an import brings that happened today still shows there
  (its `on` is today).
- A JSON import keeps the exported value (a history moved to another machine keeps it);
  an export from before schema 7 has none, and gets `on`, as the rows here do.
- Rows that exist before this step get their `on`: the nearest thing to when they were
  logged, and never "today" for an old entry.

The index answers "logged today, happened earlier" without reading every interaction.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SCHEMA_7: tuple[str, ...] = (
    'ALTER TABLE "interaction" ADD COLUMN "logged_on" DATE',
    'UPDATE "interaction" SET "logged_on" = "on"',
    'CREATE INDEX "interaction_logged_on" ON "interaction" ("logged_on")',
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_7:
        db.execute_sql(statement)
