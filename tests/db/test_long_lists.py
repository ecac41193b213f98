"""Lists of a whole long history: `interaction list` on five years gave SQLite one
statement with every interaction's id as a parameter (0.9 s of the 6 s the command took
on the heavy database, and past SQLite's limit on parameters — 32,766 in many builds —
an error). Past `MANY_IDS` the people are read whole and picked: the same answer."""

from __future__ import annotations

import pytest

from netrack.data.repo import Repo, follow_ups


def _listed(repo: Repo) -> list[tuple[int, tuple[str, ...]]]:
    return [(i.id, tuple(i.contact_names)) for i in repo.activity.interactions()]


def test_people_of_many_interactions_read_whole_are_the_same(
    repo: Repo, today, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, raj, kim = (repo.contacts.add(n).id for n in ("Ana López", "Raj Patel", "Kim Lee"))
    repo.activity.log([ana, raj], on=today)
    repo.activity.log([kim], on=today)
    repo.activity.log([raj, kim, ana], on=today)  # named in this order
    few = _listed(repo)
    pending = [f.contact_names for f in repo.activity.follow_ups()]
    monkeypatch.setattr(follow_ups, "MANY_IDS", 1)
    assert _listed(repo) == few
    assert sorted(few)[-1][1] == ("Raj Patel", "Kim Lee", "Ana López")
    assert [f.contact_names for f in repo.activity.follow_ups()] == pending
