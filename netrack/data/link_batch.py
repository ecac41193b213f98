"""Inserting many interaction links at once, the insert triggers' work done once.

A link (who took part in an interaction) fires two triggers as it is inserted: m002's
closes the contact's earlier open follow-ups (two UPDATEs per link), m006's copies the
interaction's "meaningful" onto the link. Row by row that was most of the time of a
100,000-message import, and on a server, where each trigger is a function call planned
for a table that was empty when the import began, most of the time of a whole-history
`import json`. So a large batch sets both aside inside the caller's transaction, goes
in with one statement (SQLite's `executemany`, PostgreSQL's COPY), and what the
triggers would have done is derived again afterwards by their own rules, in two
statements: every follow-up of the contacts concerned closed from scratch (m002's
rule), and every link of the batch whose flag is not its interaction's set right
(m006's). A failure rolls the whole transaction back, the triggers' absence with it:
the schema after the commit is the one before, and other programs never see it
without them.

- SQLite: the triggers are dropped and created again from their stored text.
- PostgreSQL: `ALTER TABLE … DISABLE TRIGGER`, then ENABLE, which only the table's
  owner may do and which locks the table against readers until the commit; a role that
  is not the owner, or a lock not granted within `LOCK_WAIT_MS` (a reader in a long
  transaction), leaves the triggers running row by row: slower, never different.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from peewee import DatabaseError

from netrack.data import tables as t
from netrack.data.bulk_rows import bulk_insert, first_free_id
from netrack.data.engines import on_server, param_sql
from netrack.data.migrations import m006_meaningful_links as m006
from netrack.data.migrations import postgres as pg_schema

CLOSE_ON_INSERT = "follow_up_close_on_insert"  # the trigger of migration m002
MEANINGFUL_ON_INSERT = "link_meaningful_on_insert"  # the trigger of migration m006
# Below this many links the triggers run row by row: cheaper than changing the schema.
BATCHED_LINKS = 1000
# How long a server batch waits for the table's lock before keeping the triggers.
LOCK_WAIT_MS = 5000
# Every follow-up of the given contacts' interactions closed again from scratch: the
# trigger's rule (m002: the first touch with one of its contacts after its day), for many
# contacts at once: the follow-ups (an index; most interactions have none) of the
# interactions of those contacts; `json_each` takes the ids as one parameter, however many.
RECLOSE = (
    'UPDATE "interaction" SET "follow_up_closed_on" = '
    '(SELECT MIN((SELECT MIN(n."on") FROM "interaction_contact" AS n '
    'WHERE n."contact_id" = l."contact_id" AND n."on" > l."on")) '
    'FROM "interaction_contact" AS l WHERE l."interaction_id" = "interaction"."id") '
    # The batch's contacts' interactions, found once: as a correlated EXISTS, SQLite read
    # the JSON list of contacts again for every interaction with a follow-up (8.5 s of a
    # 16 s import of five years' history, 0.47 s this way).
    'WHERE "follow_up_on" IS NOT NULL AND "id" IN (SELECT c."interaction_id" '
    'FROM "interaction_contact" AS c WHERE c."contact_id" IN (SELECT value FROM json_each(?)))'
)
# PostgreSQL's: the ids as one array.
RECLOSE_SERVER = RECLOSE.replace("IN (SELECT value FROM json_each(?))", "= ANY(%s)")
# The links from a given id on whose flag is not their interaction's, set to it (m006's
# rule, in each engine's words); the batch wrote each link's flag already, so this
# normally changes nothing, and it is the rule that decides, not the caller.
_LINK = '"interaction_contact"'
REFLAG = (
    f'UPDATE {_LINK} SET "meaningful" = {m006._OF_LINK.format(link=_LINK)} '
    f'WHERE "id" >= ? AND "meaningful" IS NOT {m006._OF_LINK.format(link=_LINK)}'
)
REFLAG_SERVER = (
    f'UPDATE {_LINK} AS l SET "meaningful" = m.flag FROM (SELECT "id", '
    + pg_schema._MEANINGFUL.format(i='"interaction"')
    + ' AS flag FROM "interaction") AS m WHERE l."interaction_id" = m."id" AND l."id" >= %s '
    'AND l."meaningful" IS DISTINCT FROM m.flag'
)


def insert_links(links: list[tuple[int, int, Any]], flags: list[bool] | None = None) -> None:
    """Insert (interaction, contact, day) links of interactions just written, follow-ups
    closed and links flagged as the triggers would. `flags`: each link's "meaningful"
    (its interaction's), when some may be (a JSON import); None when none is (imported
    history: each link keeps the column's default)."""
    if not links:
        return
    db = t.Interaction._meta.database
    first = first_free_id(t.InteractionContact)
    columns: tuple[str, ...] = ("id", "interaction_id", "contact_id", "on")
    rows: list[tuple[Any, ...]] = [(n, *link) for n, link in enumerate(links, first)]
    if flags is not None:
        columns += ("meaningful",)
        rows = [(*row, flag) for row, flag in zip(rows, flags, strict=True)]
    set_aside = _without_triggers_on_server if on_server(db) else _without_triggers
    with set_aside(db, len(links)) as aside:
        bulk_insert(t.InteractionContact, columns, rows)
    if aside:
        _rederive(db, links, first)


@contextmanager
def _without_triggers(db: Any, count: int) -> Iterator[bool]:
    """SQLite: the insert triggers dropped for the block and created again after it;
    yields whether they were."""
    found = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
        (CLOSE_ON_INSERT, MEANINGFUL_ON_INSERT),
    ).fetchall()
    if count < BATCHED_LINKS or not any(name == CLOSE_ON_INSERT for name, _ in found):
        yield False
        return
    for name, _ in found:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    yield True
    for _, sql in found:
        db.execute_sql(sql)


@contextmanager
def _without_triggers_on_server(db: Any, count: int) -> Iterator[bool]:
    """PostgreSQL: the insert triggers disabled for the block when this role owns the
    table and gets its lock in time; yields whether they were."""
    triggers = ", ".join(f'"{name}"' for name in (CLOSE_ON_INSERT, MEANINGFUL_ON_INSERT))
    disable = ", ".join(f"DISABLE TRIGGER {name}" for name in triggers.split(", "))
    if count < BATCHED_LINKS or not _owns_links(db):
        yield False
        return
    try:
        with db.atomic():  # a savepoint: a lock not granted leaves the write as it was
            db.execute_sql(f"SET LOCAL lock_timeout = {LOCK_WAIT_MS}")
            db.execute_sql(f"ALTER TABLE {_LINK} {disable}")
    except DatabaseError:
        yield False
        return
    finally:
        db.execute_sql("SET LOCAL lock_timeout = 0")
    yield True
    db.execute_sql(f"ALTER TABLE {_LINK} {disable.replace('DISABLE', 'ENABLE')}")
    # The planner's figures for tables that grew by a whole history within this
    # transaction (only the owner may; the statements that follow read them).
    db.execute_sql('ANALYZE "interaction"')
    db.execute_sql(f"ANALYZE {_LINK}")


def _owns_links(db: Any) -> bool:
    row = db.execute_sql(
        "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
        "WHERE oid = to_regclass(%s)",
        ("interaction_contact",),
    ).fetchone()
    return bool(row and row[0])


def _rederive(db: Any, links: list[tuple[int, int, Any]], first: int) -> None:
    """What the insert triggers would have done for `links` (ids from `first` on)."""
    contacts = sorted({contact for _, contact, _ in links})
    if on_server(db):
        db.execute_sql(RECLOSE_SERVER, (contacts,))
        db.execute_sql(REFLAG_SERVER, (first,))
    else:
        db.execute_sql(RECLOSE, (json.dumps(contacts),))
        db.execute_sql(param_sql(REFLAG), (first,))
