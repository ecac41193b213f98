"""A disk that fills up, for real: a 2 MiB tmpfs mounted for the test (root only; the
test skips, saying why, where it cannot mount one). The words must be the disk's, and
the advice must not be to restore an older copy over good data."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from netrack.cli import main

from .helpers import sha256


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the disk holding `folder` until `leave` bytes are free."""
    stats = os.statvfs(folder)
    (folder / "filler").write_bytes(b"\0" * (stats.f_bavail * stats.f_frsize - leave))


def test_a_write_on_a_full_disk_says_the_disk_is_full(
    populated: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "cannot rollback - no transaction is active": SQLite had rolled back the
    failed COMMIT itself, and peewee's ROLLBACK after it hid the reason."""
    db = small_disk / "netrack.db"
    shutil.copyfile(populated, db)
    fill(small_disk, 40_000)
    before = sha256(db)

    code = main(["log", "#call @ana a note", "--db", str(db)])

    assert code == 2
    assert capsys.readouterr().err == (
        f"netrack: the disk holding {db} is full: nothing was saved; free some space\n"
    )
    (small_disk / "filler").unlink()
    assert sha256(db) == before


def test_doctor_fix_on_a_full_disk_says_free_space_not_restore(
    populated: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Changes waiting in the WAL that the full disk cannot merge are whole: the advice
    was to restore a backup, which would have thrown them away."""
    db = small_disk / "netrack.db"
    shutil.copyfile(populated, db)
    fill(small_disk, 120_000)
    logged = 0
    while main(["log", f"#call @ana n{logged} {'x' * 3000}", "--db", str(db)]) == 0:
        logged += 1
    assert logged and Path(f"{db}-wal").exists()  # netrack could not merge it on close
    capsys.readouterr()

    assert main(["doctor", "--fix", "--db", str(db)]) == 2

    report = capsys.readouterr().out
    assert "free some space, then run `netrack doctor --fix` again" in report
    assert "restore" not in report
    (small_disk / "filler").unlink()
    assert main(["doctor", "--fix", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["interaction", "list", "--format", "json", "--db", str(db)]) == 0
    assert capsys.readouterr().out.count('"kind": "call"') == logged  # none lost


def test_a_migration_backup_with_no_room_names_the_backups_folder(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It named the hidden temporary file the copy had ("….db.x1y2.partial"), which
    is gone by the time the user reads it."""
    old = Path(__file__).resolve().parents[1] / "data" / "v1_populated.db"
    db = small_disk / "v1.db"
    shutil.copyfile(old, db)
    fill(small_disk, 150_000)

    assert main(["contact", "list", "--db", str(db)]) == 2

    err = capsys.readouterr().err
    assert f"copying the database into {small_disk / 'backups'} failed" in err, err
    assert ".partial" not in err
    assert not (small_disk / "backups").exists()  # nothing half made, nor its folder


@pytest.mark.parametrize("left_by_older", [False, True], ids=["clean", "old-companions"])
def test_a_disk_with_no_room_at_all_says_full_and_reads_still_work(
    populated: Path, small_disk: Path, left_by_older: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    """With not even room for SQLite's -shm, every command, reads too, said "disk I/O
    error" (and left a 3-byte -shm and an empty -wal), and doctor called the healthy
    file unreadable and advised restoring a backup over it."""
    db = small_disk / "netrack.db"
    shutil.copyfile(populated, db)
    if left_by_older:  # what such a failed open left before: reads must not need it
        Path(f"{db}-shm").write_bytes(b"\0\0\0")
        Path(f"{db}-wal").write_bytes(b"")
    fill(small_disk, 0)
    before = sorted(p.name for p in small_disk.iterdir())
    argv = ["--db", str(db)]

    assert main(["log", "#call @ana a note", *argv]) == 2
    assert capsys.readouterr().err == (
        f"netrack: the disk holding {db} is full: nothing was saved; free some space\n"
    )
    assert main(["contact", "list", *argv]) == 0
    assert "Ana López" in capsys.readouterr().out
    assert main(["doctor", *argv]) == 2
    report = capsys.readouterr().out
    assert f"problem:      the disk holding {db} is full: free some space" in report
    assert "restore" not in report
    assert sorted(p.name for p in small_disk.iterdir()) == before  # no new -shm nor -wal


def test_no_room_for_the_shm_is_told_without_a_small_disk(
    populated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same as above where no tmpfs can be mounted: the disk's free space, as
    `os.statvfs` gives it, is what netrack asks before SQLite would make its -shm."""
    real = os.statvfs

    def no_room(folder: object) -> object:
        disk = real(folder)  # type: ignore[arg-type]
        return type("Full", (), {"f_bavail": 0, "f_bfree": 0, "f_frsize": disk.f_frsize})()

    monkeypatch.setattr(os, "statvfs", no_room)
    argv = ["--db", str(populated)]

    assert main(["contact", "add", "Bo", *argv]) == 2
    assert capsys.readouterr().err == (
        f"netrack: the disk holding {populated} is full: nothing was saved; free some space\n"
    )
    assert main(["contact", "list", *argv]) == 0
    assert "Ana López" in capsys.readouterr().out
    assert [p.name for p in populated.parent.iterdir()] == [populated.name]


def _cards(path: Path, count: int) -> Path:
    cards = [
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person{n} Card\r\nN:Card;Person{n};;;\r\n"
        f"ORG:Org{n % 20}\r\nEMAIL:p{n}@example.com\r\nNOTE:{'n' * 200}\r\nEND:VCARD\r\n"
        for n in range(count)
    ]
    path.write_text("".join(cards), encoding="utf-8")
    return path


def test_changes_the_full_disk_left_in_the_wal_are_said(
    populated: Path, small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import that fits in the WAL, on a disk with no room left to merge it into the
    file, said its summary and exited 0: the .db alone was then a truncated file, which
    a copy of it alone shows as damaged (SPEC: copying the .db copies everything). It
    is saved, and now said so, with what to do; doctor's advice starts with the room."""
    cards = _cards(tmp_path / "cards.vcf", 150)
    db = small_disk / "netrack.db"
    wal = Path(f"{db}-wal")
    left_in_wal = 0
    for leave in range(100_000, 300_000, 20_000):
        for file in small_disk.iterdir():
            file.unlink()
        shutil.copyfile(populated, db)
        fill(small_disk, leave)

        code = main(["import", "vcard", str(cards), "--db", str(db)])

        err = capsys.readouterr().err
        if code != 0 or not wal.exists():
            assert code == 2 or err == "", err  # refused whole, or merged
            continue
        left_in_wal += 1
        assert err == (
            f"netrack: the changes saved in {wal} are not yet merged into {db} (the disk is "
            "full): free some space, then any netrack command merges them; until then copy "
            f"{db} and {wal} together\n"
        )
        main(["doctor", "--db", str(db)])
        assert "; free some space, then run any netrack command" in capsys.readouterr().out
    assert left_in_wal, "no room left let the import fit in the WAL alone: nothing tested"


def test_an_upgrade_the_full_disk_refused_says_the_disk_is_full(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With room for the backup but not for the upgrade's commit, it said "database
    error on …: cannot rollback - no transaction is active": SQLite had rolled the
    refused COMMIT back itself. The file stays at its version, whole."""
    old = Path(__file__).resolve().parents[1] / "data" / "v6_populated.db"
    db = small_disk / "v6.db"
    refused_commits = 0
    for leave in range(300_000, 600_000, 40_000):
        for file in small_disk.iterdir():
            shutil.rmtree(file) if file.is_dir() else file.unlink()
        shutil.copyfile(old, db)
        fill(small_disk, leave)

        code = main(["log", "#call @zoe after the upgrade", "--db", str(db)])

        err = capsys.readouterr().err
        assert code == 0 or err, code
        assert "cannot rollback" not in err and "Traceback" not in err, err
        if "the upgrade" in err:
            refused_commits += 1
            assert int.from_bytes(db.read_bytes()[60:64], "big") == 6  # (now in WAL mode)
            assert err.startswith(
                f"netrack: the disk holding {db} is full: the upgrade to schema "
            ), err
            assert err.endswith("; free some space\n"), err
    assert refused_commits, "no room left made the upgrade's own commit fail: nothing tested"
