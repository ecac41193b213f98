"""What every topic of the repository shares: the store, and conversions of raw rows."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from netrack.data.store import Clock, DatabaseBusy, Store
from netrack.domain.errors import StorageError

__all__ = [
    "UNSET",
    "Clock",
    "DatabaseBusy",
    "Days",
    "Service",
    "Unset",
    "as_date",
    "must_date",
    "stored",
    "tuples",
]

E = TypeVar("E", bound=Enum)


class Unset:
    """Marks an argument not given, where None means "clear"."""


UNSET = Unset()


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
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:  # a damaged file or a foreign writer: said in one line, not a trace
        raise StorageError(
            f"the database holds {str(value)[:40]!r} where a date belongs "
            "(netrack doctor checks the file; restore a backup to mend it)"
        ) from None


def stored(kind: type[E], value: object, what: str) -> E:
    """`kind(value)` for a value read from the database: one no netrack writes (a damaged
    byte in a table or in an index that covers it, another program's write) is said in
    one line, as `as_date` says a date, not as a trace."""
    try:
        return kind(value)
    except ValueError:
        raise StorageError(
            f"the database holds {str(value)[:40]!r} where {what} belongs (`netrack doctor` "
            "checks the file: `--fix` rebuilds a damaged index; a backup mends the rest)"
        ) from None


def come(day: date | None, today: date) -> date | None:
    """`day` if it has come: a follow-up closed by a touch dated after today (logged
    with a later "today") is not done yet, as `follow_ups(pending_on=today)` reads it."""
    return day if day is not None and day <= today else None


def must_date(value: date | str | None) -> date:
    result = as_date(value)
    if result is None:
        raise StorageError("a required date is missing in the database")
    return result


class Days(dict[object, date]):
    """ISO text → `date`, parsed once per distinct day: a card reads thousands of rows
    over a few hundred days, and parsing dominated its bulk reads (as it did the
    Pipeline's campaigns on a long history). As many entries as distinct days read
    (under 4,000 for ten years); a missing date is an error, as `must_date` says."""

    def __missing__(self, text: object) -> date:
        day = must_date(text)  # type: ignore[arg-type]
        self[text] = day
        return day


class Service:
    """One topic of the repository over the shared `Store`. Every public method runs with
    the models bound to the store (`Store.bound`), so a service is safe to call from any
    thread; topics reach each other through the service objects they are given."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(value):
                setattr(cls, name, _bound(value))

    def today(self) -> date:
        return self.store.today()

    def writing(self) -> AbstractContextManager[None]:
        return self.store.writing()


def _bound(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def run(self: Service, *args: Any, **kwargs: Any) -> Any:
        return self.store.operation(lambda: method(self, *args, **kwargs))

    return run
