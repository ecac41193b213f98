"""Issue 13, item 12 and the WAL half of item 2: an interrupted backup, restore or
migration leaves no `.partial` file (SIGTERM and Ctrl-C clean up; SIGKILL's leftovers go
with the next command or `doctor --fix`); doctor reports an unmerged or foreign WAL;
tighten_permissions never follows a link or touches a FIFO."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from netrack.data import backup as backup_mod
from netrack.data import restore as restore_mod
from netrack.data.db_files import tighten_permissions
from netrack.data.doctor_wal import GROWN_WHILE_OPEN
from netrack.data.migrations import LATEST

from .helpers import assert_one_clear_line, env, netrack_in_process, sha256

HOUR_AGO = time.time() - 3600


def _partials(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.partial*")) if folder.is_dir() else []


def _leftovers(db: Path) -> tuple[Path, Path]:
    """What a SIGKILL mid-restore and mid-backup leave: one beside the db, one in backups/."""
    beside = db.parent / f".{db.name}.k1l2x3.partial"
    folder = db.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    inside = folder / f".{db.stem}-20261127-101010-000001.db.a8b9c0.partial"
    for file in (beside, inside):
        file.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
        os.utime(file, (HOUR_AGO, HOUR_AGO))
    return beside, inside


def test_the_next_command_removes_stale_partial_files(populated: Path) -> None:
    beside, inside = _leftovers(populated)
    fresh = populated.parent / f".{populated.name}.fresh1.partial"  # a live restore's
    fresh.write_bytes(b"being written")
    unrelated = populated.parent / ".other.db.abc.partial"  # not this database's
    unrelated.write_bytes(b"x")
    os.utime(unrelated, (HOUR_AGO, HOUR_AGO))

    assert netrack_in_process("scorecard", "--db", str(populated)).returncode == 0

    assert not beside.exists() and not inside.exists()
    assert fresh.exists() and unrelated.exists()


def test_doctor_reports_them_and_fix_removes_them(populated: Path) -> None:
    beside, inside = _leftovers(populated)
    found = netrack_in_process("doctor", "--db", str(populated))
    assert found.returncode == 2
    for file in (beside, inside):
        assert f"{file} is an unfinished copy left by an interruption" in found.stdout
        assert file.exists()
    fixed = netrack_in_process("doctor", "--fix", "--db", str(populated))
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"removed {beside} (an interrupted copy)" in fixed.stdout
    assert not beside.exists() and not inside.exists()


class _InterruptedSource:
    """A read-only connection to `path` whose copy is interrupted half-way (Ctrl-C)."""

    in_transaction = False

    def __init__(self, path: Path) -> None:
        # As `_read_backup` makes it: the integrity check reads it on a worker thread.
        self.real = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.execute = self.real.execute
        self.close = self.real.close

    def backup(self, destination: sqlite3.Connection) -> None:
        destination.execute("CREATE TABLE half (x)")
        destination.commit()
        raise KeyboardInterrupt


class _Db:
    def __init__(self, path: Path) -> None:
        self.path = path

    def connection(self) -> _InterruptedSource:
        return _InterruptedSource(self.path)


def test_ctrl_c_inside_the_copy_leaves_no_partial_file(populated: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies" / "copy.db"
    with pytest.raises(KeyboardInterrupt):
        backup_mod.backup_database(_Db(populated), populated, out)  # type: ignore[arg-type]
    assert not out.exists() and _partials(out.parent) == []
    with pytest.raises(KeyboardInterrupt):
        backup_mod.backup_database(_Db(populated), populated)  # type: ignore[arg-type]
    assert _partials(populated.parent / "backups") == []


def test_ctrl_c_inside_a_restore_leaves_the_database_and_no_partial(
    populated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "saved.db"
    shutil.copyfile(populated, saved)
    digest = sha256(populated)
    monkeypatch.setattr(restore_mod, "_read_backup", _InterruptedSource)
    with pytest.raises(KeyboardInterrupt):
        restore_mod.restore_database(saved, populated, LATEST)
    assert sha256(populated) == digest
    assert _partials(populated.parent) == [] and not (tmp_path / "backups").exists()


SIGTERM_MID_COPY = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from netrack.data import backup, migrations, restore
    from netrack.data.repo import Repo

    class Source:
        in_transaction = False

        def __init__(self, path=None):
            if path is not None:  # restore: verify reads the real file first
                self.real = backup.sqlite3.connect(
                    f"file:{path}?mode=ro", uri=True, check_same_thread=False
                )
                self.execute, self.close = self.real.execute, self.real.close

        def backup(self, destination):
            destination.execute("CREATE TABLE half (x)")
            destination.commit()
            os.kill(os.getpid(), signal.SIGTERM)  # as `kill PID` from another shell
            sum(range(1000))  # Python runs the handler at the next instruction

    class Db:
        def connection(self):
            return Source()

    def terminated_step(db):
        db.execute_sql('DELETE FROM "contact"')
        os.kill(os.getpid(), signal.SIGTERM)
        sum(range(1000))

    what, db, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    try:
        if what == "backup":
            backup.backup_database(Db(), db, out)
        elif what == "restore":
            restore._read_backup = Source
            restore.restore_database(out, db, migrations.latest())
        else:
            migrations.STEPS = (*migrations.STEPS, terminated_step)
            Repo.open(db)
    except KeyboardInterrupt:
        sys.exit(130)
    """
)


@pytest.mark.parametrize("what", ["backup", "restore", "migration"])
def test_sigterm_mid_copy_cleans_up(populated: Path, tmp_path: Path, what: str) -> None:
    out = tmp_path / "copies" / "copy.db"
    if what == "restore":
        out.parent.mkdir()
        shutil.copyfile(populated, out)
    digest = sha256(populated)
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_MID_COPY, what, str(populated), str(out)],
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
    )
    assert done.returncode == 130, done.stderr  # not killed: the handler ran
    for folder in (populated.parent, populated.parent / "backups", out.parent):
        assert _partials(folder) == []
    assert sha256(populated) == digest  # a restore or migration changed nothing
    if what == "migration":  # its backup was whole, but of a file left as it was: gone
        assert list((populated.parent / "backups").glob("*before-migration-*")) == []


def test_tighten_permissions_changes_only_regular_files(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    db.write_bytes(b"")
    db.chmod(0o644)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("someone else's")
    outside.chmod(0o644)
    Path(f"{db}-wal").symlink_to(outside)
    os.mkfifo(f"{db}-shm")
    os.chmod(f"{db}-shm", 0o644)  # mkfifo's mode passes through the umask

    changed = tighten_permissions(db)

    assert changed == [db]
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
    assert stat.S_IMODE(os.lstat(f"{db}-shm").st_mode) == 0o644


def _with_unmerged_wal(source: Path, target: Path, page_size: int | None = None) -> None:
    """Copy `source` and its WAL while a connection still holds changes in the WAL."""
    connection = sqlite3.connect(source)
    if page_size:
        connection.execute(f"PRAGMA page_size = {page_size}")
        connection.execute("CREATE TABLE filler (x)")
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    if page_size:
        connection.execute("INSERT INTO filler VALUES (randomblob(20000))")
    else:
        connection.execute("UPDATE contact SET notes = 'only in the WAL'")
    connection.commit()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
        os.chmod(f"{target}{suffix}", 0o600)
    connection.close()


def test_doctor_warns_about_an_unmerged_wal_and_fix_merges_it(
    populated: Path, tmp_path: Path
) -> None:
    db = tmp_path / "n.db"
    _with_unmerged_wal(populated, db)
    result = netrack_in_process("doctor", "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning:      WAL holds" in result.stdout
    assert "not yet merged into n.db; run any netrack command or `netrack doctor --fix`" in (
        result.stdout
    )
    fixed = netrack_in_process("doctor", "--fix", "--db", str(db))
    assert fixed.returncode == 0 and "merged into n.db" in fixed.stdout
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    alone = tmp_path / "alone.db"  # the file by itself now holds the change
    shutil.copyfile(db, alone)
    connection = sqlite3.connect(alone)
    assert connection.execute("SELECT notes FROM contact").fetchall() == [("only in the WAL",)]
    connection.close()


# Another program that keeps the database open, as the TUI does: netrack's own, after a
# write ("repo"), or one holding a read that never ends ("reader", SQLite's shell left
# in a transaction), which keeps SQLite from merging the WAL while it lasts.
HOLDER = {
    "repo": textwrap.dedent(
        """
        import sys
        from datetime import date
        from netrack.data.repo import Repo
        repo = Repo.open(sys.argv[1], clock=lambda: date(2026, 12, 7))
        repo.contacts.add("Bo Chen")
        print("ready", flush=True)
        sys.stdin.readline()
        repo.close()
        """
    ),
    "reader": textwrap.dedent(
        """
        import sqlite3, sys
        connection = sqlite3.connect(sys.argv[1], isolation_level=None)
        connection.execute("BEGIN")
        connection.execute("SELECT count(*) FROM contact").fetchone()
        print("ready", flush=True)
        sys.stdin.readline()
        connection.close()
        """
    ),
}


def _held_open(db: Path, how: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER[how], str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env(),
    )
    assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
    return holder


def _let_go(holder: subprocess.Popen[str]) -> None:
    holder.communicate("\n", timeout=60)
    assert holder.returncode == 0


def test_doctor_says_nothing_of_the_wal_of_a_database_open_in_the_tui(populated: Path) -> None:
    """With the TUI open, a write left the WAL unmerged, as it is while any program has
    the database open: doctor warned it was "not yet merged" and to run a command."""
    holder = _held_open(populated, "repo")
    try:
        added = netrack_in_process("contact", "add", "Cy Diaz", "--db", str(populated))
        assert added.returncode == 0, added.stderr
        assert Path(f"{populated}-wal").stat().st_size > 0
        looked = netrack_in_process("doctor", "--db", str(populated))
        assert looked.returncode == 0, looked.stdout
        assert "warning:" not in looked.stdout and "merged" not in looked.stdout
        assert looked.stdout.rstrip().endswith("all good")
        # `--fix` may still merge it (SQLite merges beside open connections): no warning
        fixed = netrack_in_process("doctor", "--fix", "--db", str(populated))
        assert fixed.returncode == 0 and "warning:" not in fixed.stdout, fixed.stdout
    finally:
        _let_go(holder)


def test_doctor_warns_of_a_wal_grown_while_a_read_holds_off_its_merge(populated: Path) -> None:
    holder = _held_open(populated, "reader")
    try:
        writer = sqlite3.connect(populated)
        big = GROWN_WHILE_OPEN + 4 * 1024 * 1024
        writer.execute("UPDATE contact SET notes = printf('%.*c', ?, 'x')", (big,))
        writer.commit()
        writer.execute("UPDATE contact SET notes = 'back to short'")
        writer.commit()
        writer.close()
        looked = netrack_in_process("doctor", "--db", str(populated))
        assert looked.returncode == 0, looked.stdout
        (warning,) = [line for line in looked.stdout.splitlines() if line.startswith("warning:")]
        grown = int(warning.split("has grown to ")[1].split(" MiB")[0])
        assert grown > GROWN_WHILE_OPEN / 1024 / 1024
        assert "MiB of changes not yet merged into netrack.db: a program that has " in warning
        assert "close the programs that have it open, then run any netrack command" in warning
    finally:
        _let_go(holder)
    merged = netrack_in_process("doctor", "--db", str(populated))
    assert merged.stdout.rstrip().endswith("all good"), merged.stdout


@pytest.mark.parametrize("kind", ["other page size", "not a WAL"])
def test_doctor_reports_a_foreign_wal_and_never_applies_it(
    populated: Path, tmp_path: Path, kind: str
) -> None:
    wal = Path(f"{populated}-wal")
    if kind == "other page size":
        _with_unmerged_wal(tmp_path / "other.db", tmp_path / "other-copy.db", page_size=1024)
        shutil.copyfile(tmp_path / "other-copy.db-wal", wal)
        reason = "its pages are 1024 bytes, the database's 4096"
    else:
        wal.write_bytes(b"not a write-ahead log at all, " * 4)
        reason = "it is not a SQLite WAL file"
    digest, wal_digest = sha256(populated), sha256(wal)
    for fix in ([], ["--fix"]):
        result = netrack_in_process("doctor", *fix, "--db", str(populated))
        assert result.returncode == 2
        assert f"{wal} does not belong to netrack.db ({reason}); it was not applied" in (
            result.stdout
        )
        assert sha256(populated) == digest and sha256(wal) == wal_digest


def test_a_link_where_the_wal_goes_is_named(populated: Path, tmp_path: Path) -> None:
    """`cannot open netrack.db (check the folder exists and is writable)`: the folder
    was fine; the -wal beside it was a link to another file."""
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's")
    Path(f"{populated}-wal").symlink_to(victim)
    result = netrack_in_process("contact", "add", "X", "--db", str(populated))
    assert_one_clear_line(
        result, f"{populated}-wal is not a regular file (a link or a folder?)", "move it aside"
    )
    assert victim.read_text() == "someone else's"
