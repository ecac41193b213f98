"""The app's life beside the user's other programs: a copy of the database file made
while it stays open holds every change it saved, and `kill` or a closed terminal end it
as `q` does."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

import netrack.app
import netrack.app_live_data
from tests.ui.conftest import settle, type_text, wait_until


def interactions_in_the_file_alone(db: Path, copy: Path) -> int:
    """What `cp netrack.db elsewhere.db` copies: the file, not its -wal."""
    shutil.copyfile(db, copy)
    with sqlite3.connect(copy) as opened:
        return int(opened.execute("SELECT COUNT(*) FROM interaction").fetchone()[0])


async def test_a_copy_of_the_file_made_while_the_app_is_open_holds_its_writes(
    app, repo, tmp_path, monkeypatch
):
    """The TUI held every change in the WAL until it quit: a copy of the file was an
    empty database, which netrack then opened as a new one, without a word."""
    monkeypatch.setattr(netrack.app_live_data, "FOLD_SECONDS", 0.05)
    db = Path(repo.store.path)
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@ana #call 30m about the team")
        await pilot.press("enter")
        await settle(pilot)
        assert len(repo.activity.interactions()) == 1
        await wait_until(
            pilot, lambda: interactions_in_the_file_alone(db, tmp_path / "copy.db") == 1
        )


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
async def test_sigterm_and_sighup_end_the_app_as_q_does(app, repo, name, code):
    """`kill` or a closed terminal left the terminal in the app's modes (alternate
    screen, mouse) and the database open; the app now exits through its own shutdown,
    with the shell's status for the signal."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        os.kill(os.getpid(), getattr(signal, name))
        await wait_until(pilot, lambda: app.return_code is not None)
    assert app.return_code == code


async def test_a_hangup_while_the_app_ends_stops_the_input_thread_and_keeps_q_s_status(app, repo):
    """`q`, then the terminal closed while the app shut down (bench/tui_startup.py does
    this): Textual stops its input thread only after writing to the terminal, which
    then fails, so the thread read the gone terminal at half a core and the process
    never ended. A hangup tells the thread to stop; `q`'s status stands."""
    import threading

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        stop = threading.Event()
        app._driver.exit_event = stop  # type: ignore[union-attr]  # as LinuxDriver's
        app.exit()  # what `q` does
        app._end_on("SIGHUP", 129)  # the signal's handler, as the loop calls it
        assert stop.is_set()
    assert app.return_code == 0


@pytest.mark.parametrize(
    ("code", "said"), [(143, "netrack: stopped; nothing was changed\n"), (129, "")]
)
def test_the_command_ends_with_the_signals_status(repo, code, said, monkeypatch, capsys):
    """A hangup said its line to a terminal that was gone (EIO, exit 1) and exited 143."""
    from netrack import cli, cli_launch

    monkeypatch.setattr(netrack.app, "run", lambda opened: code)
    from netrack.data.writes import Writes

    for module in (cli, cli_launch):
        monkeypatch.setattr(module, "has_terminal", lambda: True)
    # This process's other tests' writes, and the new databases they discarded: a read
    # of a missing file (in-process, earlier on this worker) made this say "PATH was not
    # created" of that test's file.
    fresh = {
        "begun": 0,
        "open": 0,
        "committed": 0,
        "files_begun": 0,
        "upgraded": "",
        "discarded": (),
    }
    for count, value in fresh.items():
        monkeypatch.setattr(Writes, count, value)
    monkeypatch.delenv("CI", raising=False)

    assert cli.main(["--db", str(repo.store.path)]) == code
    assert capsys.readouterr().err == said


def test_the_input_thread_is_told_to_end_however_the_app_ended(repo, monkeypatch):
    """`q`, then the terminal gone before Textual's shutdown wrote to it: the write
    failed, the input thread was never told to stop, and the process stayed, reading
    the gone terminal at most of a core (the hangup came too late for the app's own
    handler). `run` tells the thread once the app has ended."""
    import threading

    stop = threading.Event()

    class EndedWithTheTerminalGone(netrack.app.NetrackApp):
        def run(self, *args, **kwargs):  # as Textual's run ends when that write fails
            self._driver = type("Driver", (), {"exit_event": stop})()
            return None

    monkeypatch.setattr(netrack.app, "create_app", EndedWithTheTerminalGone)
    assert netrack.app.run(repo) == 0
    assert stop.is_set()
