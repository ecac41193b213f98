"""SPEC, Command line: `import KIND -` reads standard input, `export FORMAT --out -`
writes standard output (the summary goes to standard error), CSV excepted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netrack.domain.errors import InputError
from tests.cli.conftest import TODAY
from tests.hardening.helpers import netrack_in_process


def netrack(*argv: str, data: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "netrack", *argv],
        input=data,
        capture_output=True,
        env={**os.environ, "NETRACK_TODAY": TODAY, "CI": "true"},
        timeout=60,
    )


def prepared(*argv: str) -> None:
    """A command that only prepares the database for the test (what is tested is the
    process after it): run by `cli.main` in this process, as `netrack` would run it."""
    done = netrack_in_process(*argv, today=TODAY)
    assert done.returncode == 0, done.stderr


def test_a_json_export_piped_into_an_import_moves_everything(tmp_path: Path) -> None:
    source, copy = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    prepared("contact", "add", "Ana López", "--org", "Acme", "--db", source)
    prepared("log", "@ana #coffee 30m ! talked", "--db", source)
    exported = netrack("export", "json", "--out", "-", "--db", source)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith(b"{") and b"Ana L\xc3\xb3pez" in exported.stdout
    assert b"to standard output" in exported.stderr
    assert not list(tmp_path.glob("netrack-export-*"))  # no file named after today
    imported = netrack("import", "json", "-", "--db", copy, data=exported.stdout)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.decode().startswith("imported standard input:")
    again = netrack("export", "json", "--out", "-", "--db", copy)
    assert again.stdout == exported.stdout


def test_vcard_and_ics_go_to_standard_output(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    prepared("contact", "add", "Ana López", "--db", db)
    prepared("log", "@ana 30m fu:+3d", "--db", db)
    cards = netrack("export", "vcard", "--out", "-", "--db", db)
    assert cards.returncode == 0 and cards.stdout.startswith(b"BEGIN:VCARD\r\n")
    calendar = netrack("export", "ics", "--out", "-", "--db", db)
    assert calendar.returncode == 0 and calendar.stdout.startswith(b"BEGIN:VCALENDAR")
    read_back = netrack("import", "vcard", "-", "--db", str(tmp_path / "b.db"), data=cards.stdout)
    assert read_back.returncode == 0 and b"1 added" in read_back.stdout


def test_csv_to_standard_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = netrack("export", "csv", "--out", "-", "--db", str(tmp_path / "a.db"))
    assert done.returncode == 2 and done.stdout == b""
    assert not (tmp_path / "a.db").exists()  # refused before anything was opened
    assert done.stderr.decode().strip() == (
        "netrack: csv cannot go to standard output (CSV is a folder of files); give --out DIR"
    )


def test_an_empty_standard_input_is_refused_like_an_empty_file(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    done = netrack("import", "vcard", "-", "--db", str(db))
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1 and b"no vCards" in done.stderr


def _streams(argv: list[str], **redirect: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "netrack", *argv],
        env={**os.environ, "NETRACK_TODAY": TODAY, "CI": "true"},
        timeout=60,
        **redirect,  # type: ignore[call-overload]
    )


def test_an_output_that_cannot_be_written_is_one_line_not_a_crash(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    prepared("contact", "add", "Ana", "--db", db)
    if Path("/dev/full").exists():  # Linux: every write fails with ENOSPC
        with open("/dev/full", "wb") as full:
            done = _streams(["contact", "list", "--db", db], stdout=full, stderr=subprocess.PIPE)
        assert done.returncode == 1
        assert done.stderr == b"netrack: cannot write the output: No space left on device\n"
    # Standard output closed (`>&-`): the listing was not printed; said, and exit 1.
    closed = _streams(
        ["contact", "list", "--db", db], stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert (closed.returncode, closed.stderr) == (
        1,
        b"netrack: cannot write the output: standard output is closed\n",
    )
    # Standard error closed (`2>&-`): the error line is lost, not printed on stdout.
    refused = _streams(
        ["contact", "show", "nobody", "--db", db], stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
    )  # fmt: skip
    assert (refused.returncode, refused.stdout) == (2, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_a_saved_change_whose_confirmation_cannot_be_printed_says_it_was_saved(
    tmp_path: Path,
) -> None:
    """A log into a full disk said "cannot write the output" and exit 1 though the entry
    was saved: a script that ran it again logged it twice."""
    db = str(tmp_path / "d.db")
    prepared("contact", "add", "Priya Nair", "--db", db)
    with open("/dev/full", "wb") as full:
        done = _streams(
            ["log", "#call @priya 30m discussed offer", "--db", db],
            stdout=full, stderr=subprocess.PIPE,
        )  # fmt: skip
    assert (done.returncode, done.stderr) == (
        0,
        b"netrack: saved, but its confirmation could not be printed: No space left on device\n",
    )
    listed = netrack("interaction", "list", "--format", "json", "--db", db)
    assert [entry["note"] for entry in json.loads(listed.stdout)["interactions"]] == [
        "discussed offer"
    ]


def test_an_empty_standard_input_is_named_so(tmp_path: Path) -> None:
    """`import json -` with nothing piped in said "-:1: not valid JSON"; the summary of a
    good one says "standard input", and so does the error now."""
    for kind, said in (
        ("json", "standard input:1: not valid JSON"),
        ("ics", "standard input: not an iCalendar file"),
    ):
        result = netrack("import", kind, "-", "--db", str(tmp_path / "a.db"))
        assert result.returncode == 2
        assert result.stderr.decode().startswith(f"netrack: {said}"), result.stderr


def _exported(db: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "netrack", "export", "json", "--out", "-", "--db", db],
        env={**os.environ, "NETRACK_TODAY": TODAY, "CI": "true", "PYTHONUNBUFFERED": "1"},
        timeout=60,
        **options,
    )


def test_an_export_the_output_cannot_take_whole_is_not_said_to_be_whole(tmp_path: Path) -> None:
    """Unbuffered (PYTHONUNBUFFERED), standard output wrote what a size-limited file took
    and "exported everything" with exit 0; a full disk was an "internal error"."""
    import resource

    db = str(tmp_path / "a.db")
    prepared("demo", "--no-tui", "--db", db)
    whole = netrack("export", "json", "--out", "-", "--db", db).stdout
    limit = len(whole) // 2

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    with open(tmp_path / "part.json", "wb") as part:
        cut = _exported(db, stdout=part, stderr=subprocess.PIPE, preexec_fn=small_files)
    with open("/dev/full", "wb") as full:
        none = _exported(db, stdout=full, stderr=subprocess.PIPE)

    assert cut.returncode == 1 and none.returncode == 1  # not bad input (2)
    assert cut.stderr.decode() == (
        "netrack: cannot write the output: File too large; nothing was exported whole\n"
    )
    assert none.stderr.decode() == (
        "netrack: cannot write the output: No space left on device; nothing was exported whole\n"
    )


def test_closed_standard_streams_and_dev_stdout(tmp_path: Path) -> None:
    """`netrack <&-` and `export --out - >&-` were "internal error: AttributeError";
    `--out /dev/stdout` into a pipe failed ("cannot write in /proc/…/fd")."""
    db = str(tmp_path / "a.db")
    prepared("contact", "add", "Ana", "--db", db)
    no_stdin = subprocess.run(
        [sys.executable, "-m", "netrack", "--db", db],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        preexec_fn=lambda: os.close(0),
        timeout=60,
    )
    assert no_stdin.returncode == 0 and b"usage: netrack" in no_stdin.stdout
    no_stdout = _exported(db, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert no_stdout.returncode == 1
    assert no_stdout.stderr == (
        b"netrack: cannot write the output: standard output is closed; "
        b"nothing was exported (give --out FILE)\n"
    )
    piped = netrack("export", "json", "--out", "/dev/stdout", "--db", db)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == netrack("export", "json", "--out", "-", "--db", db).stdout


def test_an_import_from_a_closed_standard_input_says_it_is_closed(tmp_path: Path) -> None:
    """It said "not a terminal" of a standard input that was closed (`<&-`)."""
    closed = subprocess.run(
        [sys.executable, "-m", "netrack", "import", "json", "-", "--db", str(tmp_path / "a.db")],
        capture_output=True,
        preexec_fn=lambda: os.close(0),
        timeout=60,
    )
    assert closed.returncode == 2
    assert closed.stderr.decode() == (
        "netrack: - reads standard input, which is closed: pipe a file in (… < FILE)\n"
    )
    assert not (tmp_path / "a.db").exists()


def test_pipes_and_other_names_of_the_standard_streams(tmp_path: Path) -> None:
    """`--out /dev/fd/1`, `/dev/stderr` and a pipe already there (`>(gzip > x.gz)`) were
    written into a temporary file beside them ("cannot write in /proc/…/fd"); a file
    named `-`, given as `./-`, was read as standard input."""
    import threading

    db = str(tmp_path / "a.db")
    prepared("contact", "add", "Ana López", "--db", db)
    whole = netrack("export", "vcard", "--out", "-", "--db", db).stdout
    fd1 = netrack("export", "vcard", "--out", "/dev/fd/1", "--db", db)
    assert (fd1.returncode, fd1.stdout) == (0, whole), fd1.stderr
    assert b"to standard output" in fd1.stderr  # the summary kept out of the data
    err = netrack("export", "vcard", "--out", "/dev/stderr", "--db", db)
    assert err.returncode == 0 and err.stderr.startswith(whole), err.stderr
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    read: list[bytes] = []
    reader = threading.Thread(target=lambda: read.append(fifo.read_bytes()), daemon=True)
    reader.start()
    piped = netrack("export", "vcard", "--out", str(fifo), "--db", db)
    reader.join(timeout=30)
    assert piped.returncode == 0, piped.stderr
    assert read == [whole]
    dash = tmp_path / "-"
    dash.write_bytes(whole)
    imported = subprocess.run(
        [sys.executable, "-m", "netrack", "import", "vcard", "./-", "--db", str(tmp_path / "b.db")],
        capture_output=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NETRACK_TODAY": TODAY, "CI": "true"},
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    assert b"1 added" in imported.stdout


def test_a_pipe_nobody_reads_and_pipes_that_cannot_take_a_folder_or_a_database(
    tmp_path: Path,
) -> None:
    """An export into a FIFO with no reader waited for ever (from the TUI: a process
    that would not exit); CSV and backups into a pipe said "cannot write in /proc/…"."""
    from netrack.data.repo import Repo
    from netrack.interop import api

    db = str(tmp_path / "a.db")
    prepared("contact", "add", "Ana", "--db", db)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    alone = netrack("export", "json", "--out", str(fifo), "--db", db)
    assert (alone.returncode, alone.stderr.decode()) == (
        2,
        f"netrack: {fifo}: no program is reading from this pipe\n",
    )
    csv = netrack("export", "csv", "--out", str(fifo), "--db", db)
    assert csv.stderr.decode() == (
        f"netrack: csv cannot go to {fifo} (CSV is a folder of files); give --out DIR\n"
    )
    # /dev/null was "a pipe" too
    null = netrack("export", "csv", "--out", "/dev/null", "--db", db)
    assert null.stderr.decode() == (
        "netrack: csv cannot go to /dev/null (CSV is a folder of files); give --out DIR\n"
    )
    backup = netrack("backup", "--out", str(fifo), "--db", db)
    assert backup.stderr.decode() == (
        "netrack: a backup is a database file: give --out FILE, not a pipe\n"
    )
    # The TUI's palette writes no export over its own screen, nor into a pipe.
    repo = Repo.open(Path(db))
    try:
        with pytest.raises(InputError, match="not a regular file"):
            api.export(repo, "json", str(fifo), streams=False)
    finally:
        repo.close()
