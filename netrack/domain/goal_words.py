"""How a goal's target is written (`≥ 8/week`, `≥ 80% a week`): the same words in the
card, the screens, the command line's confirmations and the data layer's refusals.
Apart from `goals` (the defaults), which every command's start loads: these need the
metric registry, which a quick log does not."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

from netrack.domain.goals import number_text
from netrack.domain.models import Comparator, GoalPeriod
from netrack.domain.registry import SHARE_KEYS, Unit

RATIO_DECIMALS = Unit.RATIO.decimals or 4


def share_text(value: float, decimals: int = RATIO_DECIMALS) -> str:
    """A share of a whole as a percentage to the ratio's `decimals` (default 4), trailing
    zeros dropped (`0.8999` → `89.99%`, `0.9` → `90%`)."""
    places = decimals - 2
    shown = round(round(float(value), decimals) * 100, places) + 0.0
    return f"{shown:.{places}f}".rstrip("0").rstrip(".") + "%"


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
    return share_text(target) if metric in SHARE_KEYS else number_text(target)


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


def ended_before(goal_id: int, until: date, start: date, today: date, took_over: int | None) -> str:
    """Why a goal cannot be raised from `start`: it ends on `until`, before it ("ends"
    while that day is to come); `took_over`, the goal counting from the day after (an
    earlier raise), is the one to raise."""
    tense = "ends" if until >= today else "ended"
    said = f"goal #{goal_id} {tense} on {until.isoformat()}, before {start.isoformat()}"
    if took_over is None:
        return said
    after = (until + timedelta(days=1)).isoformat()
    return f"{said}: goal #{took_over} counts from {after} (raise goal #{took_over} instead)"
