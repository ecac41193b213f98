"""The domain's default goals are the ones migration m001 writes into a new database."""

from __future__ import annotations

from netrack.data.migrations.m001_initial import DEFAULT_GOALS as FROZEN
from netrack.domain.goals import DEFAULT_GOALS


def test_the_domain_defaults_equal_the_frozen_migration_copy() -> None:
    assert DEFAULT_GOALS == FROZEN
