"""Opening the database: owner-only files, pragmas, schema checks and migrations.

Everything SQLite-specific (pragmas, user_version, data_version) lives here.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from peewee import OperationalError, SqliteDatabase

from netrack.data import tables
from netrack.domain.errors import StorageError

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "synchronous": "normal",
    "cache_size": -16_000,
}
RESTORE_HINT = "restore a backup with `netrack restore FILE`"


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) as 0700; tighten an existing one we own."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StorageError(f"cannot create directory {path}: {error.strerror}") from None
    if not path.is_dir():
        raise StorageError(f"{path} is not a directory")


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file if none exists, whatever the umask."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    except IsADirectoryError:
        raise StorageError(f"{path} is a directory, not a database file") from None
    except OSError as error:
        raise StorageError(f"cannot create {path}: {error.strerror}") from None
    os.close(fd)


def private_files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def tighten_permissions(path: Path) -> None:
    for file in private_files(path):
        mode = stat.S_IMODE(file.stat().st_mode)
        if mode & 0o077:
            file.chmod(0o600)


def check_path(path: Path) -> None:
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a database file")
    if path.exists() and path.stat().st_size:
        with open(path, "rb") as handle:
            header = handle.read(16)
        if header != b"SQLite format 3\x00":
            raise StorageError(f"{path} is not a netrack database (not SQLite); {RESTORE_HINT}")


def open_database(path: Path, migrate: bool = True) -> SqliteDatabase:
    """Open (creating if needed) the database at `path`, migrated to the current schema.

    Raises StorageError with one line a person can act on.
    """
    from netrack.data import migrations

    path = Path(path).expanduser()
    check_path(path)
    if not path.exists():
        ensure_private_dir(path.parent)
        create_private_file(path)
    db = tables.database
    if not db.is_closed():
        db.close()
    db.init(str(path), pragmas=PRAGMAS, timeout=10, check_same_thread=False)
    try:
        db.connect()
        tighten_permissions(path)
        if migrate:
            migrations.upgrade(db, path)
    except OperationalError as error:
        db.close()
        raise StorageError(describe(error, path)) from None
    except sqlite3.DatabaseError as error:
        db.close()
        raise StorageError(describe(error, path)) from None
    return db


def describe(error: Exception, path: Path) -> str:
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return f"{path} is read-only: netrack cannot write to it"
    if "locked" in message or "busy" in message:
        return f"{path} is busy (another netrack is writing); try again"
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return f"{path} is damaged ({message}); {RESTORE_HINT}"
    if "full" in message:
        return f"the disk holding {path} is full"
    if "unable to open" in message:
        return f"cannot open {path} (check the folder exists and is writable)"
    return f"database error on {path}: {message}"


def schema_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def set_schema_version(db: SqliteDatabase, version: int) -> None:
    db.execute_sql(f"PRAGMA user_version = {int(version)}")


def data_version(db: SqliteDatabase) -> int:
    """Changes whenever another connection commits: cheap to poll."""
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])


def integrity(db: SqliteDatabase) -> str:
    return str(db.execute_sql("PRAGMA integrity_check").fetchone()[0])
