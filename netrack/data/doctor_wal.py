"""`netrack doctor` on a database's `-wal`: whether it belongs to the file (see
`netrack.data.stale_wal`), what it holds that a merge would write (committed frames
only: those after the last commit are a write that never committed), and, with
`--fix`, merging it: only a WAL that can be vouched for.

A WAL that a running program (the TUI) holds open is that program's working file:
changes wait in it until SQLite merges them, every 1,000 pages or so and when the
last connection closes. Only one that has grown past that by far (a read that never
ends keeps SQLite from merging) is worth a word.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from netrack.data import db as dbmod
from netrack.data.db_files import no_room_to_merge, real_path
from netrack.data.stale_wal import (
    DAMAGED_FRAME,
    FRAME_HEADER,
    WAL_HEADER,
    WalFrames,
    open_elsewhere,
    read_frames,
    verdict,
    wal_mismatch,
)

if TYPE_CHECKING:
    from netrack.data.doctor_common import Report


def unvouched_wal(path: Path) -> str | None:
    """Why the `-wal` beside `path` must not be merged (`stale_wal.verdict`); None when
    it may be."""
    path = real_path(path)  # the WAL SQLite reads is beside the file a link names
    try:
        wal, db = os.stat(f"{path}-wal"), os.stat(path)
    except OSError:
        return None
    if not wal.st_size:
        return None
    return _judged(path, (wal.st_size, wal.st_mtime_ns, db.st_size, db.st_mtime_ns))


@lru_cache(maxsize=4)
def _judged(path: Path, _files: tuple[int, ...]) -> str | None:
    """`unvouched_wal`, once for files as they are (`_files`: their sizes and times):
    the check reads the merge through, and each section of the report asks. A WAL
    another program writes is read as theirs; one whose header is not the file's
    cannot be anyone's."""
    # `verdict` begins with the header checks: the WAL is read once either way
    return wal_mismatch(path) if open_elsewhere(path) else verdict(path)


# SQLite merges a WAL in use every 1,000 pages (its wal_autocheckpoint, 4 MiB here) of
# changes: waiting to be merged, 16 times that means the merges are being held off.
GROWN_WHILE_OPEN = 64 * 1024 * 1024
# The -shm's index header (SQLite's wal.c, WalIndexHdr and WalCkptInfo), in this
# machine's byte order: two copies of the header, then the checkpoint's progress.
_SHM_VERSION = 3007000
_SHM_HEADER = 48
_SHM_READ = 2 * _SHM_HEADER + 4


def unmerged_while_open(path: Path, frames: WalFrames) -> int:
    """Bytes of committed changes in the `-wal` of `path` (open in another program) not
    yet copied into the file: the frames the `-shm` the connections share counts past
    its last merge. When that index cannot be read, or is another WAL's (its salts are
    not the WAL header's), every committed frame of `frames` counts, as a merge would
    copy them."""
    try:
        with open(f"{path}-wal", "rb") as handle:
            wal_salts = handle.read(WAL_HEADER)[16:24]
        with open(f"{path}-shm", "rb") as handle:
            index = handle.read(_SHM_READ)
    except OSError:
        return frames.committed_bytes
    first = index[:_SHM_HEADER]
    if (
        len(index) < _SHM_READ
        or first != index[_SHM_HEADER : 2 * _SHM_HEADER]  # being written as we read
        or int.from_bytes(first[:4], sys.byteorder) != _SHM_VERSION
        or not first[12]  # not set up yet
        or first[32:40] != wal_salts
    ):
        return frames.committed_bytes
    last_frame = int.from_bytes(first[16:20], sys.byteorder)
    merged = int.from_bytes(index[2 * _SHM_HEADER :], sys.byteorder)
    return max(0, last_frame - merged) * (FRAME_HEADER + frames.page_size)


def check_wal(path: Path, report: Report, fix: bool) -> None:
    """An unmerged WAL no program has open is reported (every netrack command merges its
    own on exit); one open in another program only when it has grown past
    `GROWN_WHILE_OPEN` unmerged. With `fix` it is merged — only when it belongs to this
    database."""
    path = real_path(path)  # the WAL SQLite reads is beside the file a link names
    wal = Path(f"{path}-wal")
    try:
        info = os.lstat(wal)
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        report.problems.append(f"{wal} is not a regular file; move it aside")
        return
    if not info.st_size:
        return
    mismatch = unvouched_wal(path)
    if mismatch:
        damaged = mismatch.startswith(DAMAGED_FRAME)
        what = "is damaged" if damaged else f"does not belong to {path.name}"
        report.problems.append(
            f"{wal} {what} ({mismatch}); it was not applied — "
            "move it aside (never delete or apply a WAL you are unsure of)"
        )
        return
    frames = read_frames(wal)
    if frames is None:  # replaced since it was judged: the next doctor says what it is
        return
    # Frames after the last commit are a write that never committed: a crash's, rolled
    # back (nothing to merge), unless another program is writing them now.
    live = open_elsewhere(path)
    rolled_back = f"an interrupted write ({_kib(frames.rolled_back_bytes)}), rolled back"
    if not frames.committed:
        if live:
            return
        if fix and _checkpoint(path, wal, report):
            report.fixed.append(f"{wal.name} held only {rolled_back}: nothing to merge; emptied")
        elif not fix:
            report.warnings.append(
                f"{wal.name} holds only {rolled_back}: nothing to merge (any netrack "
                "command or `netrack doctor --fix` empties it)"
            )
        return
    unmerged = unmerged_while_open(path, frames) if live else frames.committed_bytes
    if not unmerged:
        return
    held = _kib(unmerged)
    after = f"; after them, {rolled_back}" if frames.rolled_back and not live else ""
    if fix:
        if _checkpoint(path, wal, report):
            report.fixed.append(f"{held} of changes in {wal.name} merged into {path.name}{after}")
        return
    # (a command on a disk with no room for the merge leaves the WAL as it is)
    room = no_room_to_merge(path)
    if live and not room:  # its program merges it as it goes, unless held off
        if unmerged > GROWN_WHILE_OPEN:
            report.warnings.append(
                f"{wal.name} has grown to {unmerged / 1024 / 1024:.0f} MiB of changes not "
                f"yet merged into {path.name}: a program that has {path.name} open "
                "(netrack, sqlite3…) keeps SQLite from merging them; close the programs "
                "that have it open, then run any netrack command"
            )
        return
    report.warnings.append(
        f"WAL holds {held} of changes not yet merged into {path.name}{after}; "
        f"{'free some space, then ' if room else ''}run any netrack command or "
        "`netrack doctor --fix` to merge it"
    )


def _kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB"


def _checkpoint(path: Path, wal: Path, report: Report) -> bool:
    """Merge the committed frames of `wal` into `path` and empty it; False (a problem
    said) when that failed."""
    try:
        connection = sqlite3.connect(str(path), timeout=dbmod.BUSY_TIMEOUT_S)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        if "full" in str(error):  # the changes are whole; the disk has no room
            report.problems.append(
                f"merging {wal} needs room the disk holding it does not have; the "
                "changes are safe in it: free some space, then run "
                "`netrack doctor --fix` again"
            )
        else:
            report.problems.append(f"merging {wal} failed ({error}); {dbmod.RESTORE_HINT}")
        return False
    return True
