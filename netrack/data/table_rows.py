"""Whole tables as plain rows: what the exports write and the imports compare against.

Each runs with the models bound to the caller's store (inside `repo.writing()` or
`store.bound()`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netrack.data import tables as t


def dict_rows(query: Any) -> list[dict[str, Any]]:
    """A query's rows as dictionaries (typed loosely: Peewee's own types say models)."""
    return list(query.dicts())


def tuple_rows(query: Any) -> list[tuple[Any, ...]]:
    return list(query.tuples())


def raw_rows(query: Any) -> list[dict[str, Any]]:
    """Rows as stored, without Peewee's per-value conversions (fast for 30,000 rows);
    keys are the selected columns' names."""
    cursor = query.model._meta.database.execute(query)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


TABLES: dict[str, Any] = {model._meta.table_name: model for model in t.ALL_TABLES}


def table_rows(table: str, *order: str, columns: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Every row of `table` as a dictionary keyed by field name (a foreign key by its
    field, `contact`, holding the id), ordered by `order` (default: the primary key)."""
    model = TABLES[table]
    fields = [getattr(model, name) for name in columns]
    keys = [getattr(model, name) for name in order] or [model._meta.primary_key]
    return dict_rows(model.select(*fields).order_by(*keys))


def table_dump(table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(SQL column names, rows as stored) of `table`, in primary key order."""
    model = TABLES[table]
    fields = model._meta.sorted_fields
    rows = tuple_rows(model.select(*fields).order_by(model._meta.primary_key))
    return [field.column_name for field in fields], rows
