"""Repository rules of SPEC revision 2 (issue 15) that every writer gets — CLI, TUI and
importers alike: dates after today refused, stage history appended in order and undone
from the end, strength changes kept with their dates. Today: Friday 2026-11-27."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.domain.models import Stage
from netrack.interop import api

TODAY = date(2026, 11, 27)  # the repo fixture's today (tests/db/conftest.py)


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_strength_history_on_add_edit_clear_and_same_day(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-09-01"), strength=2)
    bo = repo.contacts.add("Bo", met_on=d("2026-09-02"))  # no strength: no history
    repo.contacts.update(ana.id, strength=3)
    repo.contacts.update(ana.id, strength=4)  # the same day replaces the entry
    repo.contacts.update(ana.id, strength="4")  # unchanged: nothing recorded
    assert [(h.on, h.strength) for h in repo.contacts.strength_history(ana.id)] == [
        (d("2026-09-01"), 2),
        (TODAY, 4),
    ]
    assert repo.contacts.strength_history(bo.id) == []
    repo.contacts.update(bo.id, strength=5)
    repo.contacts.update(bo.id, strength="")  # cleared the same day: no change that day
    assert repo.contacts.strength_history(bo.id) == []
    assert repo.contacts.get(bo.id).strength is None


def test_keep_in_touch_on_the_record(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", keep_in_touch="30")
    assert ana.keep_in_touch == 30
    assert repo.contacts.update(ana.id, title="CTO").keep_in_touch == 30  # left as it was
    assert repo.contacts.update(ana.id, keep_in_touch="").keep_in_touch is None
    with pytest.raises(InputError, match=r"^keep-in-touch days must be from 1 to 3650, not 0$"):
        repo.contacts.update(ana.id, keep_in_touch=0)


def test_future_dates_refused_at_the_repository(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-10-01"))
    job = repo.campaigns.add("SRE", "Acme", opened_on=d("2026-11-02")).id
    entry = repo.activity.log([ana.id], on=d("2026-11-20"))
    tomorrow = d("2026-11-28")
    cases = [
        (lambda: repo.activity.log([ana.id], on=tomorrow), "interaction"),
        (lambda: repo.activity.update(entry.id, on=tomorrow), "interaction"),
        (lambda: repo.campaigns.move(job, "applied", on=tomorrow), "stage change"),
        (lambda: repo.campaigns.add("PM", "Acme", opened_on=tomorrow), "opened on"),
        (lambda: repo.contacts.add("Bo", met_on=tomorrow), "met on"),
        (lambda: repo.contacts.update(ana.id, met_on=tomorrow), "met on"),
    ]
    for write, what in cases:
        with pytest.raises(
            InputError, match=f"^{what} 2026-11-28 is after today \\(2026-11-27\\)$"
        ):
            write()
    assert repo.activity.get(entry.id).on == d("2026-11-20")
    assert repo.campaigns.count() == 1 and repo.contacts.count() == 1
    # The future is fine for what is planned: a follow-up, a deadline.
    repo.activity.update(entry.id, follow_up_on=d("2026-12-10"))
    assert repo.campaigns.update(job, deadline=d("2027-01-31")).deadline == d("2027-01-31")


@pytest.mark.parametrize("cost", [5e9, float("nan"), float("inf"), 1e300, -1.0])
def test_a_cost_the_cli_refuses_is_refused_at_the_repository(repo: Repo, cost: float) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-10-01"))
    entry = repo.activity.log([ana.id], on=d("2026-11-20"), cost=12.5)
    said = "^cost must be from 0 to less than 1,000,000,000, not "
    with pytest.raises(InputError, match=said):
        repo.activity.log([ana.id], cost=cost)
    with pytest.raises(InputError, match=said):
        repo.activity.update(entry.id, cost=cost, note="changed")
    assert [(i.cost, i.note) for i in repo.activity.interactions()] == [(12.5, "")]


def test_a_goal_given_another_metric_keeps_a_target_within_its_range(repo: Repo) -> None:
    goal = repo.goals.add("interviews", 5)
    with pytest.raises(InputError, match=r"^focus_ratio target must be from 0 to 1, not 5$"):
        repo.goals.update(goal.id, metric="focus_ratio")
    assert repo.goals.update(goal.id, metric="focus_ratio", target=0.8).target == 0.8


def test_an_import_skips_a_future_first_meeting(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ana,López,,,Acme,CTO,14 Oct 2026\n"
        "Bo,Future,,,Acme,CTO,01 Dec 2026\n",
        encoding="utf-8",
    )
    summary = api.import_file(repo, "linkedin", path)
    # The record the CLI would refuse is skipped and reported, the rest imported.
    assert "met on 2026-12-01 is after today (2026-11-27)" in summary
    assert [c.name for c in repo.contacts.all()] == ["Ana López"]


def test_move_appends_and_undo_returns(repo: Repo) -> None:
    job = repo.campaigns.add("SRE", "Acme", stage="applied", opened_on=d("2026-11-02")).id
    repo.campaigns.move(job, "interviewing", on=d("2026-11-10"))
    repo.campaigns.move(job, "follow_up", on=d("2026-11-12"))
    repo.campaigns.move(job, "interviewing", on=d("2026-11-20"), note="round 2")
    with pytest.raises(InputError, match=r"^2026-11-19 is before the campaign's latest change"):
        repo.campaigns.move(job, "negotiating", on=d("2026-11-19"))
    lost = repo.campaigns.move(job, "lost", lost_reason="Hiring freeze", note="budget")
    assert (lost.stage, lost.stage_since, lost.lost_reason) == (Stage.LOST, TODAY, "hiring_freeze")
    removed = repo.campaigns.undo(job)
    assert (removed.to_stage, removed.reason, removed.note) == (
        Stage.LOST,
        "hiring_freeze",
        "budget",
    )
    back = repo.campaigns.get(job)
    assert (back.stage, back.stage_since, back.lost_reason) == (
        Stage.INTERVIEWING, d("2026-11-20"), ""
    )  # fmt: skip
    for _ in range(3):
        repo.campaigns.undo(job)
    assert [h.to_stage for h in repo.campaigns.history(job)] == [Stage.APPLIED]
    with pytest.raises(InputError, match=r"^nothing to undo: the opening is the campaign's only"):
        repo.campaigns.undo(job)
    with pytest.raises(InputError, match=r"^no campaign with id 99$"):
        repo.campaigns.undo(99)


def test_goal_since_and_duplicates(repo: Repo) -> None:
    goal = repo.goals.add("interviews", 3, period="month", since=d("2026-11-01"))
    assert (goal.period, goal.since) == ("month", d("2026-11-01"))
    assert repo.goals.add("interviews", 4, period="month").since == TODAY  # another target
    with pytest.raises(InputError, match=r"^goal interviews ≥ 3/month already exists"):
        repo.goals.add("interviews", 3.0, period="month", note="again")
    assert repo.goals.add("interviews", 3, period="month", comparator="at_most").id > goal.id
    assert repo.goals.update(goal.id, since=d("2026-10-01")).since == d("2026-10-01")
    # An edit that makes a goal equal another is refused too, and changes nothing
    other = repo.goals.add("interviews", 5, period="month")
    before = repo.goals.all()
    same = rf"^goal interviews ≥ 3/month already exists \(id {goal.id}\)$"
    with pytest.raises(InputError, match=same):
        repo.goals.update(other.id, target=3, note="renamed")
    assert repo.goals.all() == before
    assert repo.goals.update(goal.id, target=3, note="its own values").note == "its own values"


def test_a_share_goal_takes_a_percentage_as_the_card_shows_it(repo: Repo) -> None:
    assert repo.goals.add("focus_ratio", "80%").target == 0.8
    assert repo.goals.add("diversity_overall", " 62.5% ", period="month").target == 0.625
    with pytest.raises(InputError, match=r"^focus_ratio target must be from 0 to 1, not 1.5$"):
        repo.goals.add("focus_ratio", "150%", period="month")
    with pytest.raises(InputError, match=r"^a percentage fits a share only \(campaign_focus, "):
        repo.goals.add("interviews", "80%")
    with pytest.raises(InputError, match=r"^target must be a number, not 'lots%'$"):
        repo.goals.add("focus_ratio", "lots%")


def test_settings_by_name(repo: Repo) -> None:
    assert repo.goals.configure("week_start", "sun").week_start == 6
    assert repo.goals.configure("stalled_days", "21").stalled_days == 21
    with pytest.raises(InputError, match=r"^going_cold_days must be from 1 to 3650, not 0$"):
        repo.goals.configure("going_cold_days", "0")
    assert repo.goals.settings().going_cold_days == 30


def test_quick_log_preview_says_a_future_date_is_refused(repo: Repo) -> None:
    repo.contacts.add("Ana")
    with pytest.raises(InputError, match=r"^interaction 2026-11-29 is after today \(2026-11-27\)$"):
        repo.activity.preview_log("@ana #call on:+2d")
    assert repo.activity.preview_log("@ana #call on:-2d fu:+3d").parsed.on == d("2026-11-25")
