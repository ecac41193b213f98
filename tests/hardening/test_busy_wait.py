"""Item 13: waiting for another writer is bounded by the documented busy timeout
(`db.BUSY_TIMEOUT_S`) in all, not once per retry.

`netrack log` used to wait ~62 s with the lock held elsewhere: SQLite's 10 s busy timeout
on each of six attempts. The bound is shortened here (it is read at each write) so that a
test can hold the lock past it without waiting 10 s; no test measures time.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from peewee import OperationalError

from netrack import cli
from netrack.data import db as dbmod
from netrack.data import store
from netrack.data.repo import DatabaseBusy, Repo

from .helpers import TODAY

# Past this, a lock holder lets go anyway: the old code (a full timeout per retry) then
# wrote its entry and exited 0, which the assertions catch. Never reached by the new code.
HOLDER_PATIENCE_S = 30


@contextmanager
def lock_held(path: Path, note: str = "held") -> Iterator[None]:
    """Another connection (in a thread, as another program would) holds the write lock,
    with a change of its own in flight, until the block ends; then it commits."""
    ready, done = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def hold() -> None:
        try:
            connection = sqlite3.connect(path, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("UPDATE contact SET notes = ?", (note,))
        except BaseException as error:  # reported by the test thread
            failures.append(error)
            ready.set()
            return
        ready.set()
        done.wait(HOLDER_PATIENCE_S)
        connection.execute("COMMIT")
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    ready.wait()
    assert not failures, failures
    try:
        yield
    finally:
        done.set()
        holder.join()


def _rows(path: Path) -> tuple[int, list[str]]:
    connection = sqlite3.connect(path)
    try:
        count = connection.execute("SELECT count(*) FROM interaction").fetchone()[0]
        notes = [row[0] for row in connection.execute("SELECT notes FROM contact")]
        return count, notes
    finally:
        connection.close()


def test_log_gives_up_at_the_bound_with_one_line(
    populated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_S", 0.3)
    before, _ = _rows(populated)
    with lock_held(populated):
        code = cli.main(["log", "@ana 30m", "--db", str(populated)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err == (
        f"netrack: {populated} is busy (another program holds it for too long); try again\n"
    )
    count, notes = _rows(populated)
    assert count == before  # nothing written
    assert notes == ["held"]  # the lock holder's own change is intact


def test_log_waits_for_a_short_lock_and_writes(populated: Path) -> None:
    """A lock let go within the bound: the write waits for it, then lands."""
    repo = Repo.open(populated, clock=lambda: date.fromisoformat(TODAY))
    before, _ = _rows(populated)
    # Not waiting at all: busy at once.
    with lock_held(populated), pytest.raises(DatabaseBusy), repo.waiting_at_most(0):
        repo.activity.log_line("@ana 30m")
    repo.activity.log_line("@ana 30m")
    repo.close()
    assert _rows(populated) == (before + 1, ["held"])


# --- the deadline itself, on a stand-in for SQLite ------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.now += seconds


class LockedDatabase:
    """Answers BEGIN as SQLite does with the lock held elsewhere: after waiting its busy
    timeout (`waits`), or at once ("locked" while a WAL is recovered) for `quick` tries."""

    def __init__(self, clock: FakeClock, waits: bool, quick: int = 10**9) -> None:
        self.clock, self.waits, self.quick = clock, waits, quick
        self.busy_ms = 10_000
        self.attempts = 0

    def in_transaction(self) -> bool:
        return False

    def execute_sql(self, sql: str) -> None:
        assert sql.startswith("PRAGMA busy_timeout = ")
        self.busy_ms = int(sql.rsplit(" ", 1)[1])

    def atomic(self) -> Any:
        return self

    def __enter__(self) -> None:
        self.attempts += 1
        if self.attempts > self.quick:
            return
        if self.waits:
            self.clock.now += self.busy_ms / 1000
        raise OperationalError("database is locked")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(store, "monotonic", fake)
    monkeypatch.setattr(store, "sleep", fake.sleep)
    return fake


def _repo_on(database: LockedDatabase, tmp_path: Path) -> store.Store:
    return store.Store(tmp_path / "x.db", database)  # type: ignore[arg-type]


def test_a_writer_holding_on_costs_one_bound_not_one_per_retry(
    clock: FakeClock, tmp_path: Path
) -> None:
    database = LockedDatabase(clock, waits=True)
    start = clock.now
    with pytest.raises(OperationalError):
        _repo_on(database, tmp_path)._begin()
    assert clock.now - start == pytest.approx(dbmod.BUSY_TIMEOUT_S)
    assert database.attempts == 1  # SQLite's own wait used the whole bound
    assert database.busy_ms == dbmod.BUSY_TIMEOUT_S * 1000  # restored for what follows


def test_quick_locked_answers_are_retried_within_the_same_bound(
    clock: FakeClock, tmp_path: Path
) -> None:
    database = LockedDatabase(clock, waits=False)
    start = clock.now
    with pytest.raises(OperationalError):
        _repo_on(database, tmp_path)._begin()
    assert clock.now - start == pytest.approx(dbmod.BUSY_TIMEOUT_S)
    # The first try, then one after each pause: 0.05, 0.1, 0.2, 0.4 s, then 0.5 s pauses
    # (18 whole, a last one cut short) until the 10 s are spent.
    assert database.attempts == 1 + 4 + 19


def test_a_recovered_wal_lets_the_write_through(clock: FakeClock, tmp_path: Path) -> None:
    database = LockedDatabase(clock, waits=False, quick=2)
    assert _repo_on(database, tmp_path)._begin() is database
    assert database.attempts == 3


def test_a_shorter_bound_applies_to_its_thread_only(clock: FakeClock, tmp_path: Path) -> None:
    database = LockedDatabase(clock, waits=True)
    repo = _repo_on(database, tmp_path)
    seen: list[float] = []
    with repo.waiting_at_most(0):
        with pytest.raises(OperationalError):
            repo._begin()
        other = threading.Thread(target=lambda: seen.append(repo.wait_bound()))
        other.start()
        other.join()
    assert database.attempts == 1
    assert clock.now == 1000.0  # not waited at all
    assert seen == [dbmod.BUSY_TIMEOUT_S]
    assert repo.wait_bound() == dbmod.BUSY_TIMEOUT_S


def test_reading_commands_never_wait_for_a_writer(
    populated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening a database (its schema check) and exporting read a snapshot: with another
    program holding the write lock, they answer at once instead of queueing behind it."""
    with lock_held(populated):
        for argv in (["scorecard"], ["export", "csv", "--out", str(tmp_path / "csv")]):
            code = cli.main([*argv, "--db", str(populated)])
            assert code == 0, capsys.readouterr().err
    assert (tmp_path / "csv" / "contacts.csv").exists()
