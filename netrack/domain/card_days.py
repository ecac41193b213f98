"""The days a card looks at: its period's as-of day, its goals' spans, the window of
dated facts it reads (row by row or summed per day) and where runs of summed days may
start. The repository reads by these; the metrics compute by them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from netrack.domain.entries import Goal
from netrack.domain.weeks import Period, period_of, trailing

TREND_PERIODS = 12
TREND_WEEKS = TREND_PERIODS  # the name of the days when every card was a week
WINDOW_DAYS = 90


def as_of(period: Period, today: date) -> date:
    """The day a period's "at period end" figures are taken: its end, or today while
    it is running."""
    return min(period.end, today)


def on_card(goal: Goal, period: Period, today: date, week_start: int = 0) -> bool:
    """Whether the card for `period` lists `goal`, judged over the goal's own span on
    that card (`goal_span`): set by the span's end (SPEC: `since` ≤ its end) and not
    ended before it (`until` none, or on or after that end). The span, not the card's
    period: a week goal ended in August is not judged on the week ending a September
    quarter card, and a target raised mid-week (`goal edit --from`) leaves one target on
    that week, as a goal set mid-week is judged on it and one ended mid-week is not."""
    span = goal_span(period, goal.period.value, today, week_start, goal.since)
    return goal.since <= span.end and (goal.until is None or goal.until >= span.end)


def goal_span(
    period: Period, kind: str, today: date, week_start: int = 0, since: date = date.min
) -> Period:
    """What a goal of `kind` counting from `since` measures on the card for `period`:
    that kind's calendar period holding the card's end, up to the card's end. On a
    running card: the one holding today, or `since` when that is later, as a goal is
    never measured on a span that ended before it counts (a month goal from Dec 1 on
    the week of Nov 30: Dec 1–6, not November). A card not started yet holds no
    today: the one holding its end, as on a finished card."""
    running = period.start <= today < period.end
    anchor = min(period.end, max(today, since)) if running else period.end
    span = period_of(anchor, kind, week_start)
    return span if span.end <= period.end else Period(span.start, period.end, span.label)


def window_start(period: Period, today: date) -> date:
    """The first day of the 90 days a card's figures "at period end" look back over,
    with a day to spare: counted back from its as-of day, which on a running card is
    today, up to a year before its end (a year card in March)."""
    return as_of(period, today) - timedelta(days=WINDOW_DAYS)


def card_window(
    period: Period, goals: Iterable[Goal] = (), today: date = date.max, week_start: int = 0
) -> tuple[date, date]:
    """The first and last day whose dated facts a card for `period` looks at: its 12
    trend periods, the 90 days before its as-of day and the span of each of `goals`."""
    end = period.end
    starts = [
        trailing(period, TREND_PERIODS, week_start)[0].start,
        window_start(period, today),
        *(
            goal_span(period, g.period.value, today, week_start, g.since).start
            for g in goals
            if on_card(g, period, today, week_start)
        ),
    ]
    return min(starts), end


def detail_start(
    period: Period, goals: Iterable[Goal] = (), today: date = date.max, week_start: int = 0
) -> date:
    """The first day whose interactions and time entries a card needs one by one: its
    goals' spans, and its own days from the later of its start and the 90 days before
    its as-of day. Earlier days come summed: a year card's first months as a whole
    (`facts.SpanSums`), the trend's per day or run of days (`facts.TrendDay`), and the
    relationship quality's 90 days as each day's meaningful contacts
    (`facts.MeaningfulDay`): a week's card reads its week, not its 90 days."""
    starts = [
        max(period.start, window_start(period, today)),
        *(
            goal_span(period, g.period.value, today, week_start, g.since).start
            for g in goals
            if on_card(g, period, today, week_start)
        ),
    ]
    return min(starts)


def trend_cuts(period: Period, today: date, week_start: int, detail: date) -> tuple[date, ...]:
    """The days a run of summed days (`facts.TrendDay`) may start on, for the card for
    `period` whose rows start on `detail`: each trend period's start and the day after
    its as-of day, the same for the card's own period, and `detail`. Every span of
    summed days a card reads (a trend period's, its own period's early days) is then a
    whole number of runs."""
    cuts = {detail}
    for p in (*trailing(period, TREND_PERIODS, week_start), period):
        cuts.add(p.start)
        last = as_of(p, today)
        if last < date.max:
            cuts.add(last + timedelta(days=1))
    return tuple(sorted(cuts))


def whole_trend_runs(
    period: Period, today: date, week_start: int, detail: date
) -> frozenset[tuple[date, date]]:
    """The runs of summed days (first, last) that are each a whole trend period of the
    card for `period` before its detailed days: the only figure read from such a run is
    its trend row, so the count of its meaningful contacts stands for the contacts (see
    `trend_metrics`), and the repository may keep its sums."""
    return frozenset(
        (p.start, last)
        for p in trailing(period, TREND_PERIODS, week_start)
        if p != period and p.start <= (last := as_of(p, today)) < detail
    )
