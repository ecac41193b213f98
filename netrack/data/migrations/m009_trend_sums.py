"""Schema 9: the trend's whole past periods, summed once and kept until their days change.

A card's trend sums each of its twelve periods before the detailed window from the rows
(`repo.trend_days`): on five years of history, a year card read every meaningful link
of those years each time it was drawn, though a past year rarely changes. The sums of
a run of days that is a whole trend period (its interaction minutes plus search and
networking time, its face-to-face campaign interactions, how many distinct contacts had
a meaningful interaction) are kept in `trend_sums` the first time a card reads them,
and read from there after.

They stay exact because every change to a row they were summed from forgets them:
triggers on the three tables delete the kept runs holding the row's day (old and new,
for a row moved to another day), whoever writes — the CLI, the TUI, an import, a merge,
another process. A run is kept only when no other program wrote since its rows were read
(`repo.trend_days`), so a write between the read and the keeping cannot leave old sums.

Only the columns a sum reads fire them: an interaction's day, minutes, kind and
campaign (minutes, face to face); a link's day, contact, interaction and meaningful flag
(m006's triggers set the flag when an interaction's own changes); a time entry's day,
minutes and category.

SQLite only: on PostgreSQL, where every trigger is a function called per row, the card
reads the rows as before, and this step adds nothing (`migrations.postgres`).
"""

from __future__ import annotations

from peewee import SqliteDatabase

# The kept runs holding day `{day}` forgotten.
_FORGET = 'DELETE FROM "trend_sums" WHERE "first" <= {day} AND "last" >= {day}'

# (table, the columns whose update changes a sum)
_SOURCES = (
    ("interaction", '"on", "minutes", "kind", "campaign_id"'),
    ("interaction_contact", '"on", "contact_id", "interaction_id", "meaningful"'),
    ("time_entry", '"on", "minutes", "category"'),
)


def _trigger(name: str, event: str, *days: str) -> str:
    body = "; ".join(_FORGET.format(day=f'{day}."on"') for day in days)
    return f'CREATE TRIGGER "{name}" {event} BEGIN {body}; END'


SCHEMA_9: tuple[str, ...] = (
    'CREATE TABLE "trend_sums" ("first" DATE NOT NULL, "last" DATE NOT NULL, '
    '"minutes" INTEGER NOT NULL, "face_to_face" INTEGER NOT NULL, '
    '"meaningful" INTEGER NOT NULL, PRIMARY KEY ("first", "last"))',
    *(
        statement
        for table, columns in _SOURCES
        for statement in (
            _trigger(f"trend_sums_{table}_insert", f'AFTER INSERT ON "{table}"', "NEW"),
            _trigger(
                f"trend_sums_{table}_update",
                f'AFTER UPDATE OF {columns} ON "{table}"',
                "OLD",
                "NEW",
            ),
            _trigger(f"trend_sums_{table}_delete", f'AFTER DELETE ON "{table}"', "OLD"),
        )
    ),
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_9:
        db.execute_sql(statement)
