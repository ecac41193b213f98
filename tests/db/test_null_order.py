"""NULLs sort the same on both engines: SQLite puts them first in ascending order and
PostgreSQL last, so every ORDER BY over a nullable column says where they go."""

from __future__ import annotations

from datetime import date

from netrack.data.repo import Repo


def test_campaigns_without_a_priority_come_after_the_prioritised(repo: Repo) -> None:
    opened = date(2026, 11, 2)
    for title, priority in (("Unranked A", None), ("Low", 1), ("Unranked B", None), ("Top", 5)):
        repo.campaigns.add(title, "Acme", opened_on=opened, priority=priority)
    assert [(c.title, c.priority) for c in repo.campaigns.all()] == [
        ("Top", 5),
        ("Low", 1),
        ("Unranked A", None),
        ("Unranked B", None),
    ]
