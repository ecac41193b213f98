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

from netrack.domain.card import DIVERSITY_DIMENSIONS, Diversity, GoalResult, Scorecard
from netrack.domain.models import Comparator, GoalPeriod
from netrack.domain.registry import ROWS, TREND_KEYS, Unit, unit_of

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


def week_goals(card: Scorecard) -> dict[str, GoalResult]:
    """The card's week goals by metric (the last one wins if a metric has two)."""
    return {g.metric: g for g in card.goals if g.period == GoalPeriod.WEEK}


def month_goals(card: Scorecard) -> list[GoalResult]:
    return [g for g in card.goals if g.period == GoalPeriod.MONTH]


# --- JSON -------------------------------------------------------------------------------


@cache
def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


_AS_IS = frozenset({int, float, str, bool, type(None)})


def _plain(value: Any) -> Any:
    """A domain value as JSON data: dataclasses as objects in field order, enums as their
    value, dates as ISO text, mappings and tuples as objects and lists."""
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


# --- table and markdown -----------------------------------------------------------------


def _status(goal: GoalResult) -> str:
    return "✓ met" if goal.met else "✗ missed"


def table(card: Scorecard) -> str:
    period = card.period
    goals = week_goals(card)
    lines = [f"netrack scorecard {period.label}  ({period.start} → {period.end})", ""]
    width = max(len(m.label) for m in ROWS)
    for metric in ROWS:
        key = metric.key
        value = fmt(key, metric.value(card))
        mark = ""
        if key in goals:
            goal = goals[key]
            mark = f"  {_status(goal)} ({goal_text(goal)})"
        trend = f"  {sparkline(card.trend[key])}" if key in TREND_KEYS else ""
        lines.append(f"  {metric.label:<{width}}  {value:>8}{trend}{mark}")
    fu = card.follow_ups
    lines.append(
        f"  {'Follow-ups':<{width}}  due {fu.due} · on time {fu.on_time} · overdue {fu.overdue}"
    )
    div = card.diversity
    lines.append(
        f"  {'Diversity':<{width}}  overall {fmt_unit(Unit.RATIO, div.overall)} · "
        + " · ".join(f"{d} {fmt_unit(Unit.RATIO, getattr(div, d))}" for d in DIVERSITY_DIMENSIONS)
    )
    stages = card.campaigns_by_stage
    lines.append(
        f"  {'By stage':<{width}}  "
        + (" · ".join(f"{s.value} {n}" for s, n in stages.items()) if stages else NULL)
    )
    if month := month_goals(card):
        lines += ["", "  Month goals"]
        for goal in month:
            lines.append(
                f"  {goal.metric:<{width}}  {fmt(goal.metric, goal.actual):>8}  {_status(goal)} ({goal_text(goal)})"
            )
    if card.pipeline_warnings:
        lines += [""] + [f"  ! {w}" for w in card.pipeline_warnings]
    if card.going_cold:
        names = ", ".join(c.name for c in card.going_cold[:5])
        lines.append(f"  going cold: {len(card.going_cold)} ({names})")
    if card.stalled:
        names = ", ".join(c.name for c in card.stalled[:5])
        lines.append(f"  stalled: {len(card.stalled)} ({names})")
    return "\n".join(lines)


def markdown(card: Scorecard) -> str:
    period = card.period
    goals = week_goals(card)
    lines = [
        f"## Weekly review {period.label} ({period.start} – {period.end})",
        "",
        "| metric | value | goal | 12 weeks |",
        "|---|---:|---|---|",
    ]
    for metric in ROWS:
        key = metric.key
        goal = goals.get(key)
        status = f"{'✅' if goal.met else '❌'} {goal_text(goal)}" if goal else ""
        trend = sparkline(card.trend[key]) if key in TREND_KEYS else ""
        lines.append(f"| {metric.label} | {fmt(key, metric.value(card))} | {status} | {trend} |")
    fu = card.follow_ups
    lines.append(
        f"| Follow-ups due / on time / overdue | {fu.due} / {fu.on_time} / {fu.overdue} | | |"
    )
    overall = fmt_unit(Unit.RATIO, card.diversity.overall)
    lines.append(f"| Diversity (overall) | {overall} | | |")
    for goal in month_goals(card):
        status = "✅" if goal.met else "❌"
        lines.append(
            f"| {goal.metric} (month to date) | {fmt(goal.metric, goal.actual)} | {status} {goal_text(goal)} | |"
        )
    if card.pipeline_warnings:
        lines += [""] + [f"> ⚠ {w}" for w in card.pipeline_warnings]
    return "\n".join(lines)


def render(card: Scorecard, form: str) -> str:
    """`card` as `json`, `markdown` or (anything else) the plain-text table."""
    if form == "json":
        return json.dumps(as_json(card), indent=2, ensure_ascii=False)
    if form == "markdown":
        return markdown(card)
    return table(card)
