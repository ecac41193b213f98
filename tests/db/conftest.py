"""A real `Repo` on a temporary database, "today" frozen at Friday 2026-11-27: the
scorecard's tests run on both engines (a file, and a PostgreSQL database)."""

from __future__ import annotations

from datetime import date

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
