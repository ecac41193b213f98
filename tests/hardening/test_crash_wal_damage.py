"""A crash's `-wal` with a damaged frame: SQLite would merge the frames before it and
drop the rest, committed changes included, without a word. netrack sets such a WAL
aside in backups/ and says what a merge would lose; a WAL whose frames all check out
is merged as before."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import assert_one_clear_line, netrack_in_process, sha256

PAGE = 4096
FRAME = 24 + PAGE
NOTE = "met at PyCon, owes me an intro"
TITLE = "second write"


def _crash_with_two_commits(demo_file: Path, tmp_path: Path) -> Path:
    """A copy of the demo with two committed writes left in its WAL, as a crash leaves
    them (one frame each: Ana López's notes, then Aisha Rahman's title)."""
    desk, work = tmp_path / "desk.db", tmp_path / "work.db"
    shutil.copyfile(demo_file, work)
    connection = sqlite3.connect(work)
    # Each write the size of what it replaces, so that it changes one page alone (a row
    # grown on a full page splits it): placeholders of the same lengths, merged first.
    connection.execute("UPDATE contact SET notes = ? WHERE name = 'Ana López'", ("-" * len(NOTE),))
    connection.execute(
        "UPDATE contact SET title = ? WHERE name = 'Aisha Rahman'", ("-" * len(TITLE),)
    )
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("UPDATE contact SET notes = ? WHERE name = 'Ana López'", (NOTE,))
    connection.commit()
    connection.execute("UPDATE contact SET title = ? WHERE name = 'Aisha Rahman'", (TITLE,))
    connection.commit()
    shutil.copyfile(work, desk)
    shutil.copyfile(f"{work}-wal", f"{desk}-wal")
    connection.close()
    assert Path(f"{desk}-wal").stat().st_size == 32 + 2 * FRAME
    for made in (desk, Path(f"{desk}-wal")):
        os.chmod(made, 0o600)
    return desk


def _flip(at: int) -> Callable[[bytearray], bytearray]:
    def damage(wal: bytearray) -> bytearray:
        wal[at] ^= 0x01
        return wal

    return damage


SECOND = 32 + FRAME  # where the second frame starts

DAMAGE = {
    "first frame's page number": (_flip(32 + 3), 1),
    "first frame's checksum": (_flip(32 + 16), 1),
    "first frame's page": (_flip(32 + 24 + 2000), 1),
    "second frame's salt": (_flip(SECOND + 8), 2),
    "last byte": (_flip(-1), 2),
}


def _values(path: Path) -> tuple[str, str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (notes,) = connection.execute(
            "SELECT notes FROM contact WHERE name = 'Ana López'"
        ).fetchone()
        (title,) = connection.execute(
            "SELECT title FROM contact WHERE name = 'Aisha Rahman'"
        ).fetchone()
    finally:
        connection.close()
    return notes, title


@pytest.mark.parametrize("where", list(DAMAGE))
def test_a_crash_wal_with_a_damaged_frame_is_set_aside_not_cut_short(
    demo_file: Path, tmp_path: Path, where: str
) -> None:
    damage, bad_frame = DAMAGE[where]
    desk = _crash_with_two_commits(demo_file, tmp_path)
    wal = Path(f"{desk}-wal")
    wal.write_bytes(damage(bytearray(wal.read_bytes())))
    damaged, digest = wal.read_bytes(), sha256(desk)

    looked = netrack_in_process("doctor", "--db", str(desk))
    assert looked.returncode == 2
    lost = "drop 8 KiB" if bad_frame == 1 else "keep the 1 before it and drop the rest, 4 KiB"
    assert f"{wal} is damaged (its frame {bad_frame} of 2 is damaged or cut short" in looked.stdout
    assert lost in looked.stdout
    assert "run any netrack command" not in looked.stdout
    assert wal.read_bytes() == damaged and sha256(desk) == digest

    shown = netrack_in_process("contact", "show", "Ana López", "--db", str(desk))
    line = assert_one_clear_line(
        shown, f"the WAL beside {desk} did not belong to it or was damaged (its frame {bad_frame}"
    )
    (kept,) = (tmp_path / "backups").glob("desk-*-unmerged.db-wal")
    assert f"the WAL is kept at {kept}" in line and kept.read_bytes() == damaged
    assert not wal.exists() and sha256(desk) == digest  # the file as it was, nothing merged
    assert _values(desk) != (NOTE, TITLE)


def test_a_crash_wal_whose_frames_all_check_out_is_merged(demo_file: Path, tmp_path: Path) -> None:
    desk = _crash_with_two_commits(demo_file, tmp_path)
    looked = netrack_in_process("doctor", "--db", str(desk))
    assert "WAL holds 8 KiB of changes not yet merged into desk.db" in looked.stdout
    shown = netrack_in_process("contact", "show", "Ana López", "--db", str(desk))
    assert shown.returncode == 0, shown.stderr
    assert NOTE in shown.stdout
    assert not Path(f"{desk}-wal").exists() and not (tmp_path / "backups").exists()
    assert _values(desk) == (NOTE, TITLE)


def test_a_torn_write_after_the_last_commit_loses_nothing_and_is_merged(
    demo_file: Path, tmp_path: Path
) -> None:
    """A power cut in the middle of a frame no commit follows: what was committed
    before it is merged, as SQLite merges it."""
    desk = _crash_with_two_commits(demo_file, tmp_path)
    wal = Path(f"{desk}-wal")
    data = bytearray(wal.read_bytes())
    torn = bytearray(data[SECOND : SECOND + FRAME])
    torn[4:8] = bytes(4)  # no commit: a write under way
    wal.write_bytes(bytes(data) + bytes(torn[: FRAME // 2]))
    shown = netrack_in_process("contact", "show", "Ana López", "--db", str(desk))
    assert shown.returncode == 0, shown.stderr
    assert not (tmp_path / "backups").exists()
    assert _values(desk) == (NOTE, TITLE)


def test_a_last_commit_cut_short_merges_the_commits_before_it(
    demo_file: Path, tmp_path: Path
) -> None:
    """The WAL's last frame, a commit, cut short (the write a power cut interrupted):
    SQLite merges the commits before it. Set aside whole instead, as a damaged frame
    is, it lost them: no command could bring them back."""
    desk = _crash_with_two_commits(demo_file, tmp_path)
    wal = Path(f"{desk}-wal")
    wal.write_bytes(wal.read_bytes()[: -(FRAME // 2)])
    shown = netrack_in_process("contact", "show", "Ana López", "--db", str(desk))
    assert shown.returncode == 0, shown.stderr
    assert not wal.exists() and not (tmp_path / "backups").exists()
    notes, title = _values(desk)
    assert notes == NOTE and title != TITLE  # the first commit merged, the cut one not


def test_restore_refuses_a_backup_whose_crash_wal_has_a_damaged_frame(
    demo_file: Path, tmp_path: Path
) -> None:
    """Restored with its WAL, SQLite dropped the damaged frame and the commit after it,
    and `restore` said it was whole; `doctor` of the same file called the WAL damaged."""
    desk = _crash_with_two_commits(demo_file, tmp_path)
    wal = Path(f"{desk}-wal")
    wal.write_bytes(_flip(32 + 24 + 2000)(bytearray(wal.read_bytes())))
    current = tmp_path / "current.db"
    shutil.copyfile(demo_file, current)
    os.chmod(current, 0o600)
    digest = sha256(current)

    refused = netrack_in_process("restore", str(desk), "--db", str(current))

    assert_one_clear_line(refused, f"{wal}, beside the backup, is damaged (its frame 1 of 2")
    assert sha256(current) == digest
    # Whole, it is restored with both commits, as before.
    (tmp_path / "again").mkdir()
    whole = _crash_with_two_commits(demo_file, tmp_path / "again")
    restored = netrack_in_process("restore", str(whole), "--db", str(current))
    assert restored.returncode == 0, restored.stderr
    assert _values(current) == (NOTE, TITLE)


def test_a_damaged_frame_in_a_write_whose_commit_is_cut_short_merges_the_commits_before(
    demo_file: Path, tmp_path: Path
) -> None:
    """Two commits, then a write of two frames whose first is damaged and whose commit is
    cut short: that write was never complete, and SQLite merges the two commits before it;
    the WAL was set aside whole, counting the cut commit as one it would drop."""
    desk = _crash_with_two_commits(demo_file, tmp_path)
    wal = Path(f"{desk}-wal")
    data = bytearray(wal.read_bytes())
    first = bytearray(data[32 : 32 + FRAME])  # a frame of this WAL, re-used for the write
    first[4:8] = bytes(4)  # no commit
    first[24 + 2000] ^= 0x01  # and damaged
    commit = bytearray(data[SECOND : SECOND + FRAME])  # a commit frame, cut short
    wal.write_bytes(bytes(data) + bytes(first) + bytes(commit[: FRAME // 2]))

    shown = netrack_in_process("contact", "show", "Ana López", "--db", str(desk))

    assert shown.returncode == 0, shown.stderr
    assert not wal.exists() and not (tmp_path / "backups").exists()
    assert _values(desk) == (NOTE, TITLE)
