"""What `doctor --fix` writes: a netrack file's indexes and triggers made netrack's
again (and what a missing trigger left undone), damaged indexes built again from their
tables, references to rows that are gone mended as deleting those rows would have, and
the openings of campaigns stored without one recorded. Each in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from netrack.data import db as dbmod
from netrack.data import schema
from netrack.data.migrations import m002_follow_up_closure as m002
from netrack.data.migrations import m006_meaningful_links as m006
from netrack.data.migrations import m019_contact_name_keys as m019

# What netrack's triggers keep, worked out again from the rows: written while a trigger
# was missing, the rows did not get it (a follow-up no later touch closed, a link's
# meaningful flag, a link's date, sums kept for days that changed, a renamed contact's
# folded name).
_DERIVED = (  # (the schema version that has it, the statement)
    (2, m002.BACKFILL),
    (2, 'UPDATE "interaction_contact" SET "on" = (SELECT "on" FROM "interaction" AS i '
        'WHERE i."id" = "interaction_contact"."interaction_id")'),
    (6, m006.BACKFILL),
    (9, 'DELETE FROM "trend_sums"'),
    (9, 'DELETE FROM "span_kept"'),
    (9, 'DELETE FROM "span_sums"'),
    (19, m019.FILL),
)  # fmt: skip


def rebuild_indexes(path: Path, names: list[str]) -> None:
    """REINDEX each of `names`, in one transaction; sqlite3.Error when one cannot be
    built (a UNIQUE index over rows that are not: the table's damage), nothing changed."""
    connection = sqlite3.connect(str(path), timeout=dbmod.BUSY_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            for name in names:
                connection.execute(f'REINDEX "{name.replace(chr(34), chr(34) * 2)}"')
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()


def mend_schema(path: Path, version: int) -> str:
    """Run what `schema.repairs` lists, in one transaction; what was done, in words.
    Rows a missing unique index let share a uid get new ones first (`doctor_uids`)."""
    from netrack.data.doctor_uids import renew_shared

    connection = sqlite3.connect(str(path), timeout=dbmod.BUSY_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            steps = schema.repairs(connection, version) or []
            if any(statement.startswith("CREATE UNIQUE INDEX") for statement, _ in steps):
                renew_shared(connection)
            for statement, _ in steps:
                connection.execute(statement)
            if any(statement.startswith("CREATE TRIGGER") for statement, _ in steps):
                m019.with_fold(connection)
                for since, statement in _DERIVED:  # what the missing rules left undone
                    if version >= since:
                        connection.execute(statement)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()
    return ", ".join(words for _, words in steps if words)


def mend_openings(path: Path) -> list[int]:
    """`doctor_history.record_openings` on the file, in one transaction under the write
    lock; the campaigns' ids."""
    from peewee import SqliteDatabase

    from netrack.data.doctor_history import record_openings

    db = SqliteDatabase(str(path), timeout=dbmod.BUSY_TIMEOUT_S)
    try:
        with db.atomic("IMMEDIATE"):
            return record_openings(db)
    finally:
        db.close()


def mend_same_day_strengths(path: Path) -> None:
    """`doctor_history.DROP_SAME_DAY_STRENGTHS` on the file, under the write lock."""
    from peewee import SqliteDatabase

    from netrack.data.doctor_history import DROP_SAME_DAY_STRENGTHS

    db = SqliteDatabase(str(path), timeout=dbmod.BUSY_TIMEOUT_S)
    try:
        with db.atomic("IMMEDIATE"):
            db.execute_sql(DROP_SAME_DAY_STRENGTHS)
    finally:
        db.close()


def mend_references(
    path: Path, dangling: list[Any], actions: dict[tuple[str, int], tuple[str, str]]
) -> list[Any]:
    """Remove or blank the dangling references that the schema says how to; the rows it
    does not (ON DELETE NO ACTION) are returned."""
    left = []
    connection = sqlite3.connect(str(path))
    try:
        with connection:  # one transaction: all mended, or none
            for table, rowid, _parent, key in dangling:
                column, action = actions[(table, key)]
                if action == "CASCADE":
                    connection.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                elif action == "SET NULL":
                    connection.execute(
                        f'UPDATE "{table}" SET "{column}" = NULL WHERE rowid = ?', (rowid,)
                    )
                elif _parent == "organization":  # a campaign's, never blank (RESTRICT)
                    _stand_in_organization(connection, table, column, rowid)
                else:
                    left.append((table, rowid, _parent, key))
    finally:
        connection.close()
    return left


def _stand_in_organization(
    connection: sqlite3.Connection, table: str, column: str, rowid: int
) -> None:
    """An organization in place of the one gone, under its id and a name that says so:
    a campaign must have one, and deleting the campaign would lose its history."""
    from netrack.data.repo.org_names import org_key

    (gone,) = connection.execute(
        f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)
    ).fetchone()
    if connection.execute('SELECT 1 FROM "organization" WHERE id = ?', (gone,)).fetchone():
        return  # put back for an earlier row already
    name = f"Organization {gone} (lost; rename it)"  # `org list` shows it, `org edit` names it
    connection.execute(
        'INSERT INTO "organization" (id, name, name_key, industry, size_band, location, notes)'
        " VALUES (?, ?, ?, '', '', '', '')",
        (gone, name, org_key(name)),
    )
    columns = connection.execute('PRAGMA table_info("organization")').fetchall()
    if any(column[1] == "uid" for column in columns):  # schema 13: a new one, as netrack's
        connection.execute(
            'UPDATE "organization" SET "uid" = lower(hex(randomblob(16))) WHERE id = ?', (gone,)
        )
