"""Schema 14: an id a user saw is never given to another record.

A table whose id is a plain INTEGER PRIMARY KEY numbers a new row after the largest id
it holds, so deleting the newest interaction gave its id to the next one logged, and
`netrack interaction delete 2` typed twice (a shell's history, a script) deleted a
second, different record; a goal, a contact, a campaign alike. SQLite's AUTOINCREMENT
numbers a new row after the largest id the table *ever* held (kept in
`sqlite_sequence`), so each table whose ids a user sees (lists, JSON outputs) or types
(`interaction delete ID`, `@id:N`) is rebuilt with it: `KEPT_ID_TABLES`. The link
tables (a contact's tags, a campaign's and an interaction's people) keep their ids
inside the database and stay as they are: rebuilding them costs the upgrade the most
rows for nothing a user could tell.

SQLite cannot change a column's definition in place, so each table goes through its
documented rebuild (sqlite.org/lang_altertable.html, "other kinds of table schema
changes"): a new table made from the frozen SQL below, every row copied with its id, the
old one dropped, the new one renamed to its name, then every index and trigger that
lived on the table made again from the very SQL `sqlite_master` held for it. The rows
keep their ids, and copying them leaves each table's `sqlite_sequence` at its largest
id: an id deleted *before* this upgrade, above the largest left, is known to no file
and may still be given once more (nothing can tell it now).

Dropping a table that rows point at deletes those rows through their ON DELETE CASCADE
when foreign keys are on, so the step refuses to run with them on: `migrate.upgrade`
turns them off outside its transaction (the pragma cannot change inside one) and
checks every key before it commits. A new database runs this step too (after step 1's
plain tables), so every file, old or new, ends with the same schema.

PostgreSQL numbers rows with its own id rule (`migrations.postgres`), which this step
teaches the same memory there.
"""

from __future__ import annotations

from peewee import SqliteDatabase

# Each table's CREATE statement at schema 14: schema 13's (the columns later steps
# added at the end, where they are) with an id that is never given twice.
SCHEMA_14: dict[str, str] = {
    "organization": 'CREATE TABLE "organization" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(255) NOT NULL, "name_key" VARCHAR(255) NOT NULL, "industry" VARCHAR(255) NOT NULL, "size_band" VARCHAR(255) NOT NULL, "location" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL, "uid" TEXT)',
    "contact": 'CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(255) NOT NULL, "organization_id" INTEGER, "title" VARCHAR(255) NOT NULL, "function" VARCHAR(255) NOT NULL, "industry" VARCHAR(255) NOT NULL, "location" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "url" VARCHAR(255) NOT NULL, "channel" VARCHAR(255), "met_on" DATE NOT NULL, "introduced_by_id" INTEGER, "strength" INTEGER, "notes" TEXT NOT NULL, "archived" INTEGER NOT NULL, "keep_in_touch" INTEGER, "uid" TEXT, FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE SET NULL, FOREIGN KEY ("introduced_by_id") REFERENCES "contact" ("id") ON DELETE SET NULL)',
    "campaign": 'CREATE TABLE "campaign" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "title" VARCHAR(255) NOT NULL, "organization_id" INTEGER NOT NULL, "source" VARCHAR(255), "priority" INTEGER, "url" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL, "opened_on" DATE NOT NULL, "stage" VARCHAR(255) NOT NULL, "stage_since" DATE NOT NULL, "lost_reason" VARCHAR(255) NOT NULL, "location" VARCHAR(255) NOT NULL DEFAULT \'\', "compensation" VARCHAR(255) NOT NULL DEFAULT \'\', "deadline" DATE, "documents" TEXT NOT NULL DEFAULT \'\', "uid" TEXT, FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT)',
    "stage_change": 'CREATE TABLE "stage_change" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "campaign_id" INTEGER NOT NULL, "from_stage" VARCHAR(255), "to_stage" VARCHAR(255) NOT NULL, "on" DATE NOT NULL, "note" TEXT NOT NULL, "reason" VARCHAR(255) NOT NULL DEFAULT \'\', FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE)',
    "strength_change": 'CREATE TABLE "strength_change" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "contact_id" INTEGER NOT NULL, "on" DATE NOT NULL, "strength" INTEGER, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    "interaction": 'CREATE TABLE "interaction" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "on" DATE NOT NULL, "kind" VARCHAR(255) NOT NULL, "minutes" INTEGER NOT NULL, "campaign_id" INTEGER, "meaningful" INTEGER NOT NULL, "value_received" TEXT NOT NULL, "value_given" TEXT NOT NULL, "cost_cents" INTEGER NOT NULL, "follow_up_on" DATE, "follow_up_done_on" DATE, "note" TEXT NOT NULL, "follow_up_closed_on" DATE, "logged_on" DATE, "uid" TEXT, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE SET NULL)',
    "referral": 'CREATE TABLE "referral" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "contact_id" INTEGER NOT NULL, "direction" VARCHAR(255) NOT NULL, "on" DATE NOT NULL, "campaign_id" INTEGER, "note" TEXT NOT NULL, "uid" TEXT, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE SET NULL)',
    "time_entry": 'CREATE TABLE "time_entry" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "on" DATE NOT NULL, "minutes" INTEGER NOT NULL, "category" VARCHAR(255) NOT NULL, "campaign_id" INTEGER, "note" TEXT NOT NULL, "uid" TEXT, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE SET NULL)',
    "goal": 'CREATE TABLE "goal" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "metric" VARCHAR(255) NOT NULL, "target" REAL NOT NULL, "comparator" VARCHAR(255) NOT NULL, "period" VARCHAR(255) NOT NULL, "note" TEXT NOT NULL, "since" DATE NOT NULL)',
}  # fmt: skip

KEPT_ID_TABLES = tuple(SCHEMA_14)

# The name a table is made under before its old self is dropped (no table of netrack's
# ends so).
_BUILDING = "{table}_rebuilt"


def rebuild(db: SqliteDatabase, table: str) -> None:
    """`table` made again from its SCHEMA_14 statement, its rows, indexes and triggers
    kept (SQLite's documented rebuild; foreign keys are off, see the docstring)."""
    building = _BUILDING.format(table=table)
    created = SCHEMA_14[table].replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{building}"', 1)
    # Read before the drop, which takes them with the table (a UNIQUE or PRIMARY KEY's
    # own index has no SQL: the new table makes it).
    attached = db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type, name",
        (table,),
    ).fetchall()
    db.execute_sql(created)
    columns = ", ".join(
        f'"{name}"' for _, name, *_ in db.execute_sql(f'PRAGMA table_info("{building}")')
    )
    db.execute_sql(f'INSERT INTO "{building}" ({columns}) SELECT {columns} FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    # Triggers on other tables name this one (a touch closes an interaction's follow-up):
    # a rename checks every trigger and refused them while the table was gone. The
    # legacy rename touches this table's name alone, which is all this needs (the keys
    # pointing here already name `table`).
    db.execute_sql("PRAGMA legacy_alter_table = ON")
    try:
        db.execute_sql(f'ALTER TABLE "{building}" RENAME TO "{table}"')
    finally:
        db.execute_sql("PRAGMA legacy_alter_table = OFF")
    for (sql,) in attached:
        db.execute_sql(sql)


def upgrade(db: SqliteDatabase) -> None:
    (enforced,) = db.execute_sql("PRAGMA foreign_keys").fetchone()
    if enforced:
        raise RuntimeError("rebuilding a table needs foreign keys off (see m014_kept_ids)")
    for table in KEPT_ID_TABLES:
        rebuild(db, table)
