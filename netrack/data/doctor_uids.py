"""`doctor` on the records' uids (schema 12, migrations/m012_record_uids.py: interactions,
referrals, time entries; schema 13, m013_named_uids.py: organizations, contacts,
campaigns): a row without one, or with one netrack does not keep
(`validate.is_record_uid`: "legacy 7", a 70-character one), is what another program's
write leaves (netrack writes one with every row; the column is nullable, as SQLite adds
it). An export gives such a record no uid netrack keeps, so importing it into a database
that has it finds it by its content alone, and an older export of it, edited since,
adds it again. Two rows with one uid the unique index refuses; with the index dropped
(the schema's problem, named first), rows sharing one are named too, and `--fix` gives
each after the first a new uid before it makes the index again."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from netrack.data.migrations.m012_record_uids import RECORD_TABLES as SCHEMA_12
from netrack.data.migrations.m013_named_uids import NAMED_TABLES
from netrack.domain import validate
from netrack.domain.describe import plural
from netrack.domain.visible import visible

RECORD_TABLES = SCHEMA_12 + NAMED_TABLES  # every table whose rows have a uid
_NOUN = {
    "interaction": "interaction",
    "referral": "referral",
    "time_entry": "time entry",
    "organization": "organization",
    "contact": "contact",
    "campaign": "campaign",
}
_KEEPS = "netrack_keeps_uid"  # `validate.is_record_uid`, for the statements below
_WITHOUT = 'SELECT "id" FROM "{table}" WHERE "uid" IS NULL OR "uid" = \'\' ORDER BY "id"'
_FOREIGN = (
    'SELECT "id", "uid" FROM "{table}" WHERE "uid" != \'\' AND NOT '
    + _KEEPS
    + '("uid") ORDER BY "id"'
)
# 32 lowercase hexadecimal digits, as netrack writes them; random: a row another program
# wrote has no history before the upgrade that another copy could share.
_GIVE = (
    'UPDATE "{table}" SET "uid" = lower(hex(randomblob(16))) '
    'WHERE "uid" IS NULL OR NOT ' + _KEEPS + '("uid")'
)


@dataclass
class Found:
    """Table → the ids of its rows without a uid; table → (id, uid) of those whose uid
    netrack does not keep (only tables that have some)."""

    without: dict[str, list[int]] = field(default_factory=dict)
    foreign: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def tables(self) -> list[str]:
        return [table for table in RECORD_TABLES if table in self.without or table in self.foreign]

    def __bool__(self) -> bool:
        return bool(self.without or self.foreign)


def _knowing_the_rule(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.create_function(_KEEPS, 1, validate.is_record_uid, deterministic=True)
    return connection


def look(connection: sqlite3.Connection) -> Found:
    """The rows whose uid is missing or not one netrack keeps."""
    _knowing_the_rule(connection)
    found = Found()
    for table in RECORD_TABLES:
        ids = [int(row[0]) for row in connection.execute(_WITHOUT.format(table=table))]
        if ids:
            found.without[table] = ids
        foreign = [
            (int(i), str(uid)) for i, uid in connection.execute(_FOREIGN.format(table=table))
        ]
        if foreign:
            found.foreign[table] = foreign
    return found


def give_uids(connection: sqlite3.Connection, tables: list[str]) -> None:
    """A new uid to each row of `tables` without one netrack keeps, in one transaction;
    the uids other rows have stay as they are."""
    _knowing_the_rule(connection)
    connection.execute("BEGIN IMMEDIATE")
    try:
        for table in tables:
            connection.execute(_GIVE.format(table=table))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


# Rows sharing a uid, each after the first by id: what a missing unique index let in.
_LATER_SHARING = (
    'SELECT "id", "uid" FROM (SELECT "id", "uid", row_number() OVER (PARTITION BY "uid" '
    'ORDER BY "id") AS "nth", count(*) OVER (PARTITION BY "uid") AS "rows" FROM "{table}" '
    'WHERE "uid" IS NOT NULL AND "uid" != \'\') WHERE "rows" > 1{later} ORDER BY "uid", "id"'
)


def _with_uids(connection: sqlite3.Connection) -> list[str]:
    """The record tables that have the column (a file mended at an older schema has none)."""
    return [
        table
        for table in RECORD_TABLES
        if any(row[1] == "uid" for row in connection.execute(f'PRAGMA table_info("{table}")'))
    ]


def shared(connection: sqlite3.Connection) -> dict[str, list[tuple[int, str]]]:
    """Table → (id, uid) of its rows that share a uid with another, by uid then id
    (only tables that have some): possible only while the unique index is missing."""
    found = {}
    for table in _with_uids(connection):
        rows = connection.execute(_LATER_SHARING.format(table=table, later="")).fetchall()
        if rows:
            found[table] = [(int(row_id), str(uid)) for row_id, uid in rows]
    return found


def renew_shared(connection: sqlite3.Connection) -> None:
    """Within the caller's transaction, before the unique indexes are made: every row
    sharing its uid with an earlier one (by id) gets a new one. The first keeps it: the
    row an export made before the index went named by it."""
    for table in _with_uids(connection):
        later = [
            row[0]
            for row in connection.execute(
                _LATER_SHARING.format(table=table, later=' AND "nth" > 1')
            )
        ]
        connection.executemany(
            f'UPDATE "{table}" SET "uid" = lower(hex(randomblob(16))) WHERE "id" = ?',
            [(row_id,) for row_id in later],
        )


def shared_problems(found: dict[str, list[tuple[int, str]]]) -> list[str]:
    """'2 interactions share a uid (ids 1, 2: '0f…'); …' per table."""
    return [
        f"{_counted(table, len(rows))} share a uid with another ({_groups(rows)}), which "
        "the missing unique index let in: an import of their export skips all but the first; "
        "`netrack doctor --fix` gives each after the first a new uid, then makes the index "
        "(after a copy of the database)"
        for table, rows in found.items()
    ]


def shared_fixes(found: dict[str, list[tuple[int, str]]], copy: Path | None) -> list[str]:
    lines = []
    for table, rows in found.items():
        first: dict[str, int] = {}  # uid → the row that keeps it (rows come by uid, id)
        for row_id, uid in rows:
            first.setdefault(uid, row_id)
        later = [row_id for row_id, uid in rows if first[uid] != row_id]
        lines.append(
            f"gave {_counted(table, len(later))} sharing an earlier one's uid a new one "
            f"({_named(later)}; the database before: {copy})"
        )
    return lines


def _groups(rows: list[tuple[int, str]]) -> str:
    """'ids 1, 2: '0f3a…'; ids 5, 9: '…'' for the first few uids shared."""
    by_uid: dict[str, list[int]] = {}
    for row_id, uid in rows:
        by_uid.setdefault(uid, []).append(row_id)
    said = [
        f"ids {_ids(ids)}: {visible(validate.shown(uid))}" for uid, ids in list(by_uid.items())[:3]
    ]
    more = f" and {len(by_uid) - 3} more uids" if len(by_uid) > 3 else ""
    return "; ".join(said) + more


def problems(found: Found) -> list[str]:
    """The lines naming the rows, with what to do."""
    lines = [problem(table, ids) for table, ids in found.without.items()]
    return lines + [_foreign_problem(table, rows) for table, rows in found.foreign.items()]


def fixes(found: Found, copy: Path) -> list[str]:
    """What `give_uids` did, each line naming the copy made before it."""
    lines = [fixed(table, ids, copy) for table, ids in found.without.items()]
    return lines + [
        _foreign_fixed(table, [row_id for row_id, _ in rows], copy)
        for table, rows in found.foreign.items()
    ]


def problem(table: str, ids: list[int]) -> str:
    """The line naming the rows of `table` without a uid, with what to do."""
    one = len(ids) == 1
    return (
        f"{_counted(table, len(ids))} {'has' if one else 'have'} no uid ({_named(ids)}; "
        f"another program wrote {'it' if one else 'them'}): an older export of "
        f"{'it' if one else 'one'} edited since would be imported again; `netrack doctor "
        f"--fix` gives {'it' if one else 'each'} a new uid"
    )


def fixed(table: str, ids: list[int], copy: Path) -> str:
    return f"gave {_counted(table, len(ids))} a uid ({_named(ids)}; the database before: {copy})"


def _foreign_problem(table: str, rows: list[tuple[int, str]]) -> str:
    """'1 interaction has a uid netrack does not keep (id 7: 'legacy 7'; …)'."""
    one = len(rows) == 1
    shown = ", ".join(f"{row_id}: {validate.shown(uid)}" for row_id, uid in rows[:3])
    more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
    return (
        f"{_counted(table, len(rows))} {'has a uid' if one else 'have uids'} netrack does "
        f"not keep ({'id' if one else 'ids'} {visible(shown)}{more}; another program wrote "
        f"{'it' if one else 'them'}): an export of {'it' if one else 'them'} imports with a "
        f"new one, so an older export edited since would be imported again; `netrack doctor "
        f"--fix` gives {'it' if one else 'each'} a new uid"
    )


def _foreign_fixed(table: str, ids: list[int], copy: Path) -> str:
    return (
        f"gave {_counted(table, len(ids))} a new uid in place of one netrack does not keep "
        f"({_named(ids)}; the database before: {copy})"
    )


def _counted(table: str, count: int) -> str:
    """'1 time entry', '2 time entries'."""
    return plural(count, _NOUN[table])


def _named(ids: list[int]) -> str:
    """'id 2', 'ids 2, 5'."""
    return f"{'id' if len(ids) == 1 else 'ids'} {_ids(ids)}"


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids[:5])) + (" …" if len(ids) > 5 else "")
