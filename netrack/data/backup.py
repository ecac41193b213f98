"""Consistent copies of the live database (SQLite's online backup API), and the names of
the copies netrack keeps.

A backup is written to a temporary file beside its target, checked with
`PRAGMA integrity_check`, made owner-only, then renamed into place: a backup that exists
is a whole, verified one. Reading a backup back and swapping it in is `restore.py`'s.

An interrupted copy removes its temporary file: SIGTERM and SIGHUP are turned into
KeyboardInterrupt while one is written (`interrupt_on_sigterm`), and SIGKILL's leftovers are removed by the
next open (`netrack.data.db_files.remove_stale_partials`) or `doctor --fix`.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from types import FrameType

from peewee import SqliteDatabase

from netrack.data.db import RESTORE_HINT, is_damage, os_error_line
from netrack.data.db_files import PARTIAL_SUFFIX, private_dir_for
from netrack.data.errors import readable
from netrack.data.interruptible import first_value
from netrack.data.writes import HANG_UP
from netrack.domain.errors import StorageError, TerminalClosed, Terminated
from netrack.locations import STAMPED, backup_stem, backups_dir


@contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises `Terminated` and SIGHUP (the terminal closed)
    `TerminalClosed`, both KeyboardInterrupts (as Ctrl-C is), so the `finally` blocks
    that remove temporary files run: by default either ended the process on the spot,
    a full-size hidden copy left behind. Only the main thread can install it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame: FrameType | None) -> None:
        raise TerminalClosed if signum == HANG_UP else Terminated

    caught = [number for number in (signal.SIGTERM, HANG_UP) if number is not None]
    previous = {number: signal.signal(number, interrupt) for number in caught}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def own_backups(folder: Path, stem: str, extension: str) -> list[Path]:
    """The backups netrack named for the database `stem` in `folder` (`STEM-STAMP….db`,
    `….json` for a server's): not another database's that shares the folder, even one
    whose name starts the same (`proj-old` beside `proj`)."""
    if not folder.is_dir():
        return []
    named = re.compile(rf"{re.escape(stem)}{STAMPED}\.{extension}")
    return [f for f in folder.iterdir() if named.fullmatch(f.name) and f.is_file()]


def default_backup_path(db_path: Path, reason: str = "") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    suffix = f"-{reason}" if reason else ""
    return backups_dir(db_path) / f"{backup_stem(db_path)}-{stamp}{suffix}.db"


def temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=target.parent)
    os.close(fd)  # mkstemp creates it 0600; sqlite3 writes into the empty file
    return Path(name)


def discard_partial(path: Path) -> None:
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        file.unlink(missing_ok=True)


@contextmanager
def copy_kept_if_done(make: Callable[[], Path], folder: Path) -> Iterator[Path]:
    """The safety copy `make()` writes into `folder` before a change, kept only when the
    change is: a change refused or interrupted (Ctrl-C, SIGTERM) wrote nothing, and its
    copy would only duplicate the database (`doctor` naming it the last backup). So is
    `folder`, when this made it and nothing else is in it. A SIGTERM while the change
    waits for another writer removes them too (`interrupt_on_sigterm`)."""
    made_folder = not folder.exists()
    copy: Path | None = None
    try:
        with interrupt_on_sigterm():
            copy = make()
            yield copy
    except BaseException:
        if copy is not None:
            discard_partial(copy)
        if made_folder:
            with suppress(OSError):  # not empty: another copy was made there meanwhile
                folder.rmdir()
        raise


def copy_into(source: sqlite3.Connection, target: Path, origin: Path) -> None:
    """Online-backup `source` (the file `origin`) into the new file `target`, verify it,
    leave it 0600 and self-contained (rollback journal mode: no -wal beside it). Removes
    it on failure, an interruption (Ctrl-C, SIGTERM) included, which stops the check at
    once. `source` is made with `check_same_thread=False` (`copy_failed` checks it)."""
    try:
        destination = sqlite3.connect(str(target), check_same_thread=False)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")
            check = first_value(destination, "PRAGMA integrity_check")
        finally:
            destination.close()
    except (sqlite3.Error, UnicodeDecodeError) as raised:  # (a damaged byte in its schema)
        discard_partial(target)
        if isinstance(raised, sqlite3.Error) and is_damage(raised):  # the source's pages
            raise StorageError(f"{origin} is damaged ({raised}); {RESTORE_HINT}") from None
        # The folder, not the hidden temporary name the copy had until it was whole.
        error = readable(raised)
        raise StorageError(f"copying the database into {target.parent} failed: {error}") from None
    except BaseException:
        discard_partial(target)
        raise
    if check != "ok":
        discard_partial(target)
        from netrack.data.integrity import copy_failed  # only on this rare path

        raise StorageError(copy_failed(source, target, origin, check))
    os.chmod(target, 0o600)


def backup_database(
    db: SqliteDatabase, db_path: Path, out: Path | None = None, reason: str = ""
) -> Path:
    """Copy the open database to `out` (default: a timestamped file in `backups/`),
    verify the copy's integrity and keep it owner-only. Returns the copy's path. Inside
    a write (`demo --force` holds the lock from its copy to its deletion), what was
    committed before it."""
    target = Path(out).expanduser() if out is not None else default_backup_path(db_path, reason)
    try:
        if target.exists():
            raise StorageError(f"{target} already exists; choose another file name")
        with private_dir_for(target.parent), interrupt_on_sigterm():
            temp = _temp_in_folder_of(target)
            try:
                source = db.connection()
                if source.in_transaction:
                    # Copied by a reader of what is committed: SQLite refuses to copy
                    # through a connection that is writing (Python retries for ever).
                    reader = sqlite3.connect(str(db_path), check_same_thread=False)
                    try:
                        copy_into(reader, temp, db_path)
                    finally:
                        reader.close()
                else:
                    copy_into(source, temp, db_path)
                os.replace(temp, target)
            finally:
                discard_partial(temp)  # nothing left once renamed; everything if interrupted
    except OSError as error:
        raise StorageError(os_error_line(target, error)) from None
    return target


def _temp_in_folder_of(target: Path) -> Path:
    """`temp_beside(target)`; a folder that takes no new file is named, never the hidden
    name the copy would have had (nobody typed it: `backup --out` passes one as `target`)."""
    try:
        return temp_beside(target)
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise  # `os_error_line` names the name that is too long
        raise StorageError(f"cannot write in {target.parent}: {error.strerror or error}") from None


def safety_copy(db_path: Path, named: Path | None = None, reason: str = "before-restore") -> Path:
    """Save the current database before it is replaced (or mended: `doctor --fix`); a
    damaged one is copied as it is (its pages may be what the user needs later).
    `named`: the path as the user gives it (a link), whose backups folder `backup` and
    `doctor` use too. A folder that cannot take it (full, read-only) is named in the
    StorageError: the database's own disk may be fine."""
    connection = sqlite3.connect(str(db_path), check_same_thread=False)
    target = default_backup_path(named or db_path, reason)
    try:
        with private_dir_for(target.parent):
            temp = temp_beside(target)
            try:
                try:
                    copy_into(connection, temp, db_path)
                except StorageError:
                    return _raw_copy(db_path, target)
                os.replace(temp, target)
                return target
            finally:
                discard_partial(temp)  # nothing left once renamed; everything on a failure
    except OSError as error:
        raise StorageError(
            f"copying the database into {target.parent} failed: {error.strerror or error}"
        ) from None
    finally:
        connection.close()


def _raw_copy(db_path: Path, target: Path) -> Path:
    """The database's files copied as they are, each through a temporary name, so a
    copy cut short (a full disk) never takes a backup's name: `doctor` would call it
    the last backup, and it would not restore. All or none of the files."""
    placed: list[Path] = []
    try:
        for suffix in ("", "-wal"):
            source, final = Path(f"{db_path}{suffix}"), Path(f"{target}{suffix}")
            if not source.exists() or (suffix and not source.stat().st_size):
                continue  # an empty WAL (the copying connection's own) holds nothing
            temp = temp_beside(final)
            try:
                shutil.copyfile(source, temp)
                os.chmod(temp, 0o600)
                os.replace(temp, final)
            finally:
                temp.unlink(missing_ok=True)
            placed.append(final)
    except BaseException:
        for file in placed:
            file.unlink(missing_ok=True)
        raise
    return target
