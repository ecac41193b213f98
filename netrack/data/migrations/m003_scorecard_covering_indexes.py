"""Schema 3: covering indexes for the scorecard's window reads.

A card reads every interaction and every touch of its ~13-week window. With these, both
reads are answered from an index in date order instead of one table lookup per row
(measured on a five-year database: 46 → 24 ms for the two reads). The old (on, kind)
index is a prefix of the new one and goes.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SCHEMA_3: tuple[str, ...] = (
    'CREATE INDEX "interaction_scorecard" ON "interaction" '
    '("on", "kind", "minutes", "campaign_id", "meaningful", "cost_cents", "value_received")',
    'DROP INDEX "interaction_on_kind"',
    'CREATE INDEX "interaction_contact_on" ON "interaction_contact" '
    '("on", "interaction_id", "contact_id")',
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_3:
        db.execute_sql(statement)
