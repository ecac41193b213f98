"""Backup (online, verified, owner-only) and restore (verify, save current, replace)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from netrack.data import backup as backup_mod
from netrack.data import restore as restore_mod
from netrack.data.migrations import LATEST
from netrack.data.repo import Repo
from netrack.domain.errors import InputError, StorageError
from netrack.interop import api
from tests.interop.conftest import TODAY, snapshot


def names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM contact ORDER BY id")]
    finally:
        connection.close()


def test_default_backup_is_timestamped_verified_and_private(repo: Repo, db_path: Path) -> None:
    repo.contacts.add("Ana López")

    summary = api.backup(repo)

    folder = db_path.parent / "backups"
    (copy,) = folder.iterdir()
    assert copy.name.startswith("netrack-") and copy.suffix == ".db"
    assert summary.startswith(f"backed up {db_path} to {copy}") and "integrity ok" in summary
    assert folder.stat().st_mode & 0o777 == 0o700
    assert copy.stat().st_mode & 0o777 == 0o600
    assert names(copy) == ["Ana López"]
    assert not Path(f"{copy}-wal").exists()


def test_backup_out_file_folder_and_no_overwrite(repo: Repo, tmp_path: Path) -> None:
    repo.contacts.add("Ana López")
    target = tmp_path / "keep" / "copy.db"
    api.backup(repo, target)
    assert names(target) == ["Ana López"]
    with pytest.raises(InputError, match="already exists"):
        api.backup(repo, target)
    api.backup(repo, tmp_path / "keep")
    assert len(list((tmp_path / "keep").iterdir())) == 2


def test_backup_while_another_connection_writes(repo: Repo, db_path: Path, tmp_path: Path) -> None:
    repo.contacts.add("Ana López")
    other = sqlite3.connect(db_path)
    other.execute("BEGIN")
    other.execute("UPDATE contact SET notes = 'uncommitted'")
    try:
        api.backup(repo, tmp_path / "b.db")
    finally:
        other.rollback()
        other.close()
    connection = sqlite3.connect(tmp_path / "b.db")
    assert connection.execute("SELECT notes FROM contact").fetchone() == ("",)
    connection.close()


def test_restore_replaces_after_saving_the_current_one(repo: Repo, db_path: Path) -> None:
    repo.contacts.add("Ana López")
    saved = db_path.parent / "saved.db"
    api.backup(repo, saved)
    repo.contacts.add("Raj Patel")
    repo.close()

    version, safety = restore_mod.restore_database(saved, db_path, LATEST)

    assert version == LATEST
    assert names(db_path) == ["Ana López"]
    assert safety is not None and names(safety) == ["Ana López", "Raj Patel"]
    assert "before-restore" in safety.name
    assert db_path.stat().st_mode & 0o777 == 0o600
    assert not Path(f"{db_path}-wal").exists() and not Path(f"{db_path}-shm").exists()
    reopened = Repo.open(db_path, clock=lambda: TODAY)
    assert [c.name for c in reopened.contacts.all()] == ["Ana López"]
    reopened.close()


ORG = (
    "INSERT INTO organization (name, name_key, industry, size_band, location, notes) "
    "VALUES ('{0}', '{0}', '', '', '', '')"
)


def test_a_write_during_a_restore_is_kept_before_or_after_it(
    repo: Repo, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `log` run while a restore made its safety copy said "logged" and was lost (a
    sweep: 5 of 17 logs on a large database): committed into the old file after the
    copy, or into the old file once its name led to the restored one. Now nothing can
    be written between the safety copy and the restore, and a writer that waits lands
    its row in the restored database."""
    import threading

    repo.contacts.add("Ana López")
    saved = db_path.parent / "saved.db"
    api.backup(repo, saved)
    repo.contacts.add("Raj Patel")
    repo.close()
    seen: dict[str, object] = {}
    waiting: list[threading.Thread] = []

    def log_meanwhile() -> None:  # another netrack's write, waiting for the lock
        other = sqlite3.connect(db_path, timeout=5)
        try:
            other.execute(ORG.format("Waited"))
            other.commit()
        finally:
            other.close()

    made = backup_mod.safety_copy

    def copy_then_try_to_write(db: Path, named: Path | None = None) -> Path:
        copy = made(db, named)
        hurried = sqlite3.connect(db, timeout=0.05)
        try:
            hurried.execute(ORG.format("Lost"))
        except sqlite3.OperationalError as error:
            seen["refused"] = str(error)
        finally:
            hurried.close()
        thread = threading.Thread(target=log_meanwhile)
        thread.start()
        waiting.append(thread)
        return copy

    monkeypatch.setattr(restore_mod, "safety_copy", copy_then_try_to_write)
    _version, safety = restore_mod.restore_database(saved, db_path, LATEST)
    waiting[0].join(10)

    assert seen == {"refused": "database is locked"}  # the window is closed to writers
    assert names(db_path) == ["Ana López"]
    assert safety is not None and names(safety) == ["Ana López", "Raj Patel"]
    restored = sqlite3.connect(db_path)
    orgs = [row[0] for row in restored.execute("SELECT name FROM organization")]
    restored.close()
    assert orgs == ["Waited"]  # written after the restore, into the restored file


def test_a_safety_copy_cut_short_never_takes_a_backups_name(
    repo: Repo, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged database is copied as it is before a restore replaces it; on a full disk
    that copy stopped half-way under the backup's own name, which `doctor` then called
    the last backup (and which would not restore)."""
    repo.contacts.add("Ana López")
    saved = db_path.parent / "saved.db"
    api.backup(repo, saved)
    repo.close()
    before = snapshot(db_path)

    def damaged(*args: object) -> None:  # the online copy fails: the pages are bad
        raise StorageError("database disk image is malformed")

    def disk_full(source: str, target: str) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:4096])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_mod, "copy_into", damaged)
    monkeypatch.setattr("netrack.data.backup.shutil.copyfile", disk_full)

    with pytest.raises(StorageError, match=r"into .*backups failed: No space left"):
        backup_mod.safety_copy(db_path)

    assert snapshot(db_path) == before
    # neither a cut-off backup nor its temporary file, nor the folder made for them
    assert not (db_path.parent / "backups").exists()


def test_a_backups_folder_without_room_is_named_not_the_database(
    repo: Repo, db_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    """`restore` said "cannot use netrack.db: No space left on device" when the backups
    folder had no room for the safety copy, though the database's own disk was fine."""
    repo.contacts.add("Ana López")
    saved = db_path.parent / "saved.db"
    api.backup(repo, saved)
    repo.contacts.add("Raj Patel")
    repo.close()
    before = snapshot(db_path)
    folder = db_path.parent / "backups"
    beside = backup_mod.temp_beside

    def full(target: Path) -> Path:  # the backups folder's disk is full; the database's not
        if target.parent == folder:
            raise OSError(28, "No space left on device")
        return beside(target)

    monkeypatch.setattr(backup_mod, "temp_beside", full)

    done = run_cli("restore", saved, db=db_path)

    assert (done.returncode, done.stderr) == (
        2,
        f"netrack: copying the database into {folder} failed: No space left on device\n",
    )
    assert snapshot(db_path) == before


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_backup_out_into_a_folder_that_takes_no_file_names_that_folder(
    repo: Repo, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    """`backup --out /proc/b.db` said "cannot use /proc/.b.db.f01ca67de011.new: No such
    file or directory", a hidden temporary name nobody typed."""
    repo.close()
    done = run_cli("backup", "--out", "/proc/b.db", db=db_path)
    assert done.stderr == "netrack: cannot write in /proc: No such file or directory\n"
    assert done.returncode == 2
    locked = tmp_path / "locked"
    locked.mkdir()
    beside = backup_mod.temp_beside

    def denied(target: Path) -> Path:  # as a read-only folder answers anyone but root
        if target.parent == locked:
            raise PermissionError(13, "Permission denied")
        return beside(target)

    monkeypatch.setattr(backup_mod, "temp_beside", denied)
    done = run_cli("backup", "--out", locked / "b.db", db=db_path)
    assert done.stderr == f"netrack: cannot write in {locked}: Permission denied\n"
    assert list(locked.iterdir()) == []


def test_restore_refuses_while_the_database_is_open_elsewhere(repo: Repo, db_path: Path) -> None:
    repo.contacts.add("Ana López")
    saved = db_path.parent / "saved.db"
    api.backup(repo, saved)
    repo.contacts.add("Raj Patel")  # the open repo plays the running TUI
    before = snapshot(db_path)

    with pytest.raises(StorageError, match="open in another netrack"):
        restore_mod.restore_database(saved, db_path, LATEST)

    assert snapshot(db_path) == before
    assert not list(db_path.parent.glob(".netrack.db.*"))  # no temporary left behind
    assert not (db_path.parent / "backups").exists()  # refused: no before-restore copy


def test_restore_onto_a_read_only_database_says_it_is_read_only(
    repo: Repo, db_path: Path, run_cli
) -> None:
    """It said "open in another netrack (the TUI?)" with no other netrack running: the
    check for other users cannot fold the WAL of a file it may not write, and the
    -wal and -shm it left were taken for another netrack's."""
    repo.contacts.add("Ana López")
    saved = db_path.parent / "saved.db"
    api.backup(repo, saved)
    repo.close()
    before = snapshot(db_path)
    if shutil.which("chattr") is None or os.geteuid() != 0:
        pytest.skip("making a file immutable (chattr +i) needs root")
    if subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode:
        pytest.skip("this file system keeps no immutable flag")
    try:
        done = run_cli("restore", saved, db=db_path)
    finally:
        subprocess.run(["chattr", "-i", str(db_path)], check=True)

    assert (done.returncode, done.stderr) == (
        2,
        f"netrack: {db_path} is read-only: netrack cannot write to it (make it writable, "
        "or copy it somewhere writable)\n",
    )
    assert snapshot(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["netrack.db", "saved.db"]


def test_restore_verifies_the_file(repo: Repo, db_path: Path, tmp_path: Path) -> None:
    repo.close()
    before = snapshot(db_path)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    newer = tmp_path / "newer.db"
    api_copy = Repo.open(newer)
    api_copy.store.db.execute_sql(f"PRAGMA user_version = {LATEST + 1}")
    api_copy.close()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    server_backup = tmp_path / "netrack@db-5432-20261205-010101.json"
    server_backup.write_text('\n  {"format": "netrack"}')
    # Rows whose contact another program deleted, foreign keys off: restored, with a
    # success message; an older one's upgrade then failed after the swap (a sweep)
    dangling = tmp_path / "dangling.db"
    kept = Repo.open(dangling)
    kept.activity.log([kept.contacts.add("Gone Soon").id])
    kept.close()
    with sqlite3.connect(dangling) as other:
        other.execute("PRAGMA foreign_keys = OFF")
        other.execute("DELETE FROM contact")
    other.close()

    for path, message in (
        (tmp_path / "missing.db", "no such file"),
        (text, "not a SQLite database"),
        # a server's backup brought to a laptop: said what to do with it
        (server_backup, r"reads like a JSON export .*`netrack import json FILE --db NEW.db`"),
        (plain, "not a netrack database"),
        (newer, "written by a newer netrack"),
        (damaged, "cannot be read|damaged"),
        (dangling, r"has 1 row that refers to a row that is gone .* doctor --fix --db COPY"),
    ):
        with pytest.raises(InputError, match=message):
            restore_mod.restore_database(path, db_path, LATEST)
    assert snapshot(db_path) == before
    assert not (db_path.parent / "backups").exists()  # no copy: nothing was replaced


def test_restore_never_replaces_a_file_that_is_no_database(run_cli, tmp_path: Path) -> None:
    """`--db notes` (a text file) was replaced by the backup, and the text kept as a
    "backup" that restore itself refuses (a sweep)."""
    good, notes = tmp_path / "good.db", tmp_path / "notes"
    assert run_cli("contact", "add", "Ana López", db=good).returncode == 0
    notes.write_text("my notes\n")
    refused = run_cli("restore", good, db=notes)
    assert refused.returncode == 2
    assert refused.stderr.endswith(
        "is a text file, not a database: restore will not replace it (give another --db)\n"
    )
    assert notes.read_text() == "my notes\n"
    assert not (tmp_path / "backups").exists()

    # A database whose header was damaged is what restore is for: replaced, kept first
    # (refused with the text file at first: a review)
    damaged = tmp_path / "damaged.db"
    assert run_cli("contact", "add", "Raj Patel", db=damaged).returncode == 0
    with open(damaged, "r+b") as handle:
        handle.write(b"\0" * 100)
    restored = run_cli("restore", good, db=damaged)
    assert restored.returncode == 0, restored.stderr
    (kept,) = (tmp_path / "backups").glob("damaged-*-before-restore.db")
    assert kept.read_bytes()[:100] == b"\0" * 100


def test_cli_backup_and_restore(run_cli, db_path: Path, tmp_path: Path) -> None:
    assert run_cli("contact", "add", "Ana López", db=db_path).returncode == 0
    copy = tmp_path / "copy.db"
    done = run_cli("backup", "--out", copy, db=db_path)
    assert done.returncode == 0, done.stderr
    assert run_cli("contact", "add", "Raj Patel", db=db_path).returncode == 0

    restored = run_cli("restore", copy, db=db_path)

    assert restored.returncode == 0, restored.stderr
    assert "the previous database is saved as" in restored.stdout
    assert names(db_path) == ["Ana López"]
    bad = run_cli("restore", tmp_path, db=db_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_restore_from_the_database_under_any_name_is_refused(run_cli, tmp_path: Path) -> None:
    """From its own name it was refused; from a hard link to it (or a symbolic link to
    that) it "restored", a no-op that left one more before-restore copy in backups/."""
    main = tmp_path / "main.db"
    assert run_cli("contact", "add", "Ana López", db=main).returncode == 0
    hard, via = tmp_path / "hard.db", tmp_path / "via.db"
    os.link(main, hard)
    via.symlink_to(hard)
    before = snapshot(main)

    for source, db in ((main, main), (hard, main), (via, main), (main, via), (hard, via)):
        refused = run_cli("restore", source, db=db)
        assert refused.returncode == 2, (source, db, refused.stdout)
        assert refused.stderr == f"netrack: {source} is the database itself; give a backup file\n"

    assert not (tmp_path / "backups").exists()
    assert snapshot(main) == before and os.path.samefile(main, hard)


def test_restore_says_an_upgrade_and_what_became_of_a_failed_one(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    """An older backup restored said "(schema 6)" of a database now at the latest; an
    upgrade failing after the swap said "the database was left as it was" of a database
    that held the backup now, without naming where the old one went (a sweep). And
    `restore ""` said ". is a folder"."""
    import shutil

    from netrack.cli import main

    monkeypatch.setenv("NETRACK_TODAY", TODAY.isoformat())
    older = tmp_path / "v6.db"
    shutil.copyfile(Path(__file__).parent.parent / "data" / "v6_populated.db", older)
    assert main(["contact", "add", "Today's Contact", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["restore", str(older), "--db", str(db_path)]) == 0
    assert f"from {older} (schema 6, upgraded to {LATEST}); the previous" in (
        capsys.readouterr().out
    )

    assert main(["restore", "", "--db", str(db_path)]) == 2
    assert capsys.readouterr().err == (
        "netrack: restore needs a backup file: the name given is empty\n"
    )

    def upgrade_fails(*args: object, **options: object) -> Repo:
        raise StorageError("upgrading failed at step 9; the database was left as it was")

    monkeypatch.setattr(Repo, "open", upgrade_fails)  # the class `restore` opens with
    assert main(["restore", str(older), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"netrack: restored {db_path} from {older}, but then: upgrading failed at step 9; "
        "the database was left as it was; the previous database is saved as "
    )
    assert err.count("\n") == 1
