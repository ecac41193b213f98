"""Running and future periods, every period kind, and goals of every kind on every card,
each worked out by hand. Days of the week: 2026-11-16 is a Monday, 2025-12-31 a
Wednesday, 2026-11-30 a Monday."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from netrack.domain import metrics
from netrack.domain.entries import Goal, Settings
from netrack.domain.facts import (
    ContactFacts,
    FollowUpFacts,
    InteractionFacts,
    ScorecardInputs,
    TimeFacts,
)
from netrack.domain.models import Comparator, GoalPeriod, Kind, TimeCategory
from netrack.domain.weeks import kind_of, parse_week, period_of
from tests.unit.scenario import campaign, d

W47 = parse_week("2026-W47")  # Mon 11-16 … Sun 11-22


def goal(gid: int, metric: str, target: float, period: str = "week", **kw: object) -> Goal:
    return Goal(id=gid, metric=metric, target=target, period=GoalPeriod(period), **kw)  # type: ignore[arg-type]


def touch(day: str, minutes: int = 60, meaningful: bool = False) -> InteractionFacts:
    return InteractionFacts(d(day), Kind.CALL, (1,), minutes, meaningful=meaningful)


RUNNING = ScorecardInputs(
    interactions=(
        touch("2026-11-16", meaningful=True),
        touch("2026-11-18"),
        touch("2026-11-21"),  # after "today" 11-19: not part of the running card
    ),
    time_entries=(TimeFacts(d("2026-11-20"), 60, TimeCategory.BUSYWORK),),
    follow_ups=(
        FollowUpFacts(d("2026-11-18"), None),  # due yesterday, open: overdue
        FollowUpFacts(d("2026-11-19"), None),  # due today: not overdue yet
        FollowUpFacts(d("2026-11-21"), None),  # due Saturday
        FollowUpFacts(d("2026-11-17"), d("2026-11-17")),  # done on time
    ),
    contacts=(ContactFacts(1, d("2026-01-01")),),
    goals=(
        goal(1, "meaningful_contacts", 1),  # reached: met for good
        goal(2, "interactions", 5),  # 2 so far: undecided
        goal(3, "hours_busywork", 0.5, comparator=Comparator.AT_MOST),  # 0 so far
        goal(4, "interactions", 1, comparator=Comparator.AT_MOST),  # 2 > 1: missed for good
    ),
    today=d("2026-11-19"),  # Thursday of W47
)


def test_running_week() -> None:
    card = metrics.scorecard(RUNNING, W47)
    assert not card.complete
    assert card.interactions == 2  # 11-16 and 11-18; 11-21 is after today
    assert card.hours_busywork == 0  # logged for 11-20, after today
    # due in the week: 11-17, 11-18, 11-19, 11-21 = 4; on time: 11-17; overdue: due
    # before today (11-19) and open = 11-18 only, as the Agenda counts it
    assert (card.follow_ups.due, card.follow_ups.on_time, card.follow_ups.overdue) == (4, 1, 1)
    assert [(g.actual, g.met) for g in card.goals] == [(1, True), (2, None), (0, None), (2, False)]


def test_the_same_week_once_over() -> None:
    card = metrics.scorecard(replace(RUNNING, today=d("2026-11-23")), W47)
    assert card.complete
    # now 3 interactions; 1 h busywork > 0.5; open at the end: 11-18, 11-19, 11-21
    assert (card.interactions, card.hours_busywork, card.follow_ups.overdue) == (3, 1.0, 3)
    assert [g.met for g in card.goals] == [True, False, False, False]


def test_future_week_has_no_activity() -> None:
    card = metrics.scorecard(RUNNING, parse_week("2026-W49"))
    assert not card.complete
    assert (card.interactions, card.hours_invested, card.meaningful_contacts) == (0, 0, 0)
    assert card.trend["hours_invested"][-3:] == (2.0, 0.0, 0.0)  # W47 so far, W48, W49


def test_period_kinds_and_labels() -> None:
    day = d("2026-11-27")
    assert [period_of(day, k).label for k in ("week", "month", "quarter", "year")] == [
        "2026-W48",
        "2026-11",
        "2026-Q4",
        "2026",
    ]
    q4 = period_of(day, "quarter")
    assert (q4.start, q4.end, kind_of(q4)) == (d("2026-10-01"), d("2026-12-31"), "quarter")
    # week_start sunday: the week holding Friday 11-27 runs Sunday 11-22 … Saturday 11-28
    sunday = period_of(day, "week", 6)
    assert (sunday.start, sunday.end, sunday.label) == (
        d("2026-11-22"),
        d("2026-11-28"),
        "2026-W48",
    )


YEAR_END = ScorecardInputs(
    interactions=(
        touch("2025-09-30"),  # Q3 2025
        touch("2025-12-28", 30),  # Sunday: the week before the year's last
        touch("2025-12-29", 30),  # Monday of the week holding 12-31
        touch("2025-12-31", 30),
        touch("2026-01-02", 30),  # same week, next year and next quarter
    ),
    contacts=(ContactFacts(1, d("2025-01-01")),),
    goals=(goal(1, "interactions", 3, "week"), goal(2, "interactions", 3, "month")),
    today=d("2026-06-01"),
)


def test_quarter_card_and_a_week_goal_across_the_new_year() -> None:
    q4 = period_of(d("2025-11-15"), "quarter")
    card = metrics.scorecard(YEAR_END, q4)
    assert card.interactions == 3  # 12-28, 12-29, 12-31 (not 09-30, not 01-02)
    assert card.trend_labels[0] == "2023-Q1" and card.trend_labels[-2:] == ("2025-Q3", "2025-Q4")
    assert card.trend["hours_invested"][-2:] == (1.0, 1.5)
    week, month = card.goals
    # the week holding 12-31 is Mon 12-29 … Sun 01-04, measured up to the quarter's
    # end 12-31: 12-29 and 12-31 = 2 (01-02 is after the card) → missed
    assert (week.actual, week.met) == (2, False)
    # December up to 12-31: 12-28, 12-29, 12-31 = 3 → met
    assert (month.actual, month.met) == (3, True)
    # The next quarter starts the next year: Q1 2026 holds 01-02 only.
    q1 = metrics.scorecard(YEAR_END, period_of(d("2026-01-01"), "quarter"))
    assert (q1.period.label, q1.interactions) == ("2026-Q1", 1)
    assert q1.trend_labels[-2:] == ("2025-Q4", "2026-Q1")


def test_month_and_year_cards() -> None:
    december = metrics.scorecard(YEAR_END, period_of(d("2025-12-05"), "month"))
    assert (december.period.start, december.period.end) == (d("2025-12-01"), d("2025-12-31"))
    assert december.interactions == 3
    assert december.trend_labels[0] == "2025-01" and december.trend_labels[-1] == "2025-12"
    year = metrics.scorecard(YEAR_END, period_of(d("2025-03-03"), "year"))
    assert (year.period.label, year.interactions) == ("2025", 4)  # all but 2026-01-02
    assert year.trend_labels == tuple(str(y) for y in range(2014, 2026))
    assert year.trend["hours_invested"][-1] == 2.5  # 60 + 3 × 30 min
    # a month goal on a year card: December, the month holding the year's end
    assert [(g.period, g.actual) for g in year.goals] == [("week", 2), ("month", 3)]


def test_a_running_month_measures_week_goals_on_this_week() -> None:
    inputs = replace(YEAR_END, today=d("2026-01-02"))
    january = metrics.scorecard(inputs, period_of(d("2026-01-02"), "month"))
    assert not january.complete
    week, month = january.goals
    # the week holding today (Mon 12-29 … Sun 01-04), up to the month's end: it starts
    # in December, so 12-29, 12-31 and 01-02 = 3 → reached, met for good
    assert (week.actual, week.met) == (3, True)
    # January so far: 01-02 = 1 of 3, undecided
    assert (month.actual, month.met) == (1, None)


def test_week_start_sunday() -> None:
    inputs = replace(
        YEAR_END,
        settings=Settings(week_start=6),
        goals=(goal(1, "interactions", 1, "week"),),
    )
    # Sunday weeks: Sun 12-28 … Sat 01-03 holds every touch from 12-28 to 01-02
    week = period_of(d("2025-12-30"), "week", 6)
    assert (week.start, week.end) == (d("2025-12-28"), d("2026-01-03"))
    assert metrics.scorecard(inputs, week).interactions == 4
    # on the December card the week goal measures Sun 12-28 … 12-31: three touches
    december = metrics.scorecard(inputs, period_of(d("2025-12-01"), "month"))
    assert december.goals[0].actual == 3
    assert december.trend_labels[-1] == "2025-12"


def test_goals_since() -> None:
    inputs = replace(
        YEAR_END,
        goals=(goal(1, "interactions", 1, since=date(2025, 12, 29)),),
    )
    # on the cards of periods ending on or after 12-29 only
    assert metrics.scorecard(inputs, period_of(d("2025-12-22"), "week")).goals == ()
    shown = metrics.scorecard(inputs, period_of(d("2025-12-29"), "week")).goals
    assert [(g.since, g.actual, g.met) for g in shown] == [(date(2025, 12, 29), 3, True)]
    # a month card ending 12-31 shows it too, measured on its week (12-29 … 12-31)
    december = metrics.scorecard(inputs, period_of(d("2025-12-01"), "month"))
    assert [g.actual for g in december.goals] == [2]


def test_campaign_cards_of_other_kinds() -> None:
    inputs = ScorecardInputs(
        campaigns=(campaign(1, ("2025-10-01", "applied"), ("2025-12-30", "interviewing")),),
        today=d("2026-06-01"),
    )
    q4 = metrics.scorecard(inputs, period_of(d("2025-10-01"), "quarter"))
    assert (q4.stage_advances, q4.interview_rounds, q4.active_campaigns) == (1, 1, 1)
    assert q4.trend["active_campaigns"][-2:] == (0, 1)  # Q3: not opened yet


NOVEMBER = ScorecardInputs(
    interactions=(touch("2026-11-10", meaningful=True), touch("2026-10-05")),
    contacts=(ContactFacts(1, d("2026-11-01")),),
    goals=(
        goal(1, "meaningful_contacts", 5, "month", since=date(2026, 12, 1)),
        goal(2, "meaningful_contacts", 3, "month", since=date(2026, 10, 1)),
        goal(3, "interactions", 10, "quarter", since=date(2026, 10, 1)),
    ),
    today=d("2026-11-30"),  # Monday of W49 (11-30 … 12-06)
)


def test_a_goal_counting_from_after_today_is_measured_from_its_own_period() -> None:
    """The running week of Nov 30 (today) measured a month goal counting from Dec 1 on
    November: 1 of 5, missed before it began. Its span anchors on its `since`: Dec 1–6,
    nothing yet, undecided. A goal that counts already stays on today's month, which ends
    today: missed."""
    week = period_of(d("2026-11-30"), "week")
    december, november, quarter = metrics.scorecard(NOVEMBER, week).goals
    assert (december.actual, december.met, december.span_start) == (0, None, d("2026-12-01"))
    assert december.cut_at == d("2026-12-06")
    assert (november.actual, november.met, november.span_start) == (1, False, d("2026-11-01"))
    assert (quarter.actual, quarter.span_start) == (2, d("2026-10-01"))
    # Across the year: today Dec 31, a year goal from Jan 1 on the week of Dec 28.
    new_year = replace(
        NOVEMBER,
        goals=(goal(1, "new_contacts", 10, "year", since=date(2027, 1, 1)),),
        today=d("2026-12-31"),
    )
    (year,) = metrics.scorecard(new_year, period_of(d("2026-12-31"), "week")).goals
    assert (year.actual, year.met, year.span_start) == (0, None, d("2027-01-01"))


def test_a_card_not_started_measures_goals_around_its_end() -> None:
    """The week of Nov 30, today Nov 27: its month goals measured November (1 of 3, the
    span around its first day); SPEC's span holds the card's end: Dec 1–6, nothing. A
    quarter goal's span holds today as well: Oct 1 to the card's end."""
    inputs = replace(NOVEMBER, today=d("2026-11-27"))
    card = metrics.scorecard(inputs, period_of(d("2026-11-30"), "week"))
    assert [(g.actual, g.met, g.span_start, g.cut_at) for g in card.goals] == [
        (0, None, d("2026-12-01"), d("2026-12-06")),
        (0, None, d("2026-12-01"), d("2026-12-06")),
        (2, None, d("2026-10-01"), d("2026-12-06")),
    ]
    # Sunday weeks: December's card measures a week goal on Sun 12-27 … 12-31.
    sunday = replace(
        inputs, settings=Settings(week_start=6), goals=(goal(1, "interactions", 1, "week"),)
    )
    (week,) = metrics.scorecard(sunday, period_of(d("2026-12-01"), "month")).goals
    assert (week.span_start, week.cut_at, week.actual, week.met) == (
        d("2026-12-27"),
        d("2026-12-31"),
        0,
        None,
    )
