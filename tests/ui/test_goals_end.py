"""Goals that end, on the Goals screen (today Friday 2026-11-27): an ended goal shows
its last day ("until 2026-11-20", dimmed once past) and no progress; `E` ends the goal
under the cursor today once confirmed (a goal with an end already is not asked about:
said so, and that the form's "Last day" moves it); the form's "Last day" sets or removes an end; the Scorecard screen
lists the goals as the card does."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from netrack.screens.goals import GoalsScreen
from netrack.screens.help import HelpScreen
from netrack.screens.modal.confirm import Confirm
from netrack.widgets.keybar import KeyBar
from netrack.widgets.last_column import LastColumnFills
from tests.ui.conftest import screen_text, settle, wait_until
from tests.ui.test_forms_interactions import fill


def _row(text: str, goal: str) -> str:
    return next(line for line in text.splitlines() if goal in line)


def said(app, words: str) -> bool:
    return words in screen_text(app) or any(words in n.message for n in app._notifications)


async def test_an_ended_goal_shows_its_last_day_dimmed_once_past(app, repo):
    defaults = len(repo.goals.all())
    ended = repo.goals.add("events", 1, since=date(2026, 10, 1), until=date(2026, 11, 20))
    planned = repo.goals.add("interviews", 1, since=date(2026, 10, 1), until=date(2026, 12, 31))
    # Ends tomorrow, before its week does: off the running card, so ended, not "from"
    repo.goals.add("referrals_in", 1, since=date(2026, 10, 1), until=date(2026, 11, 28))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        text = screen_text(app)
        table = app.screen.query_one(LastColumnFills)

        assert "2026-10-01  2026-11-20" in _row(text, "events")  # since, until
        assert "until 2026-11-20" in _row(text, "events")  # its status: ended, no progress
        assert "2026-10-01  2026-12-31" in _row(text, "interviews")
        assert "/1 so far" in _row(text, "interviews") or "met" in _row(text, "interviews")
        past, later = (table.get_row(str(g.id))[3] for g in (ended, planned))
        assert isinstance(past, Text) and isinstance(later, Text)
        assert past.plain == "2026-11-20" and past.style == "dim"
        assert later.plain == "2026-12-31" and later.style == ""
        assert "until 2026-11-28" in _row(text, "referrals_in")
        assert f"of {defaults + 1} goals met" in text and ", 2 ended" in text


async def test_x_ends_the_goal_under_the_cursor_today_once_confirmed(app, repo):
    defaults = len(repo.goals.all())
    repo.goals.add("referrals_in", 3, period="month")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert "E End" in app.screen.query_one(KeyBar).render().plain
        await pilot.press(*["down"] * defaults)
        await pilot.press("E")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == (
            "End the goal referrals_in ≥ 3/month today (2026-11-27)? Earlier cards keep it."
        )
        await pilot.press("n")
        await settle(pilot)
        assert repo.goals.all()[-1].until is None  # no: nothing written

        await pilot.press("E", "y")
        await settle(pilot)
        await wait_until(
            pilot, lambda: said(app, "ended goal referrals_in ≥ 3/month on 2026-11-27")
        )
        assert repo.goals.all()[-1].until == date(2026, 11, 27)
        await wait_until(pilot, lambda: "2026-11-27  2026-11-27" in screen_text(app))

        await pilot.press("E")  # an end already: not asked, said so and where to move it
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)
        await wait_until(
            pilot,
            lambda: said(
                app,
                "goal referrals_in ≥ 3/month already ends on 2026-11-27: e → Last day moves",
            ),
        )
        assert repo.goals.all()[-1].until == date(2026, 11, 27)


async def test_the_form_sets_and_removes_the_last_day_and_help_lists_E(app, repo):
    defaults = len(repo.goals.all())
    goal = repo.goals.add("referrals_in", 3, period="month")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press(*["down"] * defaults)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "until", "fri")  # a planned end: the next Friday, not today's
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: repo.goals.all()[-1].until == date(2026, 12, 4))

        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "until", "2026-12-31")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: repo.goals.all()[-1].until == date(2026, 12, 31))

        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "until", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: repo.goals.all()[-1].until is None)
        assert repo.goals.all()[-1].id == goal.id

        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "E" in text and "End" in text


async def test_the_scorecard_screen_leaves_out_a_goal_ending_before_its_week_does(app, repo):
    repo.goals.add("events", 7, since=date(2026, 10, 1), until=date(2026, 11, 28))
    repo.goals.add("interviews", 7, since=date(2026, 10, 1), until=date(2026, 11, 29))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await wait_until(pilot, lambda: "goals met 0/5" in screen_text(app))
        text = screen_text(app)
        # Ending the day before the week does (Sunday the 29th): not on its card, whose
        # goals are the 4 defaults and this one, ending on its last day.
        assert "0/7 so far ≥ 7" in _row(text, "│ Interviews")
        assert "≥ 7" not in _row(text, "│ Events")


async def test_a_narrow_screen_shows_a_planned_end_in_the_status(app, repo):
    """At 80 columns the "until" column is left out: the status carries the end."""
    repo.goals.add("interviews", 1, since=date(2026, 10, 1), until=date(2026, 12, 31))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        text = screen_text(app)
        assert "2026-10-01" not in text  # no since or until columns at this width
        assert "0/1 so far, until Dec 31" in _row(text, "interviews"), text
        assert "until" not in _row(text, "hours_busywork")  # no end: nothing said
