"""Opening the database: owner-only files, pragmas, schema checks and migrations.

Everything SQLite-specific (pragmas, user_version, data_version) lives here.

Opening is careful in a fixed order, so that a damaged, foreign, read-only or too-new file
is refused with one line *before* anything is written to it:

1. the path itself: a directory, a file too short or not SQLite, a file shorter than its
   header says (truncated), a schema newer than this netrack — all read from the 100-byte
   header without opening SQLite;
2. permissions: the file and its folder must be writable (SQLite creates `-wal` and `-shm`
   beside the file);
3. a connection *without* the journal-mode pragma (switching to WAL writes the header),
   then a `quick_check` of the pages whenever netrack is about to write outside SQLite's
   own transactions — the first switch to WAL, a migration — or when asked (`verify`);
4. the schema: exactly what netrack's migrations make for the file's version, or nothing
   at all (a new database) — another application's SQLite file is refused before WAL or
   a chmod touches it (`netrack.data.schema`);
   then WAL, owner-only permissions, then migrations under one write lock, and last the
   removal of unfinished copies an interrupted backup or restore left behind.

Everyday commands skip the full-file check: it reads every page, so its cost grows with
years of history (a quarter of a second on a five-year database), while SQLite itself
refuses a damaged page the moment a command touches it and rolls the write back, which
reaches the user as the same "damaged … restore" line. `netrack doctor` checks any size.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import SqliteDatabase

from netrack.domain.errors import StorageError

# How long a write waits, in all, for another program's write lock (README, Your data).
BUSY_TIMEOUT_S = 10
# Set on every connection. journal_mode is set apart (see `_enable_wal`): it writes.
PRAGMAS = {
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_S * 1000,
    "synchronous": "normal",
    "cache_size": -4_000,  # 4 MB: the OS caches the file too; a bigger cache only adds RSS
}
RESTORE_HINT = "restore a backup with `netrack restore FILE`"
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# ~5-7 ms a megabyte: the thorough check is bounded where it runs unasked.
QUICK_CHECK_LIMIT = 64 * 1024 * 1024
# Temporary copies (backup, restore) are hidden `.NAME.XXXX.partial` files, renamed into
# place when whole. One left behind by a killed process is removed once it is older than
# this process and than STALE_AFTER_S (a copy being written keeps a fresh mtime).
PARTIAL_SUFFIX = ".partial"
STALE_AFTER_S = 60
_STARTED = time.time()


# Database files opened by this process (device, inode): their `-wal` is this process's
# own, and a descriptor of ours opened and closed on them would drop the locks SQLite
# holds there (POSIX drops every lock a process holds on a file when it closes any of
# its descriptors): `stale_wal` never tests their locks.
_opened_here: set[tuple[int, int]] = set()


def opened_here(path: Path) -> None:
    """Note that this process has `path` open (see `_opened_here`)."""
    try:
        info = path.stat()
    except OSError:
        return
    _opened_here.add((info.st_dev, info.st_ino))


def opened_by_us(info: os.stat_result) -> bool:
    """Whether the file `info` describes is one this process has opened."""
    return (info.st_dev, info.st_ino) in _opened_here


def wal_left(path: Path) -> bool:
    """Whether a non-empty `-wal` sits beside `path` (by stat alone): only then is there
    anything for `stale_wal.settle` to judge."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def ensure_private_dir(path: Path) -> list[Path]:
    """Create `path` and any missing parents as 0700, whatever the umask; returns the
    folders it created, outermost first.

    An existing folder is left as it is: it may be the user's own (`--db ~/Documents/…`).
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    created: list[Path] = []
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
            created.append(folder)
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        pass  # created by a concurrent netrack a moment ago
    except OSError as error:
        remove_empty(created)
        raise StorageError(f"cannot create folder {path}: {error.strerror}") from None
    if not path.is_dir():
        raise StorageError(f"{path} is not a folder")
    return created


@contextmanager
def private_dir_for(path: Path) -> Iterator[None]:
    """`ensure_private_dir(path)` for a write that happens in the block: if the block
    fails or is interrupted (Ctrl-C, a signal), the folders made for it go again, as
    long as they are still empty. A failed backup or export leaves nothing behind."""
    created = ensure_private_dir(path)
    try:
        yield
    except BaseException:
        remove_empty(created)
        raise


def remove_empty(folders: list[Path]) -> None:
    """Remove `folders` (outermost first, as `ensure_private_dir` lists them) that hold
    nothing, innermost first; one something else has filled stays."""
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return  # not empty (another program wrote there), or gone: the rest stay


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
    """The database and its `-wal` / `-shm` companions that exist now."""
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def is_missing(path: Path) -> bool:
    """No file at `path` yet; False when that cannot be told (a name too long: opening
    it says so in its own words)."""
    try:
        return not path.exists()
    except OSError:
        return False


def remove_new_database(path: Path) -> None:
    """Remove a database a failed command made, and its companions (closed first): a
    failed command writes nothing, the file it would have made included (SPEC)."""
    from netrack.data.writes import Writes

    for file in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
        file.unlink(missing_ok=True)
    Writes.discarded += (str(path),)


def loose_files(path: Path) -> list[Path]:
    """The database files we own that others can read, found without opening any (a
    descriptor closed would drop the locks SQLite holds on the file: see opening.py)."""
    loose = []
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            info = os.lstat(file)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and info.st_uid == os.geteuid():
            loose.append(file)
    return loose


def tighten_permissions(path: Path) -> list[Path]:
    """chmod 0600 the database files we own that others can read; returns those changed.

    Only regular files: a `-wal` that is a symbolic link or a FIFO is never followed."""
    changed = []
    for file in private_files(path):
        try:  # O_NOFOLLOW: a link is refused; fstat: the very file we would chmod
            fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            loose = stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.geteuid()
            if stat.S_ISREG(info.st_mode) and loose:
                os.fchmod(fd, 0o600)
                changed.append(file)
        finally:
            os.close(fd)
    return changed


def _partial_candidates(path: Path) -> list[Path]:
    """Hidden `.partial` copies of this database: beside it (restore) and in backups/."""
    from netrack.locations import backup_stem, backups_dir

    found = []
    for folder, prefix in (
        (path.parent, f".{path.name}."),
        (backups_dir(path), f".{backup_stem(path)}-"),
    ):
        try:
            with os.scandir(folder) as entries:
                found += [
                    Path(entry.path)
                    for entry in entries
                    if entry.name.startswith(prefix) and PARTIAL_SUFFIX in entry.name
                ]
        except OSError:
            continue  # no backups/ yet, or a folder we cannot list: nothing to clean
    return found


def stale_partials(path: Path) -> list[Path]:
    """Unfinished copies left by an interrupted backup, restore or migration: older than
    this process and than STALE_AFTER_S, so none that a live netrack is still writing."""
    limit = min(_STARTED, time.time() - STALE_AFTER_S)
    stale = []
    for file in _partial_candidates(path):
        try:
            info = os.lstat(file)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
            stale.append(file)
    return stale


def remove_stale_partials(path: Path) -> list[Path]:
    """Delete `stale_partials(path)`; returns those removed."""
    removed = []
    for file in stale_partials(path):
        try:
            file.unlink()
        except OSError:
            continue  # gone already, or not ours to delete: doctor reports it
        removed.append(file)
    return removed


def os_error_line(path: Path, error: OSError) -> str:
    """One line for an OSError about `path` (a name too long, a folder we cannot read…)."""
    if error.errno == errno.ENAMETOOLONG:
        longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
        return f"the file name {str(path)[:60]}… is too long ({longest} bytes in one name)"
    return f"cannot use {path}: {error.strerror or error}"


def reads_as_text(path: Path) -> bool:
    """A file of text (notes, an export), never a database: no NUL byte in its first
    pages, where a database, even one whose header was damaged, has many. Such a file
    is not replaced by `restore`; a damaged database is (that is what restore is for).
    Unreadable or empty: False."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(8192)
    except OSError:
        return False
    return bool(start) and b"\0" not in start and not start.startswith(SQLITE_MAGIC)


def header_int(header: bytes, offset: int, size: int = 4) -> int:
    return int.from_bytes(header[offset : offset + size], "big")


def header_schema_version(header: bytes) -> int:
    """PRAGMA user_version as the file's header holds it (offset 60)."""
    return header_int(header, 60)


def check_regular(path: Path, shown: Path | None = None) -> None:
    """Refuse a path (or a symbolic link's target) that is there but is no plain file: a
    device such as /dev/null, a named pipe (reading it would wait forever) or a socket.
    A database only ever replaces or writes a file. `shown`: the path as the user gave it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # absent (or unreadable: whoever opens it next says why)
    if stat.S_ISDIR(mode):
        raise StorageError(f"{shown or path} is a directory, not a database file")
    if not stat.S_ISREG(mode):
        raise StorageError(
            f"{shown or path} is not a regular file (a device, a pipe or a socket); "
            "give --db a database file"
        )


def check_path(path: Path) -> None:
    """Refuse, from the header alone, what is not a usable netrack database."""
    check_regular(path)
    for suffix in ("-wal", "-shm"):  # SQLite will not use a link or a folder there
        companion = Path(f"{path}{suffix}")
        if companion.is_symlink() or (companion.exists() and not companion.is_file()):
            raise StorageError(
                f"{companion} is not a regular file (a link or a folder?); netrack keeps "
                "its own there: move it aside"
            )
    if not path.exists():
        return
    try:
        size = path.stat().st_size
        if not size:
            return  # an empty file: a new database
        with open(path, "rb") as handle:
            header = handle.read(HEADER_SIZE)
    except PermissionError:
        raise StorageError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise StorageError(f"cannot read {path}: {error.strerror}") from None
    if not header.startswith(SQLITE_MAGIC):
        if reads_as_text(path):  # notes, an export: no backup of it to restore
            raise StorageError(
                f"{path} is a text file, not a netrack database; it was left untouched "
                "(give --db a netrack database or a new file name)"
            )
        raise StorageError(f"{path} is not a netrack database (not SQLite); {RESTORE_HINT}")
    if len(header) < HEADER_SIZE:
        raise StorageError(f"{path} is damaged (truncated to {size} bytes); {RESTORE_HINT}")
    page_size = header_int(header, 16, 2)
    page_size = 65_536 if page_size == 1 else page_size
    pages = header_int(header, 28)
    # The page count is trusted when "version-valid-for" matches the change counter; with
    # no WAL beside it, a valid file is never shorter than its pages.
    counted = header_int(header, 92) == header_int(header, 24)
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    if counted and not has_wal and size < pages * page_size:
        raise StorageError(
            f"{path} is damaged (truncated: {size} of {pages * page_size} bytes); {RESTORE_HINT}"
        )
    check_not_newer(header_schema_version(header), path)


def check_not_newer(version: int, path: Path) -> None:
    from netrack.data.migrations import latest

    if version > latest():
        raise StorageError(
            f"{path} was written by a newer netrack (schema {version}, this one knows "
            f"{latest()}); upgrade netrack to open it — the file was not changed"
        )


def check_writable(path: Path) -> None:
    """SQLite needs to write the file and to create `-wal`/`-shm` beside it."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise StorageError(
            f"{path} is read-only: netrack cannot write to it (make it writable, "
            "or copy it somewhere writable)"
        )
    companions = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    ready = all(p.exists() and os.access(p, os.W_OK) for p in companions)
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK) and not ready:
        raise StorageError(
            f"cannot write in folder {folder} (netrack keeps {path.name}-wal beside the "
            "database); make the folder writable or use --db elsewhere"
        )


def _will_write_outside_a_transaction(db: SqliteDatabase) -> bool:
    """True when opening will switch the file to WAL or migrate it."""
    from netrack.data import migrations

    mode = str(db.execute_sql("PRAGMA journal_mode").fetchone()[0]).lower()
    return mode != "wal" or schema_version(db) < migrations.latest()


def check_pages(db: SqliteDatabase, path: Path, thorough: bool = True) -> None:
    """Read the schema (always) and every page (SQLite's quick_check, when `thorough`)."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if not thorough or size > QUICK_CHECK_LIMIT:
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        return
    result = str(db.execute_sql("PRAGMA quick_check(1)").fetchone()[0])
    if result != "ok":
        raise StorageError(f"{path} is damaged ({result}); {RESTORE_HINT}")


def _enable_wal(db: SqliteDatabase) -> None:
    mode = str(db.execute_sql("PRAGMA journal_mode").fetchone()[0]).lower()
    if mode != "wal":
        db.execute_sql("PRAGMA journal_mode = wal")


def is_locked(error: Exception) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message


def is_damage(error: Exception) -> bool:
    """Whether SQLite's `error` says the file's pages or schema are damaged."""
    message = str(error)
    return "malformed" in message or "not a database" in message or "corrupt" in message


def describe(error: Exception, path: Path) -> str:
    """One line for a SQLite error on `path`, with what to do about it."""
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return f"{path} is read-only: netrack cannot write to it"
    if is_locked(error):
        return f"{path} is busy (another program holds it for too long); try again"
    if is_damage(error):
        return f"{path} is damaged ({message}); {RESTORE_HINT}"
    if "Could not decode to UTF-8" in message:  # a damaged byte in a row's text
        return (
            f"{path} holds text that is not UTF-8 ({message}); `netrack doctor` lists "
            f"where; {RESTORE_HINT}"
        )
    if "full" in message:
        return f"the disk holding {path} is full: nothing was saved; free some space"
    if "unable to open" in message:
        return f"cannot open {path} (check the folder exists and is writable)"
    if "disk i/o error" in message.lower():
        return (
            f"the disk holding {path} failed to read or write (disk I/O error); nothing was saved"
        )
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
