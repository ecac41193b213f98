"""A server that drops netrack's connections (a restart, an administrator ending the
sessions): the next read, or a write that had not begun, runs on a new connection; a
server still gone is one clear line; a write that had begun is never retried. And each
thread's change listener is its own: another thread's `close()` leaves it listening."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest

from netrack.data.repo import Repo
from netrack.data.server import ServerAddress
from netrack.domain.errors import StorageError
from tests import pg
from tests.pg import terminate_connections

pytestmark = pytest.mark.postgresql
TODAY = date(2026, 11, 27)


@pytest.fixture
def backend() -> str:
    return "postgresql"


@pytest.fixture
def mine(where: ServerAddress) -> Iterator[Repo]:
    opened = Repo.open(where, clock=lambda: TODAY)
    yield opened
    opened.close()


def allow_connections(address: ServerAddress, allowed: bool) -> None:
    pg._admin(f'ALTER DATABASE "{address.dbname}" ALLOW_CONNECTIONS {str(allowed).lower()}')


def connections(address: ServerAddress) -> int:
    """Client connections to the database, other than the admin's asking."""
    with psycopg.connect(pg.server_url(), autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
            (address.dbname,),
        ).fetchone()
    return int(row[0]) if row else 0


def eventually(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Whether `condition()` holds within `seconds` (asked again every 20 ms)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_read_after_the_server_dropped_the_connection_reconnects(
    mine: Repo, where: ServerAddress
) -> None:
    mine.contacts.add("Ana López")
    assert mine.contacts.count() == 1  # this thread's connection is open
    terminate_connections(where)
    assert [c.name for c in mine.contacts.all()] == ["Ana López"]


def test_a_write_after_the_server_dropped_the_connection_reconnects(
    mine: Repo, where: ServerAddress
) -> None:
    mine.contacts.add("Ana López")
    terminate_connections(where)
    mine.activity.log_line("@ana #call after the restart")
    rows = pg.sql(where.url, 'SELECT "kind", "note" FROM "interaction"')
    assert rows == [("call", "after the restart")]


def test_a_server_still_gone_is_one_line_and_then_it_works_again(
    mine: Repo, where: ServerAddress
) -> None:
    mine.contacts.add("Ana López")
    allow_connections(where, False)
    try:
        terminate_connections(where)
        with pytest.raises(StorageError) as caught:
            mine.contacts.count()
        line = str(caught.value)
        assert line.startswith(f"cannot use {where}: ")
        assert "not currently accepting connections" in line and "\n" not in line
        with pytest.raises(StorageError) as again:  # and a write: nothing written
            mine.contacts.add("Ben Okafor")
        assert str(again.value).startswith(f"cannot use {where}: ")
    finally:
        allow_connections(where, True)
    assert mine.contacts.count() == 1


def test_a_server_gone_from_its_socket_is_said_in_one_parenthesis(
    mine: Repo, where: ServerAddress, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick-log bar (every read or write on a connection the server dropped) said
    `… no server answers at socket "…" (is it running?) (the server cannot be reached;
    nothing was done: …)`: two parentheses in a row."""
    mine.contacts.add("Ana López")
    empty = tmp_path / "run"  # the socket's folder, its server stopped
    empty.mkdir()
    socket = empty / f".s.PGSQL.{where.port}"
    # The store's next connection goes where the stopped server's socket was.
    monkeypatch.setattr(
        mine.store.db, "database", f"{where.url.split('?')[0]}?host={empty}&port={where.port}"
    )
    terminate_connections(where)
    with pytest.raises(StorageError) as caught:
        mine.contacts.count()
    assert str(caught.value) == (
        f'cannot use {where}: no server answers at socket "{socket}" (is it running? '
        "nothing was done: try again once it is back)"
    )


def test_a_write_that_had_begun_is_never_retried(
    mine: Repo, where: ServerAddress, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netrack.data import tables as t

    mine.contacts.add("Ana López")
    calls: list[str] = []

    def write_then_lose() -> None:
        with mine.writing():
            calls.append("write")
            t.Setting.insert(key="week_start", value="1").execute()
            terminate_connections(where)
            t.Setting.insert(key="other", value="2").execute()

    with pytest.raises(StorageError):
        mine.store.operation(write_then_lose)
    assert calls == ["write"]  # once: the lock was taken, so no second try
    assert pg.sql(where.url, 'SELECT count(*) FROM "setting"') == [(0,)]
    assert mine.contacts.count() == 1  # the next operation finds a new connection


def test_another_threads_close_leaves_this_threads_listener(
    mine: Repo, where: ServerAddress
) -> None:
    other = Repo.open(where, clock=lambda: TODAY)
    try:
        before = mine.data_version()

        def load_and_close() -> None:  # what the TUI's loading threads do
            mine.contacts.count()
            mine.close()

        worker = threading.Thread(target=load_and_close)
        worker.start()
        worker.join()
        other.contacts.add("Ana López")
        assert eventually(lambda: mine.data_version() != before)
    finally:
        other.close()


def test_close_closes_this_threads_listener_and_connection(
    mine: Repo, where: ServerAddress
) -> None:
    mine.data_version()  # opens this thread's listener
    assert connections(where) == 2  # the connection and the listener
    mine.close()
    assert eventually(lambda: connections(where) == 0)


def test_a_forms_save_after_the_server_dropped_the_connection_reconnects(
    mine: Repo, where: ServerAddress
) -> None:
    """A form saves in one `writing()` around its writes: that transaction began on the
    dropped connection, outside the reconnecting operation, so no save of a form left
    open across a server restart was ever taken ("the connection is closed", for ever)."""
    ana = mine.contacts.add("Ana López")
    terminate_connections(where)
    for attempt in ("first", "second"):
        with mine.writing():
            mine.contacts.update(ana.id, notes=f"{attempt} save")
        assert mine.contacts.get(ana.id).notes == f"{attempt} save"
    terminate_connections(where)
    allow_connections(where, False)
    try:
        with pytest.raises(StorageError) as caught, mine.writing():
            mine.contacts.update(ana.id, notes="while gone")
        assert str(caught.value).startswith(f"cannot use {where}: ")
        assert "\n" not in str(caught.value)
    finally:
        allow_connections(where, True)
    with mine.writing():  # and once the server is back
        mine.contacts.update(ana.id, notes="back")
    assert pg.sql(where.url, 'SELECT "notes" FROM "contact"') == [("back",)]


def test_a_connection_lost_inside_a_forms_save_saves_none_of_it(
    mine: Repo, where: ServerAddress
) -> None:
    """Each repository call inside `writing()` ran as an operation of its own, which
    retried a statement that met a lost connection on a new one, outside the transaction
    its first half had been rolled back with."""
    ana = mine.contacts.add("Ana López")
    ben = mine.contacts.add("Ben Okafor")
    with pytest.raises(StorageError), mine.writing():
        mine.contacts.update(ana.id, notes="half")
        terminate_connections(where)
        mine.contacts.update(ben.id, notes="the other half")
    assert pg.sql(where.url, 'SELECT "notes" FROM "contact" ORDER BY "id"') == [("",), ("",)]
    with mine.writing():  # the next save reconnects
        mine.contacts.update(ana.id, notes="whole")
    assert mine.contacts.get(ana.id).notes == "whole"
