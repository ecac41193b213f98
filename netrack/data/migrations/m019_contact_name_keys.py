"""Schema 19: each contact's name as names compare (`name_key`), kept with the name.

Names compare folded (case, accents, their encodings and the characters nobody sees
aside: `name_folding.fold`), which SQL cannot do, so a log read every name that folding
alone could match: to resolve its @names, every name beyond ASCII among the active
contacts and again among the archived ones, and, to say whether one of its people shares
a name, every such name a third time. On a ten-times history (11,000 names beyond ASCII)
that was ~60 ms of a `netrack log`, a third of it.

- `name_key`: `fold(name)`, written with the name by every write of netrack's
  (`name_folding.kept_fold`); NULL where it is not known: a row written by another
  program, a name renamed behind netrack's back, a name longer than a key is kept for.
  A reader takes NULL as "fold the name as it is read", so a missed key costs time,
  never an answer.
- `contact_name_key`: the index a namesake question and a lookup by key read.
- `contact_name_key_stale`: a name changed while its key stays (another program's
  UPDATE, netrack's own before it writes the new key) loses its key, which only
  netrack can work out again; netrack writes the key after the name.

Every existing row's key is worked out here (`fill`). If folding ever changes, a later
step must work them out again. PostgreSQL (`migrations.postgres`) runs the same column,
index and fill, and the trigger as a function with the server's null-safe comparisons.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from peewee import SqliteDatabase

from netrack.domain.name_folding import kept_fold

SINCE = 19  # the schema version that keeps the keys

SCHEMA_19: tuple[str, ...] = (
    'ALTER TABLE "contact" ADD COLUMN "name_key" TEXT',
    'CREATE INDEX "contact_name_key" ON "contact" ("name_key")',
    'CREATE TRIGGER "contact_name_key_stale" AFTER UPDATE OF "name" ON "contact" '
    'WHEN NEW."name" IS NOT OLD."name" AND NEW."name_key" IS OLD."name_key" '
    'AND NEW."name_key" IS NOT NULL '
    'BEGIN UPDATE "contact" SET "name_key" = NULL WHERE "id" = NEW."id"; END',
)
# The same trigger in PostgreSQL's words (`migrations.postgres.trigger` makes it a
# function): IS and IS NOT compare NULLs there as IS NOT DISTINCT FROM and IS DISTINCT FROM.
SERVER_TRIGGER_19 = (
    'CREATE TRIGGER "contact_name_key_stale" AFTER UPDATE OF "name" ON "contact" '
    'WHEN NEW."name" IS DISTINCT FROM OLD."name" '
    'AND NEW."name_key" IS NOT DISTINCT FROM OLD."name_key" AND NEW."name_key" IS NOT NULL '
    'BEGIN UPDATE "contact" SET "name_key" = NULL WHERE "id" = NEW."id"; END'
)


def key_of_stored(name: bytes | str | None) -> str | None:
    """`kept_fold` of a name as the file holds it: text that is not UTF-8 (another
    program's bytes) gets no key, and is folded as netrack reads it."""
    if name is None:
        return None
    if isinstance(name, bytes):
        try:
            name = name.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return kept_fold(name)


# A row's key as its name gives it, on a SQLite connection that has `with_fold`.
KEY_OF_NAME = 'netrack_name_key(CAST("name" AS BLOB))'
# Every key worked out again (`doctor --fix` runs it when it makes the trigger again:
# names renamed meanwhile kept old keys; with a WHERE, on the rows that differ).
FILL = f'UPDATE "contact" SET "name_key" = {KEY_OF_NAME}'


def with_fold(connection: sqlite3.Connection) -> None:
    """`FILL`'s function, on this SQLite connection."""
    connection.create_function("netrack_name_key", 1, key_of_stored, deterministic=True)


def fill(db: Any) -> None:
    """Every contact's key, worked out from its name (SQLite: in one UPDATE, folding
    in Python through a function of this connection's; a server: in batches)."""
    if isinstance(db, SqliteDatabase):
        with_fold(db.connection())
        db.execute_sql(FILL)
        return
    rows = db.execute_sql('SELECT "id", "name" FROM "contact"').fetchall()
    keyed = [(kept_fold(name), cid) for cid, name in rows]
    sql = f'UPDATE "contact" SET "name_key" = {db.param} WHERE "id" = {db.param}'
    for start in range(0, len(keyed), 5_000):
        db.cursor().executemany(sql, keyed[start : start + 5_000])


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_19:
        db.execute_sql(statement)
    fill(db)
