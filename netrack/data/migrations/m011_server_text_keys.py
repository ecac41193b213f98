"""Schema 11: on PostgreSQL, no free text as an index key.

A btree entry on PostgreSQL holds at most 2,704 bytes, and text up to
`validate.MAX_TEXT` (10,000 characters, 3 bytes each in CJK) is stored: an interaction
whose value received ran to 1,000 CJK characters, or an email, a url or an imported tag
as long, was refused there ("index row size … exceeds btree version 4 maximum"), though
SQLite, which has no such limit, stores it. So `import json` of a history exported from
SQLite failed on a server. This step makes the same indexes (by the same names, which
is what `doctor` compares on a server) in a form that holds any text:

- `interaction_scorecard` without `value_received` and `value_given`: the card's window
  read selects each row's id, which a PostgreSQL index does not hold (SQLite's holds the
  rowid), so it reads the table there anyway: the same bitmap scan of this index by day
  either way (EXPLAIN on 200,000 interactions);
- `contact_email` and `contact_url` as HASH indexes: a hash entry holds a 4-byte hash of
  the text, whatever its length. No query looks contacts up by either (duplicates are
  told apart in Python, `data.history`), so nothing loses an ordered scan;
- the unique `contact_tag_contact_id_tag` on (contact_id, md5(tag)): two equal tags
  have the same digest, so a second copy is still refused (every write path inserts
  plainly, with no ON CONFLICT naming the columns), and the digest is 32 bytes.

SQLite keeps its indexes as they are (it has no such limit): there the step changes
only the version.
"""

from __future__ import annotations

from peewee import SqliteDatabase

SERVER_SCHEMA_11: tuple[str, ...] = (
    'DROP INDEX "interaction_scorecard"',
    'CREATE INDEX "interaction_scorecard" ON "interaction" '
    '("on", "kind", "minutes", "campaign_id", "meaningful", "cost_cents")',
    'DROP INDEX "contact_email"',
    'CREATE INDEX "contact_email" ON "contact" USING HASH ("email")',
    'DROP INDEX "contact_url"',
    'CREATE INDEX "contact_url" ON "contact" USING HASH ("url")',
    'DROP INDEX "contact_tag_contact_id_tag"',
    'CREATE UNIQUE INDEX "contact_tag_contact_id_tag" ON "contact_tag" ("contact_id", md5("tag"))',
)


def upgrade(db: SqliteDatabase) -> None:
    """Nothing on SQLite (see the module's docstring)."""
