"""Whole tables as plain rows: what the exports write and the imports compare against.

Each runs with the models bound to the caller's store (inside `repo.writing()` or
`store.bound()`)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from peewee import SQL, fn

from netrack.data import tables as t


def dict_rows(query: Any) -> list[dict[str, Any]]:
    """A query's rows as dictionaries (typed loosely: Peewee's own types say models)."""
    return _fetched(query.dicts().execute())


def tuple_rows(query: Any) -> list[tuple[Any, ...]]:
    return _fetched(query.tuples().execute())


def raw_rows(query: Any) -> list[dict[str, Any]]:
    """Rows as stored, without Peewee's per-value conversions (fast for 30,000 rows);
    keys are the selected columns' names."""
    cursor = query.model._meta.database.execute(query)
    with _closed_on_failure(cursor):
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _fetched(rows: Any) -> list[Any]:
    """Every row of Peewee's cursor wrapper `rows`."""
    with _closed_on_failure(rows.cursor):
        return list(rows)


@contextmanager
def _closed_on_failure(cursor: Any) -> Iterator[None]:
    """Close `cursor` if reading its rows fails (a value that is not UTF-8). The failure
    keeps the frames that hold the cursor, and the cursor keeps its statement open: the
    connection's close then waits for that statement (sqlite3_close_v2) and leaves the
    WAL and shared-memory files beside the database, for good when the frames are in a
    reference cycle and the collector is off (startup.py)."""
    try:
        yield
    except BaseException:
        with suppress(Exception):  # a server gone meanwhile: the first failure is the one told
            cursor.close()
        raise


TABLES: dict[str, Any] = {model._meta.table_name: model for model in t.ALL_TABLES}


def table_rows(table: str, *order: str, columns: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Every row of `table` as a dictionary keyed by field name (a foreign key by its
    field, `contact`, holding the id), ordered by `order` (default: the primary key)."""
    model = TABLES[table]
    fields = [getattr(model, name) for name in columns]
    keys = [getattr(model, name) for name in order] or [model._meta.primary_key]
    return dict_rows(model.select(*fields).order_by(*keys))


def rows_in_chunks(table: str, size: int) -> Iterator[list[dict[str, Any]]]:
    """Every row of `table`, as `table_rows` gives them, in primary key order and `size`
    at a time: one chunk in memory, never the table (each chunk starts after the last
    key of the one before, so no chunk costs more than its rows)."""
    model = TABLES[table]
    key = model._meta.primary_key
    last = None
    while True:
        query = model.select().order_by(key).limit(size)
        rows = dict_rows(query if last is None else query.where(key > last))
        if rows:
            yield rows
        if len(rows) < size:
            return
        last = rows[-1][key.name]


def rows_between(
    table: str, field: str, first: int, last: int, *order: str, columns: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """`table_rows` of the rows whose `field` (an id) is from `first` to `last`: what
    belongs to one chunk of another table's rows."""
    model = TABLES[table]
    fields = [getattr(model, name) for name in columns]
    keys = [getattr(model, name) for name in order] or [model._meta.primary_key]
    where = getattr(model, field).between(first, last)
    return dict_rows(model.select(*fields).where(where).order_by(*keys))


def key_array(table: str) -> array[int]:
    """The primary keys of `table` in order, packed (8 bytes each): a position is found
    by bisection without a dictionary of every row."""
    model = TABLES[table]
    key = model._meta.primary_key
    rows = model.select(key).order_by(key).tuples().execute()
    with _closed_on_failure(rows.cursor):
        return array("q", (row[0] for row in rows.iterator()))


def refers_to_missing(table: str, field: str) -> bool:
    """Whether a row of `table` names by `field` a row that is gone (another program
    deleted it with foreign keys off)."""
    model = TABLES[table]
    column = getattr(model, field)
    parent = column.rel_model
    found = parent.select(SQL("1")).where(parent._meta.primary_key == column)
    return bool(model.select(SQL("1")).where(column.is_null(False), ~fn.EXISTS(found)).exists())


# Columns netrack works out from others and keeps for its own reads (a contact's folded
# name, schema 19): not the user's data, so no export carries them.
DERIVED_COLUMNS = frozenset({("contact", "name_key")})


def table_dump(table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(SQL column names, rows as stored) of `table`, in primary key order; the columns
    netrack derives for itself left out (`DERIVED_COLUMNS`)."""
    model = TABLES[table]
    fields = [
        field
        for field in model._meta.sorted_fields
        if (table, field.column_name) not in DERIVED_COLUMNS
    ]
    rows = tuple_rows(model.select(*fields).order_by(model._meta.primary_key))
    return [field.column_name for field in fields], rows
