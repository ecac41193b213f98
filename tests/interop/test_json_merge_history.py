"""`import json` into a database that holds the same campaign (two laptops, one job
search): the merged stage history stays one the CLI could have written. The same move
recorded on different days in each copy is one move, and the database keeps its own."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.interop import api
from tests.interop.conftest import TODAY

OPENED = date(2026, 11, 1)


@pytest.fixture
def laptop(repo: Repo, tmp_path: Path) -> Iterator[Repo]:
    """A second database that imported `repo`'s campaign (opened 2026-11-01, in
    research) before either moved it."""
    repo.campaigns.add("Eng", "Acme", opened_on=OPENED)
    base = tmp_path / "base.json"
    api.export(repo, "json", base)
    other = Repo.open(tmp_path / "laptop.db", clock=lambda: TODAY)
    api.import_file(other, "json", base)
    yield other
    other.close()


def _move(repo: Repo, stage: str, day: int, note: str = "") -> None:
    campaign = repo.campaigns.all()[0]
    repo.campaigns.move(campaign.id, stage, on=date(2026, 11, day), note=note)


def _merge(source: Repo, into: Repo, tmp_path: Path) -> str:
    out = tmp_path / "source.json"
    api.export(source, "json", out, force=True)
    return api.import_file(into, "json", out)


def _history(repo: Repo) -> list[tuple[str | None, str, date, str]]:
    with repo.store.bound():
        return [
            (row.from_stage, row.to_stage, row.on, row.note)
            for row in t.StageChange.select().order_by(t.StageChange.on, t.StageChange.id)
        ]


def _campaigns_line(summary: str) -> str:
    return next(row.strip() for row in summary.splitlines() if "campaigns:" in row)


def test_one_move_recorded_a_day_earlier_elsewhere_is_not_added_again(
    repo: Repo,
    laptop: Repo,
    tmp_path: Path,
    db_path: Path,
    run_cli: Callable[..., CompletedProcess[str]],
) -> None:
    _move(repo, "target", 5, note="after the meetup")
    _move(laptop, "target", 4)

    summary = _merge(laptop, repo, tmp_path)

    assert (
        _campaigns_line(summary)
        == "campaigns: 0 added, 0 updated, 1 skipped (already in netrack: 1)"
    )
    assert _history(repo) == [
        (None, "research", OPENED, "opened"),
        ("research", "target", date(2026, 11, 5), "after the meetup"),
    ]
    campaign = repo.campaigns.all()[0]
    assert (campaign.stage.value, campaign.stage_since) == ("target", date(2026, 11, 5))
    card = run_cli("scorecard", "--week", "2026-W45", "--format", "json", db=db_path)
    assert json.loads(card.stdout)["time_in_stage"] == {"research": {"count": 1, "mean_days": 4.0}}


def test_the_moves_after_the_one_recorded_twice_are_added_after_the_databases_own(
    repo: Repo, laptop: Repo, tmp_path: Path
) -> None:
    _move(repo, "target", 4)
    _move(laptop, "target", 5)
    _move(laptop, "applied", 6, note="sent CV")

    summary = _merge(laptop, repo, tmp_path)

    assert _campaigns_line(summary) == "campaigns: 0 added, 1 updated, 0 skipped"
    assert _history(repo) == [
        (None, "research", OPENED, "opened"),
        ("research", "target", date(2026, 11, 4), ""),
        ("target", "applied", date(2026, 11, 6), "sent CV"),
    ]
    assert _merge(laptop, repo, tmp_path).count("already in netrack: 1") == 2  # orgs, campaigns


def test_a_move_between_two_of_the_databases_own_is_kept_and_chained(
    repo: Repo, laptop: Repo, tmp_path: Path
) -> None:
    """Not the same move: the laptop's lost on 11-06 falls between target and applied."""
    _move(repo, "target", 5)
    _move(repo, "applied", 8)
    _move(laptop, "target", 4)
    _move(laptop, "lost", 6)

    summary = _merge(laptop, repo, tmp_path)

    assert _campaigns_line(summary) == "campaigns: 0 added, 1 updated, 0 skipped"
    assert [(step[0], step[1], step[2]) for step in _history(repo)] == [
        (None, "research", OPENED),
        ("research", "target", date(2026, 11, 5)),
        ("target", "lost", date(2026, 11, 6)),
        ("lost", "applied", date(2026, 11, 8)),
    ]
    assert repo.campaigns.all()[0].stage.value == "applied"


def test_a_move_the_file_made_before_one_the_database_holds_that_day_is_not_added(
    repo: Repo,
    laptop: Repo,
    tmp_path: Path,
    db_path: Path,
    run_cli: Callable[..., CompletedProcess[str]],
) -> None:
    """Both copies reached applied on 11-05, the laptop by way of networking: the
    networking step, new, was chained after the stored applied (applied → networking, a
    setback neither copy made) and left the campaign in networking."""
    _move(repo, "applied", 5, note="sent CV")
    _move(laptop, "networking", 5)
    _move(laptop, "applied", 5)

    def week() -> tuple[int, int]:
        card = run_cli("scorecard", "--week", "2026-W45", "--format", "json", db=db_path)
        values = json.loads(card.stdout)
        return values["stage_advances"], values["setbacks"]

    before = week()
    summary = _merge(laptop, repo, tmp_path)

    assert (
        _campaigns_line(summary)
        == "campaigns: 0 added, 0 updated, 1 skipped (already in netrack: 1)"
    )
    assert _history(repo) == [
        (None, "research", OPENED, "opened"),
        ("research", "applied", date(2026, 11, 5), "sent CV"),
    ]
    campaign = repo.campaigns.all()[0]
    assert (campaign.stage.value, campaign.stage_since) == ("applied", date(2026, 11, 5))
    assert week() == before == (1, 0)


def test_a_move_the_file_made_after_one_the_database_holds_that_day_is_added(
    repo: Repo, laptop: Repo, tmp_path: Path
) -> None:
    """The laptop moved the campaign on the day it opened, after the opening both hold."""
    _move(laptop, "target", 1, note="same day")

    summary = _merge(laptop, repo, tmp_path)

    assert _campaigns_line(summary) == "campaigns: 0 added, 1 updated, 0 skipped"
    assert _history(repo) == [
        (None, "research", OPENED, "opened"),
        ("research", "target", OPENED, "same day"),
    ]
    assert repo.campaigns.all()[0].stage.value == "target"
