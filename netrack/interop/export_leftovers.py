"""What an export or a backup killed outright (SIGKILL, a power cut) leaves beside its
target: the hidden temporary file it was writing (`.out.json.k3x9q0ab.tmp`, a server's
backup too), for CSV the hidden folder it was filling (`.csv-out.k3x9q0ab.tmp/`), for a
SQLite backup with `--out` its hidden copy (`.out.db.3f9c0a1b2c4d.new`) or the
`.partial` that copy was being made in. Ctrl-C and SIGTERM remove their own (files.py,
backup.py); a killed process cannot. The next export or backup to the same target
removes those no live one can still be writing, as the next command removes a killed
default backup's `.partial` (`db_files.remove_stale_partials`), and says nothing unless
one stays."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection
from pathlib import Path
from typing import Literal

from netrack.data.db_files import PARTIAL_SUFFIX, stale_before
from netrack.domain.visible import visible
from netrack.interop.files import temp_prefix

# The random part `tempfile.mkstemp` and `mkdtemp` put between files.py's prefix and
# suffix: eight of these characters. Only names made so are netrack's to remove.
_RANDOM_PART = "[a-z0-9_]{8}"
# The part of `api._backup_to`'s hidden copy's name that `uuid4().hex[:12]` makes.
_COPY_PART = "[0-9a-f]{12}"
# What SQLite may leave beside a copy it was writing when killed.
_SQLITE_COMPANION = "(?:-journal|-wal|-shm)?"


def temporary_name(name: str) -> re.Pattern[str]:
    """The names files.py gives the temporary file (or CSV folder) of a target `name`."""
    return re.compile(f"{re.escape(temp_prefix(name))}{_RANDOM_PART}{re.escape('.tmp')}")


def hidden_copy_name(name: str) -> re.Pattern[str]:
    """The names a SQLite backup to a target `name` writes before taking that name:
    `api._backup_to`'s hidden copy, and the `.partial` (`backup.temp_beside`) the copy
    is made in before it takes the hidden name, with SQLite's journal if it had one."""
    copy = f"{re.escape(temp_prefix(name))}{_COPY_PART}{re.escape('.new')}"
    partial = rf"\.{copy}\.{_RANDOM_PART}{re.escape(PARTIAL_SUFFIX)}{_SQLITE_COMPANION}"
    return re.compile(f"{copy}|{partial}")


def _stale_and_ours(path: Path, limit: float, kind: int) -> bool:
    """`path` is of `kind` (stat.S_IFREG, S_IFDIR: never a link), this user's, and last
    written before `limit`."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    same_kind = stat.S_IFMT(info.st_mode) == kind
    return same_kind and info.st_uid == os.geteuid() and info.st_mtime < limit


def _stale_set(folder: Path, names: Collection[str], limit: float) -> list[Path] | None:
    """The files in `folder`, a CSV export's temporary folder, when it and each of them
    are stale and hold nothing but the set's files (`names`) and their temporaries;
    None when anything there is otherwise (a folder still being filled, the user's)."""
    if not _stale_and_ours(folder, limit, stat.S_IFDIR):
        return None
    own = [temporary_name(name) for name in names]
    try:
        inside = list(folder.iterdir())
    except OSError:
        return None
    for file in inside:
        named = file.name in names or any(pattern.fullmatch(file.name) for pattern in own)
        if not named or not _stale_and_ours(file, limit, stat.S_IFREG):
            return None
    return inside


def _to_remove(
    leftover: Path, csv_files: Collection[str] | None, limit: float
) -> list[Path] | None:
    """The files to remove from `leftover` before it (none for a file), or None when it
    stays: not stale, not this user's, or not as netrack leaves it."""
    if csv_files is not None:
        return _stale_set(leftover, csv_files, limit)
    return [] if _stale_and_ours(leftover, limit, stat.S_IFREG) else None


def _remove(leftover: Path, inside: list[Path], folder: bool) -> str | None:
    """Delete `leftover` (a `folder`: its files `inside` first); why it stays, or None."""
    try:
        for file in inside:
            file.unlink(missing_ok=True)
        if folder:
            leftover.rmdir()
        else:
            leftover.unlink()
    except FileNotFoundError:
        return None  # another export to the same target removed it a moment ago
    except OSError as error:
        return str(error.strerror or error)
    return None


def remove_stale_temporaries(
    target: Path,
    csv_files: Collection[str] | None = None,
    backup: Literal["json", "sqlite"] | None = None,
) -> str:
    """Remove what killed exports to `target` left beside it: its temporary files, or
    with `csv_files` (the names a CSV set holds) its temporary folders; with `backup`,
    what killed backups left: a server's JSON (files.py's temporary files, as an
    export's) or a file's SQLite copy (`hidden_copy_name`). Returns "" or, for what
    could not be removed, words to end the summary with."""
    name = target.name
    pattern = hidden_copy_name(name) if backup == "sqlite" else temporary_name(name)
    limit = stale_before()
    try:
        with os.scandir(target.parent) as entries:
            named = [Path(entry.path) for entry in entries if pattern.fullmatch(entry.name)]
    except OSError:
        return ""  # a folder not made yet, or one that cannot be read: the export says so
    stayed = []
    for leftover in named:
        inside = _to_remove(leftover, csv_files, limit)
        why = None if inside is None else _remove(leftover, inside, csv_files is not None)
        if why is not None:
            stayed.append(f"{visible(leftover.name)} ({why})")
    if not stayed:
        return ""
    killed = "backup" if backup else "export"
    return f"; left by an interrupted {killed} and could not be removed: {', '.join(stayed)}"
