"""Inserting many rows at once, by column (`bulk_insert`) or by field (`insert_rows`),
and the id the next row of a table gets: what every import writes through."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import Any

from peewee import BooleanField, fn

from netrack.data.engines import on_server
from netrack.data.kept_sums import forgotten_once
from netrack.data.migrations.m014_kept_ids import KEPT_ID_TABLES
from netrack.data.migrations.postgres_ids import ID_HIGH_TABLE
from netrack.data.uids import new_uid, new_uids


def bulk_insert(model: Any, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT many rows with one prepared statement (SQLite: the cursor's executemany;
    PostgreSQL: COPY).

    `columns` are SQL column names of `model` (`organization_id`, not `organization`),
    or of the table alone (a column derived by triggers, outside the model)."""
    if not rows:
        return
    meta = model._meta
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = meta.database.cursor()
    if on_server(meta.database):
        # COPY: a server's fastest way in (rows as one stream, no statement per row);
        # it fires the table's triggers and checks its constraints as INSERT does.
        with cursor.copy(f'COPY "{meta.table_name}" ({names}) FROM STDIN') as copy:
            for row in _server_values(meta, columns, rows):
                copy.write_row(row)
        return
    marks = ", ".join([meta.database.param] * len(columns))
    sql = f'INSERT INTO "{meta.table_name}" ({names}) VALUES ({marks})'
    if "on" not in columns:
        cursor.executemany(sql, rows)
        return
    day = columns.index("on")
    with forgotten_once(meta.database, meta.table_name, [row[day] for row in rows]):
        cursor.executemany(sql, rows)


def insert_rows(model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows given by field name (`campaign`, not `campaign_id`) in one batch
    (`bulk_insert`), each value as Peewee would write it and a field left out taking its
    default, as `model.insert(**values)` would (one made per row: a new uid each)."""
    if not rows:
        return
    fields = model._meta.fields
    names = list(dict.fromkeys(name for row in rows for name in row))
    names += [n for n, f in fields.items() if n not in names and f.default is not None]
    chosen = [fields[name] for name in names]
    defaults = [_defaults(field.default, rows) for field in chosen]
    values = [
        tuple(
            field.db_value(row[name] if name in row else next(default))
            for name, field, default in zip(names, chosen, defaults, strict=True)
        )
        for row in rows
    ]
    bulk_insert(model, [field.column_name for field in chosen], values)


def _defaults(default: Any, rows: Sequence[dict[str, Any]]) -> Iterator[Any]:
    """A field's default for each row that leaves it out: a constant, or a value made
    per row (a record's uid), made in bulk when the field has a bulk maker."""
    if not callable(default):
        return repeat(default)
    if default is new_uid:
        return iter(new_uids(len(rows)))
    return (default() for _ in rows)


def _server_values(meta: Any, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> Any:
    """Rows for PostgreSQL, whose BOOLEAN columns take no 0/1 (SQLite's booleans)."""
    flags = [isinstance(meta.columns.get(c), BooleanField) for c in columns]
    if not any(flags):
        return rows
    return [
        tuple(bool(v) if flag and v is not None else v for v, flag in zip(row, flags, strict=True))
        for row in rows
    ]


def first_free_id(model: Any) -> int:
    """The id the table of `model` would give its next row.

    Why ids are chosen here and not left to the database: new contacts and
    organizations are written with one `executemany` per table (the import benchmark's
    speed), which reports no id per row, and their ids are needed before that: tags,
    "introduced by" links and records later in the same file point at them. It is safe:
    the caller holds the write lock, so no other writer inserts meanwhile, and this is
    the very rule the table's own numbering applies: the largest id plus one, and past
    the largest it ever deleted on a table of schema 14 (SQLite's AUTOINCREMENT keeps it
    in `sqlite_sequence`, a server in its own table: `migrations.postgres_ids`), so an
    import never hands out an id a user saw deleted. Every other row of an import gets
    its id from the database.
    """
    table = model._meta.table_name
    kept = (
        f'SELECT "high" FROM "{ID_HIGH_TABLE}" WHERE "name" = %s'
        if on_server(model._meta.database)
        else "SELECT seq FROM sqlite_sequence WHERE name = ?"
    )
    largest = int(model.select(fn.COALESCE(fn.MAX(model.id), 0)).scalar())
    if table not in KEPT_ID_TABLES:
        return largest + 1
    found = model._meta.database.execute_sql(kept, (table,)).fetchone()
    return max(largest, int(found[0]) if found else 0) + 1


def forget_deleted_ids(database: Any, table: str | None = None) -> None:
    """The largest ids deleted, forgotten: every table of the database is empty (or
    `table`, the one given), and numbers its rows from 1 again
    (`MergeRows.delete_everything`, `MergeRows.delete_goals`)."""
    if on_server(database):
        sql, name_is = f'DELETE FROM "{ID_HIGH_TABLE}"', ' WHERE "name" = %s'
    else:
        sql, name_is = "DELETE FROM sqlite_sequence", " WHERE name = ?"
    if table is None:
        database.execute_sql(sql)
    else:
        database.execute_sql(sql + name_is, (table,))
