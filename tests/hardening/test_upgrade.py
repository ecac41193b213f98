"""Item 3: upgrades keep every row after a backup; a failing step changes nothing; a
database from a newer netrack is refused unmodified."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from netrack.data import migrations
from netrack.data.repo import Repo
from netrack.domain.errors import StorageError

from .helpers import assert_one_clear_line, netrack_in_process, sha256

DATA = Path(__file__).parent.parent / "data"
RELEASED = sorted(DATA.glob("v*_populated.db"))


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in rowid order (columns as that version had them)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            for table in tables
        }
    finally:
        connection.close()


def _version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def _columns_kept(before: dict, after: dict) -> None:
    for table, rows in before.items():
        assert table in after, f"table {table} vanished"
        assert len(after[table]) == len(rows), table
        # Later versions may add columns at the end; the old ones keep their values.
        width = len(rows[0]) if rows else 0
        assert [row[:width] for row in after[table]] == rows, table


@pytest.mark.parametrize("released", RELEASED, ids=lambda p: p.stem)
def test_released_database_upgrades_in_place_keeping_every_row(
    released: Path, tmp_path: Path
) -> None:
    path = tmp_path / "netrack.db"
    shutil.copyfile(released, path)
    before, old = _rows(path), _version(path)
    result = netrack_in_process("scorecard", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert _version(path) == migrations.latest()
    _columns_kept(before, _rows(path))
    backups = sorted((tmp_path / "backups").glob("*.db"))
    if old < migrations.latest():
        (backup,) = backups
        assert f"before-migration-v{old}" in backup.name
        assert _rows(backup) == before and _version(backup) == old
    assert (
        netrack_in_process(
            "log", "@contact-02 #call after the upgrade", "--db", str(path)
        ).returncode
        == 0
    )


def test_v6_database_gets_logged_on_and_logs_back_dated_entries_today(tmp_path: Path) -> None:
    """Schema 7: old interactions count as logged on their own day, so the Agenda's
    "Logged today" holds only what is logged after the upgrade."""
    path = tmp_path / "netrack.db"
    shutil.copyfile(DATA / "v6_populated.db", path)
    result = netrack_in_process(
        "agenda", "--format", "json", "--db", str(path)
    )  # today: 2026-11-27
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["logged_today"] == []
    connection = sqlite3.connect(path)
    try:
        days = connection.execute('SELECT "on", "logged_on" FROM "interaction"').fetchall()
    finally:
        connection.close()
    assert len(days) == 200 and all(logged == on for on, logged in days)
    logged = netrack_in_process(
        "log", "@contact-02 #call caught up on:2026-11-25", "--db", str(path)
    )
    assert logged.returncode == 0, logged.stderr
    result = netrack_in_process("agenda", "--format", "json", "--db", str(path))
    (entry,) = json.loads(result.stdout)["logged_today"]
    assert (entry["on"], entry["logged_on"], entry["note"]) == (
        "2026-11-25",
        "2026-11-27",
        "caught up",
    )


def test_injected_step_migrates_after_a_backup(tmp_path: Path, monkeypatch) -> None:
    """A made-up next version: exercises the backup-then-migrate path whatever LATEST is."""
    path = tmp_path / "netrack.db"
    shutil.copyfile(RELEASED[-1], path)
    Repo.open(path).close()
    before, old = _rows(path), _version(path)

    def add_column(db: SqliteDatabase) -> None:
        db.execute_sql('ALTER TABLE "contact" ADD COLUMN "pronouns" TEXT NOT NULL DEFAULT ""')

    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, add_column))
    Repo.open(path).close()
    assert _version(path) == old + 1
    _columns_kept(before, _rows(path))
    (backup,) = (tmp_path / "backups").glob(f"*before-migration-v{old}.db")
    assert _rows(backup) == before


def test_failing_step_rolls_back_and_keeps_the_backup(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "netrack.db"
    shutil.copyfile(RELEASED[-1], path)
    Repo.open(path).close()
    before, old = _rows(path), _version(path)

    def good(db: SqliteDatabase) -> None:
        db.execute_sql('CREATE TABLE "new_table" ("id" INTEGER PRIMARY KEY)')
        db.execute_sql('UPDATE "contact" SET "name" = "name" || \' (migrated)\'')

    def bad(db: SqliteDatabase) -> None:
        db.execute_sql('DELETE FROM "interaction"')
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, good, bad))
    with pytest.raises(StorageError) as caught:
        Repo.open(path)
    message = str(caught.value)
    assert "failed at step" in message and "disk on fire" in message
    assert "left as it was" in message and "\n" not in message
    (backup,) = (tmp_path / "backups").glob(f"*before-migration-v{old}.db")
    assert str(backup) in message
    backup_hash = sha256(backup)
    assert _rows(path) == before and _version(path) == old
    assert _rows(backup) == before
    # A second attempt fails the same way and makes a fresh backup; the first is untouched.
    with pytest.raises(StorageError):
        Repo.open(path)
    assert sha256(backup) == backup_hash
    monkeypatch.setattr(migrations, "STEPS", migrations.STEPS[:old])
    assert Repo.open(path).contacts.count() == len(before["contact"])


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_newer_database_is_refused_unmodified(tmp_path: Path, journal: str) -> None:
    path = tmp_path / "future.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal}")
    connection.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO contact (name) VALUES ('From the future')")
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    digest = sha256(path)
    for command in (["scorecard"], ["log", "@from #call hi"], ["contact", "add", "Bo"]):
        result = netrack_in_process(*command, "--db", str(path))
        assert_one_clear_line(result, "newer netrack", "schema 99")
        assert sha256(path) == digest
    assert not (tmp_path / "backups").exists()
    with pytest.raises(StorageError, match="newer netrack"):
        Repo.open(path)
    assert sha256(path) == digest


def test_a_flipped_byte_of_the_schema_number_is_called_damage_not_a_newer_netrack(
    tmp_path: Path,
) -> None:
    """One damaged byte of the header's user_version (offset 60) read as "written by a
    newer netrack (schema 8716299, at schema 11)": upgrading would not have opened it."""
    flipped = (0x85 << 16) + migrations.latest()  # 0x85 written over the version's 2nd byte
    db = tmp_path / "w.db"
    assert netrack_in_process("contact", "add", "Ana", "--db", str(db)).returncode == 0
    with db.open("r+b") as file:
        file.seek(61)
        file.write(b"\x85")
    digest = sha256(db)
    for command in (("contact", "list"), ("log", "@ana #call 5m")):
        refused = netrack_in_process(*command, "--db", str(db))
        assert_one_clear_line(
            refused, f"{db} is damaged (its header gives schema {flipped}", "netrack restore FILE"
        )
    doctor = netrack_in_process("doctor", "--db", str(db))
    assert doctor.returncode == 2 and "newer" not in doctor.stdout
    assert f"problem:      {db} is damaged (its header gives schema {flipped}" in doctor.stdout
    backup = tmp_path / "copy.db"
    shutil.copyfile(db, backup)
    other = tmp_path / "other.db"
    assert netrack_in_process("contact", "add", "Bo", "--db", str(other)).returncode == 0
    refused = netrack_in_process("restore", str(backup), "--db", str(other))
    assert_one_clear_line(refused, f"{backup} is damaged (its header gives schema {flipped}")
    # The high bit set: SQLite reports the schema number signed, the header holds it not
    with backup.open("r+b") as file:
        file.seek(60)
        file.write(bytes([0x80]))
    refused = netrack_in_process("restore", str(backup), "--db", str(other))
    high = (0x80 << 24) + flipped
    assert_one_clear_line(refused, f"{backup} is damaged (its header gives schema {high}")
    assert sha256(db) == digest
    # A schema a later netrack may well write is still that.
    with db.open("r+b") as file:
        file.seek(60)
        file.write((40).to_bytes(4, "big"))
    assert_one_clear_line(
        netrack_in_process("contact", "list", "--db", str(db)), "newer netrack", "schema 40"
    )


@pytest.mark.parametrize("command", [("contact", "list"), ("log", "@ana #call 5m")])
def test_a_kept_backup_given_as_db_is_refused_unchanged(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """`--db backups/…-before-migration-v6.db` upgraded the copy kept of schema 6 to the
    current schema, in WAL mode, and made a backup of it in backups/backups/."""
    db = tmp_path / "w.db"
    shutil.copyfile(DATA / "v6_populated.db", db)
    assert netrack_in_process("contact", "list", "--db", str(db)).returncode == 0
    (kept,) = (tmp_path / "backups").glob("w-*-before-migration-v6.db")
    current = tmp_path / "backups" / "w-20261127-120000-1.db"  # `netrack backup`'s name
    assert netrack_in_process("backup", "--out", str(current), "--db", str(db)).returncode == 0
    digests = {backup: sha256(backup) for backup in (kept, current)}
    for backup in (kept, current):
        refused = netrack_in_process(*command, "--db", str(backup))
        assert_one_clear_line(
            refused, f"{backup} is one of netrack's backups", f"`netrack restore {backup}`"
        )
    assert {backup: sha256(backup) for backup in digests} == digests
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [current.name, kept.name]
    assert _version(kept) == 6
    looked = netrack_in_process("doctor", "--db", str(kept))
    assert "version 6" in looked.stdout and sha256(kept) == digests[kept]
    restored = netrack_in_process("restore", str(kept), "--db", str(db))
    assert restored.returncode == 0, restored.stderr
    assert _version(kept) == 6
