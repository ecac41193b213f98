"""The demo database: deterministic, complete enough to show every screen, replaceable."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

from netrack.data.repo import Repo
from netrack.demo import fill_demo
from netrack.domain.models import Kind, Stage, TimeCategory

TODAY = date(2026, 11, 27)


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_demo_tells_the_whole_story(repo: Repo) -> None:
    summary = fill_demo(repo, TODAY)
    assert summary.startswith("demo data: 42 contacts, 14 campaigns, ")
    assert "\n" not in summary

    stages = Counter(c.stage for c in repo.campaigns.all())
    assert set(Stage) <= set(stages)  # every stage, lost and paused included
    assert {c.lost_reason for c in repo.campaigns.all() if c.stage == Stage.LOST} == {
        "rejected",
        "no_response",
        "withdrawn",
    }
    interactions = repo.activity.interactions()
    assert {i.kind for i in interactions} == set(Kind)
    assert all(i.on <= TODAY for i in interactions)
    assert min(i.on for i in interactions) >= date(2026, 9, 4)  # 12 weeks back
    assert any(i.value_received for i in interactions)
    assert any(i.value_given for i in interactions)
    assert any(i.cost for i in interactions)
    contacts = repo.contacts.all()
    assert len({c.channel for c in contacts}) == 10  # all nine channels and one unknown
    assert {c.strength for c in contacts} >= {1, 2, 3, 4, 5}
    assert sum(1 for c in contacts if c.introduced_by) >= 5
    assert {r.direction.value for r in repo.activity.referrals()} == {"in", "out"}

    card = repo.scorecard.card(repo.scorecard.week())
    assert card.period.label == "2026-W48"
    met = {g.metric: g.met for g in card.goals if g.period == "week"}
    # 2026-W48 runs to Sunday 11-29: some goals are reached, others still open (None).
    assert not card.complete
    assert True in met.values() and None in met.values()
    assert len(card.goals) == 6
    assert any(g.period == "month" for g in card.goals)
    assert len(card.going_cold) == 2
    assert [s.name for s in card.stalled] == ["Brightline Mobility Tech Lead, Routing"]
    assert card.pipeline_coverage == 7

    agenda = repo.scorecard.agenda()
    assert agenda.overdue and agenda.due_today and agenda.upcoming
    assert agenda.logged_today

    times = {category: 0 for category in TimeCategory}
    inputs = repo.scorecard.inputs(repo.scorecard.week())
    for entry in inputs.time_entries:
        times[entry.category] += entry.minutes
    assert all(times.values())


def test_demo_is_deterministic_and_replace_wipes_first(tmp_path: Path) -> None:
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    repo = Repo.open(first, clock=lambda: TODAY)
    fill_demo(repo, TODAY)
    repo.close()

    repo = Repo.open(second, clock=lambda: TODAY)
    stray = repo.contacts.add("Stray Person", met_on=TODAY).id
    repo.goals.add("events", 1)
    repo.activity.log([stray], on=TODAY)
    fill_demo(repo, TODAY, replace=True)
    names = {c.name for c in repo.contacts.all()}
    repo.close()

    assert "Stray Person" not in names
    assert dump(first) == dump(second)
