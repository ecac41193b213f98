"""`doctor --fix` on a server: a netrack database whose triggers and indexes alone are not
netrack's (by name, as `server_schema` compares them) gets them made netrack's again.

What netrack makes is read from the server itself: the migration steps run in a scratch
schema inside a transaction that is rolled back, and the server's own definitions of
the triggers, their functions and the indexes made there (`pg_get_triggerdef`, …) are
taken over, unqualified, for the database's schema. So a table a step rebuilt and
renamed gets its trigger under the name it has now, and the SQL is never a second copy
of the steps'.

Without this a database missing a trigger was refused by every command, `export` and
`backup` included, and the advice was to restore a backup it could not make.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from peewee import PostgresqlDatabase

from netrack.data import migrations, server_schema
from netrack.data import tables as t
from netrack.data.migrations import latest, postgres
from netrack.data.migrations import m002_follow_up_closure as m002
from netrack.data.migrations import m019_contact_name_keys as m019
from netrack.data.server import NEW_DATABASE, VERSION_TABLE, WRITE_LOCK, ServerAddress
from netrack.domain.errors import StorageError

FIX = "`netrack doctor --fix` makes its indexes and triggers netrack's again"

_TRIGGERS = (
    "SELECT g.tgname, t.relname, pg_get_triggerdef(g.oid), pg_get_functiondef(g.tgfoid) "
    "FROM pg_trigger AS g JOIN pg_class AS t ON t.oid = g.tgrelid "
    "JOIN pg_namespace AS n ON n.oid = t.relnamespace "
    "WHERE NOT g.tgisinternal AND n.nspname = current_schema()"
)
_INDEXES = (
    "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index AS x "
    "JOIN pg_class AS i ON i.oid = x.indexrelid JOIN pg_class AS t ON t.oid = x.indrelid "
    "JOIN pg_namespace AS n ON n.oid = t.relnamespace "
    "WHERE n.nspname = current_schema() AND t.relname <> %s "
    "AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = x.indexrelid)"
)
_COLUMNS = (
    "SELECT c.relname, a.attname FROM pg_attribute AS a "
    "JOIN pg_class AS c ON c.oid = a.attrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 "
    "AND NOT a.attisdropped AND c.relname <> %s ORDER BY c.relname, a.attnum"
)

# What the triggers keep, worked out again from the rows (as `doctor_mend._DERIVED` on
# SQLite): written while one was missing, the rows did not get it.
_DERIVED = (
    m002.BACKFILL,
    'UPDATE "interaction_contact" SET "on" = (SELECT "on" FROM "interaction" AS i '
    'WHERE i."id" = "interaction_contact"."interaction_id")',
    'UPDATE "interaction_contact" SET "meaningful" = '
    + postgres._OF_LINK.format(link='"interaction_contact"'),
)


@dataclass(frozen=True)
class Trigger:
    table: str
    function: str  # CREATE OR REPLACE FUNCTION …
    create: str  # CREATE TRIGGER …


class _RolledBack(Exception):
    """Ends the scratch schema's transaction: nothing of it may stay."""


def tables_as_made(db: PostgresqlDatabase, version: int) -> bool:
    """Whether the tables and their columns are netrack's for `version`: then only
    triggers and indexes can differ, and those `--fix` makes again."""
    expected, _indexes, _triggers = server_schema.expected(version)
    found: dict[str, list[str]] = {}
    for table, column in db.execute_sql(_COLUMNS, (VERSION_TABLE,)).fetchall():
        found.setdefault(str(table), []).append(str(column))
    return {name: tuple(columns) for name, columns in found.items()} == expected


def why_not_mend(db: PostgresqlDatabase) -> str | None:
    """Why this role cannot run `--fix` (None: it can): it must own netrack's tables
    (making a table's trigger or index again is its owner's), and may make the scratch
    schema `--fix` reads netrack's definitions from (CREATE on the database)."""
    tables = [model._meta.table_name for model in t.ALL_TABLES]
    creates, owns, owner = db.execute_sql(
        "SELECT has_database_privilege(current_database(), 'CREATE'), "
        "COALESCE(bool_and(pg_has_role(current_user, c.relowner, 'USAGE')), true), "
        "min(pg_get_userbyid(c.relowner)) FROM pg_class AS c "
        "JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY(%s)",
        (tables,),
    ).fetchone()
    if not owns:
        return (
            f"`netrack doctor --fix` is for the role that owns netrack's tables ({owner}): "
            "ask it to run it"
        )
    if not creates:
        return (
            "`doctor --fix` needs CREATE on the database (for a scratch schema it "
            "removes): ask the server's owner for it"
        )
    return None


def advice(db: PostgresqlDatabase, version: int) -> str:
    """What to do about a schema that is not netrack's: `doctor --fix` when the tables
    are (by the role that may run it), a new database otherwise."""
    if not version or not tables_as_made(db, version):
        return NEW_DATABASE
    why = why_not_mend(db)
    return FIX if why is None else f"{why}, or {NEW_DATABASE}"


@dataclass(frozen=True)
class Difference:
    """How the database's triggers and indexes differ, by name, from what netrack makes
    (as `server_schema` compares them): what to drop, what to make."""

    drop_triggers: list[tuple[str, str]]  # (name, table) of those another program added
    drop_indexes: list[str]
    rules: list[str]  # tables without the trigger that numbers their rows
    triggers: list[str]  # netrack's other triggers missing
    indexes: list[str]

    def words(self) -> list[str]:
        """What `--fix` would do, in words ("drop trigger my_audit", "create index …")."""
        return [
            *(f"drop trigger {name}" for name, _ in self.drop_triggers),
            *(f"drop index {name}" for name in self.drop_indexes),
            *(f"create the trigger that numbers {table}'s rows" for table in self.rules),
            *(f"create trigger {name}" for name in self.triggers),
            *(f"create index {name}" for name in self.indexes),
        ]


def difference(db: PostgresqlDatabase, version: int) -> Difference | None:
    """The triggers and indexes to drop and to make, read from the catalog by name alone
    (no scratch schema: plain `doctor` needs no more than to read); None when a table
    or a column differs, which is not netrack's to mend."""
    if not version or not tables_as_made(db, version):
        return None
    tables, indexes, triggers = server_schema.expected(version)
    have_triggers = {str(name): str(table) for name, table, *_ in db.execute_sql(_TRIGGERS)}
    have_indexes = {str(name) for name, _ in db.execute_sql(_INDEXES, (VERSION_TABLE,))}
    rule = server_schema.ID_RULE
    # The id rule is found by table, as `server_schema` checks it: a database made by
    # another path may name it otherwise.
    numbered = {t for n, t in have_triggers.items() if n.endswith(rule)}
    with_id = {name for name, columns in tables.items() if columns[:1] == ("id",)}
    return Difference(
        drop_triggers=[
            (name, table)
            for name, table in sorted(have_triggers.items())
            if name not in triggers and not (name.endswith(rule) and table in with_id)
        ],
        drop_indexes=sorted(have_indexes - indexes),
        rules=sorted(with_id - numbered),
        triggers=sorted(triggers - have_triggers.keys()),
        indexes=sorted(indexes - have_indexes),
    )


def planned(db: PostgresqlDatabase, version: int) -> list[str] | None:
    """What `--fix` would do, in words; None when it cannot (see `difference`)."""
    found = difference(db, version)
    return None if found is None else found.words()


def plan(db: PostgresqlDatabase, version: int) -> list[tuple[str, str]] | None:
    """`difference`'s statements, each with what it did in words (definitions of what
    to make taken from the scratch schema); None when a table or a column differs."""
    found = difference(db, version)
    if found is None:
        return None
    made, indexes = _made(db, version)
    rules = {m.table: m for name, m in made.items() if name.endswith(server_schema.ID_RULE)}
    steps = [
        (f'DROP TRIGGER "{n}" ON "{t}"', f"dropped trigger {n}") for n, t in found.drop_triggers
    ]
    steps += [(f'DROP INDEX "{name}"', f"dropped index {name}") for name in found.drop_indexes]
    for said, trigger in (
        *((f"the trigger that numbers {table}'s rows", rules[table]) for table in found.rules),
        *((f"trigger {name}", made[name]) for name in found.triggers),
    ):
        steps += [(trigger.function, ""), (trigger.create, f"created {said}")]
    steps += [(indexes[name], f"created index {name}") for name in found.indexes]
    return steps


def mend(db: PostgresqlDatabase, version: int) -> str:
    """Take `plan`'s steps in one transaction under the write lock, then redo what a
    missing trigger left undone; what was done, in words."""
    with db.atomic():
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        steps = plan(db, version) or []
        for statement, _words in steps:
            # Run with no parameters, where the driver still reads % as one (a
            # function's format('%I')).
            db.execute_sql(statement.replace("%", "%%"))
        if any(statement.startswith("CREATE TRIGGER") for statement, _ in steps):
            for statement in _DERIVED:
                db.execute_sql(statement)
            if version >= m019.SINCE:  # a renamed contact's folded name, as in Python
                m019.fill(db)
    return ", ".join(words for _, words in steps if words)


def _made(db: PostgresqlDatabase, version: int) -> tuple[dict[str, Trigger], dict[str, str]]:
    """The triggers (with their functions) and the indexes steps 1..`version` make, as
    the server writes them, for the database's own schema."""
    scratch = f"netrack_mend_{secrets.token_hex(6)}"
    triggers: dict[str, Trigger] = {}
    indexes: dict[str, str] = {}
    try:
        with db.atomic():
            db.execute_sql(f'CREATE SCHEMA "{scratch}"')
            db.execute_sql(f'SET LOCAL search_path TO "{scratch}"')
            with migrations.clock(None):
                for step in migrations.STEPS[:version]:
                    postgres.step(step)(db)
            here = f"{scratch}."
            for name, table, create, function in db.execute_sql(_TRIGGERS).fetchall():
                triggers[str(name)] = Trigger(
                    str(table), _unqualified(function, here), _unqualified(create, here)
                )
            for name, create in db.execute_sql(_INDEXES, (VERSION_TABLE,)).fetchall():
                indexes[str(name)] = _unqualified(create, here)
            raise _RolledBack
    except _RolledBack:
        pass
    return triggers, indexes


def _unqualified(sql: Any, schema: str) -> str:
    """A definition the server wrote for the scratch schema, for whichever schema runs it."""
    return str(sql).replace(schema, "")


def refuse_changed_triggers(db: PostgresqlDatabase, address: ServerAddress) -> None:
    """A database whose triggers are not netrack's is refused, as a SQLite file whose
    schema differs is: without them it would give wrong answers, not errors."""
    found = postgres.trigger_problem(db)
    if found:
        raise StorageError(
            f"{address} is not a netrack database (schema {latest()}): {found}; it was left "
            f"untouched; {advice(db, latest())}"
        )
