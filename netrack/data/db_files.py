"""The database's files on disk: owner-only folders and files, the `-wal` and `-shm`
beside a database, a new database removed again, and the unfinished copies (`.partial`)
an interrupted backup or restore leaves behind. What `db.py` opens, these make and tidy."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netrack.domain.errors import StorageError

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
# The paths opened since `unmerged_wals` last looked (in order, once each).
_opened_paths: dict[Path, None] = {}


def opened_here(path: Path) -> None:
    """Note that this process has `path` open (see `_opened_here`)."""
    try:
        info = path.stat()
    except OSError:
        return
    _opened_here.add((info.st_dev, info.st_ino))
    _opened_paths[path] = None


def unmerged_wals() -> list[Path]:
    """The databases opened since the last call, now closed, whose changes are still in
    their `-wal` because the disk had no room to merge them: the last connection to
    close merges the WAL into the file and removes it, and says nothing when it cannot.
    A WAL another program keeps open (the TUI's) on a disk with room is its own."""
    unmerged = [path for path in _opened_paths if no_room_to_merge(path)]
    _opened_paths.clear()
    return unmerged


def no_room_to_merge(path: Path) -> bool:
    """Whether a `-wal` with changes lies beside `path` on a disk with less room than
    merging it may take (its pages can all be past the end of the file)."""
    try:
        wal = companion(path, "-wal").stat().st_size
    except OSError:
        return False
    left = room_left(path)
    return bool(wal) and left is not None and left < wal + SHM_ROOM


def same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name one file (by device and inode: a hard link, a symbolic
    link); False when either is not there."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # not there (yet), or a NUL in a name
        return False


def opened_by_us(info: os.stat_result) -> bool:
    """Whether the file `info` describes is one this process has opened."""
    return (info.st_dev, info.st_ino) in _opened_here


def real_path(path: Path) -> Path:
    """`path`, or the file a symbolic link on its way names: SQLite keeps the `-wal`
    and `-shm` beside that one, in its folder, not the link's. A path with no link on
    its way is returned as given (as the user typed it, for the messages)."""
    real = os.path.realpath(path)
    return path if real == os.path.abspath(path) else Path(real)


def companion(path: Path, suffix: str) -> Path:
    """The `-wal` or `-shm` (`suffix`) SQLite keeps for the database `path`."""
    return Path(f"{real_path(path)}{suffix}")


def wal_left(path: Path) -> bool:
    """Whether a non-empty `-wal` sits beside `path` (by stat alone): only then is there
    anything for `stale_wal.settle` to judge."""
    try:
        return companion(path, "-wal").stat().st_size > 0
    except OSError:
        return False


# What SQLite allocates for a `-shm` when it first opens a WAL-mode database, reads
# included: with less room than this on the disk, every open failed "disk I/O error".
SHM_ROOM = 32 * 1024


def room_left(path: Path) -> int | None:
    """Bytes this process may still write on the disk holding the database `path` (its
    real folder, where SQLite keeps the `-wal` and `-shm`); None when it cannot be told."""
    try:
        disk = os.statvfs(Path(os.path.realpath(path)).parent)
    except OSError:
        return None
    # root may write into the blocks a filesystem keeps for it; others may not
    blocks = disk.f_bfree if os.geteuid() == 0 else disk.f_bavail
    return blocks * disk.f_frsize


def no_room_for_shm(path: Path) -> bool:
    """Whether opening `path` would need a `-shm` the disk has no room for: none of its
    full size is beside it yet and less than that is free. SQLite then fails every
    open with "disk I/O error" and leaves a few bytes of `-shm` and an empty `-wal`."""
    try:
        ready = companion(path, "-shm").stat().st_size >= SHM_ROOM
    except OSError:
        ready = False
    left = room_left(path)
    return not ready and left is not None and left < SHM_ROOM


def nearest_there(path: Path) -> Path:
    """The folder of `path`, or its nearest parent that exists (may be a file)."""
    folder = path.parent
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    return folder


def not_a_folder(path: Path, folder: Path, advice: str = "; give --db another path") -> str:
    """Why `path` cannot be made: `folder`, on its way, is a file."""
    return f"{folder} is a file, not a folder: {path} cannot be made in it{advice}"


def cannot_create(path: Path) -> str | None:
    """Why the first command could not make the database `path` (its folders, then the
    file), in one line, or None: the nearest folder there is must take new entries."""
    folder = nearest_there(path)
    made = "the folders and the database" if folder != path.parent else "the database"
    if not folder.is_dir():
        return not_a_folder(path, folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"cannot write in folder {folder}: the first command cannot create {made} "
            f"there; make it writable or use --db elsewhere"
        )
    return None


def ensure_private_dir(path: Path) -> list[Path]:
    """Create `path` and any missing parents as 0700, whatever the umask; returns the
    folders it created, outermost first.

    An existing folder is left as it is: it may be the user's own (`--db ~/Documents/…`).
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    in_the_way = missing[-1].parent if missing else path
    if in_the_way.exists() and not in_the_way.is_dir():  # `--db notes.txt/new/x.db`
        raise StorageError(not_a_folder(path, in_the_way, ""))  # (a backup's, an export's)
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
    return [p for p in (path, companion(path, "-wal"), companion(path, "-shm")) if p.exists()]


# Empty files a command found where it was to make a database (SQLite makes one in an
# empty file), with how they were: `remove_new_database` gives each back as it was found.
_found_empty: dict[Path, os.stat_result] = {}


def is_missing(path: Path) -> bool:
    """No database at `path` yet: no file, or an empty one with no WAL beside it (a
    failed command wrote netrack's schema into it, 0600: it must end empty, as a path
    with no file ends with none). False when that cannot be told (a name too long:
    opening it says so in its own words)."""
    _found_empty.pop(path, None)  # how an earlier command found it is no longer so
    try:
        if not path.exists():
            return True
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size or wal_left(path):
        return False
    _found_empty[path] = info
    return True


def remove_new_database(path: Path) -> None:
    """Remove a database a failed command made, and its companions (closed first): a
    failed command writes nothing, the file it would have made included (SPEC). One
    made in an empty file (`is_missing`) leaves that file empty, with its mode and times."""
    from netrack.data.writes import Writes

    for file in (Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal")):
        file.unlink(missing_ok=True)
    found = _found_empty.pop(path, None)
    if found is None:
        path.unlink(missing_ok=True)
    else:
        os.truncate(path, 0)
        os.chmod(path, stat.S_IMODE(found.st_mode))
        os.utime(path, ns=(found.st_atime_ns, found.st_mtime_ns))
    Writes.discarded += (str(path),)


def loose_files(path: Path) -> list[Path]:
    """The database files we own that others can read, found without opening any (a
    descriptor closed would drop the locks SQLite holds on the file: see opening.py)."""
    loose = []
    for file in (path, companion(path, "-wal"), companion(path, "-shm")):
        try:
            info = os.lstat(file)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and info.st_uid == os.geteuid():
            loose.append(file)
    return loose


def owner_only(mode: int) -> int:
    """`mode` with the group's and others' bits removed and the owner's kept as they are:
    "readable by the owner only" (SPEC) never gives back a write bit the user took away
    (a database made read-only, 0444, becomes 0400, not 0600)."""
    return stat.S_IMODE(mode) & ~0o077


def make_owner_only(path: Path) -> None:
    """chmod `path` to `owner_only` of its present mode."""
    os.chmod(path, owner_only(os.stat(path).st_mode))


def tighten_permissions(path: Path) -> list[Path]:
    """Remove the group's and others' bits (`owner_only`) from the database files we own
    that others can read; returns those changed.

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
                os.fchmod(fd, owner_only(info.st_mode))
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


def stale_before() -> float:
    """The time before which a hidden file netrack writes (a copy, an export) was last
    written by a process now gone: older than this process and than STALE_AFTER_S, since
    a file being written keeps a fresh mtime."""
    return min(_STARTED, time.time() - STALE_AFTER_S)


def stale_partials(path: Path) -> list[Path]:
    """Unfinished copies left by an interrupted backup, restore or migration: older than
    this process and than STALE_AFTER_S, so none that a live netrack is still writing."""
    limit = stale_before()
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
