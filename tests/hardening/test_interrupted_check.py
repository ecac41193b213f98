"""Ctrl-C (or SIGTERM) while SQLite's integrity check reads a big history, in a real
process: the command stops within a moment, says so in one line and leaves no file. The
check is one long C call, during which Python runs no signal handler: on a 360 MiB
history `backup` and `doctor` went on for up to ~20 s after Ctrl-C."""

from __future__ import annotations

import filecmp
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .helpers import env, netrack_in_process

# The real CLI in its own process; a file appears when a statement running the
# integrity check begins (SQLite's trace callback) on a file whose name holds the second
# argument, so the signal arrives inside that check.
MARK_THE_CHECK = textwrap.dedent(
    """
    import signal, sqlite3, sys
    from pathlib import Path
    from netrack import cli

    marker, checked = Path(sys.argv[1]), sys.argv[2]
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        connection = connect(*args, **kwargs)
        named = str(args[0] if args else kwargs["database"])
        def seen(statement):
            if "integrity_check" in statement and checked in named:
                marker.touch()
        connection.set_trace_callback(seen)
        return connection

    sqlite3.connect = traced
    # As a terminal delivers it, even where the suite was started in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(cli.main(sys.argv[3:]))
    """
)

ADDED = 300_000  # interactions at a time, until the check takes CHECK_S
CHECK_S = 1.0


def _add_interactions(path: Path, count: int) -> None:
    """`count` more interactions, the table's indexes made again after them (as
    netrack made them): built whole, they take a third of the time inserting into each,
    row by row, took (~7 s of the suite's time)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        indexes = connection.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = 'interaction' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        connection.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            'INSERT INTO interaction ("on", kind, minutes, meaningful, value_received, '
            "value_given, cost_cents, note, logged_on, follow_up_on) "
            "SELECT date('2020-01-01', '+' || (i % 2000) || ' days'), 'message', i % 90, "
            "i % 2, hex(randomblob(6)), '', 0, '', date('2020-01-01', '+' || (i % 2000) "
            "|| ' days'), date('2021-01-01', '+' || (i % 900) || ' days') FROM n",
            (count,),
        )
        for _, sql in indexes:
            connection.execute(sql)
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _check_seconds(path: Path) -> float:
    connection = sqlite3.connect(path)
    try:
        began = time.monotonic()
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return time.monotonic() - began
    finally:
        connection.close()


@pytest.fixture
def big_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """A netrack file whose integrity check takes at least CHECK_S here, and how long it
    takes. Its rows go in through SQL (a few seconds): what is tested is the command."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    assert netrack_in_process("contact", "add", "Ana", "--db", str(path)).returncode == 0
    seconds = 0.0
    for _ in range(10):
        _add_interactions(path, ADDED)
        seconds = _check_seconds(path)
        if seconds >= CHECK_S:
            break
    return path, seconds


# Each command stops at a signal inside the check (the first one, or the one on a file
# whose name holds the last field). One test runs them all on one big history: built
# once (seconds of CPU), not once per test process that takes a case.
NOT_SAVED = "interrupted; the change under way was not saved"
CASES = [
    (["backup", "--out", "{out}/copy.db"], "SIGINT", "interrupted; the file under way", ""),
    (["backup", "--out", "{out}/copy.db"], "SIGTERM", "stopped; the file under way", ""),
    (["doctor"], "SIGINT", "interrupted; nothing was changed", ""),
    (["restore", "{big}"], "SIGINT", NOT_SAVED, ""),
    # Over a database, in the check of the backup's copy beside it: the look at the
    # database before had left its -shm and -wal there.
    (["restore", "{big}", "--db", "{out}/restored.db"], "SIGINT", NOT_SAVED, ".partial"),
]


def test_a_signal_inside_the_integrity_check_stops_the_command_at_once(
    big_history: tuple[Path, float], tmp_path: Path
) -> None:
    for number, (command, signal_name, said, checked) in enumerate(CASES):
        _stops_at_once(big_history, tmp_path / f"case{number}", command, signal_name, said, checked)


def _stops_at_once(
    big_history: tuple[Path, float],
    tmp_path: Path,
    command: list[str],
    signal_name: str,
    said: str,
    checked: str,
) -> None:
    tmp_path.mkdir()
    big, check_s = big_history
    out = tmp_path / "out"
    out.mkdir()
    marker = tmp_path / "checking"
    # `restore` reads the big file and writes a new one, or over a copy of it (its own
    # --db); the others work on the big file.
    db = ["--db", str(out / "restored.db") if command[0] == "restore" else str(big)]
    argv = [part.format(out=out, big=big) for part in command]
    kept = []
    if "--db" in argv:  # a database there before, to be left as it was
        db, kept = [], [Path(argv[argv.index("--db") + 1])]
        shutil.copyfile(big, kept[0])
    process = subprocess.Popen(
        [sys.executable, "-c", MARK_THE_CHECK, str(marker), checked, *argv, *db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert marker.exists(), "the command never began its integrity check"
        sent = time.monotonic()
        process.send_signal(getattr(signal, signal_name))
        stdout, stderr = process.communicate(timeout=120)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    assert "Traceback" not in stderr, stderr
    assert process.returncode == (130 if signal_name == "SIGINT" else 143), stderr
    assert (stdout, stderr.count("\n")) == ("", 1), stderr
    assert stderr.startswith(f"netrack: {said}"), stderr
    # The whole check took `check_s`; it used to run to its end before the signal was seen.
    assert took < check_s / 2, f"stopped {took:.2f} s after the signal (the check: {check_s:.2f} s)"
    # Nothing new, and no -wal or -shm beside a database: each one self-contained file.
    assert sorted(out.iterdir()) == kept
    assert all(filecmp.cmp(path, big, shallow=False) for path in kept)
    assert sorted(path.name for path in big.parent.iterdir()) == ["big.db"]
