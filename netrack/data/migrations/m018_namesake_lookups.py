"""Schema 18: indexes for finding a contact's namesakes.

Every log (`netrack log`, the quick-log bar) asks whether one of its people shares a
name with another contact (`repo.contacts.shares_a_name`), to name them "Sam Lee (Acme)"
in its confirmation. Names compare folded (case, accents and their encodings aside), so
the question reads the names spelled as one of the logged people's in lower case, and
every name beyond ASCII (which folding alone compares). Without an index for either,
each log read every contact row: ~40 ms of a quick log on 50,000 contacts (11,000 of
them beyond ASCII), a fifth of issue 18's 150 ms from the log to the card. So:

- `contact_name_lower`: the lower-cased name, for `LOWER(name) IN (…)`;
- `contact_name_beyond_ascii`: partial, (id, name) of the names beyond ASCII only,
  for the condition `engines.beyond_ascii` writes, word for word (SQLite uses a partial
  index only for a query holding its condition).

On PostgreSQL (`migrations.postgres`) a btree entry holds at most 2,704 bytes and a
name may be longer (see m011): there the first is a HASH index and the second holds
the id alone, with the server's condition for the same rows.
"""

from __future__ import annotations

from peewee import SqliteDatabase

# `engines.beyond_ascii`'s condition on each engine, as a partial index's WHERE repeats
# it (tests/perf/test_query_plans.py holds the query to the index).
BEYOND_ASCII = 'LENGTH(CAST("name" AS BLOB)) != LENGTH("name")'
SERVER_BEYOND_ASCII = 'OCTET_LENGTH("name") != CHAR_LENGTH("name")'

SCHEMA_18: tuple[str, ...] = (
    'CREATE INDEX "contact_name_lower" ON "contact" (LOWER("name"))',
    f'CREATE INDEX "contact_name_beyond_ascii" ON "contact" ("id", "name") WHERE {BEYOND_ASCII}',
)
SERVER_SCHEMA_18: tuple[str, ...] = (
    'CREATE INDEX "contact_name_lower" ON "contact" USING HASH (LOWER("name"))',
    f'CREATE INDEX "contact_name_beyond_ascii" ON "contact" ("id") WHERE {SERVER_BEYOND_ASCII}',
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_18:
        db.execute_sql(statement)
