"""Schema 8: indexes an import of history no longer pays for.

Every interaction and every link an import writes goes into each index of its table; a
100,000-message messages.csv spent about half its time there. Imported history has no
`logged_on` (m007), no follow-up and no campaign, and the queries that read those
indexes only ever look for rows that have one. So:

- `interaction_logged_on`, `interaction_follow_up_state` and
  `interaction_campaign_id_on` become partial: they hold only the rows whose
  `logged_on`, `follow_up_on`, `campaign_id` is set (typed entries, mostly; an import
  writes into none of them). SQLite uses a partial index whose condition is
  `x IS NOT NULL` for any query comparing x with `=`, `<`, `>`, IN … (SQLite's "Partial
  Indexes", 2.1), which is every query on these columns — "Logged today"
  (`repo.activity.logged`, which also repeats `LOGGED` word for word), follow-ups due
  or pending (`follow_up_on <= ?`, `IS NOT NULL`), a campaign's interactions and the
  foreign key's ON DELETE SET NULL (`campaign_id = ?`); PostgreSQL proves the same from
  those comparisons. tests/perf/test_query_plans.py holds the plans to it.
- Four single-column indexes from schema 1 are each the first column of a wider index
  of the same table, which answers the same lookups (and the foreign keys' ON DELETE
  checks) as well, and go: `interaction_campaign_id` (see `interaction_campaign_id_on`),
  `interaction_follow_up_on` (`interaction_follow_up_state`),
  `interaction_contact_interaction_id` (the unique (interaction_id, contact_id)) and
  `interaction_contact_contact_id` (`interaction_contact_contact_id_on`).

PostgreSQL runs these statements as they are.
"""

from __future__ import annotations

from peewee import SqliteDatabase

# The rows each partial index holds; `repo.activity.logged` repeats LOGGED.
LOGGED = '"logged_on" IS NOT NULL'
FOLLOWED_UP = '"follow_up_on" IS NOT NULL'
IN_A_CAMPAIGN = '"campaign_id" IS NOT NULL'

SCHEMA_8: tuple[str, ...] = (
    'DROP INDEX "interaction_logged_on"',
    f'CREATE INDEX "interaction_logged_on" ON "interaction" ("logged_on") WHERE {LOGGED}',
    'DROP INDEX "interaction_follow_up_state"',
    'CREATE INDEX "interaction_follow_up_state" ON "interaction" '
    f'("follow_up_on", "follow_up_done_on", "follow_up_closed_on") WHERE {FOLLOWED_UP}',
    'DROP INDEX "interaction_campaign_id_on"',
    'CREATE INDEX "interaction_campaign_id_on" ON "interaction" ("campaign_id", "on") '
    f"WHERE {IN_A_CAMPAIGN}",
    'DROP INDEX "interaction_campaign_id"',
    'DROP INDEX "interaction_follow_up_on"',
    'DROP INDEX "interaction_contact_interaction_id"',
    'DROP INDEX "interaction_contact_contact_id"',
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_8:
        db.execute_sql(statement)
