"""Item 1: several writers at once — `netrack log` processes, the library, the TUI — and
every entry lands; "database is locked" never reaches the user.

Each writer process runs `netrack.cli.main(["log", …])` 100 times in one interpreter:
the same code path as 100 separate `netrack log` runs (parse, open + checks, one
BEGIN IMMEDIATE transaction, close), without 400 interpreter start-ups (~0.3 s each)
that would make this one test take minutes.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netrack.data.repo import Repo
from netrack.data.server import ServerAddress
from tests import pg
from tests.pg import BACKENDS
from tests.ui.conftest import screen_text, type_text, wait_until

from .helpers import TODAY, env

WRITERS, ENTRIES = 4, 100
DRIVER = textwrap.dedent(
    """
    import contextlib, io, sys
    from netrack.cli import main
    db, writer, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    failures = 0
    for i in range(count):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["log", f"@ana #call w{writer} n{i}", "--db", db])
        if code or err.getvalue():
            failures += 1
            sys.stderr.write(f"{code} {err.getvalue()}")
    sys.exit(1 if failures else 0)
    """
)


def _start_writers(path: Path | str, count: int) -> list[subprocess.Popen[str]]:
    return [
        subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(path), str(writer), str(count)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        for writer in range(WRITERS)
    ]


def _finish(writers: list[subprocess.Popen[str]]) -> None:
    for process in writers:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "locked" not in err and "busy" not in err, err


def _notes(repo: Repo) -> list[str]:
    return sorted(entry.note for entry in repo.activity.interactions())


@pytest.mark.parametrize("backend", BACKENDS)
def test_four_log_processes_and_the_library_at_once(tmp_path: Path, backend: str) -> None:
    server = backend == "postgresql"
    url = pg.fresh_database(date.fromisoformat(TODAY)) if server else ""
    path: Any = ServerAddress(url) if server else tmp_path / "netrack.db"
    repo = Repo.open(path, clock=lambda: date.fromisoformat(TODAY))
    ana = repo.contacts.add("Ana López")
    # On a server each `log` connects anew (~0.1 s): fewer entries prove the same.
    entries = ENTRIES // 5 if server else ENTRIES
    writers = _start_writers(url or path, entries)
    for i in range(entries):
        repo.activity.log([ana.id], kind="email", note=f"lib n{i}")
    _finish(writers)
    expected = sorted(
        [f"w{w} n{i}" for w in range(WRITERS) for i in range(entries)]
        + [f"lib n{i}" for i in range(entries)]
    )
    assert _notes(repo) == expected
    if server:  # ids given in order, none twice, none skipped: largest plus one held
        ids = [row.id for row in repo.activity.interactions()]
        assert sorted(ids) == list(range(1, len(expected) + 1))
        repo.close()
        pg.drop_database(url)
        return
    assert repo.store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    repo.close()


async def test_tui_quick_log_while_processes_write(tmp_path: Path) -> None:
    """The TUI logs through its quick-log bar while the processes write; afterwards it
    shows the final count (it notices other processes' commits by polling)."""
    from netrack.app import create_app

    path = tmp_path / "netrack.db"
    repo = Repo.open(path, clock=lambda: date.fromisoformat(TODAY))
    repo.contacts.add("Ana López")
    per_writer, typed = 25, 8
    app = create_app(repo, poll_seconds=0.05)  # the end waits for the poll
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        writers = _start_writers(path, per_writer)
        for i in range(typed):
            await pilot.press("3", "l")
            await type_text(pilot, f"@ana #call tui n{i}")
            await pilot.press("enter")
            await pilot.pause()
        _finish(writers)
        total = WRITERS * per_writer + typed
        assert len(repo.activity.interactions()) == total
        notes = _notes(repo)
        assert [n for n in notes if n.startswith("tui")] == sorted(
            f"tui n{i}" for i in range(typed)
        )

        def shown() -> int | None:
            found = re.search(r"Interactions\s+(\d+)", screen_text(app))
            return int(found.group(1)) if found else None

        # The open scorecard comes to show the final count, the processes' writes
        # included: the TUI polls PRAGMA data_version about twice a second.
        await wait_until(pilot, lambda: shown() == total)
    repo.close()
