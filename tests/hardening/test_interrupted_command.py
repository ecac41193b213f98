"""Ctrl-C half-way through a command, in a real process: the write under way is rolled
back, the file being written never appears, and the user reads one line saying so (exit
130, the shell's code for SIGINT), not a silent exit nor a traceback."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netrack.data.migrations import LATEST

from .helpers import env

DATA = Path(__file__).parent.parent / "data"

# The real CLI in its own process; the signal arrives from the kernel, as from a
# terminal's Ctrl-C, at a chosen point: after the import's first batch of rows went in
# (its transaction still open), or when an export's bytes are in its temporary file
# and it is about to take the export's name.
INTERRUPT_AT = textwrap.dedent(
    """
    import os, signal, sys
    from netrack import cli
    from netrack.data import bulk_rows
    from netrack.interop import files

    def ctrl_c():
        os.kill(os.getpid(), signal.SIGINT)
        sum(range(1000))  # Python runs the handler at the next instruction

    def after(original):
        def step(*args, **kwargs):
            result = original(*args, **kwargs)
            ctrl_c()
            return result
        return step

    def before(original):
        def step(*args, **kwargs):
            ctrl_c()
            return original(*args, **kwargs)
        return step

    # As a terminal delivers it, even where the suite was started in the background
    # (a shell's `&` makes the job ignore SIGINT, and Python then keeps it ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if sys.argv[1] == "import":
        bulk_rows.insert_rows = after(bulk_rows.insert_rows)
    elif sys.argv[1] == "saved":  # the command's work done, its line not yet printed
        cli.print_output = before(cli.print_output)
    elif sys.argv[1] == "commit":  # the COMMIT just returned, nothing else done yet
        import peewee
        from netrack.data.writes import Writes
        committed = peewee.Database.commit
        def commit(self):
            result = committed(self)
            if Writes.open:  # a change's, not one opening the file made
                ctrl_c()
            return result
        peewee.Database.commit = commit
    elif sys.argv[1] == "upgrade-commit":  # the upgrade on opening, as it commits
        import peewee
        from netrack.data.migrations import LATEST
        committed = peewee.Database.commit
        def commit(self):
            result = committed(self)
            if self.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST:
                ctrl_c()
            return result
        peewee.Database.commit = commit
    elif sys.argv[1] == "upgraded":  # the upgrade committed, the command not begun
        from netrack.data import opening
        opening.remove_stale_partials = before(opening.remove_stale_partials)
    elif sys.argv[1] == "backup-copy":  # a backup's copy about to start
        from netrack.data import backup
        backup.copy_into = before(backup.copy_into)
    elif sys.argv[1] == "created":  # a new database's file made, nothing in it yet
        from netrack.data import opening
        opening.create_private_file = after(opening.create_private_file)
    elif sys.argv[1] == "loading":  # an import's file being read, nothing written yet
        from netrack.interop import json_merge
        json_merge.load = before(json_merge.load)
    elif sys.argv[1] == "upgrading":  # inside the upgrade, its backup made
        from netrack.data import migrate
        migrate._run_steps = before(migrate._run_steps)
    elif sys.argv[1] == "restore-last-step":  # the restore's last step, as it commits
        from netrack.data import restore
        restore._stop_if_interrupted = ctrl_c  # held back: arrives as the last step runs
    elif sys.argv[1] == "restore-last-step-term":  # the same, as `kill PID` sends it
        from netrack.data import restore
        restore._stop_if_interrupted = lambda: os.kill(os.getpid(), signal.SIGTERM)
    elif sys.argv[1] == "restore-check":  # restored, while the check after it runs
        from netrack.interop import commands
        opened = commands.Repo.open
        def check(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(1000))
            return opened(*args, **kwargs)
        commands.Repo.open = check
    elif sys.argv[1].startswith("restore-first-step"):  # after its first step, not the last
        from netrack.data import restore
        checked = restore._stop_if_interrupted
        def first_step():
            if sys.argv[1].endswith("-term"):
                os.kill(os.getpid(), signal.SIGTERM)
            else:
                ctrl_c()
            checked()
        restore._stop_if_interrupted = first_step
    else:
        files.place = before(files.place)
    sys.exit(cli.main(sys.argv[2:]))
    """
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT, *args],
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in ("contact", "organization", "interaction", "interaction_contact")
        }


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 130, (done.returncode, done.stderr)
    assert done.stdout == ""
    return done.stderr


def test_ctrl_c_inside_an_import_keeps_the_database_as_it_was(
    populated: Path, tmp_path: Path
) -> None:
    document = {
        "format": "netrack",
        "schema_version": 8,
        "contacts": [
            {"ref": n, "name": f"Person {n}", "met_on": "2026-10-01"} for n in range(1, 41)
        ],
        "interactions": [
            {"on": "2026-11-0" + str(1 + n % 9), "kind": "message", "contacts": [1 + n % 40]}
            for n in range(300)
        ],
    }
    source = tmp_path / "history.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    before = counts(populated)

    done = run("import", "import", "json", str(source), "--db", str(populated))

    assert one_line(done) == "netrack: interrupted; the change under way was not saved\n"
    assert counts(populated) == before
    # And the database is whole: the same import, uninterrupted, goes through.
    again = subprocess.run(
        [sys.executable, "-m", "netrack", "import", "json", str(source), "--db", str(populated)],
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert counts(populated)["interaction"] == before["interaction"] + 300


def test_ctrl_c_inside_an_export_leaves_no_file(populated: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "history.json"
    out.parent.mkdir()

    done = run("export", "export", "json", "--out", str(out), "--db", str(populated))

    # not "the change under way was not saved" of a read (a sweep)
    assert one_line(done) == (
        "netrack: interrupted; the file under way was not written (the database is as it was)\n"
    )
    assert list(out.parent.iterdir()) == []  # neither the export nor its temporary file


@pytest.mark.parametrize(
    ("moment", "command"),
    [
        ("export", ["export", "json", "--out", "new/sub/history.json"]),
        ("export", ["backup", "--out", "new/sub/copy.db"]),
        ("backup-copy", ["backup"]),
        ("backup-copy", ["backup", "--out", "new/sub/copy.db"]),
    ],
)
def test_ctrl_c_leaves_no_folder_the_command_made(
    populated: Path, tmp_path: Path, moment: str, command: list[str]
) -> None:
    """An export or backup interrupted left behind the empty folders it had made for its
    file (`new/sub/`, the first `backups/`)."""
    where = [str(tmp_path / part) if "/" in part else part for part in command]

    done = run(moment, *where, "--db", str(populated))

    assert done.returncode == 130, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["netrack.db"]


def test_ctrl_c_after_the_commit_says_the_change_was_saved(populated: Path) -> None:
    """It said "the change under way was not saved" of a log already in the file."""
    before = counts(populated)

    done = run("saved", "log", "@ana #call after the commit", "--db", str(populated))

    assert one_line(done) == "netrack: interrupted after the change was saved\n"
    assert counts(populated)["interaction"] == before["interaction"] + 1


def test_ctrl_c_the_moment_the_commit_returns_says_the_change_was_saved(
    populated: Path,
) -> None:
    """Between the COMMIT and its count the change was called "not saved", and a user
    who believed it logged the same interaction twice."""
    before = counts(populated)

    done = run("commit", "log", "@ana #call at the commit", "--db", str(populated))

    assert one_line(done) == "netrack: interrupted after the change was saved\n"
    assert counts(populated)["interaction"] == before["interaction"] + 1


def test_ctrl_c_during_a_read_says_nothing_was_changed(populated: Path) -> None:
    """It said "the change under way was not saved" of `contact list`, which makes none."""
    before = counts(populated)

    done = run("saved", "contact", "list", "--db", str(populated))

    assert one_line(done) == "netrack: interrupted; nothing was changed\n"
    assert counts(populated) == before


def test_ctrl_c_after_a_backup_is_in_place_says_it_was_saved(
    populated: Path, tmp_path: Path
) -> None:
    out = tmp_path / "copy.db"

    done = run("saved", "backup", "--out", str(out), "--db", str(populated))

    assert one_line(done) == "netrack: interrupted after the change was saved\n"
    with sqlite3.connect(out) as copy:
        assert (
            copy.execute("SELECT COUNT(*) FROM contact").fetchone()[0]
            == counts(populated)["contact"]
        )


# Ctrl-C while the program is still loading its modules (a command's first ~80 ms).
WHILE_LOADING = textwrap.dedent(
    """
    import os, signal, sys
    from netrack import entry

    class Interrupt:
        def find_spec(self, name, path=None, target=None):
            if name == "netrack.cli_session":
                os.kill(os.getpid(), signal.SIGINT)
                sum(range(1000))
            return None

    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.meta_path.insert(0, Interrupt())
    sys.argv[1:] = ["log", "@ana #call", "--db", sys.argv[1]]
    sys.exit(entry.run())
    """
)


def test_ctrl_c_while_loading_is_one_line_not_a_traceback(populated: Path) -> None:
    before = counts(populated)

    done = subprocess.run(
        [sys.executable, "-c", WHILE_LOADING, str(populated)],
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
        stdin=subprocess.DEVNULL,
    )

    assert one_line(done) == "netrack: interrupted before it began; nothing was changed\n"
    assert counts(populated) == before


def _empty_links(db: Path) -> None:
    connection = sqlite3.connect(db)
    connection.execute("DELETE FROM interaction_contact")
    connection.commit()
    connection.close()


def closed_counts(db: Path) -> dict[str, int]:
    """`counts`, its connection closed at once: `restore` refuses a database another
    connection has open (its -wal and -shm still there)."""
    connection = sqlite3.connect(db)
    try:
        return {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in ("contact", "organization", "interaction", "interaction_contact")
        }
    finally:
        connection.close()


def test_ctrl_c_during_a_restore_says_what_became_of_the_database(
    populated: Path, tmp_path: Path
) -> None:
    """A restore copies the backup over the database's pages, the last step committing:
    a Ctrl-C then was raised after the commit and said "not saved" of a restored
    database (a review sweep). Held back from the first step, it stops a restore only
    before the last (nothing changed) and is said after it (saved)."""
    saved = tmp_path / "saved.db"
    connection = sqlite3.connect(populated)
    connection.execute("VACUUM INTO ?", (str(saved),))
    connection.close()  # the last connection: restore refuses a database open elsewhere
    _empty_links(populated)
    emptied = closed_counts(populated)
    assert emptied["interaction_contact"] == 0

    stopped = run("restore-first-step", "restore", str(saved), "--db", str(populated))
    assert one_line(stopped) == "netrack: interrupted; the change under way was not saved\n"
    assert closed_counts(populated) == emptied
    done = run("restore-last-step", "restore", str(saved), "--db", str(populated))
    assert one_line(done) == "netrack: interrupted after the change was saved\n"
    assert closed_counts(populated)["interaction_contact"] > 0  # restored, as said
    # SIGTERM held back the same way, and one during the check after the restore: said
    # too, exit 143 (the default action had ended the process without a word)
    for where in ("restore-last-step-term", "restore-check"):
        _empty_links(populated)
        killed = run(where, "restore", str(saved), "--db", str(populated))
        assert (killed.returncode, killed.stderr) == (
            143,
            "netrack: stopped after the change was saved\n",
        ), (where, killed.stderr)
        assert closed_counts(populated)["interaction_contact"] > 0, where
    connection = sqlite3.connect(populated)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


@pytest.mark.parametrize(
    ("moment", "code", "said"),
    [("restore-first-step", 130, "interrupted"), ("restore-first-step-term", 143, "stopped")],
)
def test_a_restore_stopped_before_its_last_step_keeps_no_safety_copy(
    populated: Path, tmp_path: Path, moment: str, code: int, said: str
) -> None:
    """The copy of the database made at the first step stayed in backups/ (a full one
    each time), and doctor called it the last backup, while the line said "not saved"."""
    saved = tmp_path / "saved.db"
    connection = sqlite3.connect(populated)
    connection.execute("VACUUM INTO ?", (str(saved),))
    connection.close()
    _empty_links(populated)
    emptied = closed_counts(populated)

    done = run(moment, "restore", str(saved), "--db", str(populated))

    assert (done.returncode, done.stderr) == (
        code,
        f"netrack: {said}; the change under way was not saved\n",
    )
    assert closed_counts(populated) == emptied
    assert sorted(path.name for path in (tmp_path / "backups").iterdir()) == []


@pytest.mark.parametrize("moment", ["upgrade-commit", "upgraded", "upgrading"])
def test_ctrl_c_around_an_upgrade_on_opening_says_what_became_of_the_file(
    tmp_path: Path, moment: str
) -> None:
    """`contact list` on a schema 6 file said "interrupted; nothing was changed" when
    Ctrl-C came once the upgrade had committed: the file was of schema 10, and a
    backup of it as it was had been made."""
    db = tmp_path / "old.db"
    shutil.copyfile(DATA / "v6_populated.db", db)

    done = run(moment, "contact", "list", "--db", str(db))

    with sqlite3.connect(db) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    if moment == "upgrading":
        assert one_line(done) == "netrack: interrupted; nothing was changed\n"
        assert version == 6
        # Nothing changed, so no copy of it is kept (each stopped attempt left one)
        assert list((tmp_path / "backups").iterdir()) == []
        return
    (kept,) = (tmp_path / "backups").glob("old-*-before-migration-v6.db")
    assert one_line(done) == (
        f"netrack: interrupted after {db} was upgraded to schema {LATEST}; its copy "
        f"from before is {kept}\n"
    )
    assert version == LATEST
