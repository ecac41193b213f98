"""Imports from the command palette: every format, a summary screen, screens up to date.

Real files of tests/data go through the palette as a person would use it (ctrl+p, the
command's name, the path, enter); the summary names what was skipped and why, and the
screens already open show the new contacts and history without a reload key.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netrack.screens.agenda import AgendaScreen
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.contacts import ContactsScreen
from netrack.screens.modal.import_summary import ImportSummaryScreen
from netrack.screens.modal.prompt import ACTIONS
from tests.ui import test_snapshots
from tests.ui.conftest import (
    palette_offers,
    prompt_open,
    screen_text,
    settle,
    type_text,
    wait_until,
)

DATA = Path(__file__).resolve().parents[1] / "data"
save = test_snapshots.save  # the snapshot fixture: compares with screenshots/<name>.svg


async def palette_run(pilot, command: str, path: str) -> None:
    """The palette's `command` given `path` (enter pressed on it)."""
    await pilot.press("ctrl+p")
    await type_text(pilot, command)
    await wait_until(pilot, palette_offers(pilot.app, command))
    await pilot.press("enter")
    await wait_until(pilot, prompt_open(pilot.app))
    await type_text(pilot, path)
    await pilot.press("enter")


async def palette_import(pilot, command: str, path: str) -> str:
    """Run the palette's `command` on `path`; the summary screen's text."""
    app = pilot.app
    await palette_run(pilot, command, path)
    await wait_until(pilot, lambda: isinstance(app.screen, ImportSummaryScreen), rounds=1000)
    await settle(pilot)
    # Pushed is not yet painted: its first frame comes after.
    await wait_until(pilot, lambda: "Imported" in screen_text(app))
    return screen_text(app)


def test_the_palette_offers_every_import():
    titles = {action.title for action in ACTIONS}
    assert {"Import LinkedIn…", "Import vCard…", "Import JSON…", "Import calendar…"} <= titles
    linkedin = next(a for a in ACTIONS if a.title == "Import LinkedIn…")
    for name in ("Connections.csv", "messages.csv", "Invitations.csv", ".zip"):
        assert name in linkedin.help
    vcard = next(a for a in ACTIONS if a.title == "Import vCard…")
    assert "folder" in vcard.help


async def test_linkedin_import_shows_a_summary_and_the_new_history_at_once(
    app, repo, today, monkeypatch
):
    monkeypatch.chdir(DATA / "linkedin")  # short relative paths: typing is slow
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")  # the Agenda exists before the import, then is hidden
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "No contacts yet" in screen_text(app)

        text = await palette_import(pilot, "import linkedin", "Connections.csv")
        assert "Imported Connections.csv" in text
        assert "Contacts: 7 added, 0 updated, 1 skipped" in text
        assert "without a name: 1 — line 10" in text
        assert "Organizations: 5 added, 0 updated, 0 skipped" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        contacts = screen_text(app)
        assert "Ana López" in contacts and "Raj Patel" in contacts
        assert "2024-06-12" not in contacts  # no history yet
        # Strong ties go cold on the Agenda: Ana is one (set as the user would, in a form)
        ana = next(c for c in repo.contacts.all() if c.name == "Ana López")
        repo.contacts.update(ana.id, strength=4)

        text = await palette_import(pilot, "import linkedin", "messages.csv")
        assert "Imported messages.csv" in text
        assert "Interactions: 4 added, 0 updated, 1 skipped" in text
        assert "not a contact: 1 — Sponsored Sender" in text
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert "2024-06-12" in screen_text(app)  # Ana's last touch, from her messages

        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        idle = (today - date(2024, 6, 12)).days  # since her last message, not met_on
        cold = next(line for line in screen_text(app).splitlines() if "Ana López" in line)
        assert f"{idle}d  ●" in cold

        await pilot.press("2")
        await settle(pilot)
        app.open_contact(ana.id)
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        detail = screen_text(app)
        assert "2024-06-12" in detail and "2024-06-11" in detail
        assert "Here is the job link I mentioned" in detail


async def test_an_open_contact_shows_the_imported_messages_at_once(app, repo, monkeypatch):
    from netrack.interop import api

    api.import_file(repo, "linkedin", DATA / "linkedin" / "Connections.csv")
    ana = next(c for c in repo.contacts.all() if c.name == "Ana López")
    monkeypatch.chdir(DATA / "linkedin")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_contact(ana.id)
        await settle(pilot)
        assert "Here is the job link I mentioned" not in screen_text(app)
        await palette_import(pilot, "import linkedin", "messages.csv")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        detail = screen_text(app)
        assert "Here is the job link I mentioned" in detail and "2024-06-12" in detail


@pytest.mark.parametrize(
    ("command", "path", "expected"),
    [
        ("import vcard", "vcard", "Imported vcard"),
        ("import calendar", "ics/google-daily-recur.ics", "Interactions: 0 added"),
    ],
)
async def test_vcard_folder_and_calendar_import_from_the_palette(
    app, monkeypatch, command, path, expected
):
    monkeypatch.chdir(DATA)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = await palette_import(pilot, command, path)
        assert expected in text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ImportSummaryScreen)


async def test_a_refused_import_keeps_the_prompt_and_says_why(app, monkeypatch):
    monkeypatch.chdir(DATA / "linkedin")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "import linkedin")
        await wait_until(pilot, palette_offers(app, "import linkedin"))
        await pilot.press("enter")
        await wait_until(pilot, prompt_open(app))
        await type_text(pilot, "wrong_header.csv")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not getattr(app.screen, "running", True))
        assert "wrong_header.csv" in screen_text(app)
        assert not isinstance(app.screen, ImportSummaryScreen)


async def test_summary_screen_snapshot(app, tmp_path, monkeypatch, save):
    """The whole export in one .zip: contacts, organizations, interactions, invitations."""
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        for name in ("Connections.csv", "messages.csv", "Invitations.csv"):
            archive.write(DATA / "linkedin" / name, f"Basic_LinkedInDataExport/{name}")
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=test_snapshots.SIZE) as pilot:
        await settle(pilot)
        text = await palette_import(pilot, "import linkedin", "export.zip")
        assert "Imported export.zip" in text
        assert "Contacts: 7 added, 0 updated, 1 skipped" in text
        assert "Interactions: 4 added, 0 updated, 1 skipped" in text
        assert "not a contact: 1 — Sponsored Sender" in text
        assert "Invitations:" in text
        await save(pilot, "import-summary")


async def test_the_summary_says_a_new_databases_default_goals_were_replaced(
    app, repo, tmp_path, monkeypatch
):
    """Into a new database the file's goals take the defaults' place; the summary says
    so (it said nothing, and `goal list` then lacked four goals)."""
    goal = {"metric": "events", "target": 2, "comparator": "at_least", "period": "week",
            "note": "", "since": "2026-11-01"}  # fmt: skip
    document = {"format": "netrack", "schema_version": 10, "settings": {}, "goals": [goal]}
    (tmp_path / "goals.json").write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        text = await palette_import(pilot, "import json", "goals.json")
        lines = [line.strip(" │") for line in text.splitlines()]
        at = lines.index("Goals: 1 added, 0 updated, 0 skipped")
        assert lines[at + 1] == "the 4 default goals replaced by the file's"
    assert [(g.metric, g.target) for g in repo.goals.all()] == [("events", 2.0)]


async def test_the_summary_warns_of_an_export_from_a_time_zone_ahead(
    app, repo, tmp_path, monkeypatch
):
    """A contact met "today" where the file was exported, tomorrow here: imported, and
    the summary says why its date is after today (it was skipped as a mistake)."""
    contact = {"ref": 1, "name": "Ana López", "met_on": "2026-11-28"}
    document = {"format": "netrack", "schema_version": 10, "contacts": [contact]}
    (tmp_path / "ahead.json").write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = await palette_import(pilot, "import json", "ahead.json")
        lines = [line.strip(" │") for line in text.splitlines()]
        assert "Contacts: 1 added, 0 updated, 0 skipped" in lines
        at = lines.index("Warnings:")
        assert " ".join(lines[at + 1 : at + 3]) == (  # the dialog is 90 wide
            "1 record is dated up to 2026-11-28, after today (2026-11-27): exported in a "
            "time zone ahead of this one; kept"
        )
    assert [(c.name, c.met_on) for c in repo.contacts.all()] == [("Ana López", date(2026, 11, 28))]


async def test_a_messages_file_without_sent_messages_asks_for_the_users_name(
    app, repo, tmp_path, monkeypatch
):
    """The CLI's --me: the prompt asks for the name, then imports."""
    from netrack.interop import api

    api.import_file(repo, "linkedin", DATA / "linkedin" / "Connections.csv")
    lines = (DATA / "linkedin" / "messages.csv").read_text(encoding="utf-8").splitlines()
    inbox = [lines[0], *(line for line in lines[1:] if not line.rstrip(",").endswith("SENT"))]
    (tmp_path / "inbox.csv").write_text("\n".join(inbox) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "import linkedin")
        await wait_until(pilot, palette_offers(app, "import linkedin"))
        await pilot.press("enter")
        await wait_until(pilot, prompt_open(app))
        await type_text(pilot, "inbox.csv")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "which participant is you" in screen_text(app))
        assert app.focused.placeholder == "your name as LinkedIn shows it"
        assert app.focused.value == ""
        await type_text(pilot, "Sam Rivera")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportSummaryScreen), rounds=1000)
        # Pushed is not yet painted: its first frame comes after.
        await wait_until(pilot, lambda: "Imported inbox.csv" in screen_text(app))
        text = screen_text(app)
        assert "Interactions:" in text
        assert "Sam Rivera" not in text  # the user is no contact to skip


async def test_importing_the_database_itself_is_refused_before_it_is_opened(app, repo):
    """Opened and closed to be read, the database file lost every lock this process
    held on it (Linux drops them all with any descriptor closed): the next `netrack`
    command took itself for the only user and deleted the -wal file the app went on
    writing to. Every later write of the session was lost while it said saved."""
    import os
    import subprocess
    import sys

    db = repo.path
    wal = Path(f"{db}-wal")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert wal.exists()
        for command, path in (("import json", str(db)), ("import vcard", f"{db}-wal")):
            await palette_run(pilot, command, path)
            error = app.screen.query_one("#prompt-error")

            def said(error: Any = error) -> bool:
                return "is the database" in str(error.render())

            await wait_until(pilot, said)
            assert str(error.render()).endswith("; give a file to import"), path
            await pilot.press("escape")
            await settle(pilot)
        env = {**os.environ, "NETRACK_TODAY": "2026-11-27"}
        other = [sys.executable, "-m", "netrack", "--db", str(db), "contact", "list"]
        subprocess.run(other, check=True, capture_output=True, env=env, timeout=60)
        assert wal.exists()  # the app's locks held: the other command left it alone
        repo.contacts.add("Written After")
    names = subprocess.run(other, check=True, capture_output=True, env=env, text=True).stdout
    assert "Written After" in names
