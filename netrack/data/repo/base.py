"""What every part of the repository shares: the clock, transactions, conversions."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

from peewee import DatabaseError, IntegrityError, OperationalError, SqliteDatabase

from netrack.data import db as dbmod
from netrack.data import tables
from netrack.domain.errors import InputError, StorageError

Clock = Callable[[], date]

# Waiting for the write lock lasts at most `db.BUSY_TIMEOUT_S` in all (read at each write,
# so tests can shorten it): SQLite's busy handler waits for another writer, and a few
# quick retries cover the cases where SQLite answers "locked" at once (a WAL being
# recovered or reset) — all within that one deadline, never a full timeout per retry.
LOCK_BACKOFF_S = 0.05
LOCK_BACKOFF_MAX_S = 0.5
# The clock and the sleep the deadline uses (tests replace them to count attempts).
monotonic: Callable[[], float] = time.monotonic
sleep: Callable[[float], None] = time.sleep


class DatabaseBusy(StorageError):
    """Another program held the write lock for longer than netrack waits; nothing was
    written, and the same write may simply be tried again."""


def tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    """Raw rows of a query: dates stay ISO text and booleans 0/1 (callers convert with
    `as_date`/`bool`). Skipping Peewee's per-value conversion makes the scorecard's bulk
    reads several times faster."""
    sql, params = query.sql()
    return iter(query.model._meta.database.execute_sql(sql, params))


def as_date(value: date | str | None) -> date | None:
    """Peewee returns DateField values as `date`, or as text for odd rows: accept both."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def must_date(value: date | str | None) -> date:
    result = as_date(value)
    if result is None:
        raise StorageError("a required date is missing in the database")
    return result


class RepoBase:
    """Holds the open database and the clock; subclasses add queries by topic."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self.db: SqliteDatabase = tables.database
        self._clock = clock or date.today
        self._waits = threading.local()  # a shorter wait, per thread (`waiting_at_most`)

    def today(self) -> date:
        return self._clock()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write = one `BEGIN IMMEDIATE` transaction; errors become StorageError.

        Taking the write lock is retried a few times when SQLite reports it locked; the
        body runs once. Nested inside another `writing()` it is a savepoint.
        """
        try:
            with ExitStack() as stack:
                stack.push(self._finisher(self._begin()))
                yield
        except IntegrityError as error:
            raise InputError(f"not saved: {error}") from None
        except DatabaseError as error:  # OperationalError included
            if dbmod.is_locked(error):
                raise DatabaseBusy(dbmod.describe(error, self.path)) from None
            raise StorageError(dbmod.describe(error, self.path)) from None

    @contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Writes made by this thread inside the block wait at most `seconds` for the
        lock (0: not at all) and raise DatabaseBusy past it. The TUI tries a write this
        way on its UI thread, and hands it to a worker thread only when it would wait."""
        before = getattr(self._waits, "bound", None)
        self._waits.bound = seconds
        try:
            yield
        finally:
            self._waits.bound = before

    def wait_bound(self) -> float:
        """How long a write on this thread may wait for the lock, in seconds."""
        bound = getattr(self._waits, "bound", None)
        return float(dbmod.BUSY_TIMEOUT_S if bound is None else bound)

    def _finisher(self, transaction: Any) -> Callable[..., bool]:
        """The transaction's `__exit__`, keeping the first error when SQLite has already
        rolled back by itself (a full disk, an I/O error): peewee's ROLLBACK would then
        fail with "no transaction is active" and hide what happened."""

        def finish(kind: Any, error: BaseException | None, trace: Any) -> bool:
            try:
                return bool(transaction.__exit__(kind, error, trace))
            except OperationalError:
                if error is not None and not self.db.connection().in_transaction:
                    return False
                raise

        return finish

    def _begin(self) -> Any:
        """An entered `atomic()`: its `__exit__` commits or rolls back.

        Taking the lock waits until one deadline (`wait_bound()` from now): SQLite's
        busy handler is given what is left of it on each attempt, and an attempt that
        SQLite answers "locked" at once is retried after a short, growing pause.
        """
        if self.db.in_transaction():  # a savepoint: the lock is already ours
            return self._enter(self.db.atomic())
        full_ms = int(dbmod.BUSY_TIMEOUT_S * 1000)
        deadline = monotonic() + self.wait_bound()
        pause = LOCK_BACKOFF_S
        try:
            while True:
                left = max(0.0, deadline - monotonic())
                self._busy_timeout(int(left * 1000))
                try:
                    return self._enter(self.db.atomic())
                except OperationalError as error:
                    left = deadline - monotonic()
                    if not dbmod.is_locked(error) or left <= 0:
                        raise
                sleep(min(pause, left))
                pause = min(pause * 2, LOCK_BACKOFF_MAX_S)
        finally:
            # Reads and later writes get the documented bound again; on a broken
            # connection this fails too, and the error that matters is already raised.
            with suppress(DatabaseError):
                self._busy_timeout(full_ms)

    @staticmethod
    def _enter(transaction: Any) -> Any:
        transaction.__enter__()
        return transaction

    def _busy_timeout(self, milliseconds: int) -> None:
        self.db.execute_sql(f"PRAGMA busy_timeout = {max(0, milliseconds)}")

    def data_version(self) -> int:
        return dbmod.data_version(self.db)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
