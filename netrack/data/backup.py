"""Consistent copies of the live database (SQLite's online backup API), and restoring one.

A backup is written to a temporary file beside its target, checked with
`PRAGMA integrity_check`, made owner-only, then renamed into place: a backup that exists
is a whole, verified one. Restore verifies everything first — the file (integrity, and a
schema exactly netrack's), its copy, that no other netrack holds the database open (its
WAL index would then describe the wrong file) — then saves the current database as a
backup, and only then swaps the new file in with `os.replace`: a refused restore writes
nothing, not even the safety copy.

An interrupted copy removes its temporary file: SIGTERM is turned into KeyboardInterrupt
while one is written (`interrupt_on_sigterm`), and SIGKILL's leftovers are removed by the
next open (`netrack.data.db.remove_stale_partials`) or `doctor --fix`.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from types import FrameType
from urllib.parse import quote

from peewee import SqliteDatabase

from netrack.data import schema
from netrack.data.db import (
    BUSY_TIMEOUT_S,
    PARTIAL_SUFFIX,
    SQLITE_MAGIC,
    check_regular,
    ensure_private_dir,
    os_error_line,
    private_files,
    reads_as_text,
)
from netrack.data.writes import interrupts_held
from netrack.domain.errors import InputError, StorageError, Terminated
from netrack.locations import backup_stem, backups_dir, no_such_file


@contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises `Terminated`, a KeyboardInterrupt (as Ctrl-C does), so
    the `finally` blocks that remove temporary files run. Only the main thread can
    install it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# What follows a database's stem in its backups' names (`default_backup_path`): the
# date and time, microseconds, then why it was made ("-before-restore").
_STAMPED = r"-\d{8}-\d{6}(-\d+)?(-[a-z][a-z0-9-]*)?"


def own_backups(folder: Path, stem: str, extension: str) -> list[Path]:
    """The backups netrack named for the database `stem` in `folder` (`STEM-STAMP….db`,
    `….json` for a server's): not another database's that shares the folder, even one
    whose name starts the same (`proj-old` beside `proj`)."""
    if not folder.is_dir():
        return []
    named = re.compile(rf"{re.escape(stem)}{_STAMPED}\.{extension}")
    return [f for f in folder.iterdir() if named.fullmatch(f.name) and f.is_file()]


def is_kept_backup(path: Path) -> bool:
    """Whether `path` (or the file a link at it names) is one of the copies netrack
    keeps: a file named as `default_backup_path` names them, in a folder `backups`."""
    for candidate in (path, Path(os.path.realpath(path))):
        if candidate.parent.name == "backups" and re.fullmatch(
            rf".+{_STAMPED}\.db", candidate.name
        ):
            return True
    return False


def default_backup_path(db_path: Path, reason: str = "") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    suffix = f"-{reason}" if reason else ""
    return backups_dir(db_path) / f"{backup_stem(db_path)}-{stamp}{suffix}.db"


def _temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=target.parent)
    os.close(fd)  # mkstemp creates it 0600; sqlite3 writes into the empty file
    return Path(name)


def _discard(path: Path) -> None:
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        file.unlink(missing_ok=True)


def _copy_into(source: sqlite3.Connection, target: Path, origin: Path) -> None:
    """Online-backup `source` (the file `origin`) into the new file `target`, verify it,
    leave it 0600 and self-contained (rollback journal mode: no -wal beside it). Removes
    it on failure, an interruption (Ctrl-C, SIGTERM) included."""
    try:
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")
            check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            destination.close()
    except sqlite3.Error as error:
        _discard(target)
        # The folder, not the hidden temporary name the copy had until it was whole.
        raise StorageError(f"copying the database into {target.parent} failed: {error}") from None
    except BaseException:
        _discard(target)
        raise
    if check != "ok":
        _discard(target)
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
        ensure_private_dir(target.parent)
        with interrupt_on_sigterm():
            temp = _temp_beside(target)
            try:
                source = db.connection()
                if source.in_transaction:
                    # Copied by a reader of what is committed: SQLite refuses to copy
                    # through a connection that is writing (Python retries for ever).
                    reader = sqlite3.connect(str(db_path))
                    try:
                        _copy_into(reader, temp, db_path)
                    finally:
                        reader.close()
                else:
                    _copy_into(source, temp, db_path)
                os.replace(temp, target)
            finally:
                _discard(temp)  # nothing left once renamed; everything if interrupted
    except OSError as error:
        raise StorageError(os_error_line(target, error)) from None
    return target


def _read_only(path: Path, mode: str = "ro") -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode={mode}", uri=True)


def _read_backup(path: Path) -> sqlite3.Connection:
    """A read-only connection to a file restore only reads. When its whole content is
    in it (no -wal beside it, or an empty one) it opens immutable: read-only, SQLite
    made a -shm and an empty -wal beside a WAL-mode file and left them there."""
    wal = Path(f"{path}-wal")
    settled = not wal.exists() or wal.stat().st_size == 0
    return _read_only(path, "ro&immutable=1" if settled else "ro")


def verify_backup(path: Path, latest: int) -> int:
    """Check that `path` is a whole netrack database this netrack can open; returns its
    schema version. InputError (one line) says what is wrong."""
    path = Path(path).expanduser()
    _check_readable_file(path)
    try:
        connection = _read_backup(path)
        try:
            check = connection.execute("PRAGMA integrity_check").fetchone()[0]
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            found = None
            if 1 <= version <= latest and check == "ok":
                found = schema.difference(connection, version)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise InputError(f"{path} cannot be read as a database ({error})") from None
    if check != "ok":
        raise InputError(f"{path} is damaged (integrity check: {check})")
    if version > latest:
        raise InputError(
            f"{path} was written by a newer netrack (schema {version}, this one knows "
            f"{latest}); upgrade netrack to restore it"
        )
    if version < 1:
        raise InputError(f"{path} is a SQLite file but not a netrack database")
    if found:
        raise InputError(schema.describe_foreign(path, version, found))
    _check_references(path)
    return version


def _check_references(path: Path) -> None:
    """Refuse a backup whose rows refer to rows that are gone (another program deleted
    them with foreign keys off): restored, its upgrade failed after the swap, or every
    export refused it."""
    try:
        connection = _read_backup(path)
        try:
            dangling = len(connection.execute("PRAGMA foreign_key_check").fetchall())
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise InputError(f"{path} cannot be read as a database ({error})") from None
    if dangling:
        rows = (
            "1 row that refers to a row that is gone"
            if dangling == 1
            else f"{dangling} rows that refer to rows that are gone"
        )
        raise InputError(
            f"{path} has {rows} (another program deleted them): mend a copy of it first "
            "with `netrack doctor --fix --db COPY`, then restore that"
        )


def _check_readable_file(path: Path) -> None:
    """A regular file we can read, starting with SQLite's header; else one InputError."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(no_such_file(path)) from None
    except OSError as error:
        raise InputError(os_error_line(path, error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a folder, not a backup file")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read; a device never ends
        raise InputError(f"{path} is not a regular file (a device or a pipe?), not a backup")
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise InputError(os_error_line(path, error)) from None
    if header != SQLITE_MAGIC:
        if header.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{":
            # A server's backup, brought back to a laptop: a JSON export goes in by import.
            raise InputError(
                f"{path} reads like a JSON export (a server's backup), not a SQLite backup: bring "
                "it into a new database file with `netrack import json FILE --db NEW.db`"
            )
        raise InputError(f"{path} is not a SQLite database (wrong header)")


def _check_replaceable(db_path: Path, latest: int) -> None:
    """Refuse to replace another application's SQLite file, or a file that is no
    database at all (its text was replaced, and kept as a "backup" restore refuses). A
    damaged or unreadable database may be replaced (that is what restore is for): it is
    saved first."""
    if reads_as_text(db_path):
        raise InputError(
            f"{db_path} is a text file, not a database: restore will not replace it "
            "(give another --db)"
        )
    try:
        connection = _read_only(db_path)
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            found = schema.difference(connection, version) if version <= latest else None
        finally:
            connection.close()
    except (sqlite3.Error, OSError):
        return
    if found:
        raise InputError(
            f"{schema.describe_foreign(db_path, version, found)}; restore will not replace it"
        )


def safety_copy(db_path: Path, named: Path | None = None, reason: str = "before-restore") -> Path:
    """Save the current database before it is replaced (or mended: `doctor --fix`); a
    damaged one is copied as it is (its pages may be what the user needs later).
    `named`: the path as the user gives it (a link), whose backups folder `backup` and
    `doctor` use too. A folder that cannot take it (full, read-only) is named in the
    StorageError: the database's own disk may be fine."""
    connection = sqlite3.connect(str(db_path))
    target = default_backup_path(named or db_path, reason)
    try:
        ensure_private_dir(target.parent)
        temp = _temp_beside(target)
        try:
            try:
                _copy_into(connection, temp, db_path)
            except StorageError:
                return _raw_copy(db_path, target)
            os.replace(temp, target)
            return target
        finally:
            _discard(temp)  # nothing left once renamed; everything on a failure
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
            temp = _temp_beside(final)
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


def _ensure_unused(db_path: Path) -> None:
    """Fold the WAL into the file and make sure no other connection is open: SQLite
    deletes -wal and -shm when the last connection closes, so if they outlive ours,
    someone else (a running TUI) has the database open."""
    connection = sqlite3.connect(str(db_path))
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass  # a damaged database is being replaced; nothing to fold in
    finally:
        connection.close()
    if len(private_files(db_path)) > 1:
        raise StorageError(
            f"{db_path} is open in another netrack (the TUI?); close it, then restore again"
        )


def restore_database(
    source: Path, db_path: Path, latest: int, held: ExitStack | None = None
) -> tuple[int, Path | None]:
    """Replace the database at `db_path` with a verified copy of `source`.

    Order: verify `source` and that the database is netrack's (or damaged, or absent);
    copy `source` beside the database (online backup, verified); check nobody has the
    database open; only then save it in backups/ and `os.replace`. Returns (the restored
    schema version, the safety copy or None if there was no database). The caller must
    have closed its own connection to `db_path`."""
    source, given = Path(source).expanduser(), Path(db_path).expanduser()
    version = verify_backup(source, latest)
    # Through a symbolic link, as every other write goes (SPEC): the link stays, the
    # file it names is replaced.
    db_path = Path(os.path.realpath(given))
    if source.resolve() == db_path:
        raise InputError(f"{source} is the database itself; give a backup file")
    check_regular(db_path, given)  # a folder, /dev/null, a pipe: never replaced by a file
    # `held`: where the restore holds Ctrl-C back until the caller has counted it saved
    # (see `_restore_in_place`); without one, until it returns.
    with ExitStack() as own:
        try:
            return version, _replace(source, db_path, latest, given, held or own)
        except OSError as error:
            raise StorageError(os_error_line(given, error)) from None


def _replace(
    source: Path, db_path: Path, latest: int, named: Path | None, held: ExitStack
) -> Path | None:
    existing = db_path.exists() and db_path.stat().st_size > 0
    if existing:
        from netrack.data.stale_wal import settle  # backup is imported by every command

        settle(db_path)  # a crash's WAL from another file: never merged into the one saved
        _check_replaceable(db_path, latest)
    ensure_private_dir(db_path.parent)
    with interrupt_on_sigterm():
        temp = _temp_beside(db_path)
        try:
            reader = _read_backup(source)
            try:
                _copy_into(reader, temp, source)
            finally:
                reader.close()
            safety = None
            if existing:
                _ensure_unused(db_path)
                safety = _restore_in_place(temp, db_path, named, held)
            if safety is None:  # no database yet, or one SQLite cannot copy into
                if existing:
                    safety = safety_copy(db_path, named)
                for suffix in ("-wal", "-shm"):  # left by a crash: of the old file
                    Path(f"{db_path}{suffix}").unlink(missing_ok=True)
                os.replace(temp, db_path)
        finally:
            _discard(temp)
    os.chmod(db_path, 0o600)
    return safety


def _restore_in_place(
    temp: Path, db_path: Path, named: Path | None, held: ExitStack
) -> Path | None:
    """Copy the verified backup `temp` over the database's own pages; the safety copy
    of the database as it was; None (nothing written) where SQLite cannot copy into it
    (not in WAL mode, another page size, damaged pages): the caller swaps files then.

    A swap lost writes: a `log` run while a restore made its safety copy was saved into
    the old file after the copy and replaced with it (it had said "logged"), or waited
    for the old file's lock and wrote into the file no name led to any more. Copied
    page by page into the same file, every other connection sees the restored history
    at once and waits on the same lock: the first step takes the write lock, SQLite
    holds it until the last, and the safety copy is made in between (by a reader, of
    what was committed), so nothing can be written between the two.

    Ctrl-C and SIGTERM are held back from the first step (`held`: the caller's, left
    once it has counted the restore as saved) and act between steps: the last step
    commits, and a signal raised in the callback after it said "not saved" of a
    restored database."""
    source = sqlite3.connect(str(temp))
    live = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_S)
    safety: list[Path] = []

    def locked(status: int, remaining: int, pages: int) -> None:
        if not remaining:  # the last step: committed
            return
        if not safety:  # the write lock held, nothing committed yet
            safety.append(safety_copy(db_path, named))
        _stop_if_interrupted()  # before the last step, the database still as it was

    try:
        pages = int(source.execute("PRAGMA page_count").fetchone()[0])
        if live.execute("PRAGMA journal_mode").fetchone()[0] != "wal" or pages < 2:
            return None
        held.enter_context(interrupts_held())
        # At least two steps, so that one comes after the safety copy.
        source.backup(live, pages=max(1, min(1024, pages // 2)), progress=locked, sleep=0)
    except sqlite3.Error:
        if safety:  # copied after the lock was taken: the database itself refused
            raise StorageError(
                f"restoring into {db_path} failed: the database is unchanged "
                f"(its copy is in {safety[0]})"
            ) from None
        return None
    finally:
        live.close()
        source.close()
    return safety[0] if safety else None


def _stop_if_interrupted() -> None:
    """Raise what a Ctrl-C or SIGTERM held back (`interrupts_held`) would have raised."""
    if not hasattr(signal, "sigpending"):
        return
    pending = signal.sigpending()
    if signal.SIGTERM in pending:
        raise Terminated
    if signal.SIGINT in pending:
        raise KeyboardInterrupt


def copy_verified_backup(source: Path, target: Path, latest: int) -> int:
    """Check that `source` is a netrack backup this netrack can read (`verify_backup`)
    and copy it to the new file `target`, which may then be opened and migrated: the
    backup itself is only ever read. Returns the backup's schema version."""
    version = verify_backup(source, latest)
    try:
        reader = _read_backup(Path(source).expanduser())
        try:
            _copy_into(reader, target, source)
        finally:
            reader.close()
    except sqlite3.Error as error:
        raise InputError(f"{source} cannot be read as a database ({error})") from None
    return version


def is_sqlite_file(path: Path) -> bool:
    """True when `path` starts with SQLite's header (unreadable: False, and whoever reads
    it next says why)."""
    try:
        with open(Path(path).expanduser(), "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
