"""Item 4: read-only file, unwritable folder, full disk, damaged file, a folder as the
path: one clear line, exit 2, no traceback, and the file is never written."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from netrack import cli
from netrack.data import db as dbmod

from .helpers import as_ordinary_user, assert_one_clear_line, netrack, sha256

COMMANDS = (
    ("log", "@ana #call checking in"),
    ("contact", "add", "Bo Builder"),
    ("scorecard",),
)


def _every_command_refused(path: Path, *words: str, preexec=None) -> None:
    digest = sha256(path) if path.is_file() else None
    for command in COMMANDS:
        result = netrack(*command, "--db", str(path), preexec=preexec)
        assert_one_clear_line(result, *words)
        if digest is not None:
            assert sha256(path) == digest, f"{command} wrote to {path}"


# Commands that only read: a database netrack cannot write is read all the same.
READS: tuple[tuple[str, ...], ...] = (
    ("scorecard", "--format", "json"),
    ("contact", "list"),
    ("agenda",),
    ("config", "week_start"),
)


def _writes_refused_reads_answered(path: Path, *words: str, preexec=None) -> None:
    digest = sha256(path)
    writes: tuple[tuple[str, ...], ...] = COMMANDS[:2]
    for command in writes:
        assert_one_clear_line(netrack(*command, "--db", str(path), preexec=preexec), *words)
    for command in READS:
        result = netrack(*command, "--db", str(path), preexec=preexec)
        assert (result.returncode, result.stderr) == (0, ""), (command, result.stderr)
        assert result.stdout.strip()
    assert "Ana López" in netrack("contact", "list", "--db", str(path), preexec=preexec).stdout
    assert sha256(path) == digest
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, no -shm


def _doctor_says(path: Path, problem: str, preexec=None) -> None:
    looked = netrack("doctor", "--db", str(path), preexec=preexec)
    assert looked.returncode == 2, looked.stdout + looked.stderr
    assert f"problem:      {problem}" in looked.stdout


def test_read_only_database_file(populated: Path) -> None:
    populated.chmod(0o400)
    _writes_refused_reads_answered(populated, "read-only", preexec=as_ordinary_user())
    _doctor_says(
        populated,
        f"{populated} is read-only: netrack cannot write to it (make it writable, or copy it "
        "somewhere writable)",
        preexec=as_ordinary_user(),
    )


def test_backup_of_a_read_only_database_leaves_no_companion_files(
    populated: Path, tmp_path: Path
) -> None:
    """Its check of the values read the file as a reader beside a writer would, which
    made a 0400 -shm and -wal and left them: once the .db was writable again, every
    write still failed "is read-only". Other reads leave nothing; so does backup now."""
    populated.chmod(0o400)
    preexec = as_ordinary_user()
    for out in (("--out", str(tmp_path / "copy.db")), ()):
        result = netrack("backup", "--db", str(populated), *out, preexec=preexec)
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in populated.parent.iterdir()) == [
        "backups",
        "copy.db",
        populated.name,
    ]


def test_a_read_only_shm_beside_a_writable_database_is_named_and_mended(
    populated: Path,
) -> None:
    """A -shm netrack cannot write (left by an older netrack's backup of a read-only
    file): writes said "netrack.db is read-only" of a 0600 file, and doctor said "all
    good". It is named now, and `doctor --fix` makes it writable, keeping what it holds."""
    reader = sqlite3.connect(f"{populated.as_uri()}?mode=ro", uri=True)
    reader.execute("SELECT count(*) FROM contact").fetchone()
    reader.close()
    companions = [Path(f"{populated}-wal"), Path(f"{populated}-shm")]
    for companion in companions:
        companion.chmod(0o400)
    preexec = as_ordinary_user()
    said = "is read-only: netrack cannot write the database beside it"
    assert_one_clear_line(
        netrack("log", "@ana #call hi", "--db", str(populated), preexec=preexec), said
    )
    # (SQLite gives an empty -wal it opens the database's mode: the -shm is left)
    _doctor_says(populated, f"{companions[1]} {said} (`netrack doctor --fix` mends it)", preexec)

    fixed = netrack("doctor", "--fix", "--db", str(populated), preexec=preexec)

    assert fixed.returncode == 0, fixed.stdout
    assert f"fixed:        {companions[1]} is writable again\n" in fixed.stdout
    logged = netrack("log", "@ana #call hi", "--db", str(populated), preexec=preexec)
    assert logged.returncode == 0, logged.stderr


def test_unwritable_folder_with_a_database(populated: Path) -> None:
    populated.parent.chmod(0o500)
    try:
        _writes_refused_reads_answered(
            populated, "cannot write in folder", preexec=as_ordinary_user()
        )
        _doctor_says(  # it said "all good" while every write was refused
            populated,
            f"cannot write in folder {populated.parent} (netrack keeps netrack.db-wal beside "
            "the database); make the folder writable or use --db elsewhere",
            preexec=as_ordinary_user(),
        )
    finally:
        populated.parent.chmod(0o700)


def test_a_database_through_a_link_is_checked_in_its_own_folder(populated: Path) -> None:
    """SQLite keeps the -wal beside the file a link names, but the folder checked was
    the link's: a write was refused where the link's folder alone was read-only, and
    with the real folder read-only the 0600 file was called read-only and doctor said
    "all good"."""
    links = populated.parent / "links"
    links.mkdir()
    link = links / "n.db"
    link.symlink_to(populated)
    preexec = as_ordinary_user()
    links.chmod(0o500)
    try:
        logged = netrack("log", "@ana #call via the link", "--db", str(link), preexec=preexec)
        assert logged.returncode == 0, logged.stderr
    finally:
        links.chmod(0o700)
    populated.parent.chmod(0o500)
    try:
        refused = f"cannot write in folder {populated.parent} (netrack keeps netrack.db-wal"
        assert_one_clear_line(
            netrack("log", "@ana #call", "--db", str(link), preexec=preexec), refused
        )
        _doctor_says(link, refused, preexec=preexec)
    finally:
        populated.parent.chmod(0o700)


def test_unwritable_backups_folder(populated: Path) -> None:
    """doctor said "all good" while backup, merges and restore were refused: they copy
    the database into backups/ first."""
    folder = populated.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    folder.chmod(0o500)
    try:
        _doctor_says(
            populated,
            f"cannot write in {folder}: backup, merges, restore and doctor --fix need to "
            "(make it writable)",
            preexec=as_ordinary_user(),
        )
    finally:
        folder.chmod(0o700)


def test_unwritable_data_folder_for_a_new_database(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o500)
    preexec = as_ordinary_user()
    for target in (folder / "netrack.db", folder / "deeper" / "netrack.db"):
        result = netrack("contact", "add", "Ana", "--db", str(target), preexec=preexec)
        assert_one_clear_line(result, str(folder))
    assert list(folder.iterdir()) == []


def test_doctor_says_a_new_database_cannot_be_created(tmp_path: Path) -> None:
    """With HOME (or XDG_DATA_HOME) on a read-only folder, doctor said "no database yet
    (the first command creates it)" and "all good"; the first command then failed."""
    home = tmp_path / "home"
    home.mkdir(mode=0o500)
    preexec = as_ordinary_user()
    env = {"HOME": str(home), "XDG_DATA_HOME": ""}
    looked = netrack("doctor", extra_env=env, preexec=preexec)
    assert looked.returncode == 2, looked.stdout
    assert "status:       no database yet\n" in looked.stdout
    assert (
        f"problem:      cannot write in folder {home}: the first command cannot create the "
        "folders and the database there; make it writable or use --db elsewhere\n"
    ) in looked.stdout
    assert_one_clear_line(
        netrack("contact", "add", "Ana", extra_env=env, preexec=preexec), str(home)
    )
    assert list(home.iterdir()) == []


def test_path_is_a_directory(tmp_path: Path) -> None:
    _every_command_refused(tmp_path, "is a directory")
    assert_one_clear_line(netrack("doctor", "--db", str(tmp_path)), "is a directory")


def _damaged(populated: Path, how: str) -> Path:
    data = bytearray(populated.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    if how == "garbage":
        data = bytearray(os.urandom(len(data)))
    elif how == "truncated-half":
        data = data[: len(data) // 2]
    elif how == "truncated-header":
        data = data[:50]
    elif how == "pages-overwritten":
        for index in range(2, len(data) // page):  # keep page 1 (the header) intact
            data[index * page + 8 : index * page + 72] = b"\xa5" * 64
    populated.write_bytes(bytes(data))
    return populated


@pytest.mark.parametrize(
    "how", ["garbage", "truncated-half", "truncated-header", "pages-overwritten"]
)
def test_damaged_file_is_refused_untouched_with_a_restore_hint(populated: Path, how: str) -> None:
    path = _damaged(populated, how)
    _every_command_refused(path, "netrack restore")
    doctor = netrack("doctor", "--db", str(path))
    assert doctor.returncode == 2 and "problem" in doctor.stdout
    assert "Traceback" not in doctor.stderr + doctor.stdout


def _page_count(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[28:32], "big")


def test_full_disk_via_max_page_count(populated: Path, monkeypatch, capsys) -> None:
    """A database that may not grow by a page: SQLite reports SQLITE_FULL on write."""
    # No free page to reuse either (a new database has a few: schema 8 drops indexes
    # that the earlier steps made).
    connection = sqlite3.connect(populated)
    connection.execute("VACUUM")
    connection.close()
    monkeypatch.setitem(dbmod.PRAGMAS, "max_page_count", _page_count(populated))
    big_note = "x" * 9_000  # more than what is free in the last pages
    before = sha256(populated)
    for _ in range(3):
        code = cli.main(["log", f"@ana #call {big_note}", "--db", str(populated)])
        err = capsys.readouterr().err
        assert code == 2 and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1 and "is full" in err, err
    assert sha256(populated) == before
    monkeypatch.delitem(dbmod.PRAGMAS, "max_page_count")
    assert cli.main(["log", "@ana #call space again", "--db", str(populated)]) == 0


def test_file_size_limit_mid_import(populated: Path, tmp_path: Path) -> None:
    """Beyond the list: a real write error (RLIMIT_FSIZE, EFBIG) half-way through an import.
    The import is all-or-nothing and the database stays usable."""
    from .helpers import linkedin_csv

    csv = linkedin_csv(tmp_path / "Connections.csv", 5_000)
    limit = populated.stat().st_size + 64 * 1024

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = netrack(
        "import", "linkedin", str(csv), "--db", str(populated), preexec=limit_file_size
    )
    assert_one_clear_line(result)
    again = netrack("log", "@ana #call after the failed import", "--db", str(populated))
    assert again.returncode == 0, again.stderr
    import sqlite3

    connection = sqlite3.connect(populated)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM contact").fetchone()[0] == 1
    connection.close()


def test_missing_wal_companions_are_not_needed(populated: Path) -> None:
    """Beyond the list: a copy of the database without its -wal/-shm (a file manager copy)."""
    copy = populated.parent / "copy.db"
    shutil.copyfile(populated, copy)
    assert netrack("log", "@ana #call from the copy", "--db", str(copy)).returncode == 0
