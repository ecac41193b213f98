"""Errors below netrack's own, for the one place outside `netrack.data` that names them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import PeeweeException

# What the CLI's last-resort handler turns into one line when a database problem escapes
# a command (damage found by a read outside a write transaction).
LOW_LEVEL_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, PeeweeException)


def readable(error: Exception) -> Exception:
    """`error`, or the sqlite3 error Python could not make of it: SQLite's message quotes
    the schema's text as the file stores it, and one damaged byte there (not UTF-8) made
    decoding the message fail, so every statement raised a UnicodeDecodeError where its
    callers handle a damaged database ("malformed database schema …")."""
    if isinstance(error, UnicodeDecodeError) and isinstance(error.object, bytes):
        return sqlite3.DatabaseError(error.object.decode("utf-8", "replace"))
    return error


@contextmanager
def sqlite_errors() -> Iterator[None]:
    """Statements run inside raise a sqlite3 error for a message SQLite gave in bytes
    that are not UTF-8 (see `readable`)."""
    try:
        yield
    except UnicodeDecodeError as error:
        raise readable(error) from None
