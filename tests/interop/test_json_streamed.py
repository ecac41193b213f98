"""`export json` written as it is read, a chunk of rows at a time: the same bytes as
`json.dumps` of the whole document, to a file or to standard output, without holding
the history (a million interactions took 4 GB to export)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.interop import json_io
from tests.hardening.helpers import assert_one_clear_line, netrack, netrack_in_process
from tests.interop.conftest import TODAY
from tests.interop.test_json import fill


def _dumped(db: Path) -> str:
    """`json.dumps` of the whole document: what `export json` wrote before it streamed."""
    repo = Repo.open(db, clock=lambda: TODAY)
    try:
        document = json_io.export_document(repo)
    finally:
        repo.close()
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _with_an_imported_event(db: Path) -> None:
    """An event `import ics` logged, naming the last interaction (of the last chunk)."""
    connection = sqlite3.connect(db)
    try:
        connection.execute(
            "INSERT INTO imported_event (key, interaction_id) "
            "SELECT 'uid-1@calendar|2026-10-07', max(id) FROM interaction"
        )
        connection.commit()
    finally:
        connection.close()


@pytest.fixture(params=["filled", "demo"])
def history(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    db = tmp_path / "netrack.db"
    if request.param == "demo":
        made = netrack_in_process("demo", "--no-tui", "--db", str(db), today=TODAY.isoformat())
        assert made.returncode == 0, made.stderr
    else:
        repo = Repo.open(db, clock=lambda: TODAY)
        fill(repo)
        repo.close()
    _with_an_imported_event(db)
    return db


@pytest.mark.parametrize("chunk", [1, 2, 3, 2000])
def test_the_streamed_export_is_json_dumps_of_the_document(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Chunks of 1, 2 or 3 rows put their edges between a contact's tags and strength
    history, a campaign's links and stages, an interaction's people."""
    monkeypatch.setattr(json_io, "CHUNK", chunk, raising=False)
    expected = _dumped(history)
    out = tmp_path / "export.json"

    to_file = netrack_in_process("export", "json", "--out", str(out), "--db", str(history))
    to_stdout = netrack_in_process("export", "json", "--out", "-", "--db", str(history))

    assert to_file.returncode == 0, to_file.stderr
    assert out.read_bytes() == expected.encode("utf-8")
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == expected
    assert json.loads(expected)["imported_events"][0]["interaction"] == len(
        json.loads(expected)["interactions"]
    )


def _add_interactions(db: Path, count: int) -> None:
    """`count` interactions with a long note each."""
    connection = sqlite3.connect(db)
    try:
        connection.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            'INSERT INTO interaction ("on", kind, minutes, meaningful, value_received, '
            "value_given, cost_cents, note, logged_on) "
            "SELECT date('2025-01-01', '+' || (i % 600) || ' days'), 'message', 5, 0, '', "
            "'', 0, printf('%.1000c', 'n'), '2026-11-01' FROM n",
            (count,),
        )
        connection.commit()
    finally:
        connection.close()


def _history_of(tmp_path: Path, interactions: int) -> Path:
    db = tmp_path / "netrack.db"
    repo = Repo.open(db, clock=lambda: TODAY)
    repo.contacts.add("Ana López", met_on=date(2026, 9, 1))
    repo.close()
    _add_interactions(db, interactions)
    return db


def _to_standard_output(db: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`export json --out - > out`, in this process: its standard output a real file,
    not the memory `netrack_in_process` gathers it in (which would count as held)."""
    from netrack import cli

    with out.open("w", encoding="utf-8") as stdout, pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETRACK_TODAY", TODAY.isoformat())
        patch.setattr(sys, "stdout", stdout)
        code = cli.main(["export", "json", "--out", "-", "--db", str(db)])
    return subprocess.CompletedProcess(["netrack"], code, "", "")


@pytest.mark.parametrize("to", ["file", "standard output"])
def test_export_json_holds_a_chunk_not_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to: str
) -> None:
    """Standard output gets the export once it is whole (a failed one sends nothing), from
    a temporary file, not from memory."""
    # Chunks far smaller than the export: what is held at once is then plain to see.
    monkeypatch.setattr(json_io, "CHUNK", 200, raising=False)
    db = _history_of(tmp_path, 10_000)
    out = tmp_path / "export.json"

    tracemalloc.start()
    try:
        if to == "file":
            done = netrack_in_process("export", "json", "--out", str(out), "--db", str(db))
        else:
            done = _to_standard_output(db, out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert done.returncode == 0, done.stderr
    size = out.stat().st_size
    assert size > 10_000_000
    # Built whole, the document and its text took several times the file's size.
    assert peak < size, f"{peak / 1e6:.1f} MB at the peak for a {size / 1e6:.1f} MB export"


def _not_utf8_in_the_last_note(db: Path) -> None:
    """Bytes that are not UTF-8 in the last interaction's note, as another program (or a
    damaged disk) can leave them: SQLite stores them, Python cannot read them."""
    connection = sqlite3.connect(db)
    try:
        connection.execute(
            "UPDATE interaction SET note = CAST(x'6c6f6e65eda080737572' AS TEXT) "
            "WHERE id = (SELECT max(id) FROM interaction)"
        )
        connection.commit()
    finally:
        connection.close()


def _read_in_a_thread(fd: int) -> tuple[threading.Thread, bytearray]:
    got = bytearray()

    def read() -> None:
        with open(fd, "rb") as pipe:
            got.extend(pipe.read())

    reader = threading.Thread(target=read)
    reader.start()
    return reader, got


@pytest.mark.parametrize("out", ["-", "a pipe"])
def test_a_value_it_cannot_read_late_in_the_export_sends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str
) -> None:
    """Megabytes of the export were made before the damaged value was read: they went to
    standard output (or the pipe) as made, a cut-off document from a failed command."""
    monkeypatch.setattr(json_io, "CHUNK", 200, raising=False)
    db = _history_of(tmp_path, 3_000)  # 3 MB: pieces of a megabyte went out before
    _not_utf8_in_the_last_note(db)
    read, write = os.pipe()
    reader, piped = _read_in_a_thread(read)
    try:
        target = "-" if out == "-" else f"/dev/fd/{write}"
        failed = netrack_in_process("export", "json", "--out", target, "--db", str(db))
    finally:
        os.close(write)
        reader.join(timeout=30)

    assert_one_clear_line(failed, "holds text that is not UTF-8")
    assert (failed.stdout, bytes(piped)) == ("", b"")


def test_a_failed_export_to_a_file_leaves_the_database_one_file(tmp_path: Path) -> None:
    """The read that failed kept its statement open, and the database's close waited for
    it: the WAL and shared-memory files stayed beside it after `netrack` exited (a real
    process: its collector is off, so nothing else frees the statement)."""
    db = _history_of(tmp_path, 10)
    _not_utf8_in_the_last_note(db)
    out = tmp_path / "export.json"

    failed = netrack("export", "json", "--out", str(out), "--db", str(db))

    assert_one_clear_line(failed, "holds text that is not UTF-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["netrack.db"]
