"""Schema 6: the scorecard's long reads answered from indexes alone.

- `interaction_contact.meaningful`: whether the link's interaction is meaningful (its
  flag set, or `value_received` not blank after TRIM), kept exact by triggers as m002
  keeps `follow_up_closed_on`, so every writer maintains it without knowing. A year
  card's trend counts the distinct contacts with a meaningful interaction on each of
  twelve years of days; joining ~35,000 meaningful interactions to their links was
  most of that read. With the flag on the link, the partial index
  `interaction_contact_meaningful` holds exactly the meaningful links in date order,
  and the trend reads it alone. The column is derived: exports leave it out (it is not
  a field of the Peewee model), and importers never write it.
- `interaction_scorecard` also covers `value_given`: a long card's own early days are
  summed (m003's index lacked it, so each row was looked up in the table), and the
  detailed window reads "value given" in the same pass as the rest.
- `interaction_face_to_face`: the interactions that count as face to face (in person
  or video, linked to a campaign), by date: the trend counts them without reading the
  other ~95,000 of five years.
- `time_entry_scorecard` ("on", category, minutes, campaign_id) replaces the index on
  `on` alone, of which it is an extension: the trend's and the period's sums of time
  come from the index alone.
"""

from __future__ import annotations

from peewee import SqliteDatabase

# Whether interaction `{i}` (a row alias or NEW/OLD) is meaningful, as 0 or 1: the
# definition the trend read in SQL before this step, blank meaning blank after TRIM.
_MEANINGFUL = 'IIF({i}."meaningful" OR TRIM({i}."value_received") != \'\', 1, 0)'
_OF_LINK = (
    "(SELECT " + _MEANINGFUL.format(i="i") + ' FROM "interaction" AS i '
    'WHERE i."id" = {link}."interaction_id")'
)

# SPEC's face-to-face campaign interactions; the trend's query repeats it word for word
# (SQLite uses a partial index only for a query whose WHERE holds the index's terms).
FACE_TO_FACE = "\"kind\" IN ('in_person', 'video') AND \"campaign_id\" IS NOT NULL"

SCHEMA_6: tuple[str, ...] = (
    'ALTER TABLE "interaction_contact" ADD COLUMN "meaningful" INTEGER NOT NULL DEFAULT 0',
    'CREATE INDEX "interaction_contact_meaningful" ON "interaction_contact" '
    '("on", "contact_id", "meaningful") WHERE "meaningful"',
    # A new link, or one moved to another interaction, takes its interaction's value;
    # written only when the column's default is wrong (an import of a hundred thousand
    # links rewrites the meaningful third, not every row).
    'CREATE TRIGGER "link_meaningful_on_insert" AFTER INSERT ON "interaction_contact" '
    'WHEN NEW."meaningful" IS NOT ' + _OF_LINK.format(link="NEW") + " BEGIN "
    'UPDATE "interaction_contact" SET "meaningful" = '
    + _OF_LINK.format(link="NEW")
    + ' WHERE "id" = NEW."id"; END',
    'CREATE TRIGGER "link_meaningful_on_move" AFTER UPDATE OF "interaction_id" '
    'ON "interaction_contact" '
    'WHEN NEW."meaningful" IS NOT ' + _OF_LINK.format(link="NEW") + " BEGIN "
    'UPDATE "interaction_contact" SET "meaningful" = '
    + _OF_LINK.format(link="NEW")
    + ' WHERE "id" = NEW."id"; END',
    # An interaction whose flag or value received changes: its links follow.
    'CREATE TRIGGER "interaction_meaningful_to_links" AFTER UPDATE OF "meaningful", '
    '"value_received" ON "interaction" BEGIN '
    'UPDATE "interaction_contact" SET "meaningful" = '
    + _MEANINGFUL.format(i="NEW")
    + ' WHERE "interaction_id" = NEW."id" AND "meaningful" IS NOT '
    + _MEANINGFUL.format(i="NEW")
    + "; END",
    'DROP INDEX "interaction_scorecard"',
    'CREATE INDEX "interaction_scorecard" ON "interaction" ("on", "kind", "minutes", '
    '"campaign_id", "meaningful", "cost_cents", "value_received", "value_given")',
    # The trend's face-to-face campaign interactions, counted per day from this alone.
    'CREATE INDEX "interaction_face_to_face" ON "interaction" ("on") WHERE ' + FACE_TO_FACE,
    'DROP INDEX "time_entry_on"',
    'CREATE INDEX "time_entry_scorecard" ON "time_entry" '
    '("on", "category", "minutes", "campaign_id")',
)

BACKFILL = 'UPDATE "interaction_contact" SET "meaningful" = ' + _OF_LINK.format(
    link='"interaction_contact"'
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_6:
        db.execute_sql(statement)
    db.execute_sql(BACKFILL)
