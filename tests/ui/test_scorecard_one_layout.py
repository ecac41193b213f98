"""`[` and `]` lay the next card out in one pass: a box that grows or shrinks with its
figures does not ask for a second layout (and a second frame) after the first one has
placed everything (`netrack.widgets.settled_size`)."""

from __future__ import annotations

from datetime import date, timedelta

from netrack.screens.scorecard import ScorecardScreen
from tests.ui.conftest import settle, wait_until

# today (the `today` fixture) is Friday 2026-11-27: week 2026-W48 runs Nov 23 – 29.


async def test_a_step_to_a_week_of_other_box_heights_is_laid_out_once(app, repo, today):
    # This week: many kinds and channels (tall boxes); the week before: nothing.
    for n, (kind, channel) in enumerate(
        (("call", "alumni"), ("video", "referral"), ("coffee", "event"), ("email", "linkedin"))
    ):
        who = repo.contacts.add(f"Person {n}", channel=channel, met_on=date(2025, 6, 1)).id
        repo.activity.log([who], on=today - timedelta(days=n % 3), kind=kind, minutes=30)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        heights = {w.id: w.size.height for w in screen.query(".box")}
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.period is not None and screen.period.end < today - timedelta(days=3)
        before = {w.id: w.size.height for w in screen.query(".box")}
        assert before != heights  # the boxes change height with the week: the test's case

        layouts = []
        lay_out = screen._refresh_layout

        def counted(*args, **kwargs):
            layouts.append(screen.period)
            return lay_out(*args, **kwargs)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: screen.period is not None and today in screen.period)
        await settle(pilot)
        assert {w.id: w.size.height for w in screen.query(".box")} == heights
        assert len(layouts) == 1, layouts
