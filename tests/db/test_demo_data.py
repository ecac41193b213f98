"""The demo database: deterministic, complete enough to show every screen, replaceable."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.demo import fill_demo
from netrack.domain.models import GoalPeriod, Kind, LostReason, Stage, TimeCategory

TODAY = date(2026, 11, 27)  # a Friday: its week, 2026-W48, runs on to Sunday 11-29
FIRST_DAY = TODAY - timedelta(days=84)  # 2026-09-04, the demo's first day


def dump(path: Path) -> list[str]:
    """The file's SQL dump; `sqlite_sequence`'s rows (each table's largest id, schema
    14) in name order: the order SQLite wrote them in is no part of the history."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        lines = list(connection.iterdump())
    finally:
        connection.close()
    sequence = sorted(line for line in lines if line.startswith('INSERT INTO "sqlite_sequence"'))
    return [line for line in lines if line not in sequence] + sequence


def test_demo_tells_the_whole_story(repo: Repo) -> None:
    summary = fill_demo(repo, TODAY)
    assert summary.startswith(f"demo data in {repo.store.location}: 42 contacts, 16 campaigns, ")
    assert "\n" not in summary

    stages = Counter(c.stage for c in repo.campaigns.all())
    assert set(Stage) <= set(stages)  # every stage, lost and paused included
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
    assert {r.direction.value for r in repo.referrals.all()} == {"in", "out"}

    card = repo.scorecard.card(repo.scorecard.week())
    assert card.period.label == "2026-W48"
    met = {g.metric: g.met for g in card.goals if g.period == "week"}
    # 2026-W48 runs to Sunday 11-29: some goals are reached, others still open (None).
    assert not card.complete
    assert True in met.values() and None in met.values()
    assert len(card.goals) == 8
    assert len(card.going_cold) == 3
    assert [s.name for s in card.stalled] == ["Brightline Mobility Tech Lead, Routing"]
    assert card.pipeline_coverage == 7
    # Both on Monday 11-23, follow_up → interviewing: Lumen's panel and Northwind's final.
    assert card.interview_rounds == 2

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


def test_demo_force_copies_and_replaces_under_one_lock(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`demo --force` made its copy, then took the lock to delete: a `log` saved in
    between said "logged" and was in neither (a sweep lost five that way)."""
    from netrack.interop import api

    repo = Repo.open(db_path, clock=lambda: TODAY)
    repo.contacts.add("Stray Person", met_on=TODAY)
    made = api.safety_copy
    tried: list[str] = []

    def copy_then_try_to_write(opened: Repo, reason: str) -> Path:
        copy = made(opened, reason)
        other = sqlite3.connect(db_path, timeout=0.05)
        try:
            other.execute("UPDATE contact SET notes = 'logged meanwhile'")
        except sqlite3.OperationalError as error:
            tried.append(str(error))
        finally:
            other.close()
        return copy

    monkeypatch.setattr(api, "safety_copy", copy_then_try_to_write)
    summary = fill_demo(repo, TODAY, replace=True)
    repo.close()

    assert tried == ["database is locked"]  # nothing written between copy and deletion
    copy = Path(summary.rsplit("saved as ", 1)[1])
    saved = sqlite3.connect(copy)
    assert saved.execute("SELECT name, notes FROM contact").fetchall() == [("Stray Person", "")]
    saved.close()


@pytest.mark.parametrize(
    ("today", "fits"),
    [
        (date(1905, 6, 24), True),  # the first meeting 2000 days back: 1900-01-01
        (date(1905, 6, 23), False),
        (date(1900, 1, 5), False),
        (date(9998, 12, 1), True),  # the last deadline 30 days on: 9998-12-31
        (date(9998, 12, 2), False),
        (date(9998, 12, 31), False),
    ],
)
def test_demo_near_the_card_years_names_the_todays_that_fit(
    tmp_path: Path, today: date, fits: bool
) -> None:
    """Near the bounds the demo was refused naming a date of its story ("met on
    1898-04-05", "deadline 9999-01-03"), one the user never typed."""
    from netrack.domain.errors import InputError

    repo = Repo.open(tmp_path / "demo.db", clock=lambda: today)
    try:
        if fits:
            fill_demo(repo, today)
            assert len(repo.contacts.all()) == 42
        else:
            with pytest.raises(InputError) as refused:
                fill_demo(repo, today)
            assert str(refused.value) == (
                "the demo's history spans 2000 days before today and 30 after it: "
                "give a today from 1905-06-24 to 9998-12-01"
            )
            assert repo.is_empty()
    finally:
        repo.close()


@pytest.fixture
def demo(demo_repo: Repo) -> Repo:
    return demo_repo


def test_demo_losses_carry_every_reason_with_a_note(demo: Repo) -> None:
    lost = [c for c in demo.campaigns.all() if c.stage == Stage.LOST]
    assert sorted(c.lost_reason for c in lost) == sorted(LostReason)
    for campaign in lost:
        move = demo.campaigns.history(campaign.id)[-1]
        assert (move.to_stage, move.reason) == (Stage.LOST, campaign.lost_reason)
        assert move.note and move.note != "opened"
    card = demo.scorecard.card(demo.scorecard.week())
    assert dict(card.lost_reasons) == {reason.value: 1 for reason in LostReason}


def test_demo_has_several_interview_rounds(demo: Repo) -> None:
    rounds: Counter[str] = Counter()
    for campaign in demo.campaigns.all():
        for move in demo.campaigns.history(campaign.id):
            if (move.from_stage, move.to_stage) == (Stage.FOLLOW_UP, Stage.INTERVIEWING):
                rounds[campaign.organization] += 1
    # Northwind: onsite and final round; Tessera: second round; Lumen: the panel.
    assert rounds == {"Northwind Analytics": 2, "Tessera Bank": 1, "Lumen Health": 1}
    week_cards = [
        demo.scorecard.card(demo.scorecard.week(TODAY - timedelta(weeks=n))) for n in range(12)
    ]
    assert sum(c.interview_rounds for c in week_cards) == 10  # 4 later rounds + 6 first ones
    # 2026-W43 (10-19 – 10-25, 39 to 33 days ago): Tessera's second round (follow_up →
    # interviewing, 33) is an advance; Cobalt lost (35) and Kestrel back to target (33)
    # are the setbacks.
    w43 = demo.scorecard.card(demo.scorecard.week(date(2026, 10, 25)))
    assert (w43.interview_rounds, w43.stage_advances, w43.setbacks) == (1, 1, 2)


def test_demo_keeps_in_touch_on_a_rhythm(demo: Repo) -> None:
    contacts = {c.name: c for c in demo.contacts.all()}
    rhythm = {name: c.keep_in_touch for name, c in contacts.items() if c.keep_in_touch}
    assert rhythm == {
        "Ana López": 21,
        "Amara Okafor": 30,
        "Hiroshi Tanaka": 14,
        "Kwame Mensah": 21,
        "Elena Petrova": 14,
    }
    last = {
        name: max(i.on for i in demo.activity.interactions(contact_id=contacts[name].id))
        for name in rhythm
    }
    # Overdue: Kwame's last call was 25 days ago, 4 days past his 21.
    assert last["Kwame Mensah"] == TODAY - timedelta(days=25)
    # Due this week: Hiroshi's 14 days fall on Sunday, the week's last day.
    assert last["Hiroshi Tanaka"] + timedelta(days=14) == date(2026, 11, 29)
    for name in ("Ana López", "Amara Okafor", "Elena Petrova"):
        assert last[name] + timedelta(days=rhythm[name]) > date(2026, 11, 29)
    card = demo.scorecard.card(demo.scorecard.week())
    cold = {row.name: row for row in card.going_cold}
    assert set(cold) == {"Kwame Mensah", "Marco Bianchi", "Daniel Kowalski"}
    # Kwame (strength 3, 25 days) is cold only by his rhythm: going_cold_days is 30.
    assert (cold["Kwame Mensah"].keep_in_touch, cold["Kwame Mensah"].days_idle) == (21, 25)
    assert "Kwame Mensah" in {row.name for row in demo.scorecard.agenda().going_cold}


def test_demo_strengths_change_over_the_weeks(demo: Repo) -> None:
    raised: list[str] = []
    lowered: list[str] = []
    for contact in demo.contacts.all():
        history = demo.contacts.strength_history(contact.id)
        assert history[-1].strength == contact.strength if history else not contact.strength
        if len(history) < 2:
            continue
        assert all(FIRST_DAY <= change.on <= TODAY for change in history[1:])
        assert [c.on for c in history] == sorted(c.on for c in history)
        first, now = history[0].strength or 0, history[-1].strength or 0
        (raised if now > first else lowered).append(contact.name)
    assert sorted(raised) == ["Emma Wilson", "Ingrid Johansson", "João Silva", "Rajesh Iyer"]
    assert lowered == ["Chloé Dubois"]
    rajesh = demo.contacts.resolve("Rajesh Iyer")
    assert [(c.on, c.strength) for c in demo.contacts.strength_history(rajesh)] == [
        (date(2026, 9, 18), 2),  # met 70 days ago
        (date(2026, 10, 14), 3),  # 44 days ago
        (date(2026, 11, 15), 4),  # 12 days ago, after the onsite
    ]


def test_demo_goals_of_every_kind_count_from_the_first_day(demo: Repo) -> None:
    goals = demo.goals.all()
    assert {g.period for g in goals} == set(GoalPeriod)
    assert {g.since for g in goals} == {FIRST_DAY}
    card = demo.scorecard.card(demo.scorecard.week())
    by_kind = Counter(g.period for g in card.goals)
    assert by_kind == {"week": 5, "month": 1, "quarter": 1, "year": 1}
    # The running week: some goals decided, others still open.
    assert {g.met for g in card.goals} == {True, None}
    # The first whole week shows the goals too, decided.
    first = demo.scorecard.card(demo.scorecard.week(date(2026, 9, 7)))
    assert first.complete and len(first.goals) == 8
    assert all(g.met is not None for g in first.goals if g.period == "week")


def test_demo_campaigns_carry_their_details(demo: Repo) -> None:
    campaigns = demo.campaigns.all()
    assert all(c.location for c in campaigns)
    assert sum(1 for c in campaigns if c.location == "remote") == 3
    assert sum(1 for c in campaigns if c.compensation) >= 12
    assert sum(1 for c in campaigns if c.documents) >= 10
    assert any(c.deadline and c.deadline < TODAY for c in campaigns)  # one has passed


def test_demo_deadlines_follow_their_openings_and_two_fall_this_coming_week(demo: Repo) -> None:
    """The demo opened on Lumen Health's deadline 27 days past due, a day before the
    campaign was opened (Cobalt's too fell before its opening)."""
    dated = [(c.deadline, c) for c in demo.campaigns.all() if c.deadline is not None]
    assert [(c.organization, c.opened_on) for due, c in dated if due < c.opened_on] == []
    soon = sorted((due, c.organization) for due, c in dated if TODAY <= due <= TODAY + timedelta(7))
    assert soon == [(date(2026, 11, 30), "Lumen Health"), (date(2026, 12, 2), "Verdant Climate")]
