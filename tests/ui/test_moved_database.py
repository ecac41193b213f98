"""The database file moved away while the TUI is open: the quick log says nothing was
saved, in place, with the line kept (it said "logged", and the entry was lost), no empty
database appears at the old path, and a screen's first load says why it has nothing
instead of "loading…" for ever."""

from __future__ import annotations

import sqlite3

from textual.widgets import Input, Static

from netrack.screens.agenda import AgendaScreen
from netrack.screens.modal.quicklog import QuickLog
from tests.ui.conftest import screen_text, settle, type_text, wait_until

GONE = "was moved or deleted while netrack was open"


async def test_quick_log_into_a_moved_file_is_refused_in_place(app, repo):
    repo.contacts.add("Ana López")
    path = repo.path
    moved = path.with_name("moved.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        path.rename(moved)
        await pilot.press("l")
        await type_text(pilot, "#coffee @ana kept?")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one("#ql-input", Input).value == "#coffee @ana kept?"
        assert GONE in str(app.screen.query_one("#ql-error", Static).content)
        assert not any("logged" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        said = lambda: [str(s.content) for s in app.screen.query(".empty").results(Static)]  # noqa: E731
        await wait_until(pilot, lambda: any(line.startswith("could not load") for line in said()))
        assert all(line.startswith(f"could not load: {path} {GONE}") for line in said())
        assert "loading…" not in screen_text(app)
    assert not path.exists()
    with sqlite3.connect(moved) as connection:
        assert not connection.execute("SELECT 1 FROM interaction").fetchall()
