"""Checking a backup and restoring it over the database. Apart from `backup.py`, which
every command imports to copy the database: only `restore` and the server's import read
a backup back, so `netrack log` never loads these checks.

Restore verifies everything first — the file (integrity, and a schema exactly
netrack's), its copy, that no other netrack holds the database open (its WAL index would
then describe the wrong file) — then saves the current database as a backup, and only
then swaps the new file in with `os.replace`: a refused restore writes nothing, not even
the safety copy.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
from contextlib import ExitStack
from pathlib import Path

from netrack.data import schema
from netrack.data.backup import (
    copy_into,
    discard_partial,
    interrupt_on_sigterm,
    safety_copy,
    temp_beside,
)
from netrack.data.db import (
    BUSY_TIMEOUT_S,
    HEADER_SIZE,
    SQLITE_MAGIC,
    check_regular,
    check_writable,
    has_wal,
    header_damage,
    look_only_uri,
    newer_words,
    os_error_line,
    reads_as_text,
)
from netrack.data.db_files import private_dir_for, private_files, same_file
from netrack.data.doctor_text import carried_damage, read_unreadable
from netrack.data.errors import readable
from netrack.data.interruptible import all_rows, first_value
from netrack.data.writes import HANG_UP, interrupts_held
from netrack.domain.errors import InputError, StorageError, TerminalClosed, Terminated
from netrack.locations import no_such_file


def _read_only(path: Path) -> sqlite3.Connection:
    """A look at the database a restore replaces that leaves no trace beside it
    (`look_only_uri`): a plain read-only connection to a WAL-mode file made a -shm and
    an empty -wal that only a later writer took away, so they stayed when the restore
    was refused or interrupted before one came."""
    return sqlite3.connect(look_only_uri(path), uri=True)


def _read_backup(path: Path) -> sqlite3.Connection:
    """A read-only connection to a file restore only reads (`look_only_uri`)."""
    return sqlite3.connect(look_only_uri(path), uri=True, check_same_thread=False)


def verify_backup(path: Path, latest: int) -> int:
    """Check that `path` is a whole netrack database this netrack can open; returns its
    schema version. InputError (one line) says what is wrong."""
    path = Path(path).expanduser()
    _check_readable_file(path)
    _check_wal(path)
    try:
        connection = _read_backup(path)
        try:
            check = first_value(connection, "PRAGMA integrity_check")
            # Signed as SQLite reports it; the header holds it unsigned, as opening reads
            # it (a damaged high byte is then damage, not "not a netrack database").
            version = int(connection.execute("PRAGMA user_version").fetchone()[0]) & 0xFFFFFFFF
            found = None
            if 1 <= version <= latest and check == "ok":
                found = schema.difference(connection, version)
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError) as error:  # (a damaged byte in its schema)
        raise InputError(f"{path} cannot be read as a database ({readable(error)})") from None
    if check != "ok":
        raise InputError(f"{path} is damaged (integrity check: {check})")
    if version > latest:
        raise InputError(newer_words(version, latest, path, "restore it", mend=""))
    if version < 1:
        raise InputError(f"{path} is a SQLite file but not a netrack database")
    if found:
        raise InputError(schema.describe_foreign(path, version, found))
    _check_values(path)
    _check_references(path)
    return version


def _check_wal(path: Path) -> None:
    """Refuse a backup with a crash's WAL beside it whose frames do not check out: read
    with it, SQLite drops the damaged frame and every commit after it, and the restore
    said it was whole (netrack sets such a WAL aside beside its own database)."""
    if not has_wal(path):
        return
    from netrack.data.stale_wal import dropped, read_frames

    try:
        frames = read_frames(Path(f"{path}-wal"), checked=True)
    except OSError as error:
        raise InputError(os_error_line(Path(f"{path}-wal"), error)) from None
    if frames is not None and frames.damaged_at is not None:
        raise InputError(
            f"{path}-wal, beside the backup, is damaged ({dropped(frames)}); give another "
            "backup, or the backup without it if those changes may go"
        )


def _check_values(path: Path) -> None:
    """Refuse a backup holding what doctor calls damage (text that is not UTF-8, values
    of another type than their column's): SQLite's pages are whole, so the integrity
    check passes, but restored, every command that reads these values fails."""
    found = read_unreadable(look_only_uri(path))
    carried = carried_damage(found) if found is not None else None
    if carried:
        raise InputError(
            f"{path} is damaged: it holds {carried}; give another backup "
            f"(`netrack doctor --db {path}` lists what it holds)"
        )


def _check_references(path: Path) -> None:
    """Refuse a backup whose rows refer to rows that are gone (another program deleted
    them with foreign keys off): restored, its upgrade failed after the swap, or every
    export refused it."""
    try:
        connection = _read_backup(path)
        try:
            dangling = len(all_rows(connection, "PRAGMA foreign_key_check"))
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
    """A regular file we can read, starting with SQLite's header and as long as it says;
    else one InputError."""
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
            header = handle.read(HEADER_SIZE)
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise InputError(os_error_line(path, error)) from None
    if not header.startswith(SQLITE_MAGIC):
        if header.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{":
            # A server's backup, brought back to a laptop: a JSON export goes in by import.
            raise InputError(
                f"{path} reads like a JSON export (a server's backup), not a SQLite backup: bring "
                "it into a new database file with `netrack import json FILE --db NEW.db`"
            )
        raise InputError(f"{path} is not a SQLite database (wrong header)")
    # Opened immutable, a file cut short reads its missing end as zeros: the integrity
    # check passes and a note ends in NUL. Every command refuses it from its header.
    damage = header_damage(header, info.st_size, has_wal(path))
    if damage:
        raise InputError(f"{path} is damaged ({damage})")


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
            # Signed as SQLite reports it; the header holds it unsigned, as opening reads
            # it (a damaged high byte is then damage, not "not a netrack database").
            version = int(connection.execute("PRAGMA user_version").fetchone()[0]) & 0xFFFFFFFF
            found = schema.difference(connection, version) if version <= latest else None
        finally:
            connection.close()
    except (sqlite3.Error, OSError):
        return
    if found:
        raise InputError(
            f"{schema.describe_foreign(db_path, version, found)}; restore will not replace it"
        )


def _ensure_unused(db_path: Path) -> None:
    """Fold the WAL into the file and make sure no other connection is open: SQLite
    deletes -wal and -shm when the last connection closes, so if they outlive ours,
    someone else (a running TUI) has the database open."""
    connection = sqlite3.connect(str(db_path))
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except (sqlite3.Error, UnicodeDecodeError):  # (a damaged byte in its schema)
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
    # Through a symbolic link, as every other write goes (SPEC): the link stays, the
    # file it names is replaced.
    db_path = Path(os.path.realpath(given))
    if source.resolve() == db_path or same_file(source, db_path):
        # By inode too: a hard link to the database was "restored", a no-op that left
        # one more before-restore copy in backups/
        raise InputError(f"{source} is the database itself; give a backup file")
    version = verify_backup(source, latest)
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
        # Said before anything opens it: on a file it cannot write, SQLite leaves -wal
        # and -shm behind, which `_ensure_unused` took for another netrack's.
        check_writable(db_path)
        from netrack.data.stale_wal import settle  # loaded only when a database is replaced

        settle(db_path)  # a crash's WAL from another file: never merged into the one saved
        _check_replaceable(db_path, latest)
    with private_dir_for(db_path.parent), interrupt_on_sigterm():
        temp = temp_beside(db_path)
        try:
            reader = _read_backup(source)
            try:
                copy_into(reader, temp, source)
            finally:
                reader.close()
            safety = None
            if existing:
                _ensure_unused(db_path)
                safety = _restore_in_place(temp, db_path, named, held)
            if safety is None:  # no database yet, or one SQLite cannot copy into
                safety = _swap(temp, db_path, named, existing)
        finally:
            discard_partial(temp)
    os.chmod(db_path, 0o600)
    return safety


def _swap(temp: Path, db_path: Path, named: Path | None, existing: bool) -> Path | None:
    """Put `temp` in the database's place; the safety copy made first, removed again if
    the swap does not happen (the database is then as it was, and the copy only
    duplicated it)."""
    safety = safety_copy(db_path, named) if existing else None
    try:
        for suffix in ("-wal", "-shm"):  # left by a crash: of the old file
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(temp, db_path)
    except BaseException:
        if safety is not None:
            discard_partial(safety)
        raise
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
    except (sqlite3.Error, UnicodeDecodeError):  # (a damaged byte in its schema)
        if safety:  # copied after the lock was taken: the database itself refused
            # Kept, and said: a database that refuses a write may be failing.
            raise StorageError(
                f"restoring into {db_path} failed: the database is unchanged "
                f"(its copy is in {safety[0]})"
            ) from None
        return None
    except BaseException:
        # Ctrl-C or SIGTERM before the last step: nothing was committed, the database is
        # as it was, and a copy left in backups/ was "the last backup" for doctor.
        for copy in safety:
            discard_partial(copy)
        raise
    finally:
        live.close()
        source.close()
    return safety[0] if safety else None


def _stop_if_interrupted() -> None:
    """Raise what a Ctrl-C, SIGTERM or SIGHUP held back (`interrupts_held`) would have
    raised."""
    if not hasattr(signal, "sigpending"):
        return
    pending = signal.sigpending()
    if HANG_UP is not None and HANG_UP in pending:
        raise TerminalClosed
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
            copy_into(reader, target, source)
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
