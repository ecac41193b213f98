"""Schema 15: a merged-away contact still names the contact it was merged into.

`contact merge KEEP OTHER` removed OTHER, and with it what the importers know a person
by: its record uid (netrack's own export), its name and organization, its LinkedIn
profile, email and phone (KEEP's own, where it had one, won; OTHER's went to the notes
at most). Importing again the file OTHER came from re-created OTHER and logged its
history a second time, against SPEC's "never create duplicates when run twice". Each
merge now keeps OTHER's identity in `merged_identity`, a row per merged contact,
pointing at KEEP (and moved along when KEEP is merged in turn); the importers match a
record that is nobody else on it as they would match OTHER, and find KEEP
(`data/merged_identities.py`).

A new table only: no row is rewritten, and a file upgraded from 14 exports the same
JSON but for an empty `merged_identities` at its end (`interop/json_io`). On PostgreSQL the step runs as
written (`migrations.postgres.Translating`), the id rule included.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SCHEMA: tuple[str, ...] = (
    'CREATE TABLE "merged_identity" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"contact_id" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, '
    '"organization" VARCHAR(255) NOT NULL, "former_id" INTEGER NOT NULL, "uid" VARCHAR(255), '
    '"email" VARCHAR(255) NOT NULL, "url" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
    # A contact deleted, or merged into another, looks its rows up by this column.
    'CREATE INDEX "merged_identity_contact_id" ON "merged_identity" ("contact_id")',
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA:
        db.execute_sql(statement)
