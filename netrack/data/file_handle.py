"""The connections to one database file, all bound to the file the first one opened.

Peewee opens one connection per thread, on the thread's first query, and the TUI's
loading threads open theirs afresh for every load. A database file moved or deleted
while netrack was open (tidied into another folder, renamed by a sync tool) broke both
halves of that: the connection opened before went on writing into the file no name led
to any more ("logged", then lost), and the next one, opening by path, made a new empty
database there, beside which SQLite deleted the old file's `-wal` as belonging to it.

So each connection opens the file only if it is there (SQLite's `mode=rw`: never
created), and only if it is still the file this database first opened (device and
inode); a write commits only while the path names that file (`check_unmoved`). A file
replaced under the same name (`mv other.db netrack.db`) is refused alike, not followed:
the `-wal` and `-shm` at that name are still the old file's, held by the connections
open on it, and a connection opened on the newcomer would read the old file's pages as
its own and, on closing, write them into it (a sweep: the newcomer's last records lost,
or the file left "truncated"). The connections already open go on reading the old file
until netrack is quit; the newcomer is left untouched for the next netrack to open.
SQLite leaves the old file's `-wal` at the name when the last of them closes (it writes
nothing to a file it sees moved), where the next netrack would replay it into the
newcomer: once netrack sees the file replaced, it sets that WAL aside in backups/
(`set_aside_replaced`), as it does a crash's WAL that is not the file's own.
"""

from __future__ import annotations

import os
import sqlite3
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
    """Why nothing can be read or saved: another file took the name of the one open."""
    return (
        f"{path} was replaced by another file while netrack was open: nothing can be "
        "saved to it or read from it here; quit, and open it again"
    )


class FileDatabase(SqliteDatabase):
    """A `SqliteDatabase` on the file at `path` whose connections never create it and
    all open the file the first one opened (see the module's docstring)."""

    def __init__(self, path: Path, **options: Any) -> None:
        super().__init__(str(path), **options)
        self.path = Path(path)
        self._file: Identity | None = None  # the file the first connection opened
        self._wal: Identity | None = None  # the `-wal` its writes went to

    def _connect(self) -> sqlite3.Connection:
        now = identity_of(self.path)
        if now is None:
            raise StorageError(moved_words(self.path))
        if self._file is not None and now != self._file:
            self.set_aside_replaced()
            raise StorageError(replaced_words(self.path))
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
        if self._file is None:
            self._file = now
        try:
            self._add_conn_hooks(connection)  # type: ignore[attr-defined]
        except Exception:
            connection.close()
            raise
        return connection

    def check_unmoved(self) -> None:
        """Raise StorageError unless `path` still names the file the connections have
        open: called just before a write commits, so that a write into a file that was
        moved, deleted or replaced is rolled back and said."""
        now = identity_of(self.path)
        if now is not None and now == self._file:
            self._wal = identity_of(self._wal_path) or self._wal
            return
        raise StorageError(moved_words(self.path) if now is None else replaced_words(self.path))

    @property
    def _wal_path(self) -> Path:
        return Path(f"{self.path}-wal")

    def set_aside_replaced(self) -> Path | None:
        """When another file has taken the name of the one open: the `-wal` at the name,
        if it is still the one this database's writes went to, moved into backups/ (where
        it went, or None). Left there, the next netrack to open the newcomer would replay
        the old file's pages into it. Another `-wal` (the newcomer's own) is not touched."""
        now = identity_of(self.path)
        if now is None or now == self._file or self._wal is None:
            return None
        if identity_of(self._wal_path) != self._wal:
            return None
        from netrack.data.stale_wal import set_aside

        self._wal = None
        return set_aside(self.path)
