"""Schema 9: the sums of a card's past days, kept until their days change.

A card's trend sums each of its twelve periods before the detailed window from the rows
(`repo.trend_days`), and a year card sums its own first nine months the same way: on
five years of history, a year card read every meaningful link of the past years and
every interaction since January each time it was drawn, though those days rarely
change. Now:

- `trend_sums`: a run of days that is a whole trend period (its interaction minutes plus
  search and networking time, its face-to-face campaign interactions, how many distinct
  contacts had a meaningful interaction);
- `span_kept` and `span_sums`: a card's own period before its detailed days, per kind
  (interactions) or category (time) and source channel, as the campaigns opened by
  `until` name the channels (a span with no row is kept too: `span_kept` marks it);

are kept the first time a command reads them, and read from there after.

They stay exact because every change to a row they were summed from forgets them:
triggers on `interaction`, `interaction_contact` and `time_entry` delete the kept sums
holding the row's day (old and new, for a row moved to another day), whoever writes —
the CLI, the TUI, an import, a merge, another process — and a change to a campaign's
source or opening day forgets every kept span (their channels). An update fires them
only when a column a sum reads really changed (Peewee's save() names every column). A
sum is kept only when no other program wrote since its rows were read
(`repo.trend_days`), so a write between the reading and the keeping cannot leave old
sums.

SQLite only: on PostgreSQL, where every trigger is a function called per row, the card
reads the rows as before, and this step adds nothing (`migrations.postgres`).
"""

from __future__ import annotations

from peewee import SqliteDatabase

# The kept sums holding day `{day}` forgotten: the trend's runs, and the card's own
# early days (`span_kept` marks a kept span, `span_sums` holds its rows).
KEPT_SPANS = ("span_kept", "span_sums")
KEPT = ("trend_sums", *KEPT_SPANS)
_FORGET = tuple(
    f'DELETE FROM "{table}" WHERE "first" <= {{day}} AND "last" >= {{day}}' for table in KEPT
)
_TREND_ONLY = _FORGET[:1]

# (table, the columns whose update changes a sum, the kept sums summed from it)
_SOURCES = (
    (
        "interaction",
        '"on", "minutes", "kind", "campaign_id", "cost_cents", "meaningful", '
        '"value_received", "value_given"',
        _FORGET,
    ),
    ("interaction_contact", '"on", "contact_id", "interaction_id", "meaningful"', _TREND_ONLY),
    ("time_entry", '"on", "minutes", "category", "campaign_id"', _FORGET),
)


# The tables the kept sums are summed from, each with an insert trigger
# `trend_sums_{table}_insert` (set aside for a batch by `netrack.data.kept_sums`).
SOURCES = tuple(table for table, _, _ in _SOURCES)


def _trigger(name: str, event: str, forget: tuple[str, ...], *days: str, when: str = "") -> str:
    body = "; ".join(sql.format(day=f'{day}."on"') for day in days for sql in forget)
    return f'CREATE TRIGGER "{name}" {event} {when}BEGIN {body}; END'


def _changed(columns: str) -> str:
    """WHEN one of `columns` changed: Peewee's save() names every column in its SET,
    and a follow-up marked done must not forget a year of sums."""
    names = [name.strip() for name in columns.split(",")]
    return "WHEN " + " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in names) + " "


SCHEMA_9: tuple[str, ...] = (
    'CREATE TABLE "trend_sums" ("first" DATE NOT NULL, "last" DATE NOT NULL, '
    '"minutes" INTEGER NOT NULL, "face_to_face" INTEGER NOT NULL, '
    '"meaningful" INTEGER NOT NULL, PRIMARY KEY ("first", "last"))',
    # A card's own period before its detailed days, summed per kind (interactions) or
    # category (time) and channel, as read for the campaigns opened by `until`.
    'CREATE TABLE "span_kept" ("first" DATE NOT NULL, "last" DATE NOT NULL, '
    '"until" DATE NOT NULL, PRIMARY KEY ("first", "last", "until"))',
    'CREATE TABLE "span_sums" ("first" DATE NOT NULL, "last" DATE NOT NULL, '
    '"until" DATE NOT NULL, "what" TEXT NOT NULL, "kind" TEXT NOT NULL, '
    '"channel" TEXT NOT NULL, "count" INTEGER NOT NULL, "minutes" INTEGER NOT NULL, '
    '"cents" INTEGER NOT NULL, "meaningful" INTEGER NOT NULL, "given" INTEGER NOT NULL, '
    '"received" INTEGER NOT NULL)',
    'CREATE INDEX "span_sums_first_last_until" ON "span_sums" ("first", "last", "until")',
    *(
        statement
        for table, columns, forget in _SOURCES
        for statement in (
            _trigger(f"trend_sums_{table}_insert", f'AFTER INSERT ON "{table}"', forget, "NEW"),
            _trigger(
                f"trend_sums_{table}_update",
                f'AFTER UPDATE OF {columns} ON "{table}"',
                forget,
                "OLD",
                "NEW",
                when=_changed(columns),
            ),
            _trigger(f"trend_sums_{table}_delete", f'AFTER DELETE ON "{table}"', forget, "OLD"),
        )
    ),
    # A span's channels are its campaigns' sources, as opened by `until`.
    'CREATE TRIGGER "span_sums_campaign_update" AFTER UPDATE OF "source", "opened_on" '
    'ON "campaign" ' + _changed('"source", "opened_on"') + "BEGIN "
    'DELETE FROM "span_kept"; DELETE FROM "span_sums"; END',
)


def upgrade(db: SqliteDatabase) -> None:
    for statement in SCHEMA_9:
        db.execute_sql(statement)
