"""A real `Repo` on a temporary database, "today" frozen at Friday 2026-11-27: the
scorecard's tests run on both engines (a file, and a PostgreSQL database)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests.cli.conftest import TODAY as CLI_TODAY
from tests.cli.conftest import Run, runner
from tests.pg import BACKENDS

TODAY = date(2026, 11, 27)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def today() -> date:
    return TODAY


# `repo` and `where` are the shared ones (tests/conftest.py), on both engines here.


@pytest.fixture
def demo(demo_repo: Repo) -> Repo:
    """The demo data without its quarter and year goals: a long card then reads its
    early days summed (their spans would be read as rows)."""
    repo = demo_repo
    for goal in repo.goals.all():
        if goal.period.value in ("quarter", "year"):
            repo.goals.delete(goal.id)
    return repo


@pytest.fixture
def cli_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[[Path], Run]:
    """`cli_on(path)`: netrack's command line on the file `path` (today frozen)."""
    monkeypatch.setenv("NETRACK_TODAY", CLI_TODAY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return lambda path: runner(path, capsys)


def uids_of(path: Path, table: str) -> list[str]:
    """The uids of a file's `table`, in id order."""
    connection = sqlite3.connect(path)
    try:
        return [uid for (uid,) in connection.execute(f'SELECT "uid" FROM "{table}" ORDER BY id')]
    finally:
        connection.close()
