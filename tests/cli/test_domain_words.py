"""The data layer speaks in domain words (the TUI's forms show its messages as they are);
the CLI names its own flags."""

from __future__ import annotations

from typing import Any

import pytest

from netrack.data.repo import Repo
from netrack.domain.errors import InputError


def test_the_repository_names_no_flag(repo: Repo) -> None:
    with pytest.raises(InputError, match=r"^size needs an organization: "):
        repo.contacts.add("Ana Lima", size_band="11-50")
    ana = repo.contacts.add("Ana Lima")
    with pytest.raises(InputError, match=r"^size needs an organization: "):
        repo.contacts.update(ana.id, size_band="11-50")
    with pytest.raises(InputError, match=r"^a campaign needs an organization$"):
        repo.campaigns.add("Data engineer", organization=" ")


def test_the_cli_names_its_flags_and_writes_nothing(run: Any) -> None:
    result = run("contact", "add", "Ana Lima", "--size", "11-50")
    assert result.code == 2
    assert result.err.strip() == (
        "netrack: --size needs --org: the size band belongs to the organization"
    )
    assert "Ana Lima" not in run("contact", "list").out
