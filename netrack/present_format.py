"""How the scorecard's figures and goals read as text: rounding for display, units,
sparklines and goal wording, shared by the JSON, table, markdown and screen."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Protocol

from netrack.domain.card import GoalResult, Scorecard
from netrack.domain.goals import number_text
from netrack.domain.models import Comparator, GoalPeriod
from netrack.domain.registry import ROWS, SHARE_KEYS, Unit, unit_of
from netrack.domain.weeks import kind_of

NULL = "—"
ROW_KEYS = frozenset(metric.key for metric in ROWS)
SPARK = "▁▂▃▄▅▆▇█"


def round_to(unit: Unit, value: Any) -> Any:
    """`value` rounded as figures of `unit` are shown (None and whole counts as they are)."""
    decimals = unit.decimals
    if value is None or isinstance(value, bool) or decimals is None:
        return value
    return round(float(value), decimals)


def round_value(key: str, value: Any) -> Any:
    """`value` of metric `key` rounded for display."""
    return round_to(unit_of(key), value)


def fmt_unit(unit: Unit, value: Any) -> str:
    """A figure of `unit` as the table, markdown and screen show it; None is a dash."""
    if value is None:
        return NULL
    value = round_to(unit, value)
    if isinstance(value, float):
        if unit in (Unit.HOURS, Unit.MONEY):
            return f"{value:.2f}"
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


# How a person reads a ratio (issue: "Outcomes per 10h 23.4146 means nothing"): shares of
# a whole (`SHARE_KEYS`) as percentages, scores with two decimals or more. Both keep the
# 4 decimals SPEC gives a ratio: rounder, a missed 0.8999 read "90% ✗ missed (≥ 90%)".
SCORE_KEYS = frozenset({"relationship_quality", "outcomes_per_10h"})


def percent(value: float | None) -> str:
    """A share of a whole as a percentage to the ratio's 4 decimals, trailing zeros
    dropped (`0.8999` → `89.99%`, `0.9` → `90%`); None is a dash."""
    if value is None:
        return NULL
    shown = round(round_to(Unit.RATIO, value) * 100, 2) + 0.0
    return f"{shown:.2f}".rstrip("0").rstrip(".") + "%"


def _score(value: float) -> str:
    """`3.50`, `3.497`: the ratio's 4 decimals, trailing zeros dropped down to two."""
    text = f"{round_to(Unit.RATIO, value) + 0.0:.4f}"
    return text[:-2] + text[-2:].rstrip("0")


def _off_target(value: Any, decimals: int | None, targets: Iterable[float]) -> Any:
    """`value`, or where showing it to `decimals` would read as a goal's target it is
    not (0.89996 as 90% against 90%), those decimals rounded away from the target: a
    missed goal never reads as met."""
    if value is None or isinstance(value, bool) or decimals is None:
        return value
    value, scale = float(value), 10**decimals
    rounded = round(value, decimals)
    for target in targets:
        if value != target and (rounded == target or (rounded < target) != (value < target)):
            return (math.floor if value < target else math.ceil)(value * scale) / scale
    return value


def fmt(key: str, value: Any, goals: Iterable[GoalLike] = ()) -> str:
    """Metric `key`'s `value` as shown: percentages for shares, scores to four decimals;
    never as one of `goals`' targets unless it is that target."""
    unit = unit_of(key)
    value = _off_target(value, unit.decimals, [goal.target for goal in goals])
    if key in SHARE_KEYS:
        return percent(value)
    if key in SCORE_KEYS:
        return NULL if value is None else _score(value)
    return fmt_unit(unit, value)


def goal_label(goal: GoalResult) -> str:
    """`Meaningful contacts (month goal)`: the metric's label, never its raw key."""
    from netrack.domain.registry import BY_KEY

    metric = BY_KEY.get(goal.metric)
    return f"{metric.label if metric else goal.metric} ({goal.period.value} goal)"


def sparkline(values: Iterable[float | int]) -> str:
    values = list(values)
    top = max(values, default=0) or 1
    return "".join(SPARK[min(len(SPARK) - 1, int(v / top * (len(SPARK) - 1)))] for v in values)


class GoalLike(Protocol):
    """A goal, or a goal's result on a card: what its target is written from."""

    @property
    def metric(self) -> str: ...
    @property
    def comparator(self) -> Comparator: ...
    @property
    def target(self) -> float: ...
    @property
    def period(self) -> GoalPeriod: ...


def target_value(metric: str, target: float) -> str:
    """`8`, or `80%` for a share of a whole (shown as the card shows the metric)."""
    return percent(target) if metric in SHARE_KEYS else number_text(target)


def goal_target(goal: GoalLike) -> str:
    """`≥ 8`, `≥ 80%`: the goal's comparator and target."""
    sign = "≥" if goal.comparator == Comparator.AT_LEAST else "≤"
    return f"{sign} {target_value(goal.metric, goal.target)}"


def goal_text(goal: GoalLike) -> str:
    """`≥ 8/week`: the goal's comparator, target and period; `≥ 80% a week` for a share,
    which is not counted per week."""
    if goal.metric in SHARE_KEYS:
        return f"{goal_target(goal)} a {goal.period.value}"
    return f"{goal_target(goal)}/{goal.period.value}"


def goal_progress(goal: GoalResult) -> str:
    """`4/8 so far`: an undecided goal's actual against its target."""
    return (
        f"{fmt(goal.metric, goal.actual, [goal])}/{target_value(goal.metric, goal.target)} so far"
    )


def card_kind(card: Scorecard) -> GoalPeriod:
    """The kind of period the card covers (week, month, quarter, year)."""
    return GoalPeriod(kind_of(card.period))


def row_goals(card: Scorecard) -> dict[str, list[GoalResult]]:
    """The card's goals of its own period kind on a metric that has a row of its own
    (`registry.ROWS`), by metric, each in the order added: a week card's week goals
    beside their rows (a metric may have two: at least 3 and at most 10)."""
    kind = card_kind(card)
    goals: dict[str, list[GoalResult]] = {}
    for goal in card.goals:
        if goal.period == kind and goal.metric in ROW_KEYS:
            goals.setdefault(goal.metric, []).append(goal)
    return goals


def other_goals(card: Scorecard) -> list[GoalResult]:
    """The card's goals that no row carries: those of other period kinds, measured on
    their own spans, and those of its own kind on a figure without a row of its own
    (follow-ups overdue or on time, overall diversity), which were shown nowhere."""
    kind = card_kind(card)
    own = [g for g in card.goals if g.period == kind and g.metric not in ROW_KEYS]
    return own + [g for g in card.goals if g.period != kind]


def month_goals(card: Scorecard) -> list[GoalResult]:
    return [g for g in card.goals if g.period == GoalPeriod.MONTH]
