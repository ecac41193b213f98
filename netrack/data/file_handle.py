"""The connections to one database file, each bound to the file it opened.

Peewee opens one connection per thread, on the thread's first query, and the TUI's
loading threads open theirs afresh for every load. A database file moved or deleted
while netrack was open (tidied into another folder, renamed by a sync tool) broke both
halves of that: the connection opened before went on writing into the file no name led
to any more ("logged", then lost), and the next one, opening by path, made a new empty
database there, beside which SQLite deleted the old file's `-wal` as belonging to it.

So each connection opens the file only if it is there (SQLite's `mode=rw`: never
created), remembers which file that was (device and inode), and a write commits only
while the path still names it (`check_unmoved`). A file replaced under the same name
(`mv other.db netrack.db`) is followed: a thread's connection to the old one is closed
before its next operation, so reads and writes reach the file the path names now.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from netrack.data.db import file_uri
from netrack.domain.errors import StorageError

Identity = tuple[int, int]  # (st_dev, st_ino)


def identity_of(path: Path) -> Identity | None:
    """Which file `path` names now (following a link, as SQLite does); None: none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def moved_words(path: Path) -> str:
    """Why nothing can be read or saved: the file is no longer at `path` (said of a
    write refused, and of a screen's load)."""
    return (
        f"{path} was moved or deleted while netrack was open: nothing can be saved "
        "to it or read from it here; quit, and open it where it is now"
    )


def replaced_words(path: Path) -> str:
    return (
        f"{path} was replaced by another file while this was being saved: nothing was "
        "saved; try again"
    )


class FileDatabase(SqliteDatabase):
    """A `SqliteDatabase` on the file at `path` whose connections never create it and
    know which file they have open (see the module's docstring)."""

    def __init__(self, path: Path, **options: Any) -> None:
        super().__init__(str(path), **options)
        self.path = Path(path)
        # Per thread, as peewee keeps the connections: the file its connection opened.
        self._opened = threading.local()

    def _connect(self) -> sqlite3.Connection:
        # As peewee's own (its `_timeout` and `_add_conn_hooks`, which its stubs do not
        # list), opening the file by a URI with `mode=rw` (any byte of the name kept).
        uri = file_uri(self.path, "mode=rw")
        timeout = self._timeout  # type: ignore[attr-defined]
        try:
            connection = sqlite3.connect(
                uri, timeout=timeout, isolation_level=None, uri=True, **self.connect_params
            )
        except sqlite3.OperationalError:
            if identity_of(self.path) is None:
                raise StorageError(moved_words(self.path)) from None
            raise
        self._opened.file = identity_of(self.path)
        try:
            self._add_conn_hooks(connection)  # type: ignore[attr-defined]
        except Exception:
            connection.close()
            raise
        return connection

    def check_unmoved(self) -> None:
        """Raise StorageError unless `path` still names the file this thread's
        connection has open: called just before a write commits, so that a write
        into a file that was moved, deleted or replaced is rolled back and said."""
        now = identity_of(self.path)
        if now is not None and now == getattr(self._opened, "file", None):
            return
        raise StorageError(moved_words(self.path) if now is None else replaced_words(self.path))

    def follow_replacement(self) -> None:
        """Close this thread's connection (peewee opens another on its next query) when
        another file has taken the path's name since it was opened; outside any
        transaction only. A file moved or deleted is left open: reads go on showing
        what it held, and a write is refused (`check_unmoved`)."""
        if self.is_closed() or self.in_transaction():
            return
        now = identity_of(self.path)
        if now is not None and now != getattr(self._opened, "file", None):
            self.close()
