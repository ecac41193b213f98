"""The key bar: the focused screen's keys, following focus, each one clickable."""

from __future__ import annotations

from netrack.screens.help import HelpScreen
from netrack.widgets.keybar import KeyBar
from tests.ui.conftest import screen_text, settle


async def test_shows_the_screens_keys_and_follows_the_screen(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar.render().plain
        assert "< Stage back" in line and "l Log" in line and "q Quit" in line
        assert line.rstrip().endswith("^p palette")
        await pilot.press("2")
        await settle(pilot)
        line = app.screen.query_one(KeyBar).render().plain
        assert "/ Find" in line and "Stage back" not in line


async def test_clicking_a_key_runs_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        text = bar.render().plain
        await pilot.click(KeyBar, offset=(text.index("? Help") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "Stage on" in screen_text(app)


async def test_when_the_keys_do_not_fit_help_stays_last_after_an_ellipsis(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar.render().plain
        assert len(line) <= 80
        assert line.startswith(" ⏎ Open  < Stage back  > Stage on")
        assert line.rstrip().endswith("… ? Help")  # no key cut in half, no palette hint
        assert "q Quit" not in line
        await pilot.click(KeyBar, offset=(line.index("? Help") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_every_key_shows_when_there_is_room(app):
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(KeyBar).render().plain
        assert "…" not in line and "? Help  q Quit " in line
        assert line.rstrip().endswith("▏^p palette")
