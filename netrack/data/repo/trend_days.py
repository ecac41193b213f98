"""The sums a card reads for the days before its detailed window: in runs of days for
its trend, and for its own period's first days as a whole (`SpanSums`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from peewee import JOIN, SQL, Case, fn

from netrack.data import tables as t
from netrack.data.engines import on_server
from netrack.data.migrations.m006_meaningful_links import FACE_TO_FACE
from netrack.data.repo.base import tuples
from netrack.domain.facts import UNLINKED, UNSPECIFIED, KindSums, SpanSums, TimeSums, TrendDay
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
# The same on PostgreSQL: its placeholders, and string_agg for GROUP_CONCAT.
_RUN_SQL_SERVER = tuple(
    sql.replace("?", "%s").replace(
        'GROUP_CONCAT("contact_id")', "string_agg(\"contact_id\"::text, ',')"
    )
    for sql in _RUN_SQL
)


def trend_days(start: date, end: date, cuts: Iterable[date] = ()) -> tuple[TrendDay, ...]:
    """The interactions and invested time from `start` to `end` summed by SQLite, in
    runs of days that start at `start` and at each of `cuts` within (a year card's
    trend reaches back twelve years: `metrics.trend_cuts`). Every run is there, empty
    or not, so a log on any of these days falls in one."""
    if end < start:
        return ()
    firsts = sorted({start, *(cut for cut in cuts if start < cut <= end)})
    lasts = [following - timedelta(days=1) for following in firsts[1:]] + [end]
    execute = t.Interaction._meta.database.execute_sql
    statements = _RUN_SQL_SERVER if on_server() else _RUN_SQL
    runs = []
    for first, last in zip(firsts, lasts, strict=True):
        params = (first.isoformat(), last.isoformat())
        minutes, faces, spent, ids = (execute(sql, params).fetchone()[0] for sql in statements)
        # Repeated contacts dropped before they are parsed (a year repeats each ~3 times)
        people = frozenset(map(int, set(ids.split(",")))) if ids else frozenset()
        runs.append(TrendDay(first, (minutes or 0) + (spent or 0), faces, people, last))
    return tuple(runs)


# By position: the channel's CASE holds parameters, and PostgreSQL takes a GROUP BY
# expression with parameters for another one than the selected (its placeholders differ).
_FIRST_TWO = (SQL("1"), SQL("2"))
# The campaign a summed row is linked to, if opened within the card's window.
_CAMPAIGN = t.Campaign.alias("linked")


def span_sums(start: date, end: date, campaigns_until: date) -> SpanSums:
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
                kinds.get(kind) or Kind(kind),
                channel,
                count,
                minutes or 0,
                cents or 0,
                *flags,
            )
            for kind, channel, count, minutes, cents, *flags in tuples(query)
        ),
        tuple(
            TimeSums(TimeCategory(category), channel, minutes or 0)
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
