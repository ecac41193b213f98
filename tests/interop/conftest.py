"""Shared fixtures for the interop tests: a repo on a temporary file, the fixture files,
the command line (run in this process), and a whole-database snapshot to prove nothing
was written."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests.conftest import migrated_file
from tests.hardening.helpers import netrack_in_process

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2026, 11, 25)


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "netrack.db"


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repo]:
    opened = Repo.open(migrated_file(db_path, TODAY), clock=lambda: TODAY)
    with opened.store.bound():  # tests may read and write rows through the models directly
        yield opened
    opened.close()


def snapshot(path: Path) -> list[str]:
    """Every row of every table, as SQL text: equal snapshots, equal databases."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`netrack ARGS --db DB` (in `cwd`), answered as the process answers it, by the same
    `cli.main` run in this process (`tests.hardening.helpers.netrack_in_process`): these
    tests are of the commands, not of the process."""

    def run(
        *args: str | Path, db: Path, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        with pytest.MonkeyPatch.context() as patch:
            if cwd is not None:
                patch.chdir(cwd)
            return netrack_in_process(*map(str, args), "--db", str(db), today=TODAY.isoformat())

    return run
