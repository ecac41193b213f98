"""A backup that every command would refuse as damaged is refused by `restore` too, and
the healthy database it was to replace is left as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from .helpers import netrack_in_process, sha256


@pytest.mark.parametrize("cut", [1, 2, 10])
def test_a_backup_cut_short_is_refused_by_restore(populated: Path, cut: int) -> None:
    """Opened immutable, the missing end read as zeros: the integrity check passed, the
    restore said it was done, and a note ended in NUL."""
    db = ("--db", str(populated))
    whole = populated.parent / "whole.db"
    assert netrack_in_process("backup", "--out", str(whole), *db).returncode == 0
    short = populated.parent / "short.db"
    short.write_bytes(whole.read_bytes()[:-cut])
    size = whole.stat().st_size
    before = sha256(populated)

    refused = netrack_in_process("restore", str(short), *db)

    damaged = f"{short} is damaged (truncated: {size - cut} of {size} bytes)"
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == f"netrack: {damaged}\n"
    listed = netrack_in_process("contact", "list", "--db", str(short))
    assert listed.stderr.startswith(f"netrack: {damaged}; restore a backup")  # the same words
    assert sha256(populated) == before
    assert not (populated.parent / "backups").exists()  # not even the safety copy


def test_a_backup_holding_what_doctor_calls_damage_is_refused(populated: Path) -> None:
    """Text that is not UTF-8 and a value of another type than its column's leave SQLite's
    pages whole: restore took the file, and every export of the database failed after."""
    db = ("--db", str(populated))
    bad = populated.parent / "bad.db"
    assert netrack_in_process("backup", "--out", str(bad), *db).returncode == 0
    data = bytearray(bad.read_bytes())
    data[data.find(b"talked") + 1] = 0xFF
    bad.write_bytes(data)
    before = sha256(populated)

    refused = netrack_in_process("restore", str(bad), *db)

    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"netrack: {bad} is damaged: it holds 1 value that is not UTF-8 text (interaction.note "
        f"id 1); give another backup (`netrack doctor --db {bad}` lists what it holds)\n"
    )
    assert sha256(populated) == before
    assert not (populated.parent / "backups").exists()

    with sqlite3.connect(bad) as connection:
        connection.execute("UPDATE interaction SET minutes = '45m'")
    connection.close()
    both = netrack_in_process("restore", str(bad), *db)
    assert both.stderr == (
        f"netrack: {bad} is damaged: it holds 1 value that is not UTF-8 text (interaction.note "
        "id 1) and 1 value not of its column's type (interaction.minutes id 1: text in a "
        f"column of numbers); give another backup (`netrack doctor --db {bad}` lists what it "
        "holds)\n"
    )
    assert sha256(populated) == before


def test_backup_makes_no_copy_that_restore_would_refuse(populated: Path) -> None:
    with sqlite3.connect(populated) as connection:
        connection.execute("UPDATE interaction SET note = ?", (b"A\xff",))
    connection.close()

    refused = netrack_in_process("backup", "--db", str(populated))

    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"netrack: {populated} holds 1 value not of its column's type (interaction.note id 1: "
        "bytes (a BLOB) in a column of text), so no copy of it was made (restore would refuse "
        "it); restore a backup with `netrack restore FILE`\n"
    )
    backups = populated.parent / "backups"
    assert not backups.exists() or not list(backups.iterdir())
