"""Shared fixtures for the interop tests: a repo on a temporary file, the fixture files,
the real command line, and a whole-database snapshot to prove nothing was written."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

import netrack
from netrack.data.repo import Repo
from tests.conftest import migrated_file

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
    def run(
        *args: str | Path, db: Path, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NETRACK_TODAY": TODAY.isoformat()}
        root = str(Path(netrack.__file__).resolve().parent.parent)  # works from any cwd
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        env.pop("NETRACK_DB", None)
        return subprocess.run(
            [sys.executable, "-m", "netrack", *map(str, args), "--db", str(db)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            cwd=cwd,
        )

    return run
