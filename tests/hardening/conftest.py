"""Fixtures for the hardening tests: a populated database file made through Repo."""

from __future__ import annotations

from pathlib import Path

import pytest

from netrack.data.repo import Repo

from .helpers import TODAY


@pytest.fixture
def populated(tmp_path: Path) -> Path:
    """A closed database with a contact, a campaign and an interaction."""
    from datetime import date

    path = tmp_path / "netrack.db"
    repo = Repo.open(path, clock=lambda: date.fromisoformat(TODAY))
    repo.contacts.add("Ana López", organization="Acme")
    repo.campaigns.add("Platform Engineer", "Acme")
    repo.activity.log_line("@ana #coffee 45m ! talked")
    repo.close()
    return path
