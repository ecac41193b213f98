"""Schema 8: indexes an import of history no longer pays for.

Every interaction and every link an import writes is written once into each index of
its table; a 100,000-message messages.csv spent about half its time there. Five of those
indexes held nothing any query needs:

- `interaction_logged_on` becomes partial (`logged_on` IS NOT NULL). "Logged today"
  (`repo.activity.logged`) only looks up a day in it, and imported history has no
  `logged_on` (m007): those rows were entries that no query could ever find. The query
  repeats the index's condition word for word (`LOGGED`), as m006's face-to-face one
  does, so the plan never depends on the planner proving it.
- Four single-column indexes from schema 1 are each the first column of a wider index
  of the same table, which answers the same lookups (and the foreign keys' ON DELETE
  checks) as well:
  `interaction_campaign_id` of `interaction_campaign_id_on` (campaign_id, on);
  `interaction_follow_up_on` of `interaction_follow_up_state` (follow_up_on, …);
  `interaction_contact_interaction_id` of the unique (interaction_id, contact_id);
  `interaction_contact_contact_id` of `interaction_contact_contact_id_on`.

PostgreSQL runs these statements as they are (a partial index is the same there).
"""

from __future__ import annotations

from peewee import SqliteDatabase

# The rows "Logged today" may find by `logged_on`; `repo.activity.logged` repeats it.
LOGGED = '"logged_on" IS NOT NULL'

SCHEMA_8: tuple[str, ...] = (
    'DROP INDEX "interaction_logged_on"',
    f'CREATE INDEX "interaction_logged_on" ON "interaction" ("logged_on") WHERE {LOGGED}',
    'DROP INDEX "interaction_campaign_id"',
    'DROP INDEX "interaction_follow_up_on"',
    'DROP INDEX "interaction_contact_interaction_id"',
    'DROP INDEX "interaction_contact_contact_id"',
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_8:
        db.execute_sql(statement)
