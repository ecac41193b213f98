"""Output that did not get out whole: one status for every command, 1, with one line
on stderr (SPEC keeps 2 for bad input). A listing whose reader took what it wanted and
left (`| head`) ends quietly with 0, as `ls | head` does; an export cut off never does,
or a backup pipeline (`export json --out - | gzip`) would keep a truncated file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.cli.conftest import TODAY
from tests.hardening.helpers import netrack_in_process

FULL = Path("/dev/full")  # Linux: every write fails with ENOSPC
CLOSED = "netrack: cannot write the output: standard output is closed\n"
NO_SPACE = "netrack: cannot write the output: No space left on device\n"
LEFT = (
    "netrack: cannot write the output: the program reading it left before the end; "
    "nothing was exported whole\n"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo database: its export is larger than a pipe holds."""
    db = str(tmp_path_factory.mktemp("lost") / "demo.db")
    made = netrack_in_process("demo", "--no-tui", "--db", db, today=TODAY)
    assert made.returncode == 0, made.stderr
    yield db


def _run(
    argv: list[str], stdout: int | IO[Any] | None = None, close_stdout: bool = False
) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "netrack", *argv],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, "NETRACK_TODAY": TODAY, "CI": "true"},
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
        timeout=60,
    )
    return done.returncode, done.stderr.decode()


def _into_a_pipe_nobody_reads(argv: list[str]) -> tuple[int, str]:
    """`argv` writing into a pipe whose reader has left: every write fails (EPIPE)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return _run(argv, stdout=writer)
    finally:
        os.close(writer)


def test_an_export_whose_reader_left_fails_and_says_so(demo: str) -> None:
    """It exited 0 and said nothing, the document cut short."""
    export = ["export", "json", "--out", "-", "--db", demo]
    assert _into_a_pipe_nobody_reads(export) == (1, LEFT)


def test_a_listing_whose_reader_left_ends_quietly(demo: str) -> None:
    for argv in (["contact", "list"], ["agenda"], ["contact", "list", "--format", "json"]):
        assert _into_a_pipe_nobody_reads([*argv, "--db", demo]) == (0, ""), argv


@pytest.mark.skipif(not FULL.exists(), reason="needs Linux's /dev/full")
def test_a_full_disk_is_exit_1_for_a_listing_an_export_and_the_help(demo: str) -> None:
    """An export said so with exit 2 (bad input) and `--help` exited 0 saying nothing."""
    with FULL.open("wb") as full:
        listed = _run(["contact", "list", "--db", demo], stdout=full)
        exported = _run(["export", "json", "--out", "-", "--db", demo], stdout=full)
        helped = _run(["--help"], stdout=full)
        sub_help = _run(["contact", "list", "--help"], stdout=full)
    assert listed == (1, NO_SPACE)
    assert exported == (1, NO_SPACE.replace("\n", "; nothing was exported whole\n"))
    assert helped == (1, NO_SPACE)
    assert sub_help == (1, NO_SPACE)


def test_a_closed_standard_output_is_exit_1_for_a_read_and_the_help(demo: str) -> None:
    """`contact list >&-` exited 0 and said nothing; `--help >&-` printed the help on
    standard error and exited 0; an export said it with exit 2."""
    assert _run(["contact", "list", "--db", demo], close_stdout=True) == (1, CLOSED)
    assert _run(["--help"], close_stdout=True) == (1, CLOSED)
    code, said = _run(["export", "json", "--out", "-", "--db", demo], close_stdout=True)
    assert (code, said) == (1, CLOSED.replace("\n", "; nothing was exported (give --out FILE)\n"))


def test_a_saved_change_with_standard_output_closed_says_it_was_saved(tmp_path: Path) -> None:
    """Exit 0: the change stands, and a script that retried it would log it twice."""
    db = str(tmp_path / "a.db")
    assert _run(["contact", "add", "Ana", "--db", db], close_stdout=True) == (
        0,
        "netrack: saved, but its confirmation could not be printed: standard output is closed\n",
    )
    listed = netrack_in_process("contact", "list", "--format", "json", "--db", db, today=TODAY)
    assert '"Ana"' in listed.stdout


def _with_a_problem(tmp_path: Path) -> str:
    """A database doctor finds one problem in: readable by others (mode 644)."""
    db = tmp_path / "r.db"
    assert netrack_in_process("contact", "add", "A", "--db", str(db), today=TODAY).returncode == 0
    db.chmod(0o644)
    return str(db)


@pytest.mark.skipif(not FULL.exists(), reason="needs Linux's /dev/full")
def test_doctor_whose_report_of_a_problem_is_lost_says_the_output_was_lost(
    tmp_path: Path,
) -> None:
    """It said "internal error: OSError" on a full disk, and "found 1 problem (see
    above)" with exit 2 with standard output closed, nothing above."""
    db = _with_a_problem(tmp_path)
    with FULL.open("wb") as full:
        assert _run(["doctor", "--db", db], stdout=full) == (1, NO_SPACE)
    assert _run(["doctor", "--db", db], close_stdout=True) == (1, CLOSED)


@pytest.mark.skipif(not FULL.exists(), reason="needs Linux's /dev/full")
def test_doctor_fix_whose_report_is_lost_says_the_fix_was_saved(tmp_path: Path) -> None:
    """The mode was mended, yet it said "cannot write the output" with exit 1, as if
    nothing had happened; every other write says it was saved and exits 0."""
    db = _with_a_problem(tmp_path)
    with FULL.open("wb") as full:
        assert _run(["doctor", "--fix", "--db", db], stdout=full) == (
            0,
            "netrack: saved, but its confirmation could not be printed: No space left on device\n",
        )
    assert Path(db).stat().st_mode & 0o777 == 0o600
    healthy = _run(["doctor", "--fix", "--db", db], close_stdout=True)
    assert healthy == (1, CLOSED)  # nothing to mend: nothing was saved
