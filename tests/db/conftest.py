"""A real `Repo` on a temporary database, "today" frozen at Friday 2026-11-27: the
scorecard's tests run on both engines (a file, and a PostgreSQL database)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.pg import BACKENDS

TODAY = date(2026, 11, 27)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def today() -> date:
    return TODAY


# `repo` and `where` are the shared ones (tests/conftest.py), on both engines here.
