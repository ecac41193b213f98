"""How the scorecard's figures and goals read as text: rounding for display, units,
sparklines and goal wording, shared by the JSON, table, markdown and screen."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from netrack.domain.card import GoalResult, Scorecard
from netrack.domain.goal_words import (
    RATIO_DECIMALS,
    GoalLike,
    share_text,
    target_value,
)
from netrack.domain.models import Comparator, GoalPeriod
from netrack.domain.registry import ROWS, SHARE_KEYS, Unit, accumulates, unit_of
from netrack.domain.registry import value as registry_value
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


def fmt_unit(unit: Unit, value: Any, decimals: int | None = None) -> str:
    """A figure of `unit` as the table, markdown and screen show it, to `decimals`
    (default: the unit's); None is a dash."""
    if value is None:
        return NULL
    places = unit.decimals if decimals is None else decimals
    if places is not None and not isinstance(value, bool):
        value = round(float(value), places) + 0.0
    if isinstance(value, float):
        if unit in (Unit.HOURS, Unit.MONEY):
            return f"{value:.{places}f}"
        text = f"{value:.{RATIO_DECIMALS if places is None else places}f}".rstrip("0").rstrip(".")
        return text if value != int(value) else f"{value:.0f}"
    return str(value)


# How a person reads a ratio (issue: "Outcomes per 10h 23.4146 means nothing"): shares of
# a whole (`SHARE_KEYS`) as percentages, the other ratios (scores) as numbers. Both keep
# the 4 decimals SPEC gives a ratio: rounder, a missed 0.8999 read "90% ✗ missed (≥ 90%)".
SCORE_KEYS = frozenset({"relationship_quality", "outcomes_per_10h"})


def percent(value: float | None, decimals: int = RATIO_DECIMALS) -> str:
    """A share of a whole as a percentage (`share_text`); None is a dash."""
    return NULL if value is None else share_text(value, decimals)


def _score(value: float, decimals: int = RATIO_DECIMALS) -> str:
    """`10.0000`, `3.4970`, `6.4865`: always the ratio's `decimals`, so that one column
    of them lines up (whole ones read "10.00" beside "6.4865" before)."""
    return f"{round(float(value), decimals) + 0.0:.{decimals}f}"


# Past this many decimals two floats that differ are noise of the arithmetic, not figures.
_MOST_DECIMALS = 12


def decimals_apart(value: Any, decimals: int | None, targets: Iterable[float]) -> int | None:
    """The decimals to show `value` with: `decimals` (a unit's), or where those would read
    as a goal's target it is not (0.6667 hours as 0.67 against 0.67, or across it), as
    few more as tell it apart (0.667): a missed goal never reads as met, and the figure
    still rounds to what the JSON says (a value rounded away from the target did not)."""
    if value is None or isinstance(value, bool) or decimals is None:
        return decimals
    value = float(value)
    for target in targets:
        if value == target:
            continue
        while decimals < _MOST_DECIMALS:
            rounded = round(value, decimals)
            if rounded != target and (rounded < target) == (value < target):
                break
            decimals += 1
    return decimals


def fmt(key: str, value: Any, goals: Iterable[GoalLike] = ()) -> str:
    """Metric `key`'s `value` as shown: percentages for shares, scores to four decimals;
    never as one of `goals`' targets unless it is that target (more decimals then)."""
    unit = unit_of(key)
    decimals = decimals_apart(value, unit.decimals, [goal.target for goal in goals])
    if key in SHARE_KEYS:
        return percent(value, decimals or RATIO_DECIMALS)
    if key in SCORE_KEYS:
        return NULL if value is None else _score(value, decimals or RATIO_DECIMALS)
    return fmt_unit(unit, value, decimals)


def own_goals(card: Scorecard, key: str) -> list[GoalResult]:
    """The card's goals on metric `key` of the card's own period kind: those measuring
    the very figure the card shows (another kind's measure another span)."""
    kind = card_kind(card)
    return [goal for goal in card.goals if goal.metric == key and goal.period == kind]


def fmt_figure(card: Scorecard, key: str) -> str:
    """Metric `key` of `card` as every place on the card shows it: beside its goals and
    away from them alike (the screen's hours box said 0.67 where the row said 0.667)."""
    return fmt(key, registry_value(card, key), own_goals(card, key))


def fmt_days(days: float) -> str:
    """A mean of days (time in stage) as every format shows it: `11.67`."""
    return f"{days:.2f}"


def goal_label(goal: GoalResult) -> str:
    """`Meaningful contacts (month goal)`: the metric's label, never its raw key."""
    from netrack.domain.registry import BY_KEY

    metric = BY_KEY.get(goal.metric)
    return f"{metric.label if metric else goal.metric} ({goal.period.value} goal)"


def sparkline(values: Iterable[float | int]) -> str:
    values = list(values)
    top = max(values, default=0) or 1
    return "".join(SPARK[min(len(SPARK) - 1, int(v / top * (len(SPARK) - 1)))] for v in values)


def goal_progress(goal: GoalResult) -> str:
    """`4/8 so far`: an undecided goal's actual against its target."""
    return (
        f"{fmt(goal.metric, goal.actual, [goal])}/{target_value(goal.metric, goal.target)} so far"
    )


def standing_so_far(goal: GoalResult) -> bool | None:
    """How a goal on a figure that can still go back (`registry.accumulates`: a ratio, a
    share, a state) stands on its running span: True met so far (a target reached, a cap
    kept), False over so far (a cap exceeded). None where the text says its progress or
    its verdict for good instead: a tally's goal, a span that has ended, an at-least
    target not reached yet ("60%/90% so far", as SPEC shows an undecided goal), nothing
    measured yet. SPEC's `met` (the JSON's) is true or false here only once a target is
    reached or a cap exceeded; a cap kept is null there, and "✓ met so far" here, as the
    README says: "… 0/0 so far" read like progress towards a ceiling of nothing."""
    if not goal.running or accumulates(goal.metric):
        return None
    if goal.met is not None:
        return goal.met
    if goal.comparator == Comparator.AT_MOST and goal.actual is not None:
        return True  # not exceeded, or SPEC's rule would have said false
    return None


def provisional(goal: GoalResult) -> bool:
    """Whether `goal` reads "met so far" or "over so far" (`standing_so_far`): neither
    met nor missed for good, its period still running."""
    return standing_so_far(goal) is not None


def goal_verdict(goal: GoalResult) -> str:
    """`✓ met`, `✗ missed`; `✓ met so far`, `✗ over so far` while it can still go back
    (`standing_so_far`); `… 4/8 so far` while undecided: the table's and the screens'
    words."""
    standing = standing_so_far(goal)
    if standing is not None:
        return "✓ met so far" if standing else "✗ over so far"
    if goal.met is None:
        return f"… {goal_progress(goal)}"
    return "✓ met" if goal.met else "✗ missed"


def goals_met(goals: Iterable[GoalResult]) -> tuple[int, int]:
    """How many of `goals` are met for good, and how many are open: undecided, or met
    or over only so far (`provisional`), as the screens' headings count them."""
    goals = list(goals)
    met = sum(1 for g in goals if g.met and not provisional(g))
    return met, sum(1 for g in goals if g.met is None or provisional(g))


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


def span_name(kind: str, start: date) -> str:
    """The calendar period of `kind` starting on `start`, named as a coach reads it at
    once: "week of Nov 30", "March 2027", "2026-Q4", "year 2026" ("month of Mar 01" and
    "quarter of Oct 01" had to be worked out)."""
    if kind == "week":
        return f"week of {start:%b %d}"
    if kind == "month":
        return f"{start:%B %Y}"
    if kind == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"year {start.year}"


def goal_span(goal: GoalResult, card: Scorecard, today: date | None = None) -> str:
    """What a goal beside no row measured: its kind's period "to date" while the card
    runs, up to the card's end where that cut it short ("month to Oct 04"), else the
    period by its name ("October 2026", `span_name`). A span that starts after `today`
    is named even when cut ("week of Mar 29 to Mar 31"): "to date" read as this week's,
    and "week to Mar 31" as a week under way."""
    kind, start = goal.period.value, goal.span_start
    upcoming = today is not None and start is not None and start > today
    # A card not started measures up to its end, after today: "to date" would be today
    started = today is None or card.period.start <= today
    if not card.complete and not upcoming and (started or goal.cut_at is None):
        return f"{kind} to date"
    cut = "" if goal.cut_at is None else f" to {goal.cut_at:%b %d}"
    if start is None or (cut and not upcoming):
        return f"{kind}{cut}"
    return span_name(kind, start) + cut


def goal_groups(
    card: Scorecard, today: date | None = None
) -> list[tuple[GoalPeriod, str, list[GoalResult]]]:
    """`other_goals` by the span each measured (`goal_span`), in order: the sections of
    the table and of the screen's card, which say the same span. Goals of one kind may
    measure different spans: one counting from after today is measured from its own
    period, the others on today's."""
    others = other_goals(card)
    spans = [(g.period, goal_span(g, card, today)) for g in others]
    return [
        (kind, span, [g for g, at in zip(others, spans, strict=True) if at == (kind, span)])
        for kind, span in dict.fromkeys(spans)
    ]
