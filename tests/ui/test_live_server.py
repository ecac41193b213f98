"""The TUI on a PostgreSQL server: other programs' writes arrive as they commit (LISTEN,
no polling), and a server that goes away is one clear notification, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date
from typing import Any

import pytest
from textual.widgets import Input

from netrack.app import create_app
from netrack.data.repo import Repo
from netrack.data.server import ServerAddress
from netrack.data.server_lost import LOGIN_REFUSED, STILL_GONE
from tests import pg
from tests.pg import terminate_connections
from tests.ui.conftest import screen_text, settle, type_text, wait_until

pytestmark = pytest.mark.postgresql

# Longer than any test here: if a screen refreshed, the watch did it, never the poll.
NO_POLL = 3600.0


@pytest.fixture
def backend() -> str:
    return "postgresql"


@pytest.fixture
def quick_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch tries a lost server again every 2 s: a test waits on a tenth of it."""
    monkeypatch.setattr("netrack.data.server_watch.RETRY_SECONDS", 0.2)


def notifications(app: Any) -> list[str]:
    return [n.message for n in app._notifications]


def log_from_another_process(address: ServerAddress, text: str, today: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "netrack", "log", "--db", address.url, text],
        check=True,
        capture_output=True,
        env={"NETRACK_TODAY": today, "PATH": "/usr/bin:/bin"},
    )


async def test_another_process_write_shows_without_polling(repo: Repo, where: ServerAddress):
    repo.contacts.add("Ana López")
    app = create_app(repo, poll_seconds=NO_POLL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "Nothing logged today" in screen_text(app)
        watch = app._watch
        assert watch is not None and watch.wait_listening(10)
        log_from_another_process(where, "@ana #call from the CLI", repo.today().isoformat())
        # No key pressed, nothing written here, no poll: only the notice brings it in.
        await wait_until(pilot, lambda: "from the CLI" in screen_text(app))
        await pilot.press("q")
    assert app.return_code in (0, None)
    assert app._watch is None  # stopped as the app closed


async def test_a_lost_server_is_one_notification_and_then_the_watch_comes_back(
    repo: Repo, where: ServerAddress, quick_retry: None
):
    repo.contacts.add("Ana López")
    app = create_app(repo, poll_seconds=NO_POLL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        watch = app._watch
        assert watch is not None and watch.wait_listening(10)
        terminate_connections(where)
        await wait_until(pilot, lambda: any("trying again" in n for n in notifications(app)))
        [lost] = [n for n in notifications(app) if "trying again" in n]
        reason = lost.removeprefix(f"cannot use {where}: ")
        assert reason.partition(";")[0] in (
            "server closed the connection unexpectedly",
            "terminating connection due to administrator command",
        )
        assert lost.endswith("; other programs' changes show once it is back (trying again)")
        # The watch tries again by itself; once back, it shows what it may have missed.
        await wait_until(pilot, lambda: any("back in touch" in n for n in notifications(app)))
        assert watch.wait_listening(10)
        log_from_another_process(where, "@ana #call after the restart", repo.today().isoformat())
        await wait_until(pilot, lambda: "after the restart" in screen_text(app))
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_a_server_gone_for_good_never_keeps_the_app_from_quitting(
    repo: Repo, where: ServerAddress
):
    app = create_app(repo, poll_seconds=NO_POLL)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        watch = app._watch
        assert watch is not None and watch.wait_listening(10)
        pg.drop_database(where.url)  # terminates every connection, and stays gone
        await wait_until(pilot, lambda: any("trying again" in n for n in notifications(app)))
        await pilot.press("q")
    assert app.return_code in (0, None)
    assert not any(t.name == "netrack-listen" and t.is_alive() for t in threading.enumerate())


def test_a_watch_skips_its_own_stores_writes(where: ServerAddress, today: Any):
    mine = Repo.open(where, clock=lambda: today)
    other = Repo.open(where, clock=lambda: today)
    heard = threading.Event()
    calls: list[str] = []

    def changed() -> None:
        calls.append("change")
        heard.set()

    try:
        watch = mine.watch(changed, lambda line, trouble: calls.append(line))
        assert watch is not None and watch.wait_listening(10)
        for name in ("Ana López", "Ben Okafor", "Chloé Martin"):
            mine.contacts.add(name)  # each commit sends a notice of its own
        other.contacts.add("Dev Patel")
        assert heard.wait(10)
        watch.stop()
        assert calls == ["change"]  # the other store's write only
    finally:
        mine.close()
        other.close()


def test_a_file_database_has_no_watch_and_is_polled(db_path: Any, today: Any):
    repo = Repo.open(db_path, clock=lambda: today)
    try:
        assert repo.watch(lambda: None, lambda line, trouble: None) is None
    finally:
        repo.close()


def allow_connections(address: ServerAddress, allowed: bool) -> None:
    pg._admin(f'ALTER DATABASE "{address.dbname}" ALLOW_CONNECTIONS {str(allowed).lower()}')


async def test_after_a_restart_the_quick_log_and_a_refresh_work(
    repo: Repo, where: ServerAddress
) -> None:
    from netrack.screens.modal.quicklog import QuickLog

    repo.contacts.add("Ana López")
    app = create_app(repo, poll_seconds=NO_POLL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "Nothing logged today" in screen_text(app)
        terminate_connections(where)  # the app's own connection too, idle on the UI thread
        await pilot.press("l")
        await type_text(pilot, "@ana #call after the restart")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, QuickLog))
        await wait_until(pilot, lambda: "after the restart" in screen_text(app))
        assert not any("could not" in n for n in notifications(app))
        await pilot.press("q")
    assert pg.sql(where.url, 'SELECT "note" FROM "interaction"') == [("after the restart",)]


async def test_a_server_still_gone_is_one_clear_line_and_nothing_is_saved(
    repo: Repo, where: ServerAddress
) -> None:
    from netrack.screens.modal.quicklog import QuickLog

    repo.contacts.add("Ana López")
    app = create_app(repo, poll_seconds=NO_POLL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@ana #call while it is gone")
        allow_connections(where, False)
        try:
            terminate_connections(where)
            await pilot.press("enter")
            gone = f"cannot use {where}: "
            await wait_until(pilot, lambda: gone in screen_text(app))
            assert isinstance(app.screen, QuickLog)  # the line stays, to save again
            # The line wraps where the server's path makes it: read it as words.
            said = " ".join(screen_text(app).split())
            assert "is not currently accepting connections" in said, screen_text(app)
        finally:
            allow_connections(where, True)
        assert pg.sql(where.url, 'SELECT count(*) FROM "interaction"') == [(0,)]
        await pilot.press("enter")  # back: saved now
        await wait_until(pilot, lambda: not isinstance(app.screen, QuickLog))
        await wait_until(pilot, lambda: "while it is gone" in screen_text(app))
        await pilot.press("q")


async def test_the_quick_log_opens_while_the_server_is_gone_and_keeps_the_line(
    repo: Repo, where: ServerAddress
) -> None:
    """`l` with the server gone said so in a toast and opened no bar: the line typed next
    ran as screen keys (the "2" of "2pm" switched to Contacts; on a contact's page, `d`
    would mark a follow-up done once the server was back)."""
    from netrack.screens.modal.quicklog import QuickLog
    from netrack.screens.pipeline import PipelineScreen

    ana = repo.contacts.add("Ana López")
    app = create_app(repo, poll_seconds=NO_POLL)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await settle(pilot)
        allow_connections(where, False)
        try:
            terminate_connections(where)
            await pilot.press("l")
            await wait_until(pilot, lambda: isinstance(app.screen, QuickLog))
            await type_text(pilot, "@ana met at 2pm")
            bar = app.screen
            assert isinstance(bar, QuickLog) and bar.query_one(Input).value == "@ana met at 2pm"
            said = " ".join(screen_text(app).split())  # read as words: the line wraps
            assert f"cannot use {where}: " in said and STILL_GONE in said, said
            assert "no contact matches" not in said
            await pilot.press("enter")  # refused in place, the line kept
            await settle(pilot)
            assert app.screen is bar and bar.query_one(Input).value == "@ana met at 2pm"
            assert STILL_GONE in " ".join(screen_text(app).split())
            assert not any(STILL_GONE in n for n in notifications(app))  # said in the bar
        finally:
            allow_connections(where, True)
        assert pg.sql(where.url, 'SELECT count(*) FROM "interaction"') == [(0,)]
        await pilot.press("enter")  # back: the names read, the line saved
        await wait_until(pilot, lambda: not isinstance(app.screen, QuickLog))
        assert isinstance(app.screen, PipelineScreen)  # no key ran as the screen's
        app.open_contact(ana.id)
        await settle(pilot)
        page = app.screen
        allow_connections(where, False)
        try:
            terminate_connections(where)
            await pilot.press("l")  # her name cannot be read: filled in by id
            await wait_until(pilot, lambda: isinstance(app.screen, QuickLog))
            await type_text(pilot, "down-log-pg1")
            assert app.screen.query_one(Input).value == f"@id:{ana.id} down-log-pg1"
            await pilot.press("escape")  # the draft kept for the next l
            await settle(pilot)
            assert app.screen is page
        finally:
            allow_connections(where, True)
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, QuickLog))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is page)
        await pilot.press("q")
    assert app.return_code in (0, None)
    assert pg.sql(where.url, 'SELECT "note" FROM "interaction" ORDER BY "id"') == [
        ("met at 2pm",),
        ("down-log-pg1",),
    ]


async def test_a_login_the_server_refuses_is_not_called_a_server_gone(
    where: ServerAddress, today: date, quick_retry: None
) -> None:
    """A role locked (or a password changed) while the TUI ran read "the server cannot
    be reached … once it is back": it was there, refusing the login."""
    from netrack.screens.modal.quicklog import QuickLog

    role = f"r_{os.getpid()}_{where.dbname}".lower()
    pg.sql(where.url, f'CREATE ROLE "{role}" LOGIN')
    pg.sql(
        where.url,
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"',
    )
    address = ServerAddress(where.url.replace("netrack_test@", f"{role}@", 1))
    repo = Repo.open(address, clock=lambda: today)
    try:
        repo.contacts.add("Ana López")
        app = create_app(repo, poll_seconds=NO_POLL)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("4")
            await settle(pilot)
            watch = app._watch
            assert watch is not None and watch.wait_listening(10)
            pg.sql(where.url, f'ALTER ROLE "{role}" NOLOGIN')
            terminate_connections(where)
            await pilot.press("l")  # the bar opens, saying why nobody can be named
            refused = f'role "{role}" is not permitted to log in'
            await wait_until(pilot, lambda: isinstance(app.screen, QuickLog))
            said = lambda: " ".join(screen_text(app).split())  # noqa: E731
            await wait_until(pilot, lambda: refused in said() and LOGIN_REFUSED in said())
            await pilot.press("escape")
            # The watch lost its connection first, then was refused: it says both.
            watching = lambda: [n for n in notifications(app) if "trying again" in n]  # noqa: E731
            await wait_until(pilot, lambda: any(refused in n for n in watching()))
            assert watching()[-1].startswith(f"cannot use {address}: {refused}")
            assert watching()[-1].endswith("changes show once it lets netrack in (trying again)")
            await pilot.press("q")
    finally:
        repo.close()
        pg.sql(where.url, f'ALTER ROLE "{role}" LOGIN')
        pg.sql(where.url, f'DROP OWNED BY "{role}"')
        pg.sql(where.url, f'DROP ROLE "{role}"')
