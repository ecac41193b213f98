"""The same migration steps, on PostgreSQL.

Each step's frozen SQL is SQLite's; `Translating` hands it to the server in
PostgreSQL's words (placeholders, types, an id rule), so steps 1, 3, 4, 5, 7 and 8 run
their own `upgrade` unchanged. Steps 2 and 6 are triggers, which PostgreSQL writes as a
function per trigger: their bodies are the SQLite triggers' statements (m002's
verbatim, m006's with CASE for IIF and IS DISTINCT FROM for IS NOT). Step 9 (kept
trend sums) is SQLite's alone and adds nothing here; step 11 is the server's alone (its
btree keys hold no free text) and changes nothing on SQLite; steps 12 and 13 fill
each record's uid with the md5 of the same text as SQLite's; step 14 gives the id rule
SQLite's AUTOINCREMENT memory (`postgres_ids`); step 18 makes its name indexes in forms
that hold a name of any length; step 19's trigger compares as the server does.

Kept exact on both engines:
- ids: a table's next id is its largest plus one, as SQLite gives it (a BEFORE INSERT
  trigger fills an id left NULL), past the largest ever deleted on the tables of
  schema 14 (`m014.KEPT_ID_TABLES`), so the same writes give the same ids everywhere
  and an export made on one engine reads back identically on the other;
- order: text columns compare byte-wise (COLLATE "C", SQLite's BINARY);
- booleans are BOOLEAN (Peewee writes True/False); VARCHAR(255) is TEXT (SQLite never
  enforced the length); whole cents are BIGINT, as wide as SQLite's INTEGER.
The schema version is the one row of `netrack_schema`; the whole upgrade runs in one
transaction under the write lock, like SQLite's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from peewee import DatabaseError, PostgresqlDatabase

from netrack.data import migrations
from netrack.data.migrations import m002_follow_up_closure as m002
from netrack.data.migrations import m006_meaningful_links as m006
from netrack.data.migrations import m011_server_text_keys as m011
from netrack.data.migrations import m012_record_uids as m012
from netrack.data.migrations import m013_named_uids as m013
from netrack.data.migrations import m018_namesake_lookups as m018
from netrack.data.migrations import m019_contact_name_keys as m019
from netrack.data.migrations.postgres_ids import SCHEMA_14, upgrade_ids
from netrack.domain.errors import StorageError

if TYPE_CHECKING:
    from netrack.data.server import ServerAddress

VERSION_TABLE = "netrack_schema"
WRITE_LOCK = 0x6E657472  # the same lock as `netrack.data.server.WRITE_LOCK`

NEXT_ID = (
    "CREATE FUNCTION netrack_next_id() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "EXECUTE format('SELECT COALESCE(MAX(id), 0) + 1 FROM %%I', TG_TABLE_NAME) INTO NEW.id; "
    "RETURN NEW; END $$"
)
_BOOLEANS = re.compile(r'("archived"|"meaningful") INTEGER NOT NULL(?! DEFAULT)')
_TRIGGER = re.compile(
    r'^CREATE TRIGGER "(?P<name>\w+)" (?P<event>.+?) (?:WHEN (?P<when>.+?) )?BEGIN (?P<body>.+); END$',
    re.DOTALL,
)


def translate(sql: str) -> str:
    """One SQLite statement of a migration in PostgreSQL's words."""
    sql = sql.replace("?", "%s")
    sql = _BOOLEANS.sub(r"\1 BOOLEAN NOT NULL", sql)
    sql = sql.replace("VARCHAR(255)", "TEXT").replace(" REAL ", " DOUBLE PRECISION ")
    # Whole cents of up to a billion (`validate.MAX_COST`) outgrow a 32-bit INTEGER;
    # SQLite's INTEGER is 64-bit.
    sql = sql.replace('"cost_cents" INTEGER', '"cost_cents" BIGINT')
    sql = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql)
    return sql


def trigger(statement: str) -> tuple[str, str]:
    """A SQLite `CREATE TRIGGER … BEGIN …; END` as a PostgreSQL function and trigger."""
    found = _TRIGGER.match(statement)
    if found is None:
        raise ValueError(f"not a trigger: {statement[:60]}")
    name, event, when, body = found["name"], found["event"], found["when"], found["body"]
    if when:
        body = f"IF {when} THEN {body}; END IF"
    function = (
        f'CREATE FUNCTION "netrack_{name}"() RETURNS trigger LANGUAGE plpgsql AS $$ '
        f"BEGIN {body}; RETURN NULL; END $$"
    )
    return function, (
        f'CREATE TRIGGER "{name}" {event} FOR EACH ROW EXECUTE FUNCTION "netrack_{name}"()'
    )


class Translating:
    """The database as a migration step sees it: SQLite's statements, run in
    PostgreSQL's words; a new table with an integer id gets the id rule."""

    def __init__(self, db: PostgresqlDatabase) -> None:
        self.db = db

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        cursor = self.db.execute_sql(translate(sql), params)
        created = re.match(r'CREATE TABLE "(\w+)" \("id" INTEGER NOT NULL PRIMARY KEY', sql)
        if created:
            table = created[1]
            self.db.execute_sql(
                f'CREATE TRIGGER "{table}_next_id" BEFORE INSERT ON "{table}" FOR EACH ROW '
                "WHEN (NEW.id IS NULL) EXECUTE FUNCTION netrack_next_id()"
            )
        return cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)


def _m001(db: PostgresqlDatabase) -> None:
    from netrack.data.migrations import m001_initial

    db.execute_sql(NEXT_ID)
    m001_initial.upgrade(Translating(db))  # type: ignore[arg-type]


def _m002(db: PostgresqlDatabase) -> None:
    run = Translating(db)
    for statement in m002.SCHEMA_2:
        if statement.startswith("CREATE TRIGGER"):
            for part in trigger(statement):
                db.execute_sql(part)
        else:
            run.execute_sql(statement)
    db.execute_sql(m002.BACKFILL)


# m006 in PostgreSQL's words: the link's flag is BOOLEAN, so "meaningful" is the
# condition itself (SQLite's IIF(…, 1, 0)), and null-safe inequality is IS DISTINCT FROM.
_MEANINGFUL = '({i}."meaningful" OR TRIM({i}."value_received") != \'\')'
_OF_LINK = (
    "(SELECT " + _MEANINGFUL.format(i="i") + ' FROM "interaction" AS i '
    'WHERE i."id" = {link}."interaction_id")'
)
_SET_LINK = (
    'IF NEW."meaningful" IS DISTINCT FROM ' + _OF_LINK.format(link="NEW") + " THEN "
    'UPDATE "interaction_contact" SET "meaningful" = '
    + _OF_LINK.format(link="NEW")
    + ' WHERE "id" = NEW."id"; END IF'
)
SCHEMA_6_TRIGGERS = {
    "link_meaningful_on_insert": ('AFTER INSERT ON "interaction_contact"', _SET_LINK),
    "link_meaningful_on_move": (
        'AFTER UPDATE OF "interaction_id" ON "interaction_contact"',
        _SET_LINK,
    ),
    "interaction_meaningful_to_links": (
        'AFTER UPDATE OF "meaningful", "value_received" ON "interaction"',
        'UPDATE "interaction_contact" SET "meaningful" = '
        + _MEANINGFUL.format(i="NEW")
        + ' WHERE "interaction_id" = NEW."id" AND "meaningful" IS DISTINCT FROM '
        + _MEANINGFUL.format(i="NEW"),
    ),
}


def _m006(db: PostgresqlDatabase) -> None:
    db.execute_sql(
        'ALTER TABLE "interaction_contact" ADD COLUMN "meaningful" BOOLEAN NOT NULL DEFAULT false'
    )
    for statement in m006.SCHEMA_6[1:]:
        if not statement.startswith("CREATE TRIGGER"):
            db.execute_sql(statement)
    for name, (event, body) in SCHEMA_6_TRIGGERS.items():
        db.execute_sql(
            f'CREATE FUNCTION "netrack_{name}"() RETURNS trigger LANGUAGE plpgsql AS $$ '
            f"BEGIN {body}; RETURN NULL; END $$"
        )
        db.execute_sql(
            f'CREATE TRIGGER "{name}" {event} FOR EACH ROW EXECUTE FUNCTION "netrack_{name}"()'
        )
    db.execute_sql(
        'UPDATE "interaction_contact" SET "meaningful" = '
        + _OF_LINK.format(link='"interaction_contact"')
    )


def _m009(db: PostgresqlDatabase) -> None:
    """Nothing: the kept trend sums are SQLite's (see m009); a server's card reads the
    rows, and no trigger function runs for every row an import writes."""


def _m011(db: PostgresqlDatabase) -> None:
    """Free text out of the btree keys (see m011): SQLite's step changes nothing."""
    for statement in m011.SERVER_SCHEMA_11:
        db.execute_sql(statement)


def _m012(db: PostgresqlDatabase) -> None:
    """Each record's uid (see m012): the md5 of the same text SQLite's step hashes, so a
    history upgrades to the same uids on either engine."""
    _add_uids(db, m012.RECORD_TABLES, m012.ADD_COLUMNS, m012.UNIQUE_INDEXES, m012.canonical)


def _m013(db: PostgresqlDatabase) -> None:
    """Each organization's, contact's and campaign's uid (see m013): the md5 of the same
    "table|id" text as SQLite's."""
    _add_uids(db, m013.NAMED_TABLES, m013.ADD_COLUMNS, m013.UNIQUE_INDEXES, m013.canonical)


def _add_uids(
    db: PostgresqlDatabase,
    tables: tuple[str, ...],
    add_columns: tuple[str, ...],
    unique_indexes: tuple[str, ...],
    canonical: Callable[..., str],
) -> None:
    """Each of `tables` given its uid column, filled with the md5 of the same text as
    SQLite's step hashes (`m012.add_uids`), then its unique index."""
    run = Translating(db)
    for table, add, index in zip(tables, add_columns, unique_indexes, strict=True):
        run.execute_sql(add)
        db.execute_sql(f'UPDATE "{table}" SET "uid" = md5({canonical(table, server=True)})')
        run.execute_sql(index)


def _m018(db: PostgresqlDatabase) -> None:
    """The namesake lookups' indexes in forms that hold a name of any length (see m018)."""
    for statement in m018.SERVER_SCHEMA_18:
        db.execute_sql(statement)


def _m019(db: PostgresqlDatabase) -> None:
    """Each contact's folded name (see m019): the column and its index as SQLite's, the
    trigger with the server's null-safe comparisons, the keys worked out in Python."""
    run = Translating(db)
    for statement in m019.SCHEMA_19:
        if not statement.startswith("CREATE TRIGGER"):
            run.execute_sql(statement)
    for part in trigger(m019.SERVER_TRIGGER_19):
        db.execute_sql(part)
    m019.fill(db)


_OWN: dict[str, Callable[[PostgresqlDatabase], None]] = {
    "m001_initial": _m001,
    "m002_follow_up_closure": _m002,
    "m006_meaningful_links": _m006,
    "m009_trend_sums": _m009,
    "m011_server_text_keys": _m011,
    "m012_record_uids": _m012,
    "m013_named_uids": _m013,
    "m014_kept_ids": upgrade_ids,
    "m018_namesake_lookups": _m018,
    "m019_contact_name_keys": _m019,
}


def step(name: str | migrations.Step) -> Callable[[PostgresqlDatabase], None]:
    """The step `name` for PostgreSQL: its own function, or the SQLite step translated."""
    if callable(name):
        return name  # type: ignore[return-value]
    if name in _OWN:
        return _OWN[name]
    sqlite_step = migrations._step(name)
    return lambda db: sqlite_step(Translating(db))  # type: ignore[arg-type]


def _version(db: PostgresqlDatabase) -> int | None:
    """The schema version, or None when the version table is missing."""
    found = db.execute_sql("SELECT to_regclass(%s) IS NOT NULL", (VERSION_TABLE,)).fetchone()
    if not found[0]:
        return None
    row = db.execute_sql(f'SELECT "version" FROM "{VERSION_TABLE}"').fetchone()
    return int(row[0]) if row else 0


def _has_tables(db: PostgresqlDatabase) -> bool:
    row = db.execute_sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchone()
    return bool(row[0])


# Where the search path finds the version table, and where netrack would write: the
# schema an unqualified CREATE or INSERT goes to is the first one that exists.
_PLACED = (
    "SELECT (SELECT n.nspname FROM pg_class AS c JOIN pg_namespace AS n "
    "ON n.oid = c.relnamespace WHERE c.oid = to_regclass(%s)), current_schema(), current_user"
)


def _refuse_misplaced(db: PostgresqlDatabase, address: object) -> None:
    """Refuse a database whose netrack tables the search path reaches only past another
    schema: an empty schema named after the role, which PostgreSQL's default search path
    (`"$user", public`) puts first, or a client's schema before `public`. Reads would
    find netrack's tables and writes would make new ones in the first schema, and every
    check of the schema looks there: it said "not a netrack database"."""
    home, first, role = db.execute_sql(_PLACED, (VERSION_TABLE,)).fetchone()
    if home is None or first is None or home == first:
        return
    why = (
        " (named after the role, which PostgreSQL's default search path "
        '"$user", public puts first)'
        if first == role
        else ""
    )
    raise StorageError(
        f"{address}: netrack's tables are in schema {home}, but the first schema on the "
        f"search path is {first}{why}; put {home} first (PGOPTIONS='-c search_path={home}') "
        f"or drop the schema {first} if it is empty — nothing was changed"
    )


def _refuse_unwritable(db: PostgresqlDatabase, address: ServerAddress) -> None:
    """StorageError naming what stops the role making netrack's tables in a new database
    (no CREATE on the schema, a read-only database): the server's own "permission denied
    for schema public" named neither CREATE nor what to do. (An older schema's failed
    step says what the server refused, ownership of a table included.)"""
    from netrack.data.server_rights import write_obstacle

    _role, obstacle = write_obstacle(db, address)
    if obstacle:
        raise StorageError(f"{obstacle.what}: {obstacle.fix}")


def check(db: PostgresqlDatabase, address: object) -> int:
    """The database's schema version; refused when it is not netrack's or is newer, or
    when its tables are not in the schema netrack would write to."""
    _refuse_misplaced(db, address)
    version = _version(db)
    if version is None:
        if _has_tables(db):
            raise StorageError(
                f"{address} is not a netrack database (it has tables but no "
                f"{VERSION_TABLE}); it was left untouched (give --db an empty database)"
            )
        return 0
    if version > migrations.latest():
        raise StorageError(
            f"{address} was written by a newer netrack (schema {version}, this one knows "
            f"{migrations.latest()}); upgrade netrack to open it — nothing was changed"
        )
    return version


# The triggers steps 2 and 6 make (the same words on both engines), and the id rule each
# table with an id has (`Translating`): what a command checks as it opens a database.
_TRIGGERS = frozenset(
    re.findall(r'CREATE TRIGGER "(\w+)"', " ".join((*m002.SCHEMA_2, *m006.SCHEMA_6)))
)
_TRIGGERS_14 = frozenset(re.findall(r'CREATE TRIGGER "(\w+)"', " ".join(SCHEMA_14)))
_TRIGGERS_19 = frozenset(re.findall(r'CREATE TRIGGER "(\w+)"', m019.SERVER_TRIGGER_19))


def _required_triggers() -> frozenset[str]:
    """The triggers of the steps this netrack runs (a test may cut them short)."""
    names = {migrations._name(step) for step in migrations.STEPS}
    return (
        _TRIGGERS
        | (_TRIGGERS_14 if "m014_kept_ids" in names else frozenset())
        | (_TRIGGERS_19 if "m019_contact_name_keys" in names else frozenset())
    )


_FIRED = (
    "SELECT g.tgname, t.relname FROM pg_trigger AS g JOIN pg_class AS t ON t.oid = g.tgrelid "
    "JOIN pg_namespace AS n ON n.oid = t.relnamespace "
    "WHERE NOT g.tgisinternal AND n.nspname = current_schema() "
    "UNION ALL SELECT NULL, c.relname FROM pg_attribute AS a "
    "JOIN pg_class AS c ON c.oid = a.attrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace "
    "WHERE a.attname = 'id' AND NOT a.attisdropped AND c.relkind = 'r' "
    "AND n.nspname = current_schema()"
)


def trigger_problem(db: PostgresqlDatabase) -> str | None:
    """The first trigger of netrack's a database lacks, in words (None: all there): one
    catalog query, so every command can afford it. Without one a row goes unnumbered or
    a follow-up stays open: wrong answers, not errors. (`doctor` checks everything.)"""
    fired: set[str] = set()
    numbered: set[str] = set()  # tables with an id rule (named after the table as made)
    with_id: list[str] = []
    for name, table in db.execute_sql(_FIRED).fetchall():
        if name is None:
            with_id.append(str(table))
        else:
            fired.add(str(name))
            if str(name).endswith("_next_id"):
                numbered.add(str(table))
    for table in sorted(with_id):
        if table not in numbered:
            return f"table {table}: the trigger that numbers its rows is missing"
    missing = _required_triggers() - fired
    if missing:
        return f"trigger {min(missing)} is missing"
    return None


def _widen_cost(db: PostgresqlDatabase) -> None:
    """A server database made while whole cents were a 32-bit INTEGER there (before
    `translate` wrote BIGINT) widened once, under the write lock. A role that may not
    alter the table leaves it as it was: costs over ~$21.5M are refused there, in a line."""
    # From the catalog, not information_schema: its views cost the server ~6 ms a
    # query, and this one runs each time a command opens the database.
    found = db.execute_sql(
        "SELECT a.atttypid = 'integer'::regtype FROM pg_attribute AS a "
        "WHERE a.attrelid = to_regclass(quote_ident(current_schema()) || '.interaction') "
        "AND a.attname = 'cost_cents' AND NOT a.attisdropped"
    ).fetchone()
    if not found or not found[0]:
        return
    try:
        with db.atomic():
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            db.execute_sql('ALTER TABLE "interaction" ALTER COLUMN "cost_cents" TYPE BIGINT')
    except DatabaseError:
        pass  # not the table's owner


def upgrade(
    db: PostgresqlDatabase, address: ServerAddress, today: Callable[[], date] | None = None
) -> int:
    """Bring the database to the latest schema in one transaction under the write lock;
    returns the version it was at. A failing step rolls everything back."""
    if check(db, address) == migrations.latest():
        _widen_cost(db)
        return migrations.latest()
    if _version(db) is None:
        _refuse_unwritable(db, address)
    with migrations.clock(today), db.atomic():
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        version = check(db, address)  # read again under the lock
        if version == migrations.latest():
            return version
        if _version(db) is None:
            db.execute_sql(f'CREATE TABLE "{VERSION_TABLE}" ("version" INTEGER NOT NULL)')
            db.execute_sql(f'INSERT INTO "{VERSION_TABLE}" VALUES (0)')
        index = version
        try:
            for index in range(version, migrations.latest()):
                with db.atomic():
                    step(migrations.STEPS[index])(db)
        except Exception as error:
            raise StorageError(
                f"upgrading {address} from schema {version} to {migrations.latest()} failed "
                f"at step {index + 1} ({migrations._name(migrations.STEPS[index])}: "
                f"{str(error).splitlines()[0]}); the database was left as it was"
            ) from None
        db.execute_sql(f'UPDATE "{VERSION_TABLE}" SET "version" = %s', (migrations.latest(),))
    return version
