"""`doctor` on the records' uids (schema 12, migrations/m012_record_uids.py): a row of
`interaction`, `referral` or `time_entry` without one is what another program's write
leaves (netrack writes one with every row; the column is nullable, as SQLite adds it).
An export gives such a record no uid, so importing it into a database that has it finds
it by its content alone, and an older export of it, edited since, adds it again. Two
rows with one uid cannot be: the unique index refuses the second (and a missing index is
the schema's problem, named before this is read)."""

from __future__ import annotations

import sqlite3

from netrack.data.migrations.m012_record_uids import RECORD_TABLES

_NOUN = {"interaction": "interaction", "referral": "referral", "time_entry": "time entry"}
_WITHOUT = 'SELECT "id" FROM "{table}" WHERE "uid" IS NULL OR "uid" = \'\' ORDER BY "id"'
# 32 lowercase hexadecimal digits, as netrack writes them; random: a row another program
# wrote has no history before the upgrade that another copy could share.
_GIVE = (
    'UPDATE "{table}" SET "uid" = lower(hex(randomblob(16))) WHERE "uid" IS NULL OR "uid" = \'\''
)


def without_uids(connection: sqlite3.Connection) -> dict[str, list[int]]:
    """Table → the ids of its rows without a uid (only tables that have some)."""
    found = {}
    for table in RECORD_TABLES:
        ids = [int(row[0]) for row in connection.execute(_WITHOUT.format(table=table))]
        if ids:
            found[table] = ids
    return found


def give_uids(connection: sqlite3.Connection, tables: list[str]) -> None:
    """A new uid to each row of `tables` without one, in one transaction; the uids
    rows have stay as they are."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        for table in tables:
            connection.execute(_GIVE.format(table=table))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def problem(table: str, ids: list[int]) -> str:
    """The line naming the rows of `table` without a uid, with what to do."""
    count = len(ids)
    noun = _NOUN[table] + ("s" if count > 1 else "")
    shown = ", ".join(map(str, ids[:5])) + (" …" if count > 5 else "")
    return (
        f"{count} {noun} {'have' if count > 1 else 'has'} no uid (ids {shown}; another "
        "program wrote them): an older export of one edited since would be imported again; "
        "`netrack doctor --fix` gives each a new uid"
    )


def fixed(table: str, ids: list[int]) -> str:
    count = len(ids)
    return f"gave {count} {_NOUN[table]}{'s' if count > 1 else ''} a uid (ids {', '.join(map(str, ids[:5]))}{' …' if count > 5 else ''})"
