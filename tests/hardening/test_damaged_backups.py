"""A backup that every command would refuse as damaged is refused by `restore` too, and
the healthy database it was to replace is left as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from peewee import DateField

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


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("'yesterday'", "'yesterday'"),
        ("'2026-13-45'", "'2026-13-45'"),
        ("'2026-02-30'", "'2026-02-30'"),
        ("''", "''"),
        ("12", "12"),
        ("20261207", "20261207"),
        ("x'00ff'", "bytes (a BLOB)"),
        ("'\x1b[2J' || printf('%.60c', 'x')", "'\\x1b[2J" + "x" * 35 + "…'"),
    ],
)
def test_a_value_that_is_no_day_is_named_by_doctor_and_refused_by_restore(
    populated: Path, stored: str, shown: str
) -> None:
    """`UPDATE interaction SET "on" = 'yesterday'` by another program: doctor said "all
    good", restore took the file, and the commands after it failed on the date."""
    db = ("--db", str(populated))
    bad = populated.parent / "bad.db"
    assert netrack_in_process("backup", "--out", str(bad), *db).returncode == 0
    with sqlite3.connect(bad) as connection:
        connection.execute(f'UPDATE interaction SET "on" = {stored} WHERE id = 1')
        connection.execute("UPDATE interaction_contact SET \"on\" = '2026-11-27'")
    connection.close()
    before = sha256(populated)
    where = f"interaction.on id 1: {shown}"

    looked = netrack_in_process("doctor", "--db", str(bad))

    assert looked.returncode == 2
    # One wording on every line (it was "in columns of dates is not a day" here, "where
    # a date belongs that is no day" in the problem and restore's refusal)
    assert "dates:        1 value in date columns that is not a day\n" in looked.stdout
    assert (
        f"problem:      1 value in date columns that is not a day ({where}): a command "
        "that reads it fails or miscounts; restore a backup with `netrack restore FILE`\n"
    ) in looked.stdout
    # A number or bytes is of another type than its column's too: counted under dates,
    # and the types line says so (it said "every value is of its column's type")
    types = "types:        every value is of its column's type"
    if not stored.startswith("'"):
        types += ", besides 1 value in date columns (counted under dates)"
    assert f"{types}\n" in looked.stdout
    refused = netrack_in_process("restore", str(bad), *db)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"netrack: {bad} is damaged: it holds 1 value in date columns that is not a day "
        f"({where}); give another backup (`netrack doctor --db {bad}` lists what it holds)\n"
    )
    copied = netrack_in_process("backup", "--db", str(bad))
    assert copied.returncode == 2
    assert copied.stderr.startswith(
        f"netrack: {bad} holds 1 value in date columns that is not a day ({where}), so no copy"
    )
    assert sha256(populated) == before
    assert not (populated.parent / "backups").exists()


def test_every_column_of_dates_is_checked(demo_file: Path, tmp_path: Path) -> None:
    """Each column of dates of the schema (tables.py's DateFields, and the kept sums'),
    given one value that is no day, is named."""
    from netrack.data import tables
    from netrack.data.doctor_text import read_unreadable

    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    declared = {
        (model._meta.table_name, field.column_name)
        for model in tables.ALL_TABLES
        for field in model._meta.sorted_fields
        if isinstance(field, DateField)
    }
    with sqlite3.connect(copy) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
        dated = {
            (table, row[1])
            for table in names
            for row in connection.execute(f'PRAGMA table_info("{table}")')
            if row[2].upper() == "DATE"
        }
        assert declared < dated  # the kept sums' tables besides
        # netrack's triggers would write over some (a follow-up's closing, the kept sums)
        for (trigger,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            connection.execute(f'DROP TRIGGER "{trigger}"')
        for table, column in sorted(dated):
            if connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]:
                connection.execute(
                    f'UPDATE "{table}" SET "{column}" = \'yesterday\' '
                    f'WHERE rowid = (SELECT min(rowid) FROM "{table}")'
                )
            else:  # a row of its own, every column 'yesterday'
                width = len(connection.execute(f'PRAGMA table_info("{table}")').fetchall())
                marks = ", ".join("'yesterday'" for _ in range(width))
                connection.execute(f'INSERT INTO "{table}" VALUES ({marks})')
    connection.close()

    found = read_unreadable(f"file:{copy}?mode=ro")

    assert found is not None
    named = {entry.split(" ")[0] for entry in found.not_dates}
    assert named == {f"{table}.{column}" for table, column in dated}
