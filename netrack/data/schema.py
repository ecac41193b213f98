"""Telling a netrack database from any other SQLite file, by its schema.

A file is a netrack database at version N when its tables, columns, foreign keys,
indexes, triggers and views are exactly what netrack's migration steps 1..N make — not
merely when it has a few tables with the right names (a stray trigger in a restored
file would otherwise run on the next write). An empty file (version 0, no objects) is a
new database.

The expected schema is computed by running the migration steps on an in-memory database
and read back through the same queries as the file's. Tables and indexes are compared by
structure (`ALTER TABLE ADD COLUMN` stores different CREATE text than a fresh CREATE);
triggers and views by their SQL with whitespace collapsed. That takes a few
milliseconds, so opening a current database first compares a digest of its
`sqlite_master` text with `LATEST_SQL_DIGEST` (one query; a test keeps the constant equal
to what the migrations make): identical text is an identical schema. Only a file that
differs there (another SQLite's wording, an older version, a foreign file) is compared
in full.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from netrack.data.errors import sqlite_errors

# `sql_digest()` of the schema the migrations make at LATEST_VERSION. After adding a
# migration, paste what `python -m netrack.data.schema` prints
# (tests/hardening/test_schema_check.py fails until they match).
LATEST_VERSION = 19
LATEST_SQL_DIGEST = "a5740530cbc75b03c2614745704ed657f081a6d4475cefa8ce13b022fabf49c3"

_USER_TABLES = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
_OBJECTS = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master AS m "
    "WHERE m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
)
_COLUMNS = (
    'SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden '
    f"FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS p WHERE {_USER_TABLES} "
    "ORDER BY m.name, p.cid"
)
_FOREIGN_KEYS = (
    'SELECT m.name, f.id, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete '
    f"FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f WHERE {_USER_TABLES} "
    "ORDER BY m.name, f.id, f.seq"
)
_INDEXES = (
    'SELECT m.name, i.name, i."unique", i.origin, i.partial, c.name, c.coll, c."desc" '
    "FROM sqlite_master AS m JOIN pragma_index_list(m.name) AS i "
    f"JOIN pragma_index_xinfo(i.name) AS c WHERE {_USER_TABLES} AND c.key "
    "ORDER BY m.name, i.name, c.seqno"
)


@dataclass(frozen=True)
class Schema:
    """A database's schema, normalised for comparison (every part sorted by name)."""

    tables: dict[str, tuple[tuple[object, ...], ...]]  # name → columns
    foreign_keys: dict[str, tuple[tuple[object, ...], ...]]
    # name → (table, unique, origin, partial, (column, collation, descending)…, where)
    indexes: dict[str, tuple[object, ...]]
    triggers: dict[str, str]  # name → SQL, whitespace collapsed
    views: dict[str, str]
    # table → its CHECK constraints (`_loose`); netrack makes none: one that another
    # program added ("CHECK (0)") refused every later insert
    checks: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _normal(sql: str | None) -> str:
    return " ".join((sql or "").split())


def _loose(sql: str) -> str:
    """SQL compared regardless of case, spacing and identifier quotes: another SQLite
    may store a table's text quoted or spaced its own way. A string literal stays as
    written ('IN_PERSON' is not 'in_person')."""
    out: list[str] = []
    for index, part in enumerate(sql.split("'")):
        if index % 2:  # inside '…' (a doubled '' splits into an empty part: kept)
            out.append(f"'{part}'")
        else:
            out.append("".join(c for c in part.lower() if c not in ' \t\n\r"`[]'))
    return "".join(out)


_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)
_CHECK = re.compile(r"(?<![\w\"`\[])check\s*\(", re.IGNORECASE)


def _where(sql: str | None) -> str:
    """A partial index's condition (`_loose`), "" for a whole one."""
    found = _WHERE.split(sql or "", maxsplit=1)
    return _loose(found[1]) if len(found) == 2 else ""


def _checks(sql: str | None) -> tuple[str, ...]:
    """The CHECK constraints in a CREATE TABLE statement (`_loose`), in order."""
    text, found = sql or "", []
    for match in _CHECK.finditer(text):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        found.append(_loose(text[match.end() - 1 : end + 1]))
    return tuple(found)


def _rows(connection: sqlite3.Connection, query: str) -> list[Any]:
    """`query`'s rows; a schema whose text holds a damaged byte raises a sqlite3 error,
    as restore and opening expect of a damaged file (`errors.readable`)."""
    with sqlite_errors():
        return connection.execute(query).fetchall()


def sql_digest(connection: sqlite3.Connection) -> str:
    """A digest of every schema object's type, name, table and SQL text, as stored."""
    digest = hashlib.sha256()
    for row in _rows(connection, _OBJECTS):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def read_schema(connection: sqlite3.Connection) -> Schema:
    """The schema of the database open on `connection` (read-only: four queries)."""
    tables: dict[str, list[tuple[object, ...]]] = {}
    triggers: dict[str, str] = {}
    views: dict[str, str] = {}
    checks: dict[str, tuple[str, ...]] = {}
    index_sql: dict[str, str | None] = {}
    for kind, name, _table, sql in _rows(connection, _OBJECTS):
        if kind == "table":
            tables[name] = []
            found = _checks(sql)
            if found:
                checks[name] = found
        elif kind == "index":
            index_sql[name] = sql
        elif kind == "trigger":
            triggers[name] = _normal(sql)
        elif kind == "view":
            views[name] = _normal(sql)
    for table, *column in _rows(connection, _COLUMNS):
        tables.setdefault(table, []).append(tuple(column))
    keys: dict[str, list[tuple[object, ...]]] = {}
    for table, *key in _rows(connection, _FOREIGN_KEYS):
        keys.setdefault(table, []).append(tuple(key))
    indexes: dict[str, tuple[object, ...]] = {}
    for table, index, unique, origin, partial, column, coll, desc in _rows(connection, _INDEXES):
        where = _where(index_sql.get(index)) if partial else ""
        before = indexes.get(index, (table, unique, origin, partial, (), where))
        key = (column, str(coll).upper(), desc)  # "NOCASE" where netrack's is "BINARY"
        indexes[index] = (*before[:4], (*before[4], key), where)  # type: ignore[misc]
    return Schema(
        tables={name: tuple(columns) for name, columns in sorted(tables.items())},
        foreign_keys={name: tuple(rows) for name, rows in sorted(keys.items())},
        indexes=dict(sorted(indexes.items())),
        triggers=dict(sorted(triggers.items())),
        views=dict(sorted(views.items())),
        checks=dict(sorted(checks.items())),
    )


def expected_schema(version: int) -> Schema:
    """What netrack's migration steps 1..`version` make (cached per process)."""
    from netrack.data import migrations

    return _built(tuple(migrations.STEPS[:version]))


@cache
def _built(steps: tuple[object, ...]) -> Schema:
    with _migrated_in_memory(steps) as connection:
        return read_schema(connection)


@contextmanager
def _migrated_in_memory(steps: tuple[object, ...]) -> Iterator[sqlite3.Connection]:
    from peewee import SqliteDatabase

    from netrack.data import migrations

    db = SqliteDatabase(":memory:")
    db.connect()
    try:
        for step in steps:
            migrations._step(step)(db)  # type: ignore[arg-type]
        yield db.connection()
    finally:
        db.close()


def difference(connection: sqlite3.Connection, version: int) -> str | None:
    """The first way the database open on `connection` differs from netrack's schema
    `version` (its user_version), in words; None when it is exactly that schema.
    Version 0 is a new, empty database."""
    if version == LATEST_VERSION and sql_digest(connection) == LATEST_SQL_DIGEST:
        return None  # the everyday case: one query, no migrations run in memory
    actual = read_schema(connection)
    if version == 0:
        return _first_difference(actual, Schema({}, {}, {}, {}, {}))
    return _first_difference(actual, expected_schema(version))


def repairs(connection: sqlite3.Connection, version: int) -> list[tuple[str, str]] | None:
    """The statements that make the database's indexes and triggers netrack's again
    (drop one another program added or changed, create one missing), each with what it
    does in words, when those are all that differ: they are derived (an index) or
    netrack's own rules (a trigger), and making them again loses no row. None when a
    table, a column, a key or a view differs: that is not netrack's to mend."""
    actual, expected = read_schema(connection), expected_schema(version)
    if (actual.tables, actual.foreign_keys, actual.views, actual.checks) != (
        expected.tables, expected.foreign_keys, expected.views, expected.checks,
    ):  # fmt: skip
        return None
    made = _expected_sql(version)
    steps: list[tuple[str, str]] = []
    for part, kind in (("triggers", "trigger"), ("indexes", "index")):
        have, want = getattr(actual, part), getattr(expected, part)
        for name in sorted(have.keys() - want.keys()):
            steps.append((f'DROP {kind.upper()} "{name}"', f"dropped {kind} {name}"))
        for name in sorted(want.keys()):
            if name in have and have[name] == want[name]:
                continue
            if name in have:
                steps.append((f'DROP {kind.upper()} "{name}"', f"made {kind} {name} again"))
                steps.append((made[name], ""))
            else:
                steps.append((made[name], f"created {kind} {name}"))
    return steps


def verdict(
    connection: sqlite3.Connection, version: int
) -> tuple[str | None, list[tuple[str, str]] | None]:
    """(the difference to name, the steps `doctor --fix` would take): (None, None) for
    netrack's own schema; steps when indexes and triggers alone differ, and otherwise
    the difference that keeps `--fix` from acting named (not an index before it). What
    opening a file and `doctor` both say."""
    found = difference(connection, version)
    if not found or version < 1:
        return found, None
    steps = repairs(connection, version)
    if steps:
        return found, steps
    return blocking(connection, version) or found, None


def blocking(connection: sqlite3.Connection, version: int) -> str | None:
    """The first difference `doctor --fix` cannot mend (a table, a column, a key, a
    view), in words; None when indexes and triggers alone differ. Named before the
    mendable ones: an index named first hid the view that kept `--fix` from acting."""
    actual, expected = read_schema(connection), expected_schema(version)
    derived_as_netrack_makes = Schema(
        actual.tables,
        actual.foreign_keys,
        expected.indexes,
        expected.triggers,
        actual.views,
        actual.checks,
    )
    return _first_difference(derived_as_netrack_makes, expected)


@cache
def _expected_sql(version: int) -> dict[str, str]:
    """Index and trigger name → the CREATE statement the migrations store for it."""
    from netrack.data import migrations

    with _migrated_in_memory(tuple(migrations.STEPS[:version])) as connection:
        rows = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL"
        ).fetchall()
    return {name: sql for name, sql in rows}


def describe_foreign(path: object, version: int, found: str) -> str:
    """The one line refusing `path`, naming the first difference `found`."""
    if version == 0:
        return f"{path} is not a netrack database: {found}"
    return f"{path} is not a netrack database (schema {version}): {found}"


def built_sql_digest(version: int) -> str:
    """`sql_digest` of a database the migration steps 1..`version` make."""
    from netrack.data import migrations

    with _migrated_in_memory(tuple(migrations.STEPS[:version])) as connection:
        return sql_digest(connection)


def _first_difference(actual: Schema, expected: Schema) -> str | None:
    for table, columns in expected.tables.items():
        if table not in actual.tables:
            return f"table {table} is missing"
        found = _columns_difference(table, actual.tables[table], columns)
        if found:
            return found
        if actual.foreign_keys.get(table, ()) != expected.foreign_keys.get(table, ()):
            return f"table {table} has different foreign keys"
        if actual.checks.get(table, ()) != expected.checks.get(table, ()):
            return f"table {table} has different CHECK constraints"
    for table in actual.tables.keys() - expected.tables.keys():
        return f"unexpected table {table}"
    for part in ("indexes", "triggers", "views"):
        kind = {"indexes": "index", "triggers": "trigger", "views": "view"}[part]
        have, want = getattr(actual, part), getattr(expected, part)
        for name in sorted(have.keys() | want.keys()):
            if name not in want:
                return f"unexpected {kind} {name}"
            if name not in have:
                return f"{kind} {name} is missing"
            if have[name] != want[name]:
                return f"{kind} {name} differs from netrack's"
    return None


def _columns_difference(
    table: str, have: tuple[tuple[object, ...], ...], want: tuple[tuple[object, ...], ...]
) -> str | None:
    found = {column[0]: column for column in have}
    for column in want:
        name = column[0]
        if name not in found:
            return f"table {table} lacks column {name}"
        if found[name] != column:
            return (
                f"column {table}.{name} is {_describe(found[name])}, "
                f"netrack's is {_describe(column)}"
            )
    extra = [column[0] for column in have if column[0] not in {c[0] for c in want}]
    if extra:
        return f"table {table} has an unexpected column {extra[0]}"
    if [c[0] for c in have] != [c[0] for c in want]:
        return f"the columns of table {table} are in another order"
    return None


def _describe(column: tuple[object, ...]) -> str:
    _name, kind, notnull, default, pk, _hidden = column
    words = [str(kind) or "no type"]
    if notnull:
        words.append("NOT NULL")
    if default is not None:
        words.append(f"DEFAULT {default}")
    if pk:
        words.append("PRIMARY KEY")
    return " ".join(words)


if __name__ == "__main__":  # prints the constants to paste above
    from netrack.data.migrations import latest

    print(f"LATEST_VERSION = {latest()}")
    print(f'LATEST_SQL_DIGEST = "{built_sql_digest(latest())}"')
