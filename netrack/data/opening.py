"""Opening a database: the careful order of `netrack.data.db`'s checks, then migrations.

Path, permissions, a `-wal` a crash left (`stale_wal.settle`: merged only into the file it
belongs to), pages, then the schema itself (another application's SQLite file is refused
untouched), and only then WAL, permissions and migrations, which write. Kept
apart from `db` (the checks) and `migrate` (the steps) so neither imports the other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from netrack.data import schema
from netrack.data.db import (
    BUSY_TIMEOUT_S,
    PRAGMAS,
    _enable_wal,
    _will_write_outside_a_transaction,
    check_pages,
    check_path,
    check_writable,
    describe,
    file_uri,
    full_line,
    os_error_line,
)
from netrack.data.db_files import (
    companion,
    create_private_file,
    ensure_private_dir,
    loose_files,
    no_room_for_shm,
    opened_here,
    real_path,
    remove_new_database,
    remove_stale_partials,
    tighten_permissions,
    wal_left,
)
from netrack.data.errors import readable
from netrack.data.file_handle import FileDatabase
from netrack.data.migrate import upgrade
from netrack.data.migrations import LATEST
from netrack.domain.errors import StorageError
from netrack.locations import is_kept_backup


def open_database(
    path: Path,
    migrate: bool = True,
    verify: bool = False,
    today: Callable[[], date] | None = None,
    reading: bool = False,
) -> SqliteDatabase:
    """Open (creating if needed) the database at `path`, migrated to the current schema
    (`today` is the clock a migration dates rows by); returns a new handle on it (each
    call its own: two files never share one).

    `reading`: the command only reads, so a file it cannot write (a read-only disk, a
    backup owned by another user) is opened read-only rather than refused.

    Raises StorageError with one line a person can act on; a file that is refused is
    left byte-for-byte as it was.
    """
    path = Path(path).expanduser()
    if is_kept_backup(path):
        # Opened, it was upgraded in place and switched to WAL (its bytes were no longer
        # the copy kept), and a migration made a backup of the backup beside it.
        raise StorageError(
            f"{path} is one of netrack's backups, kept as it is: netrack does not open it "
            f"as a database (`netrack restore {path}` brings it back; copy it elsewhere to "
            "look at it)"
        )
    try:
        check_path(path)
        if reading and path.exists() and not writable(path):
            return open_read_only(path, verify)
        check_writable(path)
        if path.exists() and no_room_for_shm(path):
            # SQLite would fail "disk I/O error" making its -shm, and leave bits of it.
            # A read needs none when the file holds everything: as from a read-only disk.
            if reading and not wal_left(path):
                return open_read_only(path, verify, refusal=full_line(path))
            raise StorageError(full_line(path))
        if wal_left(path):  # a crash's -wal is judged before any connection can merge it
            from netrack.data.stale_wal import settle  # (only then: every command opens)

            settle(real_path(path))  # the WAL SQLite would read is the real file's
        if not path.exists():
            ensure_private_dir(path.parent)
            create_private_file(path)
    except OSError as error:
        raise StorageError(os_error_line(path, error)) from None
    # A handle of its own for each open: the `Store` that receives it binds the models to it.
    db = FileDatabase(
        path,
        pragmas=PRAGMAS,
        timeout=BUSY_TIMEOUT_S,
        check_same_thread=False,
        lock_type="IMMEDIATE",
    )
    try:
        db.connect()
        opened_here(path)
        check_pages(db, path, thorough=verify or _will_write_outside_a_transaction(db))
        check_schema(db, path)
        if loose_files(path):  # found by stat alone: no descriptor of ours is closed
            # Tightened with no connection open, never beside one: POSIX drops every
            # lock a process holds on a file when it closes any descriptor of it, and
            # with its locks gone another netrack took itself for the last one, deleted
            # the WAL under this one and wrote beside it (lost writes, "locking
            # protocol", SIGBUS). SQLite gives the -wal and -shm it makes the mode of
            # the database file.
            db.close()
            tighten_permissions(path)
            db.connect()
        _enable_wal(db)
        if migrate:
            upgrade(db, path, today)
        remove_stale_partials(path)
    except StorageError:
        db.close()
        raise
    except (DatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as error:
        # OperationalError included; UnicodeDecodeError: a damaged byte in the schema
        db.close()
        raise StorageError(describe(readable(error), path)) from None
    except OSError as error:
        db.close()
        raise StorageError(f"cannot use {path}: {error.strerror}") from None
    except BaseException:  # Ctrl-C, SIGTERM: the transaction is rolled back by now
        # Closed, so that a file this open made can be removed (`cli_session`).
        db.close()
        raise
    return db


def discard_unfinished(path: Path) -> None:
    """Remove the database at `path`, which was missing before a command's open, when
    that open was cut short (Ctrl-C as the file was made or upgraded) and it holds
    nothing: the command never had it to write in, and it was left behind with its
    -wal and -shm."""
    if path.exists() and holds_no_records(path):
        remove_new_database(path)


def holds_no_records(path: Path) -> bool:
    """No contact and no campaign in the file (nor their tables: a new database whose
    upgrade never committed), read by a connection of its own; False when it cannot be
    read, so that a file another netrack is filling is never taken for an empty one."""
    try:
        connection = sqlite3.connect(file_uri(path, "mode=ro"), uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        return all(
            connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is None
            for table in ("contact", "campaign")
            if table in tables
        )
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def check_schema(db: SqliteDatabase, path: Path) -> None:
    """Refuse a file whose schema is not netrack's for its version (nor empty)."""
    # One read snapshot (DEFERRED: the database's default IMMEDIATE would take the write
    # lock and wait behind any writer): a concurrent first migration is seen whole or not.
    with db.atomic("DEFERRED"):
        connection = db.connection()
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        found, steps = schema.verdict(connection, version)
    if found:
        advice = (
            "`netrack doctor --fix` makes its indexes and triggers netrack's again"
            if steps  # netrack's own file, with an index or a trigger not as it made it
            else "give --db a netrack database or a new file name"
        )
        raise StorageError(
            f"{schema.describe_foreign(path, version, found)}; it was left untouched ({advice})"
        )


def writable(path: Path) -> bool:
    """Whether SQLite can write `path` and keep its `-wal` beside it."""
    try:
        check_writable(path)
    except StorageError:
        return False
    return True


def open_read_only(path: Path, verify: bool = False, refusal: str | None = None) -> SqliteDatabase:
    """A read-only handle on a netrack database netrack cannot write: checked as any
    other (pages, schema), never switched to WAL, migrated or tightened. With no `-wal`
    beside it the file is whole and nobody is writing it (a writer keeps one while it
    works; every netrack command leaves none): SQLite is told it cannot change
    (`immutable`), so reading it leaves no `-wal` or `-shm` behind, and works on a
    read-only disk. With one, it is read as a reader beside a writer.

    `refusal`: why the file is not opened to write, when not because it is read-only
    (a full disk, where an empty `-wal` a failed open left holds nothing): said where
    an upgrade is needed."""
    immutable = refusal is not None or not companion(path, "-wal").exists()
    uri = file_uri(path, "mode=ro" + ("&immutable=1" if immutable else ""))
    db = SqliteDatabase(
        uri,
        uri=True,
        pragmas={"foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_S * 1000},
        timeout=BUSY_TIMEOUT_S,
        check_same_thread=False,
    )
    try:
        db.connect()
        opened_here(path)
        check_pages(db, path, thorough=verify)
        check_schema(db, path)
        version = int(db.connection().execute("PRAGMA user_version").fetchone()[0])
        if version != LATEST and refusal is not None:
            raise StorageError(refusal)
        if version == 0:
            raise StorageError(f"{path} is read-only and holds no netrack data yet")
        if version != LATEST:
            raise StorageError(
                f"{path} is read-only and of schema {version}, not this netrack's {LATEST}: "
                "it cannot be brought up to date there; copy it somewhere writable"
            )
    except StorageError:
        db.close()
        raise
    except (DatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as error:
        db.close()
        raise StorageError(describe(readable(error), path)) from None
    return db
