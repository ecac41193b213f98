"""Damage a write's confirmation runs into (an index it reads to name people) is found
inside the write: the entry is rolled back and the command says so in one line, never
"damaged" of an entry that was in fact saved (a retry then logged it twice)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from .helpers import netrack_in_process

DAMAGE = "is damaged (database disk image is malformed)"


def _break_index(path: Path, index: str) -> None:
    """Turn `index`'s root page into no kind of b-tree page (its type byte flipped):
    SQLite then refuses every read through that index, and nothing else."""
    with sqlite3.connect(path) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)
        ).fetchone()
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size] ^= 0x01
    path.write_bytes(data)


def _notes(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT note FROM interaction ORDER BY id").fetchall()
    connection.close()
    return [note for (note,) in rows]


@pytest.fixture
def damaged_names(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "d.db"
    path.write_bytes(demo_file.read_bytes())
    path.chmod(0o600)
    _break_index(path, "contact_name_key")  # what naming them reads (schema 19)
    return path


def test_log_whose_confirmation_meets_damage_saves_nothing(damaged_names: Path) -> None:
    # By flags: its confirmation asks whether its people share a name, reading the
    # damaged index in the write.
    before = _notes(damaged_names)
    how = ("log", "--with", "Aisha Rahman", "--note", "after the fair")
    done = netrack_in_process("--db", str(damaged_names), *how)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and DAMAGE in done.stderr
    assert "Traceback" not in done.stderr
    assert _notes(damaged_names) == before  # what it said: nothing written


def test_a_quick_log_line_meets_the_damage_in_its_own_read_of_names(
    damaged_names: Path,
) -> None:
    """A line finds its @names through the same index (the names holding its words,
    scanned in the keys' index alone: schema 19), in the write: the one damage line,
    nothing written. (That it asks nothing more once written: test_log_namesakes_once.)"""
    before = _notes(damaged_names)
    done = netrack_in_process(
        "--db", str(damaged_names), "log", '@"Aisha Rahman" 5m after the fair'
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and DAMAGE in done.stderr
    assert _notes(damaged_names) == before


def test_log_on_an_undamaged_copy_still_saves_and_names(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    path.write_bytes(demo_file.read_bytes())
    path.chmod(0o600)
    done = netrack_in_process("--db", str(path), "log", '@"Aisha Rahman" 5m after the fair')
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("logged other with Aisha Rahman on 2026-11-27 · 5m")
    assert _notes(path)[-1] == "after the fair"
