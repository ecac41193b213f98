"""Keys that mean one thing (issue 16): `?` lists every key of a binding, shift+arrows
included; down from the Contacts filter reaches the table; `h` moves left on the board."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Input

from netrack.screens.help import HelpScreen
from netrack.widgets.kanban import Kanban
from netrack.widgets.virtual_table import VirtualTable
from tests.ui.conftest import screen_text, settle, type_text, wait_until


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
        assert "Follow-up done: on the follow-ups (shift+tab back to them" in text


# SPEC: "A key means one thing everywhere". Two actions whose names differ but whose
# meaning is one, each pair said why:
SAME_MEANING = {
    # `l` opens the one quick-log bar; a screen's own `l` fills in its contact or campaign
    "quick_log": "log",
    # `n` is new: on a campaign, a new link to a contact (the links dialog's picker)
    "links(True)": "new",
    "link": "new",
    # `e` edits: in the links dialog, the role of the link under the cursor
    "role": "edit",
    # `u` undoes: after `d`, the follow-ups it marked done
    "undo_done": "undo",
    # `j`/`k` move the cursor: the tables built on DataTable name its actions
    "cursor_down": "cursor",
    "cursor_up": "cursor",
}
# Keys a dialog takes for itself while it holds the keyboard, nothing else bound under it:
DIALOG_OWN = {
    ("Confirm", "n"),  # a yes/no question: y and n answer it, as a shell's questions do
}


def _meaning(action: str) -> str:
    """What an action means: its name without "app." and arguments, unless the name
    with its arguments is one of SAME_MEANING's."""
    action = action.removeprefix("app.")
    return (
        SAME_MEANING.get(action) or SAME_MEANING.get(action.split("(")[0]) or action.split("(")[0]
    )


def _netrack_bindings() -> dict[str, dict[str, set[str]]]:
    """Single lowercase letter → meaning → the classes (the app, its screens, modals and
    widgets) that bind it so."""
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import netrack.app
    import netrack.screens
    import netrack.widgets

    modules = [netrack.app]
    for package in (netrack.screens, netrack.widgets):
        for found in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            modules.append(importlib.import_module(found.name))
    keys: dict[str, dict[str, set[str]]] = {}
    for module in modules:
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, DOMNode)):
                continue
            if not cls.__module__.startswith("netrack"):
                continue
            for binding in cls.__dict__.get("BINDINGS", ()):
                if not isinstance(binding, Binding):
                    binding = Binding(*binding)
                for key in (k.strip() for k in binding.key.split(",")):
                    if len(key) != 1 or not key.islower() or (cls.__name__, key) in DIALOG_OWN:
                        continue
                    where = keys.setdefault(key, {}).setdefault(_meaning(binding.action), set())
                    where.add(cls.__name__)
    return keys


def test_a_lowercase_key_means_one_thing_on_every_screen():
    """`m` merged on Contacts, moved on the Pipeline and cycled the Scorecard's period;
    `o` edited a contact's organization and listed a campaign's contacts."""
    keys = _netrack_bindings()
    classes = set().union(*(c for meanings in keys.values() for c in meanings.values()))
    for screen in ("NetrackApp", "PipelineScreen", "ContactsScreen", "ScorecardScreen",
                   "CampaignDetailScreen", "ContactDetailScreen", "LinksDialog", "Confirm"):  # fmt: skip
        assert screen in classes, f"{screen}'s keys were not walked"
    twice = {
        key: {meaning: sorted(where) for meaning, where in meanings.items()}
        for key, meanings in keys.items()
        if len(meanings) > 1
    }
    assert twice == {}
    assert set(keys["m"]) == {"cycle_kind"} and set(keys["o"]) == {"organization"}


async def test_the_new_keys_merge_move_and_list_contacts(app, repo, today):
    """`M` merges on Contacts, `S` moves to any stage on the Pipeline and a campaign, `C`
    lists a campaign's contacts and roles; `?` and the palette name them."""
    from netrack.screens.campaign_detail import CampaignDetailScreen
    from netrack.screens.commands import system_commands
    from netrack.screens.modal.links import LinksDialog
    from netrack.screens.modal.move_form import MoveForm
    from netrack.screens.modal.pick import Pick

    repo.contacts.add("Ana López")
    repo.contacts.add("Ana Lopez", organization="Acme")
    acme = repo.campaigns.add("Platform Lead", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, MoveForm)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("?")
        assert "M            Merge into…" in screen_text(app)
        await pilot.press("escape", "M")
        await settle(pilot)
        assert isinstance(app.screen, Pick) and "into whom?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        app.open_campaign(acme.id)
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        palette = {c.title: c.help for c in system_commands(app, app.screen)}
        assert palette["Campaign's contacts & roles"] == "this screen (key C)"
        assert palette["Move campaign to a stage…"] == "this screen (key S)"
        # keys named as `?` names them, not Textual's names ("less_than_sign")
        keys = set(palette.values())
        assert "this screen (key <)" in keys and "this screen (key >)" in keys
        assert not [k for k in keys if "_sign" in k or "(key delete)" in k]
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        await pilot.press("escape", "S")
        await settle(pilot)
        assert isinstance(app.screen, MoveForm) and today


async def test_the_pipelines_delete_key_is_named_del_as_on_every_screen(app):
    """`?` on the Pipeline said "delete  Delete" where Contacts and Goals say "del"."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("?")
        await settle(pilot)
        rows = [" ".join(line.split()) for line in screen_text(app).splitlines()]
        assert any("del Delete" in row for row in rows), rows
        assert not any("delete Delete" in row for row in rows)


async def test_j_and_k_move_every_tables_cursor_and_help_names_them(app, repo, today):
    """`j`/`k` moved the cursor on the Pipeline and Contacts only: `4 j j d` marked the
    first follow-up done, and Goals and the detail pages' timelines ignored them too."""
    from datetime import timedelta

    from netrack.widgets.interactions import InteractionTable
    from netrack.widgets.last_column import LastColumnFills

    people = [repo.contacts.add(name) for name in ("Ana Alpha", "Ben Beta", "Cleo Gamma")]
    for days, person in enumerate(people):
        repo.activity.log([person.id], on=today, follow_up_on=today + timedelta(days=days))
    repo.activity.log([people[0].id], on=today - timedelta(days=1), kind="email")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("j", "j", "k", "j", "d")
        await settle(pilot)
        done = [bool(repo.activity.follow_ups(contact_id=p.id)[0].done_on) for p in people]
        assert done == [False, False, True]
        await pilot.press("?")
        assert "↑ k             Cursor up" in screen_text(app)
        assert "↓ j             Cursor down" in screen_text(app)
        await pilot.press("escape", "5")
        await settle(pilot)
        goals = app.screen.query_one(LastColumnFills)
        await pilot.press("j", "j", "k")
        assert goals.cursor_row == 1
        app.open_contact(people[0].id)
        await settle(pilot)
        timeline = app.screen.query_one(InteractionTable)
        timeline.focus()
        await pilot.press("j")
        assert timeline.cursor_row == 1


async def test_help_and_palette_list_home_end_and_the_page_keys_of_every_table(app, repo, today):
    """`?` on Goals, the Agenda and the detail pages hid home, end, pageup and pagedown
    (their actions share ScrollView's names), though `end e` edited the last goal; the
    palette left them out too."""
    from netrack.screens.commands import system_commands
    from netrack.widgets.interactions import InteractionTable

    ana = repo.contacts.add("Ana Alpha")
    repo.activity.log([ana.id], on=today, kind="email")
    async with app.run_test(size=(120, 50)) as pilot:
        for opened in ("5", "4", "contact"):
            if opened == "contact":
                app.open_contact(ana.id)
                await settle(pilot)
                app.screen.query_one(InteractionTable).focus()
            else:
                await pilot.press(opened)
            await settle(pilot)
            await pilot.press("?")
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(screen_text(app).split())
            for row in ("home ctrl+home First", "end ctrl+end Last", "pageup Page up"):
                assert row in text, opened
            assert "pagedown Page down" in text
            # ScrollView's sideways scrolling stays out
            assert "Scroll" not in text and "ctrl+pageup" not in text
            await pilot.press("escape")
            await settle(pilot)
        palette = {c.title: c.help for c in system_commands(app, app.screen)}
        assert palette["Last"] == "this screen (key end)"
        assert palette["Page down"] == "this screen (key pagedown)"


async def test_record_keys_on_an_empty_list_say_what_is_missing_and_the_key(app, repo):
    """On a new database the Pipeline's enter and Contacts' e and enter did nothing
    without a word while the key bar offered them; Contacts' a, M and del said only
    "No contact selected."."""
    from textual.widgets import Static

    keys = {
        "1": ("#pipeline-status", "No campaign yet: n opens one."),
        "2": ("#contacts-status", "No contact yet: n adds one."),
    }
    pipeline = "e x w p less_than_sign greater_than_sign u S delete enter"
    async with app.run_test(size=(120, 40)) as pilot:
        for tab, pressed in (("1", pipeline), ("2", "e a M delete enter")):
            await pilot.press(tab)
            await settle(pilot)
            where, words = keys[tab]
            status = app.screen.query_one(where, Static)
            for key in pressed.split():
                status.update("")
                await pilot.press(key)
                await settle(pilot)
                assert (key, status.display, str(status.render())) == (key, True, words)
        repo.contacts.add("Ana López")
        app.screen.reload()  # as the poll does, another program having added her
        await wait_until(pilot, lambda: "Ana López" in screen_text(app))
        await type_text(pilot, "/zzz")
        await pilot.press("enter", "e")
        await settle(pilot)
        assert "No contact matches the filter: escape clears it." in screen_text(app)


async def test_record_keys_with_every_contact_archived_point_to_a(app, repo):
    """Every contact archived: the record keys said "No contact yet: n adds one." and
    the table "No contacts yet", while A shows them. As the Pipeline says of closed
    campaigns: every one is archived, and A shows them."""
    from textual.widgets import Static

    repo.tidy.archive_contact(repo.contacts.add("Arch Ived").id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        status = app.screen.query_one("#contacts-status", Static)
        for key in ("e", "a", "M", "delete", "enter"):
            status.update("")
            await pilot.press(key)
            await settle(pilot)
            assert (key, str(status.render())) == (
                key,
                "No contact shown: every one is archived (A shows them).",
            )
        assert "every one is archived (A shows them). Press n to add one." in screen_text(app)
        await pilot.press("A")
        await wait_until(pilot, lambda: "Arch Ived (archived)" in screen_text(app))


def _empty_state_keys() -> list[tuple[str, str, type, str]]:
    """(hint, the key as it names it, the class of the screen it names (or of the widget
    there that takes the key), that key's binding): every empty state of netrack/screens
    that names a key to press."""
    from netrack.app import NetrackApp
    from netrack.screens import agenda_rows, contact_boxes, contacts_list, goals, pipeline
    from netrack.screens.campaign_detail import (
        NO_INTERACTIONS,
        NO_REFERRALS,
        NO_TIME,
        CampaignDetailScreen,
    )
    from netrack.screens.contact_detail import NO_TIMELINE, ContactDetailScreen
    from netrack.screens.contacts import ContactsScreen
    from netrack.screens.modal.links import NO_LINKS, LinksDialog
    from netrack.screens.modal.quicklog import NO_CONTACTS_YET
    from netrack.screens.pipeline import PipelineScreen

    app, campaign, contact = NetrackApp, CampaignDetailScreen, ContactDetailScreen
    return [
        (contact_boxes.NO_CAMPAIGNS, "n", campaign, "n"),
        (contact_boxes.NO_CAMPAIGNS, "1", app, "1"),
        (contact_boxes.NO_CAMPAIGNS, "⏎", Kanban, "enter"),  # the Pipeline's board
        (contact_boxes.NO_FOLLOW_UPS, "l", app, "l"),
        (contact_boxes.NO_REFERRALS, "r", contact, "r"),
        (NO_TIMELINE, "l", contact, "l"),
        (NO_REFERRALS, "r", campaign, "r"),
        (NO_TIME, "T", campaign, "T"),
        (NO_INTERACTIONS, "l", campaign, "l"),
        (NO_LINKS, "n", LinksDialog, "n"),
        (NO_CONTACTS_YET, "2", app, "2"),
        (NO_CONTACTS_YET, "n", ContactsScreen, "n"),
        (contacts_list.EMPTY, "n", ContactsScreen, "n"),
        (contacts_list.NO_MATCH, "escape", ContactsScreen, "escape"),
        (contacts_list.ALL_ARCHIVED, "A", ContactsScreen, "A"),
        (contacts_list.ALL_ARCHIVED, "n", ContactsScreen, "n"),
        (pipeline.EMPTY, "n", PipelineScreen, "n"),
        (pipeline.ALL_CLOSED, "c", PipelineScreen, "c"),
        (pipeline.NONE_CLOSED, "c", PipelineScreen, "c"),
        (goals.EMPTY, "n", goals.GoalsScreen, "n"),
        (goals.NO_GOAL, "n", goals.GoalsScreen, "n"),
        (agenda_rows.NOTHING_DUE, "l", app, "l"),
        (agenda_rows.NOTHING_LOGGED, "l", app, "l"),
        (agenda_rows.NOBODY_TO_LOG, "2", app, "2"),
        (agenda_rows.NOBODY_TO_LOG, "n", ContactsScreen, "n"),
        (agenda_rows.NOBODY_DUE, "e", ContactsScreen, "e"),
        (agenda_rows.NOBODY_DUE, "e", contact, "e"),
    ]


@pytest.mark.parametrize(
    ("hint", "named", "screen", "key"),
    _empty_state_keys(),
    ids=lambda value: getattr(value, "__name__", None),
)
def test_every_empty_state_names_a_key_its_screen_binds(hint, named, screen, key):
    """SPEC: "Empty states explain the next key to press". A contact's empty Campaigns
    box named `C` on a campaign's page, where `C` lists the linked and `n` links."""
    assert re.search(rf"(?<![\w+]){re.escape(named)}(?!\w)", hint), (named, hint)
    bound = {one for keys in screen._merged_bindings.key_to_bindings for one in keys.split(",")}
    assert key in bound, f"{hint!r} names {named}, which {screen.__name__} does not bind"
