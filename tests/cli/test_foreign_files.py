"""Issue 13, items 6, 7 and the smaller ones: a foreign file stays foreign (byte for byte,
mode, no -wal/-shm); `demo --force` backs up first; `--db ""`, an over-long name and
restoring what is not a file are one line, exit 2."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests.cli.conftest import Run
from tests.hardening.helpers import (
    as_ordinary_user,
    assert_one_clear_line,
    netrack,
    netrack_in_process,
)


def _state(path: Path) -> tuple[str, int, int, list[str]]:
    info = path.stat()
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        stat.S_IMODE(info.st_mode),
        info.st_size,
        sorted(p.name for p in path.parent.iterdir()),
    )


@pytest.fixture
def places(tmp_path: Path) -> Path:
    """Another application's database: one table, one row, 0644, rollback journal."""
    path = tmp_path / "places.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = delete")
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    connection.commit()
    connection.close()
    path.chmod(0o644)
    return path


@pytest.mark.parametrize(
    "argv", [("scorecard",), ("log", "@x #call hello"), ("contact", "add", "Bo"), ("backup",)]
)
def test_a_foreign_sqlite_file_is_refused_untouched(
    run: Run, places: Path, argv: tuple[str, ...]
) -> None:
    before = _state(places)

    result = run(*argv, "--db", str(places), use_db=False)

    assert result.code == 2 and result.out == ""
    assert result.err.strip() == (
        f"netrack: {places} is not a netrack database: unexpected table moz_places; it was "
        "left untouched (give --db a netrack database or a new file name)"
    )
    assert _state(places) == before  # content, mode, and no -wal/-shm/backups beside it


@pytest.mark.parametrize("argv", [("contact", "list"), ("log", "@x #call hello"), ("backup",)])
def test_a_text_file_as_db_is_called_one_and_left_untouched(
    run: Run, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    """Notes given as --db were sent to `restore`, which then refused to replace them."""
    notes = tmp_path / "notes.db"
    notes.write_text("my notes\n")
    before = _state(notes)

    result = run(*argv, "--db", str(notes), use_db=False)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"netrack: {notes} is a text file, not a netrack database; it was left untouched "
        "(give --db a netrack database or a new file name)\n"
    )
    assert _state(notes) == before


def test_an_empty_sqlite_file_is_a_new_database(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    connection = sqlite3.connect(empty)  # a SQLite header, user_version 0, no tables
    connection.executescript("CREATE TABLE t (x); DROP TABLE t;")
    connection.close()
    assert empty.stat().st_size > 0
    result = run("contact", "add", "Ana López", "--db", str(empty), use_db=False)
    assert result.code == 0, result.err
    assert "added contact Ana López" in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ("import", "json", "{bad}"),
        ("log", "@nobody #call hello"),
        ("export", "json", "--out", "{out}"),
        ("backup",),
        ("contact", "list"),
        ("scorecard",),
    ],
)
def test_a_failed_or_reading_command_leaves_an_empty_file_as_it_was(
    run: Run, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    """An empty file is a new database, and a command that fails (or only reads) makes
    none, as none is made where no file was: netrack's schema was written into it, 0600."""
    empty = tmp_path / "z.db"
    empty.touch()
    empty.chmod(0o644)
    os.utime(empty, (1_000_000_000, 1_000_000_000))
    (tmp_path / "bad.json").write_text('{"format": "netrack",')
    words = [word.format(bad=tmp_path / "bad.json", out=tmp_path / "out.json") for word in argv]
    before = _state(empty)

    result = run(*words, "--db", str(empty), use_db=False)

    assert "Traceback" not in result.err
    assert _state(empty) == before  # empty, 0644, and no -wal/-shm/backups beside it
    assert empty.stat().st_mtime == 1_000_000_000
    assert run("contact", "add", "Ana López", "--db", str(empty), use_db=False).code == 0
    assert empty.stat().st_size > 0


def test_demo_force_backs_up_what_it_replaces(run: Run, db: Path) -> None:
    assert run("contact", "add", "Ana López").code == 0
    assert run("time", "add", "2h", "--category", "busywork").code == 0

    result = run("demo", "--no-tui", "--force")

    assert result.code == 0, result.err
    (copy,) = (db.parent / "backups").glob("*-before-demo.db")
    assert f"the previous data is saved as {copy}" in result.err
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("SELECT name FROM contact").fetchall() == [("Ana López",)]
        assert connection.execute("SELECT count(*) FROM time_entry").fetchone() == (1,)
    finally:
        connection.close()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_demo_on_a_new_database_makes_no_backup(run: Run, db: Path) -> None:
    result = run("demo", "--no-tui", "--force")
    assert result.code == 0, result.err
    assert "saved as" not in result.err
    assert not (db.parent / "backups").exists()


def test_demo_run_twice_reopens_what_is_there(run: Run, db: Path) -> None:
    # The README's "try it" command, run a second time, opens the demo instead of failing.
    assert run("demo", "--no-tui").code == 0
    assert run("log", "@ana 10m one more").code == 0
    before = db.read_bytes()
    again = run("demo", "--no-tui")
    assert again.code == 0, again.err
    assert "already holds data: opening it as it is" in again.err
    assert "scorecard 2026-W48" in again.out  # this week's card, as on the first run
    assert db.read_bytes() == before  # nothing replaced, nothing added
    assert not (db.parent / "backups").exists()


@pytest.mark.parametrize("argv", [("scorecard",), ("doctor",), ("backup",), ("log", "@a hi")])
def test_an_empty_db_option_is_refused(
    run: Run, argv: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fallback = tmp_path / "default" / "netrack.db"  # where it went: never the real one
    monkeypatch.setenv("NETRACK_DB", str(fallback))
    for given in (["--db", ""], ["--db="]):
        result = run(*argv, *given, use_db=False)
        assert result.code == 2 and result.out == ""
        assert result.err == "netrack: --db must not be empty\n"
    assert not fallback.parent.exists()


@pytest.mark.parametrize(
    "argv", [("scorecard",), ("doctor",), ("backup",), ("log", "@a hi"), ("restore",)]
)
def test_an_over_long_db_name_is_one_line(run: Run, tmp_path: Path, argv: tuple[str, ...]) -> None:
    if argv == ("restore",):
        Repo.open(tmp_path / "backup.db").close()
        argv = ("restore", str(tmp_path / "backup.db"))
    long = tmp_path / ("n" * 300 + ".db")
    result = run(*argv, "--db", str(long), use_db=False)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "is too long (303 bytes in one name)" in result.err
    assert "internal error" not in result.err


def test_restore_of_what_is_not_a_backup_file(run: Run, db: Path, tmp_path: Path) -> None:
    assert run("contact", "add", "Ana López").code == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for source, words in (
        (tmp_path, "is a folder, not a backup file"),
        (fifo, "is not a regular file"),
        (Path("/dev/null"), "is not a regular file"),
    ):
        result = run("restore", str(source))
        assert result.code == 2, result.err
        assert result.err == f"netrack: {source} {words}" + result.err.split(words, 1)[1]
        assert result.err.count("\n") == 1
    assert not (db.parent / "backups").exists()


@pytest.mark.parametrize("argv", [("restore", "BACKUP"), ("contact", "add", "Bo"), ("scorecard",)])
def test_a_db_that_is_a_named_pipe_is_refused_and_left_a_pipe(
    run: Run, db: Path, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    """Not replaced by a file (restore did, and as root /dev/null too), never waited on."""
    assert run("contact", "add", "Ana López").code == 0
    backup = tmp_path / "copy.db"
    assert run("backup", "--out", str(backup)).code == 0
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)

    command = [str(backup) if word == "BACKUP" else word for word in argv]
    result = run(*command, "--db", str(pipe), use_db=False)

    assert result.code == 2 and result.out == ""
    assert result.err == (
        f"netrack: {pipe} is not a regular file (a device, a pipe or a socket); "
        "give --db a database file\n"
    )
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("pipe")) == ["pipe.db"]


def test_restore_through_a_symbolic_link_replaces_the_file_it_names(
    run: Run, tmp_path: Path
) -> None:
    real, link, backup = tmp_path / "real.db", tmp_path / "link.db", tmp_path / "copy.db"
    assert run("contact", "add", "Before", "--db", str(real), use_db=False).code == 0
    assert run("backup", "--out", str(backup), "--db", str(real), use_db=False).code == 0
    assert run("contact", "add", "After", "--db", str(real), use_db=False).code == 0
    link.symlink_to(real)

    result = run("restore", str(backup), "--db", str(link), use_db=False)

    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == real
    # Its safety copy where `backup` and `doctor` look for the link's backups
    (saved,) = (tmp_path / "backups").glob("link-*-before-restore.db")
    assert saved.name in result.out
    repo = Repo.open(real)
    try:
        assert [c.name for c in repo.contacts.all()] == ["Before"]
    finally:
        repo.close()


def test_restore_of_an_unreadable_file(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert netrack_in_process("contact", "add", "Ana", "--db", str(db)).returncode == 0
    copy = str(tmp_path / "copy.db")
    assert netrack_in_process("backup", "--out", copy, "--db", str(db)).returncode == 0
    (tmp_path / "copy.db").chmod(0)
    result = netrack(
        "restore", str(tmp_path / "copy.db"), "--db", str(db), preexec=as_ordinary_user()
    )
    assert_one_clear_line(result, f"cannot read {tmp_path / 'copy.db'}: permission denied")


def test_restore_leaves_nothing_beside_the_file_it_reads(run: Run, tmp_path: Path) -> None:
    """Read-only, SQLite made a -shm and an empty -wal beside a WAL-mode file and left
    them there: a refused foreign file, and a netrack backup restored, stay alone."""
    foreign = tmp_path / "foreign" / "app.sqlite"
    foreign.parent.mkdir()
    connection = sqlite3.connect(foreign)
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    connection.commit()
    connection.close()
    backup = tmp_path / "kept" / "netrack.db"
    backup.parent.mkdir()
    repo = Repo.open(backup)  # netrack's files are WAL-mode
    repo.contacts.add("Ana López")
    repo.close()
    before = _state(foreign), _state(backup)

    refused = run("restore", str(foreign), "--db", str(tmp_path / "a.db"), use_db=False)
    restored = run("restore", str(backup), "--db", str(tmp_path / "b.db"), use_db=False)

    assert refused.code == 2 and "not a netrack database" in refused.err
    assert restored.code == 0, restored.err
    assert (_state(foreign), _state(backup)) == before  # alone in their folders
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.db", "foreign", "kept"]


def test_restore_reads_what_a_backup_s_wal_still_holds(run: Run, tmp_path: Path) -> None:
    """A copy taken with its -wal beside it (a live file copied by hand): the rows only
    the -wal holds are restored too."""
    live, copy = tmp_path / "live.db", tmp_path / "copy.db"
    repo = Repo.open(live)
    repo.contacts.add("Ana López")
    repo.close()
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # the new row stays in the -wal
    writer.execute("UPDATE contact SET name = 'Ana Only In The Wal'")
    writer.commit()
    copy.write_bytes(live.read_bytes())
    Path(f"{copy}-wal").write_bytes(Path(f"{live}-wal").read_bytes())
    writer.close()

    result = run("restore", str(copy), "--db", str(tmp_path / "restored.db"), use_db=False)

    assert result.code == 0, result.err
    repo = Repo.open(tmp_path / "restored.db")
    try:
        assert [c.name for c in repo.contacts.all()] == ["Ana Only In The Wal"]
    finally:
        repo.close()


def test_a_damaged_date_in_the_file_is_one_line(tmp_path: Path) -> None:
    """One bad byte in a stored date ("2026-1x-01") was `internal error: ValueError`,
    exit 1: now one line naming it and what to do, exit 2, the file as it was."""
    db = tmp_path / "netrack.db"
    opened = Repo.open(db)
    opened.campaigns.add("Lead", "Acme")
    opened.close()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE campaign SET stage_since = '2026-1x-01'")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for argv in (("campaign", "list"), ("campaign", "show", "Acme Lead")):
        line = assert_one_clear_line(netrack_in_process(*argv, "--db", str(db)), "'2026-1x-01'")
        assert "netrack doctor" in line
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("kind", ["json", "vcard", "ics", "linkedin"])
@pytest.mark.parametrize("which", ["", " (a link)"])  # its -wal: see the palette's test
def test_importing_the_database_itself_is_refused_before_it_is_opened(
    run: Run, db: Path, tmp_path: Path, kind: str, which: str
) -> None:
    """Opened to be read, then closed, the database file lost the locks this process
    held on it (see the palette's test in tests/ui/test_palette_import.py)."""
    assert run("contact", "add", "Ana").code == 0
    source = db if not which else tmp_path / "link.json"
    if which:
        source.symlink_to(db)
    result = run("import", kind, str(source))
    assert (result.code, result.err) == (
        2,
        f"netrack: {source} is the database ({db}); give a file to import\n",
    )
