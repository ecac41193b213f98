"""Schema 14 on PostgreSQL (see m014_kept_ids): the id rule remembers the largest id
each of m014's tables ever deleted, in `ID_HIGH_TABLE`."""

from __future__ import annotations

from peewee import PostgresqlDatabase

from netrack.data.migrations.m014_kept_ids import KEPT_ID_TABLES

ID_HIGH_TABLE = "netrack_id_high"
ID_HIGH_COLUMNS = ("name", "high")
KEPT_ID_TRIGGER = "{table}_keeps_high_id"
SCHEMA_14: tuple[str, ...] = (
    f'CREATE TABLE "{ID_HIGH_TABLE}" ("name" TEXT COLLATE "C" NOT NULL PRIMARY KEY, '
    '"high" BIGINT NOT NULL)',
    "CREATE OR REPLACE FUNCTION netrack_next_id() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    'EXECUTE format(\'SELECT GREATEST(COALESCE(MAX(id), 0), COALESCE((SELECT "high" FROM '
    f'"{ID_HIGH_TABLE}" WHERE "name" = %%L), 0)) + 1 FROM %%I\', TG_TABLE_NAME, TG_TABLE_NAME) '
    "INTO NEW.id; RETURN NEW; END $$",
    # Once per DELETE statement, from the rows it took (a transition table): a cascade
    # of thousands of links costs one upsert, not one each.
    "CREATE FUNCTION netrack_keep_high_id() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f'INSERT INTO "{ID_HIGH_TABLE}" ("name", "high") SELECT TG_TABLE_NAME, MAX(id) FROM gone '
    'HAVING MAX(id) IS NOT NULL ON CONFLICT ("name") DO UPDATE SET "high" = '
    f'GREATEST("{ID_HIGH_TABLE}"."high", EXCLUDED."high"); RETURN NULL; END $$',
    *(
        f'CREATE TRIGGER "{KEPT_ID_TRIGGER.format(table=table)}" AFTER DELETE ON "{table}" '
        "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION netrack_keep_high_id()"
        for table in KEPT_ID_TABLES
    ),
)


def upgrade_ids(db: PostgresqlDatabase) -> None:
    """Step 14 on a server: an id deleted is never given again (see m014).

    Not a version bump alone: netrack's id rule here is no sequence but the trigger of
    `postgres.NEXT_ID`, which numbered a row after the largest id left, as SQLite did,
    so a server reused a deleted id too. Now it also reads the largest id each of
    m014's tables ever deleted, kept in one row per table and transactionally (a
    rolled-back delete keeps nothing, as SQLite's `sqlite_sequence`), so both engines
    still give the same ids for the same writes. Rows deleted before this step are not
    known, as on SQLite. No table is rebuilt: a server changes a function in place."""
    for statement in SCHEMA_14:
        db.execute_sql(statement)
