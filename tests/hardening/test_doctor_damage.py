"""A database damaged in its indexes alone loses nothing: `doctor --fix` builds them again
from the tables (after a copy of the database, as its other fixes keep), and `backup`
says the database is damaged, not its copy. Damage in a table is a backup's to mend."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import assert_one_clear_line, netrack_in_process


def _page_of(path: Path, name: str) -> tuple[int, int]:
    """(the file offset of `name`'s root page, where its b-tree header starts in it)."""
    with sqlite3.connect(path) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
        ).fetchone()
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    return (root - 1) * size, 100 if root == 1 else 0


def _flip_first_key(path: Path, index: str) -> None:
    """Change the last byte of the first entry of a one-page index: the entry no longer
    matches its row (SQLite says "row N missing from index")."""
    start, header = _page_of(path, index)
    data = bytearray(path.read_bytes())
    page = memoryview(data)[start:]
    assert page[header] == 0x0A  # a leaf page of an index
    cell = int.from_bytes(page[header + 8 : header + 10], "big")
    payload = page[cell]  # a one-byte varint: a short key
    assert payload < 0x80
    page[cell + payload] ^= 0x01
    del page
    path.write_bytes(data)


def test_a_damaged_index_is_rebuilt_by_fix(populated: Path) -> None:
    _flip_first_key(populated, "interaction_contact_on")
    db = ("--db", str(populated))
    damaged = "row 1 missing from index interaction_contact_on"

    looked = netrack_in_process("doctor", *db)
    assert looked.returncode == 2
    assert f"integrity:    {damaged}" in looked.stdout
    assert (
        f"problem:      {populated} is damaged in its indexes only (interaction_contact_on); "
        "`netrack doctor --fix` rebuilds them from the tables"
    ) in looked.stdout
    refused = netrack_in_process("backup", *db)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"netrack: {populated} is damaged (integrity check: {damaged}), so no copy of it was "
        "made; the damage is in its indexes only: `netrack doctor --fix` rebuilds them\n"
    )

    fixed = netrack_in_process("doctor", "--fix", *db)

    assert fixed.returncode == 0, fixed.stdout
    (copy,) = (populated.parent / "backups").glob("*-before-fix.db")
    assert (
        "fixed:        rebuilt index interaction_contact_on "
        f"(the database before: {copy})" in fixed.stdout
    )
    assert "integrity:    ok" in fixed.stdout and fixed.stdout.endswith("all good\n")
    assert not list(copy.parent.glob("*-wal"))  # the copy alone, no empty WAL beside it
    with sqlite3.connect(copy) as kept:  # the copy is the database as it was
        assert kept.execute("PRAGMA integrity_check").fetchone() == (damaged,)
    kept.close()
    assert netrack_in_process("backup", *db).returncode == 0
    listed = netrack_in_process("interaction", "list", *db).stdout
    assert "Ana López" in listed and "talked" in listed


def test_damage_in_a_table_is_left_for_a_backup(populated: Path) -> None:
    start, header = _page_of(populated, "contact")
    data = bytearray(populated.read_bytes())
    data[start + header + 7] = 5  # the contact table's page: its fragmented bytes miscounted
    populated.write_bytes(data)

    fixed = netrack_in_process("doctor", "--fix", "--db", str(populated))

    assert fixed.returncode == 2
    assert f"problem:      {populated} is damaged; restore a backup" in fixed.stdout
    assert "rebuilt" not in fixed.stdout


def _flip_schema_byte(path: Path) -> None:
    """A byte of the time_entry table's CREATE text made 0xFF, not UTF-8: SQLite quotes
    the damaged text in its error, which Python could not decode."""
    data = bytearray(path.read_bytes())
    data[data.find(b'CREATE TABLE "time_entry"') + 10] = 0xFF  # CREATE TAB\xffE
    path.write_bytes(data)


def test_a_damaged_byte_in_the_schema_is_damage_a_backup_replaces(populated: Path) -> None:
    from datetime import date

    from netrack.data.repo import Repo
    from netrack.domain.errors import StorageError

    good = populated.parent / "good.db"
    assert netrack_in_process("backup", "--out", str(good), "--db", str(populated)).returncode == 0
    _flip_schema_byte(populated)
    db = ("--db", str(populated))
    damaged = (
        f"{populated} is damaged (malformed database schema (time_entry) - near "
        '"TAB\ufffdE": syntax error); restore a backup with `netrack restore FILE`'
    )

    looked = netrack_in_process("doctor", *db)
    assert looked.returncode == 2, looked.stderr
    assert f"problem:      {damaged}" in looked.stdout
    listed = netrack_in_process("contact", "list", *db)
    assert (listed.returncode, listed.stdout, listed.stderr) == (2, "", f"netrack: {damaged}\n")
    with pytest.raises(StorageError) as refused:  # what the TUI's start says, before its screen
        Repo.open(populated, clock=lambda: date(2026, 11, 27))
    assert str(refused.value) == damaged

    bad = populated.parent / "bad.db"
    bad.write_bytes(populated.read_bytes())
    not_a_backup = netrack_in_process("restore", str(bad), *db)
    assert (not_a_backup.returncode, not_a_backup.stderr) == (
        2,
        f"netrack: {bad} cannot be read as a database (malformed database schema (time_entry)"
        ' - near "TAB\ufffdE": syntax error)\n',
    )

    restored = netrack_in_process("restore", str(good), *db)

    assert restored.returncode == 0, restored.stderr
    (kept,) = (populated.parent / "backups").glob("*-before-restore.db")
    assert b"TAB\xffE" in kept.read_bytes()  # kept as it was
    assert "Ana López" in netrack_in_process("contact", "list", *db).stdout
    assert netrack_in_process("doctor", *db).stdout.endswith("all good\n")


def test_text_that_is_not_utf8_is_named_by_doctor(populated: Path) -> None:
    data = bytearray(populated.read_bytes())
    assert data.count(b"talked") == 1  # the interaction's note
    data[data.find(b"talked") + 1] = 0xFF
    populated.write_bytes(data)
    db = ("--db", str(populated))

    looked = netrack_in_process("doctor", *db)

    assert looked.returncode == 2
    assert "integrity:    ok" in looked.stdout  # SQLite's pages are whole
    assert "text:         1 value not UTF-8" in looked.stdout
    assert looked.stdout.endswith(
        "problem:      1 value is not UTF-8 text (interaction.note id 1), so every command "
        "that reads it fails; restore a backup with `netrack restore FILE`\n"
    )
    exported = netrack_in_process("export", "json", "--out", str(populated.parent / "a.json"), *db)
    assert (exported.returncode, exported.stdout) == (2, "")
    assert exported.stderr == (
        f"netrack: {populated} holds text that is not UTF-8 (Could not decode to UTF-8 column "
        "'note' with text 't\ufffdlked'); `netrack doctor` lists where; restore a backup with "
        "`netrack restore FILE`\n"
    )

    with sqlite3.connect(populated) as connection:  # six more, in two tables
        for n in range(3):
            connection.execute(
                "INSERT INTO contact_tag (contact_id, tag) VALUES (1, CAST(? AS TEXT))",
                (b"t\xfe" + bytes([48 + n]),),
            )
        connection.execute("UPDATE contact SET title = CAST(? AS TEXT) WHERE id = 1", (b"Ch\xe9f",))
        connection.execute("UPDATE organization SET notes = CAST(? AS TEXT)", (b"\xc3(",))
    connection.close()
    many = netrack_in_process("doctor", *db).stdout

    assert "text:         6 values not UTF-8" in many
    assert (
        "problem:      6 values are not UTF-8 text (contact.title id 1, contact_tag.tag id 1, "
        "contact_tag.tag id 2, contact_tag.tag id 3, interaction.note id 1 … (6 in all)), so "
        "every command that reads them fails"
    ) in many


def test_halves_of_a_character_in_two_rows_and_text_in_a_number_column_are_named(
    populated: Path,
) -> None:
    """Each column was read as one concatenation, joined by nothing: "x\\xc3" in one row
    and "\\xa9y" in the next read as "é", and doctor said every value reads as UTF-8
    while `contact show` failed. A column of numbers was not read at all, and text
    stored there failed `contact list`."""
    with sqlite3.connect(populated) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(contact)")][1:]
        own = {"name": "'Second ' || name", "uid": "lower(hex(randomblob(16)))"}  # schema 13
        picked = ", ".join(own.get(c, c) for c in columns)
        connection.execute(  # a second contact, as the first but for its name
            f"INSERT INTO contact ({', '.join(columns)}) SELECT {picked} FROM contact LIMIT 1"
        )
        ids = [row[0] for row in connection.execute("SELECT id FROM contact ORDER BY id")]
        assert len(ids) == 2
        connection.execute(
            "UPDATE contact SET notes = CAST(? AS TEXT) WHERE id = ?", (b"x\xc3", ids[0])
        )
        connection.execute(
            "UPDATE contact SET notes = CAST(? AS TEXT) WHERE id = ?", (b"\xa9y", ids[1])
        )
        connection.execute(
            "UPDATE contact SET strength = CAST(? AS TEXT) WHERE id = ?", (b"\xff", ids[1])
        )
    connection.close()

    looked = netrack_in_process("doctor", "--db", str(populated))

    assert looked.returncode == 2
    assert (
        f"problem:      3 values are not UTF-8 text (contact.strength id {ids[1]}, "
        f"contact.notes id {ids[0]}, contact.notes id {ids[1]}), so every command"
    ) in looked.stdout


def test_values_of_another_type_than_their_column_are_named_and_refused_in_one_line(
    populated: Path,
) -> None:
    """Bytes (a BLOB) in a note and "45m" in minutes, written by another program: doctor
    said "all good" while `interaction list` and `export json` failed with "internal
    error: UnicodeDecodeError" and `scorecard` with "internal error: TypeError"."""
    with sqlite3.connect(populated) as connection:
        connection.execute("UPDATE interaction SET note = ?, minutes = '45m'", (b"A\xff",))
    connection.close()
    db = ("--db", str(populated))

    looked = netrack_in_process("doctor", *db)

    assert looked.returncode == 2
    assert "types:        2 values of another type than their column's" in looked.stdout
    assert looked.stdout.endswith(
        "problem:      2 values are not of their column's type (interaction.minutes id 1: "
        "text in a column of numbers; interaction.note id 1: bytes (a BLOB) in a column of "
        "text): a command that reads them fails or misreads them (a decimal read as a whole "
        "number); restore a backup with `netrack restore FILE`\n"
    )
    out = populated.parent / "a.json"
    for command in (("interaction", "list"), ("scorecard",), ("export", "json", "--out", str(out))):
        refused = netrack_in_process(*command, *db)
        assert (refused.returncode, refused.stdout) == (2, ""), command
        assert refused.stderr == (
            f"netrack: {populated} holds 2 values not of their column's type (interaction."
            "minutes id 1: text in a column of numbers; interaction.note id 1: bytes (a BLOB) "
            "in a column of text); `netrack doctor` lists them; restore a backup with "
            "`netrack restore FILE`\n"
        ), command
    assert not out.exists()


def _damage_in_index(path: Path, index: str, value: bytes, damaged: bytes) -> None:
    """`value`, stored once in `index`'s one page, made `damaged` there (its table
    keeps it whole): what one changed byte of a covering index does."""
    start, _ = _page_of(path, index)
    data = bytearray(path.read_bytes())
    page = data[start : start + 4096]
    assert page.count(value) == 1
    at = start + page.find(value)
    data[at : at + len(value)] = damaged
    path.write_bytes(data)


def test_a_damaged_kind_in_an_index_is_named_not_an_internal_error(populated: Path) -> None:
    """The scorecard reads kinds from its covering index: a changed byte there said
    "internal error: ValueError: 'hn_person' is not a valid Kind" (exit 1)."""
    _damage_in_index(populated, "interaction_scorecard", b"in_person", b"hn_person")
    db = ("--db", str(populated))

    for command in (("scorecard",), ("scorecard", "--period", "month")):
        refused = netrack_in_process(*command, *db)
        assert (refused.returncode, refused.stdout) == (2, ""), command
        assert refused.stderr == (
            "netrack: the database holds 'hn_person' where an interaction's kind belongs "
            "(`netrack doctor` checks the file: `--fix` rebuilds a damaged index; a backup "
            "mends the rest)\n"
        ), command

    assert netrack_in_process("doctor", "--fix", *db).returncode == 0
    assert netrack_in_process("scorecard", *db).returncode == 0


def test_a_word_no_netrack_writes_in_a_table_is_named_by_doctor_and_refused_by_backup(
    populated: Path, tmp_path: Path
) -> None:
    """A command met 'zzz' where a kind belongs and sent the user to `doctor`, which said
    "all good"; `backup` copied it and `restore` brought it back over a healthy file."""
    with sqlite3.connect(populated) as connection:
        connection.execute("UPDATE interaction SET kind = 'zzz'")
        connection.execute("UPDATE contact SET channel = 'pigeon'")
    connection.close()
    db = ("--db", str(populated))
    refused = netrack_in_process("interaction", "list", *db)
    assert refused.returncode == 2 and "holds 'zzz' where an interaction's kind" in refused.stderr

    looked = netrack_in_process("doctor", *db)
    assert looked.returncode == 2
    assert "2 values that are no word netrack writes there (" in looked.stdout
    assert "interaction.kind id 1: 'zzz'; contact.channel id 1: 'pigeon'" in looked.stdout
    assert "not of its column's type" not in looked.stdout  # text in a text column
    backup = netrack_in_process("backup", *db)
    assert backup.returncode == 2 and "so no copy of it was made" in backup.stderr
    healthy = tmp_path / "healthy.db"
    assert netrack_in_process("contact", "add", "Bo", "--db", str(healthy)).returncode == 0
    restored = netrack_in_process("restore", str(populated), "--db", str(healthy))
    assert restored.returncode == 2 and "no word netrack writes there" in restored.stderr
    assert netrack_in_process("contact", "show", "Bo", "--db", str(healthy)).returncode == 0


def test_without_a_backup_doctor_gives_the_way_out_of_a_word_no_netrack_writes(
    tmp_path: Path,
) -> None:
    """No backup was made (and `backup` makes none of such a file): doctor sent the user
    only to one. The way it now names works: the export writes the row, the import
    into a new file skips it alone."""
    db = tmp_path / "d.db"
    assert netrack_in_process("demo", "--no-tui", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE interaction SET kind = 'telepathy' WHERE id = 1")
        total = connection.execute("SELECT count(*) FROM interaction").fetchone()[0]
    connection.close()
    looked = netrack_in_process("doctor", "--db", str(db))
    assert looked.returncode == 2
    assert (
        "fails; restore a backup with `netrack restore FILE`, or, without one, `netrack "
        "export json --out FILE` and `netrack --db NEW.db import json FILE`: the new file "
        "holds all but the records with such a word"
    ) in looked.stdout
    exported, fresh = tmp_path / "out.json", tmp_path / "new.db"
    assert (
        netrack_in_process("export", "json", "--out", str(exported), "--db", str(db)).returncode
        == 0
    )
    moved = netrack_in_process("import", "json", str(exported), "--db", str(fresh))
    assert moved.returncode == 0
    assert f"interactions: {total - 1} added, 0 updated, 1 skipped" in moved.stdout
    assert netrack_in_process("doctor", "--db", str(fresh)).returncode == 0


def test_a_page_read_askew_fails_export_in_one_line_and_leaves_no_wal(tmp_path: Path) -> None:
    """A flipped bit of a cell pointer on an interaction page: its rows read askew, a
    NULL where none may be, and `export json` said "internal error: TypeError" (exit 1),
    leaving a -wal and a -shm beside the file from the look it took to explain."""
    db = tmp_path / "d.db"
    assert netrack_in_process("demo", "--no-tui", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as connection:
        try:
            leaf = connection.execute(
                "SELECT pageno FROM dbstat WHERE name = 'interaction' AND pagetype = 'leaf' "
                "ORDER BY pageno LIMIT 1"
            ).fetchone()[0]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find the page by")
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    data = bytearray(db.read_bytes())
    # The low byte of the page's third cell pointer (the first, since schema 12 made each
    # row 33 bytes longer, fails as "malformed" on the read itself, not read askew).
    data[(leaf - 1) * size + 13] ^= 0x02
    db.write_bytes(data)
    out = tmp_path / "n.json"

    result = netrack_in_process("export", "json", "--out", str(out), "--db", str(db))

    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"netrack: {db} is damaged (") and "internal error" not in line
    assert "restore a backup" in line and "***" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.db"]


def test_backup_of_a_damaged_page_says_damaged_as_every_command_does(tmp_path: Path) -> None:
    """The interaction table's root page with a damaged child pointer: every command said
    "d.db is damaged (…); restore a backup", `backup` "copying the database into …
    failed: database disk image is malformed", blaming the copy."""
    db = tmp_path / "d.db"
    assert netrack_in_process("demo", "--no-tui", "--db", str(db)).returncode == 0
    start, _header = _page_of(db, "interaction")
    data = bytearray(db.read_bytes())
    for offset in range(8, 12):  # an interior page's right-most child
        data[start + offset] ^= 0xFF
    db.write_bytes(data)

    refused = netrack_in_process("backup", "--db", str(db))

    assert_one_clear_line(refused, f"{db} is damaged (", "restore a backup")
    assert not list((tmp_path / "backups").glob("*.db"))


def _miscount_contact_page(path: Path) -> None:
    start, header = _page_of(path, "contact")
    data = bytearray(path.read_bytes())
    data[start + header + 7] = 5  # the contact table's page: its fragmented bytes miscounted
    path.write_bytes(data)


def _unknown_kind(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE interaction SET kind = 'vhdeo'")
    connection.close()


@pytest.mark.parametrize("damage", [_miscount_contact_page, _unknown_kind])
def test_doctor_advises_no_backup_that_backup_refuses(
    damage: Callable[[Path], None], tmp_path: Path
) -> None:
    """Doctor of a damaged database with no backup said "none in …/backups (make one with
    `netrack backup`)", a command that refuses it: the restore hint alone remains."""
    db = tmp_path / "d.db"
    assert netrack_in_process("demo", "--no-tui", "--db", str(db)).returncode == 0
    damage(db)

    looked = netrack_in_process("doctor", "--db", str(db))
    refused = netrack_in_process("backup", "--db", str(db))

    assert refused.returncode == 2 and "so no copy of it was made" in refused.stderr
    assert looked.returncode == 2
    assert f"last backup:  none in {tmp_path / 'backups'}\n" in looked.stdout
    assert "netrack backup" not in looked.stdout
    assert "restore a backup with `netrack restore FILE`" in looked.stdout
