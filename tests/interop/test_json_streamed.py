"""`export json` written as it is read, a chunk of rows at a time: the same bytes as
`json.dumps` of the whole document, to a file or to standard output, without holding
the history (a million interactions took 4 GB to export)."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.interop import json_io
from tests.hardening.helpers import netrack_in_process
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


def test_export_json_holds_a_chunk_not_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Chunks far smaller than the export: what is held at once is then plain to see.
    monkeypatch.setattr(json_io, "CHUNK", 200, raising=False)
    db = tmp_path / "netrack.db"
    repo = Repo.open(db, clock=lambda: TODAY)
    repo.contacts.add("Ana López", met_on=date(2026, 9, 1))
    repo.close()
    _add_interactions(db, 10_000)
    out = tmp_path / "export.json"

    tracemalloc.start()
    try:
        done = netrack_in_process("export", "json", "--out", str(out), "--db", str(db))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert done.returncode == 0, done.stderr
    size = out.stat().st_size
    assert size > 10_000_000
    # Built whole, the document and its text took several times the file's size.
    assert peak < size, f"{peak / 1e6:.1f} MB at the peak for a {size / 1e6:.1f} MB export"
