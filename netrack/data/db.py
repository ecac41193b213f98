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
from pathlib import Path
from urllib.parse import quote_from_bytes

from peewee import SqliteDatabase

from netrack.data import db_files
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
        companion = db_files.companion(path, suffix)
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
    damage = header_damage(header, size, has_wal(path))
    if damage:
        raise StorageError(f"{path} is damaged ({damage}); {RESTORE_HINT}")
    check_not_newer(header_schema_version(header), path)


def has_wal(path: Path) -> bool:
    """Whether a WAL with content lies beside `path` (its pages may be there)."""
    wal = db_files.companion(path, "-wal")
    return wal.exists() and wal.stat().st_size > 0


def look_only_uri(path: Path) -> str:
    """A read-only URI for the file at `path` that leaves no trace: when its whole
    content is in it (no -wal beside it, or an empty one) it opens immutable, as a
    read-only connection to a WAL-mode file made a -shm and an empty -wal it could not
    take away again; else it is read beside its WAL."""
    return file_uri(path, "mode=ro" if has_wal(path) else "mode=ro&immutable=1")


def file_uri(path: Path, query: str) -> str:
    """SQLite's URI for the file at `path` (absolute), then `?query`. Quoted from the
    path's bytes: a name that is not UTF-8 (`café.db` written in Latin-1) is held by
    Python with surrogates, which quoting the text could not encode."""
    return f"file:{quote_from_bytes(os.fsencode(path.resolve()))}?{query}"


def header_damage(header: bytes, size: int, wal_beside: bool) -> str | None:
    """What the header of a SQLite file of `size` bytes shows is damaged, in a few words
    ("truncated: 10 of 20 bytes"), or None. `header`: its first HEADER_SIZE bytes, or
    fewer when the file is that short."""
    if len(header) < HEADER_SIZE:
        return f"truncated to {size} bytes"
    # SQLite writes 1 (rollback journal) or 2 (WAL) to both; above 2 it will not write
    # the file (or, for the read version, read it), and said "readonly database".
    for offset, which in ((18, "write"), (19, "read")):
        if header[offset] not in (1, 2):
            return (
                f"its header gives file format {which} version {header[offset]}, "
                "where SQLite writes 1 or 2"
            )
    page_size = header_int(header, 16, 2)
    page_size = 65_536 if page_size == 1 else page_size
    if not 512 <= page_size <= 65_536 or page_size & (page_size - 1):
        # Else its pages times a damaged size read as a file cut short.
        return (
            f"its header gives a page size of {page_size} bytes, not a power of two "
            "from 512 to 65536"
        )
    pages = header_int(header, 28)
    # The page count is trusted when "version-valid-for" matches the change counter; with
    # no WAL beside it, a valid file is never shorter than its pages.
    counted = header_int(header, 92) == header_int(header, 24)
    if counted and not wal_beside and size < pages * page_size:
        return f"truncated: {size} of {pages * page_size} bytes"
    return None


# Netrack adds a schema step or two a month: a header claiming over this many more than
# this netrack knows is a damaged one (a flipped byte of its user_version), not a file
# from a later netrack, whose upgrade would not open it either.
NEWER_AT_MOST = 1000


def check_not_newer(version: int, path: Path) -> None:
    from netrack.data.migrations import latest

    if version > latest():
        raise StorageError(
            newer_words(version, latest(), path, "open it — the file was not changed")
        )


def newer_words(
    version: int, latest: int, path: Path, to_do: str, mend: str = f"; {RESTORE_HINT}"
) -> str:
    """Why a file whose header says schema `version`, over `latest`, is refused: written
    by a newer netrack (upgrade to `to_do`), or damaged (`mend` says what to do) if no
    netrack writes that."""
    if version > latest + NEWER_AT_MOST:
        return (
            f"{path} is damaged (its header gives schema {version}, which no netrack writes; "
            f"this one knows {latest}){mend}"
        )
    return (
        f"{path} was written by a newer netrack (schema {version}, this one knows "
        f"{latest}); upgrade netrack to {to_do}"
    )


def check_writable(path: Path) -> None:
    """SQLite needs to write the file and to create `-wal`/`-shm` beside it: beside the
    file a symbolic link names, in that file's folder (`db_files.real_path`)."""
    real = db_files.real_path(path)
    folder = real.parent
    if folder.exists() and not folder.is_dir():  # `--db notes.txt/x.db`
        raise StorageError(db_files.not_a_folder(path, folder))
    if path.exists() and not os.access(path, os.W_OK):
        raise StorageError(
            f"{path} is read-only: netrack cannot write to it (make it writable, "
            "or copy it somewhere writable)"
        )
    companions = [db_files.companion(path, "-wal"), db_files.companion(path, "-shm")]
    for companion in companions:
        if companion.exists() and not os.access(companion, os.W_OK):
            # SQLite then opens the file read-only and says "readonly database", which
            # a writable .db makes no sense of: the file in the way is named.
            raise StorageError(unwritable_companion(companion))
    ready = all(p.exists() and os.access(p, os.W_OK) for p in companions)
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK) and not ready:
        raise StorageError(
            f"cannot write in folder {folder} (netrack keeps {real.name}-wal beside the "
            "database); make the folder writable or use --db elsewhere"
        )


def unwritable_companion(companion: Path) -> str:
    """Why a `-wal` or `-shm` netrack cannot write stops every write, and the way out."""
    return (
        f"{companion} is read-only: netrack cannot write the database beside it "
        "(`netrack doctor --fix` mends it)"
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
        return full_line(path)
    if "unable to open" in message:
        return f"cannot open {path} (check the folder exists and is writable)"
    if "disk i/o error" in message.lower():
        from netrack.data.db_files import SHM_ROOM, room_left

        left = room_left(path)
        if left is not None and left < 2 * SHM_ROOM:  # the -shm (or a page) found no room
            return full_line(path)
        return (
            f"the disk holding {path} failed to read or write (disk I/O error); nothing was saved"
        )
    return f"database error on {path}: {message}"


def unmerged_line(path: Path) -> str:
    """What a command says when the changes in the WAL could not be merged into `path`
    as it closed (`db_files.unmerged_wals`): saved, but the .db alone is not all of them."""
    wal = f"{path}-wal"
    return (
        f"the changes saved in {wal} are not yet merged into {path} (the disk is full): "
        f"free some space, then any netrack command merges them; until then copy {path} "
        f"and {wal} together"
    )


def full_line(path: Path) -> str:
    return f"the disk holding {path} is full: nothing was saved; free some space"


def schema_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def set_schema_version(db: SqliteDatabase, version: int) -> None:
    db.execute_sql(f"PRAGMA user_version = {int(version)}")


def data_version(db: SqliteDatabase) -> int:
    """Changes whenever another connection commits: cheap to poll."""
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])


def integrity(db: SqliteDatabase) -> str:
    return str(db.execute_sql("PRAGMA integrity_check").fetchone()[0])
