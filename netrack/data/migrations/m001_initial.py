"""Schema 1: every table, its indexes, and the default goals of a new database.

The SQL is frozen here (not generated from today's models) so this step creates exactly
schema 1 forever; later changes are later steps.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SCHEMA_1: tuple[str, ...] = (
    'CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "organization" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "name_key" VARCHAR(255) NOT NULL, "industry" VARCHAR(255) NOT NULL, "size_band" VARCHAR(255) NOT NULL, "location" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "organization_name_key" ON "organization" ("name_key")',
    'CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "organization_id" INTEGER, "title" VARCHAR(255) NOT NULL, "function" VARCHAR(255) NOT NULL, "industry" VARCHAR(255) NOT NULL, "location" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "url" VARCHAR(255) NOT NULL, "channel" VARCHAR(255), "met_on" DATE NOT NULL, "introduced_by_id" INTEGER, "strength" INTEGER, "notes" TEXT NOT NULL, "archived" INTEGER NOT NULL, FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE SET NULL, FOREIGN KEY ("introduced_by_id") REFERENCES "contact" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "contact_name" ON "contact" ("name")',
    'CREATE INDEX "contact_organization_id" ON "contact" ("organization_id")',
    'CREATE INDEX "contact_email" ON "contact" ("email")',
    'CREATE INDEX "contact_url" ON "contact" ("url")',
    'CREATE INDEX "contact_met_on" ON "contact" ("met_on")',
    'CREATE INDEX "contact_introduced_by_id" ON "contact" ("introduced_by_id")',
    'CREATE TABLE "contact_tag" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "tag" VARCHAR(255) NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "contact_tag_contact_id" ON "contact_tag" ("contact_id")',
    'CREATE UNIQUE INDEX "contact_tag_contact_id_tag" ON "contact_tag" ("contact_id", "tag")',
    'CREATE TABLE "campaign" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(255) NOT NULL, "organization_id" INTEGER NOT NULL, "source" VARCHAR(255), "priority" INTEGER, "url" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL, "opened_on" DATE NOT NULL, "stage" VARCHAR(255) NOT NULL, "stage_since" DATE NOT NULL, "lost_reason" VARCHAR(255) NOT NULL, FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "campaign_organization_id" ON "campaign" ("organization_id")',
    'CREATE INDEX "campaign_stage" ON "campaign" ("stage")',
    'CREATE TABLE "campaign_contact" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER NOT NULL, "contact_id" INTEGER NOT NULL, "role" VARCHAR(255), FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "campaign_contact_campaign_id" ON "campaign_contact" ("campaign_id")',
    'CREATE INDEX "campaign_contact_contact_id" ON "campaign_contact" ("contact_id")',
    'CREATE UNIQUE INDEX "campaign_contact_campaign_id_contact_id" ON "campaign_contact" ("campaign_id", "contact_id")',
    'CREATE TABLE "stage_change" ("id" INTEGER NOT NULL PRIMARY KEY, "campaign_id" INTEGER NOT NULL, "from_stage" VARCHAR(255), "to_stage" VARCHAR(255) NOT NULL, "on" DATE NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "stage_change_campaign_id" ON "stage_change" ("campaign_id")',
    'CREATE INDEX "stage_change_campaign_id_on" ON "stage_change" ("campaign_id", "on")',
    'CREATE INDEX "stage_change_on" ON "stage_change" ("on")',
    'CREATE TABLE "interaction" ("id" INTEGER NOT NULL PRIMARY KEY, "on" DATE NOT NULL, "kind" VARCHAR(255) NOT NULL, "minutes" INTEGER NOT NULL, "campaign_id" INTEGER, "meaningful" INTEGER NOT NULL, "value_received" TEXT NOT NULL, "value_given" TEXT NOT NULL, "cost_cents" INTEGER NOT NULL, "follow_up_on" DATE, "follow_up_done_on" DATE, "note" TEXT NOT NULL, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "interaction_campaign_id" ON "interaction" ("campaign_id")',
    'CREATE INDEX "interaction_on_kind" ON "interaction" ("on", "kind")',
    'CREATE INDEX "interaction_follow_up_on" ON "interaction" ("follow_up_on")',
    'CREATE INDEX "interaction_campaign_id_on" ON "interaction" ("campaign_id", "on")',
    'CREATE TABLE "interaction_contact" ("id" INTEGER NOT NULL PRIMARY KEY, "interaction_id" INTEGER NOT NULL, "contact_id" INTEGER NOT NULL, "on" DATE NOT NULL, FOREIGN KEY ("interaction_id") REFERENCES "interaction" ("id") ON DELETE CASCADE, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "interaction_contact_interaction_id" ON "interaction_contact" ("interaction_id")',
    'CREATE INDEX "interaction_contact_contact_id" ON "interaction_contact" ("contact_id")',
    'CREATE UNIQUE INDEX "interaction_contact_interaction_id_contact_id" ON "interaction_contact" ("interaction_id", "contact_id")',
    'CREATE INDEX "interaction_contact_contact_id_on" ON "interaction_contact" ("contact_id", "on")',
    'CREATE TABLE "referral" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "direction" VARCHAR(255) NOT NULL, "on" DATE NOT NULL, "campaign_id" INTEGER, "note" TEXT NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "referral_contact_id" ON "referral" ("contact_id")',
    'CREATE INDEX "referral_on" ON "referral" ("on")',
    'CREATE INDEX "referral_campaign_id" ON "referral" ("campaign_id")',
    'CREATE TABLE "time_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "on" DATE NOT NULL, "minutes" INTEGER NOT NULL, "category" VARCHAR(255) NOT NULL, "campaign_id" INTEGER, "note" TEXT NOT NULL, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "time_entry_on" ON "time_entry" ("on")',
    'CREATE INDEX "time_entry_campaign_id" ON "time_entry" ("campaign_id")',
    'CREATE TABLE "goal" ("id" INTEGER NOT NULL PRIMARY KEY, "metric" VARCHAR(255) NOT NULL, "target" REAL NOT NULL, "comparator" VARCHAR(255) NOT NULL, "period" VARCHAR(255) NOT NULL, "note" TEXT NOT NULL)',
)

DEFAULT_GOALS = (
    ("active_campaigns", 5, "at_least", "week", "a pipeline wide enough to survive a setback"),
    ("meaningful_contacts", 8, "at_least", "week", "real conversations move a search"),
    ("face_to_face", 2, "at_least", "week", "meetings tied to a campaign"),
    ("hours_busywork", 5, "at_most", "week", "busywork feels like progress but is not"),
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_1:
        db.execute_sql(statement)
    for goal in DEFAULT_GOALS:
        db.execute_sql(
            'INSERT INTO "goal" ("metric", "target", "comparator", "period", "note") '
            "VALUES (?, ?, ?, ?, ?)",
            goal,
        )
