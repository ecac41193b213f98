"""App-wide keys, help, palette, live refresh from another process, quitting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from netrack.app import create_app
from netrack.screens.agenda import AgendaScreen
from netrack.screens.campaign_detail import CampaignDetailScreen
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.contacts import ContactsScreen
from netrack.screens.goals import GoalsScreen
from netrack.screens.help import HelpScreen
from netrack.screens.modal.prompt import PathPrompt
from netrack.screens.pipeline import PipelineScreen
from netrack.screens.scorecard import ScorecardScreen
from tests.ui.conftest import (
    palette_offers,
    prompt_done,
    prompt_open,
    screen_text,
    settle,
    type_text,
    wait_until,
)


async def test_number_keys_switch_screens_from_anywhere(app, repo):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        expected = {
            "1": PipelineScreen,
            "2": ContactsScreen,
            "3": ScorecardScreen,
            "4": AgendaScreen,
            "5": GoalsScreen,
        }
        for key, screen in [*expected.items(), ("1", PipelineScreen)]:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen), key
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("4")
        assert isinstance(app.screen, AgendaScreen)


async def test_help_lists_the_keys_of_the_current_screen(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key, words in (("<", "Stage back"), ("x", "Lost"), ("w", "Won"), ("ctrl+p", "palette")):
            assert key in text and words in text
        assert "Focus Next" not in text and "Copy selected text" not in text  # Textual's own
        await pilot.press("escape", "3", "?")
        text = screen_text(app)
        assert "Previous" in text and "This period" in text and "Week/month/qtr/year" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ScorecardScreen)


async def test_the_keys_help_lists_everywhere_work_in_the_help(app, repo):
    """Over the key list, `q` closed it instead of quitting, and `1`-`5` and `l` did
    nothing: the list's own "Everywhere" keys. They close the list and act."""
    from netrack.screens.modal.quicklog import QuickLog

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("?", "3")
        await settle(pilot)
        assert isinstance(app.screen, ScorecardScreen)
        await pilot.press("?", "l")
        await wait_until(pilot, lambda: isinstance(app.screen, QuickLog))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("?", "q")
        await wait_until(pilot, lambda: not app.is_running)


async def test_palette_jumps_to_contacts_and_campaigns(app, repo):
    repo.contacts.add("[bold]x[/bold]")
    campaign = repo.campaigns.add("Platform Lead", "Globex")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "bold")
        await wait_until(pilot, palette_offers(app, "[bold]x[/bold]"))
        assert "[bold]x[/bold]" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert "[bold]x[/bold]" in screen_text(app)
        await pilot.press("ctrl+p")
        await type_text(pilot, "globex plat")
        await wait_until(pilot, palette_offers(app, "Platform Lead"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        assert app.screen.campaign_id == campaign.id


async def test_palette_runs_the_actions_of_the_other_screens_on_their_selection(app, repo):
    """From the Pipeline, "archive" found nothing: the palette offered the current
    screen's keys alone (SPEC: every action of every screen). Chosen, another tab's
    action runs there once it shows its data, on the row it selects, asking first."""
    from netrack.screens.modal.confirm import Confirm

    repo.contacts.add("Ana López", organization="Acme")
    repo.goals.add("interviews", 2)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        await pilot.press("ctrl+p")
        await type_text(pilot, "archive")
        await wait_until(pilot, palette_offers(app, "Contacts: Archive / bring back contact"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        asked = app.screen
        assert isinstance(asked, Confirm) and asked.question.startswith("Archive Ana López?")
        await pilot.press("y")
        await wait_until(pilot, lambda: repo.contacts.get(1).archived)
        assert isinstance(app.screen, ContactsScreen)
        # a tab visited before, its data shown already: at once, on its selection
        await pilot.press("5")
        await settle(pilot)  # its rows loaded (a worker): before them `end` had none to go to
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "goals delete")
        await wait_until(pilot, palette_offers(app, "Goals: Delete"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        asked = app.screen
        assert isinstance(asked, Confirm) and "interviews" in asked.question  # the last row
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        assert [g.metric for g in repo.goals.all()].count("interviews") == 1


async def test_palette_tells_namesake_campaigns_apart(app, repo):
    """Two campaigns "Globex Platform Lead" read the same in the palette: which one
    enter opened was a guess. Each is named with its id, as the CLI names them."""
    first = repo.campaigns.add("Platform Lead", "Globex")
    second = repo.campaigns.add("Platform Lead", "Globex")
    repo.campaigns.add("Data Lead", "Globex")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "platform lead")
        await wait_until(pilot, palette_offers(app, "Platform Lead"))
        text = screen_text(app)
        assert f"Globex Platform Lead [id:{first.id}]" in text
        assert f"Globex Platform Lead [id:{second.id}]" in text
        await pilot.press("escape", "ctrl+p")
        await type_text(pilot, "data lead")
        await wait_until(pilot, palette_offers(app, "Globex Data Lead"))
        assert "[id:" not in screen_text(app)  # a name of its own needs no id
        await pilot.press("escape", "ctrl+p")
        await type_text(pilot, f"id:{second.id}")
        await wait_until(pilot, palette_offers(app, f"[id:{second.id}]"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        assert app.screen.campaign_id == second.id


async def test_palette_finds_names_without_their_accents(app, repo):
    repo.contacts.add("Ana López", organization="Acme")
    joao = repo.contacts.add("João Silva")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "lopez")
        await wait_until(pilot, palette_offers(app, "Ana López (Acme)"))
        await pilot.press("escape", "ctrl+p")
        await type_text(pilot, "JOAO silva")
        await wait_until(pilot, palette_offers(app, "João Silva"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == joao.id


def palette_names(app) -> list[str]:
    """The contacts and campaigns the open palette lists, top to bottom."""
    from textual.command import CommandList

    found = app.screen.query_one(CommandList)
    prompts = [str(found.get_option_at_index(i).prompt.plain) for i in range(found.option_count)]
    return [p.split("\n")[0] for p in prompts if p.endswith(("open contact", "open campaign"))]


async def test_palette_lists_the_best_names_by_tier(app, repo):
    """A letter or two typed in the palette of a 50,000-contact history froze the app for
    7–20 s a key: every name holding the letters was matched and listed. It lists the
    best hundred, as names resolve: the exact name, names or their words starting with
    the text, names holding it, then names holding its letters in order."""
    for name in ("Banana Split", "Alan Nash", "Dana Ana", "Anaïs Nin", "Ana"):
        repo.contacts.add(name)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "ana")
        await wait_until(pilot, palette_offers(app, "Ana"))
        assert palette_names(app) == ["Ana", "Dana Ana", "Anaïs Nin", "Banana Split", "Alan Nash"]
        await pilot.press("escape")
        for number in range(150):
            repo.contacts.add(f"Ana Patel {number:03}")
        await pilot.press("ctrl+p")
        await type_text(pilot, "ana")
        await wait_until(pilot, palette_offers(app, "Ana"))
        listed = palette_names(app)
        assert len(listed) == 100 and listed[:3] == ["Ana", "Dana Ana", "Anaïs Nin"]
        assert listed[3:] == [f"Ana Patel {number:03}" for number in range(97)]
        await pilot.press("escape", "ctrl+p")
        await type_text(pilot, "a nash")  # a name no tier holds, found by its letters
        await wait_until(pilot, palette_offers(app, "Alan Nash"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Alan Nash" in screen_text(app)


async def test_palette_runs_screen_actions(app, repo):
    campaign = repo.campaigns.add("Platform Lead", "Globex")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "stage on")
        await wait_until(pilot, palette_offers(app, "stage"))
        await pilot.press("enter")
        await settle(pilot)
        assert repo.campaigns.get(campaign.id).stage.value == "target"


async def test_palette_names_each_screen_action_with_its_object(app, repo):
    """The palette called the Pipeline's actions "Delete", "Lost", "New": `delete
    campaign` or `mark lost` found nothing, nor did `week start` find Settings…"""
    from netrack.screens.modal.confirm import Confirm
    from netrack.screens.modal.settings_form import SettingsForm

    repo.contacts.add("Ana López")
    repo.campaigns.add("Platform Lead", "Globex")
    searches = {
        "1": (
            ("delete campaign", "Delete campaign"),
            ("mark lost", "Close campaign: mark it lost"),
            ("new campaign", "New campaign"),
            ("week start", "Settings…"),
            ("going cold", "Settings…"),
            ("stalled", "Settings…"),
        ),
        "2": (
            ("archive contact", "Archive / bring back contact"),
            ("merge contact", "Merge contact into…"),
            ("delete contact", "Delete contact"),
        ),
    }
    async with app.run_test(size=(120, 40)) as pilot:
        for screen_key, found in searches.items():
            await pilot.press(screen_key)
            await settle(pilot)
            for query, title in found:
                await pilot.press("ctrl+p")
                await type_text(pilot, query)
                await wait_until(pilot, palette_offers(app, title))
                await pilot.press("escape")
                await settle(pilot)
        await pilot.press("1", "ctrl+p")
        await type_text(pilot, "delete campaign")
        await wait_until(pilot, palette_offers(app, "Delete campaign"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await settle(pilot)
        assert repo.campaigns.names() == []
        await pilot.press("ctrl+p")
        await type_text(pilot, "going cold")
        await wait_until(pilot, palette_offers(app, "Settings…"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsForm))


async def test_palette_export_and_backup(app, repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # short relative paths: typing is slow
    repo.contacts.add("Ana López")
    out = tmp_path / "out.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "export json")
        await wait_until(pilot, palette_offers(app, "export json"))
        await pilot.press("enter")
        await wait_until(pilot, prompt_open(app))
        blocker = tmp_path / "a-file"
        blocker.write_text("not a folder")
        await type_text(pilot, "a-file/x.json")
        await pilot.press("enter")
        await wait_until(pilot, prompt_done(app))
        assert isinstance(app.screen, PathPrompt)
        assert "a-file" in screen_text(app)  # why it was refused, in place
        assert not out.exists()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "out.json")
        await pilot.press("enter")
        await wait_until(pilot, prompt_done(app))
        assert out.exists()
        assert "out.json" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, PipelineScreen)
        await pilot.press("ctrl+p")
        await type_text(pilot, "backup")
        await wait_until(pilot, palette_offers(app, "backup"))
        await pilot.press("enter")
        await wait_until(pilot, prompt_open(app))
        await type_text(pilot, "b.db")
        await pilot.press("enter")
        await wait_until(pilot, prompt_done(app))
        assert (tmp_path / "b.db").exists()


async def test_palette_import_refreshes_screens(app, repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    vcf = tmp_path / "people.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoe Quinn\r\nORG:Hooli\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert "No contacts yet" in screen_text(app)
        await pilot.press("ctrl+p")
        await type_text(pilot, "import vcard")
        await wait_until(pilot, palette_offers(app, "import vcard"))
        await pilot.press("enter")
        await wait_until(pilot, prompt_open(app))
        await type_text(pilot, vcf.name)
        await pilot.press("enter")
        await wait_until(pilot, prompt_done(app))
        await settle(pilot)
        assert [c.name for c in repo.contacts.all()] == ["Zoe Quinn"]
        await pilot.press("escape")
        await settle(pilot)
        assert "Zoe Quinn" in screen_text(app)


async def test_a_write_from_another_process_shows_at_the_next_poll(repo, db_path: Path):
    repo.contacts.add("Ana López")
    app = create_app(repo, poll_seconds=0.05)  # the poll is what this test waits for
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "Nothing logged today" in screen_text(app)
        env_today = repo.today().isoformat()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "netrack",
                "log",
                "--db",
                str(db_path),
                "@ana #call from the CLI",
            ],
            check=True,
            capture_output=True,
            env={"NETRACK_TODAY": env_today, "PATH": "/usr/bin:/bin"},
        )
        # No key pressed, nothing written here: only the poll can bring it in.
        await wait_until(pilot, lambda: "from the CLI" in screen_text(app))


async def test_q_quits_cleanly(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)


async def test_quitting_asks_before_it_throws_a_half_filled_form_away(app):
    """ctrl+q from a half-filled form quit at once, the typing gone (escape asks)."""
    from netrack.screens.modal.contact_form import ContactForm

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await type_text(pilot, "Jane Typed")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert "Quit and lose what you typed (Name)?" in screen_text(app)
        await pilot.press("n")  # back to the form, the name kept
        await settle(pilot)
        assert isinstance(app.screen, ContactForm) and app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("ctrl+q")  # asked already: a second quit key quits
        await pilot.pause()
    assert app.return_code in (0, None) and not app.is_running


async def test_q_asks_before_it_throws_the_kept_quick_log_draft_away(app):
    """Escape keeps the quick-log line for the next `l`; `q` then threw it away."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await type_text(pilot, "@ana #coffee 1h important draft")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert "Quit and lose the quick-log draft?" in screen_text(app)
        await pilot.press("escape")  # no
        await settle(pilot)
        assert app.is_running and app.quick_log_draft.text == "@ana #coffee 1h important draft"
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code in (0, None) and not app.is_running


async def test_quitting_from_another_screen_asks_about_a_form_left_open(app):
    """`n`, a title and an organization, then the palette's "Go to Agenda" and `q`: the
    app quit at once, the form left on the Pipeline thrown away unasked."""
    from netrack.screens.modal.campaign_form import CampaignForm
    from netrack.screens.modal.confirm import Confirm

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        await type_text(pilot, "Staff engineer")
        await pilot.press("tab")
        await type_text(pilot, "Acme")
        await pilot.press("ctrl+p")
        await type_text(pilot, "go to agenda")
        await wait_until(pilot, palette_offers(app, "Go to Agenda"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, Confirm)
        assert (
            app.screen.question == "Quit and lose what you typed (Title, Organization) on Pipeline?"
        )
        await pilot.press("n", "1")  # not quitting: the form, its typing kept
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        assert app.screen.query_one("#field-title", Input).value == "Staff engineer"
        assert app.screen.query_one("#field-organization", Input).value == "Acme"


async def test_the_palette_over_a_form_opens_no_second_form_on_it(app):
    """Ctrl+P in an open form offered "Add time entry…": a second form opened over the
    first, whose border showed through, its typing back after the second was closed.
    Over a form the palette offers going elsewhere (the form kept) and the form's keys."""
    from textual.command import CommandPalette

    from netrack.screens.commands import system_commands
    from netrack.screens.modal.time_form import TimeForm

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "add time entry")
        await wait_until(pilot, palette_offers(app, "Add time entry"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TimeForm))
        await type_text(pilot, "1h")
        titles = [command.title for command in system_commands(app, app.screen)]
        assert "Go to Agenda" in titles and "Help" in titles
        # (another tab's key goes to that tab first: "Contacts: Merge contact into…")
        opening_here = [t for t in titles if t.endswith("…") or t == "Quick log"]
        assert not [t for t in opening_here if ": " not in t], titles
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "agenda")
        await wait_until(pilot, palette_offers(app, "Go to Agenda"))
        await pilot.press("enter")  # elsewhere and back: the form as it was, alone
        await settle(pilot)
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, TimeForm))
        assert len(app.screen_stack) == 2
        assert app.screen.query_one("#field-duration", Input).value == "1h"


async def test_quitting_from_another_screen_asks_about_a_quick_log_line_left_open(app):
    """`l`, a line, the palette's "Go to Goals", `q`: quit at once, the line gone."""
    from netrack.screens.modal.quicklog import QuickLog

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        await type_text(pilot, "@ana #coffee 1h long note")
        await pilot.press("ctrl+p")
        await type_text(pilot, "go to goals")
        await wait_until(pilot, palette_offers(app, "Go to Goals"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        assert "Quit and lose the quick-log line on Pipeline?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code in (0, None) and not app.is_running


async def test_the_collector_comes_back_once_the_first_frame_is_drawn(app, repo):
    import gc

    from netrack import startup

    repo.campaigns.add("Staff engineer", organization="Acme")
    was_on = gc.isenabled()
    try:
        with startup.loading():
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
                assert "Staff engineer" in screen_text(app)
                assert gc.isenabled()
                assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # what `loading()` froze: this test process goes on
        if was_on:
            gc.enable()


async def test_palette_imports_and_exports_run_off_the_ui_thread(app, repo, tmp_path, monkeypatch):
    """A long import must not freeze the screen: the action runs in a thread worker, and
    its summary comes back to the prompt."""
    import threading

    from netrack.interop import api
    from netrack.screens.modal.prompt import ACTIONS

    threads: list[threading.Thread] = []

    def export(repo, fmt, path, force=False, streams=True):
        threads.append(threading.current_thread())
        return f"exported {fmt} to {path}"

    monkeypatch.setattr(api, "export", export)
    action = next(a for a in ACTIONS if a.title == "Export JSON…")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.run_action_prompt(action)
        await wait_until(pilot, prompt_open(app))
        await type_text(pilot, "out.json")
        await pilot.press("enter")
        await wait_until(pilot, prompt_done(app))
        assert "exported json to out.json" in screen_text(app)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


async def test_a_question_opens_with_no_toast_over_it(app, repo):
    """After a move (its toast up for seconds), x opened "Close as lost" under the toast:
    at 80×24 its question read "Why was Kestrel Robotics Pl▌"."""
    from netrack.screens.modal.lost import LostDialog

    repo.campaigns.add("Platform Lead", "Kestrel Robotics")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(">")
        await settle(pilot)
        assert [n.message for n in app._notifications]  # "moved … research → target"
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, LostDialog)
        assert not list(app._notifications)
        assert "Kestrel Robotics Platform Lead" in " ".join(screen_text(app).split())


async def test_quitting_asks_before_it_throws_a_losss_note_away(app, repo):
    """ctrl+q in "Close as lost" with a note typed quit at once, the note gone."""
    from netrack.screens.modal.lost import LostDialog

    repo.campaigns.add("Platform Lead", "Kestrel Robotics")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, LostDialog)
        await pilot.press("enter")  # the first reason; the note's field next
        await settle(pilot)
        app.screen.query_one("#lost-note").focus()
        await type_text(pilot, "an internal candidate after four rounds")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert "Quit and lose what you typed?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, LostDialog) and app.is_running


async def test_a_screens_key_shows_that_screen_not_a_page_opened_over_it(app, repo):
    """A contact opened from the Scorecard, then 4, then 3: the contact again, and 3
    once more did not help (SPEC: each screen one key away from anywhere)."""
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ScorecardScreen)
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("3")  # its own key, from a page over it
        await settle(pilot)
        assert isinstance(app.screen, ScorecardScreen)


async def test_a_search_in_the_contacts_filter_is_no_typing_to_ask_about(app, repo):
    """`2 / ana ↓ q` asked "Quit and lose what you typed?": a filter is a search."""
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "ana")
        await pilot.press("down", "q")
        await pilot.pause()
        assert app._quit_question is None  # not asked: quitting
    assert app.return_code in (0, None)
