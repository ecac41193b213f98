"""Showing a scorecard: the JSON object, and `render` for every format.

The card (`netrack.domain.card.Scorecard`) is a typed value; text, ISO dates and rounding
happen here and only here (with `present_format`, re-exported below, and the table and
markdown of `present_text`): ratios to 4 decimals, hours and money to 2 (see the units in
`netrack.domain.registry`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from netrack.domain.card import Diversity, GoalResult, Scorecard
from netrack.domain.gc_pause import paused
from netrack.domain.goal_words import goal_target, goal_text
from netrack.domain.registry import Unit
from netrack.domain.visible import safe_json
from netrack.present_format import (
    NULL,
    SPARK,
    card_kind,
    fmt,
    fmt_unit,
    goal_groups,
    goal_progress,
    month_goals,
    other_goals,
    round_to,
    round_value,
    row_goals,
    sparkline,
)

if TYPE_CHECKING:
    from netrack.domain.cadence import Deadline

__all__ = [
    "NULL",
    "SPARK",
    "as_json",
    "card_kind",
    "fmt",
    "fmt_unit",
    "goal_groups",
    "goal_progress",
    "goal_target",
    "goal_text",
    "month_goals",
    "other_goals",
    "render",
    "round_to",
    "round_value",
    "row_goals",
    "sparkline",
]

# --- JSON -------------------------------------------------------------------------------


@cache
def _names(kind: type) -> tuple[str, ...]:
    """The fields of `kind` the JSON shows: not those marked `metadata={"json": False}`
    (what only the screen reads, as a campaign's organization to cut first)."""
    return tuple(f.name for f in fields(kind) if f.metadata.get("json", True))


_AS_IS = frozenset({int, float, str, bool, type(None)})
_DAYS = frozenset({date, type(None)})


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
        if len(value) > 1 and _same_dataclass(value):
            return _rows(type(value[0]), value)
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot show {kind.__name__} as JSON")


def _same_dataclass(values: tuple[Any, ...] | list[Any]) -> bool:
    kind = type(values[0])
    return is_dataclass(kind) and len(_names(kind)) > 1 and all(type(v) is kind for v in values)


def _rows(kind: type, values: tuple[Any, ...] | list[Any]) -> list[dict[str, Any]]:
    """`[_plain(v) for v in values]` for values all of dataclass `kind`, a column at a
    time: a card on years of history lists thousands of rows (going cold, stalled), most
    of whose columns hold plain values only."""
    names = _names(kind)
    return [dict(zip(names, row, strict=True)) for row in zip(*_columns(kind, values), strict=True)]


def _columns(kind: type, values: tuple[Any, ...] | list[Any]) -> list[Any]:
    """The columns of `values` (all of dataclass `kind`) made plain, in field order."""
    names = _names(kind)
    # A column at a time (`zip(*rows)` of thousands of rows is several times slower).
    columns: list[Any] = [list(map(attrgetter(name), values)) for name in names]
    for index, name in enumerate(names):
        column = columns[index]
        if name in _NESTED_UNITS:
            unit = _NESTED_UNITS[name]
            columns[index] = [round_to(unit, item) for item in column]
        else:
            kinds = set(map(type, column))
            if _AS_IS.issuperset(kinds):
                continue
            if kinds <= _DAYS:  # the rows' days: a call of `_plain` each was most of it
                columns[index] = [None if day is None else day.isoformat() for day in column]
            else:
                columns[index] = [item if type(item) in _AS_IS else _plain(item) for item in column]
    return columns


def _diversity(value: Diversity) -> dict[str, Any]:
    return {name: round_to(Unit.RATIO, getattr(value, name)) for name in _names(Diversity)}


def _goal_json(goal: GoalResult) -> dict[str, Any]:
    """A goal as SPEC lists it (and its note and id); where its span starts and was cut,
    and whether it runs, are for the text formats, not keys of the JSON."""
    out = {**_plain(goal), "actual": round_value(goal.metric, goal.actual)}
    del out["cut_at"], out["span_start"], out["running"]
    return out


def as_json(card: Scorecard, rows: bool = False) -> dict[str, Any]:
    """SPEC's JSON object for `card`: its fields in order, figures rounded for display.
    `rows`: its long lists of rows (going cold, stalled) as `json_text.Rows`, which
    `json_text.dumps` writes as it would the lists of dicts, without making them."""
    out: dict[str, Any] = {}
    for name in _names(Scorecard):
        value = getattr(card, name)
        if name == "trend":
            out[name] = {k: [round_value(k, v) for v in values] for k, values in value.items()}
        elif name == "goals":
            out[name] = [_goal_json(g) for g in card.goals]
        elif isinstance(value, Diversity):
            out[name] = _diversity(value)
        elif rows and type(value) is tuple and len(value) > 1 and _same_dataclass(value):
            from netrack.domain.json_text import Rows

            kind: type = type(value[0])
            out[name] = Rows(_names(kind), _columns(kind, value))
        else:
            out[name] = round_value(name, _plain(value))
    return out


# --- table and markdown: see present_text.py


def render(
    card: Scorecard,
    form: str,
    deadlines: tuple[Deadline, ...] | None = None,
    names: tuple[Mapping[int, str], Mapping[int, str]] | None = None,
    today: date | None = None,
) -> str:
    """`card` as `json`, `markdown` or (anything else) the plain-text table; with the
    `deadlines` due as of its end (`repo.scorecard.deadlines`), when given: a key of the
    JSON after SPEC's (extra keys are welcome there), a section after the text.
    `names`: how the text names the contacts and the campaigns that share a name
    (`listing.Labels`); the JSON has their stored names and ids. Given `today`, the
    text headers tell a period that has not started from a running one."""
    if form == "json":
        shown = as_json(card, rows=True)
        if deadlines is not None:
            shown["deadlines"] = [_plain(row) for row in deadlines]
        with paused():  # a long card's JSON is thousands of dicts: see gc_pause
            return safe_json(shown)  # valid JSON that never sends a control byte raw
    from netrack import present_text
    from netrack.listing import NO_LABELS

    people, campaigns = names or (NO_LABELS, NO_LABELS)
    if form == "markdown":
        text, due = (
            present_text.markdown(card, people, campaigns, today),
            present_text.deadlines_markdown,
        )
    else:
        text, due = present_text.table(card, people, campaigns, today), present_text.deadlines_table
    section = due(deadlines, campaigns) if deadlines else ""
    return f"{text}\n\n{section}" if section else text
