"""A real `Repo` on a temporary *file* database, "today" frozen at Friday 2026-11-27."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo

TODAY = date(2026, 11, 27)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    opened = Repo.open(tmp_path / "scorecard.db", clock=lambda: TODAY)
    with opened.store.bound():  # tests may read and write rows through the models directly
        yield opened
    opened.close()
