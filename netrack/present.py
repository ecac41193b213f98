"""Showing a scorecard: rounding for display, and the table / markdown / json formats.

The card (`netrack.domain.card.Scorecard`) is a typed value; text, ISO dates and rounding
happen here and only here: ratios to 4 decimals, hours and money to 2 (see the units in
`netrack.domain.registry`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from netrack.domain.card import Diversity, GoalResult, Scorecard
from netrack.domain.models import Comparator, GoalPeriod
from netrack.domain.registry import Unit, unit_of
from netrack.domain.weeks import kind_of

NULL = "—"
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


def fmt(key: str, value: Any) -> str:
    """Metric `key`'s `value` as shown."""
    return fmt_unit(unit_of(key), value)


def sparkline(values: Iterable[float | int]) -> str:
    values = list(values)
    top = max(values, default=0) or 1
    return "".join(SPARK[min(len(SPARK) - 1, int(v / top * (len(SPARK) - 1)))] for v in values)


def goal_target(goal: GoalResult) -> str:
    """`≥ 8`: the goal's comparator and target."""
    sign = "≥" if goal.comparator == Comparator.AT_LEAST else "≤"
    return f"{sign} {goal.target:g}"


def goal_text(goal: GoalResult) -> str:
    """`≥ 8/week`: the goal's comparator, target and period."""
    return f"{goal_target(goal)}/{goal.period.value}"


def goal_progress(goal: GoalResult) -> str:
    """`4/8 so far`: an undecided goal's actual against its target."""
    return f"{fmt(goal.metric, goal.actual)}/{goal.target:g} so far"


def card_kind(card: Scorecard) -> GoalPeriod:
    """The kind of period the card covers (week, month, quarter, year)."""
    return GoalPeriod(kind_of(card.period))


def week_goals(card: Scorecard) -> dict[str, GoalResult]:
    """The card's goals of its own period kind by metric (the last one wins if a metric
    has two): a week card's week goals, a month card's month goals."""
    kind = card_kind(card)
    return {g.metric: g for g in card.goals if g.period == kind}


def other_goals(card: Scorecard) -> list[GoalResult]:
    """The card's goals of other period kinds, measured on their own spans."""
    kind = card_kind(card)
    return [g for g in card.goals if g.period != kind]


def month_goals(card: Scorecard) -> list[GoalResult]:
    return [g for g in card.goals if g.period == GoalPeriod.MONTH]


# --- JSON -------------------------------------------------------------------------------


@cache
def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


_AS_IS = frozenset({int, float, str, bool, type(None)})


# Fields of the card's nested values rounded as the unit of their name says.
_NESTED_UNITS = {
    "hours": Unit.HOURS,
    "spend": Unit.MONEY,
    "rate": Unit.RATIO,
    "growth": Unit.RATIO,
    "mean_days": Unit.HOURS,  # days to 2 decimals, as hours are
}


def _plain(value: Any) -> Any:
    """A domain value as JSON data: dataclasses as objects in field order (figures named
    in `_NESTED_UNITS` rounded), enums as their value, dates as ISO text, mappings and
    tuples as objects and lists."""
    # Dispatched on the exact type, plain values inline: a card on years of history
    # holds thousands of rows (going cold, stalled), and a chain of isinstance checks
    # made its rendering half as slow again.
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is date:
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        out = {}
        for name in _names(type(value)):
            item = getattr(value, name)
            out[name] = item if type(item) in _AS_IS else _plain(item)
            if name in _NESTED_UNITS:
                out[name] = round_to(_NESTED_UNITS[name], item)
        return out
    if isinstance(value, Mapping):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot show {kind.__name__} as JSON")


def _diversity(value: Diversity) -> dict[str, Any]:
    return {name: round_to(Unit.RATIO, getattr(value, name)) for name in _names(Diversity)}


def as_json(card: Scorecard) -> dict[str, Any]:
    """SPEC's JSON object for `card`: its fields in order, figures rounded for display."""
    out: dict[str, Any] = {}
    for name in _names(Scorecard):
        value = getattr(card, name)
        if name == "trend":
            out[name] = {k: [round_value(k, v) for v in values] for k, values in value.items()}
        elif name == "goals":
            out[name] = [
                {**_plain(g), "actual": round_value(g.metric, g.actual)} for g in card.goals
            ]
        elif isinstance(value, Diversity):
            out[name] = _diversity(value)
        else:
            out[name] = round_value(name, _plain(value))
    return out


# --- table and markdown: see present_text.py


def render(card: Scorecard, form: str) -> str:
    """`card` as `json`, `markdown` or (anything else) the plain-text table."""
    if form == "json":
        return json.dumps(as_json(card), indent=2, ensure_ascii=False)
    from netrack import present_text

    if form == "markdown":
        return present_text.markdown(card)
    return present_text.table(card)
