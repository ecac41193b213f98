"""A database on a read-only disk, for real: a tmpfs mounted for the test and remounted
read-only (root only; the test skips, saying why, where it cannot mount one). A command
that only reads (lists, show, the agenda, the scorecard, an export, a backup) reads it;
one that writes is refused in one line; the file is never touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from netrack.cli import main
from netrack.data.migrations import LATEST

from .helpers import sha256


def _mount(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["mount", *args], capture_output=True, check=False)


OLD = Path(__file__).resolve().parent.parent / "data" / "v6_populated.db"


@pytest.fixture
def read_only_copy(populated: Path, tmp_path: Path) -> Iterator[Path]:
    """`populated` (and a schema-6 database) copied onto a disk then made read-only."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = _mount(["-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)])
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        shutil.copyfile(populated, folder / "netrack.db")
        shutil.copyfile(OLD, folder / "old.db")
        if _mount(["-o", "remount,ro", str(folder)]).returncode != 0:
            pytest.skip("cannot remount the tmpfs read-only here")
        yield folder / "netrack.db"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_reading_commands_read_a_database_on_a_read_only_disk(
    populated: Path, read_only_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every one of these said "is read-only: netrack cannot write to it"."""
    db = str(read_only_copy)
    before = sha256(read_only_copy)

    def out(*argv: str) -> str:
        code = main([*argv, "--db", db])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return captured.out

    # The same answers as the writable original gives.
    for argv in (
        ("scorecard", "--format", "json"),
        ("contact", "list", "--format", "json"),
        ("agenda", "--format", "json"),
        ("campaign", "list", "--format", "json"),
    ):
        assert json.loads(out(*argv)) == _on(populated, argv, capsys)
    assert "Ana" in out("contact", "show", "ana")
    out("export", "json", "--out", str(tmp_path / "export.json"))
    assert json.loads((tmp_path / "export.json").read_text())["format"] == "netrack"
    out("backup", "--out", str(tmp_path / "copy.db"))
    assert (tmp_path / "copy.db").stat().st_size > 0

    assert main(["log", "#call @ana a note", "--db", db]) == 2  # a write: one line
    assert capsys.readouterr().err == (
        f"netrack: {db} is read-only: netrack cannot write to it (make it writable, "
        "or copy it somewhere writable)\n"
    )
    assert sha256(read_only_copy) == before

    # An older schema cannot be brought up to date there: one line, nothing written.
    old = read_only_copy.parent / "old.db"
    assert main(["contact", "list", "--db", str(old)]) == 2
    assert capsys.readouterr().err == (
        f"netrack: {old} is read-only and of schema 6, not this netrack's {LATEST}: it cannot be "
        "brought up to date there; copy it somewhere writable\n"
    )
    assert sorted(p.name for p in read_only_copy.parent.iterdir()) == ["netrack.db", "old.db"]


def _on(db: Path, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> object:
    assert main([*argv, "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)
