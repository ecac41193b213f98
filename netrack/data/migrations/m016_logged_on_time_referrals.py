"""Schema 16: the day each time entry and referral was typed in (`logged_on`).

The Agenda's "Logged today" lists what was written today (schema 7 gave interactions
their `logged_on` for it), but time entries and referrals recorded only their own date:
yesterday's two hours of search, back-filled this morning, never showed there. This
step gives both tables the column m007 gave interactions, with m007's choices:

- Typed entries (`time add`, `referral add`, the forms) get the store's today.
- A JSON import keeps the exported value; an export from before schema 16 has none and
  gets NULL, as an import of history does for interactions.
- Rows that exist before this step keep NULL, read as "logged on its own date": no row
  is rewritten, and an old entry never counts as logged today. (m007 copied `on` into
  its old rows; NULL says the same here without touching them.)

A file upgraded from 15 exports the same JSON but for `"logged_on": null` at the end of
each time entry and referral. Each index is partial, as m008 made interactions': it holds
only the rows that have the column set, the only ones "logged today, happened earlier"
looks for. PostgreSQL runs these statements as they are (`migrations.postgres`).
"""

from __future__ import annotations

from peewee import SqliteDatabase

# The rows each partial index holds; the Agenda's reads (`repo.referrals_time`) repeat it.
LOGGED = '"logged_on" IS NOT NULL'
TABLES = ("time_entry", "referral")

SCHEMA_16: tuple[str, ...] = tuple(
    statement
    for table in TABLES
    for statement in (
        f'ALTER TABLE "{table}" ADD COLUMN "logged_on" DATE',
        f'CREATE INDEX "{table}_logged_on" ON "{table}" ("logged_on") WHERE {LOGGED}',
    )
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_16:
        db.execute_sql(statement)
