"""A real `Repo` on a temporary database, "today" frozen at Friday 2026-11-27: the
scorecard's tests run on both engines (a file, and a PostgreSQL database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests.pg import BACKENDS

TODAY = date(2026, 11, 27)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "scorecard.db"


@pytest.fixture
def repo(where: object) -> Iterator[Repo]:
    opened = Repo.open(where, clock=lambda: TODAY)  # type: ignore[arg-type]
    with opened.store.bound():  # tests may read and write rows through the models directly
        yield opened
    opened.close()
