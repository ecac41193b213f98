"""Schema 13: a stable identity for organizations, contacts and campaigns, as schema 12
gave interactions, referrals and time entries (see m012_record_uids).

`import json` knew these by what they are called (a contact's name and organization, a
campaign's organization, title and opening day), so a campaign re-titled, a contact or
an organization renamed on one copy of a history and merged with the other copy came in
a second time, for good: two "Helix Labs" campaigns in applied, every past card changed.
Now each row has a `uid`, written with the row and never changed (an edit, a rename, a
merge into it, a backup and a restore keep it), which the export carries and the import
matches first (see `interop/json_merge_contacts`).

A row older than this step gets a uid derived from its table and id alone: the md5 of
"table|id" (`canonical`), the same text on both engines (PostgreSQL's step hashes it
with its own `md5`). Unlike m012 no field goes in: these rows are the ones renamed, and
a copy upgraded after the rename must still name the row as the copy upgraded before it
does. So two unrelated histories name their rows alike too (`derived`), and the import
trusts such a uid only between files that share a record. The column is nullable, as
in m012; `doctor` names a row without one.
"""

from __future__ import annotations

from peewee import SqliteDatabase

from netrack.data.migrations.m012_record_uids import add_uids, md5_hex

# The tables whose rows the rest of an export refers to, each keyed on `uid` from here on.
NAMED_TABLES = ("organization", "contact", "campaign")

ADD_COLUMNS = tuple(f'ALTER TABLE "{table}" ADD COLUMN "uid" TEXT' for table in NAMED_TABLES)
UNIQUE_INDEXES = tuple(
    f'CREATE UNIQUE INDEX "{table}_uid" ON "{table}" ("uid")' for table in NAMED_TABLES
)


def canonical(table: str, server: bool = False) -> str:
    """The SQL text a row's uid is the md5 of: "table|id", alike on both engines."""
    return f"'{table}|' || " + ('"id"::text' if server else '"id"')


def derived(table: str, row_id: int) -> str:
    """The uid this step gives the row `row_id` of `table`. Two histories that are not
    copies of one another share these (their contact 1 is each other's): `import json`
    trusts a match on one only between histories that share records (see
    `interop/json_merge_contacts`)."""
    return md5_hex(f"{table}|{row_id}".encode())


def upgrade(db: SqliteDatabase) -> None:
    add_uids(db, NAMED_TABLES, ADD_COLUMNS, UNIQUE_INDEXES, canonical)
