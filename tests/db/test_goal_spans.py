"""A goal's span other than the card's own period is computed for its goals' metrics
only (`core_metrics(…, goals=…)`): every goal metric, so computed, equals the figure
the whole computation gives, and every goal on the card shows it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netrack.data.repo import Repo
from netrack.domain import registry
from netrack.domain.card_days import goal_span
from netrack.domain.metrics import core_metrics, scorecard

KINDS = ("week", "month", "quarter", "year")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("back", [0, 40], ids=["running", "past"])
def test_every_goal_metric_alone_equals_it_computed_whole(
    demo_repo: Repo, today: date, kind: str, back: int
) -> None:
    repo = demo_repo
    period = repo.scorecard.period(kind, today - timedelta(days=back))
    inputs = repo.scorecard.inputs(period)
    week_start = inputs.settings.week_start
    for goal_kind in KINDS:
        span = goal_span(period, goal_kind, today, week_start)
        whole = core_metrics(inputs, span)
        for metric in registry.GOAL_METRICS:
            alone = core_metrics(inputs, span, goals=frozenset({metric}))
            assert registry.value(alone, metric) == registry.value(whole, metric), (
                goal_kind,
                metric,
            )


@pytest.mark.parametrize("kind", KINDS)
def test_each_goal_on_the_card_shows_its_span_s_whole_figure(
    demo_repo: Repo, today: date, kind: str
) -> None:
    repo = demo_repo
    for metric in ("campaign_focus", "outcomes_per_10h", "stage_advances", "spend"):
        for goal_kind in ("week", "quarter"):  # the card's own kind, and another
            repo.goals.add(metric, 1, period=goal_kind)
    period = repo.scorecard.period(kind)
    inputs = repo.scorecard.inputs(period)
    card = scorecard(inputs, period)
    assert len(card.goals) == len(inputs.goals) > 8
    for goal in card.goals:
        span = goal_span(period, goal.period.value, today, inputs.settings.week_start, goal.since)
        assert goal.actual == registry.value(core_metrics(inputs, span), goal.metric)
