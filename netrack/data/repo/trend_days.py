"""The sums a card reads for the days before its detailed window: in runs of days for
its trend, and for its own period's first days as a whole (`SpanSums`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from datetime import date, timedelta
from typing import Any

from peewee import JOIN, SQL, Case, DatabaseError, fn

from netrack.data import tables as t
from netrack.data.engines import on_server
from netrack.data.migrations.m006_meaningful_links import FACE_TO_FACE
from netrack.data.repo.base import Days, stored, tuples
from netrack.domain.facts import (
    UNLINKED,
    UNSPECIFIED,
    KindSums,
    MeaningfulDay,
    SpanSums,
    TimeSums,
    TrendDay,
)
from netrack.domain.models import Kind, TimeCategory

# Each run's sums, one statement each (prepared once, run per run): the minutes of its
# interactions, its face-to-face campaign interactions, its search and networking time
# and its meaningful links, each from an index alone (schema 6). The last two terms
# repeat the partial indexes' WHERE word for word: SQLite uses a partial index only
# then. `interaction_contact.meaningful` is kept by triggers and is not a field of the
# model (exports leave it out).
_RUN_SQL = (
    'SELECT SUM("minutes") FROM "interaction" WHERE "on" BETWEEN ? AND ?',
    f'SELECT COUNT(*) FROM "interaction" WHERE "on" BETWEEN ? AND ? AND {FACE_TO_FACE}',
    'SELECT SUM("minutes") FROM "time_entry" WHERE "on" BETWEEN ? AND ? '
    "AND \"category\" IN ('search', 'networking')",
    'SELECT GROUP_CONCAT("contact_id") FROM "interaction_contact" '
    'WHERE "on" BETWEEN ? AND ? AND "meaningful"',
)


def _on_server(sql: str) -> str:
    """`sql` as PostgreSQL reads it: its placeholders, and string_agg for GROUP_CONCAT."""
    return sql.replace("?", "%s").replace(
        'GROUP_CONCAT("contact_id")', "string_agg(\"contact_id\"::text, ',')"
    )


_RUN_SQL_SERVER = tuple(_on_server(sql) for sql in _RUN_SQL)


def trend_days(
    start: date,
    end: date,
    cuts: Iterable[date] = (),
    whole: Collection[tuple[date, date]] = (),
    keep: bool = True,
) -> tuple[TrendDay, ...]:
    """The interactions and invested time from `start` to `end` summed by SQLite, in
    runs of days that start at `start` and at each of `cuts` within (a year card's
    trend reaches back twelve years: `card_days.trend_cuts`). Every run is there, empty
    or not, so a log on any of these days falls in one.

    `whole`: the runs (first, last) that are whole trend periods on their own, whose
    contacts no figure needs one by one: they carry only how many (`TrendDay.count`),
    read or kept alike. On SQLite they come from `trend_sums` (m009); those not kept
    yet are read from the rows, and kept if `keep`."""
    if end < start:
        return ()
    firsts = sorted({start, *(cut for cut in cuts if start < cut <= end)})
    lasts = [following - timedelta(days=1) for following in firsts[1:]] + [end]
    db = t.Interaction._meta.database
    server = on_server()
    runs = list(zip(firsts, lasts, strict=True))
    counted = set(runs) & set(whole)
    keepable = set() if server else counted
    if not keepable:
        return tuple(
            _summed(db, first, last, server, (first, last) in counted) for first, last in runs
        )
    # One read snapshot for the kept sums, the rows summed and the keeping: SQLite then
    # refuses to keep sums another program's write has made old (see `_keep`).
    with db.atomic("DEFERRED"):
        kept = _kept(db, min(keepable)[0], max(keepable)[0])
        found: list[TrendDay] = []
        fresh: list[TrendDay] = []
        for run in runs:
            day = kept.get(run) if run in keepable else None
            if day is None:
                day = _summed(db, *run, server, run in counted)
                if run in keepable:
                    fresh.append(day)
            found.append(day)
        if fresh and keep:
            _keep(db, fresh)
    return tuple(found)


def _summed(db: Any, first: date, last: date, server: bool, counted: bool) -> TrendDay:
    """The run from `first` to `last` summed from its rows: its contacts one by one, or
    (`counted`: a whole trend period) only how many, as a kept run holds them."""
    statements = _RUN_SQL_SERVER if server else _RUN_SQL
    params = (first.isoformat(), last.isoformat())
    minutes, faces, spent, ids = (db.execute_sql(sql, params).fetchone()[0] for sql in statements)
    # Repeated contacts dropped before they are parsed (a year repeats each ~3 times)
    people = frozenset(map(int, set(ids.split(",")))) if ids else frozenset()
    minutes = (minutes or 0) + (spent or 0)
    if counted:
        return TrendDay(first, minutes, faces, None, last, len(people))
    return TrendDay(first, minutes, faces, people, last)


# Each day's meaningful contacts from the links' partial index alone (its WHERE word
# for word, as above), one row a day.
_DAYS_SQL = (
    'SELECT "on", GROUP_CONCAT("contact_id") FROM "interaction_contact" '
    'WHERE "on" BETWEEN ? AND ? AND "meaningful" GROUP BY "on"'
)
_DAYS_SQL_SERVER = _on_server(_DAYS_SQL)


def meaningful_days(days: Days, start: date, end: date) -> tuple[MeaningfulDay, ...]:
    """The days from `start` to `end` with a meaningful interaction, each with its
    contacts: the relationship quality's 90 days before a card's detailed rows."""
    if end < start:
        return ()
    db = t.Interaction._meta.database
    sql = _DAYS_SQL_SERVER if on_server() else _DAYS_SQL
    rows = db.execute_sql(sql, (start.isoformat(), end.isoformat())).fetchall()
    return tuple(
        MeaningfulDay(days[on], frozenset(map(int, set(ids.split(","))))) for on, ids in rows
    )


def _kept(db: Any, low: date, high: date) -> dict[tuple[date, date], TrendDay]:
    """The kept runs starting from `low` to `high`, by (first, last)."""
    rows = db.execute_sql(
        'SELECT "first", "last", "minutes", "face_to_face", "meaningful" FROM "trend_sums" '
        'WHERE "first" BETWEEN ? AND ?',
        (low.isoformat(), high.isoformat()),
    ).fetchall()
    found = {}
    for first, last, minutes, faces, count in rows:
        day, until = date.fromisoformat(first), date.fromisoformat(last)
        found[day, until] = TrendDay(day, minutes, faces, None, until, count)
    return found


def _keep(db: Any, runs: list[TrendDay]) -> None:
    """Keep `runs` (read within the caller's snapshot), or nothing, silently: another
    program wrote since that snapshot began (SQLite's BUSY_SNAPSHOT: the sums may be
    old), or holds the write lock now (not waited for: a card never waits to draw), or
    the file is read-only. The next card tries again."""
    rows = [
        (
            run.on.isoformat(),
            run.until.isoformat(),
            run.minutes,
            run.face_to_face,
            run.meaningful_count,
        )
        for run in runs
    ]
    _quietly(db, [('INSERT OR IGNORE INTO "trend_sums" VALUES (?, ?, ?, ?, ?)', rows)])


def _quietly(db: Any, statements: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
    """Run each statement once per row of its list, all together (a savepoint: all or
    none), without waiting for the write lock, or not at all when SQLite refuses (see
    `_keep`)."""
    (wait,) = db.execute_sql("PRAGMA busy_timeout").fetchone()
    db.execute_sql("PRAGMA busy_timeout = 0")
    try:
        with db.atomic():
            cursor = db.cursor()
            for sql, rows in statements:
                cursor.executemany(sql, rows)
    except (DatabaseError, sqlite3.DatabaseError):  # the cursor's own: Peewee wraps only its calls
        pass
    finally:
        db.execute_sql(f"PRAGMA busy_timeout = {int(wait)}")


def stale_runs(db: Any) -> list[tuple[str, str]]:
    """The kept runs (first, last) whose sums are not what their rows give now, summed
    as a card sums them: none, unless the file was changed by a program that went around
    the triggers (another tool, a hand edit). `netrack doctor` asks, and `--fix` forgets
    them."""
    stale = []
    for run in _kept(db, date.min, date.max).values():
        if _summed(db, run.on, run.until, server=False, counted=True) != run:
            stale.append((run.on.isoformat(), run.until.isoformat()))
    return stale


# By position: the channel's CASE holds parameters, and PostgreSQL takes a GROUP BY
# expression with parameters for another one than the selected (its placeholders differ).
_FIRST_TWO = (SQL("1"), SQL("2"))
# The campaign a summed row is linked to, if opened within the card's window.
_CAMPAIGN = t.Campaign.alias("linked")


def span_sums(start: date, end: date, campaigns_until: date, keep: bool = True) -> SpanSums:
    """`span_from_rows`, kept on SQLite (m009's `span_kept`, `span_sums`) the first time
    it is read (if `keep`), and read back after: a year card's first nine months are
    the same nine months all year, until a row of theirs, or a campaign's source or
    opening day, changes (the triggers then forget them)."""
    if on_server():
        return span_from_rows(start, end, campaigns_until)
    db = t.Interaction._meta.database
    key = (start.isoformat(), end.isoformat(), campaigns_until.isoformat())
    with db.atomic("DEFERRED"):  # one snapshot for the reading and the keeping
        if db.execute_sql(
            'SELECT 1 FROM "span_kept" WHERE "first" = ? AND "last" = ? AND "until" = ?', key
        ).fetchone():
            return kept_span(db, start, end, key)
        found = span_from_rows(start, end, campaigns_until)
        if keep:
            _keep_span(db, found, key)
    return found


def kept_span(db: Any, start: date, end: date, key: tuple[str, str, str]) -> SpanSums:
    """A kept span's rows, in the order they were kept (the order read from the rows)."""
    rows = db.execute_sql(
        'SELECT "what", "kind", "channel", "count", "minutes", "cents", "meaningful", '
        '"given", "received" FROM "span_sums" WHERE "first" = ? AND "last" = ? AND "until" = ? '
        "ORDER BY rowid",
        key,
    ).fetchall()
    kinds = {kind.value: kind for kind in Kind}
    return SpanSums(
        start,
        end,
        tuple(KindSums(kinds[kind], *rest) for what, kind, *rest in rows if what == "i"),
        tuple(
            TimeSums(stored(TimeCategory, kind, "a time entry's category"), channel, minutes)
            for what, kind, channel, _, minutes, *_ in rows
            if what == "t"
        ),
    )


def _keep_span(db: Any, span: SpanSums, key: tuple[str, str, str]) -> None:
    """Keep `span` (read within the caller's snapshot) whole, or nothing (see `_keep`)."""
    rows = [
        (*key, "i", s.kind.value, s.channel, s.count, s.minutes, s.cents, *s.flags())
        for s in span.interactions
    ] + [(*key, "t", s.category.value, s.channel, 0, s.minutes, 0, 0, 0, 0) for s in span.time]
    # Spans kept under another `until`: a card kept its span's channels as of its own end
    # before (a campaign opened later read as "unspecified"); it reads them as of any day
    # now, and those would never be read again.
    older = [(key[2],)]
    _quietly(
        db,
        [
            ('DELETE FROM "span_sums" WHERE "until" != ?', older),
            ('DELETE FROM "span_kept" WHERE "until" != ?', older),
            ('DELETE FROM "span_sums" WHERE "first" = ? AND "last" = ? AND "until" = ?', [key]),
            ('INSERT INTO "span_sums" VALUES (' + ", ".join("?" * 12) + ")", rows),
            ('INSERT OR IGNORE INTO "span_kept" VALUES (?, ?, ?)', [key]),
        ],
    )


def span_from_rows(start: date, end: date, campaigns_until: date) -> SpanSums:
    """The interactions from `start` to `end` summed per kind and source channel, and
    the time entries per category and source channel: what a card's figures need of
    those days besides their meaningful contacts (in the trend days). The channel is
    what `effort_by_channel` calls it, from the campaigns opened by `campaigns_until`
    (the card's window: those it has the facts of). Blank means blank after TRIM, as
    the trend days read it."""
    i, time = t.Interaction, t.TimeEntry
    received = _noted(i.value_received)
    query = (
        i.select(
            i.kind,
            _channel(i.campaign),
            fn.COUNT(i.id),
            fn.SUM(i.minutes),
            fn.SUM(i.cost_cents),
            fn.SUM(Case(None, ((i.meaningful | received, 1),), 0)),
            fn.SUM(Case(None, ((_noted(i.value_given), 1),), 0)),
            fn.SUM(Case(None, ((received, 1),), 0)),
        )
        .join(_CAMPAIGN, JOIN.LEFT_OUTER, on=_opened(i.campaign, campaigns_until))
        .where(i.on.between(start, end))
        .group_by(*_FIRST_TWO)
    )
    spent = (
        time.select(time.category, _channel(time.campaign), fn.SUM(time.minutes))
        .join(_CAMPAIGN, JOIN.LEFT_OUTER, on=_opened(time.campaign, campaigns_until))
        .where(time.on.between(start, end))
        .group_by(*_FIRST_TWO)
    )
    kinds = {kind.value: kind for kind in Kind}
    return SpanSums(
        start,
        end,
        tuple(
            KindSums(
                kinds.get(kind) or stored(Kind, kind, "an interaction's kind"),
                channel,
                count,
                minutes or 0,
                int(cents or 0),  # PostgreSQL sums a BIGINT as NUMERIC: a Decimal
                *flags,
            )
            for kind, channel, count, minutes, cents, *flags in tuples(query)
        ),
        tuple(
            TimeSums(
                stored(TimeCategory, category, "a time entry's category"), channel, minutes or 0
            )
            for category, channel, minutes in tuples(spent)
        ),
    )


def _noted(text: Any) -> Any:
    """Not blank after TRIM; the empty text (most rows) is told apart without trimming."""
    return (text != "") & (fn.TRIM(text) != "")


def _opened(campaign: Any, until: date) -> Any:
    return (_CAMPAIGN.id == campaign) & (_CAMPAIGN.opened_on <= until)


def _channel(campaign: Any) -> Any:
    """`effort_by_channel`'s name for the channel of a row's campaign, in SQL."""
    return Case(
        None,
        (
            (campaign.is_null(), UNLINKED),
            (_CAMPAIGN.id.is_null(), UNSPECIFIED),  # opened after the window
        ),
        fn.COALESCE(fn.NULLIF(_CAMPAIGN.source, ""), UNSPECIFIED),
    )
