"""SIGHUP (the terminal closed) or SIGTERM while a command writes a file, in a real
process: the file's hidden temporary copy is removed and one line says the file was not
written, as for Ctrl-C. By default SIGHUP ended `backup --out` on the spot, leaving a
full-size hidden `.NAME.….partial` nothing removed, and either signal left an `export
csv`'s `.NAME.….tmp/` folder."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .helpers import env

# The signal arrives from the kernel, as from a closed terminal or `kill`, at a chosen
# step: as the backup's copy begins, or when the CSV files are being written.
SIGNAL_AT = textwrap.dedent(
    """
    import os, signal, sys
    from netrack import cli
    from netrack.data import backup
    from netrack.interop import api, files

    number = getattr(signal, sys.argv[1])

    def before(original):
        def step(*args, **kwargs):
            os.kill(os.getpid(), number)
            sum(range(1000))  # Python runs the handler at the next instruction
            return original(*args, **kwargs)
        return step

    if sys.argv[2] == "backup":
        backup.copy_into = before(backup.copy_into)
    elif "-" in sys.argv:  # export to standard output: as its spool is being made
        api.spooled = before(api.spooled)
    else:
        files._write_temp = before(files._write_temp)
    sys.exit(cli.main(sys.argv[2:]))
    """
)

EXIT = {"SIGHUP": 129, "SIGTERM": 143}


def _run(signal_name: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SIGNAL_AT, signal_name, *argv],
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def _said_once(done: subprocess.CompletedProcess[str], signal_name: str) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert (done.returncode, done.stdout, done.stderr) == (
        EXIT[signal_name],
        "",
        "netrack: stopped; the file under way was not written (the database is as it was)\n",
    )


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
def test_a_backup_stopped_by_a_signal_leaves_no_hidden_copy(
    populated: Path, tmp_path: Path, signal_name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()

    done = _run(signal_name, "backup", "--out", str(out / "b.db"), "--db", str(populated))

    _said_once(done, signal_name)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
def test_a_csv_export_stopped_by_a_signal_leaves_no_temporary_folder(
    populated: Path, tmp_path: Path, signal_name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()

    done = _run(signal_name, "export", "csv", "--out", str(out / "csv"), "--db", str(populated))

    _said_once(done, signal_name)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
def test_an_export_to_standard_output_stopped_by_a_signal_leaves_the_database_one_file(
    populated: Path, signal_name: str
) -> None:
    """`timeout 4 netrack export json --out - | wc -c` ended the process on the spot while
    it read the history into its spool: nothing was sent, but the database's -wal and
    -shm files stayed beside it."""
    done = _run(signal_name, "export", "json", "--out", "-", "--db", str(populated))

    assert "Traceback" not in done.stderr, done.stderr
    assert (done.returncode, done.stdout) == (EXIT[signal_name], "")
    assert done.stderr == "netrack: stopped; nothing was changed\n"
    assert sorted(
        p.name for p in populated.parent.iterdir() if p.name.startswith(populated.name)
    ) == [populated.name]
