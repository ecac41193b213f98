"""What an export killed outright (SIGKILL) left beside its target: the next export to
the same target removes it once no live export can be writing it (older than 60 s), as
the next command removes a killed backup's `.partial`; nothing else of a like name. So
does the next `backup --out` for a killed one's hidden copy (a server's backup:
tests/hardening/test_postgresql.py)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from netrack.data.migrations import LATEST
from netrack.interop import csv_io
from netrack.interop.files import temp_prefix

RunCli = Callable[..., subprocess.CompletedProcess[str]]
HOUR_AGO = time.time() - 3600
NAMES = {"json": "out.json", "ics": "out.ics", "vcard": "out.vcf"}


def _refuse_to_unlink(stuck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Removing `stuck` fails as a file another user owns would; any other file goes."""
    unlink = Path.unlink

    def refuse(path: Path, missing_ok: bool = False) -> None:
        if path.name == stuck.name:
            raise PermissionError(1, "Operation not permitted")
        unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)


def _left(path: Path, old: bool = True, text: bytes = b'{"contacts": [{"na') -> Path:
    """A file as a killed export leaves it: cut off, last written an hour ago (`old`)."""
    path.write_bytes(text)
    if old:
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


@pytest.fixture
def filled(run_cli: RunCli, db_path: Path) -> Path:
    assert run_cli("contact", "add", "Ana López", db=db_path).returncode == 0
    return db_path


@pytest.mark.parametrize("fmt", list(NAMES))
def test_the_next_export_removes_a_killed_exports_temporary_file(
    run_cli: RunCli, filled: Path, tmp_path: Path, fmt: str
) -> None:
    name = NAMES[fmt]
    folder = tmp_path / "exports"
    folder.mkdir()
    killed = [_left(folder / f".{name}.{part}.tmp") for part in ("kzufvtc4", "qts7_efu")]
    kept = [
        _left(folder / f".{name}.fresh678.tmp", old=False),  # a live export's, under 60 s
        _left(folder / f".{name}.notes.tmp"),  # no random part: not a name netrack gives
        _left(folder / f".{name}.kzufvtc4.tmp.bak"),
        _left(folder / f".other.{fmt}.kzufvtc4.tmp"),  # another target's
    ]
    (folder / f".{name}.d1r2x3y4.tmp").mkdir()  # a folder: never one a file export makes
    os.utime(folder / f".{name}.d1r2x3y4.tmp", (HOUR_AGO, HOUR_AGO))

    done = run_cli("export", fmt, "--out", folder / name, db=filled)

    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and done.stderr == ""
    assert (folder / name).stat().st_size > 0
    assert not any(file.exists() for file in killed)
    assert all(file.exists() for file in kept)
    assert (folder / f".{name}.d1r2x3y4.tmp").is_dir()


def test_a_leftover_that_cannot_be_removed_is_named_and_the_export_done(
    run_cli: RunCli, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck = _left(tmp_path / ".out.json.kzufvtc4.tmp")
    _refuse_to_unlink(stuck, monkeypatch)
    done = run_cli("export", "json", "--out", tmp_path / "out.json", db=filled)

    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"exported everything (schema {LATEST}) to {tmp_path / 'out.json'}; left by an interrupted "
        "export and could not be removed: .out.json.kzufvtc4.tmp (Operation not permitted)\n"
    )
    assert stuck.exists() and (tmp_path / "out.json").exists()


def _killed_set(folder: Path, old_inside: bool = True, extra: str = "") -> Path:
    """The hidden folder a CSV export killed half-way leaves: some files whole, one cut."""
    folder.mkdir()
    _left(folder / "contacts.csv", text=b"id,name\n1,Ana\n")
    _left(folder / ".interactions.csv.bh3_utqg.tmp", old=old_inside, text=b"id,happened_on\n1,")
    if extra:
        _left(folder / extra)
    os.utime(folder, (HOUR_AGO, HOUR_AGO))
    return folder


def test_the_next_csv_export_removes_a_killed_exports_temporary_folder(
    run_cli: RunCli, filled: Path, tmp_path: Path
) -> None:
    killed = _killed_set(tmp_path / ".csv-out.v8od0ukw.tmp")
    live = _killed_set(tmp_path / ".csv-out.fr3sh_ab.tmp", old_inside=False)
    not_ours = _killed_set(tmp_path / ".csv-out.n0tours1.tmp", extra="notes.txt")
    other = _killed_set(tmp_path / ".csv-other.v8od0ukw.tmp")

    done = run_cli("export", "csv", "--out", tmp_path / "csv-out", db=filled)

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"exported 14 tables as CSV to {tmp_path / 'csv-out'}/\n"
    assert {p.name for p in (tmp_path / "csv-out").iterdir()} == csv_io.file_names()
    assert not killed.exists()
    for kept in (live, not_ours, other):
        assert len(list(kept.iterdir())) >= 2, kept


def test_the_next_backup_out_removes_a_killed_backups_hidden_copy(
    run_cli: RunCli, filled: Path, tmp_path: Path
) -> None:
    """Killed before its copy took the target's name, `backup --out` left the whole copy
    under a hidden `.new` name, or the `.partial` it was being made in, for good."""
    folder = tmp_path / "copies"
    folder.mkdir()
    killed = [
        _left(folder / ".out.db.3f9c0a1b2c4d.new"),  # whole, not yet renamed
        _left(folder / "..out.db.84cdd958c62e.new.8dedl3zc.partial"),  # being copied
        _left(folder / "..out.db.84cdd958c62e.new.8dedl3zc.partial-journal"),
    ]
    kept = [
        _left(folder / ".out.db.0a1b2c3d4e5f.new", old=False),  # a live backup's
        _left(folder / ".out.db.3F9C0A1B2C4D.new"),  # not a name uuid4().hex gives
        _left(folder / ".out.db.3f9c0a1b2c4d.new.bak"),
        _left(folder / ".other.db.3f9c0a1b2c4d.new"),  # another target's
        _left(folder / ".out.db.kzufvtc4.tmp"),  # an export's: a SQLite backup makes none
    ]

    done = run_cli("backup", "--out", folder / "out.db", db=filled)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"backed up {filled} to {folder / 'out.db'} (")
    assert done.stdout.endswith(" KiB, integrity ok)\n") and done.stderr == ""
    assert not any(file.exists() for file in killed)
    assert all(file.exists() for file in kept)


def test_a_long_targets_leftover_is_removed_by_its_own_export_only(
    run_cli: RunCli, filled: Path, tmp_path: Path
) -> None:
    """The temporary name kept the first 80 characters of the target's: two targets of
    100 sharing those shared one pattern, and an export to one removed what a killed
    export to the other left. Each leftover is its own target's alone."""
    start = "r" * 80
    first, second = f"{start}-first-target-1.json", f"{start}-second-target2.json"
    first_db, second_db = f"{start}-first-target-100.db", f"{start}-second-target-10.db"
    assert {len(name) for name in (first, second, first_db, second_db)} == {100}
    left = {}
    for name in (first, second):
        handle, temp = tempfile.mkstemp(prefix=temp_prefix(name), suffix=".tmp", dir=tmp_path)
        os.close(handle)
        left[name] = _left(Path(temp))  # as a killed export to `name` leaves it
    for name in (first_db, second_db):  # a killed `backup --out NAME`'s hidden copy
        left[name] = _left(tmp_path / f"{temp_prefix(name)}3f9c0a1b2c4d.new")
    short = _left(tmp_path / f".{start}.kzufvtc4.tmp")  # an 80-character target's

    for command, name in ((("export", "json"), first), (("backup",), first_db)):
        done = run_cli(*command, "--out", tmp_path / name, db=filled)
        assert done.returncode == 0, done.stderr

    assert not left[first].exists() and not left[first_db].exists()
    assert left[second].exists() and left[second_db].exists() and short.exists()
    done = run_cli("export", "json", "--out", tmp_path / second, db=filled)
    assert done.returncode == 0, done.stderr
    assert not left[second].exists() and short.exists()


def test_a_backups_leftover_that_cannot_be_removed_is_named_and_the_backup_done(
    run_cli: RunCli, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck = _left(tmp_path / ".out.db.3f9c0a1b2c4d.new")
    _refuse_to_unlink(stuck, monkeypatch)
    done = run_cli("backup", "--out", tmp_path / "out.db", db=filled)

    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(
        " KiB, integrity ok); left by an interrupted backup and could not be removed: "
        ".out.db.3f9c0a1b2c4d.new (Operation not permitted)\n"
    )
    assert stuck.exists() and (tmp_path / "out.db").exists()
