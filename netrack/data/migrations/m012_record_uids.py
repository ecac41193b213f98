"""Schema 12: a stable identity for interactions, referrals and time entries.

`export json` gives these records by position and `import json` knew them only by their
content, so importing an older export after an interaction (or a time entry, a referral)
was edited since added it a second time: its note or minutes no longer matched. Matching
on fewer fields (day, kind, people) would merge two real calls logged on two machines.
Now each such row has a `uid`, text written with the row and never changed (an edit, a
merge, a backup and a restore keep it), which the export carries and the import matches
first (see `interop/json_merge`).

The column is nullable: SQLite adds a NOT NULL column only with a constant default, and
every row needs a uid of its own. New rows get one from the one write path (`data.uids`,
the models' default and the bulk inserts); `doctor` names a row without one. The unique
index refuses a second row with the same uid.

A row older than this step gets a uid derived from the row itself: the md5 of its
table, id and a few fields (`canonical`). Two copies of one file (a desktop's and a
laptop's), or a backup from before the upgrade restored and upgraded again, then give
each record the same uid on every machine and on both engines (PostgreSQL's step,
`migrations.postgres`, hashes the same text with its own `md5`); random uids made them
strangers, and each later edit imported one record twice. The id keeps two rows of a
table apart; the fields keep two histories that merely share ids apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from peewee import SqliteDatabase

# The tables whose records an export gives by position, each keyed on `uid` from here on.
RECORD_TABLES = ("interaction", "referral", "time_entry")

ADD_COLUMNS = tuple(f'ALTER TABLE "{table}" ADD COLUMN "uid" TEXT' for table in RECORD_TABLES)
UNIQUE_INDEXES = tuple(
    f'CREATE UNIQUE INDEX "{table}_uid" ON "{table}" ("uid")' for table in RECORD_TABLES
)

# The fields after the id that a row's uid is derived from: text, whole numbers and the
# day, whose text both engines write alike (no boolean: 1 here, true there; no REAL).
HASHED = {
    "interaction": ("on", "kind", "minutes", "note"),
    "referral": ("on", "direction", "note"),
    "time_entry": ("on", "category", "minutes", "note"),
}
# The day as ISO text on PostgreSQL (a DATE's own text follows the DateStyle setting);
# SQLite keeps it as that text already.
SERVER_TEXT = {"on": "to_char(\"on\", 'YYYY-MM-DD')", "minutes": '"minutes"::text'}


def canonical(table: str, server: bool = False) -> str:
    """The SQL text a row's uid is the md5 of: "table|id|field|…", each field's text
    (COALESCE: a NULL another program left would blank the whole text). The same
    characters on both engines for the same row."""
    parts = [f"'{table}'", '"id"' if not server else '"id"::text']
    for name in HASHED[table]:
        column = SERVER_TEXT.get(name, f'"{name}"') if server else f'"{name}"'
        parts.append(f"COALESCE({column}, '')")
    return " || '|' || ".join(parts)


def md5_hex(text: bytes) -> str:
    return hashlib.md5(text, usedforsecurity=False).hexdigest()


def add_uids(
    db: SqliteDatabase,
    tables: tuple[str, ...],
    add_columns: tuple[str, ...],
    unique_indexes: tuple[str, ...],
    canonical: Callable[[str], str],
) -> None:
    """Each of `tables` given its uid column, every row's filled with the md5 of its
    `canonical` text, then its unique index (this step's and m013's)."""
    # The text's bytes (a BLOB): hashed as stored, as PostgreSQL's md5 hashes them, and
    # a note that is not valid UTF-8 (another program's) cannot fail the upgrade.
    db.connection().create_function("netrack_md5", 1, md5_hex, deterministic=True)
    for table, add, index in zip(tables, add_columns, unique_indexes, strict=True):
        db.execute_sql(add)
        db.execute_sql(
            f'UPDATE "{table}" SET "uid" = netrack_md5(CAST({canonical(table)} AS BLOB))'
        )
        db.execute_sql(index)


def upgrade(db: SqliteDatabase) -> None:
    add_uids(db, RECORD_TABLES, ADD_COLUMNS, UNIQUE_INDEXES, canonical)
