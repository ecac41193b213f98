"""The Goals screen measures each goal on its own current period, as its header says,
and draws how far along each is. Today is Friday 2026-11-27; the week ends Sunday 11-29."""

from __future__ import annotations

from datetime import date

import pytest

from netrack.screens.goals import GoalsScreen
from tests.ui.conftest import screen_text, settle


def _row(text: str, goal: str) -> str:
    return next(line for line in text.splitlines() if goal in line)


async def test_a_goal_counting_from_after_this_week_is_measured_on_its_own_period(app, repo):
    """A month goal from Monday the 30th, a year goal from December 5th: the week's card
    leaves them out (they count from after its end), their own month's and year's cards
    hold them, and the scorecard of each says met; the screen said "from Nov 30 2026"
    without an actual, and counted neither among the goals met."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 11, 1)).id
    repo.referrals.add(ana, "out", on=date(2026, 11, 26))
    month = repo.goals.add("referrals_out", 1, period="month", since=date(2026, 11, 30))
    year = repo.goals.add("referrals_out", 1, period="year", since=date(2026, 12, 5))
    later = repo.goals.add("referrals_out", 2, period="month", since=date(2026, 12, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        text = screen_text(app)

        assert "✓ met" in _row(text, "≥ 1/month") and "from Nov 30" not in text
        assert "✓ met" in _row(text, "≥ 1/year")
        # Counting from next month: neither this month's card nor any other holds it yet.
        assert "from Dec 01 2026" in _row(text, "≥ 2/month")
        assert "2 of 6 goals met, 4 still open, 1 not started yet" in text  # not among them
        assert {month.id, year.id, later.id} <= {g.id for g in app.screen.goals}


async def test_a_month_goal_is_judged_on_the_running_month_as_its_card_judges_it(app, repo, today):
    """A follow-up due Nov 30, done today: the month's card counts it on time (met),
    but the screen read the month goal on the week's card, cut at Sunday the 29th:
    "0/1 so far"."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 11, 1)).id
    logged = repo.activity.log([ana], on=today, follow_up_on=date(2026, 11, 30))
    repo.activity.mark_follow_up_done(logged.id, today)
    goal = repo.goals.add("follow_ups_on_time", 1, period="month")
    card = repo.scorecard.card(repo.scorecard.period("month"))
    assert [(g.actual, g.met) for g in card.goals if g.id == goal.id] == [(1, True)]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        row = _row(screen_text(app), "≥ 1/month")
        assert "follow_ups_on_time" in row and "✓ met" in row and "so far" not in row
        assert isinstance(app.screen, GoalsScreen) and app.screen._data is not None
        shown = app.screen._data.progress[goal.id]
        assert (shown.actual, shown.met) == (1, True)  # the month card's, figure for figure


def _bar(row: str) -> str:
    """The progress column's cells of a goal's row."""
    return next(word for word in row.split() if set(word) <= set("█░!"))


async def test_a_bar_is_full_only_once_its_target_is_reached(app, repo):
    """40 minutes are 0.66 h as shown, below 0.67: the bar was drawn full (15.9 cells
    rounded up). At most 5 h of busywork with 6 logged: the bar grew shorter the worse
    it got (5/6 of it); now it shows the allowance used, full and marked once exceeded."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1)).id
    repo.activity.log([ana], on=date(2026, 11, 24), kind="call", minutes=40)
    repo.time.add(360, "busywork", on=date(2026, 11, 26))
    repo.goals.add("hours_invested", 0.67)
    repo.goals.add("hours_invested", 0.5)
    repo.goals.add("hours_busywork", 0.33, comparator="at_most")
    repo.goals.add("hours_busywork", 8, comparator="at_most")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)

        assert _bar(_row(text, "≥ 0.67/week")) == "█" * 15 + "░"
        assert _bar(_row(text, "≥ 0.5/week")) == "█" * 16
        assert _bar(_row(text, "≤ 5/week")) == "█" * 15 + "!"
        assert _bar(_row(text, "≤ 0.33/week")) == "█" * 15 + "!"
        assert _bar(_row(text, "≤ 8/week")) == "█" * 12 + "░" * 4  # 6 of 8 hours used


async def test_a_long_target_is_never_cut(app, repo):
    """The goal column was 18 cells whatever the goals: "≥ 999999999/quarter" read
    "≥ 999999999/quarte". It is as wide as the widest goal, also once one is added."""
    repo.goals.add("interviews", 999999999, period="quarter")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert "≥ 999999999/quarter " in screen_text(app)
        repo.goals.add("hours_off", 999999999.25, comparator="at_most", period="quarter")
        app.screen.reload()
        await settle(pilot)
        text = screen_text(app)
        assert "≤ 999999999.25/quarter " in text and "≥ 999999999/quarter " in text
        await pilot.resize_terminal(80, 24)  # the columns rebuilt narrow: still whole
        await settle(pilot)
        assert "≤ 999999999.25/quarter " in screen_text(app)


@pytest.mark.parametrize("today", [date(2026, 11, 30)])  # Monday of the week to Dec 6
async def test_a_month_goal_from_tomorrow_is_not_missed_on_last_month(app, repo):
    """The week's card measured a month goal counting from Dec 1 on November, which
    ends today: "✗ missed" with November's meaningful contact, before it began. Each
    goal is read on its own running period, November's month card here, which does not
    hold it (SPEC: goals whose since ≤ period end): not started yet."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 11, 1)).id
    repo.activity.log([ana], on=date(2026, 11, 10), kind="call", meaningful=True)
    repo.goals.add("meaningful_contacts", 5, period="month", since=date(2026, 12, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        row = _row(screen_text(app), "≥ 5/month")
        assert "from Dec 01 2026" in row and "missed" not in row
