"""Which engine a database handle speaks, and the few expressions that differ.

Queries stay portable where SQL allows (CASE WHEN rather than IIF); what cannot be
written once for both engines is chosen here, by the handle the models are bound to.
"""

from __future__ import annotations

from typing import Any

from peewee import SQL, NodeList, PostgresqlDatabase, fn

from netrack.data import tables as t


def on_server(db: Any = None) -> bool:
    """True when `db` (default: the database the models are bound to on this thread) is
    a PostgreSQL server rather than a SQLite file."""
    return isinstance(t.Setting._meta.database if db is None else db, PostgresqlDatabase)


def unindexed(column: Any) -> Any:
    """`column` in a form SQLite's planner will not answer from an index (a unary +),
    where reading the table in its own order is faster; PostgreSQL plans by cost and
    has no unary + for dates, so there it is the column itself."""
    if on_server():
        return column
    return NodeList((SQL("+"), column), glue="")


def param_sql(sql: str) -> str:
    """A raw statement written with SQLite's `?` placeholders, for the bound engine."""
    return sql.replace("?", "%s") if on_server() else sql


def beyond_ascii(column: Any) -> Any:
    """True where the text `column` holds a character beyond ASCII: more bytes than
    characters (both engines store UTF-8; a server in another encoding is refused)."""
    if on_server():
        return fn.OCTET_LENGTH(column) != fn.CHAR_LENGTH(column)
    return fn.LENGTH(column.cast("BLOB")) != fn.LENGTH(column)
