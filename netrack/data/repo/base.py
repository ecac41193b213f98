"""What every part of the repository shares: the clock, transactions, conversions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from peewee import IntegrityError, OperationalError, SqliteDatabase

from netrack.data import db as dbmod
from netrack.data import tables
from netrack.domain.errors import InputError, StorageError

Clock = Callable[[], date]


def tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    """Rows of a query as plain tuples (Peewee's stubs type them as model instances)."""
    return iter(query.tuples())


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
        """One write = one `BEGIN IMMEDIATE` transaction; errors become StorageError."""
        try:
            with self.db.atomic():
                yield
        except IntegrityError as error:
            raise InputError(f"not saved: {error}") from None
        except OperationalError as error:
            raise StorageError(dbmod.describe(error, self.path)) from None

    def data_version(self) -> int:
        return dbmod.data_version(self.db)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
