"""Schema 2: remember when each follow-up was closed by a later interaction.

SPEC: a follow-up is done when marked done, or automatically on the date of the next
interaction with any of the same contacts dated after the origin. Computing that at read
time costs one index seek per follow-up ever made, so the scorecard slowed down as
history grew. This step stores the automatic closing date in
`interaction.follow_up_closed_on` and keeps it exact with triggers, so every writer —
the CLI, the TUI, the importers, another process — maintains it without having to know.
Triggers are SQLite's; on another database they would be repository code.
"""

from __future__ import annotations

from peewee import SqliteDatabase

# The closing date of interaction X: the earliest later touch of any of its contacts.
_CLOSURE = (
    '(SELECT MIN((SELECT MIN(n."on") FROM "interaction_contact" AS n '
    'WHERE n."contact_id" = l."contact_id" AND n."on" > l."on")) '
    'FROM "interaction_contact" AS l WHERE l."interaction_id" = {id})'
)

SCHEMA_2: tuple[str, ...] = (
    'ALTER TABLE "interaction" ADD COLUMN "follow_up_closed_on" DATE',
    'CREATE INDEX "interaction_follow_up_state" ON "interaction" '
    '("follow_up_on", "follow_up_done_on", "follow_up_closed_on")',
    # A new touch closes the contact's earlier open follow-ups, and the new
    # interaction's own follow-up may already be closed by later (backfilled) touches.
    'CREATE TRIGGER "follow_up_close_on_insert" AFTER INSERT ON "interaction_contact" BEGIN '
    'UPDATE "interaction" SET "follow_up_closed_on" = NEW."on" '
    'WHERE "follow_up_on" IS NOT NULL '
    'AND ("follow_up_closed_on" IS NULL OR "follow_up_closed_on" > NEW."on") '
    'AND "id" IN (SELECT "interaction_id" FROM "interaction_contact" '
    'WHERE "contact_id" = NEW."contact_id" AND "on" < NEW."on"); '
    'UPDATE "interaction" SET "follow_up_closed_on" = '
    + _CLOSURE.format(id='NEW."interaction_id"')
    + ' WHERE "id" = NEW."interaction_id" AND "follow_up_on" IS NOT NULL; END',
    # A removed touch can only reopen follow-ups it was the closing date of.
    'CREATE TRIGGER "follow_up_reopen_on_delete" AFTER DELETE ON "interaction_contact" BEGIN '
    'UPDATE "interaction" SET "follow_up_closed_on" = '
    + _CLOSURE.format(id='"interaction"."id"')
    + ' WHERE "follow_up_on" IS NOT NULL AND "follow_up_closed_on" = OLD."on" '
    'AND "id" IN (SELECT "interaction_id" FROM "interaction_contact" '
    'WHERE "contact_id" = OLD."contact_id"); END',
    'CREATE TRIGGER "follow_up_recompute_on_move" AFTER UPDATE OF "on", "contact_id" '
    'ON "interaction_contact" BEGIN '
    'UPDATE "interaction" SET "follow_up_closed_on" = '
    + _CLOSURE.format(id='"interaction"."id"')
    + ' WHERE "follow_up_on" IS NOT NULL AND "id" IN (SELECT "interaction_id" '
    'FROM "interaction_contact" WHERE "contact_id" IN (OLD."contact_id", NEW."contact_id")); END',
    # Moving an interaction to another day moves its touches with it.
    'CREATE TRIGGER "interaction_date_to_links" AFTER UPDATE OF "on" ON "interaction" BEGIN '
    'UPDATE "interaction_contact" SET "on" = NEW."on" WHERE "interaction_id" = NEW."id"; END',
    'CREATE TRIGGER "follow_up_set" AFTER UPDATE OF "follow_up_on" ON "interaction" '
    'WHEN NEW."follow_up_on" IS NOT NULL BEGIN '
    'UPDATE "interaction" SET "follow_up_closed_on" = '
    + _CLOSURE.format(id='NEW."id"')
    + ' WHERE "id" = NEW."id"; END',
)

BACKFILL = (
    'UPDATE "interaction" SET "follow_up_closed_on" = '
    + _CLOSURE.format(id='"interaction"."id"')
    + ' WHERE "follow_up_on" IS NOT NULL'
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_2:
        db.execute_sql(statement)
    db.execute_sql(BACKFILL)
