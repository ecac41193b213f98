"""A server database's schema, checked by name against what netrack's steps make there.

PostgreSQL writes types, defaults and trigger bodies in its own words, so `doctor`
compares names: the tables and each one's columns in order, the indexes netrack makes
(`CREATE INDEX`, not those behind a key), and the triggers (with each table's id rule).
The reference is what the SQLite steps make (`schema.expected_schema`), less what only
SQLite keeps (step 9's kept sums) and plus what only a server keeps (step 14's deleted
ids): the same steps run on both engines, translated.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from netrack.data import migrations, schema
from netrack.data.migrations.m014_kept_ids import KEPT_ID_TABLES
from netrack.data.migrations.postgres_ids import ID_HIGH_COLUMNS, ID_HIGH_TABLE, KEPT_ID_TRIGGER
from netrack.data.server import VERSION_TABLE

# Steps that make nothing on a server (see migrations.postgres).
SQLITE_ONLY = frozenset({"m009_trend_sums"})

_COLUMNS = (
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
)
_INDEXES = (
    "SELECT i.relname FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid "
    "JOIN pg_class AS t ON t.oid = x.indrelid JOIN pg_namespace AS n ON n.oid = t.relnamespace "
    "WHERE n.nspname = current_schema() AND t.relname <> %s "
    "AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = x.indexrelid)"
)
_TRIGGERS = (
    "SELECT g.tgname, t.relname FROM pg_trigger AS g JOIN pg_class AS t ON t.oid = g.tgrelid "
    "JOIN pg_namespace AS n ON n.oid = t.relnamespace "
    "WHERE NOT g.tgisinternal AND n.nspname = current_schema()"
)


# The id rule's trigger on each table with an id (migrations.postgres.Translating), named
# after the table as it was made: a table rebuilt and renamed keeps its first name's.
ID_RULE = "_next_id"


@cache
def expected(version: int) -> tuple[dict[str, tuple[str, ...]], frozenset[str], frozenset[str]]:
    """(table → column names in order, index names, trigger names besides the id rules)
    that steps 1..`version` make on a server."""
    steps = tuple(
        step for step in migrations.STEPS[:version] if migrations._name(step) not in SQLITE_ONLY
    )
    built = schema._built(steps)
    tables = {name: tuple(str(c[0]) for c in columns) for name, columns in built.tables.items()}
    indexes = frozenset(name for name, shape in built.indexes.items() if shape[2] == "c")
    triggers = frozenset(built.triggers)
    if any(migrations._name(step) == "m014_kept_ids" for step in steps):
        # The server's own memory of deleted ids (SQLite's is `sqlite_sequence`).
        tables[ID_HIGH_TABLE] = ID_HIGH_COLUMNS
        triggers |= {KEPT_ID_TRIGGER.format(table=table) for table in KEPT_ID_TABLES}
    return tables, indexes, triggers


def difference(db: Any, version: int) -> str | None:
    """The first way the database's schema differs by name from what netrack makes at
    `version`, in words; None when it matches."""
    tables, indexes, triggers = expected(version)
    found: dict[str, list[str]] = {}
    for table, column in db.execute_sql(_COLUMNS).fetchall():
        if table != VERSION_TABLE:
            found.setdefault(table, []).append(column)
    for name in sorted(set(tables) | set(found)):
        if name not in found:
            return f"table {name} is missing"
        if name not in tables:
            return f"unexpected table {name}"
        if tuple(found[name]) != tables[name]:
            missing = [c for c in tables[name] if c not in found[name]]
            extra = [c for c in found[name] if c not in tables[name]]
            what = (
                f"column {missing[0]} is missing"
                if missing
                else f"unexpected column {extra[0]}"
                if extra
                else "its columns are in another order"
            )
            return f"table {name}: {what}"
    fired = db.execute_sql(_TRIGGERS).fetchall()
    with_rule = {str(table) for name, table in fired if str(name).endswith(ID_RULE)}
    for table in sorted(tables):
        if tables[table][:1] == ("id",) and table not in with_rule:
            return f"table {table}: the trigger that numbers its rows is missing"
    for kind, wanted, there in (
        ("index", indexes, {str(row[0]) for row in db.execute_sql(_INDEXES, (VERSION_TABLE,))}),
        ("trigger", triggers, {str(name) for name, _ in fired if not str(name).endswith(ID_RULE)}),
    ):
        if wanted - there:
            return f"{kind} {min(wanted - there)} is missing"
        if there - wanted:
            return f"unexpected {kind} {min(there - wanted)}"
    return None
