"""Keys that mean one thing (issue 16): `?` lists every key of a binding, shift+arrows
included; down from the Contacts filter reaches the table; `h` moves left on the board."""

from __future__ import annotations

from textual.widgets import Input

from netrack.screens.help import HelpScreen
from netrack.widgets.kanban import Kanban
from netrack.widgets.virtual_table import VirtualTable
from tests.ui.conftest import screen_text, settle, type_text


async def test_help_lists_shift_arrows_beside_the_stage_keys(app, repo):
    campaign = repo.campaigns.add("Platform Team", "Acme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "< shift+←    Stage back" in text and "> shift+→    Stage on" in text
        assert "← h          Left" in text and "↑ k          Up" in text
        await pilot.press("escape")
        app.open_campaign(campaign.id)
        await settle(pilot)
        await pilot.press("?")
        text = screen_text(app)
        assert "< shift+←" in text and "Stage back" in text and "> shift+→" in text


async def test_contacts_help_lists_the_tables_keys_not_textuals_scrolling(app, repo):
    repo.contacts.add("Ana López")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "↑ k" in text and "Up" in text and "pagedown" in text and "Page down" in text
        assert "Merge into…" in text
        # ScrollView's own keys: netrack's tables never scroll sideways by themselves
        for word in ("Scroll Left", "Scroll Right", "Page Left", "Page Right", "ctrl+pageup"):
            assert word not in text


async def test_shift_arrows_move_a_campaign_as_the_help_says(app, repo):
    campaign = repo.campaigns.add("Platform Team", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("shift+right")
        await settle(pilot)
        assert repo.campaigns.get(campaign.id).stage.value == "target"
        await pilot.press("shift+left")
        await settle(pilot)
        assert repo.campaigns.get(campaign.id).stage.value == "research"


async def test_h_moves_the_board_cursor_left(app, repo):
    repo.campaigns.add("Platform Team", "Acme")
    target = repo.campaigns.add("Data", "Globex", stage="target")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = app.screen.query_one(Kanban)
        await pilot.press("right")
        assert board.selected is not None and board.selected.id == target.id
        await pilot.press("h")
        assert board.selected is not None and board.selected.id != target.id


async def test_down_from_the_contacts_filter_moves_into_the_table(app, repo):
    repo.contacts.add("Ana López")
    repo.contacts.add("Anand Rao")
    repo.contacts.add("Bo Chen")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await type_text(pilot, "an")
        await pilot.press("down")
        assert isinstance(app.focused, VirtualTable) and app.focused.cursor_row == 0
        await pilot.press("down")  # in the table, down moves the cursor
        assert app.screen.query_one(VirtualTable).cursor_row == 1
        assert app.screen.query_one("#filter", Input).value == "an"


async def test_agenda_help_says_how_to_reach_the_lists(app, repo, today):
    """`?` on the Agenda said "enter Select" and never named tab, the way to the lists
    beside the follow-ups."""
    ana = repo.contacts.add("Ana López")
    repo.activity.log([ana.id], on=today, follow_up_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "campaign; tab moves from list to list (deadlines, keep in" in text
        assert "Follow-up done: on the follow-ups (shift+tab back to them from" in text
