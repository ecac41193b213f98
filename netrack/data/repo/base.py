"""What every part of the repository shares: the clock, transactions, conversions."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from peewee import DatabaseError, IntegrityError, OperationalError, SqliteDatabase

from netrack.data import db as dbmod
from netrack.data import tables
from netrack.domain.errors import InputError, StorageError

Clock = Callable[[], date]

# SQLite's busy timeout (10 s) already waits for another writer; these retries cover the
# few cases where SQLite answers "locked" at once (a WAL being recovered or reset).
LOCK_RETRIES = 5
LOCK_BACKOFF_S = 0.05


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
            raise StorageError(dbmod.describe(error, self.path)) from None

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
        """An entered `atomic()`: its `__exit__` commits or rolls back."""
        for attempt in range(LOCK_RETRIES + 1):
            transaction = self.db.atomic()
            try:
                transaction.__enter__()
                return transaction
            except OperationalError as error:
                if not dbmod.is_locked(error) or attempt == LOCK_RETRIES:
                    raise
                time.sleep(LOCK_BACKOFF_S * 2**attempt)
        raise AssertionError("unreachable")

    def data_version(self) -> int:
        return dbmod.data_version(self.db)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
