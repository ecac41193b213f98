"""Schema 12: a stable identity for interactions, referrals and time entries.

`export json` gives these records by position and `import json` knew them only by their
content, so importing an older export after an interaction (or a time entry, a referral)
was edited since added it a second time: its note or minutes no longer matched. Matching
on fewer fields (day, kind, people) would merge two real calls logged on two machines.
Now each such row has a `uid`, random text written with the row and never changed (an
edit, a merge, a backup and a restore keep it), which the export carries and the import
matches first (see `interop/json_merge`).

The column is nullable: SQLite adds a NOT NULL column only with a constant default, and
every row needs a uid of its own. Existing rows get one here, new rows from the one write
path (`data.uids`, the models' default and the bulk inserts); `doctor` names a row
without one. The unique index refuses a second row with the same uid.

PostgreSQL has no `randomblob`: its step (`migrations.postgres`) fills the column from
`md5`, which is as many hexadecimal digits.
"""

from __future__ import annotations

from peewee import SqliteDatabase

# The tables whose records an export gives by position, each keyed on `uid` from here on.
RECORD_TABLES = ("interaction", "referral", "time_entry")

ADD_COLUMNS = tuple(f'ALTER TABLE "{table}" ADD COLUMN "uid" TEXT' for table in RECORD_TABLES)
UNIQUE_INDEXES = tuple(
    f'CREATE UNIQUE INDEX "{table}_uid" ON "{table}" ("uid")' for table in RECORD_TABLES
)
# 32 lowercase hexadecimal digits, as `data.uids.new_uid` writes them.
_FILL = 'UPDATE "{table}" SET "uid" = lower(hex(randomblob(16)))'


def upgrade(db: SqliteDatabase) -> None:
    for table, add, index in zip(RECORD_TABLES, ADD_COLUMNS, UNIQUE_INDEXES, strict=True):
        db.execute_sql(add)
        db.execute_sql(_FILL.format(table=table))
        db.execute_sql(index)
