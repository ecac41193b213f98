"""A database file with two names (a hard link): no export or backup goes to a companion
name of either (`main.db-wal` while netrack opens `alias.db`), nor over a backup under
another name. SQLite keeps `main.db-wal` for whoever opens main.db: a file written there
was taken for a foreign WAL on the next open, and with --force it replaced a live one."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests.interop.conftest import snapshot

RunCli = Callable[..., subprocess.CompletedProcess[str]]

# Every command that writes a file (or folder) the user names, as its words before --out
WRITERS = [
    ("backup",),
    ("export", "json"),
    ("export", "csv"),
    ("export", "ics"),
    ("export", "vcard"),
]


@pytest.fixture
def two_names(repo: Repo, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The database (main.db, with a contact), a hard link to it (alias.db) and a symbolic
    link to that hard link (via.db), all closed."""
    repo.contacts.add("Ana López")
    repo.close()
    main = tmp_path / "main.db"
    repo.path.rename(main)
    alias = tmp_path / "alias.db"
    os.link(main, alias)
    via = tmp_path / "via.db"
    via.symlink_to(alias)
    return main, alias, via


def refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done
    assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.mark.parametrize("command", WRITERS, ids=" ".join)
@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_companion_of_another_name_of_the_database_is_refused(
    two_names: tuple[Path, Path, Path], run_cli: RunCli, command: tuple[str, ...], suffix: str
) -> None:
    main, alias, via = two_names
    before = snapshot(main)

    for db, name in ((alias, main), (via, main), (main, alias), (main, via)):
        target = Path(f"{name}{suffix}")
        for force in ((), ("--force",)):
            done = run_cli(*command, "--out", target, *force, db=db)
            refused(done, f"the database's {suffix[1:]} file", "choose another path")
            assert not target.exists(), (db, target)

    assert snapshot(main) == before
    assert run_cli("contact", "list", db=main).returncode == 0


def test_backup_never_replaces_a_live_wal_through_a_hard_link(
    two_names: tuple[Path, Path, Path], run_cli: RunCli
) -> None:
    """Another process holds main.db with a change only in its WAL; `backup --force` to
    main.db-wal through alias.db replaced that WAL and the change was lost."""
    main, alias, _ = two_names
    holder = sqlite3.connect(main)
    try:
        holder.execute("PRAGMA journal_mode=wal")
        holder.execute("PRAGMA wal_autocheckpoint=0")
        with holder:
            holder.execute("UPDATE contact SET notes = 'only in the WAL'")
        wal = Path(f"{main}-wal")
        held = wal.read_bytes()

        refused(run_cli("backup", "--out", wal, "--force", db=alias), "the database's wal file")

        assert wal.read_bytes() == held
    finally:
        holder.close()
    notes = sqlite3.connect(main).execute("SELECT notes FROM contact").fetchall()
    assert notes == [("only in the WAL",)]


@pytest.mark.parametrize("command", WRITERS, ids=" ".join)
def test_another_name_of_the_database_or_a_backup_is_refused(
    two_names: tuple[Path, Path, Path], run_cli: RunCli, command: tuple[str, ...]
) -> None:
    main, alias, via = two_names
    assert run_cli("backup", db=main).returncode == 0
    (kept,) = (main.parent / "backups").iterdir()
    copy = main.parent / "copy.db"
    os.link(kept, copy)
    before = snapshot(main)
    # CSV goes to a folder: a file is refused as one, whatever it is
    copy_words = "is a file" if command == ("export", "csv") else "is the backup"

    for target, words in (
        (alias, "is the database"),
        (via, "is the database"),
        (copy, copy_words),
    ):
        refused(run_cli(*command, "--out", target, "--force", db=main), words)

    assert snapshot(main) == before and snapshot(copy) == snapshot(kept)
    assert via.is_symlink() and os.path.samefile(copy, kept)
