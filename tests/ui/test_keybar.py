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
        assert "< Stage back" in line and "L Log" in line and "q Quit" in line
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
