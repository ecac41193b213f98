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


async def test_under_a_dialog_the_bar_shows_the_dialogs_keys_not_the_screens(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, dialog_keys in (("question_mark", "esc Close"), ("n", "esc Cancel")):
            await pilot.press(key)
            await settle(pilot)
            bottom = screen_text(app).splitlines()[-1]  # the bar as drawn under the dialog
            assert dialog_keys in bottom, bottom
            assert "Stage back" not in bottom and "n New" not in bottom
            await pilot.press("escape")
            await settle(pilot)
            assert "< Stage back" in screen_text(app).splitlines()[-1]
