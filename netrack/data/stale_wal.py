"""A `-wal` left beside a database file by a crash, and whether it may be merged into it.

SQLite replays any `-wal` whose header and frames agree with each other, whatever
database file sits beside it. A crash leaves one behind; the user then copies another
copy of the database in its place (the newer file from a laptop), and the next
connection merged the old WAL into the new file: its pages written over the new one's,
the file cut to the old one's size, damaged beyond repair.

So before netrack's first connection to a file with a `-wal` that no other program has
open, the WAL is looked at (its header and frames, `wal_mismatch`) and the merge it would
make is read through a read-only connection (which never writes the database file nor
merges the WAL: `settle`); a WAL that does not belong, or whose merge would be damaged,
is set aside in backups/ and the file is left as it was.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import sys
from array import array
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from netrack.data.db import HEADER_SIZE, QUICK_CHECK_LIMIT, file_uri, header_int
from netrack.data.db_files import ensure_private_dir, make_owner_only, opened_by_us
from netrack.domain.errors import StorageError
from netrack.locations import backup_stem, backups_dir

WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER = 32
FRAME_HEADER = 24
# SQLite's lock bytes in the database file (os_unix.c): every connection to a file in
# WAL mode holds a shared lock on the SHARED range for as long as it is open.
_PENDING_BYTE = 0x40000000
_LOCK_RANGE = 512  # PENDING, RESERVED and the SHARED range


@dataclass(frozen=True)
class WalFrames:
    """What a WAL file holds, from its header and its frames' headers."""

    page_size: int
    committed: int  # frames up to the last commit frame: what a merge writes
    rolled_back: int  # whole frames after it: a write interrupted before its commit
    pages_after: int | None  # the database's size in pages after the last commit
    # Checked only (`read_frames(checked=True)`): the first frame SQLite would refuse
    # (its checksum, page number or salts damaged, or cut short) when a commit lies at
    # or after it, so that SQLite would drop committed changes; and how many frames it
    # would drop from there.
    damaged_at: int | None = None
    dropped: int = 0

    @property
    def committed_bytes(self) -> int:
        return self.committed * (FRAME_HEADER + self.page_size)

    @property
    def rolled_back_bytes(self) -> int:
        return self.rolled_back * (FRAME_HEADER + self.page_size)

    @property
    def dropped_bytes(self) -> int:
        return self.dropped * (FRAME_HEADER + self.page_size)


@dataclass(frozen=True)
class _Frame:
    """One frame's header as the file holds it (`whole`: its page is all there)."""

    at: int  # its offset in the file
    page_number: int
    commit: int  # the database's size in pages after it, on a commit frame; else 0
    salted: bool  # its salts are the header's
    unsealed: bool  # no salts nor checksum yet: see `_frame_headers`
    sums: tuple[int, int] | None  # its stored checksum (None: the header is cut short)
    whole: bool


def _checksum(data: bytes, big_endian: bool, seed: tuple[int, int] = (0, 0)) -> tuple[int, int]:
    """SQLite's WAL checksum of `data` (a multiple of 8 bytes), from `seed` (a WAL's
    checksums run on from the header's through every frame)."""
    words = array("I", data)
    if (sys.byteorder == "big") != big_endian:
        words.byteswap()
    first, second = seed
    pairs = iter(words)
    for one, two in zip(pairs, pairs, strict=True):
        first = (first + one + second) & 0xFFFFFFFF
        second = (second + two + first) & 0xFFFFFFFF
    return first, second


def read_frames(wal: Path, checked: bool = False) -> WalFrames | None:
    """The frames of the WAL file `wal` SQLite would read; None when it is no WAL (no
    magic, or a header whose checksum fails: SQLite ignores such a file).

    A frame counts while its salts are the header's (a frame left from before the WAL
    was last restarted carries older ones, and SQLite stops at the first); `rolled_back`
    counts the frames of the write after the last commit, unsealed ones included.

    `checked`: the frames' checksums are summed too, as SQLite sums them when it opens a
    WAL left by a crash. SQLite stops at the first frame whose checksum fails and drops
    it and every frame after it, commits included, without a word: a damaged byte in a
    crash's WAL lost the changes it held. In Python that reads some 30 MB a second, so
    it is asked only of a WAL no program has open (`verdict`), and stops at the last
    commit frame: a frame refused after it loses nothing committed."""
    with open(wal, "rb") as handle:
        header = handle.read(WAL_HEADER)
        magic = header_int(header, 0) if len(header) == WAL_HEADER else 0
        if magic not in WAL_MAGIC:
            return None
        big_endian = magic & 1 == 1
        seed = (header_int(header, 24), header_int(header, 28))
        if _checksum(header[:24], big_endian) != seed:
            return None
        page_size = header_int(header, 8)
        frames = _frame_headers(handle, page_size, header[16:24], every=checked)
        found = _sealed(frames, page_size)
        if not checked:
            return found
        lost = _first_refused(handle, frames, page_size, big_endian, seed)
    if lost is None:
        return found
    return replace(found, damaged_at=lost + 1, dropped=len(frames) - lost)


def _frame_headers(handle: BinaryIO, page_size: int, salts: bytes, every: bool) -> list[_Frame]:
    """The frames' headers in order, their pages skipped; up to the first that is not
    this WAL's (its salts, a zero page number, cut short), or `every` one to the end of
    the file (the checked read looks past a damaged frame for commits it would drop)."""
    frames: list[_Frame] = []
    at = WAL_HEADER
    size = os.fstat(handle.fileno()).st_size
    while at < size:
        handle.seek(at)
        raw = handle.read(FRAME_HEADER)
        frame = _Frame(
            at,
            header_int(raw, 0) if len(raw) >= 4 else 0,
            header_int(raw, 4) if len(raw) >= 8 else 0,
            raw[8:16] == salts,
            # A write that rewrote one of its own frames writes the next ones with no
            # salts nor checksums, which its commit fills in (SQLite's walEncodeFrame):
            # left so by a crash, they are the rest of that uncommitted write.
            raw[8:24] == bytes(16),
            (header_int(raw, 16), header_int(raw, 20)) if len(raw) == FRAME_HEADER else None,
            at + FRAME_HEADER + page_size <= size,
        )
        ours = frame.salted or frame.unsealed
        if not every and not (frame.whole and frame.page_number and ours):
            break
        frames.append(frame)
        at += FRAME_HEADER + page_size
    return frames


def _sealed(frames: list[_Frame], page_size: int) -> WalFrames:
    """What SQLite merges of `frames` when their checksums hold: the frames up to the
    first that is not this WAL's, to the last commit among them."""
    count = committed = 0
    pages_after = None
    for frame in frames:
        unsealed = count > committed and frame.unsealed
        if not (frame.whole and frame.page_number and (frame.salted or unsealed)):
            break
        count += 1
        if frame.commit and not unsealed:  # a commit: the pages after it
            committed, pages_after = count, frame.commit
    return WalFrames(page_size, committed, count - committed, pages_after)


def _first_refused(
    handle: BinaryIO,
    frames: list[_Frame],
    page_size: int,
    big_endian: bool,
    seed: tuple[int, int],
) -> int | None:
    """The index of the first of `frames` SQLite refuses when it drops a commit with it
    (the refused frame's own, or a later one of this WAL's); None when every commit
    checks out. The checksums run on from frame to frame, from the header's (`seed`)."""
    last_commit = max((i for i, frame in enumerate(frames) if frame.commit), default=-1)
    for index, frame in enumerate(frames[: last_commit + 1]):
        handle.seek(frame.at)
        raw = handle.read(FRAME_HEADER + page_size)
        sums = _checksum(raw[:8] + raw[FRAME_HEADER:], big_endian, seed) if frame.whole else None
        if sums is not None and frame.page_number and frame.salted and sums == frame.sums:
            seed = sums
            continue
        # SQLite stops here. The file's last frame cut short is the write a crash (a
        # power cut) interrupted: never whole, never committed, so dropping it loses
        # nothing the commits before it hold, which SQLite merges: not set aside for it.
        if not frame.whole and index == len(frames) - 1:
            return None
        # A frame whose salts alone are damaged is still this WAL's: its checksum
        # (which leaves the salts out) holds.
        ours = frame.salted or (sums is not None and sums == frame.sums)
        # A commit after it counts only whole: one cut short was never complete either
        later = any(after.commit and after.salted and after.whole for after in frames[index + 1 :])
        return index if (frame.commit and ours) or later else None
    return None


def wal_mismatch(path: Path) -> str | None:
    """Why the `-wal` beside `path` cannot be this database's, from the files' headers
    (None if it may be): it must be a SQLite WAL of the database's page size, and its
    last commit must not leave the database shorter than the file is (netrack never
    shrinks a database: a WAL that would is another file's)."""
    try:
        frames = read_frames(Path(f"{path}-wal"))
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    return _mismatch(path, frames)


def _mismatch(path: Path, frames: WalFrames | None) -> str | None:
    """`wal_mismatch` for the frames read of its WAL already."""
    try:
        with open(path, "rb") as handle:
            db_header = handle.read(HEADER_SIZE)
        size = path.stat().st_size
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if frames is None:
        return "it is not a SQLite WAL file"
    page_size = header_int(db_header, 16, 2)
    page_size = 65_536 if page_size == 1 else page_size
    if size and frames.page_size != page_size:
        return f"its pages are {frames.page_size} bytes, the database's {page_size}"
    if frames.pages_after is not None and frames.pages_after * frames.page_size < size:
        return (
            f"its changes would cut {path.name} from {size} to "
            f"{frames.pages_after * frames.page_size} bytes"
        )
    return None


def merge_damage(path: Path) -> str | None:
    """What is wrong with the database as merging its `-wal` would leave it (None: it
    reads whole), read through a read-only connection: that one reads the WAL's pages
    but never copies them into the file, nor removes the WAL when it closes."""
    try:
        size = path.stat().st_size
        connection = sqlite3.connect(file_uri(path, "mode=ro"), uri=True)
        try:
            if size > QUICK_CHECK_LIMIT:  # bounded as every unasked check is (db.py)
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return None
            result = str(connection.execute("PRAGMA quick_check(1)").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error as error:
        return f"merged, it would be damaged: {error}"
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if result == "ok":
        return None
    # "*** in database main ***" then what is wrong, on lines of their own
    return f"merged, it would be damaged: {result.splitlines()[-1]}"


def open_elsewhere(path: Path) -> bool:
    """Whether another process has `path` open through SQLite (or this one does, as far
    as it can tell): then its `-wal` is live, theirs, and not to be judged. Told by trying
    for a moment the write lock on the bytes every connection holds a shared lock on."""
    try:
        info = path.stat()
    except OSError:
        return True
    if opened_by_us(info):
        return True
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    except OSError:
        return True  # not ours to judge: opening it says why
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _LOCK_RANGE, _PENDING_BYTE)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, _LOCK_RANGE, _PENDING_BYTE)
        return False
    finally:
        os.close(fd)


def verdict(path: Path) -> str | None:
    """Why merging the `-wal` beside `path` could lose data (None: it may be merged, or
    there is nothing to merge): it is not this database's, or the merge reads damaged."""
    try:  # read once: a crash's WAL can be tens of megabytes
        frames = read_frames(Path(f"{path}-wal"), checked=True)
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    reason = _mismatch(path, frames)
    if reason:
        return reason
    if frames is not None and frames.damaged_at is not None:
        return dropped(frames)
    return merge_damage(path) if frames is not None and frames.committed else None


DAMAGED_FRAME = "its frame "


def dropped(frames: WalFrames) -> str:
    """What merging a WAL with a damaged frame loses: SQLite keeps the frames before it
    and drops it and every frame after it, the commits among them."""
    at = frames.damaged_at or 1
    total = at - 1 + frames.dropped
    lost = f"{frames.dropped_bytes / 1024:.0f} KiB of changes"
    kept = f"keep the {at - 1} before it and drop the rest, " if at > 1 else "drop "
    return (
        f"{DAMAGED_FRAME}{at} of {total} is damaged or cut short: a merge "
        f"would {kept}{lost} with committed writes among them"
    )


def settle(path: Path) -> None:
    """Before the first connection that may write `path`: a non-empty `-wal` beside it
    that no other program has open is merged only if it belongs to the file and the
    merge reads whole. Otherwise it is moved into backups/, its `-shm` removed, and
    StorageError says so; the database file itself is never written here, and another
    application's file is refused with its WAL where it was."""
    wal = Path(f"{path}-wal")
    try:
        if not wal.stat().st_size or not path.stat().st_size:
            return
    except OSError:
        return
    if open_elsewhere(path):
        return
    reason = verdict(path)
    if reason is None:
        return
    _refuse_if_foreign(path)
    kept = set_aside(path)
    raise StorageError(
        f"the WAL beside {path} did not belong to it or was damaged ({reason}): it was "
        f"not merged, {path.name} is as it was, and the WAL is kept at {kept}; run the "
        "command again"
    )


def _refuse_if_foreign(path: Path) -> None:
    """StorageError when the file by itself (its WAL unread) is not a netrack database:
    another application's file and its WAL are left where they are (SPEC)."""
    from netrack.data import schema

    uri = file_uri(path, "mode=ro&immutable=1")
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            found = schema.difference(connection, version)
        finally:
            connection.close()
    except sqlite3.Error:
        return  # the file alone cannot be read: its WAL is kept aside all the same
    if found:
        raise StorageError(
            f"{schema.describe_foreign(path, version, found)}; it was left untouched, "
            "its WAL too (give --db a netrack database or a new file name)"
        )


def set_aside(path: Path) -> Path:
    """Move the `-wal` beside `path` into backups/ (named as netrack names its copies,
    owner-only) and remove the `-shm` that indexed it; returns where the WAL went."""
    wal = Path(f"{path}-wal")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir(path) / f"{backup_stem(path)}-{stamp}-unmerged.db-wal"
    try:
        ensure_private_dir(target.parent)
        try:
            os.replace(wal, target)
        except OSError:  # backups/ on another disk (a link): copied, then removed
            shutil.copyfile(wal, target)
            wal.unlink()
        make_owner_only(target)  # a read-only WAL stays read-only
        Path(f"{path}-shm").unlink(missing_ok=True)
    except OSError as error:
        raise StorageError(
            f"the WAL beside {path} does not belong to it and could not be set aside "
            f"({error.strerror}): it was not merged; move {wal} out of the way"
        ) from None
    return target
