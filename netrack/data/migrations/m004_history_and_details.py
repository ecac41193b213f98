"""Schema 4 (SPEC revision 2): history kept exact, cadence, campaign details, loss reasons.

- `contact.keep_in_touch`: every how many days the user wants to be in touch (NULL: no
  cadence).
- `strength_change`: every change of a contact's strength with its date. Today's
  strengths become the first entry, dated the contact's met_on; `contact.strength` stays
  the current value (denormalised, kept in sync by the repository).
- `goal.since`: the first day a goal counts. The table is rebuilt (SQLite cannot add a
  NOT NULL column without a constant default, and a per-database default would make
  the schema differ between files); no foreign key points at it.
- `stage_change.reason`: the loss reason of a change into `lost` (SPEC's codes, or ""),
  copied from `campaign.lost_reason` onto the latest change into lost. The campaign
  column stays as the current loss's reason, denormalised like `stage`.
- `campaign.location`, `compensation`, `documents` (text) and `deadline` (date).
"""

from __future__ import annotations

from peewee import SqliteDatabase

from netrack.data import migrations

SCHEMA_4: tuple[str, ...] = (
    'ALTER TABLE "contact" ADD COLUMN "keep_in_touch" INTEGER',
    'CREATE TABLE "strength_change" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"contact_id" INTEGER NOT NULL, "on" DATE NOT NULL, "strength" INTEGER, '
    'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "strength_change_contact_id_on" ON "strength_change" ("contact_id", "on")',
    'ALTER TABLE "stage_change" ADD COLUMN "reason" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "campaign" ADD COLUMN "location" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "campaign" ADD COLUMN "compensation" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "campaign" ADD COLUMN "deadline" DATE',
    'ALTER TABLE "campaign" ADD COLUMN "documents" TEXT NOT NULL DEFAULT \'\'',
)

GOAL_TABLE = (
    'CREATE TABLE "goal_new" ("id" INTEGER NOT NULL PRIMARY KEY, "metric" VARCHAR(255) NOT NULL, '
    '"target" REAL NOT NULL, "comparator" VARCHAR(255) NOT NULL, "period" VARCHAR(255) NOT NULL, '
    '"note" TEXT NOT NULL, "since" DATE NOT NULL)'
)

# Every dated row a user writes: the earliest is where the data begins.
_DATED = (
    ('"contact"', '"met_on"'),
    ('"campaign"', '"opened_on"'),
    ('"stage_change"', '"on"'),
    ('"interaction"', '"on"'),
    ('"referral"', '"on"'),
    ('"time_entry"', '"on"'),
)

# The loss reasons SPEC revision 2 names; older free text maps onto them.
REASONS = ("rejected", "withdrawn", "hiring_freeze", "no_response", "other")


def reason_code(text: str) -> str:
    """A stored loss reason as one of REASONS ("" stays ""): older versions stored
    phrases such as "hiring freeze"; anything unknown is `other`."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    if not key:
        return ""
    return key if key in REASONS else "other"


def goals_since(db: SqliteDatabase) -> str:
    """The date existing goals count from: the database's creation, or the earliest
    data's date if that is earlier. No version of netrack stored the creation date, so
    the earliest dated row of any table stands for it; with no data at all (a new
    database) it is today (`migrations.today()`, the opener's clock)."""
    found = [
        db.execute_sql(f"SELECT MIN({column}) FROM {table}").fetchone()[0]
        for table, column in _DATED
    ]
    days = [str(value)[:10] for value in found if value]
    today = migrations.today().isoformat()
    return min([*days, today])


def _copy_lost_reasons(db: SqliteDatabase) -> None:
    rows = db.execute_sql(
        'SELECT "id", "stage", "lost_reason" FROM "campaign" WHERE "lost_reason" != \'\''
    ).fetchall()
    for campaign_id, stage, text in rows:
        code = reason_code(text)
        latest = db.execute_sql(
            'SELECT "id", "note" FROM "stage_change" WHERE "campaign_id" = ? '
            'AND "to_stage" = \'lost\' ORDER BY "on" DESC, "id" DESC LIMIT 1',
            (campaign_id,),
        ).fetchone()
        if latest is not None:
            change_id, note = latest
            # A phrase that is not a code is kept as the change's note when it has none.
            keep = text if code == "other" and text.strip().lower() != "other" else ""
            db.execute_sql(
                'UPDATE "stage_change" SET "reason" = ?, "note" = ? WHERE "id" = ?',
                (code, note or keep, change_id),
            )
        db.execute_sql(
            'UPDATE "campaign" SET "lost_reason" = ? WHERE "id" = ?',
            (code if stage == "lost" else "", campaign_id),
        )


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_4:
        db.execute_sql(statement)
    db.execute_sql(
        'INSERT INTO "strength_change" ("contact_id", "on", "strength") '
        'SELECT "id", "met_on", "strength" FROM "contact" WHERE "strength" IS NOT NULL '
        'ORDER BY "id"'
    )
    since = goals_since(db)
    db.execute_sql(GOAL_TABLE)
    db.execute_sql(
        'INSERT INTO "goal_new" ("id", "metric", "target", "comparator", "period", "note", '
        '"since") SELECT "id", "metric", "target", "comparator", "period", "note", ? '
        'FROM "goal" ORDER BY "id"',
        (since,),
    )
    db.execute_sql('DROP TABLE "goal"')
    db.execute_sql('ALTER TABLE "goal_new" RENAME TO "goal"')
    _copy_lost_reasons(db)
