"""A card's goals: each measured over its span (SPEC: a goal of another period kind is
measured over that kind's calendar period containing the card's end, up to it), and
whether it is met yet. Apart from `metrics` so that the Goals screen can read the goals
of a card without the rest of it (`metrics.goal_results`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from netrack.domain import registry
from netrack.domain.card import Figures, GoalResult
from netrack.domain.card_days import goal_span, on_card
from netrack.domain.facts import ScorecardInputs
from netrack.domain.models import Comparator
from netrack.domain.weeks import Period, period_of


def goal_spans(inputs: ScorecardInputs, period: Period) -> dict[int, Period]:
    """The span of each goal on the card for `period`, by id: those set by its end and
    not ended before its span ends (`card_days.on_card`)."""
    week_start, today = inputs.settings.week_start, inputs.today
    return {
        g.id: goal_span(period, g.period.value, today, week_start, g.since)
        for g in inputs.goals
        if on_card(g, period, today, week_start)
    }


def measured_goals(
    inputs: ScorecardInputs,
    spans: Mapping[int, Period],
    figures_for: Callable[[Period], Figures],
    taken: Mapping[int, GoalResult] | None = None,
) -> tuple[GoalResult, ...]:
    """Each goal of `spans` with its actual value (from `figures_for` its span) and
    whether it is met, in the order the goals were added; `taken`: goals measured
    already, by id, as they are (a card before a log that cannot move them)."""
    week_start, today = inputs.settings.week_start, inputs.today
    goals = []
    for goal in inputs.goals:
        span = spans.get(goal.id)
        if span is None:
            continue
        if taken and goal.id in taken:
            goals.append(taken[goal.id])
            continue
        actual = registry.value(figures_for(span), goal.metric)
        running = span.end > today
        goals.append(
            GoalResult(
                metric=goal.metric,
                target=goal.target,
                comparator=goal.comparator,
                period=goal.period,
                since=goal.since,
                until=goal.until,
                actual=actual,
                met=goal_met(actual, goal.target, goal.comparator, not running),
                note=goal.note,
                id=goal.id,
                cut_at=span.end
                if span.end < period_of(span.start, goal.period.value, week_start).end
                else None,
                span_start=span.start,
                running=running,
            )
        )
    return tuple(goals)


def goal_met(
    actual: float | None, target: float, comparator: Comparator, complete: bool = True
) -> bool | None:
    """Whether a goal is met; None while it can still change (its span is running and
    an at-least target is not reached yet, or an at-most one not exceeded yet). A
    complete goal with nothing to measure (a null ratio) is not met."""
    if actual is None:
        return False if complete else None
    at_least = comparator == Comparator.AT_LEAST
    hit = actual >= target if at_least else actual <= target
    if complete or hit == at_least:
        return hit
    return None
